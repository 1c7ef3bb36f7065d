"""Batch runs: many files in, one flat row per input out, in input order, on one or more processes.

The pieces, in the order data flows through them:

* :func:`iter_tasks` turns files, directories, ``.jsonl``/``.csv`` sets and ``-`` into tasks, one
  per input text, lazily. A file task carries only its path: the worker reads it, so PDF parsing
  runs in parallel too.
* :func:`iter_rows` scores the tasks, in-process or on ``n_process`` worker processes, and yields
  one flat row (a ``dict``, see :func:`columns`) per task, in input order. A file that fails, or
  takes longer than ``Limits.max_seconds_per_file``, becomes an error row; the batch goes on.
* :func:`run_batch` appends the rows to a ``.csv`` or ``.jsonl`` file as they come (flushed after
  every row, so a run killed at any moment loses at most the files in progress), skips inputs that
  are already in the file with ``resume=True``, and for a run against a job rewrites the file at
  the end in rank order (best fit first, failed files last), atomically.

Worker processes receive paths or texts and send back rows or results, never spaCy ``Doc``
objects. Each worker builds (or, where processes fork, inherits) its matcher once. A worker that
overruns the time limit inside Python gets a timeout error for that file from an alarm; one stuck
in C code for longer than the limit plus a grace period is killed and replaced.

>>> from skillmatch.batch import run_batch  # doctest: +SKIP
>>> summary = run_batch(["resumes/"], "ranked.csv", job="job.txt", n_process=4)  # doctest: +SKIP
>>> summary.failed  # doctest: +SKIP
0
"""

from __future__ import annotations

import collections
import contextlib
import csv
import io
import json
import logging
import math
import multiprocessing
import multiprocessing.connection
import multiprocessing.queues
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any, Literal, TypeAlias

from skillmatch.errors import InputError, LimitExceededError, SkillmatchError
from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.models import Comparison, MatchResult
from skillmatch.readers import (
    BATCH_EXTENSIONS,
    Document,
    iter_documents,
    read_document,
)
from skillmatch.readers.inputs import expand_dir
from skillmatch.report import SummaryRow
from skillmatch.scoring import compare
from skillmatch.taxonomy import Taxonomy

__all__ = [
    "BatchSummary",
    "Row",
    "Task",
    "columns",
    "error_row",
    "iter_rows",
    "iter_tasks",
    "parallel_map",
    "rank_file",
    "read_rows",
    "result_row",
    "run_batch",
    "score_task",
    "summary_rows",
]

logger = logging.getLogger("skillmatch")

Row: TypeAlias = dict[str, Any]
"""A flat output row: the keys of :func:`columns` (plus ``details`` in JSONL output)."""

_LIST_SEP = "; "
_HARD_TIMEOUT_GRACE = 5.0  # seconds past the per-file limit before a stuck worker is killed
_WINDOW_PER_WORKER = 4  # chunks in flight or buffered per worker, to bound memory


# --------------------------------------------------------------------------------------------
# Tasks and rows
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One input text to score: a file to read (``path``), a text already read, or an error.

    ``source`` names the input (the path, or ``file.jsonl:line 3``) and is the key ``resume``
    uses to know what is already done.
    """

    source: str
    path: str | None = None
    document: Document | None = None
    error: SkillmatchError | None = None


def iter_tasks(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    text_column: str = "text",
    id_column: str = "id",
    limits: Limits | None = None,
    recursive: bool = True,
) -> Iterator[Task]:
    """Yield one task per input text, lazily, in the order :func:`~skillmatch.iter_documents` uses.

    Files (and the document files of directories, sorted) become path tasks, read later by
    whoever scores them; ``.jsonl``/``.csv`` records and stdin are read here, one at a time.
    """
    limits = limits or Limits()
    for item in inputs:
        name = os.fspath(item)
        p = Path(name)
        if name == "-" or (p.suffix.lower() in BATCH_EXTENSIONS and not p.is_dir()):
            for outcome in iter_documents(
                [name], text_column=text_column, id_column=id_column, limits=limits
            ):
                if isinstance(outcome, Document):
                    yield Task(source=outcome.source, document=outcome)
                else:
                    yield Task(source=str(outcome.path or name), error=outcome)
        elif p.is_dir():
            files = expand_dir(p, recursive)
            if not files:
                logger.warning("%s: no document files in this directory", name)
            for f in files:
                yield Task(source=os.fspath(f), path=os.fspath(f))
        else:
            yield Task(source=name, path=name)


def columns(taxonomy: Taxonomy, *, job: bool) -> list[str]:
    """Return the flat row's columns, in output order.

    ``rank, id, source, fit`` (``rank`` and ``fit`` only against a job), ``level, years,
    coverage_overall``, one ``coverage_<category id>`` per category of the taxonomy, ``skills``,
    ``missing_required, missing_preferred`` (against a job), ``warnings, error_type, error``.
    Lists are joined with ``"; "``; a failed input has only ``id``, ``source``, ``error_type``
    and ``error``.
    """
    cols = ["rank", "id", "source", "fit"] if job else ["id", "source"]
    cols += ["level", "years", "coverage_overall"]
    cols += [f"coverage_{c.id}" for c in taxonomy.categories]
    cols += ["skills"]
    if job:
        cols += ["missing_required", "missing_preferred"]
    cols += ["warnings", "error_type", "error"]
    return cols


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def result_row(
    result: MatchResult,
    cols: Sequence[str],
    *,
    source: str,
    comparison: Comparison | None = None,
    details: bool = False,
) -> Row:
    """Flatten one result (and its comparison with the job) into a row of ``cols``."""
    row: Row = dict.fromkeys(cols)
    row.update(
        id=result.id or source,
        source=source,
        level=result.seniority.level,
        years=_round(result.seniority.years),
        coverage_overall=_round(result.coverage.overall),
        skills=_LIST_SEP.join(result.skill_ids),
        warnings=_LIST_SEP.join(dict.fromkeys(w.code for w in result.warnings)),
    )
    for cat in result.coverage.categories:
        key = f"coverage_{cat.category_id}"
        if key in row:
            row[key] = _round(cat.coverage)
    if comparison is not None:
        row.update(
            fit=_round(comparison.score),
            missing_required=_LIST_SEP.join(comparison.required_missing),
            missing_preferred=_LIST_SEP.join(comparison.preferred_missing),
        )
    if details:
        row["details"] = {
            "result": result.model_dump(mode="json", exclude={"text"}),
            "comparison": None if comparison is None else comparison.model_dump(mode="json"),
        }
    return row


def error_row(exc: BaseException, cols: Sequence[str], *, source: str) -> Row:
    """Return the row of an input that failed: its source, the error's class name and message."""
    row: Row = dict.fromkeys(cols)
    row.update(
        id=source, source=source, error_type=type(exc).__name__, error=" ".join(str(exc).split())
    )
    return row


# --------------------------------------------------------------------------------------------
# Scoring one task, with a time limit
# --------------------------------------------------------------------------------------------


class _Timeout(Exception):
    """Raised by the alarm inside a task that overran its time limit."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``_Timeout`` in the block after ``seconds`` (main thread on Unix only, else no-op)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timeout_error(source: str, limits: Limits) -> LimitExceededError:
    seconds = limits.max_seconds_per_file
    return LimitExceededError(
        f"{source}: reading and scoring took over max_seconds_per_file={seconds:g} s; "
        "raise it with --timeout (Limits(max_seconds_per_file=...)) if the file is genuine",
        path=source,
        limit="max_seconds_per_file",
        maximum=seconds,
    )


def score_task(
    task: Task,
    matcher: SkillMatcher,
    *,
    job: MatchResult | None = None,
    limits: Limits | None = None,
    details: bool = False,
    time_limit: bool = True,
) -> Row:
    """Read (if needed) and score one task; return its row, or its error row. Never raises.

    With ``job`` the text is matched as a résumé and compared with the job. ``time_limit``
    applies ``limits.max_seconds_per_file`` where an alarm can (the main thread on Unix).
    """
    limits = limits or Limits()
    cols = columns(matcher.taxonomy, job=job is not None)
    if task.error is not None:
        return error_row(task.error, cols, source=task.source)
    try:
        with _time_limit(limits.max_seconds_per_file if time_limit else None):
            doc = task.document
            if doc is None:
                assert task.path is not None
                doc = read_document(task.path, limits=limits)
            result = matcher.match_document(doc, kind="resume" if job is not None else None)
            comparison = compare(result, job) if job is not None else None
            return result_row(
                result, cols, source=task.source, comparison=comparison, details=details
            )
    except _Timeout:
        return error_row(_timeout_error(task.source, limits), cols, source=task.source)
    except SkillmatchError as exc:
        return error_row(exc, cols, source=task.source)
    except Exception as exc:  # a bug must not lose the row or stop the batch
        logger.exception("%s: unexpected error while scoring", task.source)
        return error_row(exc, cols, source=task.source)


# --------------------------------------------------------------------------------------------
# Worker processes
# --------------------------------------------------------------------------------------------


class _MatcherRef:
    """A matcher for a worker: the object itself where processes fork, else rebuilt once."""

    def __init__(self, matcher: SkillMatcher, *, inherit: bool) -> None:
        self.matcher: SkillMatcher | None = matcher if inherit else None
        self.taxonomy = matcher.taxonomy
        self.fuzzy = matcher.fuzzy

    def __getstate__(self) -> dict[str, Any]:
        return {"matcher": None, "taxonomy": self.taxonomy, "fuzzy": self.fuzzy}

    def get(self) -> SkillMatcher:
        if self.matcher is None:
            self.matcher = SkillMatcher.from_taxonomy(self.taxonomy, fuzzy=self.fuzzy)
        return self.matcher


@dataclass
class _RowJob:
    """What a batch worker does with a task: score it into a row."""

    ref: _MatcherRef
    job: MatchResult | None
    limits: Limits
    details: bool

    def __call__(self, task: Task) -> Row:
        return score_task(
            task, self.ref.get(), job=self.job, limits=self.limits, details=self.details
        )


@dataclass
class _PipeJob:
    """What a ``pipe(n_process=...)`` worker does with a text: match it, send the result pickled.

    The result travels as the bytes of its pickle, which :func:`parallel_map` unpickles only
    when it yields the result. Results that arrive ahead of their turn wait as bytes, not as
    dozens of nested models each: those would keep the garbage collector of the parent busy
    (each full collection then also copies the memory pages it shares with the forked workers),
    and the parent, which rebuilds every result, is what limits the speed of two workers.
    """

    ref: _MatcherRef
    as_of: date | None

    def __call__(self, text: str) -> bytes:
        result = self.ref.get().match(text, as_of=self.as_of)
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _worker_loop(
    tasks: multiprocessing.queues.Queue[bytes | None],
    conn: multiprocessing.connection.Connection,
    job: Callable[[Any], Any],
) -> None:
    # Ctrl-C goes to the whole process group: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            data = tasks.get()
        except (EOFError, OSError):
            return
        if data is None:
            return
        chunk = pickle.loads(data)
        for index, payload in chunk:
            try:
                message: tuple[int, bool, Any] = (index, True, job(payload))
            except Exception as exc:
                message = (index, False, exc)
            try:
                conn.send(message)
            except Exception as exc:  # an unpicklable result or exception
                conn.send((index, False, RuntimeError(f"cannot send the result back: {exc!r}")))


def _context() -> Any:
    # fork lets workers inherit the matcher (building one takes seconds); spawn elsewhere.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass
class _Worker:
    """A worker process: chunks of tasks go to it on a queue, results come back on ``conn``.

    The queue's own thread writes the chunks, so sending never blocks this process while the
    worker, busy with its last chunk, is blocked sending results back.
    """

    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    tasks: multiprocessing.queues.Queue[bytes | None]
    inflight: collections.deque[tuple[int, Any]] = field(default_factory=collections.deque)
    deadline: float = math.inf


Outcome: TypeAlias = tuple[bool, Any]


def _ordered_map(
    make_job: Callable[[bool], Callable[[Any], Any]],
    items: Iterable[Any],
    *,
    n_process: int,
    batch_size: int,
    payload: Callable[[Any], Any] = lambda item: item,
    lost: Callable[[Any, str], Outcome],
    hard_timeout: float | None = None,
) -> Iterator[tuple[Any, Outcome]]:
    """Run ``job(payload(item))`` on ``n_process`` worker processes; yield results in input order.

    Yields ``(item, (ok, value_or_exception))``. Items go out in chunks of ``batch_size``; every
    result comes back on its own, so a worker silent for ``hard_timeout`` seconds is stuck on the
    head of its chunk: it is killed, that item gets ``lost(item, reason)`` and the rest of its
    chunk is sent again. A worker that dies gets the same treatment. ``lost`` returns an outcome.
    """
    ctx = _context()
    inherit = ctx.get_start_method() == "fork"
    job = make_job(inherit)
    workers: list[_Worker] = []

    def start() -> _Worker:
        parent, child = ctx.Pipe(duplex=False)
        tasks = ctx.Queue()
        proc = ctx.Process(target=_worker_loop, args=(tasks, child, job), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent, tasks)

    def stop(w: _Worker) -> None:
        w.conn.close()
        w.tasks.cancel_join_thread()  # chunks a dead worker never read are sent again
        w.tasks.close()

    source = enumerate(items)
    retry: collections.deque[tuple[int, Any]] = collections.deque()
    done: dict[int, Outcome] = {}
    pending: dict[int, Any] = {}
    next_out = 0
    next_in = 0
    exhausted = False
    window = max(1, n_process * batch_size * _WINDOW_PER_WORKER)

    def take(n: int) -> list[tuple[int, Any]]:
        nonlocal exhausted, next_in
        chunk: list[tuple[int, Any]] = []
        while retry and len(chunk) < n:
            chunk.append(retry.popleft())
        while not exhausted and len(chunk) < n and next_in - next_out < window:
            try:
                index, item = next(source)
            except StopIteration:
                exhausted = True
                break
            pending[index] = item
            next_in += 1
            chunk.append((index, item))
        return chunk

    def replace(w: _Worker, reason: str) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join()
        stop(w)
        if w.inflight:
            index, item = w.inflight.popleft()
            done[index] = lost(item, reason)
            retry.extendleft(reversed(w.inflight))
        workers[workers.index(w)] = start()

    try:
        workers.extend(start() for _ in range(n_process))
        while True:
            for w in workers:
                # The next chunk goes out once the last one has started to come back, so a
                # worker never waits for this process between chunks. The deadline runs from
                # the last sign of life, so it is reset only for an idle worker.
                if len(w.inflight) < batch_size:
                    chunk = take(batch_size)
                    if chunk:
                        if not w.inflight:
                            w.deadline = time.monotonic() + (hard_timeout or math.inf)
                        w.inflight.extend(chunk)
                        # Pickled here, so that a payload that cannot be sent fails here.
                        w.tasks.put(pickle.dumps([(i, payload(pending[i])) for i, _ in chunk]))
            while next_out in done:
                yield pending.pop(next_out), done.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.inflight]
            if not busy:
                if exhausted and not retry:
                    return
                continue
            wait = min(w.deadline for w in busy) - time.monotonic()
            ready = multiprocessing.connection.wait(
                [w.conn for w in busy], timeout=None if math.isinf(wait) else max(0.0, wait)
            )
            now = time.monotonic()
            for w in busy:
                if w.conn in ready:
                    try:
                        index, ok, value = w.conn.recv()
                    except (EOFError, OSError):
                        code = w.process.exitcode
                        replace(w, f"the worker process died (exit code {code})")
                        continue
                    done[index] = (ok, value)
                    w.inflight.popleft()
                    w.deadline = now + (hard_timeout or math.inf)
                elif now >= w.deadline:
                    replace(w, "timeout")
    finally:
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                w.tasks.put(None)
        for w in workers:
            w.process.join(timeout=1.0)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            stop(w)


def parallel_map(
    matcher: SkillMatcher,
    texts: Iterable[str] | Iterable[tuple[str, object]],
    *,
    as_tuples: bool = False,
    n_process: int = 2,
    batch_size: int = 16,
    as_of: date | None = None,
) -> Iterator[Any]:
    """Match texts on ``n_process`` worker processes, lazily, in input order (``pipe``'s engine).

    Each result equals ``matcher.match(text, as_of=as_of)``; an exception raised for a text is
    raised here, at that text. With ``as_tuples`` the contexts stay in this process. Workers
    inherit ``matcher`` where processes fork; elsewhere they rebuild it from its taxonomy (a
    custom ``nlp`` is not carried over).
    """

    def make_job(inherit: bool) -> Callable[[Any], Any]:
        return _PipeJob(_MatcherRef(matcher, inherit=inherit), as_of)

    def lost(item: Any, reason: str) -> Outcome:
        return (False, RuntimeError(f"matching a text failed: {reason}"))

    def text_of(item: Any) -> Any:
        return item[0] if as_tuples else item

    for item, (ok, value) in _ordered_map(
        make_job,
        texts,
        n_process=n_process,
        batch_size=max(1, batch_size),
        payload=text_of,
        lost=lost,
    ):
        if not ok:
            raise value
        result: MatchResult = pickle.loads(value)
        yield (result, item[1]) if as_tuples else result


def iter_rows(
    tasks: Iterable[Task],
    matcher: SkillMatcher,
    *,
    job: MatchResult | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    limits: Limits | None = None,
    details: bool = False,
) -> Iterator[Row]:
    """Score tasks into flat rows, lazily, one per task, in input order.

    ``n_process > 1`` uses worker processes, sending them ``batch_size`` tasks at a time (each
    row comes back on its own as soon as it is ready); each file is read and scored within
    ``limits.max_seconds_per_file`` (a stuck worker is killed after that plus a grace period
    and replaced). In-process, the limit is applied by an alarm in the main thread on Unix.
    """
    limits = limits or Limits()
    if n_process <= 1:
        for task in tasks:
            yield score_task(task, matcher, job=job, limits=limits, details=details)
        return
    cols = columns(matcher.taxonomy, job=job is not None)

    def make_job(inherit: bool) -> Callable[[Any], Any]:
        return _RowJob(_MatcherRef(matcher, inherit=inherit), job, limits, details)

    def lost(task: Task, reason: str) -> Outcome:
        exc = _timeout_error(task.source, limits) if reason == "timeout" else RuntimeError(reason)
        return (True, error_row(exc, cols, source=task.source))

    for task, (ok, value) in _ordered_map(
        make_job,
        tasks,
        n_process=n_process,
        batch_size=max(1, batch_size),
        lost=lost,
        hard_timeout=limits.max_seconds_per_file + _HARD_TIMEOUT_GRACE,
    ):
        yield value if ok else error_row(value, cols, source=task.source)


# --------------------------------------------------------------------------------------------
# Output files: append, resume, rank
# --------------------------------------------------------------------------------------------

OutputFormat = Literal["csv", "jsonl"]


def _format_of(path: Path) -> OutputFormat:
    ext = path.suffix.lower()
    if ext == ".csv":
        return "csv"
    if ext == ".jsonl":
        return "jsonl"
    raise InputError(f"{path}: output must end in .csv or .jsonl, not {ext or '(no extension)'!r}")


_FORMULA_START = ("=", "+", "@", "-", "\t", "\r")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    # One physical line per row: that is how a truncated last row is recognized on --resume.
    cell = " ".join(value.splitlines())
    # A cell a spreadsheet would run as a formula (a file named "=HYPERLINK(...).pdf") is quoted.
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _encode(row: Row, cols: Sequence[str], fmt: OutputFormat) -> str:
    if fmt == "jsonl":
        return json.dumps(row, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([_csv_cell(row.get(c)) for c in cols])
    return buf.getvalue()


def _header(cols: Sequence[str]) -> str:
    return _encode(dict(zip(cols, cols, strict=True)), cols, "csv")


@dataclass
class _Existing:
    sources: collections.Counter[str] = field(default_factory=collections.Counter)
    rows: int = 0
    failed: int = 0


def _read_existing(path: Path, cols: Sequence[str], fmt: OutputFormat) -> _Existing:
    """Read what an earlier run wrote; drop a truncated last line from the file."""
    found = _Existing()
    if not path.exists() or path.stat().st_size == 0:
        return found
    keep = 0
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.endswith(b"\n"):
                break  # the line being written when the run stopped
            line = raw.decode("utf-8")
            if fmt == "csv":
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


def _skip_done(tasks: Iterable[Task], done: collections.Counter[str]) -> Iterator[Task]:
    for task in tasks:
        if done[task.source] > 0:
            done[task.source] -= 1
            continue
        yield task


def _fit_key(position: int, fit: Any, error: Any) -> tuple[int, float, int]:
    failed = bool(error) or fit in (None, "")
    return (1, 0.0, position) if failed else (0, -float(fit), position)


def rank_file(path: str | os.PathLike[str], cols: Sequence[str]) -> None:
    """Rewrite a finished output file in rank order (best fit first), atomically.

    Rows are read back one at a time; only their sort keys and file offsets stay in memory.
    ``rank`` is 1, 2, ... for scored rows and empty for failed ones, which come last in input
    order. The new file replaces the old one by rename, so a reader never sees half of it.
    """
    p = Path(path)
    fmt = _format_of(p)
    keys: list[tuple[tuple[int, float, int], int]] = []
    with p.open("rb") as fh:
        if fmt == "csv":
            fh.readline()
        position = 0
        while True:
            offset = fh.tell()
            raw = fh.readline()
            if not raw:
                break
            row = _decode_row(raw, cols, fmt)
            keys.append((_fit_key(position, row.get("fit"), row.get("error_type")), offset))
            position += 1
        keys.sort()
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                if fmt == "csv":
                    out.write(_header(cols))
                rank = 0
                for (failed, _, _), offset in keys:
                    fh.seek(offset)
                    row = _decode_row(fh.readline(), cols, fmt)
                    if not failed:
                        rank += 1
                    row["rank"] = None if failed else rank
                    out.write(_encode(row, cols, fmt))
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _decode_row(raw: bytes, cols: Sequence[str], fmt: OutputFormat) -> Row:
    line = raw.decode("utf-8")
    if fmt == "jsonl":
        row: Row = json.loads(line)
        return row
    return dict(zip(cols, next(csv.reader([line])), strict=False))


def read_rows(path: str | os.PathLike[str]) -> Iterator[Row]:
    """Yield the rows of a ``.csv`` or ``.jsonl`` output file (CSV values come back as strings)."""
    p = Path(path)
    fmt = _format_of(p)
    with p.open("r", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            yield from csv.DictReader(fh)
        else:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


@dataclass(frozen=True)
class BatchSummary:
    """What a batch run did: inputs in the output, failures, and this run's speed."""

    rows: int
    failed: int
    skipped: int
    processed: int
    seconds: float

    @property
    def docs_per_second(self) -> float:
        """Inputs processed by this run per second of wall time."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    matcher: SkillMatcher,
    job: MatchResult | None = None,
    n_process: int = 1,
    resume: bool = False,
    limits: Limits | None = None,
    text_column: str = "text",
    id_column: str = "id",
    recursive: bool = True,
    on_row: Callable[[Row], None] | None = None,
) -> BatchSummary:
    """Score every input into ``out`` (``.csv`` or ``.jsonl``), one row per input text.

    Rows are appended in input order and flushed one by one. Without ``resume`` an existing
    ``out`` is replaced; with it, a truncated last line is dropped, inputs whose ``source`` is
    already in the file are skipped and the rest appended (the columns must match). With a
    ``job`` the file is rewritten at the end in rank order (:func:`rank_file`). ``on_row`` is
    called after each row is written (for a progress bar). JSONL rows carry a ``details``
    object: the full result (without its text) and the comparison.

    >>> summary = run_batch(["cvs/"], "ranked.csv", matcher=m, job=j)  # doctest: +SKIP
    """
    limits = limits or Limits()
    path = Path(out)
    fmt = _format_of(path)
    cols = columns(matcher.taxonomy, job=job is not None)
    started = time.monotonic()
    existing = _read_existing(path, cols, fmt) if resume else _Existing()
    tasks = iter_tasks(
        inputs, text_column=text_column, id_column=id_column, limits=limits, recursive=recursive
    )
    if existing.rows:
        tasks = _skip_done(tasks, collections.Counter(existing.sources))
    processed = failed = 0
    mode = "a" if resume else "w"
    with path.open(mode, encoding="utf-8", newline="") as fh:
        if fh.tell() == 0 and fmt == "csv":
            fh.write(_header(cols))
            fh.flush()
        rows = iter_rows(
            tasks,
            matcher,
            job=job,
            n_process=n_process,
            limits=limits,
            details=fmt == "jsonl",
        )
        for row in rows:
            fh.write(_encode(row, cols, fmt))
            fh.flush()
            processed += 1
            failed += bool(row["error_type"])
            if on_row is not None:
                on_row(row)
    if job is not None:
        rank_file(path, cols)
    return BatchSummary(
        rows=existing.rows + processed,
        failed=existing.failed + failed,
        skipped=existing.rows,
        processed=processed,
        seconds=time.monotonic() - started,
    )


def summary_rows(path: str | os.PathLike[str], taxonomy: Taxonomy) -> list[SummaryRow]:
    """Read an output file back as the rows of :func:`skillmatch.report.render_summary`."""
    names = {c.id: c.name for c in taxonomy.categories}
    out: list[SummaryRow] = []
    for row in read_rows(path):
        error = f"{row['error_type']}: {row['error']}" if row.get("error_type") else None
        fit = row.get("fit") if row.get("fit") not in (None, "") else row.get("coverage_overall")
        coverage = {
            names[key[len("coverage_") :]]: float(value)
            for key, value in row.items()
            if key.startswith("coverage_")
            and key[len("coverage_") :] in names
            and value not in (None, "")
        }
        missing = row.get("missing_required") or ""
        out.append(
            SummaryRow(
                file=str(row.get("source") or row.get("id")),
                rank=int(row["rank"]) if row.get("rank") not in (None, "") else None,
                score=float(fit) if fit not in (None, "") and error is None else None,
                level=row.get("level") or None,
                coverage=coverage if error is None else {},
                required_missing=[s for s in str(missing).split(_LIST_SEP) if s],
                error=error,
            )
        )
    return out


def write_html_summary(
    rows_path: str | os.PathLike[str],
    html_path: str | os.PathLike[str],
    *,
    matcher: SkillMatcher,
    job: MatchResult | None = None,
    job_label: str = "",
    max_reports: int = 200,
    limits: Limits | None = None,
) -> dict[str, Path]:
    """Write the ranking page of a batch output file and a report for each scored résumé.

    Reports go to ``<html stem>-reports/`` beside the page, best ranked first, at most
    ``max_reports`` of them (each means reading and matching the file again); the page links to
    them. Returns the report written for each source.
    """
    from skillmatch.report import render_report, render_summary

    html = Path(html_path)
    folder = html.parent / f"{html.stem}-reports"
    reports: dict[str, Path] = {}
    for row in read_rows(rows_path):
        if len(reports) >= max_reports:
            break
        source = str(row.get("source") or "")
        if row.get("error_type") or not source or not Path(source).is_file():
            continue
        try:
            doc = read_document(source, limits=limits)
        except SkillmatchError as exc:  # the file changed since it was scored
            logger.warning("no report for %s: %s", source, exc)
            continue
        result = matcher.match_document(doc, kind="resume")
        comparison = compare(result, job) if job is not None else None
        target = folder / f"{len(reports) + 1:05d}-{Path(source).stem[:80]}.html"
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(render_report(result, job=job, comparison=comparison), encoding="utf-8")
        reports[source] = target
    links = {src: f"{folder.name}/{path.name}" for src, path in reports.items()}
    rows = [
        r.model_copy(update={"report": links.get(r.file)})
        for r in summary_rows(rows_path, matcher.taxonomy)
    ]
    title = "skillmatch ranking" if job is not None else "skillmatch results"
    html.write_text(render_summary(rows, title=title, job=job_label or None), encoding="utf-8")
    return reports
