"""Score résumés on a Dask cluster: the rows of ``skillmatch score``, partition by partition.

Each worker process builds its matcher (and matches the job text) once, on first use, and keeps
it in a module-level cache keyed by the taxonomy file, so a million rows cost one matcher per
worker, not one per partition. Nothing heavier than paths, texts and flat rows crosses the
network. Requires the ``dask`` extra (``pip install "skillmatch[dask]"``).

>>> import dask.bag as db  # doctest: +SKIP
>>> from skillmatch.dask import score_bag
>>> paths = db.from_sequence(sorted(glob.glob("resumes/**/*.pdf")), npartitions=200)
>>> rows = score_bag(paths, job_text=open("job.txt").read()).compute()  # doctest: +SKIP

Each element is read and scored within ``Limits.max_seconds_per_file`` (the time budget holds
on Dask's worker threads too); an element over it, or of a type that is no input, is an error
row.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from skillmatch.batch import Row, Task, columns, score_task
from skillmatch.errors import CorruptDocumentError, DocumentReadError, LimitExceededError
from skillmatch.limits import Limits
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult
from skillmatch.readers import document_from_record

if TYPE_CHECKING:
    import dask.bag
    import pandas as pd

__all__ = ["get_matcher", "row_meta", "score_bag", "score_partition", "score_records"]

_CACHE: dict[tuple[str | None, bool], SkillMatcher] = {}
_JOBS: dict[tuple[str | None, bool, str], MatchResult] = {}
_LOCK = threading.Lock()


def get_matcher(
    taxonomy: str | os.PathLike[str] | None = None, *, fuzzy: bool = True
) -> SkillMatcher:
    """Return this process's matcher for ``taxonomy`` (default when ``None``), built once."""
    key = (None if taxonomy is None else os.fspath(taxonomy), fuzzy)
    with _LOCK:
        matcher = _CACHE.get(key)
        if matcher is None:
            matcher = (
                SkillMatcher.default(fuzzy=fuzzy)
                if key[0] is None
                else SkillMatcher.from_taxonomy(key[0], fuzzy=fuzzy)
            )
            _CACHE[key] = matcher
        return matcher


def _job(job_text: str | None, taxonomy: str | None, fuzzy: bool) -> MatchResult | None:
    if job_text is None:
        return None
    key = (taxonomy, fuzzy, job_text)
    with _LOCK:
        found = _JOBS.get(key)
    if found is None:
        found = get_matcher(taxonomy, fuzzy=fuzzy).match(job_text, kind="job", id="job")
        with _LOCK:
            _JOBS[key] = found
    return found


def _task(item: Any, index: int, limits: Limits) -> Task:
    """A path (``str``/``PathLike``), a ``{"id", "text", "as_of"}`` mapping or an ``(id, text)``.

    Texts get the checks of the file readers, so an empty or over-long text becomes an error
    row here too, not an empty result; so does an element of any other type (``None``, a
    number, bytes), which must not fail the whole computation. A record without an id is
    named by a hash of its text and place, so records of different partitions never share one.
    """
    if isinstance(item, (str, os.PathLike)):
        path = os.fspath(item)
        return Task(source=path, path=path)
    if isinstance(item, Mapping):
        record = dict(item)
    elif isinstance(item, tuple) and len(item) == 2:
        record = {"id": item[0], "text": item[1]}
    else:
        where = f"element {_digest(repr(item)[:10_000], index)}"
        return Task(
            source=where,
            error=CorruptDocumentError(
                where,
                f"score_bag takes paths, {{'id', 'text'}} mappings or (id, text) pairs, "
                f"not {type(item).__name__}",
            ),
        )
    raw_id = record.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else f"record {_digest(record, index)}"
    try:
        document = document_from_record(record, where=doc_id, limits=limits)
    except (DocumentReadError, LimitExceededError) as exc:
        return Task(source=doc_id, error=exc)
    return Task(source=doc_id, document=document)


def _digest(record: Any, index: int) -> str:
    """12 hex digits naming a record without an id: its text and its place in the partition."""
    text = record.get("text") if isinstance(record, dict) else record
    data = f"{index}\0{text!r}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:12]


def score_records(
    items: Iterable[Any],
    *,
    job_text: str | None = None,
    taxonomy: str | os.PathLike[str] | None = None,
    fuzzy: bool = True,
    limits: Limits | None = None,
) -> list[Row]:
    """Score paths or records into flat rows (one partition's work); errors become error rows."""
    tax = None if taxonomy is None else os.fspath(taxonomy)
    matcher = get_matcher(tax, fuzzy=fuzzy)
    job = _job(job_text, tax, fuzzy)
    limits = limits or Limits()
    rows: list[Row] = []
    for index, item in enumerate(items):
        rows.append(score_task(_task(item, index, limits), matcher, job=job, limits=limits))
    return rows


def score_bag(
    bag: dask.bag.Bag,
    *,
    job_text: str | None = None,
    taxonomy: str | os.PathLike[str] | None = None,
    fuzzy: bool = True,
    limits: Limits | None = None,
) -> dask.bag.Bag:
    """Return a bag of flat rows (see :func:`skillmatch.batch.columns`), one per element.

    Elements are file paths (read on the worker, so the files must be reachable there),
    ``{"id", "text", "as_of"}`` mappings, or ``(id, text)`` pairs. With ``job_text`` each text
    is scored as a résumé against it (``fit``, ``missing_required``...). Order is kept.
    """
    return bag.map_partitions(
        score_records, job_text=job_text, taxonomy=taxonomy, fuzzy=fuzzy, limits=limits
    )


def row_meta(taxonomy: str | os.PathLike[str] | None = None, *, job: bool = False) -> pd.DataFrame:
    """Return the empty DataFrame :func:`score_partition` returns, for ``map_partitions(meta=)``."""
    import pandas as pd

    tax = None if taxonomy is None else os.fspath(taxonomy)
    cols = columns(get_matcher(tax).taxonomy, job=job)
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in cols})


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


def _dtype(column: str) -> str:
    if column == "rank":
        return "Int64"
    if column in ("fit", "years", "coverage_overall") or column.startswith("coverage_"):
        return "float64"
    return "object"


def score_partition(
    df: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "id",
    job_text: str | None = None,
    taxonomy: str | os.PathLike[str] | None = None,
    fuzzy: bool = True,
    limits: Limits | None = None,
) -> pd.DataFrame:
    """Score one pandas partition into a DataFrame of flat rows (same index), for Dask.

    >>> ddf.map_partitions(score_partition, job_text=job, meta=row_meta(job=True))  # doctest: +SKIP
    """
    import pandas as pd

    records = [
        {"id": None if _missing(doc_id) else str(doc_id), "text": text}
        for doc_id, text in zip(df[id_column], df[text_column], strict=True)
    ]
    rows = score_records(records, job_text=job_text, taxonomy=taxonomy, fuzzy=fuzzy, limits=limits)
    meta = row_meta(taxonomy, job=job_text is not None)
    out = pd.DataFrame(rows, columns=list(meta.columns), index=df.index)
    return out.astype(meta.dtypes.to_dict())
