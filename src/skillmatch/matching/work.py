"""Described work: a clause that pairs an action with an object of the right kind.

"Deployed the models", "deployment of ML models", "models are deployed", "model deployment",
"took the service to production": each pairs an action (deploy, take) with an object (model,
"to production") in one clause. A skill's :class:`~skillmatch.taxonomy.WorkRule` names them as
lemmas or ``@families`` (of the taxonomy's ``work`` settings); a word stands for a lemma when
spaCy's lemmatizer says so (:mod:`~skillmatch.matching.lemmas`), so every inflection counts and
a nominalization is a lemma of its own. The two may come in either order (or the action first,
where the rule says), at most ``window`` tokens apart, with no sentence end, line break or
clause break (";", "which", "while", ...) between them. A rule may also ask for context nearby
(``@technical``: a technical word or another skill). Each word of the action and the object is
reported as evidence (method ``pattern``, ``matched`` = ``pattern:<rule id>``).

An action word that is part of another skill's mention does not count: "continuous deployment
pipelines" are CI/CD, not a deployment of models.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from skillmatch.matching.candidates import LEMMAS, Occurrences, RawMention
from skillmatch.matching.gates import ContextCheck
from skillmatch.matching.lemmas import forms_of
from skillmatch.matching.words import SENTENCE_END
from skillmatch.taxonomy import Taxonomy, WorkRule
from skillmatch.text import TokenTable, tokenize_phrases

__all__ = ["Terms", "WorkPattern", "WorkTables", "add_work"]

Terms = dict[int, tuple[tuple[int, ...], ...]]
"""Phrases of lemmas by the id of their first lemma: the ids of the rest, longest first."""

_SKIPPED = "-"  # "roll-out" is "roll out", "fine-tune" is "fine tune"


@dataclass(frozen=True)
class WorkPattern:
    """One skill's :class:`~skillmatch.taxonomy.WorkRule`, compiled."""

    target: str
    rule: WorkRule
    actions: Terms
    objects: Terms
    not_objects: Terms
    window: int
    window_before: int


@dataclass
class WorkTables:
    """The compiled rules of described work, and the words that stand for their lemmas."""

    patterns: list[WorkPattern]
    forms: dict[str, frozenset[int]]  # word -> ids of the lemmas it is a form of
    clause_breaks: frozenset[str]
    adjuncts: frozenset[str]  # words that open an adjunct
    context: ContextCheck
    nominal: frozenset[str]  # the words whose lemmas are all action nouns
    _empty: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def build(cls, taxonomy: Taxonomy, nlp: Language, context: ContextCheck) -> WorkTables:
        """Compile the work rules of ``taxonomy``'s skills with ``nlp``'s tokenizer."""
        settings = taxonomy.work
        rules = [(skill.id, rule) for skill in taxonomy.skills for rule in skill.work]
        texts: set[str] = set()
        for _, rule in rules:
            for term in (*rule.actions, *rule.objects, *rule.not_objects):
                texts.update(settings.families[term[1:]] if term.startswith("@") else [term])
        tokenized = tokenize_phrases(nlp, texts)
        phrases = {
            text: tuple(t.lower() for t in tokens if t != _SKIPPED)
            for text, tokens in tokenized.items()
        }
        lemma_ids: dict[str, int] = {}
        for words in phrases.values():
            for w in words:
                lemma_ids.setdefault(w, len(lemma_ids))

        def compile_terms(terms: list[str]) -> Terms:
            grouped: dict[int, set[tuple[int, ...]]] = defaultdict(set)
            for term in terms:
                for text in settings.families[term[1:]] if term.startswith("@") else [term]:
                    ids = tuple(lemma_ids[w] for w in phrases[text])
                    if ids:
                        grouped[ids[0]].add(ids[1:])
            return {
                first: tuple(sorted(rests, key=len, reverse=True))
                for first, rests in grouped.items()
            }

        patterns = [
            WorkPattern(
                target,
                rule,
                compile_terms(rule.actions),
                compile_terms(rule.objects),
                compile_terms(rule.not_objects),
                settings.window if rule.window is None else rule.window,
                -1 if rule.order == "action-first" else settings.window_before,
            )
            for target, rule in rules
        ]
        forms: dict[str, frozenset[int]] = {}
        nominal: set[str] = set()
        suffixes = tuple(settings.nominal_suffixes)
        if lemma_ids:
            for word, lemmas in forms_of(lemma_ids).items():
                forms[word] = frozenset(lemma_ids[lemma] for lemma in lemmas)
                if suffixes and all(lemma.endswith(suffixes) for lemma in lemmas):
                    nominal.add(word)
        breaks = frozenset(w.lower() for w in settings.clause_breaks)
        adjuncts = frozenset(w.lower() for w in settings.adjuncts)
        return cls(patterns, forms, breaks, adjuncts, context, frozenset(nominal))

    def lemma_ids(self, word: str) -> frozenset[int]:
        """The ids of the rules' lemmas that the (lowercase) ``word`` is a form of."""
        return self.forms.get(word, self._empty)


Span = tuple[int, int]


def add_work(
    tables: WorkTables,
    toks: TokenTable,
    skills: list[RawMention],
    occurrences: Occurrences,
    categories_of: Mapping[str, frozenset[str]],
) -> list[RawMention]:
    """Add the mentions of described work to ``skills`` (and return it)."""
    if not tables.patterns:
        return skills
    at, facts = occurrences.where(LEMMAS)
    if not at:
        return skills
    lemmas = dict(zip(at, (f.lemmas for f in facts), strict=True))
    taken_by: dict[int, str] = {}
    for m in skills:
        for t in range(m.i, m.j):
            taken_by[t] = m.target
    found = [m for m in skills if not m.signal]
    near = tables.context.neighbours(categories_of, found)
    reported: set[tuple[int, str]] = set()
    for pat in tables.patterns:
        not_after, not_before = pat.rule.not_after, pat.rule.not_before
        actions = [
            s
            for s in _spans(pat.actions, at, lemmas, toks.lower)
            if all(taken_by.get(t, pat.target) == pat.target for t in range(*s))
            and not (not_after and _word_before(toks, s[0]) in not_after)
            and not (not_before and s[1] < len(toks) and toks.lower[s[1]] in not_before)
        ]
        if not actions:
            continue
        objects = _spans(pat.objects, at, lemmas, toks.lower)
        if pat.not_objects and objects:
            blocked = {
                t for s in _spans(pat.not_objects, at, lemmas, toks.lower) for t in range(*s)
            }
            objects = [s for s in objects if blocked.isdisjoint(range(*s))]
        for action, obj in _pairs(pat, actions, objects, toks, tables):
            lo, hi = min(action[0], obj[0]), max(action[1], obj[1])
            context = pat.rule.context
            if context and not tables.context.holds(
                context, pat.rule.context_window, toks, lo, hi, near, pat.target, inside=True
            ):
                continue
            for t in (*range(*action), *range(*obj)):
                if (t, pat.target) in reported or taken_by.get(t, pat.target) != pat.target:
                    continue
                if t in taken_by or toks.lower[t] == _SKIPPED:
                    continue  # its own alias already shows this word
                reported.add((t, pat.target))
                skills.append(
                    RawMention(
                        target=pat.target,
                        i=t,
                        j=t + 1,
                        start=toks.starts[t],
                        end=toks.ends[t],
                        matched=f"pattern:{pat.rule.id}",
                        method="pattern",
                        score=0.8,
                    )
                )
    return skills


def _spans(
    terms: Terms, at: Sequence[int], lemmas: dict[int, frozenset[int]], lower: list[str]
) -> list[Span]:
    """The token spans, in order, where a phrase of ``terms`` starts (the longest there)."""
    out: list[Span] = []
    n = len(lower)
    for t in at:
        firsts = terms.keys() & lemmas[t]
        if not firsts:
            continue
        best = 0
        for first in firsts:
            for rest in terms[first]:
                k = t + 1
                for lemma in rest:
                    while k < n and lower[k] == _SKIPPED:
                        k += 1
                    if k < n and lemma in lemmas.get(k, ()):
                        k += 1
                    else:
                        break
                else:
                    best = max(best, k)
                    break
        if best:
            out.append((t, best))
    return out


def _pairs(
    pat: WorkPattern, actions: list[Span], objects: list[Span], toks: TokenTable, tables: WorkTables
) -> list[tuple[Span, Span]]:
    """Each action with its nearest object in the same clause, within the window.

    An object directly followed by a glued hyphen modifies what follows ("LLM-powered apps"),
    and an action noun directly before an object modifies it ("deployment pipelines"): no
    pair there.
    """
    if not objects:
        return []
    lower, starts_at, ends_at = toks.lower, toks.starts, toks.ends
    n = len(lower)
    objects = [
        o
        for o in objects
        if not (o[1] < n and lower[o[1]] == _SKIPPED and starts_at[o[1]] == ends_at[o[1] - 1])
    ]
    starts = [o[0] for o in objects]
    longest = max((o[1] - o[0] for o in objects), default=0)
    window, before = pat.window, pat.window_before
    breaks = tables.clause_breaks
    if not pat.rule.through_adjuncts:
        breaks = breaks | tables.adjuncts
    out: list[tuple[Span, Span]] = []
    for action in actions:
        a, b = action
        lo = bisect_left(starts, a - max(before, 0) - longest)
        hi = bisect_left(starts, b + window + 1)
        best: tuple[int, Span] | None = None
        for obj in objects[lo:hi]:
            if obj[1] <= a:  # before the action
                gap = a - obj[1]
                if gap > before or not _one_clause(toks, obj[1], a, breaks):
                    continue
            elif obj[0] >= b:  # after it
                gap = obj[0] - b
                if gap > window or not _one_clause(toks, b, obj[0], breaks):
                    continue
                if gap == 0 and lower[b - 1] in tables.nominal:
                    continue
            else:
                continue  # the same words
            if best is None or gap < best[0]:
                best = (gap, obj)
        if best is not None:
            out.append((action, best[1]))
    return out


def _word_before(toks: TokenTable, i: int) -> str:
    """The word before token ``i``, across a glued hyphen ("large-scale": large)."""
    k = i - 1
    if k > 0 and toks.lower[k] == _SKIPPED and toks.starts[i] == toks.ends[k]:
        k -= 1
    return toks.lower[k] if k >= 0 else ""


def _one_clause(toks: TokenTable, i: int, j: int, breaks: frozenset[str]) -> bool:
    """Whether tokens ``i..j-1`` (between two spans) hold no sentence or clause end, and no line
    break comes before token ``j``."""
    lower = toks.lower
    gap = lower[i:j]
    return not any(toks.brk[i : j + 1]) and SENTENCE_END.isdisjoint(gap) and breaks.isdisjoint(gap)
