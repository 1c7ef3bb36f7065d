"""Read résumés and job postings from files: plain text out, with what a reader cannot see marked.

One document per file for ``.txt``, ``.md``, ``.pdf``, ``.docx``, ``.html`` and ``.htm``
(:func:`read_document`); many at once from directories, ``.jsonl``, ``.csv`` and stdin
(:func:`iter_documents`). Every failure is a named error from :mod:`skillmatch.errors` that says
which file and why; nothing a parsing library raises escapes as its own exception.

Text that a person reading the document cannot see (white or tiny text in a PDF, text outside the
page, invisible render mode, a hidden layer; hidden or white runs in a DOCX) stays in
``Document.text``, so a report can show it, and its character ranges are listed in
``Document.hidden_spans`` with a ``hidden-text`` flag in ``Document.warnings``.
``Document.visible_text`` blanks those ranges out and keeps every offset.

The package, one job per module:

- ``document``: :class:`Document`, the text builder that records hidden ranges, their flags.
- ``formats/``: one module per file format (``text``, ``html``, ``docx``, ``pdf``), each a
  ``read(data, name, limits) -> Extracted``; ``decoding`` turns bytes into text for text and HTML.
- ``registry``: ``FORMATS`` (extension -> reader) and :func:`read_document`.
- ``inputs``: directories, JSONL, CSV, stdin and records (:func:`iter_documents`).
"""

from __future__ import annotations

from skillmatch.limits import Limits
from skillmatch.readers.document import Document, ReadOutcome
from skillmatch.readers.inputs import document_from_record, iter_documents, list_document_files
from skillmatch.readers.registry import (
    BATCH_EXTENSIONS,
    DOCUMENT_EXTENSIONS,
    read_bytes,
    read_document,
)

__all__ = [
    "BATCH_EXTENSIONS",
    "DOCUMENT_EXTENSIONS",
    "Document",
    "Limits",
    "ReadOutcome",
    "document_from_record",
    "iter_documents",
    "list_document_files",
    "read_bytes",
    "read_document",
]
