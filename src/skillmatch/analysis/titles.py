"""Find the job titles and level phrases of a text: "Senior Data Engineer", "new grads welcome".

A title word counts only where titles stand (before a role noun, at a line start before a
separator, in a short heading-like line) and not inside a trap phrase of the taxonomy's seniority
rules ("senior management", "lead time").

>>> from skillmatch.taxonomy import SeniorityRules
>>> rules = SeniorityRules(titles={"senior": ["Senior"]}, title_traps=["senior management"])
>>> text = "Senior Data Engineer\\nReported to senior management"
>>> [(e.text, e.level) for e in find_titles(text, rules)]
[('Senior', 'senior')]
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from skillmatch.analysis.sections import BULLET
from skillmatch.models import LEVELS, Level, SeniorityEvidence
from skillmatch.taxonomy import SeniorityRules
from skillmatch.text.scan import (
    ScanText,
    as_scan_text,
    compile_words,
    find_words,
    scan,
    word_starts,
)

__all__ = ["TitleIndex", "find_titles"]

logger = logging.getLogger("skillmatch")

_ROLE_NOUNS = (
    r"engineer|scientist|developer|manager|analyst|architect|consultant|researcher|designer|"
    r"programmer|administrator|specialist|officer|director|executive|lead|associate|intern|"
    r"technician|coordinator|accountant|advisor|adviser|partner|head|president|vp|"
    r"professional|member|staff|contributor|writer|editor|producer|agent|representative|sre"
)
_ROLE_AFTER = re.compile(
    rf"^(?:[\s/&-]*[\w.+#&/-]+){{0,4}}?[\s/-]+(?:{_ROLE_NOUNS})\b(?!s\b)", re.I
)
_ROLE_SINGLE_AFTER = re.compile(rf"^[\s/-]*(?:{_ROLE_NOUNS})\b(?!s\b)", re.I)
_SEPARATOR_AFTER = re.compile(r"^\s*(?:$|[,|—–·(:@/]|-\s|\bof\b|\bat\b|\bin\b\s+[A-Z])")
_SEPARATOR_BEFORE = re.compile(r"(?:^|[|—–·,:(/]|\s-|\bas\s+an?|\bas)\s*$", re.I)
_BULLET_PREFIX = re.compile(r"^\s*(?:[-*•·▸›]\s*)?")


# whole text instead of on a slice of a possibly megabyte-long line.
_ROLE_SINGLE_AT = re.compile(_ROLE_SINGLE_AFTER.pattern[1:], _ROLE_SINGLE_AFTER.flags)
_SEPARATOR_AFTER_AT = re.compile(_SEPARATOR_AFTER.pattern[1:])
_BULLET_PREFIX_AT = re.compile(_BULLET_PREFIX.pattern[1:])
_ROLE_NOUN_AT = re.compile(rf"(?:{_ROLE_NOUNS})\b(?!s\b)", re.I)
_AFTER_RUN = re.compile(r"(\s+)|[\w.+#&/-]+")
_WORD_CHAR = re.compile(r"[\w.+#]")
_SLASH_OR_DASH = re.compile(r"[/-]")
_SENTENCE_MARK = re.compile(r"[.;!?]")
_NOT_A_TITLE_LINE = re.compile(r"[.;!?]\s|[.;!?]$")
_HEADS_SOMETHING = re.compile(r"\s*(?:,|of\b|—|–|-\s|\(|at\b|:)")
_MANY_WORDS = re.compile(r"\S+")


def _role_groups(text: str, pos: int, j: int) -> int:
    r"""Count the ``[\s/&-]*[\w.+#&/-]+`` groups that ``_ROLE_AFTER`` needs before a noun at j.

    The prefix text[pos:j] is taken as Q + S, S the longest run of ``[\s/-]`` before j: each
    blank-separated piece of Q holding a ``[\w.+#]`` character needs a group of its own, and a
    last piece of only ``/&-`` needs one more (earlier such pieces ride in the next group's
    leading separators).
    """
    q = j
    while q > pos and (text[q - 1] in "/-" or text[q - 1].isspace()):
        q -= 1
    pieces = text[pos:q].split()
    if not pieces:
        return 0
    groups = sum(1 for piece in pieces if _WORD_CHAR.search(piece))
    return groups + (0 if _WORD_CHAR.search(pieces[-1]) else 1)


def _role_after(text: str, pos: int, end: int) -> bool:
    """Return ``_ROLE_AFTER.match(text[pos:end]) is not None``, in time linear in what it reads.

    ``_ROLE_AFTER`` (up to four words, then a role noun) backtracks without bound on runs of
    "-", "/" or long words. Here the first place a role noun can start (after a blank, "/" or
    "-") decides, since the groups needed before a noun only grow further on; reading stops
    after five words, after which no noun can qualify.
    """
    words = 0
    p = pos
    while p < end:
        run = _AFTER_RUN.match(text, p, end)
        if run is None:
            return False  # a character the prefix cannot hold
        if run.group(1) is None:
            run_start, run_end = run.span()
            candidates = [run_start] if run_start > pos else []
            candidates.extend(
                m.end() for m in _SLASH_OR_DASH.finditer(text, run_start, run_end - 1)
            )
            for j in candidates:
                if _ROLE_NOUN_AT.match(text, j, end):
                    return _role_groups(text, pos, j) <= 4
            if _WORD_CHAR.search(text, run_start, run_end):
                words += 1
                if words >= 5:
                    return False
        p = run.end()
    return False


def _separator_before(text: str, line_start: int, start: int) -> bool:
    """Return ``_SEPARATOR_BEFORE.search(text[line_start:start]) is not None``, reading only the
    end of the line's part before ``start`` (every alternative ends at its last non-blank).
    """
    k = start
    while k > line_start and text[k - 1].isspace():
        k -= 1
    if k == line_start:
        return True  # "^\s*$"
    # "as  an": the alternative starts two characters before the blanks before the last word
    p = max(line_start, k - 2)
    while p > line_start and text[p - 1].isspace():
        p -= 1
    p = max(line_start, p - 2)
    return _SEPARATOR_BEFORE.search(text, p, start) is not None


class TitleIndex:
    """Per-line facts that :func:`_title_like` and :func:`_trapped` read, worked out once per
    line of one text rather than once per title word (a line may hold thousands of them)."""

    def __init__(self, source: ScanText) -> None:
        self.source = source
        self.text = source.text
        self.lines = source.lines
        self.prefix_end: dict[int, int] = {}
        self.short_lead: dict[int, tuple[int, int]] = {}
        self.title_line: dict[int, bool] = {}
        self.traps: dict[tuple[int, tuple[str, ...]], tuple[list[re.Match[str]], list[int]]] = {}

    def bullet_prefix_end(self, number: int, line_start: int, line_end: int) -> int:
        end = self.prefix_end.get(number)
        if end is None:
            found = _BULLET_PREFIX_AT.match(self.text, line_start, line_end)
            end = self.prefix_end[number] = found.end() if found else line_start
        return end

    def lead_limits(self, number: int, line_start: int, line_end: int) -> tuple[int, int]:
        """Return where the line's fourth word starts and where its first [.;!?] is."""
        limits = self.short_lead.get(number)
        if limits is None:
            fourth = line_end + 1
            for i, word in enumerate(_MANY_WORDS.finditer(self.text, line_start, line_end)):
                if i == 3:
                    fourth = word.start()
                    break
            mark = _SENTENCE_MARK.search(self.text, line_start, line_end)
            limits = self.short_lead[number] = (fourth, mark.start() if mark else line_end + 1)
        return limits

    def is_title_line(self, number: int, line_start: int, line_end: int) -> bool:
        known = self.title_line.get(number)
        if known is None:
            line = self.text[line_start:line_end]
            known = self.title_line[number] = (
                len(line.split()) <= 8
                and not BULLET.match(line)
                and not _NOT_A_TITLE_LINE.search(line)
            )
        return known

    def line_traps(
        self, number: int, line_start: int, line_end: int, traps: tuple[str, ...]
    ) -> tuple[list[re.Match[str]], list[int]]:
        key = (number, traps)
        found = self.traps.get(key)
        if found is None:
            matches = list(find_words(traps, self.source, line_start, line_end))
            found = self.traps[key] = (matches, [m.end() for m in matches])
        return found


def _title_like(index: TitleIndex, start: int, end: int) -> bool:
    """Is the word at [start, end) in a place where titles stand?

    Before a role noun ("Senior Data Engineer", not "senior engineers"); at the start of a line
    or after a separator ("|", "—", ",", "as a") when a separator or the line end follows
    ("Lead, Google Developer Student Club", "Intern"); anywhere in a short heading-like line
    without bullet or sentence punctuation ("Project Manager / Technology Lead").

    ``end`` is the end of a title-word match, so ``text[end]`` is no word character: the
    anchored patterns read the same at ``end`` as at the start of a slice.
    """
    text = index.text
    number = index.lines.number(start)
    line_start, line_end = index.lines.line(number)
    if _ROLE_SINGLE_AT.match(text, end, line_end) or _role_after(text, end, line_end):
        return True
    separator_after = _SEPARATOR_AFTER_AT.match(text, end, line_end) is not None
    if separator_after:
        at_line_start = start <= index.bullet_prefix_end(number, line_start, line_end)
        if at_line_start or _separator_before(text, line_start, start):
            return True
        # "ML Lead, Quickfin": a title word closing a short run of words that opens the line
        fourth_word, first_mark = index.lead_limits(number, line_start, line_end)
        if fourth_word >= start and first_mark >= start and text[start].isupper():
            return True
    return text[start].isupper() and index.is_title_line(number, line_start, line_end)


def _trapped(index: TitleIndex, start: int, end: int, traps: tuple[str, ...]) -> str | None:
    """Return the trap phrase that makes the title word at [start, end) no title, if any.

    A trap that holds the word ("senior management", "lead time") must cover it. Any other trap
    counts in two places: naming what a lone title word heads ("Lead, Google Developer Student
    Club", "President of the chess society") or just before it ("Grade: Senior 2").
    """
    text = index.text
    number = index.lines.number(start)
    line_start, line_end = index.lines.line(number)
    word = text[start:end].lower()
    heads_something = _HEADS_SOMETHING.match(text, end, line_end)
    matches, ends = index.line_traps(number, line_start, line_end, traps)
    # The line's traps in order, from the first that ends within 20 characters before the word
    # to the last that starts within 60 after it: traps outside that window decide nothing.
    for i in range(bisect_left(ends, start - 20), len(matches)):
        m = matches[i]
        if m.start() > end + 60:
            break
        if m.start() < end and start < m.end():
            return m.group(0)
        if word in m.group(0).lower():
            continue
        if heads_something and 0 <= m.start() - end <= 60:
            return m.group(0)
        if 0 <= start - m.end() <= 20 and re.fullmatch(r"[\s:=,-]*", text[m.end() : start]):
            return m.group(0)
    return None


def _overlaps(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint spans (``starts``, ``ends``)?"""
    i = bisect_right(ends, start)
    return i < len(starts) and starts[i] < end


def _title_evidence(m: re.Match[str], level: Level, detail: str) -> SeniorityEvidence:
    return SeniorityEvidence(
        kind="title", start=m.start(), end=m.end(), text=m.group(0), level=level, detail=detail
    )


def find_titles(text: str | ScanText, rules: SeniorityRules) -> list[SeniorityEvidence]:
    """Return the titles and level phrases of ``text`` as seniority evidence, in text order.

    Title words are looked for senior first, then mid, then entry; level phrases anywhere. A
    span taken by one is not taken again.
    """
    source = as_scan_text(text)
    text = source.text
    index = TitleIndex(source)
    traps = tuple(rules.title_traps)
    found: list[SeniorityEvidence] = []
    # Title words first (senior before mid before entry), then level phrases anywhere. The spans
    # taken so far stay sorted and disjoint; one pattern's matches never overlap each other, so
    # each pattern checks against the spans taken before it.
    passes: list[tuple[Level, list[str], str]] = [
        (level, rules.titles.get(level, []), "title word") for level in reversed(LEVELS)
    ]
    passes += [(level, phrases, "level phrase") for level, phrases in rules.phrases.items()]
    starts_of = word_starts(tuple(tuple(words) for _, words, _ in passes)).starts(source)
    taken: list[tuple[int, int]] = []
    for k, (level, words, detail) in enumerate(passes):
        pattern = compile_words(words)
        if pattern is None:
            continue
        taken.sort()
        starts, ends = [s for s, _ in taken], [e for _, e in taken]
        found_here = (
            pattern.finditer(text) if starts_of is None else scan(pattern, text, starts_of[k])
        )
        for m in found_here:
            if _overlaps(starts, ends, m.start(), m.end()):
                continue
            if detail == "title word":
                if not _title_like(index, m.start(), m.end()):
                    continue
                trap = _trapped(index, m.start(), m.end(), traps)
                if trap:
                    logger.debug("title %r at %d skipped: trap %r", m.group(0), m.start(), trap)
                    continue
            taken.append((m.start(), m.end()))
            found.append(_title_evidence(m, level, detail))
    return sorted(found, key=lambda e: e.start)
