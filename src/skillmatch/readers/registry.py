"""Which reader reads which file: the :data:`FORMATS` map and :func:`read_document`.

A new file format is one module in :mod:`skillmatch.readers.formats` with
``read(data, name, limits) -> Extracted`` and one line in :data:`FORMATS`; the supported extensions
(:data:`DOCUMENT_EXTENSIONS`), the directory listing and the error messages follow from it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from skillmatch._runtime import time_budget
from skillmatch.errors import (
    DocumentReadError,
    EmptyDocumentError,
    UnsupportedFormatError,
)
from skillmatch.limits import Limits
from skillmatch.readers.document import Document, make_document
from skillmatch.readers.formats import Reader, docx, html, pdf, text

__all__ = [
    "BATCH_EXTENSIONS",
    "DOCUMENT_EXTENSIONS",
    "FORMATS",
    "open_regular_file",
    "read_bytes",
    "read_document",
]

FORMATS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": text.read,
    ".pdf": pdf.read,
    ".docx": docx.read,
    ".html": html.read,
    ".htm": html.read,
}
"""The reader of each file extension; a new format is a module in ``formats/`` and a line here."""

DOCUMENT_EXTENSIONS: tuple[str, ...] = tuple(FORMATS)
"""File types :func:`read_document` reads, one document per file."""

BATCH_EXTENSIONS: tuple[str, ...] = (".jsonl", ".csv")
"""File types :func:`iter_documents` reads as many documents (one per line or row)."""


def read_document(
    path: str | os.PathLike[str],
    *,
    limits: Limits | None = None,
    id: str | None = None,
) -> Document:
    """Read one file into a :class:`Document`, checking every limit on the way.

    ``id`` defaults to the path as given. The file type comes from the extension (see
    ``DOCUMENT_EXTENSIONS``); a file whose content is not what its extension says is refused.

    Reading takes at most ``limits.max_seconds_per_file`` seconds. A FIFO, device or socket is
    refused (reading one could block forever).

    Raises ``UnsupportedFormatError``, ``EncryptedDocumentError``, ``EmptyDocumentError``,
    ``CorruptDocumentError`` (all ``DocumentReadError``) or ``LimitExceededError``
    (``DocumentTimeoutError`` when reading is over time).

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "cv.txt"
    >>> _ = p.write_text("Built RAG pipelines with LangChain.", encoding="utf-8")
    >>> read_document(p).text
    'Built RAG pipelines with LangChain.'
    """
    limits = limits or Limits()
    name = os.fspath(path)
    p = Path(path)
    reader = _reader_for(name)
    with time_budget(limits.max_seconds_per_file, source=name):
        return _document(reader, _read_bytes(p, name, limits), name, limits, id)


def read_bytes(
    data: bytes, name: str, *, limits: Limits | None = None, id: str | None = None
) -> Document:
    """Read one document from its bytes (an upload), as :func:`read_document` reads a file.

    ``name`` is the file name: its extension chooses the reader, and it names the document in
    errors. The same limits apply (the time budget too), and the same errors are raised.

    >>> read_bytes(b"Python and Go", "cv.txt").text
    'Python and Go'
    """
    limits = limits or Limits()
    reader = _reader_for(name)
    limits.check("max_file_bytes", len(data), path=name, what="file size (bytes)")
    if not data:
        raise EmptyDocumentError(name, "empty file (0 bytes)")
    with time_budget(limits.max_seconds_per_file, source=name):
        return _document(reader, data, name, limits, id)


def _document(reader: Reader, data: bytes, name: str, limits: Limits, id: str | None) -> Document:
    read = reader(data, name, limits)
    return make_document(
        id or name,
        read.text,
        name,
        read.as_of,
        read.hidden,
        read.warnings,
        limits,
        as_of_source=read.as_of_source,
    )


def open_regular_file(path: str | os.PathLike[str], name: str) -> BinaryIO:
    """Open a regular file for reading bytes; refuse a FIFO, a device or a socket, which could
    block forever or never end, with a ``DocumentReadError`` (as for a missing file)."""
    try:
        # Non-blocking: opening a FIFO with no writer would otherwise wait forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise DocumentReadError(name, "no such file") from exc
    except IsADirectoryError as exc:
        raise DocumentReadError(
            name, "is a directory; pass it to iter_documents() instead"
        ) from exc
    except OSError as exc:
        raise DocumentReadError(name, f"cannot open: {exc.strerror or exc}") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise DocumentReadError(name, "is a directory; pass it to iter_documents() instead")
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise DocumentReadError(name, f"is {kind}, not a regular file; save the text to a file")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _reader_for(name: str) -> Reader:
    ext = Path(name).suffix.lower()
    reader = FORMATS.get(ext)
    if reader is None:
        if ext in BATCH_EXTENSIONS:
            raise UnsupportedFormatError(
                name, f"a {ext} file holds many texts; read it with iter_documents()"
            )
        raise UnsupportedFormatError(
            name,
            f"unsupported file type {ext or '(no extension)'!r}; supported: "
            f"{', '.join(DOCUMENT_EXTENSIONS)} (and {', '.join(BATCH_EXTENSIONS)} in a batch)",
        )
    return reader


def _read_bytes(p: Path, name: str, limits: Limits) -> bytes:
    with open_regular_file(p, name) as fh:
        try:
            limits.check(
                "max_file_bytes", os.fstat(fh.fileno()).st_size, path=name, what="file size (bytes)"
            )
            # Read one byte past the limit: a file that grew after stat() is still refused.
            data = fh.read(limits.max_file_bytes + 1)
        except OSError as exc:
            raise DocumentReadError(name, f"cannot read: {exc.strerror or exc}") from exc
    limits.check("max_file_bytes", len(data), path=name, what="file size (bytes)")
    if not data:
        raise EmptyDocumentError(name, "empty file (0 bytes)")
    return data
