"""Where a person stands in their career: their studies, whether they study still, first-job cues.

A recruiter reads a résumé's studies along with its jobs: a job held while studying (a working
student, a paralegal during law school) is not a year of professional experience, a person who
studies still or has just graduated is at the start of a career, and so is one who asks for a
first role or has held internships only.

>>> from datetime import date
>>> from skillmatch.analysis.layout import TextLayout
>>> layout = TextLayout("EDUCATION\\nBSc Physics, 2021 - present (expected May 2025)\\n",
...                     as_of=date(2024, 1, 1))
>>> [(p.begin.year, p.finish.year, p.ongoing) for p in study_periods(layout)]
[(2021, 2024, True)]
>>> [c.detail for c in entry_cues(layout.source)]
['studying']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from skillmatch.analysis.as_of import find_dates
from skillmatch.analysis.roles import Role
from skillmatch.text.scan import ScanText

if TYPE_CHECKING:
    from skillmatch.analysis.layout import TextLayout

__all__ = ["EntryCue", "StudyPeriod", "during_studies", "entry_cues", "study_periods"]

# A study named by its year alone ran from the end of the one before it when that is this near.
_NEAR_YEARS = 5
_USUAL_YEARS = (
    (re.compile(r"ph\.?\s?d|doctor(?!\s+of\s+law)", re.I), 4),
    (re.compile(r"juris|j\.?\s?d\.|ll\.?\s?b", re.I), 3),
    (re.compile(r"master|m\.|mba|postgraduate|ll\.?\s?m", re.I), 2),
    (re.compile(r"bachelor|b\.|bba|undergraduate|honou?rs", re.I), 4),
)


def _usual_years(degree: str) -> int:
    """How long a degree usually takes, by its name (two years when the name does not say)."""
    return next((years for pattern, years in _USUAL_YEARS if pattern.match(degree)), 2)


_LONGEST_STUDY_DAYS = 7 * 365
# Ten years at a school is a post there (a professor's, read as a study), not full-time studies.
_NO_STUDY_DAYS = 10 * 365
# A job held mostly within a study period is a job during studies.
_DURING_SHARE = 0.5
_DEGREE = re.compile(
    r"\b(?:bachelor|master|b\.?\s?sc|m\.?\s?sc|b\.?\s?s\.|m\.?\s?s\.|b\.?\s?a\.|m\.?\s?a\.|"
    r"b\.?\s?tech|m\.?\s?tech|b\.?\s?e\.|b\.?\s?eng|m\.?\s?eng|mba|bba|ph\.?\s?d|doctor|"
    r"juris|j\.?\s?d\.|ll\.?\s?[bm]|degree|honou?rs|undergraduate|postgraduate)",
    re.IGNORECASE,
)
_TRAINING = re.compile(
    r"\b(?:training|trainings|seminars?|workshops?|certificat(?:e|es|ion|ions)|courses?)\b", re.I
)
_PART_TIME_STUDY = re.compile(
    r"\b(?:part[\s-]?time|executive|distance|online|evening|weekend|correspondence)\b", re.I
)


@dataclass(frozen=True)
class StudyPeriod:
    """A stretch of full-time studies: ``begin`` to ``finish``; ``ongoing`` when it runs on."""

    begin: date
    finish: date
    ongoing: bool
    start: int
    end: int


@dataclass(frozen=True)
class EntryCue:
    """Words that place a person at the start of a career: "expected graduation May 2025",
    "recent graduate", "seeking my first role"; ``detail`` names which kind."""

    start: int
    end: int
    detail: str


def study_periods(layout: TextLayout) -> list[StudyPeriod]:
    """Return the full-time study periods of a résumé, in text order.

    Dated education ranges ("BSc, 2016 - 2020"), and single years beside a degree in an
    education section ("Juris Doctor, 2014": from the end of the study before it, when near,
    else for the degree's usual length). Part-time, executive,
    distance and online studies are left out: a person works beside them.
    """
    text = layout.text
    periods: list[StudyPeriod] = []
    covered: list[tuple[int, int]] = []
    seen: set[int] = set()
    starts = [r.range.start for r in layout.roles] + [len(text)]
    for i, role in enumerate(layout.roles):
        if role.status != "education":
            continue
        covered.append((role.range.start, role.range.end))
        if _PART_TIME_STUDY.search(text, role.header_start, role.block_end):
            continue
        # its heading, and what follows its dates ("2005 - Present: In house training ...")
        entry = (role.header_start, max(role.block_end, min(role.range.end + 60, starts[i + 1])))
        if _TRAINING.search(text, *entry) and not _DEGREE.search(text, *entry):
            continue  # in-house training, a course, a certificate: no degree
        rng = role.range
        # a study that has run on for years is no study: a post at a school, read as one
        if (min(rng.finish, layout.as_of) - rng.begin).days >= _NO_STUDY_DAYS:
            continue
        ongoing = (rng.open_ended or rng.finish >= layout.as_of) and (
            (layout.as_of - rng.begin).days < _LONGEST_STUDY_DAYS
        )
        periods.append(
            StudyPeriod(rng.begin, min(rng.finish, layout.as_of), ongoing, rng.start, rng.end)
        )
    # Single years beside a degree ("Juris Doctor, 2014"): the study ran from the end of the
    # one before it, when that is near, else for the degree's usual length.
    graduations: list[tuple[int, int, int, int]] = []
    for section in layout.sections:
        if section.kind != "education":
            continue
        found = [
            d
            for d in find_dates(ScanText(text[: section.end]), as_of=layout.as_of)
            if d[0] >= section.start
        ]
        for i, (start, end, year, _month) in enumerate(found):
            if any(s <= start < e for s, e in covered):
                continue
            if year > layout.as_of.year or start in seen:
                continue  # a graduation to come is a study going on: its cue says so
            seen.add(start)
            entry = layout.shape.lines.line(layout.shape.lines.number(start))
            degree = _DEGREE.search(text, *entry)
            alone = not _WORD.search(text[entry[0] : start] + text[end : entry[1]])
            if degree is None and (alone or _SCHOOL.search(text, *entry)):
                # a column of dates, or the school's line: the degree is on the lines around
                floor = found[i - 1][1] if i else section.start
                ceiling = found[i + 1][0] if i + 1 < len(found) else section.end
                entry = _lines_around(layout, start, floor, ceiling)
                degree = _DEGREE.search(text, *entry)
            if _PART_TIME_STUDY.search(text, *entry) or degree is None:
                continue  # a certificate or a course, not years of full-time study
            graduations.append((year, start, end, _usual_years(degree.group(0))))
    ends = sorted([p.finish.year for p in periods] + [g[0] for g in graduations])
    for year, start, end, usual in graduations:
        before = [y for y in ends if year - _NEAR_YEARS <= y < year]
        first = max(before) if before else year - usual
        # a year alone runs mid-year to mid-year, as year ranges do ("2016 - 2019")
        begin, finish = date(first, 7, 1), min(date(year, 7, 1), layout.as_of)
        if begin < finish:
            periods.append(StudyPeriod(begin, finish, False, start, end))
    return sorted(periods, key=lambda p: p.start)


_AROUND_LINES = 2
_WORD = re.compile(r"[^\W\d_]{3,}")
_SCHOOL = re.compile(r"\b(?:university|college|school|institute|polytechnic|academy)\b", re.I)


def _lines_around(layout: TextLayout, pos: int, floor: int, ceiling: int) -> tuple[int, int]:
    """The lines around ``pos`` (two either side), within ``floor`` and ``ceiling``."""
    lines = layout.shape.lines
    number = lines.number(pos)
    first = max(0, number - _AROUND_LINES)
    last = min(len(lines.starts) - 1, number + _AROUND_LINES)
    return max(floor, lines.line(first)[0]), min(ceiling, lines.line(last)[1])


def during_studies(role: Role, periods: Sequence[StudyPeriod]) -> bool:
    """Was the role held mostly while its holder studied full time?"""
    begin, finish = role.range.begin, role.range.finish
    span = (finish - begin).days
    if span <= 0:
        return False
    inside = sum(
        max(0, (min(finish, p.finish) - max(begin, p.begin)).days) for p in _merged(periods)
    )
    return inside >= _DURING_SHARE * span


def _merged(periods: Iterable[StudyPeriod]) -> list[StudyPeriod]:
    merged: list[StudyPeriod] = []
    for p in sorted(periods, key=lambda p: p.begin):
        if merged and p.begin <= merged[-1].finish:
            last = merged[-1]
            if p.finish > last.finish:
                merged[-1] = StudyPeriod(last.begin, p.finish, p.ongoing, last.start, last.end)
        else:
            merged.append(p)
    return merged


_CUES = (
    (
        "studying",
        r"expected\s+(?:graduation|to\s+graduate|completion|(?:in\s+)?(?:\w+\.?\s+)?(?:19|20)\d\d)|"
        r"graduation\s+(?:date\s+)?(?:expected|anticipated)|anticipated\s+graduation|"
        r"graduating\s+(?:in\s+)?(?:\w+\.?\s+)?(?:19|20)\d\d|"
        r"currently\s+(?:pursuing|studying|enrolled|an?\s+(?:\w+\s+)?student)|"
        r"pursuing\s+(?:an?\s+|my\s+)?(?:bachelor|master|b\.?\s?tech|b\.?\s?sc|degree|diploma)|"
        r"final[\s-]year\s+(?:[\w.]+\s+)?student|(?:undergraduate|graduate|phd|doctoral|"
        r"master['’]?s|bachelor['’]?s|college|university)\s+student|student\s+teach(?:er|ing)",
    ),
    (
        "graduate",
        r"(?:recent|fresh|new)\s+grad(?:uate)?s?|recently\s+graduated|fresher|"
        r"just\s+graduated|graduated\s+recently",
    ),
    (
        "first role",
        r"(?:seeking|looking\s+for|searching\s+for|obtain|secure|find)\s+(?:my\s+|a\s+|an\s+)?"
        r"(?:first|entry[\s-]level|junior|graduate|trainee|internship)"
        r"(?:\s+(?:\w+\s+)?(?:role|job|position|opportunity|post))?|"
        r"entry[\s-]level\s+(?:\w+\s+)?(?:role|job|position|candidate|résumé|resume|cv)|"
        r"internship\s+(?:opportunity|position)",
    ),
)
# Every cue starts a word with a letter: the lookahead skips the other places at once (the
# alternation is tried at word starts only, a third of the time).
_ENTRY_CUES = re.compile(
    r"(?<!\w)(?=[a-z])(?:"
    + "|".join(rf"(?P<c{i}>\b(?:{pattern})\b)" for i, (_, pattern) in enumerate(_CUES))
    + ")",
    re.IGNORECASE,
)


def entry_cues(source: ScanText) -> list[EntryCue]:
    """Return the words that place the text's person at the start of a career, in text order.

    "studying": the person studies still ("expected graduation May 2025", "currently pursuing a
    B.Tech", "final-year student"); "graduate": has just graduated ("recent graduate",
    "fresher"); "first role": asks for a first job ("seeking an entry-level position");
    "student": the text opens by calling its person a student ("Motivated student seeking ...").
    """
    found: list[EntryCue] = []
    for m in _ENTRY_CUES.finditer(source.text):
        group = next(name for name, value in m.groupdict().items() if value is not None)
        found.append(EntryCue(m.start(), m.end(), _CUES[int(group[1:])][0]))
    said = _STUDENT_INTRO.search(source.text, 0, _INTRO_CHARS)
    if said is not None and not any(c.start <= said.start("who") < c.end for c in found):
        found.append(EntryCue(said.start("who"), said.end("who"), "student"))
        found.sort(key=lambda c: c.start)
    return found


# A résumé that opens by calling its person a student ("Outstanding student with experience in
# journalism seeks ...", "A motivated Computer Science student seeking ..."): in its first lines.
_INTRO_CHARS = 600
_STUDENT_INTRO = re.compile(
    r"(?:^|[.!?:;•]\s+|\n\s*|\s{2,})(?P<who>(?:an? )?(?:[\w&-]+ ){0,3}?student)\s+"
    r"(?:with|seeking|looking|who|pursuing|at|majoring|studying|interested|eager|passionate)\b",
    re.IGNORECASE,
)
