"""Find years of experience and dated ranges in text, with offsets.

Everything here is regex over the original text, so every span's offsets slice the text to the
span's words. Dates are month-precise: a range given by months runs from the first day of its first
month to the first day after its last month; a range given by years alone runs from mid-year to
mid-year ("2016 - 2019" is three years), since the months are unknown.

>>> ranges = find_date_ranges("Data Engineer, Jan 2019 - Dec 2020", as_of=date(2024, 1, 1))
>>> [round(r.years, 1) for r in ranges]
[2.0]
>>> [c.low for c in find_years_claims("5+ years of Python")]
[5.0]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from skillmatch.analysis.calendar_words import (
    JOINER_PATTERN,
    MONTH_PATTERN,
    MONTHS,
    OPEN_END_PATTERN,
    RANGE_SEPARATORS,
    SEASON_PATTERN,
    SINCE_PATTERN,
    all_words,
    alternation,
    month_number,
    season_month,
)
from skillmatch.text.scan import ScanText, anchored_scan, as_scan_text

__all__ = [
    "DateRange",
    "YearsClaim",
    "find_date_ranges",
    "find_years_claims",
    "merge_intervals",
    "parse_range_date",
    "range_matches",
    "ranges_from_matches",
    "total_years",
]

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
_NUM = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_QUALIFIER = (
    r"(?P<qual>over|more\s+than|at\s+least|a\s+minimum\s+of|minimum\s+of|minimum|min\.?|"
    r"up\s+to|about|around|approximately|approx\.?|nearly|almost|roughly|close\s+to|"
    r"less\s+than|under|fewer\s+than|~)\s*"
)
_DASH = r"(?:\s*(?:-|–|—|−|to)\s*)"
_SHORT_OF = re.compile(r"almost|nearly|close", re.IGNORECASE)
_SHORT_OF_YEARS = 0.1
_YEARS_RE = re.compile(
    rf"(?<![\w.+\-/])(?:{_QUALIFIER})?(?P<low>{_NUM})(?P<half>\s+and\s+a\s+half)?(?:\s*(?P<plus>\+|plus\b))?"
    r"(?:\s*\(\s*\d{1,2}\s*\+?\s*\))?"  # "three plus (3+) years"
    rf"(?:{_DASH}(?P<high>{_NUM})(?:\s*\+)?)?\s*"
    r"(?P<unit>years?|yrs?|months?|mos?)\b(?:'s|’s|'|’)?"
    r"(?:\s*(?:and\s+)?(?P<months>\d{1,2})\s*months?\b)?",
    re.IGNORECASE,
)
# Every years match ends in its unit: the unit is the scan's anchor, found by literal searches of
# the lowered text (a search for a literal skips fast, one for a set of characters does not).
# Before the unit a match holds at most 16 blank-separated pieces ("a minimum of" 3, the number 1,
# "and a half" 3, "+" 1, a repeated number "( 3 + )" 4, the dash 1, the upper number 1, "+" 1)
# and starts with its qualifier or its number.
_YEARS_UNITS = tuple(re.compile(p) for p in (r"years?\b", r"yrs?\b", r"mo(?:nths?|s)?\b"))
_YEARS_UNITS_ANY_CASE = re.compile(r"years?\b|yrs?\b|mo(?:nths?|s)?\b", re.IGNORECASE)
_YEARS_PIECES = 16
_YEARS_START = re.compile(
    r"(?<![\w.+\-/])(?:~|\d|a\s|at\s|over|more|min|up\s|about|around|approx|nearly|almost|"
    r"roughly|close|less|under|fewer|" + "|".join(_NUMBER_WORDS) + ")"
)
_DECADE_RE = re.compile(
    rf"(?<![\w.])(?:{_QUALIFIER})?(?P<n>a|one|two|three)\s+decades?\b", re.IGNORECASE
)
_DECADE_WORD = re.compile(r"decade", re.IGNORECASE)
_LABELLED_RE = re.compile(
    r"(?<![\w-])(?:exp|experience|yoe)\s*[:=]\s*(?P<low>\d{1,2})"
    r"(?:\s*(?P<plus>\+)|\s*(?:-|–|to)\s*(?P<high>\d{1,2}))?"
    r"(?![\d.%/])(?!\s*(?:[+\-–%]|(?:years?|yrs?|months?|mos?)\b))",
    re.IGNORECASE,
)
# Words right after "N years" that make it something other than experience.
_NOT_EXPERIENCE_AFTER = re.compile(
    r"^\W{0,3}(?:olds?|ago|running|later|in\s+a\s+row|from\s+now|of\s+age|of\s+stud(?:y|ies)|"
    r"of\s+(?:high\s+)?(?:college|university|school|undergrad\w*)|"
    r"contract|warranty|guarantee|degree|programme|program|course|plan|roadmap|"
    r"remote|fixed|term|cliff|vesting|vest|lease|subscription|membership|licen[cs]e|"
    r"commitment|anniversary|retention|probation|notice|sabbatical|leave)\b",
    re.IGNORECASE,
)
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"\b(?:last|past|next|first|every|per|within|each|for\s+the|in\s+the|after|aged|age\s+of|"
    r"vests?|vesting|vests?\s+over|vesting\s+over|warranty\s+of|contract\s+of|lease\s+of)\s*$",
    re.IGNORECASE,
)
# "N years of <these>" is experience; "15 years of project documents" is not.
_EXPERIENCE_AFTER = re.compile(
    r"^\W{0,3}(?:[\w-]+\s+){0,2}?(?:experience|exp\b|industry|professional|building|working|"
    r"work\b|career|leading|engineering|development|developing|research|software|post-?phd|"
    r"hands-on|commercial|relevant|programming|coding|management|managing|designing|shipping|"
    r"science|analytics|analysis|"
    r"as\s+an?\b|in\s+(?:tech|it|the\s+field))",
    re.IGNORECASE,
)
_NOT_EXPERIENCE_OBJECT = re.compile(
    r"^\W{0,3}(?:of\s+)?(?:[\w-]+\s+){0,2}?(?:documents?|data(?!\s+(?:scien|engineer|analy|platform|infra))|records?|history|logs?|archives?|"
    r"transactions?|e-?mails?|papers?|footage|content|files?|tickets?|rotations?|"
    r"operation|existence|growth)\b",
    re.IGNORECASE,
)
_TOTAL_AFTER = re.compile(
    r"^\W{0,3}(?:of\s+)?(?:[\w-]+\s+){0,3}?(?:experience|exp\b|industry|career|professional)",
    re.IGNORECASE,
)
_MONTH_EXPERIENCE_AFTER = re.compile(
    r"^\W{0,3}(?:of\s+)?(?:\w+\s+){0,2}?(?:experience|exp\b|as\s+an?\b|in\s+industry|of\s+work)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class YearsClaim:
    """An explicit amount of experience: "7+ years", "3-5 yrs", "over a decade"."""

    start: int
    end: int
    low: float
    high: float | None
    qualifier: Literal["", "plus", "range", "at-least", "over", "about", "up-to"]
    experience: bool = True
    """False when the words around say it is not an amount of work experience ("15 years of
    project documents", "Two years, three rotations"): still a duration for skill years."""
    total: bool = False
    """True when the words after it name experience as a whole ("5 years of experience", "7+
    years in the industry"), not a skill ("Python 3 years")."""

    @property
    def value(self) -> float:
        """The years a reader takes from the claim: the lower bound, 0 for "up to N"."""
        return 0.0 if self.qualifier == "up-to" else self.low


def _number(word: str) -> float:
    word = word.lower()
    if word in ("a", "an"):
        return 1.0
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word)


def _qualifier_kind(
    qual: str | None, plus: bool, has_high: bool
) -> Literal["", "plus", "range", "at-least", "over", "about", "up-to"]:
    q = re.sub(r"\s+", " ", (qual or "").lower()).strip()
    if q in ("up to", "less than", "under", "fewer than"):
        return "up-to"
    if has_high:
        return "range"
    if plus:
        return "plus"
    if q in ("over", "more than"):
        return "over"
    if q in ("at least", "a minimum of", "minimum of", "minimum", "min", "min."):
        return "at-least"
    if q:
        return "about"
    return ""


def _opens_sentence(text: str, pos: int) -> bool:
    """Is ``pos`` at the start of its line or of a sentence ("[.!?]" then blanks before it)?

    Reads back over the blanks before ``pos`` only, not the whole line, so it costs the same on
    a one-line megabyte as on a short line.
    """
    i = pos
    while i > 0 and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in "\n.!?"


# "a four year plan", "2 year captain", "Two Year Varsity": a singular unit after a number above
# one, then a word that is neither experience nor a preposition, makes a compound adjective.
_SINGULAR_UNIT = re.compile(r"(?:year|yr)$", re.I)
_COMPOUND_NEXT = re.compile(
    r"^[^\S\n]+(?!(?:of|in|at|as|with|for|on|from|and|to|into|within|across|by|plus|or|"
    r"total|overall|exp|experience|experiences|experienced|work|working|relevant|industry|"
    r"professional|hands|full|it)\b)[^\W\d_]",
    re.I,
)


def _compound(m: re.Match[str], after: str, low: float) -> bool:
    """Is the amount a compound adjective ("four year academic plans"), not a duration?"""
    return (
        low > 1
        and not m.group("plus")
        and not m.group("high")
        and _SINGULAR_UNIT.match(m.group("unit")) is not None
        and _COMPOUND_NEXT.match(after) is not None
        and _EXPERIENCE_AFTER.match(after) is None
    )


def _is_experience(text: str, m: re.Match[str], kind: str) -> bool:
    after = text[m.end() : m.end() + 60]
    if _EXPERIENCE_AFTER.match(after):
        return True
    if _NOT_EXPERIENCE_OBJECT.match(after):
        return False
    # "Two years, three rotations of eight months": a bare duration opening a sentence
    return not (kind == "" and re.match(r"^\s*,", after) and _opens_sentence(text, m.start()))


def _unit_anchors(source: ScanText) -> Sequence[int]:
    """Where the units of time are, in order.

    Found by literal searches of the folded text; a text without one (rare) is searched with
    IGNORECASE. (Every offset is no anchor list: a window of one character cuts off a start like
    "minimum" that runs past it.)
    """
    low = source.folded
    if low is None:
        return [m.start() for m in _YEARS_UNITS_ANY_CASE.finditer(source.text)]
    return sorted(m.start() for unit in _YEARS_UNITS for m in unit.finditer(low))


def find_years_claims(text: str | ScanText) -> list[YearsClaim]:
    """Return every explicit amount of experience in ``text``, in text order.

    Months count only when they are experience ("15 months of professional experience",
    "8 months as a junior developer"), never a contract length. "5-year plan", "20 years old",
    "the last 3 years" and "three years running" are not claims.
    """
    source = as_scan_text(text)
    text = source.text
    claims: list[YearsClaim] = []
    for m in anchored_scan(_YEARS_RE, source, _unit_anchors(source), _YEARS_PIECES, _YEARS_START):
        after = text[m.end() : m.end() + 40]
        before = text[max(0, m.start() - 20) : m.start()]
        if _NOT_EXPERIENCE_AFTER.match(after) or _NOT_EXPERIENCE_BEFORE.search(before):
            continue
        unit = m.group("unit").lower()
        scale = 1.0 / 12.0 if unit.startswith("mo") else 1.0
        if scale < 1.0 and not _MONTH_EXPERIENCE_AFTER.match(after):
            continue
        low = (_number(m.group("low")) + (0.5 if m.group("half") else 0.0)) * scale
        high = _number(m.group("high")) * scale if m.group("high") else None
        if m.group("months"):
            low += int(m.group("months")) / 12.0
        if high is not None and high < low:
            continue
        kind = _qualifier_kind(m.group("qual"), bool(m.group("plus")), high is not None)
        if kind == "up-to" and m.group("qual") and "less" in m.group("qual").lower():
            low = low / 2.0
        elif kind == "about" and _SHORT_OF.match(m.group("qual")):
            low = max(0.0, low - _SHORT_OF_YEARS)  # "almost 5 years" is not 5
        total = _TOTAL_AFTER.match(after) is not None
        experience = _is_experience(text, m, kind) and not _compound(m, after, low)
        claims.append(YearsClaim(m.start(), m.end(), low, high, kind, experience, total))
    # "decade" is rare: skip the scan (which tries every position) when the word is absent
    lowered = source.folded
    rare = "decade" not in lowered if lowered is not None else _DECADE_WORD.search(text) is None
    decades = () if rare else _DECADE_RE.finditer(text)
    for m in decades:
        if _NOT_EXPERIENCE_AFTER.match(text[m.end() : m.end() + 40]):
            continue
        n = 10.0 * _number(m.group("n"))
        kind = _qualifier_kind(m.group("qual"), False, False)
        claims.append(YearsClaim(m.start(), m.end(), n, None, kind))
    # "Exp: 7+", "Experience: 3-5" (a staffing post's label, no unit): rare, so looked for only
    # where the lowered text holds "exp" before a colon
    labelled = () if lowered is not None and "exp" not in lowered else _LABELLED_RE.finditer(text)
    for m in labelled:
        low = float(m.group("low"))
        high_value = float(m.group("high")) if m.group("high") else None
        kind = _qualifier_kind(None, bool(m.group("plus")), high_value is not None)
        if high_value is not None and high_value < low:
            continue
        claims.append(YearsClaim(m.start(), m.end(), low, high_value, kind, True, True))
    return sorted(claims, key=lambda c: c.start)


# ---------------------------------------------------------------------------------- date ranges

_YEAR = r"(?:19[5-9]\d|20\d\d)"
_MONTH = MONTH_PATTERN
_DAY = r"(?:[0-2]?\d|3[01])(?!\d)(?:st|nd|rd|th)?"
# A month with its year ("May 2019", "May/2019", "Jan-2014", "Dec' 2015", "Feb '2011"), a day
# either side of the month or not ("5th October, 2015", "June 30, 2019"); a full numeric date
# ("04-09-2003", "2/1/2012": the month is the first number unless it is over 12, the day the
# other); a season, a quarter, a month number ("03/2015") or a year.
_DATE = (
    rf"(?:(?:{_DAY}\s+)?(?P<{{p}}mon>{_MONTH})['’]?(?:\s+{_DAY}\s*,?)?\s*[,/-]?\s*"
    rf"{JOINER_PATTERN}(?P<{{p}}mony>['’]?{_YEAR}|['’]\d\d)"
    rf"|(?P<{{p}}season>{SEASON_PATTERN})\s+(?P<{{p}}seasy>{_YEAR})"
    rf"|q(?P<{{p}}q>[1-4])\s*(?P<{{p}}qy>{_YEAR})"
    rf"|(?P<{{p}}d1>[0-3]?\d)(?P<{{p}}ds>[/.-])(?P<{{p}}d2>[0-3]?\d)(?P={{p}}ds)"
    rf"(?P<{{p}}dy>{_YEAR})(?!\d)"
    rf"|(?P<{{p}}mm>0?[1-9]|1[0-2])\s*[/.]\s*(?P<{{p}}mmy>{_YEAR}|\d\d(?![\d/.]))"
    rf"|(?P<{{p}}y>{_YEAR}))"
)
# "1999  Date of Birth", "2012  Current Address": a field of the form, not an open end
_OPEN = (
    rf"(?P<open>{OPEN_END_PATTERN})(?![\w'’])"
    r"(?![^\S\n]+(?:of|address|location|salary|ctc|employer|company)\b)"
)
# English separators may touch the dates ("2016to2018"), as they always could; the others need a
# blank before them, since some are one letter ("a", "à").
_SEP = (
    r"(?:\s*(?:-|–|—|−|~|/)\s*"
    rf"|\s*(?:{alternation(list(RANGE_SEPARATORS['en']))})\s*"
    rf"|\s+(?:{alternation(all_words(RANGE_SEPARATORS))})(?![\w'’])\s*|\s{{2,}})"
)
_RANGE_RE = re.compile(
    rf"(?<![\w/])(?:(?P<since>{SINCE_PATTERN}|from)\s+)?"
    rf"(?:(?P<firstmon>{_MONTH})(?:\s*(?:-|–|—|to)\s*|\s{{2,}})(?=(?:{_MONTH})\s*,?\s*{_YEAR}))?"
    + _DATE.format(p="a")
    + rf"(?:{_SEP}(?:"
    + _DATE.format(p="b")
    + rf"|(?P<short>\d\d)(?!\d)|{_OPEN})|\s+(?P<onwards>onwards|onward)\b)?",
    re.IGNORECASE,
)

# Every range match holds an anchor that literal searches find: a year "19xx"/"20xx", a two-digit
# year after a quote, "Q1"-"Q4", or the "/" or "." after a month number. Before its anchor a match
# holds at most 5 blank-separated pieces ("since", a first month, a dash, a month, a comma) and
# starts with "since", "from", a month, a season, "Q" or a digit.
_RANGE_ANCHORS = tuple(
    re.compile(p)
    for p in (
        r"19[5-9]\d",
        r"20\d\d",
        r"'\d\d",
        r"’\d\d",
        r"q[1-4]",
        r"Q[1-4]",
        r"/\s*\d",
        r"\.\s*\d",
    )
)
_RANGE_PIECES = 5
_RANGE_START = re.compile(
    rf"(?<![\w/])(?:{SINCE_PATTERN}|from|{alternation(all_words(MONTHS))}|{SEASON_PATTERN}|q|\d)"
)


@dataclass(frozen=True)
class DateRange:
    """A dated span of time in the text: "Jan 2019 – Present", "2016-2018", "Since 2020"."""

    start: int
    end: int
    begin: date
    finish: date
    open_ended: bool

    @property
    def years(self) -> float:
        """The span's length in years."""
        return max(0.0, (self.finish - self.begin).days / 365.25)


# What may not stand before a two-digit second year: a digit (blanks alone) or "/".
_NO_SHORT_AFTER = frozenset("0123456789/")


def _two_digit_year(token: str, as_of: date) -> int:
    yy = int(token[-2:])
    return 2000 + yy if 2000 + yy <= as_of.year + 1 else 1900 + yy


def parse_range_date(m: re.Match[str], p: str, as_of: date) -> tuple[int, int] | None:
    """Return (year, month) for the date named ``p`` in the match; month 0 means year only."""
    if m.group(p + "mon"):
        month = month_number(m.group(p + "mon"))
        ytok = m.group(p + "mony").lstrip("'’")
        year = _two_digit_year(ytok, as_of) if len(ytok) == 2 else int(ytok)
        return year, month
    if m.group(p + "d1"):
        first, second = int(m.group(p + "d1")), int(m.group(p + "d2"))
        month, day = (second, first) if first > 12 else (first, second)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return int(m.group(p + "dy")), month
    if m.group(p + "season"):
        return int(m.group(p + "seasy")), season_month(m.group(p + "season"))
    if m.group(p + "q"):
        quarter = int(m.group(p + "q"))
        # a quarter starts a range at its first month and ends one at its last
        return int(m.group(p + "qy")), 3 * quarter - (2 if p == "a" else 0)
    if m.group(p + "mm"):
        ytok = m.group(p + "mmy")
        year = _two_digit_year(ytok, as_of) if len(ytok) == 2 else int(ytok)
        return year, int(m.group(p + "mm"))
    if m.group(p + "y"):
        return int(m.group(p + "y")), 0
    return None


def _month_after(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def find_date_ranges(text: str | ScanText, *, as_of: date) -> list[DateRange]:
    """Return every dated range in ``text``, in text order; open ends run to ``as_of``.

    Forms: "Jan 2019 – Present", "2016-2018", "2016 – 2018", "03/2015 - 06/2017",
    "August 2016 to Present", "Since 2020", "2021–present", "Sept. 2019 - Current",
    "Q3 2018 – Q1 2020", "Jun–Aug 2024", "2023–24", "September 2017 onwards".
    A single date without "since"/"from"/"onwards" is not a range.
    """
    return list(ranges_from_matches(range_matches(text), as_of=as_of))


def range_matches(text: str | ScanText) -> tuple[re.Match[str], ...]:
    """Return the raw range-pattern matches of ``text``: what :func:`ranges_from_matches` reads.

    The scan does not depend on the date, so a caller can keep it and read it for several
    ``as_of`` dates.
    """
    source = as_scan_text(text)
    anchors = sorted(m.start() for anchor in _RANGE_ANCHORS for m in anchor.finditer(source.text))
    return tuple(anchored_scan(_RANGE_RE, source, anchors, _RANGE_PIECES, _RANGE_START))


def ranges_from_matches(matches: Iterable[re.Match[str]], *, as_of: date) -> Iterator[DateRange]:
    """Turn range-pattern matches (:func:`range_matches`) into dated ranges, in text order.

    Lazily, so a caller that needs only the first few ranges parses only as many matches.
    """
    for m in matches:
        first = parse_range_date(m, "a", as_of)
        if first is None:
            continue
        year, month = first
        second = parse_range_date(m, "b", as_of)
        open_ended = bool(m.group("open") or m.group("onwards"))
        if m.group("firstmon"):
            # "Jun–Aug 2024": the first month shares the year of the second.
            second = (year, month)
            month = month_number(m.group("firstmon"))
        elif m.group("short"):
            if m.string[m.start() : m.start("short")].rstrip()[-1:] in _NO_SHORT_AFTER:
                # "Fall 2014   30": a number after blanks is no year of a range, and "2018/19"
                # a fiscal or school year, not a span of work
                continue
            short = int(m.group("short"))
            if short < year % 100:
                continue  # "2019-03" is a month, not a range
            second = (year - year % 100 + short, 0)
        if second is None and not open_ended:
            if not m.group("since"):
                continue
            if m.group("since").lower() == "from":
                continue  # "from 2020" alone is too weak
            open_ended = True
        begin = date(year, month, 1) if month else date(year, 7, 1)
        if open_ended:
            finish = as_of
        else:
            assert second is not None
            y2, m2 = second
            if m2:
                finish = _month_after(y2, m2)
            elif y2 == year and not month:
                begin, finish = date(year, 1, 1), date(year + 1, 1, 1)
            else:
                finish = date(y2, 7, 1)
        if finish < begin:
            continue
        yield DateRange(m.start(), m.end(), begin, finish, open_ended)


def merge_intervals(intervals: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Merge overlapping or touching ``(begin, finish)`` intervals; return them sorted."""
    merged: list[tuple[date, date]] = []
    for begin, finish in sorted(intervals):
        if merged and begin <= merged[-1][1]:
            if finish > merged[-1][1]:
                merged[-1] = (merged[-1][0], finish)
        else:
            merged.append((begin, finish))
    return merged


def total_years(intervals: Iterable[tuple[date, date]]) -> float:
    """Return the years covered by ``intervals``, counting overlaps once."""
    return sum((f - b).days for b, f in merge_intervals(intervals)) / 365.25
