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
from skillmatch.batch.files import Existing, rank_file, read_existing, writer_for
from skillmatch.batch.rows import Row, columns, error_row, score_task, timeout_error
from skillmatch.batch.tasks import Task, iter_tasks
from skillmatch.limits import Limits
from skillmatch.matcher import MatcherRef, SkillMatcher
from skillmatch.models import MatchResult

__all__ = ["BatchSummary", "iter_rows", "run_batch"]

_HARD_TIMEOUT_GRACE = 5.0  # seconds past the per-file limit before a stuck worker is killed


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
        return _RowJob(MatcherRef(matcher, inherit=inherit), job, limits, details)

    def lost(task: Task, reason: str) -> Outcome:
        exc = timeout_error(task.source, limits) if reason == "timeout" else RuntimeError(reason)
        return (True, error_row(exc, cols, source=task.source))

    for task, (ok, value) in ordered_map(
        make_job,
        tasks,
        n_process=n_process,
        batch_size=max(1, batch_size),
        lost=lost,
        hard_timeout=limits.max_seconds_per_file + _HARD_TIMEOUT_GRACE,
    ):
        yield value if ok else error_row(value, cols, source=task.source)


def _skip_done(tasks: Iterable[Task], done: collections.Counter[str]) -> Iterator[Task]:
    for task in tasks:
        if done[task.source] > 0:
            done[task.source] -= 1
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
    on_row: Callable[[Row], None] | None = None,
    as_of: date | str | None = None,
) -> BatchSummary:
    """Score every input into ``out`` (``.csv`` or ``.jsonl``), one row per input text.

    Rows are appended in input order and flushed one by one. Without ``resume`` an existing
    ``out`` is replaced; with it, a truncated last line is dropped, inputs whose ``source`` is
    already in the file are skipped and the rest appended (the columns must match). With a
    ``job`` the file is rewritten at the end in rank order (:func:`rank_file`). ``on_row`` is
    called after each row is written (for a progress bar). JSONL rows carry a ``details``
    object: the full result (without its text) and the comparison. ``as_of`` is the day the
    texts were written, for those whose record has no ``as_of`` of its own.

    >>> summary = run_batch(["cvs/"], "ranked.csv", matcher=m, job=j)  # doctest: +SKIP
    """
    limits = limits or Limits()
    path = Path(out)
    fmt = writer_for(path)
    cols = columns(matcher.taxonomy, job=job is not None)
    started = time.monotonic()
    existing = read_existing(path, cols, fmt) if resume else Existing()
    tasks = iter_tasks(
        inputs,
        text_column=text_column,
        id_column=id_column,
        limits=limits,
        recursive=recursive,
        as_of=as_of,
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
