"""Fit of a résumé to a job posting: by category, with what is missing and the near misses.

The job asks for requirements: each skill it names alone, and each group of alternatives it
names ("PyTorch or TensorFlow": ``MatchResult.requirement_groups``), which any member satisfies.
The skill part is ``0.8 * required share + 0.2 * preferred share`` of those requirements that the
résumé meets (just the share that exists when the job names only one kind; 1.0 when it names
none); the overall score is ``0.9 * skill part + 0.1 * seniority part``, where the seniority part
is 1 when the résumé is at or above the level sought or either level is unknown, 0.5 one level
below and 0 two levels below; a résumé that meets none of the job's requirements scores 0, below
every résumé that meets one. So a text compared with itself scores 1, and adding a skill to a
résumé never lowers its fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from skillmatch.models import (
    CategoryFit,
    Comparison,
    Flag,
    GroupFit,
    MatchResult,
    NearMiss,
    Requirement,
    level_rank,
)
from skillmatch.scoring.copied import without_copied_text
from skillmatch.scoring.near_miss import NearMissIndex

__all__ = ["FEW_SKILLS", "compare", "outside_taxonomy"]

_REQUIRED_SHARE = 0.8
_SKILL_PART = 0.9


def _skill_part(required: Sequence[bool], preferred: Sequence[bool]) -> float:
    """The share of requirements met: ``required`` and ``preferred`` say, per requirement,
    whether the résumé meets it."""
    req = sum(required) / len(required) if required else None
    pref = sum(preferred) / len(preferred) if preferred else None
    if req is not None and pref is not None:
        return _REQUIRED_SHARE * req + (1 - _REQUIRED_SHARE) * pref
    if req is not None:
        return req
    if pref is not None:
        return pref
    return 1.0


@dataclass(frozen=True)
class _Unit:
    """One requirement of a job: a skill it names alone, or a group of alternatives."""

    skill_ids: tuple[str, ...]
    requirement: Requirement
    group: bool
    position: int = 0


def _units(job: MatchResult) -> list[_Unit]:
    """The job's requirements, in the order it names them.

    A skill that appears in a group of alternatives and nowhere else is asked for only through
    its group; named elsewhere too, it is also a requirement of its own.
    """
    asked = {h.skill_id: h for h in job.skills if h.requirement != "negated"}
    units: list[_Unit] = []
    grouped: dict[str, list[tuple[int, int]]] = {}
    for g in job.requirement_groups:
        members = tuple(sid for sid in g.skill_ids if sid in asked)
        if len(members) >= 2:
            units.append(_Unit(members, g.requirement, True, g.start))
            for sid in members:
                grouped.setdefault(sid, []).append((g.start, g.end))
        elif members:
            grouped.setdefault(members[0], [])
    for sid, hit in asked.items():
        spans = grouped.get(sid)
        if spans is None:
            first = min((m.start for m in hit.mentions), default=0)
            units.append(_Unit((sid,), _requirement(hit.requirement), False, first))
            continue
        alone = [
            m
            for m in hit.mentions
            if m.status == "counted" and not any(s <= m.start < e for s, e in spans)
        ]
        if alone:
            required = any(m.requirement in (None, "required") for m in alone)
            level: Requirement = "required" if required else "preferred"
            units.append(_Unit((sid,), level, False, alone[0].start))
    return sorted(units, key=lambda u: u.position)


def _requirement(requirement: Requirement | None) -> Requirement:
    return "preferred" if requirement == "preferred" else "required"


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
    required; a "negated" one is ignored. A group of alternatives is missing only when the
    résumé shows none of them; ``groups`` says which one satisfied each. For each missing skill,
    the résumé phrase of one to four words closest to the job's wording of it (``fuzz.ratio``
    on lowercased text) is reported when its score reaches ``score_cutoff``
    (:mod:`skillmatch.scoring.near_miss`); words the résumé negates or gives to someone else
    are no near miss. ``near_misses=False`` skips that search and leaves ``near_misses`` empty,
    for callers that show only the scores and the missing skills (a batch writing CSV rows).
    The résumé's warnings are carried over, and a job with fewer than three taxonomy skills
    flags the comparison ``outside-taxonomy``. Skills that only stretches copied from the
    posting show do not count (:mod:`~skillmatch.scoring.copied`; flagged ``job-text-copied``).
    """
    resume = without_copied_text(resume, job)
    have = set(resume.skill_ids)
    asked = [h for h in job.skills if h.requirement != "negated"]
    asked_ids = {h.skill_id for h in asked}
    units = _units(job)
    met = {u: any(sid in have for sid in u.skill_ids) for u in units}
    names = {c.category_id: c.name for c in job.coverage.categories}
    names.update({c.category_id: c.name for c in resume.coverage.categories})
    category_ids: list[str] = []
    for h in asked:
        for c in h.categories:
            if c not in category_ids:
                category_ids.append(c)
    categories: list[CategoryFit] = []
    for cat in category_ids:
        here = [u for u in units if any(cat in _categories_of(job, s) for s in u.skill_ids)]
        req = [u for u in here if u.requirement == "required"]
        pref = [u for u in here if u.requirement == "preferred"]
        extra = [
            h.skill_id for h in resume.skills if cat in h.categories and h.skill_id not in asked_ids
        ]
        categories.append(
            CategoryFit(
                category_id=cat,
                name=names.get(cat, cat),
                score=_skill_part([met[u] for u in req], [met[u] for u in pref]),
                required_covered=_covered(req, have, job, cat),
                required_missing=_missing(req, met, job, cat),
                preferred_covered=_covered(pref, have, job, cat),
                preferred_missing=_missing(pref, met, job, cat),
                extra=extra,
            )
        )
    resume_level, job_level = resume.seniority.level, job.seniority.level
    gap = (
        level_rank(resume_level) - level_rank(job_level)
        if resume_level is not None and job_level is not None
        else None
    )
    required = [met[u] for u in units if u.requirement == "required"]
    preferred = [met[u] for u in units if u.requirement == "preferred"]
    skill_part = _skill_part(required, preferred)
    # none of what the job asks: no level makes up for it
    score = (
        0.0
        if units and not any(met.values())
        else (_SKILL_PART * skill_part + (1 - _SKILL_PART) * _seniority_part(gap))
    )
    required_missing = _missing([u for u in units if u.requirement == "required"], met)
    preferred_missing = [
        s
        for s in _missing([u for u in units if u.requirement == "preferred"], met)
        if s not in required_missing
    ]
    near: list[NearMiss] = []
    if near_misses:
        missing = [h.skill_id for h in asked if h.skill_id in required_missing + preferred_missing]
        near = _near_misses(resume, job, missing, score_cutoff)
    flags = list(resume.warnings)
    if len(asked) < FEW_SKILLS:
        flags.append(outside_taxonomy(len(asked)))
    return Comparison(
        score=max(0.0, min(1.0, score)),
        categories=categories,
        required_missing=required_missing,
        preferred_missing=preferred_missing,
        seniority_gap=gap,
        resume_level=resume_level,
        job_level=job_level,
        near_misses=near,
        flags=flags,
        groups=[
            GroupFit(
                skill_ids=list(u.skill_ids),
                requirement=u.requirement,
                satisfied_by=next((s for s in u.skill_ids if s in have), None),
            )
            for u in units
            if u.group
        ],
    )


def _near_misses(
    resume: MatchResult, job: MatchResult, missing: list[str], score_cutoff: float
) -> list[NearMiss]:
    """The near misses of the missing skills, never in words the résumé negates or gives to
    another party ("No tengo experiencia con Kubernetes" is no near miss of Kubernetes)."""
    blocked = [(m.start, m.end) for m in resume.excluded]
    text = resume.text
    if blocked:
        chars = list(text)
        for start, end in blocked:
            chars[start:end] = " " * (end - start)
        text = "".join(chars)  # blanked, so no phrase holds those words; offsets unchanged
    found = NearMissIndex.for_job(job).find(text, missing, score_cutoff=score_cutoff)
    return [n for n in found if not any(s < n.end and n.start < e for s, e in blocked)]


FEW_SKILLS = 3
"""A posting that names fewer taxonomy skills than this is flagged ``outside-taxonomy``."""


def outside_taxonomy(count: int) -> Flag:
    """The ``outside-taxonomy`` flag of a posting that names ``count`` taxonomy skills."""
    return Flag(
        code="outside-taxonomy",
        message=(
            f"the posting names {count} skill(s) of the taxonomy (fewer than {FEW_SKILLS}):"
            " it is probably not a role this taxonomy describes, and the fit says little"
        ),
    )


def _covered(units: Sequence[_Unit], have: set[str], job: MatchResult, cat: str) -> list[str]:
    found = [s for u in units for s in u.skill_ids if s in have and cat in _categories_of(job, s)]
    return list(dict.fromkeys(found))


def _missing(
    units: Sequence[_Unit], met: dict[_Unit, bool], job: MatchResult | None = None, cat: str = ""
) -> list[str]:
    """The skills of the requirements not met (a group's members when none is shown), in the
    job's order; in one category when ``job`` and ``cat`` are given."""
    found = [
        s
        for u in units
        if not met[u]
        for s in u.skill_ids
        if job is None or cat in _categories_of(job, s)
    ]
    return list(dict.fromkeys(found))


def _categories_of(result: MatchResult, skill_id: str) -> list[str]:
    hit = result.skill(skill_id)
    return hit.categories if hit is not None else []
