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
import hashlib
import io
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from skillmatch._runtime import PARENT_ONLY_FDS
from skillmatch.batch.rows import Row, rank_key

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None  # type: ignore[assignment]
from skillmatch.errors import InputError
from skillmatch.models import writable

__all__ = [
    "FORMULA_START",
    "WRITERS",
    "Existing",
    "OutputLock",
    "RowWriter",
    "csv_cell",
    "fingerprint",
    "manifest_path",
    "rank_file",
    "read_existing",
    "read_rows",
    "write_text_atomically",
    "writer_for",
]

logger = logging.getLogger("skillmatch")

OutputFormat = Literal["csv", "jsonl"]

FORMULA_START = ("=", "+", "@", "-", "\t", "\r")
"""How a cell starts that a spreadsheet would run as a formula (after any control chars)."""


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
    # Control characters in front hide a formula from the check but not from LibreOffice
    # ("\x00=cmd|..." runs): they go first.
    cell = _LEADING_CONTROLS.sub("", cell)
    # A cell a spreadsheet would run as a formula (a file named "=HYPERLINK(...).pdf") is quoted.
    return "'" + cell if cell.startswith(FORMULA_START) else cell


_LEADING_CONTROLS = re.compile(r"^[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")


def _writable_line(line: str, row: Row) -> str:
    """``line`` as UTF-8 can write it: a lone surrogate (JSON's "\\ud800" read from an input)
    becomes U+FFFD, with a warning, so one record never stops a batch."""
    fixed = writable(line)
    if fixed is not line:
        logger.warning(
            "%s: text that UTF-8 cannot encode (lone surrogates) written as U+FFFD",
            row.get("source"),
        )
    return fixed


def _csv_encode(row: Row, cols: Sequence[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([csv_cell(row.get(c)) for c in cols])
    return _writable_line(buf.getvalue(), row)


def _csv_decode(line: str, cols: Sequence[str]) -> Row:
    return dict(zip(cols, next(csv.reader([line])), strict=False))


def _jsonl_encode(row: Row, cols: Sequence[str]) -> str:
    return _writable_line(json.dumps(row, ensure_ascii=False) + "\n", row)


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
    """What an earlier run wrote: how often each input (by ``input_key``) is in the file, its
    rows and failures."""

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
            found.sources[str(record.get("input_key") or record.get("source"))] += 1
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
        with _replacing(p) as out:
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


@contextlib.contextmanager
def _replacing(p: Path) -> Iterator[TextIO]:
    """A text file that replaces ``p`` whole when the block ends, or not at all: written
    beside it, flushed to disk, then renamed over it (a reader never sees half of it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
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


# --------------------------------------------------------------------------------------------
# The output's manifest and lock, and whole files written atomically


def manifest_path(out: Path) -> Path:
    """The manifest beside an output file: ``ranked.csv`` -> ``ranked.csv.manifest.json``."""
    return out.with_name(out.name + ".manifest.json")


class OutputLock:
    """An exclusive lock on an output for one run, held on its manifest, which says what the
    rows were scored with (job, taxonomy, options) so that ``resume`` can refuse a mismatch.

    A second run on the same output fails at once instead of mixing its rows into the file.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = manifest_path(out)
        self.fd = -1

    def __enter__(self) -> OutputLock:
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError(
                f"{self.out}: cannot create its manifest {self.path.name} "
                f"({exc.strerror or exc}); check the folder exists and is writable"
            ) from exc
        if fcntl is not None:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(self.fd)
                raise InputError(
                    f"{self.out}: another skillmatch run is writing it; wait for that run to "
                    "finish, or write to another file"
                ) from None
        # Forked workers close it: the lock dies with this process, even by kill -9.
        PARENT_ONLY_FDS.add(self.fd)
        return self

    def __exit__(self, *exc: object) -> None:
        PARENT_ONLY_FDS.discard(self.fd)
        os.close(self.fd)  # closing releases the lock

    def read(self) -> dict[str, Any] | None:
        """The manifest of the run that wrote the output, or ``None`` (none, or unreadable)."""
        os.lseek(self.fd, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(self.fd, 1 << 16):
            chunks.append(chunk)
        try:
            found = json.loads(b"".join(chunks).decode("utf-8"))
        except ValueError:
            return None
        return found if isinstance(found, dict) else None

    def write(self, manifest: dict[str, Any]) -> None:
        data = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8") + b"\n"
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        os.write(self.fd, data)
        os.fsync(self.fd)

    def check(self, manifest: dict[str, Any]) -> None:
        """Refuse to resume an output written with another job, taxonomy or options."""
        recorded = self.read()
        if recorded is None:
            logger.warning(
                "%s: no readable manifest (%s); cannot check the job, taxonomy and options it "
                "was scored with",
                self.out,
                self.path.name,
            )
            return
        differ = sorted(
            k for k in manifest.keys() | recorded.keys() if manifest.get(k) != recorded.get(k)
        )
        if differ:
            raise InputError(
                f"{self.out}: was scored with a different {', '.join(differ)} "
                f"(see {self.path.name}); resume with the same job, taxonomy and options, or "
                "write to a new file"
            )


def fingerprint(text: str) -> str:
    """A short hash of ``text``, for a manifest."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8; a lone surrogate as U+FFFD) to ``path`` whole or not at all: a
    temporary file beside it, flushed to disk, then renamed over it."""
    with _replacing(Path(path)) as out:
        out.write(writable(text))
