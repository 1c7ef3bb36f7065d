"""One module per file format, each a function ``read(data, name, limits) -> Extracted``.

A format reader turns a file's bytes into text, the ranges of that text a reader cannot see (with
why) and warnings. It raises a named error from :mod:`skillmatch.errors` for anything it cannot
read; nothing a parsing library raises escapes as its own exception. The registry
(:mod:`skillmatch.readers.registry`) maps each file extension to its reader.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from skillmatch.limits import Limits
from skillmatch.models import Flag

__all__ = ["NEAR_WHITE", "TINY_FONT_PT", "Extracted", "Reader"]

TINY_FONT_PT = 4.0
"""Text in a smaller font than this (in points) is hidden: a reader cannot see it."""

NEAR_WHITE = 0.95
"""A colour whose every channel is at least this light (0 to 1) is white: hidden on white paper."""


class Extracted(NamedTuple):
    """What a format reader found in a file, before ``make_document`` checks it."""

    text: str
    """The text, lines joined by ``\\n``."""
    hidden: list[tuple[int, int, str]]
    """``(start, end, why)`` ranges of ``text`` a reader cannot see."""
    warnings: list[Flag]
    """Flags about the read itself (an encoding guessed, a page skipped)."""
    as_of: date | None = None
    """The day the file says it was written (PDF and DOCX metadata), if it says."""
    as_of_source: str = "given"
    """Which date of the file ``as_of`` is: "metadata (PDF ModDate)", ..."""


Reader = Callable[[bytes, str, Limits], Extracted]
"""``read(data, name, limits)``: a file's bytes, its name for messages, the limits to enforce."""
