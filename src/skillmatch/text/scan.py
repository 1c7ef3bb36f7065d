"""Fast whole-text scans: a text with its derived forms, anchored scans, word-list search, lines.

Python's re skips fast over a text only for a pattern that starts with a literal or a set of
case-less characters; behind a leading lookbehind or with IGNORECASE it tries every position, at
~100 ns a character. So the whole-text scans of :mod:`skillmatch.analysis` first find the few
places where a match can start with cheap patterns, then try the real pattern only there: the same
matches, faster. Each helper here states the plain scan it equals.

The derived forms those searches read (the lowered text, the reversed text, the line starts) are
made once per text by :class:`ScanText`, which the caller builds and passes along: nothing here
keeps state between texts.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from typing import Any

__all__ = [
    "FOLD_BREAKERS",
    "LineIndex",
    "ScanText",
    "WordStarts",
    "anchored_scan",
    "as_scan_text",
    "compile_words",
    "find_words",
    "scan",
    "word_starts",
]

# Characters whose IGNORECASE matching differs from their lowercase form: "İ" lowercases to two
# characters, "ı" matches "i" and "ſ" matches "s".
FOLD_BREAKERS = ("\u0130", "\u0131", "\u017f")
_NEWLINE = re.compile("\n")


class LineIndex:
    """The line starts of one text, for line look-ups in O(log lines) instead of O(line).

    Line ``i`` runs from ``starts[i]`` to the next newline.
    """

    __slots__ = ("length", "starts")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.starts = [0]
        self.starts.extend(m.end() for m in _NEWLINE.finditer(text))

    def number(self, pos: int) -> int:
        """Return the index of the line holding offset ``pos`` (a newline ends its line)."""
        return bisect_right(self.starts, pos) - 1

    def line(self, number: int) -> tuple[int, int]:
        """Return the (start, end) offsets of line ``number``, without its newline."""
        starts = self.starts
        end = starts[number + 1] - 1 if number + 1 < len(starts) else self.length
        return starts[number], end


class ScanText:
    """A text and the forms of it that fast scans read, each made once, on first use.

    >>> t = ScanText("Senior Engineer\\nPython")
    >>> t.folded, t.lines.line(1)
    ('senior engineer\\npython', (16, 22))
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def folded(self) -> str | None:
        """``text.lower()`` when it lines up with IGNORECASE matching, else None.

        Then an ASCII letter matches a character of ``text`` under IGNORECASE exactly when that
        character lowercases to it, and word characters stay word characters: so a literal
        search of the lowered text finds every place where an IGNORECASE pattern of ASCII words
        can start.
        """
        text = self.text
        if not text.isascii() and any(c in text for c in FOLD_BREAKERS):
            return None
        return text.lower()

    @cached_property
    def reversed(self) -> str:
        """The text reversed: a pattern that reads the same both ways finds the last matches
        before an offset as the first ones in the reversed text."""
        return self.text[::-1]

    @cached_property
    def lines(self) -> LineIndex:
        """The text's :class:`LineIndex`."""
        return LineIndex(self.text)


def as_scan_text(text: str | ScanText) -> ScanText:
    """Return ``text`` as a :class:`ScanText` (a plain string is wrapped)."""
    return text if isinstance(text, ScanText) else ScanText(text)


def scan(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """Yield what ``pattern.finditer(text, pos, endpos)`` yields, ``pos`` the first of
    ``starts``, trying ``pattern`` only at ``starts``.

    ``starts`` must ascend and hold every offset where ``pattern`` can match (extra ones cost time
    only), and ``pattern`` must not match the empty string. ``pattern.match(text, pos, endpos)``
    sees the whole text (lookbehinds read before ``pos``), so at each start it finds what finditer
    finds.
    """
    stop = len(text) if endpos is None else endpos
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start, stop)
            if m is not None:
                end = m.end()
                yield m


@lru_cache(maxsize=8)
def _ignoring_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern, pattern.flags | re.IGNORECASE)


@lru_cache(maxsize=8)
def _pieces_back(pieces: int) -> re.Pattern[str]:
    return re.compile(rf"(?:\s*\S+){{0,{pieces}}}")


def anchored_scan(
    pattern: re.Pattern[str],
    source: ScanText,
    anchors: Iterable[int],
    pieces: int,
    starts: re.Pattern[str],
) -> Iterator[re.Match[str]]:
    """Yield what ``pattern.finditer(source.text)`` yields, trying it only just before ``anchors``.

    For patterns whose every match holds an anchor (a year, a unit of time) at most ``pieces``
    blank-separated pieces after its start: ``anchors`` ascend and hold, for every match, an
    offset inside it with at most ``pieces`` pieces of text from the match start up to it. In each
    anchor's window the pattern is tried where ``starts`` matches: it must match at every start,
    ending by the anchor's first character. Windows are read once each (a later one starts where
    the last ended), so a text of anchors costs linear time.

    ``starts`` is written in lowercase without IGNORECASE and searched in the folded text
    (:attr:`ScanText.folded`), where it skips faster than an IGNORECASE search of the text; a
    text without a folded form is searched with IGNORECASE.
    """
    text = source.text
    low_text = source.folded
    if low_text is None:
        low_text, starts = text, _ignoring_case(starts)
    rev = source.reversed
    n = len(text)
    back = _pieces_back(pieces)
    done = end = 0  # windows read up to done; the last match ends at end
    for anchor in anchors:
        if anchor < done or anchor < end:
            continue
        window = back.match(rev, n - anchor, n - max(done, end))
        assert window is not None  # zero pieces always match
        low = max(done, end, n - window.end())
        for start in starts.finditer(low_text, low, anchor + 1):
            if start.start() >= end:
                m = pattern.match(text, start.start())
                if m is not None:
                    end = m.end()
                    yield m
        done = anchor + 1


# ------------------------------------------------------------------------------ word-list search


def compile_words(words: Iterable[str]) -> re.Pattern[str] | None:
    """Return a pattern for any of ``words`` as whole words, any case, blanks or hyphens between
    the words of a phrase; None for no words."""
    return _compile_word_tuple(tuple(words))


@lru_cache(maxsize=256)
def _compile_word_tuple(words: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


_LEAD_WORD = re.compile(r"[a-z0-9_]+")


def _trie(words: Iterable[str]) -> str:
    """Return a pattern that matches exactly the (non-empty) ``words``, written as a trie.

    Python's re tries a branch's alternatives one by one: "senior|sr|staff" tries three at every
    offset, "s(?:enior|r|taff)" one test of "s" at most offsets. Longer words are tried first.
    """
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) == 1 else body + "?"

    return emit(root)


class WordStarts:
    """Find where the words of several word lists (as :func:`compile_words` matches them) can
    start in a text, with one search of its lowered form instead of one whole scan per list.

    A listed word or phrase opens with a run of word characters (its lead) and a non-word
    character or its end follows: so it can start only right after a non-word character (or at
    the text start) where its lead stands as a whole word. Lists with a word that does not open
    with an ASCII word character cannot be searched so: :meth:`starts` returns None for them.
    """

    def __init__(self, lists: tuple[tuple[str, ...], ...]) -> None:
        self.count = len(lists)
        leads: dict[str, list[int]] = {}
        self.search: re.Pattern[str] | None = None
        for i, words in enumerate(lists):
            for word in (w.strip().lower() for w in words):
                lead = _LEAD_WORD.match(word)
                if word and (lead is None or not word.isascii()):
                    return
                if lead is not None and i not in leads.setdefault(lead.group(0), []):
                    leads[lead.group(0)].append(i)
        self.lists_of = leads
        self.search = re.compile(rf"[^a-z0-9_]({_trie(leads)})(?!\w)") if leads else None

    def starts(self, source: ScanText) -> list[list[int]] | None:
        """Return, for each list, the ascending offsets where its words can start, or None."""
        low = source.folded
        if self.search is None or low is None:
            return None
        starts: list[list[int]] = [[0] for _ in range(self.count)]
        for m in self.search.finditer(low):
            for i in self.lists_of[m.group(1)]:
                starts[i].append(m.start() + 1)
        return starts


@lru_cache(maxsize=16)
def word_starts(lists: tuple[tuple[str, ...], ...]) -> WordStarts:
    """Return the :class:`WordStarts` of these word lists (the last few are kept)."""
    return WordStarts(lists)


def find_words(
    words: tuple[str, ...], source: ScanText, start: int, end: int
) -> Iterator[re.Match[str]]:
    """Yield what ``compile_words(words).finditer(source.text, start, end)`` yields (nothing for
    no words), trying the pattern only where :class:`WordStarts` says a word can start.

    A long line then costs one fast search, not an IGNORECASE try at every offset; the starts
    are found lazily, so a caller that stops at the first match reads no further.
    """
    pattern = compile_words(words)
    if pattern is None:
        return iter(())
    search = word_starts((words,)).search
    low = source.folded
    if search is None or low is None:
        return pattern.finditer(source.text, start, end)
    starts = itertools.chain((start,), (m.start() + 1 for m in search.finditer(low, start, end)))
    return scan(pattern, source.text, starts, end)
