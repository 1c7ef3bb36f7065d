"""The layout of one text, read once: lines, sections, dates, stated totals, roles, titles.

The facade builds one :class:`TextLayout` per text and hands it to kind detection, requirement
strength and scoring. Each part is worked out on first use and kept on the layout, so no part of
the text is scanned twice for the same thing and nothing is kept between texts.

>>> from datetime import date
>>> layout = TextLayout("EXPERIENCE\\nData Engineer, Jan 2019 - Present\\n", as_of=date(2024, 1, 1))
>>> [(s.kind, s.heading) for s in layout.sections]
[('work', 'EXPERIENCE')]
>>> [round(r.range.years, 1) for r in layout.roles]
[5.0]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cached_property

from skillmatch.analysis.as_of import coerce_as_of, find_dates, infer_as_of, latest_date
from skillmatch.analysis.career import EntryCue, StudyPeriod, entry_cues, study_periods
from skillmatch.analysis.dates import (
    DateRange,
    YearsClaim,
    find_years_claims,
    range_matches,
    ranges_from_matches,
)
from skillmatch.analysis.requirement import PostingIndex, group_alternatives, requirement_of
from skillmatch.analysis.roles import Role, counted_roles, find_roles
from skillmatch.analysis.sections import Section, find_sections, is_flat, with_line_breaks
from skillmatch.analysis.titles import find_titles
from skillmatch.models import Requirement, SeniorityEvidence
from skillmatch.taxonomy import SeniorityRules
from skillmatch.text.scan import LineIndex, ScanText

__all__ = ["TextLayout", "as_layout"]

_WORD = re.compile(r"\w+")
_MARK = re.compile(r"[.,;:]")
_LOST_MIN_WORDS = 100
_LOST_RATIO = 100  # fewer than one mark in a hundred words


class TextLayout:
    """What one text says about its own shape and history, each part read once, on first use.

    ``as_of`` is the day the text was written: an open range ("2019 - Present") ends there. A
    ``date``, a ``datetime`` or an ISO string; ``as_of_source`` says where it comes from
    ("given" when not said; "metadata (...)" for a file's own date, which is not trusted when it
    is older than a date the text names). When not given, the text dates itself
    (:func:`~skillmatch.analysis.as_of.infer_as_of`), else it is today: this is the one place
    where today is applied. ``rules`` are the taxonomy's seniority rules (title words, non-work
    and relevant role words); the defaults of :class:`~skillmatch.taxonomy.SeniorityRules` when
    not given.
    """

    def __init__(
        self,
        text: str,
        *,
        as_of: date | str | None = None,
        rules: SeniorityRules | None = None,
        as_of_source: str | None = None,
    ) -> None:
        self.text = text
        self.source = ScanText(text)
        self.rules = rules if rules is not None else SeniorityRules()
        self._given_as_of = coerce_as_of(as_of, caller="TextLayout")
        self._given_source = as_of_source or "given"
        self._today = date.today()

    @cached_property
    def dating(self) -> tuple[date, str]:
        """The day the text was written and why that day (see :attr:`as_of`)."""
        given, source, today = self._given_as_of, self._given_source, self._today
        note = ""
        if given is not None and source.startswith("metadata"):
            latest = latest_date(self.source, today=today)
            if given > today or (latest is not None and given < latest.first):
                note = f"; not the file's date {given.isoformat()}, older than the text"
                if given > today:
                    note = f"; not the file's date {given.isoformat()}, after today"
                given = None
        if given is not None:
            return given, source
        inferred = infer_as_of(
            self.source, claims=self.years_claims, career_start=self._career_start(), today=today
        )
        if inferred is not None:
            return inferred[0], inferred[1] + note
        return today, "today (the text names no date)" + note

    @property
    def as_of(self) -> date:
        """The day the text was written: what "Present" means."""
        return self.dating[0]

    @property
    def as_of_source(self) -> str:
        """Why :attr:`as_of` is that day: "given", "metadata (...)", "text (...)" or "today"."""
        return self.dating[1]

    def _career_start(self) -> date | None:
        """The start of the first counted work role, whatever day the text was written."""
        ranges = ranges_from_matches(self.range_matches, as_of=self._today)
        roles = find_roles(
            self.shape, self.sections, tuple(ranges), self.rules, self._today, flat=self.flat
        )
        counted = counted_roles(roles)
        return min(r.range.begin for r in counted) if counted else None

    @property
    def lines(self) -> LineIndex:
        """The line starts."""
        return self.source.lines

    @cached_property
    def flat(self) -> bool:
        """Has the text lost its line breaks (:func:`~skillmatch.analysis.sections.is_flat`)?"""
        return is_flat(self.text)

    @cached_property
    def shape(self) -> ScanText:
        """The text as its lines stand: in a flat text, runs of blanks break lines
        (:func:`~skillmatch.analysis.sections.with_line_breaks`; offsets unchanged)."""
        return ScanText(with_line_breaks(self.text)) if self.flat else self.source

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """The résumé sections, in text order (work, education, other; "top" before them)."""
        return tuple(find_sections(self.shape.text, flat=self.flat))

    @cached_property
    def range_matches(self) -> tuple[re.Match[str], ...]:
        """The raw date-range matches, before they are read as dates."""
        return range_matches(self.source)

    @cached_property
    def date_ranges(self) -> tuple[DateRange, ...]:
        """The dated ranges, open ends at :attr:`as_of`."""
        return tuple(ranges_from_matches(self.range_matches, as_of=self.as_of))

    @cached_property
    def years_claims(self) -> tuple[YearsClaim, ...]:
        """The stated amounts of time ("5+ years of Python", "over a decade")."""
        return tuple(find_years_claims(self.source))

    @cached_property
    def roles(self) -> tuple[Role, ...]:
        """The dated roles, with their headers, blocks and how they count."""
        return find_roles(
            self.shape, self.sections, self.date_ranges, self.rules, self.as_of, flat=self.flat
        )

    @cached_property
    def titles(self) -> tuple[SeniorityEvidence, ...]:
        """The job titles and level phrases, as seniority evidence."""
        found = find_titles(self.shape, self.rules)
        if self.shape is self.source:
            return tuple(found)
        # a title phrase may span a line break that was a run of blanks: quote the text itself
        return tuple(t.model_copy(update={"text": self.text[t.start : t.end]}) for t in found)

    @cached_property
    def studies(self) -> tuple[StudyPeriod, ...]:
        """The full-time study periods (:func:`~skillmatch.analysis.career.study_periods`)."""
        return tuple(study_periods(self))

    @cached_property
    def entry_cues(self) -> tuple[EntryCue, ...]:
        """Words that place the person at the start of a career ("expected graduation")."""
        return tuple(entry_cues(self.source))

    @cached_property
    def earliest_date(self) -> date | None:
        """The first day of the earliest date the text names, up to :attr:`as_of`."""
        firsts = [
            date(year, month or 1, 1)
            for _, _, year, month in find_dates(self.source, as_of=self.as_of)
            if date(year, month or 1, 1) <= self.as_of
        ]
        return min(firsts, default=None)

    @cached_property
    def punctuation_lost(self) -> bool:
        """Has the text lost its punctuation (a long text with almost no ".,;:")?

        Some exports strip it, and "2.5 years" reads "25 years" there.
        """
        words = len(_WORD.findall(self.text))
        marks = len(_MARK.findall(self.text))
        return words >= _LOST_MIN_WORDS and marks * _LOST_RATIO < words

    @cached_property
    def posting(self) -> PostingIndex:
        """The posting's segments, labels and headings, for :meth:`requirement_of`."""
        return PostingIndex(self.source)

    def requirement_of(self, start: int, end: int) -> Requirement:
        """Say whether a posting requires or only prefers what it names at [start, end)."""
        return requirement_of(self.posting, start, end)

    def alternatives(self, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """Group the skill mentions at ``spans`` that the posting names as alternatives
        (:func:`~skillmatch.analysis.requirement.group_alternatives`)."""
        return group_alternatives(self.posting, spans)


def as_layout(
    text: str | TextLayout,
    *,
    as_of: date | str | None = None,
    rules: SeniorityRules | None = None,
    caller: str = "this function",
) -> TextLayout:
    """Return ``text`` as a :class:`TextLayout`: a string is read with ``as_of`` and ``rules``;
    a layout already holds its own, so it is returned as is and they must not be given.

    ``caller`` names the public function in the ``TypeError`` for anything else.
    """
    if isinstance(text, str):
        return TextLayout(text, as_of=as_of, rules=rules)
    if isinstance(text, TextLayout):
        if as_of is not None or rules is not None:
            raise TypeError(
                f"{caller}() got a TextLayout and as_of or rules: the layout holds its own;"
                " pass the text instead to read it with other ones"
            )
        return text
    raise TypeError(f"{caller}() takes a str, not {type(text).__name__}")
