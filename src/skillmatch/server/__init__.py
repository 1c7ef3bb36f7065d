"""The HTTP service: ``skillmatch serve`` (the optional ``[server]`` extra: FastAPI and uvicorn).

``POST /match``, ``/compare`` and ``/score`` take JSON texts or multipart files; ``GET /taxonomy``
and ``/health`` describe the service; the OpenAPI document is at ``/openapi.json`` and its pages
at ``/docs``. Errors are JSON objects named like the library's exceptions::

    {"error": "EmptyDocumentError", "message": "cv.pdf: no text layer ...", "status": 422}

Its modules: ``settings`` (what can be configured), ``guards`` (body size, admission and time
limits), ``schemas`` (request and response models), ``app`` (the routes), ``run`` (uvicorn).

>>> from skillmatch.server import ServerSettings, create_app  # doctest: +SKIP
>>> app = create_app(ServerSettings(concurrency=4))           # doctest: +SKIP
"""

from __future__ import annotations

from skillmatch.server.app import create_app
from skillmatch.server.run import run
from skillmatch.server.settings import ServerSettings

__all__ = ["ServerSettings", "create_app", "run"]
