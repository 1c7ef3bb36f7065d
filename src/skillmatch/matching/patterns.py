"""Token patterns of described work: words that occur in order inside one sentence.

"deployed the models to production" matches the steps ``[[deploy*], [production, prod]]``: each
step's token is the first one after the last step's that hits it, within the pattern's window and
in the same sentence. A pattern reports each step's token as a mention (method ``pattern``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from skillmatch.matching.candidates import STEPS, Occurrences, RawMention, pattern_mention
from skillmatch.matching.words import SENTENCE_END
from skillmatch.taxonomy import TermPattern
from skillmatch.text import TokenTable

__all__ = ["Pattern", "PatternTables", "add_patterns", "compile_pattern"]

Step = tuple[frozenset[str], tuple[str, ...]]
"""A step's exact lowercase words and its lowercase prefixes (from words ending in '*')."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """A skill's or signal's :class:`~skillmatch.taxonomy.TermPattern`, compiled."""

    target: str
    signal: bool
    rule: TermPattern
    steps: tuple[Step, ...]


def compile_pattern(target: str, signal: bool, rule: TermPattern) -> Pattern:
    """Compile ``rule`` of the skill or signal ``target``."""
    steps = []
    for words in rule.steps:
        exact = frozenset(w.lower() for w in words if not w.endswith("*"))
        prefixes = tuple(w[:-1].lower() for w in words if w.endswith("*"))
        steps.append((exact, prefixes))
    return Pattern(target, signal, rule, tuple(steps))


@dataclass
class PatternTables:
    """The compiled patterns, and their steps numbered globally (in pattern order) so that a
    word's facts can name the steps it hits. The look-up tables are made on first use."""

    patterns: list[Pattern]

    @cached_property
    def step_ids(self) -> list[tuple[int, ...]]:
        """The global ids of each pattern's steps, in step order."""
        ids: list[tuple[int, ...]] = []
        first = 0
        for pat in self.patterns:
            ids.append(tuple(range(first, first + len(pat.steps))))
            first += len(pat.steps)
        return ids

    @cached_property
    def step_sets(self) -> list[frozenset[int]]:
        """The same ids as sets."""
        return [frozenset(i) for i in self.step_ids]

    @cached_property
    def _by_word(
        self,
    ) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]], tuple[int, ...]]:
        # Step ids by exact word and by word prefix ("deploy*"): a new word is looked up once
        # per prefix length instead of being tried against every step.
        of_word: dict[str, set[int]] = defaultdict(set)
        of_prefix: dict[str, set[int]] = defaultdict(set)
        all_steps = [step for pat in self.patterns for step in pat.steps]
        for k, (exact, prefixes) in enumerate(all_steps):
            for w in exact:
                of_word[w].add(k)
            for pre in prefixes:
                of_prefix[pre].add(k)
        return (
            {w: frozenset(ks) for w, ks in of_word.items()},
            {pre: frozenset(ks) for pre, ks in of_prefix.items()},
            tuple(sorted({len(pre) for pre in of_prefix})),
        )

    def steps_of(self, word: str) -> frozenset[int]:
        """The ids of the steps that the (lowercase) ``word`` hits."""
        of_word, of_prefix, lengths = self._by_word
        steps = of_word.get(word, frozenset())
        for n in lengths:
            if n > len(word):
                break
            steps = steps | of_prefix.get(word[:n], frozenset())
        return steps


def add_patterns(
    tables: PatternTables, toks: TokenTable, skills: list[RawMention], occurrences: Occurrences
) -> tuple[list[RawMention], list[RawMention]]:
    """Match token patterns; each pattern reports its step tokens as non-overlapping evidence."""
    taken_by: dict[int, str] = {}
    for m in skills:
        for t in range(m.i, m.j):
            taken_by[t] = m.target
    signals: list[RawMention] = []
    found_at = _token_steps(occurrences)
    for pat, ids, id_set in zip(tables.patterns, tables.step_ids, tables.step_sets, strict=True):
        # A match, in either order, has a token for every step.
        if not ids or not found_at.keys() >= id_set:
            continue
        for positions in _pattern_matches(pat, ids, toks, found_at):
            free = [p for p in positions if pat.signal or taken_by.get(p, pat.target) == pat.target]
            if not free:
                continue
            for p in free:
                m = pattern_mention(pat.target, toks, p, pat.rule.id, signal=pat.signal)
                if pat.signal:
                    signals.append(m)
                elif p not in taken_by:
                    taken_by[p] = pat.target
                    skills.append(m)
    return skills, signals


def _token_steps(occurrences: Occurrences) -> dict[int, list[int]]:
    """Return the tokens (in order) that hit each step id, for the step ids hit at all."""
    found_at: dict[int, list[int]] = defaultdict(list)
    for t, facts in zip(*occurrences.where(STEPS), strict=True):
        for k in facts.steps:
            found_at[k].append(t)
    return found_at


def _pattern_matches(
    pat: Pattern, ids: tuple[int, ...], toks: TokenTable, found_at: dict[int, list[int]]
) -> list[list[int]]:
    found = _ordered_matches(ids, pat.rule.window, toks, found_at)
    if pat.rule.unordered and len(pat.steps) > 1:
        found += [m for m in _ordered_matches(ids[::-1], pat.rule.window, toks, found_at) if m]
    return found


def _ordered_matches(
    ids: Sequence[int], window: int, toks: TokenTable, found_at: dict[int, list[int]]
) -> list[list[int]]:
    """Matches of the steps in this order: each step's token is the first one hitting it after
    the previous step's, within ``window`` tokens between them and in the same sentence."""
    lower, brk = toks.lower, toks.brk
    results: list[list[int]] = []
    after = 0  # a match resumes the search after its last token
    for i in found_at[ids[0]]:
        if i < after:
            continue
        positions = [i]
        pos = i
        for step in ids[1:]:
            tokens = found_at[step]
            x = bisect_right(tokens, pos)
            if x == len(tokens) or tokens[x] > pos + window + 1:
                break
            k = tokens[x]
            # No sentence end or line break up to and including the step's token.
            if any(brk[pos + 1 : k + 1]) or not SENTENCE_END.isdisjoint(lower[pos + 1 : k + 1]):
                break
            positions.append(k)
            pos = k
        if len(positions) == len(ids):
            results.append(positions)
            after = pos + 1
    return results
