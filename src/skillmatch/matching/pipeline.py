"""Find the skill and signal mentions of one text: the matching passes, in order.

1. exact phrases (case-insensitive, or case-sensitive where the alias says so);
2. a normalized form without spaces, dots and hyphens ("Tensor Flow", "Kuber-netes");
3. overlaps resolve to the longest match ("Google Cloud Platform" over "Google Cloud");
4. context gates of ambiguous aliases ("Go" only near programming words);
5. fuzzy matching with rapidfuzz on what is left, never on ordinary English words;
6. described work: an action and its object in one clause ("deployed the models",
   "model deployment"), and token patterns ("deployed ... to production");
7. negation ("no Kubernetes needed") and other parties ("owned by a separate web team").
"""

from __future__ import annotations

from collections.abc import Iterable

from skillmatch.matching.candidates import Occurrences, RawMention
from skillmatch.matching.exact import exact_candidates, normalized_candidates
from skillmatch.matching.fuzzy import fuzzy_candidates
from skillmatch.matching.gates import category_gates, local_gates_pass
from skillmatch.matching.index import SkillIndex
from skillmatch.matching.patterns import add_patterns
from skillmatch.matching.status import set_statuses
from skillmatch.matching.work import add_work
from skillmatch.text import TokenTable

__all__ = ["find_mentions", "resolve_overlaps"]


def find_mentions(index: SkillIndex, toks: TokenTable) -> tuple[list[RawMention], list[RawMention]]:
    """Return ``(skill_mentions, signal_mentions)`` found in ``toks``, statuses set.

    Offsets are into the tokenized (normalized) text; the facade maps them to the original.
    """
    vocab = set(toks.lower)
    occurrences = Occurrences(toks.lower, index.facts(vocab))
    entries = index.entries
    candidates = exact_candidates(index.exact, entries, toks, occurrences)
    candidates += normalized_candidates(index.exact, entries, toks, occurrences)
    candidates = [c for c in candidates if local_gates_pass(c, toks)]
    # Skills and level signals are matched independently: a signal phrase ("strong Python")
    # must not hide the skill inside it.
    signals = resolve_overlaps([c for c in candidates if c.signal])
    chosen = resolve_overlaps([c for c in candidates if not c.signal])
    if index.use_fuzzy and index.fuzzy.choices:
        taken = _taken(chosen, len(toks))
        fuzzy = [
            c
            for c in fuzzy_candidates(index.fuzzy, entries, toks, taken, occurrences)
            if not c.signal and local_gates_pass(c, toks)
        ]
        chosen = resolve_overlaps(chosen + fuzzy)
    skills = category_gates(index.categories_of, toks, chosen, index.technical)
    skills = add_work(index.work, toks, skills, occurrences, index.categories_of)
    skills, pattern_signals = add_patterns(index.patterns, toks, skills, occurrences)
    signals += pattern_signals
    set_statuses(toks, vocab, skills + signals)
    skills.sort(key=lambda m: m.start)
    signals.sort(key=lambda m: m.start)
    return skills, signals


_METHOD_ORDER = {"exact": 0, "normalized": 1, "fuzzy": 2, "pattern": 3}


def resolve_overlaps(cands: list[RawMention]) -> list[RawMention]:
    """Keep the longest match wherever candidates overlap; ties go to the better method."""
    cands = sorted(
        cands,
        key=lambda c: (
            -(c.end - c.start),
            _METHOD_ORDER[c.method],
            -c.score,
            bool(c.entry and c.entry.evidence),
        ),
    )
    taken: set[int] = set()
    chosen: list[RawMention] = []
    spans: set[tuple[int, int]] = set()
    seen: set[tuple[int, int, str]] = set()
    for c in cands:
        key = (c.i, c.j, c.target)
        if key in seen:
            continue
        span = range(c.i, c.j)
        # The same span may stand for two skills (EKS: kubernetes and aws).
        if (c.i, c.j) not in spans and not taken.isdisjoint(span):
            continue
        seen.add(key)
        chosen.append(c)
        spans.add((c.i, c.j))
        taken.update(span)
    return chosen


def _taken(chosen: Iterable[RawMention], n: int) -> list[bool]:
    taken = [False] * n
    for m in chosen:
        for t in range(m.i, m.j):
            taken[t] = True
    return taken
