"""A whitespace-free chunk of text split into tokens by a spaCy tokenizer's affix rules, in
time linear in the chunk's length.

spaCy's tokenizer strips prefixes and suffixes from a chunk one at a time, searching the whole
rest of the chunk each time, and its URL pattern backtracks: a chunk of thousands of brackets,
quotes or "2019-" takes it minutes. :func:`affix_spans` gives the same split with each search
reading a bounded window at the chunk's end (:class:`Affixes`), and says when a special case may
take part; :class:`~skillmatch.text.tokenize.ChunkTokenizer` then asks spaCy, in pieces of at most
:data:`LONGEST_HARD_CHUNK` chars.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from spacy.tokenizer import Tokenizer

try:  # the parser of the re module: its names moved in Python 3.11
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre

__all__ = ["LONGEST_HARD_CHUNK", "Affixes", "affix_spans", "cut_pieces"]

_NO_WINDOW = sys.maxsize
_AFFIX_WINDOW = 16  # chars an affix search of a long chunk reads first (see Affixes)
_WINDOW_EDGE = 6  # a match this near the window's far edge may go on past it
_LONGEST_URL = 256  # chars: a longer string is no URL (spaCy's pattern is quadratic on some)
LONGEST_HARD_CHUNK = 64
"""Chars: a chunk that special cases may split goes to spaCy, whose affix loop is quadratic, in
pieces of at most this many chars cut between tokens (no word is this long)."""


class Affixes:
    """A tokenizer's affix, token and URL functions and its special cases, for
    :func:`affix_spans`, which asks them in time linear in a chunk's length.

    spaCy asks its prefix and suffix searches about the whole rest of the chunk at each step,
    and its URL pattern backtracks: on a chunk of thousands of brackets or quotes that takes
    quadratic time. Here a search looks at ``_AFFIX_WINDOW`` chars at the chunk's end, and at
    twice as many while its match reaches near the window's far edge (a run of dots is one
    suffix however long), so each char is searched a bounded number of times. For patterns
    anchored at the chunk's ends, as spaCy's are, that finds what a search of the whole rest
    finds (tested against spaCy on long chunks of affixes); other searches read the whole rest,
    as spaCy does.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.token_match = tokenizer.token_match
        self.url_match = tokenizer.url_match
        self.find_prefix = tokenizer.find_prefix
        self.find_suffix = tokenizer.find_suffix
        self.find_infix = tokenizer.find_infix
        self.rules: Mapping[str, object] = tokenizer.rules or {}
        self.longest_rule = max(map(len, self.rules), default=0)
        # Only a search anchored at the chunk's end can look at that end alone.
        self.prefix_window = _AFFIX_WINDOW if _anchored(tokenizer.prefix_search, 0) else _NO_WINDOW
        self.suffix_window = _AFFIX_WINDOW if _anchored(tokenizer.suffix_search, -1) else _NO_WINDOW

    def prefix(self, chunk: str, start: int, end: int) -> int:
        """The length of the prefix of ``chunk[start:end]`` (0 for none)."""
        window = self.prefix_window
        while True:
            if end - start <= window:
                return self.find_prefix(chunk[start:end]) or 0
            found = self.find_prefix(chunk[start : start + window]) or 0
            if found <= window - _WINDOW_EDGE:
                return found
            window *= 2

    def suffix(self, chunk: str, start: int, end: int) -> int:
        """The length of the suffix of ``chunk[start:end]`` (0 for none)."""
        window = self.suffix_window
        while True:
            if end - start <= window:
                return self.find_suffix(chunk[start:end]) or 0
            found = self.find_suffix(chunk[end - window : end]) or 0
            if found <= window - _WINDOW_EDGE:
                return found
            window *= 2

    def is_url(self, string: str) -> bool:
        # spaCy's URL pattern backtracks (quadratic on "a:b@a:b@..."); no URL is this long.
        return bool(self.url_match and len(string) <= _LONGEST_URL and self.url_match(string))

    def run_is_rule(self, chunk: str, spans: Sequence[tuple[int, int]]) -> bool:
        """Whether a run of consecutive ``spans`` of ``chunk`` is a special case: only runs as
        long as the longest special case are read, so this is linear in the chunk's length."""
        rules, longest = self.rules, self.longest_rule
        if not rules:
            return False
        n = len(spans)
        for i in range(n):
            first = spans[i][0]
            for k in range(i, n):
                last = spans[k][1]
                if last - first > longest:
                    break
                if chunk[first:last] in rules:
                    return True
        return False


def _anchored(search: object, side: int) -> bool:
    """Whether ``search`` is a compiled pattern's ``search`` whose every alternative is anchored
    at the string's start (``side`` 0: ``^``) or end (``side`` -1: ``$``), as spaCy's are."""
    pattern = getattr(search, "__self__", None)
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
        return False
    anchors = (
        (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)
        if side == 0
        else (_sre.AT_END, _sre.AT_END_STRING)
    )

    def anchored(items: Any) -> bool:
        if not len(items):
            return False
        op, arg = items[side]
        if op is _sre.AT:
            return arg in anchors
        if op is _sre.BRANCH and len(items) == 1:
            return all(anchored(alt) for alt in arg[1])
        if op is _sre.SUBPATTERN and len(items) == 1:
            return anchored(arg[-1])
        return False

    try:
        return anchored(_sre.parse(pattern.pattern, pattern.flags))
    except Exception:  # a pattern this parser cannot read: search it whole, as spaCy does
        return False


def affix_spans(affixes: Affixes, chunk: str) -> tuple[tuple[tuple[int, int], ...], bool]:
    """The (start, end) of the tokens spaCy splits ``chunk`` (no whitespace) into by its affix
    rules, and whether one of its special cases might take part (then spaCy must say).

    This is spaCy's own split (``Tokenizer._split_affixes`` then ``_attach_tokens``) in Python,
    asking the tokenizer's own prefix, suffix, infix, token and URL functions, so each is asked
    once per chunk and no Doc or vocabulary entry is made: spaCy would make one per new token.
    Without special cases, tokens are then exact. Every string spaCy looks up as a special
    case, and every match of its special-case matcher, is one token or a run of consecutive
    tokens of this split (up to the first hit, spaCy's split is this one); so when no such run
    is a rule, special cases change nothing. Time is linear in the chunk's length
    (:class:`Affixes`).
    """
    token_match = affixes.token_match
    start, end = 0, len(chunk)
    prefixes: list[tuple[int, int]] = []
    suffixes: list[tuple[int, int]] = []
    last_size = 0
    while start < end and end - start != last_size:
        if token_match and token_match(chunk[start:end]):
            break
        last_size = end - start
        pre_len = affixes.prefix(chunk, start, end)
        suf_len = affixes.suffix(chunk, start + pre_len, end)
        if pre_len and suf_len and pre_len + suf_len <= end - start:
            prefixes.append((start, start + pre_len))
            suffixes.append((end - suf_len, end))
            start += pre_len
            end -= suf_len
        elif pre_len:
            prefixes.append((start, start + pre_len))
            start += pre_len
        elif suf_len:
            suffixes.append((end - suf_len, end))
            end -= suf_len
    spans = prefixes
    overlapping = False
    if start < end:
        string = chunk[start:end]
        if (token_match and token_match(string)) or affixes.is_url(string):
            spans.append((start, end))
        else:
            at = 0  # spaCy skips an infix at the start, and keeps it in the next token
            for match in affixes.find_infix(string) or ():
                infix_start, infix_end = match.start(), match.end()
                if infix_start == 0:
                    continue
                if infix_start < at:  # overlapping matches: not from re, let spaCy decide
                    overlapping = True
                    break
                if infix_start != at:
                    spans.append((start + at, start + infix_start))
                if infix_start != infix_end:
                    spans.append((start + infix_start, start + infix_end))
                at = infix_end
            if at < len(string) and not overlapping:
                spans.append((start + at, end))
            if overlapping:
                spans.append((start, end))
    spans.extend(reversed(suffixes))
    return tuple(spans), overlapping or affixes.run_is_rule(chunk, spans)


def cut_pieces(chunk: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut a long ``chunk`` between its tokens (``spans``) into pieces of at most
    ``LONGEST_HARD_CHUNK`` chars where that can be (a longer token is a piece of its own)."""
    pieces: list[tuple[int, int]] = []
    first = 0
    for a, e in spans:
        if e - first > LONGEST_HARD_CHUNK and a > first:
            pieces.append((first, a))
            first = a
    pieces.append((first, len(chunk)))
    return pieces
