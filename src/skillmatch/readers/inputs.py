"""Many texts at once: directories, ``.jsonl`` and ``.csv`` files, stdin, and records.

:func:`iter_documents` yields a :class:`Document` or the error that stopped it for every input, in
input order, one at a time; a batch goes on after an error. Records (a JSONL line, a CSV row, a
record from Dask) get the same checks as a file's text through :func:`document_from_record`.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

from skillmatch.errors import (
    CorruptDocumentError,
    DocumentReadError,
    EmptyDocumentError,
    LimitExceededError,
)
from skillmatch.limits import Limits
from skillmatch.readers.document import Document, ReadOutcome, make_document, short_error
from skillmatch.readers.formats.text import read as read_text
from skillmatch.readers.registry import DOCUMENT_EXTENSIONS, open_regular_file, read_document

__all__ = [
    "document_from_record",
    "expand_dir",
    "iter_documents",
    "list_document_files",
]

logger = logging.getLogger("skillmatch")


def iter_documents(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    text_column: str = "text",
    id_column: str = "id",
    limits: Limits | None = None,
    recursive: bool = True,
    follow_links: bool = False,
) -> Iterator[ReadOutcome]:
    """Yield a :class:`Document` for every text in ``inputs``, or the error that stopped it.

    ``inputs`` are files, directories, ``.jsonl``/``.csv`` files (one text per line or row) and
    ``"-"`` for stdin (one text, or JSONL if it looks like JSONL). Directories expand to their
    document files (``DOCUMENT_EXTENSIONS``; not ``.jsonl``/``.csv``), sorted by path, skipping
    hidden files and Office lock files (``~$*``); ``recursive=False`` stays at the top level.
    Symbolic links out of a directory are skipped unless ``follow_links``.

    Errors are yielded, never raised, as ``DocumentReadError`` or ``LimitExceededError``
    instances whose ``.path`` names the file or ``file.jsonl:line N``, so a batch goes on and can
    write an error row. Output follows input order. It is lazy: one file is read at a time.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "b.txt").write_text("MLOps, Kubeflow", encoding="utf-8")
    >>> _ = (d / "a.txt").write_text("PyTorch, CUDA", encoding="utf-8")
    >>> [doc.text for doc in iter_documents(d)]
    ['PyTorch, CUDA', 'MLOps, Kubeflow']
    """
    limits = limits or Limits()
    items: Iterable[str | os.PathLike[str]] = (
        [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs
    )
    for item in items:
        name = os.fspath(item)
        if name == "-":
            yield from _iter_stdin(text_column, id_column, limits)
            continue
        p = Path(item)
        if p.is_dir():
            files = expand_dir(p, recursive, follow_links)
            if not files:
                logger.warning("%s: no document files in this directory", name)
            for f in files:
                yield _read_or_error(f, limits)
        elif p.suffix.lower() == ".jsonl":
            yield from _iter_jsonl_file(p, name, text_column, id_column, limits)
        elif p.suffix.lower() == ".csv":
            yield from _iter_csv_file(p, name, text_column, id_column, limits)
        else:
            yield _read_or_error(p, limits)


def _read_or_error(p: Path, limits: Limits) -> ReadOutcome:
    try:
        return read_document(p, limits=limits)
    except (DocumentReadError, LimitExceededError) as exc:
        return exc


def list_document_files(
    directory: str | os.PathLike[str], *, recursive: bool = True, follow_links: bool = False
) -> list[Path]:
    """Return the document files under ``directory`` in the order :func:`iter_documents` reads.

    Only ``DOCUMENT_EXTENSIONS``, sorted by relative path, skipping hidden files and directories
    and Office lock files (``~$*``). A symbolic link that leads out of ``directory`` (to a
    system file, say) is skipped with a warning unless ``follow_links``. A batch runner uses
    this to hand paths, not texts, to workers.
    """
    return expand_dir(Path(directory), recursive, follow_links)


def expand_dir(root: Path, recursive: bool, follow_links: bool = False) -> list[Path]:
    """Return the document files under ``root``, as :func:`list_document_files` describes."""
    found: list[tuple[tuple[str, ...], Path]] = []
    real_root = os.path.realpath(root)
    seen: set[str] = set()  # followed links can loop
    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_links):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        kept = [d for d in dirnames if not d.startswith(".")] if recursive else []
        dirnames[:] = [d for d in kept if _stays_inside(Path(dirpath) / d, real_root, follow_links)]
        for fname in filenames:
            if fname.startswith((".", "~$")):
                continue
            path = Path(dirpath) / fname
            if path.suffix.lower() in DOCUMENT_EXTENSIONS and _stays_inside(
                path, real_root, follow_links
            ):
                found.append((path.relative_to(root).parts, path))
    found.sort(key=itemgetter(0))
    return [path for _, path in found]


def _stays_inside(path: Path, real_root: str, follow_links: bool) -> bool:
    """Whether ``path`` may be read: not a symbolic link out of the input folder, unless asked."""
    if follow_links or not path.is_symlink():
        return True
    target = os.path.realpath(path)
    if os.path.commonpath([target, real_root]) == real_root:
        return True
    logger.warning(
        "%s: a symbolic link out of %s (to %s); skipped (follow_links=True reads it)",
        path,
        real_root,
        target,
    )
    return False


def _parse_as_of(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # pandas' Timestamp too
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise CorruptDocumentError(
            where, f"as_of {value!r} is not a date; write it as YYYY-MM-DD"
        ) from exc


def document_from_record(
    record: Any,
    *,
    where: str,
    text_column: str = "text",
    id_column: str = "id",
    limits: Limits | None = None,
) -> Document:
    """Return the document of one ``{"id", "text", "as_of"}`` record, checked as a file's is.

    ``where`` names the record in errors and is its id when it has none. Raises
    ``CorruptDocumentError`` (not an object, no text, a bad ``as_of``), ``EmptyDocumentError``
    (only whitespace) and ``LimitExceededError`` (text too long), like the JSONL reader.
    """
    return _record_to_document(record, where, text_column, id_column, limits or Limits())


def _record_to_document(
    record: Any, where: str, text_column: str, id_column: str, limits: Limits
) -> Document:
    if not isinstance(record, dict):
        raise CorruptDocumentError(
            where,
            f"expected a JSON object like {{{id_column!r}: ..., {text_column!r}: ...}}, "
            f"got {type(record).__name__}",
        )
    if text_column not in record:
        raise CorruptDocumentError(
            where,
            f"no {text_column!r} field (fields: {', '.join(map(str, record)) or 'none'}); "
            "choose it with --text-column (text_column= in Python)",
        )
    text = record[text_column]
    if not isinstance(text, str):
        raise CorruptDocumentError(
            where, f"{text_column!r} must be a string, got {type(text).__name__}"
        )
    raw_id = record.get(id_column)
    doc_id = where if raw_id is None or raw_id == "" else str(raw_id)
    as_of = _parse_as_of(record.get("as_of"), where)
    return make_document(doc_id, text, where, as_of, [], [], limits)


def _jsonl_line(
    raw: bytes, where: str, text_column: str, id_column: str, limits: Limits
) -> ReadOutcome:
    try:
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CorruptDocumentError(
                where, f"not UTF-8 (byte {exc.start}); JSONL must be UTF-8"
            ) from exc
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise CorruptDocumentError(where, f"not valid JSON ({short_error(exc)})") from exc
        return _record_to_document(record, where, text_column, id_column, limits)
    except (DocumentReadError, LimitExceededError) as exc:
        return exc


def _iter_jsonl_lines(
    fh: Any, label: str, text_column: str, id_column: str, limits: Limits
) -> Iterator[ReadOutcome]:
    lineno = 0
    while True:
        raw = fh.readline(limits.max_file_bytes + 1)
        if not raw:
            return
        lineno += 1
        where = f"{label}:line {lineno}"
        if len(raw) > limits.max_file_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                raw = fh.readline(1024 * 1024)
            try:
                limits.check(
                    "max_file_bytes",
                    limits.max_file_bytes + 1,
                    path=where,
                    what="line size (bytes)",
                )
            except LimitExceededError as exc:
                yield exc
            continue
        if not raw.strip():
            continue
        yield _jsonl_line(raw, where, text_column, id_column, limits)


def _iter_jsonl_file(
    p: Path, name: str, text_column: str, id_column: str, limits: Limits
) -> Iterator[ReadOutcome]:
    try:
        fh = open_regular_file(p, name)
    except DocumentReadError as exc:
        yield exc
        return
    with fh:
        yield from _iter_jsonl_lines(fh, name, text_column, id_column, limits)


def _csv_encoding(fh: BinaryIO) -> str:
    sample = fh.read(1024 * 1024)
    fh.seek(0)
    try:
        sample.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut by the sample's end
            return "utf-8-sig"
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(sample).best()
    except Exception:  # a library boundary: fall back to a lossless single-byte codec
        best = None
    return best.encoding if best is not None else "cp1252"


def _iter_csv_file(
    p: Path, name: str, text_column: str, id_column: str, limits: Limits
) -> Iterator[ReadOutcome]:
    try:
        raw = open_regular_file(p, name)
        encoding = _csv_encoding(raw)
        fh = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
    except DocumentReadError as exc:
        yield exc
        return
    except OSError as exc:
        yield DocumentReadError(name, f"cannot read: {exc.strerror or exc}")
        return
    # The csv module caps a field at 128 KiB by default; a long résumé is legitimately longer.
    if csv.field_size_limit() < limits.max_text_chars + 1:
        csv.field_size_limit(limits.max_text_chars + 1)
    with fh:
        reader = csv.DictReader(fh)
        try:
            columns = reader.fieldnames
        except csv.Error as exc:
            yield CorruptDocumentError(name, f"not a readable CSV ({short_error(exc)})")
            return
        if not columns or text_column not in columns:
            yield CorruptDocumentError(
                name,
                f"no column {text_column!r} (columns: {', '.join(columns or []) or 'none'}); "
                "choose it with --text-column (text_column= in Python)",
            )
            return
        row = 0
        while True:
            row += 1
            where = f"{name}:row {row}"
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield CorruptDocumentError(where, f"malformed CSV row ({short_error(exc)})")
                continue
            if record.get(text_column) is None:
                record[text_column] = ""
            try:
                yield _record_to_document(record, where, text_column, id_column, limits)
            except (DocumentReadError, LimitExceededError) as exc:
                yield exc


def _iter_stdin(text_column: str, id_column: str, limits: Limits) -> Iterator[ReadOutcome]:
    stream = getattr(sys.stdin, "buffer", None)
    data: bytes
    if stream is not None:
        data = stream.read(limits.max_file_bytes + 1)
    else:  # a text-only stdin (some test harnesses and notebooks)
        data = sys.stdin.read(limits.max_file_bytes + 1).encode("utf-8")
    try:
        limits.check("max_file_bytes", len(data), path="stdin", what="input size (bytes)")
        if not data.strip():
            raise EmptyDocumentError("stdin", "no text on stdin")
    except (DocumentReadError, LimitExceededError) as exc:
        yield exc
        return
    if _looks_like_jsonl(data, text_column):
        yield from _iter_jsonl_lines(io.BytesIO(data), "stdin", text_column, id_column, limits)
        return
    try:
        read = read_text(data, "stdin", limits)
        yield make_document("stdin", read.text, "stdin", None, [], read.warnings, limits)
    except (DocumentReadError, LimitExceededError) as exc:
        yield exc


def _looks_like_jsonl(data: bytes, text_column: str) -> bool:
    first = data.lstrip().split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return False
    try:
        record = json.loads(first.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and text_column in record
