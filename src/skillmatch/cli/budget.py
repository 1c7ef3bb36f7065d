"""The limits of a command: ``--timeout`` is the time budget of each input it reads and matches."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from skillmatch.limits import Limits
    from skillmatch.matcher import SkillMatcher
    from skillmatch.models import MatchResult, TextKind
    from skillmatch.readers import Document


def limits_for(timeout: float | None) -> Limits:
    """The limits of a command: ``--timeout`` is the time budget of each input."""
    from skillmatch.limits import Limits

    if timeout is None:
        return Limits()
    try:
        return Limits(max_seconds_per_file=timeout)
    except ValueError:
        typer.echo(
            f"Error: --timeout {timeout:g}: give seconds above 0 and at most 604800 (a week)",
            err=True,
        )
        raise typer.Exit(code=2) from None


def match_within(
    matcher: SkillMatcher,
    doc: Document,
    limits: Limits,
    kind: TextKind | None = None,
    as_of: date | None = None,
) -> MatchResult:
    """Match a document within its time budget (``DocumentTimeoutError`` past it)."""
    from skillmatch import time_budget

    with time_budget(limits.max_seconds_per_file, source=doc.source):
        return matcher.match_document(doc, kind=kind, as_of=as_of)
