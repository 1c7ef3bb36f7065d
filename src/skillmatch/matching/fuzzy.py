"""Fuzzy matching: misspelt names ("Kubernates", "Pytorh") found with rapidfuzz.

What is left after exact and normalized matching is cut into grams of 1-3 words; a gram is scored
against the aliases that may match misspelt only if one of its words is not ordinary English, and
only against the aliases that share its first letter and lie within 2 characters of its length.
An alias of 5-8 characters allows one edit, a longer one two (a swap of neighbours is one edit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from skillmatch.matching.candidates import UNCOMMON, Entry, Occurrences, RawMention, make_mention
from skillmatch.matching.words import JOINERS, allowed_edits, fuzzy_word
from skillmatch.text import TokenTable

__all__ = ["REACH_FILTER", "FuzzyTables", "char_classes", "fuzzy_candidates", "within_reach"]

_SMALL_POOL = 256  # fuzzy choices with one first letter that are scored as one group
REACH_FILTER = 256
"""Fuzzy choices of a group from which ruling most out first (:func:`within_reach`) pays."""
_GRAM_CACHE = 100_000  # grams whose scored choices are kept

# A fuzzy group's choice ids, texts and character classes (:func:`char_classes`).
_Choices = tuple[list[int], list[str], np.ndarray]
# Choices by (first letter, length); the first letters with few choices; each choice's classes.
_Pools = tuple[dict[tuple[str, int], list[int]], frozenset[str], np.ndarray]


class FuzzyTables:
    """The normalized keys that may match misspelt (``choices``) and the entry of each.

    What scoring needs of them (choices by first letter and length, their character classes, the
    gram lengths each first letter can reach) is made on first use; the choices of each group
    and the scored grams are kept as texts come (up to ``_GRAM_CACHE`` grams).
    """

    def __init__(self, choices: list[str], entries: list[int]) -> None:
        self.choices = choices
        self.entries = entries
        self._cols: dict[tuple[str, int], _Choices] = {}
        self._grams: dict[str, tuple[tuple[int, int], ...]] = {}

    @cached_property
    def reach(self) -> dict[str, tuple[frozenset[int], int]]:
        """Map a first letter to the gram lengths (5 or more) that some choice could accept,
        and the longest of them.

        A choice accepts only grams with its first letter, within 2 characters of its length.
        """
        lengths: dict[str, set[int]] = defaultdict(set)
        for c in self.choices:
            lengths[c[0]].update(k for k in range(len(c) - 2, len(c) + 3) if k >= 5)
        return {first: (frozenset(ks), max(ks)) for first, ks in lengths.items() if ks}

    @cached_property
    def _pools(self) -> _Pools:
        pool: dict[tuple[str, int], list[int]] = defaultdict(list)
        per_letter: dict[str, int] = defaultdict(int)
        for c, choice in enumerate(self.choices):
            pool[(choice[0], len(choice))].append(c)
            per_letter[choice[0]] += 1
        small = frozenset(f for f, k in per_letter.items() if k <= _SMALL_POOL)
        return dict(pool), small, char_classes(self.choices)

    def distances(self, grams: list[str]) -> list[tuple[int, int, int]]:
        """Return ``(gram, choice, distance)`` for distances up to 2, by gram then choice.

        The pairs of each gram are kept (up to ``_GRAM_CACHE`` grams): the same uncommon words
        come back text after text. Only the grams not kept are scored.
        """
        if len(self._grams) > _GRAM_CACHE:
            self._grams = {}
        cache = self._grams  # replaced, never cleared, when full: safe to read meanwhile
        missing = [gram for gram in dict.fromkeys(grams) if gram not in cache]
        if missing:
            cache.update(self._score(missing))
        found: list[tuple[int, int, int]] = []
        for g, gram in enumerate(grams):
            pairs = cache[gram]
            if pairs:
                found.extend([(g, c, d) for c, d in pairs])
        return found

    def _score(self, grams: list[str]) -> dict[str, tuple[tuple[int, int], ...]]:
        """Return ``(choice, distance)`` for distances up to 2, by choice, for each distinct
        gram.

        Only choices that share the gram's first letter and lie within 2 characters of its
        length can be accepted, so each group of grams is scored against those choices alone:
        with a large taxonomy this is what keeps fuzzy matching fast. Where few choices share a
        first letter, its grams form one group whatever their length (fewer ``cdist`` calls; a
        distance up to 2 implies lengths within 2, so the pairs found are the same).
        """
        choices = self.choices
        pool, small, classes_of = self._pools
        groups: dict[tuple[str, int], list[str]] = defaultdict(list)
        for gram in grams:
            groups[(gram[0], -1 if gram[0] in small else len(gram))].append(gram)
        scored: dict[str, tuple[tuple[int, int], ...]] = dict.fromkeys(grams, ())
        for (first, length), members in groups.items():
            group = self._cols.get((first, length))
            if group is None:
                if length < 0:
                    cols = sorted(c for (f, _), cs in pool.items() if f == first for c in cs)
                else:
                    near = range(length - 2, length + 3)
                    cols = sorted(c for k in near for c in pool.get((first, k), ()))
                # The choice texts are kept with their ids: rebuilding them per call is what a
                # large taxonomy would pay for.
                group = (cols, [choices[c] for c in cols], classes_of[cols])
                self._cols[(first, length)] = group
            cols, texts, classes = group
            if len(cols) > REACH_FILTER:
                # Only the choices within reach of some member are scored: with a large
                # taxonomy, a few in a hundred.
                keep = np.flatnonzero(within_reach(char_classes(members), classes).any(axis=0))
                cols = [cols[k] for k in keep.tolist()]
                texts = [texts[k] for k in keep.tolist()]
            if not cols:
                continue
            matrix = cdist(
                members, texts, scorer=OSA.distance, score_cutoff=2, workers=1, dtype=None
            )
            rows, ks = np.nonzero(matrix <= 2)
            if not rows.size:
                continue
            found: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for r, k, d in zip(rows.tolist(), ks.tolist(), matrix[rows, ks].tolist(), strict=True):
                found[r].append((cols[k], d))
            for r, pairs in found.items():
                scored[members[r]] = tuple(pairs)
        return scored


def fuzzy_candidates(
    tables: FuzzyTables,
    entries: Sequence[Entry],
    toks: TokenTable,
    taken: list[bool],
    occurrences: Occurrences,
) -> list[RawMention]:
    """Score leftover 1-3 word n-grams against the fuzzy aliases in one ``cdist`` call.

    A gram is scored only if some choice shares its first letter and lies within 2 characters
    of its length (no other choice can be accepted) and it is not made of ordinary words, that
    is if one of its tokens is not: grams are built only from the starts that reach one.
    """
    uncommon_at = occurrences.where(UNCOMMON)[0]
    if not uncommon_at:
        return []
    uncommon = set(map(toks.lower.__getitem__, uncommon_at))
    grams: list[str] = []
    spans: list[tuple[int, int]] = []
    lower = toks.lower
    brk = toks.brk
    starts, ends = toks.starts, toks.ends
    n = len(toks)
    reach = tables.reach
    for i in _gram_starts(toks, taken, uncommon_at):
        key = lower[i].replace(".", "")
        first = reach.get(key[0])
        if first is None:
            continue
        # Keys only grow: past the longest reachable length no later gram can be accepted.
        lengths, max_len = first
        j = i + 1
        words = 1
        rare = lower[i] in uncommon
        while len(key) <= max_len:
            if rare and len(key) in lengths:
                grams.append(key)
                spans.append((i, j))
            if words == 3:
                break
            # "-" and "." join the next word when glued to both neighbours ("Py-Torch").
            while (
                j + 1 < n
                and not taken[j]
                and not brk[j]
                and lower[j] in JOINERS
                and starts[j] == ends[j - 1]
                and starts[j + 1] == ends[j]
            ):
                rare = rare or lower[j] in uncommon
                j += 1
            if j >= n or taken[j] or brk[j] or not fuzzy_word(lower[j]):
                break
            rare = rare or lower[j] in uncommon
            key += lower[j].replace(".", "")
            words += 1
            j += 1
    if not grams:
        return []
    out: list[RawMention] = []
    best: dict[int, tuple[int, int]] = {}
    for g, c, d in tables.distances(grams):
        choice = tables.choices[c]
        alias_len = len(choice)
        if d == 0 or d > allowed_edits(alias_len) or abs(alias_len - len(grams[g])) > d:
            continue
        # Misspellings keep the first letter (PageMaker is not SageMaker, XQuery not jQuery),
        # and a phrase of several words gets one edit at most (SRM server is not SQL Server).
        if grams[g][0] != choice[0] or (d > 1 and _several_words(toks, *spans[g])):
            continue
        # A short last word of a name is an acronym kept whole ("Core ML" is not "Corel").
        tail = _short_last_word(entries[tables.entries[c]].alias.text)
        if tail and not grams[g].endswith(tail):
            continue
        if g not in best or d < best[g][0]:
            best[int(g)] = (d, int(c))
    for g, (d, c) in sorted(best.items()):
        i, j = spans[g]
        score = round(max(0.5, 0.9 - 0.15 * d), 3)
        out.append(make_mention(entries[tables.entries[c]], toks, i, j, "fuzzy", score))
    return out


def _gram_starts(toks: TokenTable, taken: list[bool], uncommon_at: list[int]) -> list[int]:
    """The tokens from which a gram can reach one of the tokens at ``uncommon_at``, in order.

    A gram is 1-3 words (joiners between them not counted) within a line, of tokens not
    already matched: so walk back from each uncommon token until three words are passed, or a
    line break or a matched token stops it. An uncommon joiner ('.') is inside a gram only if
    glued to the token before and to a free token after it on its line, and then a word
    follows it in the gram: two words at most before it. This may keep a start whose grams
    cannot reach (not all is checked): the gram loop checks everything again.
    """
    lower, brk, starts, ends = toks.lower, toks.brk, toks.starts, toks.ends
    n = len(lower)
    found: set[int] = set()
    for t in uncommon_at:
        words = 0
        if lower[t] in JOINERS:
            if (
                brk[t]
                or starts[t] != ends[t - 1]
                or t + 1 == n
                or brk[t + 1]
                or taken[t + 1]
                or starts[t + 1] != ends[t]
            ):
                continue
            words = 1  # the word after it
        while t >= 0 and not taken[t]:
            if lower[t] not in JOINERS:
                if not fuzzy_word(lower[t]):
                    break
                found.add(t)
                words += 1
                if words == 3:
                    break
            if brk[t]:
                break
            t -= 1
    return sorted(found)


_POPCOUNT = np.array([bin(b).count("1") for b in range(1 << 16)], dtype=np.uint8)


def char_classes(texts: Sequence[str]) -> np.ndarray:
    """One 32-bit mask per text: a bit for each class of characters it holds (code point mod
    32: the letters get one each)."""
    masks = [0] * len(texts)
    for k, text in enumerate(texts):
        for ch in set(text):
            masks[k] |= 1 << (ord(ch) & 31)
    return np.array(masks, dtype=np.uint32)


def within_reach(grams: np.ndarray, choices: np.ndarray) -> np.ndarray:
    """Whether each gram (row) may be within 2 edits of each choice (column), by classes.

    A substitution changes whether a text holds a class for two classes at most, an insertion
    or a deletion for one, a swap of neighbours for none: texts 2 edits apart differ in 4
    classes at most. Counting the differing classes is far cheaper than an edit distance.
    """
    halves = (grams[:, None] ^ choices[None, :]).view(np.uint16)
    return _POPCOUNT[halves[..., 0::2]] + _POPCOUNT[halves[..., 1::2]] <= 4


def _several_words(toks: TokenTable, i: int, j: int) -> bool:
    return sum(1 for t in range(i, j) if toks.lower[t] not in ("-", ".")) > 1


def _short_last_word(name: str) -> str:
    """The last word of a name of several words when it has 3 letters or fewer, lowercase
    ("ml" of "Core ML", "js" of "Vue JS"); else ""."""
    words = name.split()
    last = words[-1].lower() if len(words) > 1 else ""
    return last if len(last) <= 3 and last.isalnum() else ""
