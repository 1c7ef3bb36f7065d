"""Exact and normalized matching: an alias's own tokens, or its words run together.

Exact phrases match case-insensitively, or with their own casing where the alias says so
("Go", "R"); normalized keys drop spaces, dots, hyphens and slashes ("Tensor Flow",
"Kuber-netes", "amazon-web-services").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from skillmatch.matching.candidates import (
    EXACT,
    NORM_START,
    Entry,
    Occurrences,
    RawMention,
    make_mention,
)
from skillmatch.matching.words import norm_strip
from skillmatch.text import TokenTable

__all__ = [
    "MAX_NORM_WORDS",
    "ExactTables",
    "Phrases",
    "exact_candidates",
    "normalized_candidates",
]

MAX_NORM_WORDS = 4
"""The most words a normalized key runs together (separators such as "-" are no words)."""

Phrases = dict[str, list[tuple[tuple[str, ...], int]]]
"""Phrases by their first token: each as (its tokens, entry id), longest first."""

# The exact phrases that start with one word: those of several words by their second word, as
# (length, the words after the second, entry id), then the entry ids of the word alone. Each
# group keeps the phrases' order (longest first), and those of several words come first.
PhrasesFrom = tuple[dict[str, list[tuple[int, tuple[str, ...], int]]], list[int]]


def phrases_from(table: Phrases) -> dict[str, PhrasesFrom]:
    """Group each first word's phrases by their second word: "data" and "on" begin so many
    phrases that checking each one at every such token costs more than the rest of the pass."""
    grouped: dict[str, PhrasesFrom] = {}
    for first, phrases in table.items():
        longer: dict[str, list[tuple[int, tuple[str, ...], int]]] = defaultdict(list)
        alone: list[int] = []
        for phrase, idx in phrases:
            if len(phrase) == 1:
                alone.append(idx)
            else:
                longer[phrase[1]].append((len(phrase), phrase[2:], idx))
        grouped[first] = (dict(longer), alone)
    return grouped


@dataclass
class ExactTables:
    """The aliases by their tokens (``ci``: lowercased; ``cs``: case-sensitive ones as written)
    and by their normalized key (entry ids). Built by
    :meth:`~skillmatch.matching.SkillIndex.build`; the look-up forms derived from them are made
    on first use."""

    ci: Phrases
    cs: Phrases
    normalized: dict[str, list[int]]

    @cached_property
    def norm_prefixes(self) -> frozenset[str]:
        """Every non-empty prefix of a normalized key: a key that starts none cannot grow."""
        keys = self.normalized
        return frozenset(k[:e] for k in keys for e in range(1, len(k) + 1))

    @cached_property
    def ci_phrase(self) -> dict[int, tuple[str, ...]]:
        """Each case-insensitive entry's phrase, by entry id."""
        return {idx: p for lst in self.ci.values() for p, idx in lst}

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The lowercase first words of all exact phrases."""
        return frozenset(self.ci).union(k.lower() for k in self.cs)

    @cached_property
    def firsts(self) -> tuple[dict[str, PhrasesFrom], dict[str, PhrasesFrom]]:
        """The phrases of ``ci`` and ``cs`` grouped by second word (:func:`phrases_from`)."""
        return phrases_from(self.ci), phrases_from(self.cs)


def exact_candidates(
    tables: ExactTables, entries: Sequence[Entry], toks: TokenTable, occurrences: Occurrences
) -> list[RawMention]:
    """Case-insensitive matches, then case-sensitive ones, each in token order.

    Both are found from one scan of the lowercase words: a token's lowercase form is its text
    lowercased, so a case-sensitive key's token has that key's lowercase form.
    """
    found: tuple[list[RawMention], list[RawMention]] = ([], [])
    n = len(toks)
    lookups = tuple(zip(tables.firsts, (toks.lower, toks.orth), found, strict=True))
    for i in occurrences.where(EXACT)[0]:
        for table, forms, out in lookups:
            phrases = table.get(forms[i])
            if phrases is None:
                continue
            longer, alone = phrases
            if longer and i + 1 < n:
                for k, rest, idx in longer.get(forms[i + 1], ()):
                    if i + k <= n and (k == 2 or tuple(forms[i + 2 : i + k]) == rest):
                        out.append(make_mention(entries[idx], toks, i, i + k, "exact", 1.0))
            for idx in alone:
                out.append(make_mention(entries[idx], toks, i, i + 1, "exact", 1.0))
    return found[0] + found[1]


def normalized_candidates(
    tables: ExactTables, entries: Sequence[Entry], toks: TokenTable, occurrences: Occurrences
) -> list[RawMention]:
    """Keys grown token by token from each token whose stripped word starts one."""
    out: list[RawMention] = []
    normalized = tables.normalized
    n = len(toks)
    lower, brk, starts, ends = toks.lower, toks.brk, toks.starts, toks.ends
    # A key that starts no normalized form cannot grow into one: stop extending it. Only the
    # words whose stripped form starts one (so is not empty) can begin a match.
    prefixes = tables.norm_prefixes
    # On the alias's own tokens the exact match of the same entry and span is found too; it
    # sorts first in ``resolve_overlaps``, which then never keeps this one: not built.
    exact_phrase = tables.ci_phrase
    for i, facts in zip(*occurrences.where(NORM_START), strict=True):
        key = facts.norm_start
        # Most starts ("to", "a", "in") are no key and do not grow with the next token into
        # the start of one: they are dropped before the loop.
        if key not in normalized and (i + 1 == n or key + norm_strip(lower[i + 1]) not in prefixes):
            continue
        j = i + 1  # the key is made of tokens i..j-1
        words = 1  # separators ("-", "/") do not count: "amazon-web-services" is 3 words
        while True:
            for idx in normalized.get(key, ()):
                if exact_phrase.get(idx) != tuple(lower[i:j]):
                    out.append(make_mention(entries[idx], toks, i, j, "normalized", 0.95))
            if (
                j == n
                or words == MAX_NORM_WORDS
                or j - i == 2 * MAX_NORM_WORDS - 1
                or (brk[j] and not lower[j - 1].endswith("-"))
            ):
                break
            # A full stop before a space ends a sentence: "each tensor. Flow" is not TensorFlow.
            if lower[j - 1].endswith(".") and starts[j] != ends[j - 1]:
                break
            part = norm_strip(lower[j])
            key += part
            if key not in prefixes:
                break
            words += part != ""
            j += 1
    return out
