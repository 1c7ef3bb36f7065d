"""Plain text and Markdown: the file's text as it is, decoded."""

from __future__ import annotations

from skillmatch.errors import CorruptDocumentError, EmptyDocumentError
from skillmatch.limits import Limits
from skillmatch.readers.formats import Extracted
from skillmatch.readers.formats.decoding import decode, sniff

__all__ = ["read"]


def read(data: bytes, name: str, limits: Limits) -> Extracted:
    """Read a plain text or Markdown file: decoded, line ends made ``\n``, nothing hidden."""
    if not data.strip():
        raise EmptyDocumentError(name, "no text (only whitespace)")
    if data.lstrip()[:5] == b"%PDF-":
        raise CorruptDocumentError(name, "not a text file: " + sniff(data))
    if data.startswith(b"PK\x03\x04"):
        raise CorruptDocumentError(name, "not a text file: " + sniff(data))
    text, warnings = decode(data, name)
    return Extracted(text.replace("\r\n", "\n").replace("\r", "\n"), [], warnings)
