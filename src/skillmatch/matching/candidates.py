"""The pieces every matching pass shares: compiled entries, raw mentions, per-word facts.

A pass reads a text as a :class:`~skillmatch.text.TokenTable`. What it needs to know of each
distinct word is worked out once per word (:class:`WordFacts`, kept in a :class:`WordCache`), and
the tokens whose word matters to some pass are found by one C-level scan (:class:`Occurrences`).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Generic, TypeVar

from skillmatch.models import Method, Status
from skillmatch.taxonomy import Alias
from skillmatch.text import TokenTable

__all__ = [
    "EXACT",
    "LEMMAS",
    "NORM_START",
    "STEPS",
    "UNCOMMON",
    "Entry",
    "Occurrences",
    "RawMention",
    "WordCache",
    "WordFacts",
    "make_mention",
    "pattern_mention",
    "positions",
]

_V = TypeVar("_V")


class WordCache(Generic[_V]):
    """A per-word value, cached so that a text's words are looked up by set operations.

    Each matching pass asks one question of every token ("does this word start a normalized
    key?"); asked per token in Python, that costs more than the matching that follows. Asked
    once per distinct word and remembered, a text needs one set operation, and a C-level scan
    (:func:`positions`) finds the tokens whose word has a value.
    """

    __slots__ = ("_limit", "_state")

    def __init__(self, limit: int = 200_000) -> None:
        self._limit = limit
        # (words seen, the values of those with one); replaced, never cleared, when full, so
        # a thread matching meanwhile keeps a consistent state.
        self._state: tuple[set[str], dict[str, _V]] = (set(), {})

    def values(self, vocab: set[str], compute: Callable[[str], _V | None]) -> dict[str, _V]:
        """Return the values of the words that have one (``compute`` is not None), by word:
        those of ``vocab`` and of words seen before; ``compute`` runs only for the words never
        seen. Not narrowed to ``vocab``: the text's tokens are looked up in it just as fast."""
        seen, values = self._state
        new = vocab.difference(seen)
        if new:
            if len(seen) > self._limit:
                seen, values = self._state = (set(), {})
                new = vocab
            for word in new:
                value = compute(word)
                if value is not None:
                    values[word] = value
            seen.update(new)  # after ``values``: a word seen is already classified
        return values


def positions(words: Sequence[str], wanted: Container[str]) -> list[int]:
    """The indices of the ``words`` that are in ``wanted``, found without a Python loop."""
    return list(compress(range(len(words)), map(wanted.__contains__, words)))


@dataclass(frozen=True, slots=True)
class WordFacts:
    """What the passes need to know of a word that one of them may start from."""

    exact: bool  # the lowercase first word of some exact phrase
    norm_start: str  # the word stripped, if that starts a normalized key; else ""
    steps: frozenset[int]  # the ids of the pattern steps it hits
    uncommon: bool  # may be part of a fuzzy gram, and is not an ordinary English word
    lemmas: frozenset[int]  # the ids of the work rules' lemmas it is a form of


EXACT = attrgetter("exact")
LEMMAS = attrgetter("lemmas")
NORM_START = attrgetter("norm_start")
STEPS = attrgetter("steps")
UNCOMMON = attrgetter("uncommon")


class Occurrences:
    """The tokens of a text whose word has facts, with those facts.

    A C-level scan costs about as much as the Python loop it replaces would for a tenth of the
    tokens: touching every token's word is the cost, not the set it is looked up in. So the
    tokens are scanned once for all the passes; each pass then selects its tokens among the
    few found, by one of the facts (:meth:`where`), again without a Python loop.
    """

    __slots__ = ("_at", "_facts")

    def __init__(self, lower: Sequence[str], facts: dict[str, WordFacts]) -> None:
        self._at = positions(lower, facts)
        self._facts = list(map(facts.__getitem__, map(lower.__getitem__, self._at)))

    def where(self, fact: Callable[[WordFacts], object]) -> tuple[list[int], list[WordFacts]]:
        """The tokens, in order, whose word has a true ``fact``, and their words' facts."""
        keep = list(map(fact, self._facts))
        return list(compress(self._at, keep)), list(compress(self._facts, keep))


@dataclass(frozen=True, slots=True)
class Entry:
    """One alias, evidence term or pattern of a skill or signal, compiled."""

    target: str
    alias: Alias
    evidence: bool
    signal: bool
    fuzzy: bool


@dataclass(slots=True)
class RawMention:
    """A mention before it is turned into a model: token span, char span, how it matched."""

    target: str
    i: int
    j: int
    start: int
    end: int
    matched: str
    method: Method
    score: float
    signal: bool = False
    entry: Entry | None = None
    status: Status = "counted"


def make_mention(
    entry: Entry, toks: TokenTable, i: int, j: int, method: Method, score: float
) -> RawMention:
    """Return the mention of ``entry`` on tokens ``i..j-1``; an evidence term scores 0.9 at most,
    and a match that is not exact loses the punctuation glued to its edges."""
    if entry.evidence:
        score = min(score, 0.9)
    start, end = toks.starts[i], toks.ends[j - 1]
    if method != "exact":
        start, end = _trim(toks.text, start, end, entry.alias.text)
    return RawMention(
        target=entry.target,
        i=i,
        j=j,
        start=start,
        end=end,
        matched=entry.alias.text,
        method=method,
        score=score,
        signal=entry.signal,
        entry=entry,
    )


def pattern_mention(
    target: str, toks: TokenTable, t: int, rule_id: str, *, signal: bool = False
) -> RawMention:
    """Return the mention of token ``t`` as a word of the pattern or work rule ``rule_id``
    (method ``pattern``, confidence 0.8)."""
    return RawMention(
        target=target,
        i=t,
        j=t + 1,
        start=toks.starts[t],
        end=toks.ends[t],
        matched=f"pattern:{rule_id}",
        method="pattern",
        score=0.8,
        signal=signal,
    )


_EDGE_PUNCT = "./-_:,; \t\n\r\u00a0"


def _trim(text: str, start: int, end: int, alias: str) -> tuple[int, int]:
    """Drop punctuation that a joined token carries at the edges ("EKS." -> "EKS")."""
    while end - start > 1 and text[end - 1] in _EDGE_PUNCT and not alias.endswith(text[end - 1]):
        end -= 1
    while end - start > 1 and text[start] in _EDGE_PUNCT and not alias.startswith(text[start]):
        start += 1
    return start, end
