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

__all__ = [
    "BULLET",
    "Section",
    "SectionKind",
    "find_sections",
    "is_flat",
    "section_at",
    "with_line_breaks",
]

BULLET = re.compile(r"^\s*(?:[-*•·▸›–—+]|\d+[.)])\s*")
"""A line that opens with a list bullet ("-", "•", "1.")."""

SectionKind = Literal["top", "work", "education", "other"]

_WORK_HEADINGS = re.compile(
    r"\b(?:experience|employment|career|work\s+history|positions?|appointments?)\b", re.I
)
# "Academic Experience", "Academic Positions", "Academic Appointments" head work
_WORK_LAST = re.compile(r"\b(?:experience|employment|positions|appointments?)$", re.I)
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


def _heading_kind(line: str, *, strict: bool = False) -> SectionKind | None:
    """The kind of section ``line`` heads, or None. ``strict`` (a fragment of a flat text) asks
    for a heading's form as well: all capitals, a colon, or capitalised words ending in the
    heading word ("Work Experience", not "Training center")."""
    kind = _heading_words_kind(line)
    if kind is None or not strict:
        return kind
    stripped = line.strip()
    words = stripped.rstrip(":").split()
    if stripped.endswith(":") or stripped.isupper():
        return kind
    if len(words) <= 3 and all(w[0].isupper() for w in words):
        # "Employment Record" heads work; "Training center" heads nothing: a heading of the
        # many other kinds ends in its heading word
        keyed = words if kind in ("work", "education") else words[-1:]
        return kind if any(_heading_words_kind(w) == kind for w in keyed) else None
    return None


def _heading_words_kind(line: str) -> SectionKind | None:
    stripped = line.strip().rstrip(":").strip()
    if not stripped or len(stripped) > 45 or re.search(r"\d", stripped):
        return None
    if re.search(r"[.,;|—–•·▸*]", stripped) or stripped.startswith("-"):
        return None
    if len(stripped.split()) > 4:
        return None
    if _WORK_HEADINGS.search(stripped) and (
        not _EDUCATION_HEADINGS.search(stripped) or _WORK_LAST.search(stripped)
    ):
        return "work"  # "Academic / Teaching Experience" heads work
    if _EDUCATION_HEADINGS.search(stripped):
        return "education"
    if _OTHER_HEADINGS.search(stripped):
        return "other"
    return None


_FLAT_MIN_CHARS = 400
_FLAT_MEAN_LINE = 200
_BLANK_RUN = re.compile(r"[^\S\n]{2,}")


def is_flat(text: str) -> bool:
    """Has ``text`` lost its line breaks (a long text whose lines average over 200 characters)?

    Résumés copied out of a PDF or a web form often arrive so, their lines run together with
    two blanks or one between them.
    """
    return len(text) >= _FLAT_MIN_CHARS and (text.count("\n") + 1) * _FLAT_MEAN_LINE < len(text)


def with_line_breaks(text: str) -> str:
    """Return a flat ``text`` with a line break where a run of blanks stood, offsets unchanged.

    The first blank of each run of two or more becomes a newline, so every offset still
    points at the same character and the text keeps its length.

    >>> with_line_breaks("Experience  2012-2014  Paralegal")
    'Experience\\n 2012-2014\\n Paralegal'
    """
    return _BLANK_RUN.sub(lambda m: "\n" + m.group(0)[1:], text)


# In a text whose line breaks are lost (a one-line export), the headings run in with the text:
# "... Willing to relocate Work Experience Software Engineer UST January 2021 to Present ...
# Education BTech in ...". Written capitalised as headings are, these start a section there: a
# work heading anywhere; an education heading when a degree or school is among the next three
# words ("Beyond Education, London", a company, and "Physical Education", a subject, head
# nothing); any other heading when two blanks follow it, or when it is a two-word heading.
_INLINE_WORK = re.compile(
    r"(?<![\w-])(?:(?:Work|Professional|Relevant|Employment|Career)\s+(?:Experience|History)|"
    r"(?:WORK|PROFESSIONAL|RELEVANT|EMPLOYMENT|CAREER)\s+(?:EXPERIENCE|HISTORY)|"
    # any heading of capitals that ends in EXPERIENCE: "ATTORNEY EXPERIENCE", "TEACHING EXPERIENCE"
    r"[A-Z]{3,}\s+EXPERIENCE)(?![\w-])"
)
_INLINE_EDUCATION = re.compile(
    r"(?<![\w-])(?:Education(?:al\s+Qualifications?)?|EDUCATION(?:AL\s+QUALIFICATIONS?)?|"
    r"Academic\s+(?:Qualifications?|Background)|ACADEMIC\s+(?:QUALIFICATIONS?|BACKGROUND))"
    r"(?![\w-])"
)
_INLINE_EDUCATION_NEXT = re.compile(
    r"^\s*(?:\S+\s+){0,2}?\S*?(?:bachelor|master|b\.?\s?sc|m\.?\s?sc|b\.?\s?tech|m\.?\s?tech|"
    r"b\.?\s?e\b|mba|bba|ph\.?\s?d|diploma|degree|university|college|school|institute|hsc|ssc)",
    re.IGNORECASE,
)
_INLINE_OTHER = re.compile(
    r"(?<![\w-])(?:(?P<two>Additional\s+Information|Personal\s+Details|Certifications\s+and\s+"
    r"Licenses|Online\s+Profile|Areas\s+of\s+Expertise)|(?P<one>Skills|Projects|Certifications|"
    r"Languages|Awards|Publications|Links|Interests|Hobbies|References|Volunteering|SKILLS|"
    r"PROJECTS|CERTIFICATIONS|LANGUAGES|AWARDS|PUBLICATIONS|INTERESTS|HOBBIES|REFERENCES))"
    r"(?![\w-])(?P<blanks>[^\S\n]{2,}|:|(?=\n)|\Z)?"
)
_INLINE_MIN_LINE = 200


def _inline_headings(text: str, start: int, end: int) -> list[tuple[int, SectionKind, str]]:
    """The headings run in with the text of the long line [start, end), in text order."""
    found: list[tuple[int, SectionKind, str]] = []
    for m in _INLINE_WORK.finditer(text, start, end):
        found.append((m.start(), "work", m.group(0)))
    for m in _INLINE_EDUCATION.finditer(text, start, end):
        if _INLINE_EDUCATION_NEXT.match(text[m.end() : m.end() + 120]):
            found.append((m.start(), "education", m.group(0)))
    for m in _INLINE_OTHER.finditer(text, start, end):
        if m.group("two") or m.group("blanks"):
            found.append((m.start(), "other", m.group("two") or m.group("one")))
    return sorted(found)


def find_sections(text: str, *, flat: bool = False) -> list[Section]:
    """Split a résumé into sections at heading lines ("EXPERIENCE", "Education", "Skills").

    In a ``flat`` text (line breaks lost) and on a line of over 200 characters, headings that
    run in with the text start sections too ("... Work Experience Software Engineer, UST ...
    Education BTech in ...").
    """
    sections: list[Section] = []
    current_start, current_kind, current_heading = 0, "top", ""
    pos = 0
    for line in text.splitlines(keepends=True):
        kind = _heading_kind(line, strict=flat)
        if kind is not None:
            sections.append(Section(current_start, pos, current_kind, current_heading))  # type: ignore[arg-type]
            current_start, current_kind, current_heading = pos, kind, line.strip()
        elif flat or len(line) > _INLINE_MIN_LINE:
            for at, inline_kind, heading in _inline_headings(text, pos, pos + len(line)):
                sections.append(Section(current_start, at, current_kind, current_heading))  # type: ignore[arg-type]
                current_start, current_kind, current_heading = at, inline_kind, heading
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
