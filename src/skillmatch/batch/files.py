"""Batch output files: ``.csv`` and ``.jsonl`` rows, written, read back for ``resume``, ranked.

Each output format is one :class:`RowWriter` in :data:`WRITERS`, keyed by the file's extension:
how a row becomes one line of the file and a line a row again. CSV cells never span two
physical lines (a truncated last row is recognized by its missing newline) and a cell that a
spreadsheet would run as a formula is quoted (:func:`csv_cell`).
"""

from __future__ import annotations

import collections
import contextlib
import csv
import io
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from skillmatch.batch.rows import Row, rank_key
from skillmatch.errors import InputError

__all__ = [
    "FORMULA_START",
    "WRITERS",
    "Existing",
    "RowWriter",
    "csv_cell",
    "rank_file",
    "read_existing",
    "read_rows",
    "writer_for",
]

logger = logging.getLogger("skillmatch")

OutputFormat = Literal["csv", "jsonl"]

FORMULA_START = ("=", "+", "@", "-", "\t", "\r")
"""How a cell starts that a spreadsheet would run as a formula."""


def csv_cell(value: Any) -> str:
    """Return ``value`` as one CSV cell: one physical line, quoted if it looks like a formula.

    >>> csv_cell("=SUM(A1)"), csv_cell("resume.pdf"), csv_cell(0.5), csv_cell(None)
    ("'=SUM(A1)", 'resume.pdf', '0.5', '')
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    # One physical line per row: that is how a truncated last row is recognized on --resume.
    cell = " ".join(value.splitlines())
    # A cell a spreadsheet would run as a formula (a file named "=HYPERLINK(...).pdf") is quoted.
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _csv_encode(row: Row, cols: Sequence[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([csv_cell(row.get(c)) for c in cols])
    return buf.getvalue()


def _csv_decode(line: str, cols: Sequence[str]) -> Row:
    return dict(zip(cols, next(csv.reader([line])), strict=False))


def _jsonl_encode(row: Row, cols: Sequence[str]) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"


def _jsonl_decode(line: str, cols: Sequence[str]) -> Row:
    row: Row = json.loads(line)
    return row


@dataclass(frozen=True)
class RowWriter:
    """One output format: a row of ``cols`` to one line of the file, and the line back to a row.

    ``header``: the file starts with a line of the column names (CSV).
    """

    name: OutputFormat
    encode: Callable[[Row, Sequence[str]], str]
    decode: Callable[[str, Sequence[str]], Row]
    header: bool = False

    def header_line(self, cols: Sequence[str]) -> str:
        """Return the line of column names that starts a file of this format."""
        return self.encode(dict(zip(cols, cols, strict=True)), cols)


WRITERS: dict[str, RowWriter] = {
    ".csv": RowWriter("csv", _csv_encode, _csv_decode, header=True),
    ".jsonl": RowWriter("jsonl", _jsonl_encode, _jsonl_decode),
}
"""The output formats, by file extension (lower case)."""


def writer_for(path: Path) -> RowWriter:
    """Return the output format of ``path`` by its extension; raise ``InputError`` for others."""
    ext = path.suffix.lower()
    writer = WRITERS.get(ext)
    if writer is None:
        raise InputError(
            f"{path}: output must end in {' or '.join(WRITERS)}, not {ext or '(no extension)'!r}"
        )
    return writer


@dataclass
class Existing:
    """What an earlier run wrote: how often each source is in the file, its rows and failures."""

    sources: collections.Counter[str] = field(default_factory=collections.Counter)
    rows: int = 0
    failed: int = 0


def read_existing(path: Path, cols: Sequence[str], fmt: RowWriter) -> Existing:
    """Read what an earlier run wrote; drop a truncated last line from the file."""
    found = Existing()
    if not path.exists() or path.stat().st_size == 0:
        return found
    keep = 0
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.endswith(b"\n"):
                break  # the line being written when the run stopped
            line = raw.decode("utf-8")
            if fmt.name == "csv":
                values = next(csv.reader([line]))
                if lineno == 1:
                    if values != list(cols):
                        raise InputError(
                            f"{path}: its columns ({', '.join(values)}) are not this run's "
                            f"({', '.join(cols)}); resume with the same job and taxonomy, "
                            "or write to a new file"
                        )
                    keep = fh.tell()
                    continue
                record = dict(zip(cols, values, strict=False))
            else:
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise InputError(
                        f"{path}: line {lineno} is not JSON ({exc}); only the last line may be "
                        "cut short; write to a new file"
                    ) from exc
                if not isinstance(record, dict) or "source" not in record:
                    raise InputError(f"{path}: line {lineno} is not a row of skillmatch output")
            keep = fh.tell()
            found.sources[str(record.get("source"))] += 1
            found.rows += 1
            found.failed += bool(record.get("error_type"))
    if keep < path.stat().st_size:
        logger.warning("%s: dropping a truncated last line (%d bytes)", path, path.stat().st_size)
        with path.open("r+b") as fh:
            fh.truncate(keep)
    return found


def rank_file(path: str | os.PathLike[str], cols: Sequence[str]) -> None:
    """Rewrite a finished output file in rank order (best fit first), atomically.

    Rows are read back one at a time; only their sort keys and file offsets stay in memory.
    ``rank`` is 1, 2, ... for scored rows and empty for failed ones, which come last in input
    order. The new file replaces the old one by rename, so a reader never sees half of it.
    """
    p = Path(path)
    fmt = writer_for(p)
    keys: list[tuple[tuple[int, float, int], int]] = []
    with p.open("rb") as fh:
        if fmt.header:
            fh.readline()
        position = 0
        while True:
            offset = fh.tell()
            raw = fh.readline()
            if not raw:
                break
            row = fmt.decode(raw.decode("utf-8"), cols)
            keys.append((rank_key(position, row.get("fit"), row.get("error_type")), offset))
            position += 1
        keys.sort()
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                if fmt.header:
                    out.write(fmt.header_line(cols))
                rank = 0
                for (failed, _, _), offset in keys:
                    fh.seek(offset)
                    row = fmt.decode(fh.readline().decode("utf-8"), cols)
                    if not failed:
                        rank += 1
                    row["rank"] = None if failed else rank
                    out.write(fmt.encode(row, cols))
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def read_rows(path: str | os.PathLike[str]) -> Iterator[Row]:
    """Yield the rows of a ``.csv`` or ``.jsonl`` output file (CSV values come back as strings)."""
    p = Path(path)
    fmt = writer_for(p)
    with p.open("r", encoding="utf-8", newline="") as fh:
        if fmt.name == "csv":
            yield from csv.DictReader(fh)
        else:
            for line in fh:
                if line.strip():
                    yield json.loads(line)
