"""How strongly a job posting asks for what it names: required, or only preferred.

A skill is preferred when its sentence or bullet says so ("nice to have", "a plus", "ideally"),
when its line starts with a label such as "Bonus:", or when the nearest heading above it reads
like "Nice to have" or "Preferred qualifications"; otherwise it is required.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from skillmatch.analysis.sections import BULLET
from skillmatch.models import Requirement
from skillmatch.text.scan import ScanText, as_scan_text

__all__ = ["PostingIndex", "requirement_of"]

_PREFERRED_CUES = re.compile(
    r"\b(?:nice[\s-]to[\s-]have|(?:is|are|would\s+be)\s+(?:a\s+)?(?:big\s+|huge\s+|strong\s+)?"
    r"(?:plus|bonus|advantage)|a\s+plus|bonus|preferred|preferably|ideally|desirable|"
    r"good\s+to\s+have|an\s+advantage|would\s+be\s+(?:great|nice)|optional)\b",
    re.IGNORECASE,
)
_PREFERRED_LABEL = re.compile(
    r"^\W*(?:nice|bonus|plus|preferred|optional|desirable|good\s+to\s+have)\b[^:\n]{0,30}:",
    re.IGNORECASE,
)
_PREFERRED_HEADING = re.compile(
    r"\b(?:nice|bonus|preferred|desirable|plus|good\s+to\s+have|ideally|optional|"
    r"stand\s+out|even\s+better|extra\s+credit)\b",
    re.IGNORECASE,
)


def _is_heading_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or BULLET.match(line) or len(stripped.split()) > 6:
        return False
    if stripped.endswith((".", ",", ";")):
        return False
    return stripped.endswith(":") or stripped[0].isupper()


# Where a sentence or bullet can end: a newline, a ";", or "[.!?]" before a blank or the end.
# Written without a leading lookbehind, so a search skips to the next of [\n;.!?] fast: the blank
# after "[.!?]" is a break, at the match end less one.
_SEGMENT_LEFT = re.compile(r"[\n;]|[.!?]\s")
_SEGMENT_RIGHT = re.compile(r"[\n;]|[.!?](?=\s|\Z)")
_PREFERRED_LABEL_AT = re.compile(_PREFERRED_LABEL.pattern[1:], _PREFERRED_LABEL.flags)


class PostingIndex:
    """What :func:`requirement_of` reads about one text, built once for all its mentions.

    The segment breaks are found in one pass; a segment's cue check, a line's label check and a
    line's nearest heading are worked out once each. So a posting with thousands of mentions
    costs O(text), not O(mentions x text).
    """

    def __init__(self, source: ScanText) -> None:
        text = self.text = source.text
        self.lines = source.lines
        self.left = [m.end() - 1 for m in _SEGMENT_LEFT.finditer(text)]
        self.right = [m.start() for m in _SEGMENT_RIGHT.finditer(text)]
        self.segment_cue: dict[tuple[int, int], bool] = {}
        self.label: dict[int, bool] = {}
        self.heading: dict[int, Requirement] = {}

    def segment(self, start: int, end: int) -> tuple[int, int]:
        """Return the sentence or bullet around [start, end): split at newlines, '. ', ';'."""
        i = bisect_left(self.left, start)
        left = self.left[i - 1] if i else -1
        j = bisect_left(self.right, end)
        right = self.right[j] if j < len(self.right) else len(self.text)
        return left + 1, right

    def preferred_cue(self, start: int, end: int) -> bool:
        key = self.segment(start, end)
        cue = self.segment_cue.get(key)
        if cue is None:
            cue = self.segment_cue[key] = bool(_PREFERRED_CUES.search(self.text, *key))
        return cue

    def preferred_label(self, number: int) -> bool:
        label = self.label.get(number)
        if label is None:
            line_start, line_end = self.lines.line(number)
            found = _PREFERRED_LABEL_AT.match(self.text, line_start, line_end)
            label = self.label[number] = found is not None
        return label

    def heading_above(self, number: int) -> Requirement:
        """Say what the nearest heading above line ``number`` asks ("required" without one)."""
        path: list[int] = []
        verdict: Requirement = "required"
        n = number
        while n > 0:
            known = self.heading.get(n)
            if known is not None:
                verdict = known
                break
            path.append(n)
            prev_start, prev_end = self.lines.line(n - 1)
            line = self.text[prev_start:prev_end]
            if _is_heading_line(line):
                verdict = "preferred" if _PREFERRED_HEADING.search(line) else "required"
                break
            n -= 1
        for k in path:
            self.heading[k] = verdict
        return verdict


def requirement_of(text: str | ScanText | PostingIndex, start: int, end: int) -> Requirement:
    """Say whether the posting requires or only prefers the skill mentioned at [start, end).

    "preferred" when its sentence or bullet says "nice to have", "a plus", "bonus", "preferred",
    "ideally", "desirable", "is an advantage", or starts with a label like "Nice:", or when the
    nearest heading above it reads like "Nice to have" / "Preferred qualifications" / "Bonus
    points"; otherwise "required". Negation is the matcher's business: call this for counted
    mentions only. ``text`` is the posting, or its :class:`PostingIndex`: build that once to
    ask about every mention of a long posting in linear time (a string is read anew each call).

    >>> posting = "Requirements\\n- Python\\n\\nNice to have\\n- Rust"
    >>> requirement_of(posting, posting.index("Rust"), posting.index("Rust") + 4)
    'preferred'
    """
    index = text if isinstance(text, PostingIndex) else PostingIndex(as_scan_text(text))
    length = len(index.text)
    if not 0 <= start <= end <= length:
        raise ValueError(
            f"requirement_of(): span [{start}, {end}) is outside the text of length {length};"
            " pass offsets of a mention of this text"
        )
    if index.preferred_cue(start, end):
        return "preferred"
    number = index.lines.number(start)
    if index.preferred_label(number):
        return "preferred"
    # look back, line by line, to the nearest heading
    return index.heading_above(number)
