"""Batch tasks: one per input text, from files, directories, ``.jsonl``/``.csv`` sets and ``-``.

A file task carries only its path: whoever scores it reads it, so PDF parsing runs in the
worker processes too.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from skillmatch.analysis import coerce_as_of
from skillmatch.errors import SkillmatchError
from skillmatch.limits import Limits
from skillmatch.readers import (
    BATCH_EXTENSIONS,
    Document,
    iter_documents,
    list_document_files,
)

__all__ = ["Task", "iter_tasks"]

logger = logging.getLogger("skillmatch")


@dataclass(frozen=True)
class Task:
    """One input text to score: a file to read (``path``), a text already read, or an error.

    ``source`` names the input (the path, or ``file.jsonl:line 3``) and is the key ``resume``
    uses to know what is already done. ``as_of`` is the day the run says its texts were written
    (``--as-of``); a record's own ``as_of`` column comes first (see
    :meth:`~skillmatch.SkillMatcher.match_document`).
    """

    source: str
    path: str | None = None
    document: Document | None = None
    error: SkillmatchError | None = None
    as_of: date | None = None


def iter_tasks(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    text_column: str = "text",
    id_column: str = "id",
    limits: Limits | None = None,
    recursive: bool = True,
    as_of: date | str | None = None,
) -> Iterator[Task]:
    """Yield one task per input text, lazily, in the order :func:`~skillmatch.iter_documents` uses.

    Files (and the document files of directories, sorted) become path tasks, read later by
    whoever scores them; ``.jsonl``/``.csv`` records and stdin are read here, one at a time.
    Every task carries ``as_of`` (a date or an ISO string; anything else is a ``TypeError``).
    """
    day = coerce_as_of(as_of, caller="iter_tasks")  # here, not at the first task
    return _tasks(inputs, text_column, id_column, limits or Limits(), recursive, day)


def _tasks(
    inputs: Iterable[str | os.PathLike[str]],
    text_column: str,
    id_column: str,
    limits: Limits,
    recursive: bool,
    day: date | None,
) -> Iterator[Task]:
    for item in inputs:
        name = os.fspath(item)
        p = Path(name)
        if name == "-" or (p.suffix.lower() in BATCH_EXTENSIONS and not p.is_dir()):
            for outcome in iter_documents(
                [name], text_column=text_column, id_column=id_column, limits=limits
            ):
                if isinstance(outcome, Document):
                    yield Task(source=outcome.source, document=outcome, as_of=day)
                else:
                    yield Task(source=str(outcome.path or name), error=outcome)
        elif p.is_dir():
            files = list_document_files(p, recursive=recursive)
            if not files:
                logger.warning("%s: no document files in this directory", name)
            for f in files:
                yield Task(source=os.fspath(f), path=os.fspath(f), as_of=day)
        else:
            yield Task(source=name, path=name, as_of=day)
