"""Coverage of a taxonomy by the skills a text shows, and how much it resembles each role.

A category's coverage is the share of its skills that the text shows (each skill counts once,
however often it is repeated); the overall coverage is the mean of the category coverages weighted
by ``Category.weight``. A role's score is the cosine similarity between its category weights and
the text's category coverage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from skillmatch.models import Coverage, RoleScore
from skillmatch.taxonomy import Taxonomy

__all__ = ["coverage", "role_scores"]


class _TaxonomyFacts:
    """What coverage and role scores read of one taxonomy, worked out once per taxonomy object:
    each category's skill ids (in taxonomy order) and each role's positive category weights with
    their norm."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.category_skills = tuple(
            tuple(dict.fromkeys(s.id for s in taxonomy.skills_in(cat.id)))
            for cat in taxonomy.categories
        )
        self.positions = tuple(
            {skill_id: k for k, skill_id in enumerate(ids)} for ids in self.category_skills
        )
        self.roles: list[tuple[str, str, list[tuple[str, float]], float]] = []
        for role in taxonomy.roles:
            weights = [(k, v) for k, v in role.categories.items() if v > 0]
            norm_w = math.sqrt(sum(w * w for _, w in weights))
            self.roles.append((role.id, role.name, weights, norm_w))


_TAXONOMY_FACTS: dict[int, tuple[Taxonomy, _TaxonomyFacts]] = {}


def _taxonomy_facts(taxonomy: Taxonomy) -> _TaxonomyFacts:
    cached = _TAXONOMY_FACTS.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    facts = _TaxonomyFacts(taxonomy)
    if len(_TAXONOMY_FACTS) >= 8:
        _TAXONOMY_FACTS.clear()
    _TAXONOMY_FACTS[id(taxonomy)] = (taxonomy, facts)
    return facts


def coverage(taxonomy: Taxonomy, found_skill_ids: Iterable[str]) -> Coverage:
    """Return the share of each category's skills found, and the weighted overall share.

    Each skill counts once however often it is repeated; ids the taxonomy lacks are ignored.
    A category without skills has coverage 0. The overall coverage weighs each category by
    ``Category.weight`` (0 when every weight is 0).
    """
    found = set(found_skill_ids)
    categories: list[dict[str, object]] = []
    weighted = total_weight = 0.0
    facts = _taxonomy_facts(taxonomy)
    for cat, skills, position in zip(
        taxonomy.categories, facts.category_skills, facts.positions, strict=True
    ):
        # Only the found skills are looked up, and the missing ones are the slices between
        # them: a taxonomy of 30,000 skills costs list copies, not a membership test each.
        at = sorted(position[s] for s in found if s in position)
        hit = [skills[k] for k in at]
        missing: list[str] = []
        last = 0
        for k in at:
            missing += skills[last:k]
            last = k + 1
        missing += skills[last:]
        share = len(hit) / len(skills) if skills else 0.0
        categories.append(
            {
                "category_id": cat.id,
                "name": cat.name,
                "weight": cat.weight,
                "coverage": share,
                "found": hit,
                "missing": missing,
            }
        )
        if skills:
            weighted += cat.weight * share
            total_weight += cat.weight
    overall = min(1.0, weighted / total_weight) if total_weight > 0 else 0.0
    # One validation builds the nested models in pydantic-core: faster than model_construct
    # builds each category in Python.
    return Coverage.model_validate({"overall": overall, "categories": categories})


def role_scores(taxonomy: Taxonomy, cov: Coverage) -> list[RoleScore]:
    """Score how much the text resembles each role profile of the taxonomy, best first.

    The score is the cosine similarity between the role's category weights and the text's
    category coverage: 1 when the text covers categories in the proportions the role leans on
    them, 0 when it covers none of them. The reason names the categories that contribute most.
    """
    shares = {c.category_id: c.coverage for c in cov.categories}
    names = {c.category_id: c.name for c in cov.categories}
    norm_c = math.sqrt(sum(s * s for s in shares.values()))
    out: list[tuple[float, int, RoleScore]] = []
    for index, (role_id, name, weights, norm_w) in enumerate(_taxonomy_facts(taxonomy).roles):
        contributions = [(w * shares.get(k, 0.0), k) for k, w in weights]
        dot = sum(c for c, _ in contributions)
        score = dot / (norm_w * norm_c) if norm_w > 0 and norm_c > 0 else 0.0
        score = max(0.0, min(1.0, score))
        drivers = sorted(contributions, reverse=True)
        top = [names.get(k, k) for contribution, k in drivers[:3] if contribution > 0]
        if top:
            reason = "driven by " + ", ".join(top)
        else:
            reason = "the text covers none of the categories this role leans on"
        out.append(
            (score, index, RoleScore(role_id=role_id, name=name, score=score, reason=reason))
        )
    out.sort(key=lambda t: (-t[0], t[1]))
    return [r for _, _, r in out]
