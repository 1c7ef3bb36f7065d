"""What the HTTP service lets an operator set: taxonomy, concurrency, time and size limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from skillmatch.limits import Limits


@dataclass(frozen=True)
class ServerSettings:
    """The settings of one service process (``skillmatch serve`` options).

    ``concurrency`` requests are matched at once (threads), ``queue`` more may wait; beyond
    that a request gets 503 at once. A request whose documents are not read and matched within
    ``timeout`` seconds gets 504 (its work finishes in the background and still counts against
    ``concurrency``, so a flood of slow requests cannot pile up work). ``max_body_bytes`` caps
    a request body (413); ``limits`` are the readers' limits for each text or file, and
    ``max_texts`` the number of résumés one ``/score`` request may carry.
    """

    taxonomy: Path | None = None
    concurrency: int = 2
    queue: int = 8
    timeout: float = 30.0
    max_body_bytes: int = 20 * 1024 * 1024
    max_texts: int = 1000
    limits: Limits = field(default_factory=Limits)
