"""Split a résumé into sections at its heading lines: work, education, other.

>>> text = "Jane Doe\\nEXPERIENCE\\nML Engineer\\nEducation\\nBSc"
>>> [(s.kind, s.heading) for s in find_sections(text)]
[('top', ''), ('work', 'EXPERIENCE'), ('education', 'Education')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["BULLET", "Section", "SectionKind", "find_sections", "section_at"]

BULLET = re.compile(r"^\s*(?:[-*•·▸›–—+]|\d+[.)])\s*")
"""A line that opens with a list bullet ("-", "•", "1.")."""

SectionKind = Literal["top", "work", "education", "other"]

_WORK_HEADINGS = re.compile(r"\b(?:experience|employment|career|work\s+history|positions?)\b", re.I)
_EDUCATION_HEADINGS = re.compile(r"\b(?:education|academic|qualifications?|degrees?)\b", re.I)
_OTHER_HEADINGS = re.compile(
    r"\b(?:projects?|skills?|summary|profile|about|objective|awards?|honou?rs|certifications?|"
    r"certificates?|licen[cs]es|languages?|interests?|hobbies|volunteer(?:ing)?|publications?|"
    r"talks?|presentations?|references?|research|leadership|community|mentoring|service|"
    r"achievements?|courses?|training|additional|information|links?|contact|activities|"
    r"extracurricular|outreach|teaching|patents?|memberships?|affiliations?|competencies|"
    r"expertise|highlights|personal|details|stack|tools)\b",
    re.I,
)


@dataclass(frozen=True)
class Section:
    """A part of a résumé under one heading; ``top`` is the part before the first heading."""

    start: int
    end: int
    kind: SectionKind
    heading: str


def _heading_kind(line: str) -> SectionKind | None:
    stripped = line.strip().rstrip(":").strip()
    if not stripped or len(stripped) > 45 or re.search(r"\d", stripped):
        return None
    if re.search(r"[.,;|—–•·▸*]", stripped) or stripped.startswith("-"):
        return None
    if len(stripped.split()) > 4:
        return None
    if _WORK_HEADINGS.search(stripped) and not _EDUCATION_HEADINGS.search(stripped):
        return "work"
    if _EDUCATION_HEADINGS.search(stripped):
        return "education"
    if _OTHER_HEADINGS.search(stripped):
        return "other"
    return None


def find_sections(text: str) -> list[Section]:
    """Split a résumé into sections at heading lines ("EXPERIENCE", "Education", "Skills")."""
    sections: list[Section] = []
    current_start, current_kind, current_heading = 0, "top", ""
    pos = 0
    for line in text.splitlines(keepends=True):
        kind = _heading_kind(line)
        if kind is not None:
            sections.append(Section(current_start, pos, current_kind, current_heading))  # type: ignore[arg-type]
            current_start, current_kind, current_heading = pos, kind, line.strip()
        pos += len(line)
    sections.append(Section(current_start, len(text), current_kind, current_heading))  # type: ignore[arg-type]
    return [s for s in sections if s.end > s.start or s.kind != "top"]


def section_at(sections: Sequence[Section], pos: int) -> Section | None:
    """Return the section holding offset ``pos``.

    ``sections`` are in text order and contiguous, as :func:`find_sections` returns them: the
    look-up is a bisection.
    """
    if not sections:
        return None
    i = bisect_right(sections, pos, key=lambda s: s.start) - 1
    if i >= 0 and sections[i].start <= pos < sections[i].end:
        return sections[i]
    return sections[-1] if pos >= sections[-1].start else None
