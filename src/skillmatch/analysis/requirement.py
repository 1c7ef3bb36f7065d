"""How a job posting asks for what it names: required or only preferred, alone or as one of
several alternatives.

A skill is preferred when its sentence or bullet says so ("nice to have", "a plus", "ideally"),
when its line starts with a label such as "Bonus:", or when the nearest heading above it reads
like "Nice to have" or "Preferred qualifications" (a plain line, a Markdown "## Bonus", a bold
"**Nice-to-haves**", an underlined or an ALL-CAPS heading); otherwise it is required.

Skills named as alternatives ("PyTorch or TensorFlow", "AWS/GCP", "one of Go, Rust, Java",
"Airflow, Dagster or similar", "any major cloud (AWS, GCP, Azure)") form a group that any one
of them satisfies (:func:`group_alternatives`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence

from skillmatch.analysis.sections import BULLET
from skillmatch.models import Requirement
from skillmatch.text.scan import ScanText, as_scan_text

__all__ = ["PostingIndex", "group_alternatives", "requirement_of"]

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
    r"\b(?:nice|bonus|preferred|desirable|desired|plus|pluses|good\s+to\s+have|ideally|"
    r"optional|stand\s+out|even\s+better|extra\s+credit|advantage|advantageous|wish\s*list|"
    r"not\s+required|not\s+mandatory|great\s+to\s+have)\b",
    re.IGNORECASE,
)
# A Markdown heading ("## Nice to have"), a bold or underlined line ("**Bonus points**",
# "__Pluses__", "<u>Preferred</u>"): the words inside are the heading.
_DECORATED_HEADING = re.compile(
    r"^\s*(?:#{1,6}[^\S\n]+(?P<md>[^\n]*?)[^\S\n]*#*"
    r"|(?P<mark>\*\*|__|\*|_|<u>|<b>|<strong>)(?P<inner>[^\n]+?)"
    r"(?:\*\*|__|\*|_|</u>|</b>|</strong>))[^\S\n]*:?[^\S\n]*$",
    re.IGNORECASE,
)


def _heading_text(line: str) -> str | None:
    """The words of ``line`` when it is a heading, else None.

    A Markdown, bold or underlined heading, or a short plain line (six words at most) that
    ends in a colon or starts with a capital and does not end like a sentence.
    """
    decorated = _DECORATED_HEADING.match(line)
    if decorated is not None:
        words = (decorated.group("md") or decorated.group("inner") or "").strip(" :*_")
        return words if words and len(words.split()) <= 8 else None
    stripped = line.strip()
    if not stripped or BULLET.match(line) or len(stripped.split()) > 6:
        return None
    if stripped.endswith((".", ",", ";")):
        return None
    return stripped if stripped.endswith(":") or stripped[0].isupper() else None


def _is_heading_line(line: str) -> bool:
    return _heading_text(line) is not None


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
            heading = _heading_text(self.text[prev_start:prev_end])
            if heading is not None:
                verdict = "preferred" if _PREFERRED_HEADING.search(heading) else "required"
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


# ------------------------------------------------------------------------------- alternatives

# What stands between two named skills of one list: "or" and "/" make them alternatives, "," and
# "and" list them (alternatives too when the list says so: "one of ...", "... or similar").
_OR_JOIN = re.compile(r"\s*(?:,\s*)?(?:or|and/or|/|\|)\s*", re.IGNORECASE)
_LIST_JOIN = re.compile(r"\s*(?:,|;)?\s*(?:and|&)?\s*", re.IGNORECASE)
_OR_BEFORE = re.compile(
    r"(?:\b(?:one|any|either)(?:\s+(?:of|major|modern|popular|common|mainstream|leading))*"
    r"(?:\s+[\w-]+){0,3}?|\bsuch\s+as|\blike|\be\.?\s?g\.?|\bfor\s+example|\bfor\s+instance)"
    r"[\s:,(]*\(?\s*$",
    re.IGNORECASE,
)
_OR_AFTER = re.compile(
    r"^\s*,?\s*(?:or\s+(?:similar|equivalent|comparable|other|related|another|alike|any)|"
    r"etc\.?|or\s+the\s+like)\b",
    re.IGNORECASE,
)
_OR_BEFORE_REACH = 60


def group_alternatives(
    text: str | ScanText | PostingIndex, spans: Sequence[tuple[int, int]]
) -> list[list[int]]:
    """Group the indexes of the skill mentions at ``spans`` that a posting names as alternatives.

    Mentions of one sentence or bullet that follow each other with only "or", "/", "and/or"
    between them are alternatives ("PyTorch or TensorFlow", "AWS/GCP"), and so is a whole list
    whose joints are commas, "and" or "or" when the last joint is "or" ("Go, Rust or Java"),
    when words before it offer a choice ("one of", "any major cloud (", "such as", "e.g.") or
    words after it do ("or similar", "or equivalent", "etc."). A list joined by commas or "and"
    alone names each skill. ``spans`` are ``(start, end)`` offsets in text order; spans that
    overlap the one before (one phrase naming two skills) join its group. Each group returned
    holds two or more indexes, ascending.

    >>> posting = "Experience with PyTorch or TensorFlow; Docker and Kubernetes."
    >>> spans = [(16, 23), (27, 37), (39, 45), (50, 60)]
    >>> group_alternatives(posting, spans)
    [[0, 1]]
    """
    index = text if isinstance(text, PostingIndex) else PostingIndex(as_scan_text(text))
    body = index.text
    groups: list[list[int]] = []
    chain: list[int] = []
    joints: list[str] = []

    def close() -> None:
        if len(chain) >= 2 and _chain_is_choice(body, index, chain, joints, spans):
            groups.append(list(chain))
        elif len(chain) >= 2 and "or" in joints:
            # "Python and PyTorch or TensorFlow": only the runs joined by "or" are a choice
            run = [chain[0]]
            for k, joint in enumerate(joints):
                if joint == "or":
                    run.append(chain[k + 1])
                    continue
                if len(run) >= 2:
                    groups.append(run)
                run = [chain[k + 1]]
            if len(run) >= 2:
                groups.append(run)

    for i, (start, end) in enumerate(spans):
        if chain:
            prev_start, prev_end = spans[chain[-1]]
            if start < prev_end:
                continue  # the same words naming another skill: not a member of its own
            same = index.segment(prev_start, prev_end) == index.segment(start, end)
            between = body[prev_end:start]
            joint = _joint(between) if same else None
            if joint is not None:
                chain.append(i)
                joints.append(joint)
                continue
            close()
        chain, joints = [i], []
    close()
    return [sorted(g) for g in groups]


def _joint(between: str) -> str | None:
    if _OR_JOIN.fullmatch(between):
        return "or"
    if between.strip() and _LIST_JOIN.fullmatch(between):
        return "list"
    return None


def _chain_is_choice(
    body: str,
    index: PostingIndex,
    chain: Sequence[int],
    joints: Sequence[str],
    spans: Sequence[tuple[int, int]],
) -> bool:
    """Is a whole list a choice: all "or", or its last joint "or" after commas only, or words
    around it offering a choice?"""
    if all(j == "or" for j in joints):
        return True
    gaps = [body[spans[a][1] : spans[b][0]].strip() for a, b in itertools.pairwise(chain)]
    commas = all(gap == "," for gap in gaps[:-1])
    if joints[-1] == "or" and commas:
        return True
    first_start = spans[chain[0]][0]
    segment_start = index.segment(first_start, first_start)[0]
    before = body[max(segment_start, first_start - _OR_BEFORE_REACH) : first_start]
    after = body[spans[chain[-1]][1] : spans[chain[-1]][1] + 40]
    return bool(_OR_BEFORE.search(before) or _OR_AFTER.match(after))
