"""Batch runs: score tasks into rows on one or more processes, and write them to a file.

* :func:`iter_rows` scores the tasks, in-process or on ``n_process`` worker processes, and yields
  one flat row per task, in input order. A file that fails, or takes longer than
  ``Limits.max_seconds_per_file``, becomes an error row; the batch goes on.
* :func:`run_batch` appends the rows to a ``.csv`` or ``.jsonl`` file as they come (flushed after
  every row, so a run killed at any moment loses at most the files in progress), skips inputs that
  are already in the file with ``resume=True``, and for a run against a job rewrites the file at
  the end in rank order (best fit first, failed files last), atomically.
"""

from __future__ import annotations

import collections
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from skillmatch._runtime import Outcome, ordered_map
from skillmatch.batch.files import (
    Existing,
    OutputLock,
    fingerprint,
    rank_file,
    read_existing,
    writer_for,
)
from skillmatch.batch.rows import Row, columns, error_row, score_task, timeout_error
from skillmatch.batch.tasks import Task, input_key, iter_tasks
from skillmatch.errors import InputError
from skillmatch.limits import Limits
from skillmatch.matcher import MatcherRef, SkillMatcher
from skillmatch.models import MatchResult

__all__ = ["BatchSummary", "iter_rows", "refuse_input_as_output", "run_batch"]

_HARD_TIMEOUT_GRACE = 1.0  # seconds past the per-file limit before a worker stuck in C is killed


@dataclass
class _RowJob:
    """What a batch worker does with a task: score it into a row."""

    ref: MatcherRef
    job: MatchResult | None
    limits: Limits
    details: bool

    def __call__(self, task: Task) -> Row:
        return score_task(
            task, self.ref.get(), job=self.job, limits=self.limits, details=self.details
        )


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
    ``limits.max_seconds_per_file`` (a worker stuck in C code is killed a second after that
    and replaced), each worker within ``limits.max_worker_memory_bytes`` more memory than it
    started with (over it, the file is an error row), and workers exit if this process dies.
    """
    limits = limits or Limits()
    if n_process <= 1:
        for task in tasks:
            yield score_task(task, matcher, job=job, limits=limits, details=details)
        return
    cols = columns(matcher.taxonomy, job=job is not None)

    def make_job(inherit: bool) -> Callable[[Any], Any]:
        return _RowJob(MatcherRef(matcher, inherit=inherit), job, limits, details)

    def lost(task: Task, reason: str) -> Outcome:
        exc = timeout_error(task.source, limits) if reason == "timeout" else RuntimeError(reason)
        return (True, {**error_row(exc, cols, source=task.source), "input_key": input_key(task)})

    for task, (ok, value) in ordered_map(
        make_job,
        tasks,
        n_process=n_process,
        batch_size=max(1, batch_size),
        lost=lost,
        hard_timeout=limits.max_seconds_per_file + _HARD_TIMEOUT_GRACE,
        memory_limit=limits.max_worker_memory_bytes,
    ):
        if not ok:
            value = {**error_row(value, cols, source=task.source), "input_key": input_key(task)}
        yield value


def _skip_done(tasks: Iterable[Task], done: collections.Counter[str]) -> Iterator[Task]:
    for task in tasks:
        key = input_key(task)
        if done[key] > 0:
            done[key] -= 1
            continue
        yield task


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
    follow_links: bool = False,
    on_row: Callable[[Row], None] | None = None,
    as_of: date | str | None = None,
) -> BatchSummary:
    """Score every input into ``out`` (``.csv`` or ``.jsonl``), one row per input text.

    Rows are appended in input order and flushed one by one. Without ``resume`` an existing
    ``out`` is replaced; with it, a truncated last line is dropped, inputs already in the file
    (by their ``input_key``, however their name is written) are skipped and the rest appended.
    With a ``job`` the file is rewritten at the end in rank order (:func:`rank_file`).
    ``on_row`` is called after each row is written (for a progress bar). JSONL rows carry a
    ``details`` object: the full result (without its text) and the comparison. ``as_of`` is
    the day the texts were written, for those whose record has no ``as_of`` of its own.

    The run holds an exclusive lock on ``out`` (another run writing it fails at once) through
    its manifest, ``<out>.manifest.json``, which records the job, taxonomy and options: resuming
    with others is refused. An output that is one of the inputs is refused (``InputError``).

    >>> summary = run_batch(["cvs/"], "ranked.csv", matcher=m, job=j)  # doctest: +SKIP
    """
    limits = limits or Limits()
    path = Path(out)
    fmt = writer_for(path)
    inputs = list(inputs)
    refuse_input_as_output(path, inputs, "the output")
    if not path.parent.is_dir():
        raise InputError(f"{path}: no folder {path.parent}; create it first")
    cols = columns(matcher.taxonomy, job=job is not None)
    manifest = _manifest(matcher, job, limits, fmt.name, text_column, id_column, recursive)
    manifest["options"]["as_of"] = None if as_of is None else str(as_of)
    started = time.monotonic()
    with OutputLock(path) as lock:
        if resume and path.exists():
            lock.check(manifest)
        lock.write(manifest)
        existing = read_existing(path, cols, fmt) if resume else Existing()
        tasks = iter_tasks(
            inputs,
            text_column=text_column,
            id_column=id_column,
            as_of=as_of,
            limits=limits,
            recursive=recursive,
            follow_links=follow_links,
        )
        if existing.rows:
            tasks = _skip_done(tasks, collections.Counter(existing.sources))
        processed = failed = 0
        mode = "a" if resume else "w"
        with path.open(mode, encoding="utf-8", newline="") as fh:
            if fh.tell() == 0 and fmt.header:
                fh.write(fmt.header_line(cols))
                fh.flush()
            rows = iter_rows(
                tasks,
                matcher,
                job=job,
                n_process=n_process,
                limits=limits,
                details=fmt.name == "jsonl",
            )
            for row in rows:
                fh.write(fmt.encode(row, cols))
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


def _manifest(
    matcher: SkillMatcher,
    job: MatchResult | None,
    limits: Limits,
    fmt: str,
    text_column: str,
    id_column: str,
    recursive: bool,
) -> dict[str, Any]:
    """What the rows of a run depend on: a resumed run must match it."""
    # Time and memory budgets decide only whether a slow or huge input fails.
    shaping = limits.model_dump(exclude={"max_seconds_per_file", "max_worker_memory_bytes"})
    return {
        "job": None if job is None else fingerprint(f"{job.kind}\n{job.text}"),
        "taxonomy": fingerprint(matcher.taxonomy.model_dump_json()),
        "options": {
            "format": fmt,
            "fuzzy": matcher.fuzzy,
            "text_column": text_column,
            "id_column": id_column,
            "recursive": recursive,
            "limits": shaping,
        },
    }


def refuse_input_as_output(
    target: Path, inputs: Iterable[str | os.PathLike[str]], what: str
) -> None:
    """Raise ``InputError`` when ``target`` is one of ``inputs`` (writing would destroy it)."""
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            continue
        same = os.path.abspath(name) == os.path.abspath(target)
        if not same and target.exists() and os.path.exists(name):
            same = os.path.samefile(name, target)
        if same:
            raise InputError(
                f"{target}: {what} is also an input ({name}); writing it would destroy the "
                "input: choose another file"
            )
