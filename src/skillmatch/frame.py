"""pandas DataFrames in and out: results as a table, and a table of texts scored in place.

Needs pandas (the optional ``[pandas]`` extra: ``pip install 'skillmatch[pandas]'``); it is
imported when a function here is called, not with the package.

* :func:`to_frame` turns results (and comparisons) into a DataFrame, one row each, with the
  columns of :meth:`MatchResult.to_row` and :meth:`Comparison.to_row`.
* :func:`score_frame` scores a DataFrame of texts, row by row, into a DataFrame with the columns
  of ``skillmatch score`` (or ``skillmatch match --out``), aligned on the input's index: a row that
  cannot be scored is an error row, never a lost one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from skillmatch.batch import Task, columns, iter_rows, rank_rows
from skillmatch.errors import InputError, SkillmatchError
from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.models import Comparison, MatchResult
from skillmatch.readers import document_from_record, read_document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["score_frame", "to_frame"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            "skillmatch's DataFrame functions need pandas: pip install 'skillmatch[pandas]'"
        ) from exc
    return pandas


def to_frame(
    results: Iterable[MatchResult | Comparison | tuple[MatchResult, Comparison]],
) -> pd.DataFrame:
    """Return a DataFrame with one flat row per result (:meth:`MatchResult.to_row`).

    An item may also be a ``(result, comparison)`` pair (the row gains ``fit``,
    ``missing_required`` and ``missing_preferred``) or a lone :class:`Comparison`. Columns keep
    the order they first appear in.

    >>> from skillmatch import SkillMatcher
    >>> m = SkillMatcher.default()
    >>> frame = to_frame(m.pipe(["Python and PyTorch", "Kubernetes on AWS"]))
    >>> frame[["skills", "coverage_programming"]].values.tolist()
    [['python; pytorch', 0.2], ['kubernetes; aws', 0.0]]
    """
    pd = _pandas()
    rows = []
    for item in results:
        if isinstance(item, tuple):
            result, comparison = item
            rows.append({**result.to_row(), **comparison.to_row()})
        elif isinstance(item, (MatchResult, Comparison)):
            rows.append(item.to_row())
        else:
            raise TypeError(
                "to_frame takes MatchResult, Comparison or (MatchResult, Comparison) items, "
                f"got {type(item).__name__}"
            )
    return pd.DataFrame(rows)


def _job_result(job: str | os.PathLike[str] | MatchResult, matcher: SkillMatcher) -> MatchResult:
    if isinstance(job, MatchResult):
        return job
    if isinstance(job, str):
        return matcher.match(job, kind="job")
    return matcher.match_document(read_document(job), kind="job")


def _tasks(df: pd.DataFrame, text_column: str, id_column: str, limits: Limits) -> Iterator[Task]:
    fields = [c for c in (text_column, id_column, "as_of") if c in df.columns]
    for index, record in zip(df.index, df[fields].to_dict("records"), strict=True):
        where = f"row {index}"
        if id_column in record and not isinstance(record[id_column], str):
            value = record[id_column]
            record[id_column] = None if value != value else str(value)  # NaN: no id
        if "as_of" in record and record["as_of"] != record["as_of"]:
            record["as_of"] = None  # NaN / NaT: no date
        try:
            doc = document_from_record(
                record, where=where, text_column=text_column, id_column=id_column, limits=limits
            )
        except SkillmatchError as exc:
            yield Task(source=where, error=exc)
        else:
            yield Task(source=where, document=doc)


def score_frame(
    df: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "id",
    job: str | os.PathLike[str] | MatchResult | None = None,
    matcher: SkillMatcher | None = None,
    n_process: int = 1,
    limits: Limits | None = None,
) -> pd.DataFrame:
    """Score the texts of ``df`` and return their rows, with ``skillmatch score``'s columns.

    Each row of ``df`` is one text (``text_column``), named by ``id_column`` when ``df`` has it
    (else ``row <index>``), dated by an ``as_of`` column when there is one. With ``job`` (a
    posting's text, a path to one, or its :class:`MatchResult`) every text is read as a résumé
    and compared with it: the columns are ``rank, id, source, fit, level, ...`` and ``rank``
    orders the scored rows by fit (failed rows have none). Without it the columns are those of
    ``skillmatch match --out``. The result keeps ``df``'s index and order, so
    ``df.join(score_frame(df))`` works; a text that cannot be scored (empty, not a string, too
    long) gets ``error_type`` and ``error`` instead of scores. ``n_process`` works as in
    :meth:`SkillMatcher.pipe`.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["a", "b"], "text": ["Python, Go, Rust", ""]})
    >>> out = score_frame(df, job="We need Python and Go; Rust is a plus.")
    >>> out[["rank", "id", "fit", "missing_required", "error_type"]].values.tolist()
    [[1.0, 'a', 1.0, '', nan], [nan, 'row 1', nan, nan, 'EmptyDocumentError']]
    """
    pd = _pandas()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"score_frame takes a pandas DataFrame, got {type(df).__name__}")
    if text_column not in df.columns:
        raise InputError(
            f"the DataFrame has no column {text_column!r} (columns: "
            f"{', '.join(map(str, df.columns)) or 'none'}); choose it with text_column="
        )
    matcher = matcher or SkillMatcher.default()
    limits = limits or Limits()
    job_result = None if job is None else _job_result(job, matcher)
    cols = columns(matcher.taxonomy, job=job_result is not None)
    rows = list(
        iter_rows(
            _tasks(df, text_column, id_column, limits),
            matcher,
            job=job_result,
            n_process=n_process,
            limits=limits,
        )
    )
    if job_result is not None:
        rank_rows(rows)  # sets rank on each row; the frame keeps the input order
    return pd.DataFrame(rows, columns=cols, index=df.index)
