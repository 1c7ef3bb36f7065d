"""Estimate the level a résumé has reached, or the level a posting hires for, with evidence.

Years decide, then titles, then progression signals. For a résumé the years are the merged length
of its dated work roles (education, internships and, after a career change, roles outside the
field are left out), else the largest explicit claim ("7+ years"). For a posting they are the
largest required minimum ("5+ years", "3-5 years" -> 3, "0-2 years" -> 0). The years map to a
level through ``SeniorityRules.bands``. Without years, a résumé takes the highest title it holds
and a posting the first title it names (its own title). Confidence is 0.75 when the level comes
from years, plus 0.15 when a title agrees (minus 0.2 when one disagrees) and plus 0.1 when the
progression signals agree, less 0.1 when the years sit within a quarter year of a band edge; 0.55
from a title alone (0.7 when signals agree); 0.2-0.45 from signals alone (more with more agreeing
signals); 0 with no evidence at all, when the level is ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from skillmatch.analysis import TextLayout, YearsClaim, counted_roles, total_years
from skillmatch.analysis.layout import as_layout
from skillmatch.models import (
    LEVELS,
    Level,
    Mention,
    Seniority,
    SeniorityEvidence,
    TextKind,
    level_rank,
)
from skillmatch.taxonomy import SeniorityRules

__all__ = ["estimate_seniority"]


def _signal_level(
    signals: Sequence[Mention], text: str, signal_levels: Mapping[str, Level]
) -> tuple[Level | None, int, list[SeniorityEvidence]]:
    evidence: list[SeniorityEvidence] = []
    counts = dict.fromkeys(LEVELS, 0)
    for m in signals:
        level = signal_levels.get(m.skill_id)
        if level is None or m.status != "counted" or text[m.start : m.end] != m.text:
            continue
        counts[level] += 1
        evidence.append(
            SeniorityEvidence(
                kind="signal", start=m.start, end=m.end, text=m.text, level=level, detail=m.skill_id
            )
        )
    if counts["senior"] >= 2 or (counts["senior"] >= 1 and counts["senior"] >= counts["mid"]):
        return "senior", counts["senior"], evidence
    if counts["mid"]:
        return "mid", counts["mid"], evidence
    if counts["entry"]:
        return "entry", counts["entry"], evidence
    return None, 0, evidence


def _years_evidence(text: str, claim: YearsClaim, rules: SeniorityRules) -> SeniorityEvidence:
    return SeniorityEvidence(
        kind="years",
        start=claim.start,
        end=claim.end,
        text=text[claim.start : claim.end],
        level=rules.level_for_years(claim.value),
        years=round(claim.value, 2),
        detail=claim.qualifier or "stated",
    )


def estimate_seniority(
    text: str | TextLayout,
    rules: SeniorityRules | None = None,
    *,
    kind: TextKind,
    signals: Sequence[Mention] = (),
    as_of: date | str | None = None,
    signal_levels: Mapping[str, Level] | None = None,
) -> Seniority:
    """Estimate the level a résumé has reached, or the level a posting hires for.

    Years decide, then titles, then progression signals (see the module docstring for the
    confidence). ``signals`` are the matcher's mentions of the taxonomy's level signals;
    ``signal_levels`` maps each signal id to its level (``{s.id: s.level for s in
    taxonomy.signals}``); mentions of other ids, or not counted, are ignored. ``text`` is the
    text, read with ``rules`` and ``as_of`` ("Present" in a date range means that day, today when
    not given), or its :class:`~skillmatch.analysis.TextLayout`, which holds its own. Every
    evidence span slices the text to its ``text``.

    >>> from skillmatch.taxonomy import SeniorityRules
    >>> rules = SeniorityRules(titles={"senior": ["Senior"]})
    >>> estimate_seniority("Requirements: 3+ years of Python.", rules, kind="job").level
    'mid'
    """
    layout = as_layout(text, as_of=as_of, rules=rules, caller="estimate_seniority")
    text, rules = layout.text, layout.rules
    evidence: list[SeniorityEvidence] = []
    years: float | None = None
    reason_years = ""
    claims = [c for c in layout.years_claims if c.experience]

    if kind == "resume":
        counted = counted_roles(layout.roles)
        if counted:
            years = total_years((r.range.begin, r.range.finish) for r in counted)
            for r in counted:
                evidence.append(
                    SeniorityEvidence(
                        kind="date-range",
                        start=r.range.start,
                        end=r.range.end,
                        text=text[r.range.start : r.range.end],
                        years=round(r.range.years, 2),
                        detail="work role" + (" (open-ended)" if r.range.open_ended else ""),
                    )
                )
            reason_years = f"{years:.1f} years of dated work history ({len(counted)} roles)"
        elif claims:
            best = max(claims, key=lambda c: c.value)
            years = best.value
            reason_years = f"{years:g} years stated ({text[best.start : best.end]!r})"
        evidence.extend(_years_evidence(text, c, rules) for c in claims)
    else:
        required = [c for c in claims if layout.requirement_of(c.start, c.end) == "required"]
        pool = required or claims
        if pool:
            best = max(pool, key=lambda c: c.value)
            years = best.value
            reason_years = f"asks for {text[best.start : best.end]!r}"
        evidence.extend(_years_evidence(text, c, rules) for c in claims)

    titles = layout.titles
    evidence.extend(titles)
    title_level: Level | None = None
    if titles:
        if kind == "resume":
            for t in titles:
                if t.level is not None and (
                    title_level is None or level_rank(t.level) > level_rank(title_level)
                ):
                    title_level = t.level
        else:
            title_level = titles[0].level
    signal_level, signal_count, signal_evidence = _signal_level(signals, text, signal_levels or {})
    evidence.extend(signal_evidence)
    evidence.sort(key=lambda e: (e.start, e.end))

    level: Level | None
    if years is not None:
        level = rules.level_for_years(years)
        confidence = 0.75
        reason = f"{reason_years} -> {level}"
        if title_level is not None:
            agree = title_level == level
            confidence += 0.15 if agree else -0.2
            reason += f"; titles say {title_level}" + (" (agree)" if agree else " (years decide)")
        if signal_level is not None and signal_level == level:
            confidence += 0.1
            reason += "; progression signals agree"
        if any(b.min_years > 0 and abs(years - b.min_years) < 0.25 for b in rules.bands):
            confidence -= 0.1
            reason += "; close to a band edge"
    elif title_level is not None:
        level = title_level
        confidence = 0.55
        reason = f"no years; titles say {title_level}"
        if signal_level == title_level:
            confidence += 0.15
            reason += "; progression signals agree"
    elif signal_level is not None:
        level = signal_level
        confidence = min(0.45, 0.15 + 0.05 * signal_count)
        reason = f"no years or titles; {signal_count} progression signal(s) say {signal_level}"
    else:
        return Seniority(
            level=None,
            confidence=0.0,
            years=None,
            evidence=evidence,
            reason="",
            as_of=layout.as_of,
            as_of_source=layout.as_of_source,
        )
    return Seniority(
        level=level,
        confidence=max(0.05, min(1.0, confidence)),
        years=None if years is None else round(years, 1),
        evidence=evidence,
        reason=reason,
        as_of=layout.as_of,
        as_of_source=layout.as_of_source,
    )
