"""Job text copied into a résumé: long verbatim stretches of the posting pay no fit.

Screening advice tells job seekers to paste the posting into their résumé (in white text, or
plainly); a résumé then "shows" every skill the job asks for. A stretch of
:data:`COPIED_WORDS` or more words that the résumé shares word for word with the posting (case,
punctuation and spacing aside) is copied: honest résumés share short phrases with postings
("5+ years of experience with Python"), not whole sentences. :func:`without_copied_text` drops
from the résumé the skills that only copied stretches show, for :func:`~skillmatch.compare`,
and flags the résumé ``job-text-copied``.

Linear time: the posting's runs of words are hashed once (and kept for the next résumé), and
each résumé word is looked up once per run that contains it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from skillmatch.models import LEVELS, Flag, Level, MatchResult, Seniority, level_rank

__all__ = ["COPIED_WORDS", "copied_spans", "without_copied_text"]

COPIED_WORDS = 10
"""Words in a row, shared verbatim with the posting, that make a stretch copied."""

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=16)
def _posting_runs(job_text: str) -> frozenset[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(job_text)]
    n = COPIED_WORDS
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def copied_spans(resume_text: str, job_text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character ranges of ``resume_text`` copied from ``job_text``:
    maximal stretches of at least :data:`COPIED_WORDS` words found word for word in it.

    >>> job = "You will build and deploy machine learning models to production on AWS every week."
    >>> cv = "Summary: I build and deploy machine learning models to production on AWS every day."
    >>> [cv[s:e] for s, e in copied_spans(cv, job)]
    ['build and deploy machine learning models to production on AWS every']
    """
    runs = _posting_runs(job_text)
    if not runs:
        return []
    matches = list(_WORD.finditer(resume_text))
    words = [m.group().lower() for m in matches]
    n = COPIED_WORDS
    covered = [False] * len(words)
    for i in range(len(words) - n + 1):
        if tuple(words[i : i + n]) in runs:
            for k in range(i, i + n):
                covered[k] = True
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not covered[i]:
            i += 1
            continue
        k = i
        while k + 1 < len(words) and covered[k + 1]:
            k += 1
        spans.append((matches[i].start(), matches[k].end()))
        i = k + 1
    return spans


def without_copied_text(resume: MatchResult, job: MatchResult) -> MatchResult:
    """``resume`` without the skills that only stretches copied from ``job`` show, flagged
    ``job-text-copied``; ``resume`` itself when nothing is copied."""
    spans = copied_spans(resume.text, job.text)
    if not spans:
        return resume

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)

    kept = [h for h in resume.skills if not all(inside(m.start, m.end) for m in h.mentions)]
    dropped = [h.skill_id for h in resume.skills if h not in kept]
    seniority = _own_seniority(resume.seniority, inside)
    words = sum(len(_WORD.findall(resume.text[s:e])) for s, e in spans)
    flag = Flag(
        code="job-text-copied",
        message=(
            f"{words} words in {len(spans)} stretch(es) are copied word for word from the job "
            "posting; skills shown only there do not count toward the fit"
            + (f": {', '.join(dropped)}" if dropped else "")
        ),
        start=spans[0][0],
        end=spans[0][1],
    )
    return resume.model_copy(
        update={"skills": kept, "seniority": seniority, "warnings": [*resume.warnings, flag]}
    )


def _own_seniority(seniority: Seniority, inside: Callable[[int, int], bool]) -> Seniority:
    """The seniority without evidence in copied text: years decide, then titles, then signals,
    as the estimate does; the level never rises, and with no evidence of its own is entry."""
    copied = [e for e in seniority.evidence if inside(e.start, e.end)]
    if not copied or seniority.level is None:
        return seniority
    own = [e for e in seniority.evidence if not inside(e.start, e.end)]
    level: Level = LEVELS[0]
    for kinds in (("years", "date-range"), ("title",), ("signal",)):
        levels = [e.level for e in own if e.kind in kinds and e.level is not None]
        if levels:
            level = max(levels, key=level_rank)
            break
    level = min(level, seniority.level, key=level_rank)
    return seniority.model_copy(
        update={
            "level": level,
            "evidence": own,
            "reason": f"{seniority.reason}; evidence copied from the posting ignored -> {level}",
        }
    )
