"""Find the dated roles of a résumé: each date range with the heading lines that name its role.

A role counts as work experience unless its section or heading says otherwise: education (a
degree, a school), another section (projects, volunteering), or a non-work role of the seniority
rules (internship, trainee). Where some roles carry a relevant role word ("engineer", "data"),
only those count towards years (a warehouse job before a career change does not).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date

from skillmatch.analysis.dates import DateRange, find_date_ranges
from skillmatch.analysis.sections import Section, section_at
from skillmatch.taxonomy import SeniorityRules
from skillmatch.text.scan import ScanText, find_words, scan

__all__ = ["Role", "counted_roles", "find_roles"]

_EDUCATION_WORDS = (
    r"(?:b\.?\s?sc|m\.?\s?sc|ph\.?\s?d|bachelor|master['’]?s?|b\.?\s?tech|m\.?\s?tech|"
    r"b\.?\s?e\.|b\.?\s?eng|m\.?\s?eng|b\.\s?a\.|m\.\s?a\.|m\.\s?s\.|b\.\s?s\.|mba|diploma|"
    r"degree|student|coursework|gpa|thesis|undergraduate|postgraduate)(?!\w)"
)
_EDUCATION_CUES = re.compile(r"(?<!\w)" + _EDUCATION_WORDS, re.IGNORECASE)
_SCHOOL_WORDS = r"(?:university|universidad|universidade|college|school)\b"
_SCHOOL_CUES = re.compile(r"\b" + _SCHOOL_WORDS, re.I)
# Where the cues can start: their lowercase words after a non-word character, in the folded
# text. A search of these skips fast (a set of characters first); the cues themselves start
# with a lookbehind and IGNORECASE, so a search tries every offset of a header line slowly.
_EDUCATION_CUE_STARTS = re.compile(r"[^a-z0-9_]" + _EDUCATION_WORDS)
_SCHOOL_CUE_STARTS = re.compile(r"[^a-z0-9_]" + _SCHOOL_WORDS)


def _cue_in(
    cue: re.Pattern[str], cue_starts: re.Pattern[str], source: ScanText, start: int, end: int
) -> bool:
    """Return ``cue.search(text, start, end) is not None``, trying ``cue`` only at ``start``
    and after the places ``cue_starts`` finds in the folded text (lazily: the first match ends
    the search)."""
    text, low = source.text, source.folded
    if low is None:
        return cue.search(text, start, end) is not None
    starts = itertools.chain(
        (start,), (m.start() + 1 for m in cue_starts.finditer(low, start, end))
    )
    return next(scan(cue, text, starts, end), None) is not None


class Role:
    """A dated role of a résumé: its range, the heading lines above it and how it counts.

    ``status`` is "work", "non-work" (internship...), "education" or "other" (a project or
    volunteering section); ``relevant`` says whether its heading names a relevant role; its
    block runs from ``header_start`` to ``block_end`` (the next role's heading, or the end of its
    section).
    """

    __slots__ = ("block_end", "header_end", "header_start", "range", "relevant", "status")

    def __init__(self, rng: DateRange, header_start: int, header_end: int) -> None:
        self.range = rng
        self.header_start = header_start
        self.header_end = header_end
        self.status = ""
        self.relevant = False
        self.block_end = rng.end


_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")


def _edge_runs(source: ScanText, line_start: int, line_end: int) -> tuple[list[int], list[int]]:
    """Return the ends of the first two letter runs of a line and the starts of its last two.

    Whether fewer than two runs lie outside a range of the line needs no more than these (runs
    ascend, so the k-th run ends before the range only if the first k do). The last runs are the
    first ones of the reversed line (a run reads the same both ways), so a line of thousands of
    words costs two short searches, not a list of all its words.
    """
    ends: list[int] = []
    for m in _LETTER_RUN.finditer(source.text, line_start, line_end):
        ends.append(m.end())
        if len(ends) == 2:
            break
    rev, n = source.reversed, len(source.text)
    starts: list[int] = []
    for m in _LETTER_RUN.finditer(rev, n - line_end, n - line_start):
        starts.append(n - m.end())
        if len(starts) == 2:
            break
    return ends, starts


def find_roles(
    source: ScanText,
    sections: Sequence[Section],
    ranges: Sequence[DateRange],
    rules: SeniorityRules,
    as_of: date,
    *,
    flat: bool = False,
) -> tuple[Role, ...]:
    """Find the dated roles among the date ranges of a text, with their headers and blocks.

    ``sections`` and ``ranges`` are the text's (``ranges`` open-ended at ``as_of``). Each line's
    words, each line's "holds a date range" and each header's cues are read once, however many
    ranges share the line, so a megabyte of dates on one line stays linear. In a ``flat`` text
    (its line breaks lost) and on any line of over 200 characters, a role's header is the few
    words before its dates instead of its lines.
    """
    text = source.text
    has_work_heading = any(s.kind == "work" for s in sections)
    lines = source.lines
    line_words: dict[int, tuple[list[int], list[int]]] = {}
    line_has_range: dict[int, bool] = {}
    header_status: dict[tuple[int, int, bool], tuple[str, bool]] = {}
    roles: list[Role] = []
    previous_end = 0
    for rng in ranges:
        section = section_at(sections, rng.start)
        section_kind = section.kind if section else "top"
        section_start = section.start if section else 0
        number = lines.number(rng.start)
        line_start, line_end = lines.line(number)
        if flat or line_end - line_start > _LONG_LINE:
            # a line that runs on (line breaks lost): the role is named by the few words before
            # its dates, after the previous role's dates and within its section
            floor = max(section_start, previous_end, 0 if flat else line_start)
            header_start = _words_back(text, rng.start, floor)
            role = Role(rng, header_start, rng.end)
            previous_end = rng.end
            _classify(role, source, section_kind, has_work_heading, rules, header_status)
            roles.append(role)
            continue
        previous_end = rng.end
        words = line_words.get(number)
        if words is None:
            words = line_words[number] = _edge_runs(source, line_start, line_end)
        # letter words on the line outside the range, up to two on each side (none can straddle
        # its ends: the range starts after a non-word character and ends at a digit or before a
        # non-word one)
        first_ends, last_starts = words
        outside = sum(1 for e in first_ends if e <= rng.start) + sum(
            1 for s in last_starts if s >= rng.end
        )
        header_start = line_start
        if outside < 2:
            # the dates stand alone on their line: the title and company are just above
            n, taken = number, 0
            while n > 0 and lines.starts[n] > section_start and taken < 2:
                prev_start, prev_end = lines.line(n - 1)
                if prev_start < section_start:
                    break
                has_range = line_has_range.get(n - 1)
                if has_range is None:
                    has_range = line_has_range[n - 1] = bool(
                        find_date_ranges(text[prev_start:prev_end], as_of=as_of)
                    )
                if has_range:
                    break
                if text[prev_start:prev_end].strip():
                    header_start = prev_start
                    taken += 1
                n -= 1
        role = Role(rng, header_start, line_end)
        _classify(role, source, section_kind, has_work_heading, rules, header_status)
        roles.append(role)
    # a role's block runs to the next role's heading, or to the end of its section
    for i, role in enumerate(roles):
        section = section_at(sections, role.range.start)
        end = section.end if section else len(text)
        if i + 1 < len(roles) and roles[i + 1].header_start < end:
            end = max(role.range.end, roles[i + 1].header_start)
        role.block_end = end
    return tuple(roles)


def _classify(
    role: Role,
    source: ScanText,
    section_kind: str,
    has_work_heading: bool,
    rules: SeniorityRules,
    known: dict[tuple[int, int, bool], tuple[str, bool]],
) -> None:
    """Set the role's status and relevance from its section and its header's words.

    ``known`` keeps each header's answer: several ranges may share one header. A header runs
    from a line start (or a word start) to a line end or its range's end, so a search bounded
    there reads what a search of the header's slice reads.
    """
    start, end = role.header_start, role.header_end
    if section_kind in ("education", "other") or (has_work_heading and section_kind == "top"):
        role.status = "education" if section_kind == "education" else "other"
    key = (start, end, section_kind == "work")
    answer = known.get(key)
    if answer is None:
        school = _cue_in(_EDUCATION_CUES, _EDUCATION_CUE_STARTS, source, start, end) or (
            section_kind != "work" and _cue_in(_SCHOOL_CUES, _SCHOOL_CUE_STARTS, source, start, end)
        )
        non_work = next(find_words(tuple(rules.non_work_roles), source, start, end), None)
        relevant = next(find_words(tuple(rules.relevant_roles), source, start, end), None)
        status = "education" if school else ("non-work" if non_work is not None else "work")
        answer = known[key] = (status, relevant is not None)
    role.status = role.status or answer[0]
    role.relevant = answer[1]


_LONG_LINE = 200
_HEADER_WORDS = 12
_WORD_BACK = re.compile(rf"(?:\S+\s+){{0,{_HEADER_WORDS}}}\S*$")


def _words_back(text: str, pos: int, floor: int) -> int:
    """Where the last few words before ``pos`` start, not before ``floor``."""
    window = max(floor, pos - 160)
    m = _WORD_BACK.search(text, window, pos)
    return max(floor, m.start()) if m is not None else pos


def counted_roles(roles: Sequence[Role]) -> list[Role]:
    """Return the roles whose years count: the work roles; after a career change into the
    field (the latest role is a relevant one), only the relevant ones."""
    work = [r for r in roles if r.status == "work"]
    relevant = [r for r in work if r.relevant]
    if not relevant:
        return work
    latest = max(work, key=lambda r: (r.range.finish, r.range.begin))
    return relevant if latest.relevant else work
