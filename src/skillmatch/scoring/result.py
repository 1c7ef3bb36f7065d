"""Turn one text's raw mentions into its :class:`~skillmatch.models.MatchResult`.

Mentions move to the original text's offsets and get their status (hidden text) and, in a
posting, how strongly they are asked for; then each skill gets its hit with years, and the text
its coverage, seniority, role scores and flags. Everything about the text is read from its
:class:`~skillmatch.analysis.TextLayout`: this is where a text enters scoring, once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from skillmatch.analysis import TextLayout
from skillmatch.matching import RawMention
from skillmatch.models import (
    Flag,
    MatchResult,
    Mention,
    Requirement,
    RequirementGroup,
    SkillHit,
    TextKind,
)
from skillmatch.scoring.compare import FEW_SKILLS, outside_taxonomy
from skillmatch.scoring.coverage import coverage, role_scores
from skillmatch.scoring.gaming import UNSUPPORTED_SCORE, gaming_flags, unsupported_skills
from skillmatch.scoring.other import OtherSkills
from skillmatch.scoring.seniority import estimate_seniority
from skillmatch.scoring.skill_years import skill_years
from skillmatch.taxonomy import Taxonomy
from skillmatch.text import NormalizedText, ScanText

__all__ = ["ResultBuilder", "requirement_groups"]


class ResultBuilder:
    """Build match results for one taxonomy; what it reads of the taxonomy is worked out once."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._signal_levels = {s.id: s.level for s in taxonomy.signals}
        self._skills = {s.id: s for s in taxonomy.skills}
        self._categories = {s.id: tuple(s.categories) for s in taxonomy.skills}

    def build(
        self,
        layout: TextLayout,
        norm: NormalizedText,
        found: tuple[list[RawMention], list[RawMention]],
        *,
        kind: TextKind,
        id: str | None,
        hidden_spans: Sequence[tuple[int, int]],
        others: Sequence[RawMention] = (),
        other_skills: OtherSkills | None = None,
    ) -> MatchResult:
        """Return the result of the text that ``layout`` reads and ``norm`` normalized, whose
        skill and signal mentions (in ``norm.text`` offsets) are ``found``.

        ``others`` are the technology catalogue's mentions in the text; ``other_skills``
        keeps those the taxonomy does not hold as ``MatchResult.other_skills``.
        """
        raw_skills, raw_signals = found
        mentions = [_mention(layout, norm, m, hidden_spans, kind) for m in raw_skills]
        signals = [
            _mention(layout, norm, m, hidden_spans) for m in raw_signals if m.status == "counted"
        ]
        by_skill: dict[str, list[Mention]] = defaultdict(list)
        excluded: list[Mention] = []
        for m in mentions:
            if m.status == "counted":
                by_skill[m.skill_id].append(m)
            else:
                excluded.append(m)
        years = skill_years(layout, by_skill)
        unsupported = unsupported_skills(layout.source, by_skill)
        flags = gaming_flags(layout.text, by_skill, unsupported)
        capped = set(unsupported)
        hits = [
            self._hit(skill_id, ms, years.get(skill_id), kind, capped=skill_id in capped)
            for skill_id, ms in by_skill.items()
        ]
        cov = coverage(self.taxonomy, by_skill)
        seniority = estimate_seniority(
            layout, kind=kind, signals=signals, signal_levels=self._signal_levels
        )
        warnings: list[Flag] = list(flags)
        asked = [h for h in hits if h.requirement != "negated"]
        if kind == "job" and len(asked) < FEW_SKILLS:
            warnings.append(outside_taxonomy(len(asked)))
        if hidden_spans:
            warnings.append(
                Flag(
                    code="hidden-text",
                    message="the document holds text a reader cannot see; not scored",
                )
            )
        groups = requirement_groups(layout, mentions, self._categories) if kind == "job" else []
        return MatchResult(
            id=id,
            kind=kind,
            text=layout.text,
            skills=hits,
            excluded=excluded,
            signals=signals,
            coverage=cov,
            seniority=seniority,
            roles=role_scores(self.taxonomy, cov),
            warnings=warnings,
            taxonomy=self.taxonomy.name,
            requirement_groups=groups,
            other_skills=_other_hits(
                layout, norm, raw_skills, others, other_skills, hidden_spans, kind
            ),
        )

    def skills(
        self,
        text: str,
        norm: NormalizedText,
        found: tuple[list[RawMention], list[RawMention]],
        *,
        hidden_spans: Sequence[tuple[int, int]],
    ) -> list[SkillHit]:
        """Return the skill hits of ``text`` alone, without reading its layout.

        Each is the hit :meth:`build` gives for a résumé, except ``years``, which needs the
        text's dates, and so stays None; no hit or mention says how strongly it is required.
        """
        mentions = [_mention(None, norm, m, hidden_spans) for m in found[0]]
        by_skill: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.status == "counted":
                by_skill[m.skill_id].append(m)
        capped = set(unsupported_skills(ScanText(text), by_skill))
        return [
            self._hit(skill_id, ms, None, "resume", capped=skill_id in capped)
            for skill_id, ms in by_skill.items()
        ]

    def _hit(
        self,
        skill_id: str,
        mentions: list[Mention],
        years: float | None,
        kind: TextKind,
        *,
        capped: bool = False,
    ) -> SkillHit:
        skill = self._skills[skill_id]
        best = max(m.score for m in mentions)
        requirement = None
        if kind == "job":
            reqs = {m.requirement for m in mentions}
            requirement = "required" if "required" in reqs else "preferred"
        return SkillHit(
            skill_id=skill_id,
            name=skill.name,
            categories=list(skill.categories),
            score=min(best, UNSUPPORTED_SCORE) if capped else best,
            mentions=mentions,
            years=years,
            requirement=requirement,
        )


def _mention(
    layout: TextLayout | None,
    norm: NormalizedText,
    m: RawMention,
    hidden_spans: Sequence[tuple[int, int]],
    kind: TextKind | None = None,
) -> Mention:
    """Build a mention in the original text's offsets; in a job posting, with how strongly it
    is asked for."""
    start, end = norm.span_to_original(m.start, m.end)
    status = m.status
    if any(s < end and start < e for s, e in hidden_spans):
        status = "hidden"
    extra: dict[str, Requirement] = {}
    if kind == "job" and status == "counted" and layout is not None:
        extra["requirement"] = layout.requirement_of(start, end)
    elif kind == "job" and status == "negated":
        extra["requirement"] = "negated"
    # Validated, though valid by construction: pydantic-core validates a flat model faster
    # than model_construct builds one in Python.
    return Mention(
        skill_id=m.target,
        start=start,
        end=end,
        text=norm.original[start:end],
        matched=m.matched,
        method=m.method,
        score=m.score,
        status=status,
        **extra,
    )


def requirement_groups(
    layout: TextLayout,
    mentions: Sequence[Mention],
    categories: Mapping[str, Sequence[str]] | None = None,
) -> list[RequirementGroup]:
    """The posting's alternatives ("PyTorch or TensorFlow"), from its counted mentions.

    Described work (pattern mentions) names no alternative, and alternatives are alike: with
    ``categories`` (skill id -> its categories), skills that share no category are no choice
    ("vLLM or TensorRT-LLM" names an LLM skill and a speed one). A group is required when any of
    its mentions is; the same set of skills named twice is one group.
    """
    named = sorted(
        (m for m in mentions if m.status == "counted" and m.method != "pattern"),
        key=lambda m: (m.start, m.end),
    )
    groups: list[RequirementGroup] = []
    seen: set[tuple[str, ...]] = set()
    for members in layout.alternatives([(m.start, m.end) for m in named]):
        found = [named[i] for i in members]
        skill_ids = list(dict.fromkeys(m.skill_id for m in found))
        key = tuple(sorted(skill_ids))
        if len(skill_ids) < 2 or key in seen:
            continue
        if categories is not None and not set.intersection(
            *(set(categories.get(sid, ())) for sid in skill_ids)
        ):
            continue
        seen.add(key)
        start, end = found[0].start, found[-1].end
        groups.append(
            RequirementGroup(
                skill_ids=skill_ids,
                requirement="required"
                if any(m.requirement == "required" for m in found)
                else "preferred",
                start=start,
                end=end,
                text=layout.text[start:end],
            )
        )
    return groups


def _other_hits(
    layout: TextLayout,
    norm: NormalizedText,
    raw_skills: Sequence[RawMention],
    others: Sequence[RawMention],
    other_skills: OtherSkills | None,
    hidden_spans: Sequence[tuple[int, int]],
    kind: TextKind,
) -> list[SkillHit]:
    if other_skills is None or not others:
        return []
    kept = other_skills.select(others, raw_skills, norm.text)
    return other_skills.hits([_mention(layout, norm, m, hidden_spans, kind) for m in kept], kind)
