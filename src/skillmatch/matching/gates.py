"""Context gates of ambiguous aliases: what must or must not stand near a mention to count.

An alias may need a context word nearby ("Go" near programming words), or a skill of a category
(``@programming``); it may be vetoed by a word just before or after it ("Go" + "-to"), or by a
word nearby ("GCP" near "clinical"); and it never matches tokens cut out of a longer word.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping

from skillmatch.matching.candidates import RawMention
from skillmatch.text import TokenTable

__all__ = ["category_gates", "has_category_gate", "local_gates_pass", "words_near"]


def local_gates_pass(m: RawMention, toks: TokenTable) -> bool:
    """Apply an alias's not_before / not_after / not_near gates, and word context if it has no
    '@' gate."""
    alias = m.entry.alias if m.entry else None
    if alias is None:
        return True
    if _glued(toks, m.i, m.j):
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


def words_near(words: list[str], window: int, toks: TokenTable, i: int, j: int) -> bool:
    """Whether one of ``words`` (a trailing '*' makes a prefix; '@category' ones are skipped)
    occurs within ``window`` tokens of tokens ``i..j-1``."""
    words = [w for w in words if not w.startswith("@")]
    if not words:
        return False
    lo, hi = max(0, i - window), min(len(toks), j + window)
    near = toks.lower[lo:i] + toks.lower[j:hi]
    exact = {w.lower() for w in words if not w.endswith("*")}
    prefixes = tuple(w[:-1].lower() for w in words if w.endswith("*"))
    return any(w in exact or (prefixes and w.startswith(prefixes)) for w in near)


def category_gates(
    categories_of: Mapping[str, frozenset[str]], toks: TokenTable, chosen: list[RawMention]
) -> list[RawMention]:
    """Keep mentions gated by '@category' when such a skill, or a context word, is near.

    Gated mentions may vouch for each other ("Python, Go, Rust"), so this runs to a fixpoint;
    accepted mentions are kept sorted by position so each check looks only at its window.
    """
    accepted = [m for m in chosen if not has_category_gate(m)]
    pending = [m for m in chosen if has_category_gate(m)]
    if not pending:
        return accepted
    near = _Neighbours(categories_of, accepted)
    changed = True
    while pending and changed:
        changed = False
        still: list[RawMention] = []
        for m in pending:
            assert m.entry is not None
            alias = m.entry.alias
            if near.vouches_for(m) or words_near(alias.context, alias.window, toks, m.i, m.j):
                accepted.append(m)
                near.add(m)
                changed = True
            else:
                still.append(m)
        pending = still
    return accepted


def has_category_gate(m: RawMention) -> bool:
    return bool(m.entry and any(w.startswith("@") for w in m.entry.alias.context))


class _Neighbours:
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

    def vouches_for(self, m: RawMention) -> bool:
        assert m.entry is not None
        alias = m.entry.alias
        cats = {w[1:] for w in alias.context if w.startswith("@")}
        lo = bisect_left(self.starts, m.i - alias.window - self.span)
        hi = bisect_left(self.starts, m.j + alias.window)
        for _, oj, target in self.items[lo:hi]:
            if target == m.target or oj <= m.i - alias.window:
                continue
            if self.categories_of.get(target, frozenset()) & cats:
                return True
        return False
