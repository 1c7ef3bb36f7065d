"""Batch rows: the flat row of one input (its columns, a result's row, an error's row), and
:func:`score_task`, which reads and scores one task into its row within a time limit.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, TypeAlias

from skillmatch._runtime import Timeout
from skillmatch._runtime import time_limit as _time_limit  # score_task has a time_limit flag
from skillmatch.batch.tasks import Task
from skillmatch.errors import LimitExceededError, SkillmatchError
from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.models import Comparison, MatchResult
from skillmatch.readers import read_document
from skillmatch.scoring import compare
from skillmatch.taxonomy import Taxonomy

__all__ = [
    "LIST_SEP",
    "Row",
    "columns",
    "error_row",
    "result_row",
    "score_task",
    "timeout_error",
]

logger = logging.getLogger("skillmatch")

Row: TypeAlias = dict[str, Any]
"""A flat output row: the keys of :func:`columns` (plus ``details`` in JSONL output)."""

LIST_SEP = "; "


def columns(taxonomy: Taxonomy, *, job: bool) -> list[str]:
    """Return the flat row's columns, in output order.

    ``rank, id, source, fit`` (``rank`` and ``fit`` only against a job), ``level, years,
    coverage_overall``, one ``coverage_<category id>`` per category of the taxonomy, ``skills``,
    ``missing_required, missing_preferred`` (against a job), ``warnings, error_type, error``.
    Lists are joined with ``"; "``; a failed input has only ``id``, ``source``, ``error_type``
    and ``error``.

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
        skills=LIST_SEP.join(result.skill_ids),
        warnings=LIST_SEP.join(dict.fromkeys(w.code for w in result.warnings)),
    )
    for cat in result.coverage.categories:
        key = f"coverage_{cat.category_id}"
        if key in row:
            row[key] = _round(cat.coverage)
    if comparison is not None:
        row.update(
            fit=_round(comparison.score),
            missing_required=LIST_SEP.join(comparison.required_missing),
            missing_preferred=LIST_SEP.join(comparison.preferred_missing),
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


def timeout_error(source: str, limits: Limits) -> LimitExceededError:
    """Return the error of an input that overran ``limits.max_seconds_per_file``."""
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

    With ``job`` the text is matched as a résumé and compared with the job (near misses only
    with ``details``, the only part of a row that shows them). ``time_limit``
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
            result = matcher.match_document(
                doc, kind="resume" if job is not None else None, as_of=task.as_of
            )
            # Near misses appear only in the details: a CSV row need not search for them.
            comparison = compare(result, job, near_misses=details) if job is not None else None
            return result_row(
                result, cols, source=task.source, comparison=comparison, details=details
            )
    except Timeout:
        return error_row(timeout_error(task.source, limits), cols, source=task.source)
    except SkillmatchError as exc:
        return error_row(exc, cols, source=task.source)
    except Exception as exc:  # a bug must not lose the row or stop the batch
        logger.exception("%s: unexpected error while scoring", task.source)
        return error_row(exc, cols, source=task.source)
