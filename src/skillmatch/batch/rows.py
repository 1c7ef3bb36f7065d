"""Batch rows: the flat row of one input (its columns, a result's row, an error's row), and
:func:`score_task`, which reads and scores one task into its row within a time limit.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, TypeAlias

from skillmatch._runtime import time_budget
from skillmatch.batch.tasks import Task, input_key
from skillmatch.errors import DocumentTimeoutError, LimitExceededError, SkillmatchError
from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.models import LIST_SEP, Comparison, MatchResult
from skillmatch.readers import read_document
from skillmatch.scoring import compare
from skillmatch.taxonomy import Taxonomy

__all__ = [
    "LIST_SEP",
    "Row",
    "columns",
    "error_row",
    "memory_error",
    "rank_key",
    "rank_rows",
    "result_row",
    "score_task",
    "timeout_error",
]

logger = logging.getLogger("skillmatch")

Row: TypeAlias = dict[str, Any]
"""A flat output row: the keys of :func:`columns` (plus ``details`` in JSONL output)."""


def columns(taxonomy: Taxonomy, *, job: bool) -> list[str]:
    """Return the flat row's columns, in output order.

    ``rank, id, source, fit`` (``rank`` and ``fit`` only against a job), ``level, years,
    coverage_overall``, one ``coverage_<category id>`` per category of the taxonomy, ``skills``,
    ``missing_required, missing_preferred`` (against a job), ``warnings, error_type, error``,
    ``input_key`` (a stable id of the input, by which ``resume`` knows it: see
    :func:`~skillmatch.batch.tasks.input_key`). Lists are joined with ``"; "``; a failed input
    has only ``id``, ``source``, ``error_type``, ``error`` and ``input_key``.

    >>> from skillmatch import Taxonomy
    >>> columns(Taxonomy.default(), job=True)[:6]
    ['rank', 'id', 'source', 'fit', 'level', 'years']
    """
    cols = ["rank", "id", "source", "fit"] if job else ["id", "source"]
    cols += ["level", "years", "coverage_overall"]
    cols += [f"coverage_{c.id}" for c in taxonomy.categories]
    cols += ["skills"]
    if job:
        cols += ["missing_required", "missing_preferred"]
    cols += ["warnings", "error_type", "error", "input_key"]
    return cols


def result_row(
    result: MatchResult,
    cols: Sequence[str],
    *,
    source: str,
    comparison: Comparison | None = None,
    details: bool = False,
) -> Row:
    """Flatten one result (and its comparison with the job) into a row of ``cols``.

    The values are :meth:`MatchResult.to_row` and :meth:`Comparison.to_row`; a result without
    an id takes its ``source``.
    """
    row: Row = dict.fromkeys(cols)
    flat = result.to_row()
    if comparison is not None:
        flat.update(comparison.to_row())
    row.update((key, value) for key, value in flat.items() if key in row)
    row.update(id=result.id or source, source=source)
    if details:
        row["details"] = {
            "result": result.model_dump(mode="json", exclude={"text"}),
            "comparison": None if comparison is None else comparison.model_dump(mode="json"),
        }
    return row


def rank_key(position: int, fit: Any, error: Any) -> tuple[int, float, int]:
    """Return a row's place in a ranking: scored rows by fit, best first, then failed rows.

    Ties, and failed rows, keep input order (``position``).
    """
    failed = bool(error) or fit in (None, "")
    return (1, 0.0, position) if failed else (0, -float(fit), position)


def rank_rows(rows: Sequence[Row]) -> list[Row]:
    """Set ``rank`` on each row (1, 2, ... by fit; ``None`` on failed rows); return them ranked.

    The rows are changed in place, so a caller that keeps the input order keeps the ranks too.

    >>> rows = [{"fit": 0.5, "error_type": None}, {"fit": None, "error_type": "X"},
    ...         {"fit": 0.9, "error_type": None}]
    >>> [r["rank"] for r in rank_rows(rows)], [r["rank"] for r in rows]
    ([1, 2, None], [2, None, 1])
    """
    order = sorted(
        range(len(rows)), key=lambda i: rank_key(i, rows[i].get("fit"), rows[i].get("error_type"))
    )
    rank = 0
    for i in order:
        failed = rank_key(i, rows[i].get("fit"), rows[i].get("error_type"))[0]
        if not failed:
            rank += 1
        rows[i]["rank"] = None if failed else rank
    return [rows[i] for i in order]


def error_row(exc: BaseException, cols: Sequence[str], *, source: str) -> Row:
    """Return the row of an input that failed: its source, the error's class name and message."""
    row: Row = dict.fromkeys(cols)
    row.update(
        id=source, source=source, error_type=type(exc).__name__, error=" ".join(str(exc).split())
    )
    return row


def timeout_error(source: str, limits: Limits) -> DocumentTimeoutError:
    """Return the error of an input that overran ``limits.max_seconds_per_file``."""
    return DocumentTimeoutError(source, limits.max_seconds_per_file)


def memory_error(source: str, limits: Limits) -> LimitExceededError:
    """Return the error of an input whose reading and matching ran out of a worker's memory."""
    return LimitExceededError(
        f"{source}: reading and matching needed more memory than "
        f"max_worker_memory_bytes={limits.max_worker_memory_bytes:,}; raise it with "
        "Limits(max_worker_memory_bytes=...) if the file is genuine",
        path=source,
        limit="max_worker_memory_bytes",
        maximum=limits.max_worker_memory_bytes,
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

    With ``job`` the text is matched as a résumé and compared with the job (near misses only
    with ``details``, the only part of a row that shows them). ``time_limit`` applies
    ``limits.max_seconds_per_file`` to reading and matching together, in any thread (a slow
    file is a ``DocumentTimeoutError`` row, whatever a reader's ``except`` does).
    """
    row = _score(task, matcher, job, limits or Limits(), details, time_limit)
    row["input_key"] = input_key(task)
    return row


def _score(
    task: Task,
    matcher: SkillMatcher,
    job: MatchResult | None,
    limits: Limits,
    details: bool,
    time_limit: bool,
) -> Row:
    cols = columns(matcher.taxonomy, job=job is not None)
    if task.error is not None:
        return error_row(task.error, cols, source=task.source)
    try:
        with time_budget(limits.max_seconds_per_file if time_limit else None, source=task.source):
            doc = task.document
            if doc is None:
                assert task.path is not None
                doc = read_document(task.path, limits=limits)
            result = matcher.match_document(
                doc, kind="resume" if job is not None else None, as_of=task.as_of
            )
            # Near misses appear only in the details: a CSV row need not search for them.
            comparison = compare(result, job, near_misses=details) if job is not None else None
            return result_row(
                result, cols, source=task.source, comparison=comparison, details=details
            )
    except SkillmatchError as exc:
        return error_row(exc, cols, source=task.source)
    except MemoryError:  # a worker's memory cap: this input's fault, not the batch's
        return error_row(memory_error(task.source, limits), cols, source=task.source)
    except Exception as exc:  # a bug must not lose the row or stop the batch
        logger.exception("%s: unexpected error while scoring", task.source)
        return error_row(exc, cols, source=task.source)
