"""Which reader reads which file: the :data:`FORMATS` map and :func:`read_document`.

A new file format is one module in :mod:`skillmatch.readers.formats` with
``read(data, name, limits) -> Extracted`` and one line in :data:`FORMATS`; the supported extensions
(:data:`DOCUMENT_EXTENSIONS`), the directory listing and the error messages follow from it.
"""

from __future__ import annotations

import os
from pathlib import Path

from skillmatch.errors import (
    DocumentReadError,
    EmptyDocumentError,
    SkillmatchError,
    UnsupportedFormatError,
)
from skillmatch.limits import Limits
from skillmatch.readers.document import Document, make_document
from skillmatch.readers.formats import Reader, docx, html, pdf, text

__all__ = ["BATCH_EXTENSIONS", "DOCUMENT_EXTENSIONS", "FORMATS", "read_document"]

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

    Raises ``UnsupportedFormatError``, ``EncryptedDocumentError``, ``EmptyDocumentError``,
    ``CorruptDocumentError`` (all ``DocumentReadError``) or ``LimitExceededError``.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "cv.txt"
    >>> _ = p.write_text("Built RAG pipelines with LangChain.", encoding="utf-8")
    >>> read_document(p).text
    'Built RAG pipelines with LangChain.'
    """
    limits = limits or Limits()
    name = os.fspath(path)
    p = Path(path)
    ext = p.suffix.lower()
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
    data = _read_bytes(p, name, limits)
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


def _read_bytes(p: Path, name: str, limits: Limits) -> bytes:
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise DocumentReadError(name, "is a directory; pass it to iter_documents() instead")
        limits.check("max_file_bytes", size, path=name, what="file size (bytes)")
        with p.open("rb") as fh:
            # Read one byte past the limit: a file that grew after stat() is still refused.
            data = fh.read(limits.max_file_bytes + 1)
    except SkillmatchError:
        raise
    except FileNotFoundError as exc:
        raise DocumentReadError(name, "no such file") from exc
    except OSError as exc:
        raise DocumentReadError(name, f"cannot open: {exc.strerror or exc}") from exc
    limits.check("max_file_bytes", len(data), path=name, what="file size (bytes)")
    if not data:
        raise EmptyDocumentError(name, "empty file (0 bytes)")
    return data
