"""Batch runs: many files in, one flat row per input out, in input order, on one or more processes.

The pieces, in the order data flows through them, one module each:

* ``tasks``: :func:`iter_tasks` turns files, directories, ``.jsonl``/``.csv`` sets and ``-`` into
  tasks, one per input text, lazily. A file task carries only its path: the worker reads it, so
  PDF parsing runs in parallel too.
* ``rows``: :func:`score_task` reads and scores one task into one flat row (a ``dict``, see
  :func:`columns`); a file that fails, or takes longer than ``Limits.max_seconds_per_file``,
  becomes an error row.
* ``run``: :func:`iter_rows` scores the tasks, in-process or on ``n_process`` worker processes,
  and yields one row per task, in input order; the batch goes on past failures.
  :func:`run_batch` appends the rows to a ``.csv`` or ``.jsonl`` file as they come (flushed after
  every row, so a run killed at any moment loses at most the files in progress), skips inputs that
  are already in the file with ``resume=True``, and for a run against a job rewrites the file at
  the end in rank order (best fit first, failed files last), atomically.
* ``files``: the output formats (``WRITERS``), reading a file back (:func:`read_rows`), resuming,
  and ranking (:func:`rank_file`).
* ``html``: the ranking page of an output file, with a report for each résumé.

Worker processes receive paths or texts and send back rows or results, never spaCy ``Doc``
objects. Each worker builds (or, where processes fork, inherits) its matcher once. A worker that
overruns the time limit inside Python gets a timeout error for that file from an alarm; one stuck
in C code for longer than the limit plus a grace period is killed and replaced (the process pool
and the alarm are in :mod:`skillmatch._runtime`).

>>> from skillmatch.batch import run_batch  # doctest: +SKIP
>>> summary = run_batch(["resumes/"], "ranked.csv", matcher=m, job=j, n_process=4)  # doctest: +SKIP
>>> summary.failed  # doctest: +SKIP
0
"""

from __future__ import annotations

from skillmatch.batch.files import rank_file, read_rows, write_text_atomically
from skillmatch.batch.html import summary_rows, write_html_summary
from skillmatch.batch.rows import (
    LIST_SEP,
    Row,
    columns,
    error_row,
    rank_rows,
    result_row,
    score_task,
)
from skillmatch.batch.run import BatchSummary, iter_rows, refuse_input_as_output, run_batch
from skillmatch.batch.tasks import Task, iter_tasks
from skillmatch.matcher import parallel_map

__all__ = [
    "LIST_SEP",
    "BatchSummary",
    "Row",
    "Task",
    "columns",
    "error_row",
    "iter_rows",
    "iter_tasks",
    "parallel_map",
    "rank_file",
    "rank_rows",
    "read_rows",
    "refuse_input_as_output",
    "result_row",
    "run_batch",
    "score_task",
    "summary_rows",
    "write_html_summary",
    "write_text_atomically",
]
