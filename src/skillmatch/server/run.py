"""Run the service with uvicorn."""

from __future__ import annotations

import logging

from skillmatch.server.app import create_app
from skillmatch.server.settings import ServerSettings

logger = logging.getLogger("skillmatch")


def run(settings: ServerSettings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build the matcher, then serve until interrupted (Ctrl-C or SIGTERM)."""
    import uvicorn

    app = create_app(settings)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
