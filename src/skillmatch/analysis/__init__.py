"""Read a raw text's shape and history: dates, sections, dated roles, titles, requirements, kind.

Nothing here knows mentions or skills: it reads the text itself, once per text, through a
:class:`TextLayout` that the facade builds and scoring reads.
"""

from __future__ import annotations

from skillmatch.analysis.as_of import coerce_as_of, infer_as_of, latest_date
from skillmatch.analysis.dates import (
    DateRange,
    YearsClaim,
    find_date_ranges,
    find_years_claims,
    merge_intervals,
    total_years,
)
from skillmatch.analysis.kind import detect_kind
from skillmatch.analysis.layout import TextLayout
from skillmatch.analysis.requirement import PostingIndex, requirement_of
from skillmatch.analysis.roles import Role, counted_roles
from skillmatch.analysis.sections import Section, find_sections
from skillmatch.analysis.titles import find_titles

__all__ = [
    "DateRange",
    "PostingIndex",
    "Role",
    "Section",
    "TextLayout",
    "YearsClaim",
    "coerce_as_of",
    "counted_roles",
    "detect_kind",
    "find_date_ranges",
    "find_sections",
    "find_titles",
    "find_years_claims",
    "infer_as_of",
    "latest_date",
    "merge_intervals",
    "requirement_of",
    "total_years",
]
