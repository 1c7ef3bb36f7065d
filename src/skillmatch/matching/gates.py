"""Context gates of ambiguous aliases: what must or must not stand near a mention to count.

An alias may need a context word nearby ("Go" near programming words), or a skill of a category
(``@programming``); it may be vetoed by a word just before or after it ("Go" + "-to"), or by a
word nearby ("GCP" near "clinical"); and it never matches tokens cut out of a longer word.

**Technical context.** Tool names are often ordinary words, names or acronyms too: "red pandas",
"Taught Kafka, Orwell and Woolf", "Vue Cinemas", "MSK physiotherapist", "galaxy redshift",
"Chroma key". What such a look-alike lacks is technical text around it. ``@technical`` in a
context stands for the taxonomy's technical words and any other skill nearby; a finer term
(evidence) that the taxonomy gives no context of its own is held to it when it may be something
else (:func:`needs_technical_context`): an ordinary English word or name, a short acronym, a
proper name written in lowercase, or a misspelling.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from skillmatch.matching.candidates import RawMention
from skillmatch.taxonomy import Alias, TechnicalContext
from skillmatch.text import TokenTable
from skillmatch.vocabulary import english_zipf

__all__ = [
    "TECHNICAL",
    "ContextCheck",
    "category_gates",
    "has_category_gate",
    "local_gates_pass",
    "needs_technical_context",
    "words_near",
]

TECHNICAL = "@technical"
"""In a context: a technical word of the taxonomy, or any other skill, nearby."""
_ANY = "*"  # a category of '@' that every skill has
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*$")


def needs_technical_context(alias: Alias, settings: TechnicalContext) -> bool:
    """Whether a finer term (an evidence term) that has no context of its own may be something
    else than the tool: an ordinary English word or name ("pandas", "Kafka", "React": wordfreq
    Zipf at least ``settings.ordinary_zipf``) or a short acronym ("MSK", "GCS").

    >>> from skillmatch.taxonomy import Alias, TechnicalContext
    >>> [needs_technical_context(Alias(text=t), TechnicalContext()) for t in ("Kafka", "SageMaker")]
    [True, False]
    """
    text = alias.text
    if alias.context or " " in text:
        return False
    if _ACRONYM.match(text) and sum(c.isalpha() for c in text) <= settings.acronym_length:
        return True
    return english_zipf(text.lower()) >= settings.ordinary_zipf


def lowercase_name(m: RawMention, text: str) -> bool:
    """Whether a case-insensitive one-word name with capitals ("Redshift") is written in
    lowercase ("galaxy redshift")."""
    alias = m.entry.alias if m.entry else None
    return bool(
        alias
        and not alias.case_sensitive
        and " " not in alias.text
        and alias.text != alias.text.lower()
        and text[m.start : m.end].islower()
    )


@dataclass(frozen=True)
class ContextCheck:
    """The taxonomy's technical words and window: what ``@technical`` stands for."""

    words: tuple[str, ...]
    window: int
    _compiled: dict[tuple[str, ...], _Context] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, settings: TechnicalContext) -> ContextCheck:
        return cls(tuple(settings.words), settings.window)

    def compiled(self, context: list[str]) -> _Context:
        """``context`` expanded, as exact words, prefixes and categories (made once)."""
        key = tuple(context)
        found = self._compiled.get(key)
        if found is None:
            words = self.expand(context)
            plain = [w for w in words if not w.endswith("*") and w[0] != "@"]
            found = self._compiled[key] = _Context(
                frozenset(w.lower() for w in plain if not _capitals(w)),
                frozenset(w for w in plain if _capitals(w)),
                tuple(w[:-1].lower() for w in words if w.endswith("*")),
                frozenset(w[1:] for w in words if w.startswith("@")),
            )
        return found

    def expand(self, context: Iterable[str]) -> list[str]:
        """``context`` with ``@technical`` replaced by the technical words and any skill."""
        out: list[str] = []
        for word in context:
            out += [*self.words, "@" + _ANY] if word == TECHNICAL else [word]
        return out

    def neighbours(
        self, categories_of: Mapping[str, frozenset[str]], accepted: Iterable[RawMention]
    ) -> Neighbours:
        """The accepted skill mentions, to ask what is near."""
        return Neighbours(categories_of, accepted)

    def holds(
        self,
        context: list[str],
        window: int,
        toks: TokenTable,
        first: tuple[int, int],
        second: tuple[int, int] | None,
        near: Neighbours,
        target: str,
    ) -> bool:
        """Whether ``context`` is met within ``window`` tokens of the span ``first`` (a
        mention), or of two spans and between them (an action and its object): their own
        words do not count."""
        ctx = self.compiled(context)
        spans = sorted([first, second]) if second else [first]
        i, j = spans[0][0], spans[-1][1]
        at = [*range(max(0, i - window), i), *range(j, min(len(toks), j + window))]
        if second:
            at += range(spans[0][1], spans[1][0])
        return ctx.any_of(toks, at) or bool(
            ctx.categories and near.vouches(ctx.categories, window, i, j, target)
        )


def _capitals(word: str) -> bool:
    """An acronym in capitals ("IT", "REST", "ML") is matched as written: lowercased, it is an
    ordinary word ("it", "rest") or a unit (a millilitre)."""
    return len(word) > 1 and word.isupper()


@dataclass(frozen=True)
class _Context:
    exact: frozenset[str]  # lowercase
    capitals: frozenset[str]  # as written
    prefixes: tuple[str, ...]
    categories: frozenset[str]

    def any_of(self, toks: TokenTable, at: list[int]) -> bool:
        lower = [toks.lower[k] for k in at]
        if not self.exact.isdisjoint(lower):
            return True
        if self.capitals and not self.capitals.isdisjoint(toks.orth[k] for k in at):
            return True
        prefixes = self.prefixes
        return bool(prefixes) and any(w.startswith(prefixes) for w in lower)


def local_gates_pass(m: RawMention, toks: TokenTable) -> bool:
    """Apply an alias's not_before / not_after / not_near gates, and word context if it has no
    '@' gate."""
    alias = m.entry.alias if m.entry else None
    if alias is None:
        return True
    if _glued(toks, m.i, m.j) or _compound_tail(toks, m.i, alias.text):
        return False
    lower = toks.lower
    if alias.not_before and m.j < len(toks) and lower[m.j] in alias.not_before:
        return False
    if alias.not_after and m.i > 0 and lower[m.i - 1] in alias.not_after:
        return False
    if alias.not_near and words_near(alias.not_near, alias.window, toks, m.i, m.j):
        return False
    if alias.context and not has_category_gate(m):
        return words_near(alias.context, alias.window, toks, m.i, m.j)
    return True


def _glued(toks: TokenTable, i: int, j: int) -> bool:
    """Whether tokens ``i..j-1`` are cut out of a longer word: spaCy splits units off numbers,
    so "S3G" gives the tokens "S3" and "G", and S3 is not named there."""
    text, starts, ends = toks.text, toks.starts, toks.ends
    return (
        i > 0
        and starts[i] == ends[i - 1]
        and text[starts[i] - 1].isalnum()
        and text[starts[i]].isalnum()
    ) or (
        j < len(starts)
        and starts[j] == ends[j - 1]
        and text[ends[j - 1] - 1].isalnum()
        and text[starts[j]].isalnum()
    )


def _compound_tail(toks: TokenTable, i: int, alias: str) -> bool:
    """Whether token ``i`` ends a hyphenated compound ("cutting-edge AI" holds no "Edge AI"):
    the token before it is a hyphen glued to it and to a word."""
    if i < 2 or toks.lower[i - 1] != "-" or alias.startswith("-"):
        return False
    starts, ends, text = toks.starts, toks.ends, toks.text
    return (
        starts[i] == ends[i - 1]
        and starts[i - 1] == ends[i - 2]
        and text[ends[i - 2] - 1].isalnum()
    )


def words_near(words: list[str], window: int, toks: TokenTable, i: int, j: int) -> bool:
    """Whether one of ``words`` (a trailing '*' makes a prefix; '@category' ones are skipped)
    occurs within ``window`` tokens of tokens ``i..j-1``."""
    words = [w for w in words if not w.startswith("@")]
    if not words:
        return False
    lo, hi = max(0, i - window), min(len(toks), j + window)
    return _any_of(words, toks.lower[lo:i] + toks.lower[j:hi])


def category_gates(
    categories_of: Mapping[str, frozenset[str]],
    toks: TokenTable,
    chosen: list[RawMention],
    technical: ContextCheck,
) -> list[RawMention]:
    """Keep mentions gated by '@category' (or ``@technical``) when such a skill, or a context
    word, is near; a misspelt finer term, or one that is a proper name written in lowercase
    ("galaxy redshift"), is held to ``@technical`` when it has no context of its own.

    Gated mentions may vouch for each other ("Python, Go, Rust"), so this runs to a fixpoint;
    accepted mentions are kept sorted by position so each check looks only at its window. Two
    tools held to ``@technical`` vouch for each other ("Kafka and Airflow"): two look-alikes of
    two tools side by side are rare.
    """
    contexts = {id(m): _context(m, toks.text) for m in chosen}
    accepted = [m for m in chosen if contexts[id(m)] is None]
    pending = [m for m in chosen if contexts[id(m)] is not None]
    if not pending:
        return accepted
    paired = _paired_tools([m for m in pending if contexts[id(m)] == [TECHNICAL]], technical)
    accepted += paired
    pending = [m for m in pending if id(m) not in {id(p) for p in paired}]
    near = Neighbours(categories_of, accepted)
    changed = True
    while pending and changed:
        changed = False
        still: list[RawMention] = []
        for m in pending:
            assert m.entry is not None
            context = contexts[id(m)] or []
            window = m.entry.alias.window if m.entry.alias.context else technical.window
            if technical.holds(context, window, toks, (m.i, m.j), None, near, m.target):
                accepted.append(m)
                near.add(m)
                changed = True
            else:
                still.append(m)
        pending = still
    return accepted


def _paired_tools(mentions: list[RawMention], technical: ContextCheck) -> list[RawMention]:
    """The mentions with another tool (elsewhere, of another name) within the technical window."""
    mentions = sorted(mentions, key=lambda m: m.i)
    paired: dict[int, RawMention] = {}
    for k, m in enumerate(mentions):
        for other in mentions[k + 1 :]:
            if other.i - m.j > technical.window:
                break
            if other.i >= m.j and other.matched.lower() != m.matched.lower():
                paired[id(m)] = m
                paired[id(other)] = other
                break
    return list(paired.values())


def _context(m: RawMention, text: str) -> list[str] | None:
    """The context a mention must find in ``category_gates``; None when it needs none there."""
    if m.entry is None:
        return None
    if has_category_gate(m):
        return m.entry.alias.context
    misspelt_or_lowercase = m.method == "fuzzy" or lowercase_name(m, text)
    if m.entry.evidence and not m.entry.alias.context and misspelt_or_lowercase:
        return [TECHNICAL]
    return None


def has_category_gate(m: RawMention) -> bool:
    return bool(m.entry and any(w.startswith("@") for w in m.entry.alias.context))


def _any_of(words: list[str], tokens: list[str]) -> bool:
    exact = {w.lower() for w in words if not w.endswith("*") and not w.startswith("@")}
    prefixes = tuple(w[:-1].lower() for w in words if w.endswith("*"))
    return any(w in exact or (prefixes and w.startswith(prefixes)) for w in tokens)


class Neighbours:
    """Accepted mentions by token position, to ask "is a skill of these categories near?"."""

    def __init__(
        self, categories_of: Mapping[str, frozenset[str]], accepted: Iterable[RawMention]
    ) -> None:
        self.categories_of = categories_of
        self.items = sorted((m.i, m.j, m.target) for m in accepted if not m.signal)
        self.starts = [i for i, _, _ in self.items]
        self.span = max((j - i for i, j, _ in self.items), default=1)

    def add(self, m: RawMention) -> None:
        k = bisect_left(self.starts, m.i)
        self.starts.insert(k, m.i)
        self.items.insert(k, (m.i, m.j, m.target))
        self.span = max(self.span, m.j - m.i)

    def vouches(self, cats: frozenset[str], window: int, i: int, j: int, target: str) -> bool:
        """Whether a mention of another skill of ``cats`` ('*': any) is within ``window`` tokens
        of tokens ``i..j-1``."""
        lo = bisect_left(self.starts, i - window - self.span)
        hi = bisect_left(self.starts, j + window)
        for _, oj, other in self.items[lo:hi]:
            if other == target or oj <= i - window:
                continue
            if _ANY in cats or self.categories_of.get(other, frozenset()) & cats:
                return True
        return False
