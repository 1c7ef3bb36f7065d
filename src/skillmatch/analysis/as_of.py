"""The day a text was written: what "Present" in its date ranges means.

A caller may say it (:func:`coerce_as_of` reads a ``date``, a ``datetime`` or an ISO string); a
file may say it (PDF and DOCX metadata, which the readers put on ``Document.as_of``); else the
text dates itself (:func:`infer_as_of`): the end of the latest year it names, or, where it states
a total ("4 years of experience") beside a range that ends "present", the start of that career
plus the total, whichever is later, and never after today. Only when the text names no date at
all is it today, and :class:`~skillmatch.analysis.layout.TextLayout` is the one place that
applies that.

>>> infer_as_of("Data Engineer, Acme, March 2019 - May 2023", today=date(2025, 1, 1))
(datetime.date(2023, 12, 31), "text (latest date 'May 2023')")
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from skillmatch.analysis.calendar_words import (
    JOINER_PATTERN,
    MONTH_PATTERN,
    OPEN_END_PATTERN,
    RANGE_SEPARATORS,
    SEASON_PATTERN,
    all_words,
    alternation,
    month_number,
    season_month,
)
from skillmatch.analysis.dates import (
    YearsClaim,
    parse_range_date,
    range_matches,
    ranges_from_matches,
)
from skillmatch.text.scan import ScanText, as_scan_text

__all__ = [
    "AS_OF_SOURCES",
    "DatePoint",
    "coerce_as_of",
    "find_dates",
    "infer_as_of",
    "latest_date",
]

AS_OF_SOURCES = ("given", "metadata", "text", "today")
"""The first word of ``Seniority.as_of_source``: who set the date that "Present" means."""

_MAX_STATED_YEARS = 50.0


def coerce_as_of(value: object, *, caller: str = "match") -> date | None:
    """Return ``value`` as a date: a ``date``, a ``datetime`` (its day) or an ISO string.

    ``None`` stays ``None`` (the date is then inferred). Anything else raises a ``TypeError``
    that names ``caller`` and the value.

    >>> coerce_as_of("2024-09-01"), coerce_as_of(datetime(2024, 9, 1, 12, 30))
    (datetime.date(2024, 9, 1), datetime.date(2024, 9, 1))
    """
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):  # pandas' Timestamp too
        return value.date()
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).date()
        except ValueError:
            raise TypeError(
                f"{caller}(): as_of={value!r} is not an ISO date; pass a date, a datetime or a"
                " string like '2024-09-01'"
            ) from None
    raise TypeError(
        f"{caller}(): as_of takes a date, a datetime or an ISO string like '2024-09-01',"
        f" not {type(value).__name__} ({value!r:.40})"
    )


@dataclass(frozen=True)
class DatePoint:
    """A date the text names: "May 2023", "2019", "03/2021", one end of a range.

    ``first`` is the first day it can mean; ``last`` is 31 December of its year, the last day a
    text naming it as its latest date may have been written in without naming a later one.
    """

    start: int
    end: int
    first: date
    last: date


_YEAR_LITERALS = (re.compile(r"19[5-9]\d"), re.compile(r"20\d\d"))
_POINT_PREFIX = re.compile(
    rf"(?:(?<![^\W\d_])(?P<mon>{MONTH_PATTERN})\s*,?\s*{JOINER_PATTERN}"
    rf"|(?<![^\W\d_])(?P<season>{SEASON_PATTERN})\s+"
    r"|(?<![^\W\d_])q(?P<q>[1-4])\s*"
    r"|(?<![\d/.])(?P<mm>0?[1-9]|1[0-2])\s*[/.]\s*)$",
    re.IGNORECASE,
)
_PREFIX_CHARS = 24
# A year alone followed by a plural noun counts things ("2000 stores", "2020 employees"); a word
# of a date range ("bis", "hasta") is no noun.
_COUNTED_THINGS = re.compile(
    rf"[^\S\n]+(?!(?:{alternation(all_words(RANGE_SEPARATORS))}|{OPEN_END_PATTERN})(?![\w'’]))"
    r"[^\W\d_A-Z]{2,}s(?![\w'’])"
)


def find_dates(text: str | ScanText, *, as_of: date) -> Iterator[tuple[int, int, int, int]]:
    """Yield ``(start, end, year, month)`` for every date ``text`` names; month 0 for a year alone.

    Dates are a four-digit year with what may stand before it ("May 2023", "Q3 2019",
    "03/2021", "Sommer"), and both ends of every range (so "Jan '21 - Mar '22" counts too).
    A year alone followed by a plural noun ("2000 stores") is a number, not a date. Two-digit
    years are read as of ``as_of``. In no particular order.
    """
    source = as_scan_text(text)
    text = source.text
    for literal in _YEAR_LITERALS:
        for y in literal.finditer(text):
            i, j = y.span()
            if (i and text[i - 1].isdigit()) or (j < len(text) and text[j].isalnum()):
                continue
            prefix = _POINT_PREFIX.search(text, max(0, i - _PREFIX_CHARS), i)
            year = int(y.group(0))
            if prefix is None:
                if _COUNTED_THINGS.match(text, j):
                    continue
                yield i, j, year, 0
            elif prefix.group("mon"):
                yield prefix.start(), j, year, month_number(prefix.group("mon"))
            elif prefix.group("season"):
                yield prefix.start(), j, year, season_month(prefix.group("season"))
            elif prefix.group("q"):
                yield prefix.start(), j, year, 3 * int(prefix.group("q"))
            else:
                yield prefix.start(), j, year, int(prefix.group("mm"))
    for m in range_matches(source):
        if not any(m.group(g) for g in ("bmon", "bseason", "bq", "bmm", "by", "open", "since")):
            continue  # a lone number ("19960506" starts with one): the year scan decides
        for p in ("a", "b"):
            parsed = parse_range_date(m, p, as_of)
            if parsed is not None:
                yield m.start(), m.end(), parsed[0], parsed[1]


def _point(year: int, month: int, start: int, end: int) -> DatePoint:
    # A text is dated to the end of the latest year it names, month or not: "Sep 2020 -
    # present" and nothing later was written some time after September 2020, and the end of
    # that year is the reading labelled sets use too.
    return DatePoint(start, end, date(year, month or 1, 1), date(year, 12, 31))


def _points(source: ScanText, today: date) -> Iterable[DatePoint]:
    """Every date the text names, in no particular order (two-digit years read as of today)."""
    for start, end, year, month in find_dates(source, as_of=today):
        yield _point(year, month, start, end)


def latest_date(text: str | ScanText, *, today: date) -> DatePoint | None:
    """Return the latest date ``text`` names that is not after ``today``, or None.

    Dates after today are plans ("graduating May 2031"), not the day of writing.

    >>> latest_date("BSc 2012 - 2016; AWS certified, June 2021", today=date(2025, 1, 1)).last
    datetime.date(2021, 12, 31)
    """
    best: DatePoint | None = None
    for p in _points(as_scan_text(text), today):
        if p.first <= today and (best is None or p.last > best.last):
            best = p
    return best


def _add_years(day: date, years: float) -> date:
    months = round(years * 12)
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def infer_as_of(
    text: str | ScanText,
    *,
    claims: Sequence[YearsClaim] = (),
    career_start: date | None = None,
    today: date,
) -> tuple[date, str] | None:
    """Return the day ``text`` was written, as the text itself dates it, and why; or None.

    The end of the latest year it names ("May 2023" and "2023" are 31 December 2023); or, where
    a range ends "present" and ``claims`` state a total of at most 50 years, ``career_start``
    (the first work role's start; the open range's own start without it) plus the largest
    total, when that is later. Never after ``today`` (a date after today is a plan,
    not the day of writing) and never before the latest date the text names. None when the text
    names no date.
    """
    source = as_scan_text(text)
    latest = latest_date(source, today=today)
    if latest is None:
        return None
    best = min(latest.last, today)
    why = f"text (latest date {source.text[latest.start : latest.end]!r})"
    stated = [c for c in claims if c.experience and c.qualifier != "up-to"]
    stated = [c for c in stated if 0 < c.value <= _MAX_STATED_YEARS]
    if stated:
        open_ranges = [
            r for r in ranges_from_matches(range_matches(source), as_of=today) if r.open_ended
        ]
        if open_ranges:
            total = max(stated, key=lambda c: c.value)
            opened = min(open_ranges, key=lambda r: r.begin)
            anchor = min(career_start, opened.begin) if career_start else opened.begin
            day = _add_years(anchor, total.value)
            if best < day <= today:
                best = day
                claim = re.sub(r"\s+", " ", source.text[total.start : total.end])
                ends = re.sub(r"\s+", " ", source.text[opened.start : opened.end])
                why = f"text ({claim!r} stated beside {ends!r})"
    return best, why
