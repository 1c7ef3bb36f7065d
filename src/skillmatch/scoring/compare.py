"""Fit of a résumé to a job posting: by category, with what is missing and the near misses.

The skill part is ``0.8 * required share + 0.2 * preferred share`` of the job's skills that the
résumé shows (just the share that exists when the job names only one kind; 1.0 when it names
none); the overall score is ``0.9 * skill part + 0.1 * seniority part``, where the seniority part
is 1 when the résumé is at or above the level sought or either level is unknown, 0.5 one level
below and 0 two levels below. So a text compared with itself scores 1, and adding a skill to a
résumé never lowers its fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from skillmatch.models import CategoryFit, Comparison, MatchResult, NearMiss, level_rank
from skillmatch.scoring.near_miss import NearMissIndex

__all__ = ["compare"]

_REQUIRED_SHARE = 0.8
_SKILL_PART = 0.9


def _skill_part(required: Sequence[str], preferred: Sequence[str], have: set[str]) -> float:
    req = sum(s in have for s in required) / len(required) if required else None
    pref = sum(s in have for s in preferred) / len(preferred) if preferred else None
    if req is not None and pref is not None:
        return _REQUIRED_SHARE * req + (1 - _REQUIRED_SHARE) * pref
    if req is not None:
        return req
    if pref is not None:
        return pref
    return 1.0


def _seniority_part(gap: int | None) -> float:
    if gap is None or gap >= 0:
        return 1.0
    return 0.5 if gap == -1 else 0.0


def compare(
    resume: MatchResult,
    job: MatchResult,
    *,
    score_cutoff: float = 0.8,
    near_misses: bool = True,
) -> Comparison:
    """Say how well a résumé fits a job posting (the module docstring says how it is scored).

    Per category of the job's skills: required and preferred skills covered and missing, and
    the résumé's extra skills there. A job skill whose ``requirement`` is None counts as
    required; a "negated" one is ignored. For each missing skill, the résumé phrase of one to
    four words closest to the job's wording of it (``fuzz.ratio`` on lowercased text) is
    reported when its score reaches ``score_cutoff`` (:mod:`skillmatch.scoring.near_miss`).
    ``near_misses=False`` skips that search and leaves ``near_misses`` empty, for callers that
    show only the scores and the missing skills (a batch writing CSV rows). The résumé's
    warnings are carried over.
    """
    have = set(resume.skill_ids)
    asked = [h for h in job.skills if h.requirement != "negated"]
    asked_ids = {h.skill_id for h in asked}
    required = [h.skill_id for h in asked if h.requirement in (None, "required")]
    preferred = [h.skill_id for h in asked if h.requirement == "preferred"]
    names = {c.category_id: c.name for c in job.coverage.categories}
    names.update({c.category_id: c.name for c in resume.coverage.categories})
    category_ids: list[str] = []
    for h in asked:
        for c in h.categories:
            if c not in category_ids:
                category_ids.append(c)
    categories: list[CategoryFit] = []
    for cat in category_ids:
        req = [s for s in required if cat in _categories_of(job, s)]
        pref = [s for s in preferred if cat in _categories_of(job, s)]
        extra = [
            h.skill_id for h in resume.skills if cat in h.categories and h.skill_id not in asked_ids
        ]
        categories.append(
            CategoryFit(
                category_id=cat,
                name=names.get(cat, cat),
                score=_skill_part(req, pref, have),
                required_covered=[s for s in req if s in have],
                required_missing=[s for s in req if s not in have],
                preferred_covered=[s for s in pref if s in have],
                preferred_missing=[s for s in pref if s not in have],
                extra=extra,
            )
        )
    resume_level, job_level = resume.seniority.level, job.seniority.level
    gap = (
        level_rank(resume_level) - level_rank(job_level)
        if resume_level is not None and job_level is not None
        else None
    )
    score = _SKILL_PART * _skill_part(required, preferred, have) + (
        1 - _SKILL_PART
    ) * _seniority_part(gap)
    near: list[NearMiss] = []
    if near_misses:
        missing = [h.skill_id for h in asked if h.skill_id not in have]
        near = NearMissIndex.for_job(job).find(resume.text, missing, score_cutoff=score_cutoff)
    return Comparison(
        score=max(0.0, min(1.0, score)),
        categories=categories,
        required_missing=[s for s in required if s not in have],
        preferred_missing=[s for s in preferred if s not in have],
        seniority_gap=gap,
        resume_level=resume_level,
        job_level=job_level,
        near_misses=near,
        flags=list(resume.warnings),
    )


def _categories_of(result: MatchResult, skill_id: str) -> list[str]:
    hit = result.skill(skill_id)
    return hit.categories if hit is not None else []
