"""Batch tasks: one per input text, from files, directories, ``.jsonl``/``.csv`` sets and ``-``.

A file task carries only its path: whoever scores it reads it, so PDF parsing runs in the
worker processes too.
"""

from __future__ import annotations

import hashlib
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

__all__ = ["Task", "input_key", "iter_tasks"]

logger = logging.getLogger("skillmatch")


@dataclass(frozen=True)
class Task:
    """One input text to score: a file to read (``path``), a text already read, or an error.

    ``source`` names the input (the path, or ``file.jsonl:line 3``) as given. ``key`` names it
    however it was spelt (the absolute path, ``/abs/file.jsonl:line 3``): ``resume`` knows what
    is done by it (:func:`input_key`), not by the name written in the output, which a CSV cell
    may change (a newline, a leading ``=``). ``as_of`` is the day the run says its texts were
    written (``--as-of``); a record's own ``as_of`` column comes first (see
    :meth:`~skillmatch.SkillMatcher.match_document`).
    """

    source: str
    path: str | None = None
    document: Document | None = None
    error: SkillmatchError | None = None
    as_of: date | None = None
    key: str = ""


def input_key(task: Task) -> str:
    """A short stable id of the task's input: the same file or record, the same id."""
    name = task.key or task.source
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def iter_tasks(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    text_column: str = "text",
    id_column: str = "id",
    limits: Limits | None = None,
    recursive: bool = True,
    as_of: date | str | None = None,
    follow_links: bool = False,
) -> Iterator[Task]:
    """Yield one task per input text, lazily, in the order :func:`~skillmatch.iter_documents` uses.

    Files (and the document files of directories, sorted) become path tasks, read later by
    whoever scores them; ``.jsonl``/``.csv`` records and stdin are read here, one at a time.
    Every task carries ``as_of`` (a date or an ISO string; anything else is a ``TypeError``).
    A directory's symbolic links that lead out of it are skipped unless ``follow_links``.
    """
    day = coerce_as_of(as_of, caller="iter_tasks")  # here, not at the first task
    return _tasks(inputs, text_column, id_column, limits or Limits(), recursive, day, follow_links)


def _tasks(
    inputs: Iterable[str | os.PathLike[str]],
    text_column: str,
    id_column: str,
    limits: Limits,
    recursive: bool,
    day: date | None,
    follow_links: bool,
) -> Iterator[Task]:
    for item in inputs:
        name = os.fspath(item)
        p = Path(name)
        if name == "-" or (p.suffix.lower() in BATCH_EXTENSIONS and not p.is_dir()):
            absolute = name if name == "-" else os.path.abspath(name)
            for outcome in iter_documents(
                [name], text_column=text_column, id_column=id_column, limits=limits
            ):
                source = outcome.source if isinstance(outcome, Document) else outcome.path
                source = str(source or name)
                key = absolute + source[len(name) :] if source.startswith(name) else source
                if isinstance(outcome, Document):
                    yield Task(source=source, document=outcome, as_of=day, key=key)
                else:
                    yield Task(source=source, error=outcome, as_of=day, key=key)
        elif p.is_dir():
            files = list_document_files(p, recursive=recursive, follow_links=follow_links)
            if not files:
                logger.warning("%s: no document files in this directory", name)
            for f in files:
                yield Task(
                    source=os.fspath(f), path=os.fspath(f), as_of=day, key=os.path.abspath(f)
                )
        else:
            yield Task(source=name, path=name, as_of=day, key=os.path.abspath(name))
