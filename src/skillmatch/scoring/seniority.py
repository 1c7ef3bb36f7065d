"""Estimate the level a résumé has reached, or the level a posting hires for, with evidence.

Years decide, then titles, then progression signals. For a résumé the years are the merged length
of its dated work roles (education, internships, jobs held while studying full time and, after a
career change, roles outside the field are left out), reconciled with what the text states: a
stated total ("7+ years") is believed where the dated history cannot contradict it (it runs to
"present", or there is none) and it fits the career the text's dates allow; a total beyond that or
beyond 50 years is distrusted and reported (in a text that lost its punctuation "25 years" may be
2.5, and is read so when 25 does not fit). A person who studies still, has just graduated, asks for
a first role or has held internships only is entry. For a posting the years are the largest
required minimum ("5+ years", "3-5 years" -> 3, "0-2 years" -> 0). The years map to a level
through ``SeniorityRules.bands``. Without years, a résumé takes the title of its latest role (else
its headline's, else its highest) and a posting the first title it names (its own title).
Confidence is 0.75 when the level comes from years, plus 0.15 when a title agrees (minus 0.2 when
one disagrees) and plus 0.1 when the progression signals agree, less 0.1 when the years sit within
a quarter year of a band edge; 0.55 from a title alone (0.7 when signals agree); progression
signals alone give at most a weak mid (0.2-0.3); 0 with no evidence at all, when the level is
``None``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from skillmatch.analysis import TextLayout, YearsClaim, counted_roles, total_years
from skillmatch.analysis.career import during_studies
from skillmatch.analysis.layout import as_layout
from skillmatch.analysis.roles import Role
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
from skillmatch.text.scan import find_words

__all__ = ["estimate_seniority"]

_MAX_CAREER_YEARS = 50.0
# A stated total is distrusted when it runs this much past the career the text's earliest date
# allows (or past the dated history, when that is longer): far beyond, not a little.
_CAREER_SLACK_YEARS = 3.0
_SIGNALS_ALONE_CAP: Level = "mid"
# A stated total no longer than the jobs held while studying (give or take half a year) counts
# those jobs, when they are all the dated work there is.
_STUDENT_SLACK_YEARS = 0.5


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


def _years_evidence(
    text: str, claim: YearsClaim, rules: SeniorityRules, value: float | None = None
) -> SeniorityEvidence:
    years = claim.value if value is None else value
    return SeniorityEvidence(
        kind="years",
        start=claim.start,
        end=claim.end,
        text=text[claim.start : claim.end],
        level=rules.level_for_years(years),
        years=round(years, 2),
        detail=claim.qualifier or "stated",
    )


_TWO_DIGITS = re.compile(r"(?<![\d.])([1-9])([1-9])\s*(?:\+\s*)?(?:years?|yrs?)\b", re.I)


def _stated_total(
    layout: TextLayout, claims: Sequence[YearsClaim], dated: float | None
) -> tuple[YearsClaim | None, float, list[str]]:
    """The largest stated amount of experience the career allows, and the distrusted ones.

    A career runs at most 50 years, and from around the first studies the text dates (give or
    take three years). A claim beyond that is distrusted. In a text that lost its punctuation, a
    two-digit "25 years" beyond that or far beyond the ``dated`` history is read as 2.5. A total
    of experience ("7 years of experience") speaks for the career; a skill's years ("Python 3
    years") only where no total is stated.
    """
    text = layout.text
    bound = _MAX_CAREER_YEARS
    if layout.studies:
        # a career starts around the first studies, not decades before them
        first = min(p.begin for p in layout.studies)
        bound = min(bound, (layout.as_of - first).days / 365.25 + _CAREER_SLACK_YEARS)
    lost_bound = min(bound, dated + _CAREER_SLACK_YEARS) if dated is not None else bound
    best: YearsClaim | None = None
    best_value = 0.0
    distrusted: list[str] = []
    totals = [c for c in claims if c.total]
    for claim in totals or claims:
        if claim.qualifier == "up-to" or _other_field(layout, claim):
            continue
        value = claim.value
        quoted = repr(text[claim.start : claim.end])
        digits = _TWO_DIGITS.search(text, claim.start, claim.end)
        lost = float(f"{digits.group(1)}.{digits.group(2)}") if digits else None
        if layout.punctuation_lost and lost is not None and value > lost_bound:
            value = lost
            distrusted.append(f"{quoted} read as {value:g} (punctuation lost)")
        elif value > bound:
            why = "over 50 years" if value > _MAX_CAREER_YEARS else "beyond the dated career"
            distrusted.append(f"{quoted} distrusted ({why})")
            continue
        if value > best_value:
            best, best_value = claim, value
    return best, best_value, distrusted


_AS_A = re.compile(
    r"\W{0,3}(?:(?:of\s+)?(?:\w+\s+)?experience\s+)?as\s+an?\s+([^.;,\n]{1,60})", re.I
)


def _other_field(layout: TextLayout, claim: YearsClaim) -> bool:
    """Does the claim count years in a role outside the field, after a career change ("six
    years as a real estate agent" beside data roles)? Only when some dated role is relevant."""
    said = _AS_A.match(layout.text, claim.end)
    if said is None or not any(r.relevant for r in layout.roles if r.status == "work"):
        return False
    words = tuple(layout.rules.relevant_roles)
    return next(find_words(words, layout.source, *said.span(1)), None) is None


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

    Years decide, then titles, then progression signals (the module docstring says how the
    evidence is reconciled, and the confidence). ``signals`` are the matcher's mentions of the
    taxonomy's level signals; ``signal_levels`` maps each signal id to its level (``{s.id:
    s.level for s in taxonomy.signals}``); mentions of other ids, or not counted, are ignored.
    ``text`` is the text, read with ``rules`` and ``as_of`` ("Present" in a date range means
    that day; see :class:`~skillmatch.analysis.TextLayout` when not given), or its
    :class:`~skillmatch.analysis.TextLayout`, which holds its own. Every evidence span slices
    the text to its ``text``; ``reason`` says how the evidence was reconciled.

    >>> from skillmatch.taxonomy import SeniorityRules
    >>> rules = SeniorityRules(titles={"senior": ["Senior"]})
    >>> estimate_seniority("Requirements: 3+ years of Python.", rules, kind="job").level
    'mid'
    """
    layout = as_layout(text, as_of=as_of, rules=rules, caller="estimate_seniority")
    text, rules = layout.text, layout.rules
    evidence: list[SeniorityEvidence] = []
    claims = [c for c in layout.years_claims if c.experience]
    entry_reason = ""
    if kind == "resume":
        years, reason_years, entry_reason, found = _resume_years(layout, claims)
        evidence.extend(found)
    else:
        years, reason_years = None, ""
        required = [c for c in claims if layout.requirement_of(c.start, c.end) == "required"]
        pool = required or claims
        if pool:
            best = max(pool, key=lambda c: c.value)
            years = best.value
            reason_years = f"asks for {text[best.start : best.end]!r}"
        evidence.extend(_years_evidence(text, c, rules) for c in claims)

    titles = layout.titles
    evidence.extend(titles)
    title_level, title_why = (
        _resume_title(layout) if kind == "resume" else (titles[0].level if titles else None, "")
    )
    signal_level, signal_count, signal_evidence = _signal_level(signals, text, signal_levels or {})
    evidence.extend(signal_evidence)
    evidence.sort(key=lambda e: (e.start, e.end))

    level: Level | None
    if entry_reason:
        # a first degree under way, or no counted work and studying, just graduated, asking for
        # a first role, internships only
        level = "entry"
        confidence = 0.75 if years is not None else 0.6
        reason = entry_reason + (f"; {reason_years}" if reason_years else "") + " -> entry"
        if title_level is not None and title_level != "entry":
            reason += f"; {title_why or 'titles say'} {title_level} (the career stage decides)"
    elif years is not None:
        level = rules.level_for_years(years)
        confidence = 0.75
        reason = f"{reason_years} -> {level}"
        if title_level is not None:
            agree = title_level == level
            confidence += 0.15 if agree else -0.2
            reason += f"; {title_why or 'titles say'} {title_level}" + (
                " (agree)" if agree else " (years decide)"
            )
        if signal_level is not None and signal_level == level:
            confidence += 0.1
            reason += "; progression signals agree"
        if any(b.min_years > 0 and abs(years - b.min_years) < 0.25 for b in rules.bands):
            confidence -= 0.1
            reason += "; close to a band edge"
    elif title_level is not None:
        level = title_level
        confidence = 0.55
        reason = f"no years; {title_why or 'titles say'} {title_level}"
        if signal_level == title_level:
            confidence += 0.15
            reason += "; progression signals agree"
    elif signal_level is not None:
        # signals alone ("led a team") are weak: at most a mid, at low confidence
        level = (
            signal_level
            if level_rank(signal_level) <= level_rank(_SIGNALS_ALONE_CAP)
            else _SIGNALS_ALONE_CAP
        )
        confidence = min(0.3, 0.15 + 0.05 * signal_count)
        reason = f"no years or titles; {signal_count} progression signal(s) say {signal_level}"
        if level != signal_level:
            reason += f"; signals alone give at most a weak {level}"
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


def _resume_years(
    layout: TextLayout, claims: Sequence[YearsClaim]
) -> tuple[float | None, str, str, list[SeniorityEvidence]]:
    """A résumé's years of experience, how they were reconciled, and its career-stage reason.

    Returns (years or None, the reason for the years, the reason it is entry whatever the years
    say or "", the evidence).
    """
    text, rules = layout.text, layout.rules
    evidence: list[SeniorityEvidence] = []
    studies = layout.studies
    work = counted_roles(layout.roles)
    student_jobs = [r for r in work if during_studies(r, studies)]
    counted = [r for r in work if r not in student_jobs]
    for r in counted:
        evidence.append(_range_evidence(text, r, "work role"))
    for r in student_jobs:
        evidence.append(_range_evidence(text, r, "held while studying (not counted)"))
    dated = total_years((r.range.begin, r.range.finish) for r in counted) if counted else None
    best, stated, distrusted = _stated_total(layout, claims, dated)
    if best is not None and not counted and student_jobs:
        held = total_years((r.range.begin, r.range.finish) for r in student_jobs)
        if stated <= held + _STUDENT_SLACK_YEARS:
            # every dated job was held while studying: the years stated are those jobs
            distrusted.append(f"{text[best.start : best.end]!r} are the jobs held while studying")
            best, stated = None, 0.0
    for c in claims:
        value = stated if c is best else None
        evidence.append(_years_evidence(text, c, rules, value))
    notes = [f"{len(student_jobs)} role(s) held while studying left out"] if student_jobs else []
    notes += distrusted
    years: float | None = None
    reason = ""
    said = f"{stated:g} years stated ({text[best.start : best.end]!r})" if best else ""
    if dated is not None:
        years = dated
        reason = f"{dated:.1f} years of dated work history ({len(counted)} roles)"
        open_ended = any(r.range.open_ended for r in counted)
        if best is not None and stated > dated and open_ended:
            # the dated history runs to "present": the stated total may know better when that is
            years = stated
            reason = f"{said} beside {reason}"
    elif best is not None:
        years = stated
        reason = said
    if notes:
        reason = (reason + "; " if reason else "") + "; ".join(notes)
    entry, decides = _career_stage(layout, counted, student_jobs, years)
    if entry and not decides and years is not None and rules.level_for_years(years) != "entry":
        entry = ""
    return years, reason, entry, evidence


def _range_evidence(text: str, role: Role, detail: str) -> SeniorityEvidence:
    r = role.range
    return SeniorityEvidence(
        kind="date-range",
        start=r.start,
        end=r.end,
        text=text[r.start : r.end],
        years=round(r.years, 2),
        detail=detail + (" (open-ended)" if r.open_ended else ""),
    )


_ADVANCED_DEGREE = re.compile(
    r"\b(?:master|m\.?\s?sc|msc|m\.?\s?s\.|mba|ph\.?\s?d|doctor(?:al|ate)?|m\.?\s?tech|"
    r"m\.?\s?eng|postgraduate|post-graduate|graduate\s+(?:school|program))",
    re.IGNORECASE,
)
_FIRST_DEGREE = re.compile(
    r"\b(?:bachelor|b\.?\s?sc|bsc|b\.?\s?s\.|b\.?\s?a\.|b\.?\s?tech|b\.?\s?e\.|b\.?\s?eng|bba|"
    r"b\.?\s?com|undergraduate|associate\s+(?:of|degree)|high\s+school|secondary\s+school|"
    r"diploma|a[\s-]levels?)",
    re.IGNORECASE,
)
_AROUND = 120


def _career_stage(
    layout: TextLayout, counted: Sequence[Role], student_jobs: Sequence[Role], years: float | None
) -> tuple[str, bool]:
    """Why the person is at the start of a career, or ""; and whether that decides whatever
    the years say (a first degree under way: a bachelor's, a diploma, school) or only where no
    counted work remains."""
    text, rules = layout.text, layout.rules
    cues = {c.detail: c for c in reversed(layout.entry_cues) if not _past(layout, c.start)}
    studying = [(p.start, p.end) for p in layout.studies if p.ongoing]
    if "studying" in cues:
        studying.insert(0, (cues["studying"].start, cues["studying"].end))
    if studying:
        start, end = studying[0]
        around = text[max(0, start - _AROUND) : end + _AROUND]
        first_degree = _FIRST_DEGREE.search(around) is not None and not _ADVANCED_DEGREE.search(
            around
        )
        if first_degree or not counted:
            return f"studies still ({text[start:end]!r})", first_degree
    below_senior = years is None or rules.level_for_years(years) != "senior"
    if "student" in cues and below_senior and not _ADVANCED_DEGREE.search(text):
        # a text that opens by calling its person a student, and names no graduate degree
        cue = cues["student"]
        return f"introduces a student ({text[cue.start : cue.end]!r})", True
    if counted and "first role" in cues and below_senior:
        # asking for an entry-level or first role says where the person stands, whatever the
        # years of other work before it (a labourer's, a cashier's) say; not after five years
        cue = cues["first role"]
        return f"asks for a first role ({text[cue.start : cue.end]!r})", True
    if counted:
        return "", False
    if "graduate" in cues or "first role" in cues:
        cue = cues.get("graduate") or cues["first role"]
        return f"at the start of a career ({text[cue.start : cue.end]!r})", False
    non_work = [r for r in layout.roles if r.status == "non-work"]
    if non_work or student_jobs:
        return "internships and jobs while studying only", False
    held = [t for t in layout.titles if t.level is not None and t.level != LEVELS[0]]
    if years is None and layout.studies and not held:
        return "studies and no work history", False
    return "", False


_SHORT_LINE = 200


def _past(layout: TextLayout, pos: int) -> bool:
    """Does the line at ``pos`` date what it says to a time that has ended ("Visiting PhD
    Student, 01/10/2012 - 05/05/2013")? Then its "student" is no study going on."""
    lines = layout.shape.lines
    start, end = lines.line(lines.number(pos))
    if end - start > _SHORT_LINE:
        return False  # a line that runs on (line breaks lost) dates many things
    on_line = [r for r in layout.date_ranges if start <= r.start < end]
    return bool(on_line) and not any(r.open_ended or r.finish >= layout.as_of for r in on_line)


def _resume_title(layout: TextLayout) -> tuple[Level | None, str]:
    """The level a résumé's titles give, and which title: its latest role's, else its headline's
    (before the first section), else its highest."""
    titles = [t for t in layout.titles if t.level is not None]
    if not titles:
        return None, ""
    roles = [r for r in layout.roles if r.status in ("work", "non-work")]
    if roles:
        latest = max(roles, key=lambda r: (r.range.finish, r.range.begin))
        held = [t for t in titles if latest.header_start <= t.start < latest.range.start]
        held = held or [t for t in titles if latest.header_start <= t.start < latest.header_end]
        if held:
            level = max((t.level for t in held if t.level), key=level_rank)
            return level, "latest title says"
    first_section = next((s.start for s in layout.sections if s.kind != "top"), len(layout.text))
    headline = [t for t in titles if t.start < first_section]
    if headline and roles:
        return headline[0].level, "headline says"
    level = max((t.level for t in titles if t.level), key=level_rank)
    return level, "titles say"
