"""Described work: a clause that pairs an action with an object of the right kind.

"Deployed the models", "deployment of ML models", "models are deployed", "model deployment",
"took the service to production": each pairs an action (deploy, take) with an object (model,
"to production") in one clause. A skill's :class:`~skillmatch.taxonomy.WorkRule` names them as
lemmas or ``@families`` (of the taxonomy's ``work`` settings); a word stands for a lemma when
spaCy's lemmatizer says so (:mod:`~skillmatch.matching.lemmas`), so every inflection counts and
a nominalization is a lemma of its own. The two may come in either order (or the action first,
where the rule says), at most ``window`` words apart, with no sentence end, line break or
clause break (";", "which", "while", ...) between them. A rule may also ask for context nearby
(``@technical``: a technical word or another skill). Each word of the action and the object is
reported as evidence (method ``pattern``, ``matched`` = ``pattern:<rule id>``).

An action word that is part of another skill's mention does not count: "continuous deployment
pipelines" are CI/CD, not a deployment of models.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.language import Language

from skillmatch.matching.candidates import LEMMAS, Occurrences, RawMention, pattern_mention
from skillmatch.matching.gates import ContextCheck
from skillmatch.matching.lemmas import forms_of
from skillmatch.matching.words import SENTENCE_END
from skillmatch.taxonomy import Taxonomy, WorkRule
from skillmatch.text import TokenTable, tokenize_phrases
from skillmatch.vocabulary import STOP_WORDS

__all__ = ["Terms", "WorkPattern", "WorkTables", "add_work"]

Phrase = tuple[tuple[str, ...], tuple[int | str, ...]]
"""A phrase around its anchor lemma: the words before it, then the lemma ids of the words after
(a function word, such as "to" in "to production", is matched as written: it never inflects,
and so needs no place among the words a text's lemmas are looked up for)."""
Terms = dict[int, tuple[Phrase, ...]]
"""Phrases by the id of their anchor (first content) lemma, longest first."""

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
    coordination: frozenset[str] = frozenset()  # tokens that join coordinated words
    people: frozenset[str] = frozenset()  # the forms of nouns of people and groups
    enablers: frozenset[str] = frozenset()  # the forms of verbs that hand work to others
    own_parties: tuple[tuple[str, ...], ...] = ()  # who, after an enabler, is the text's own
    verbal: frozenset[str] = frozenset()  # "-ing" forms of lemmas that are not "-ing" words
    agents: frozenset[str] = frozenset()  # "-er" forms of lemmas that are not "-er" words
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
            anchor = _anchor(words)
            for k, w in enumerate(words):
                if k == anchor or (k > anchor and w not in STOP_WORDS):
                    lemma_ids.setdefault(w, len(lemma_ids))

        compiled: dict[tuple[str, ...], Terms] = {}

        def compile_terms(terms: list[str]) -> Terms:
            # Rules that name the same terms share one table: a text finds its spans once.
            key = tuple(terms)
            if key not in compiled:
                compiled[key] = _compile(terms)
            return compiled[key]

        def _compile(terms: list[str]) -> Terms:
            grouped: dict[int, set[Phrase]] = defaultdict(set)
            for term in terms:
                for text in settings.families[term[1:]] if term.startswith("@") else [term]:
                    words = phrases[text]
                    if not words:
                        continue
                    a = _anchor(words)
                    rest = tuple(lemma_ids.get(w, w) for w in words[a + 1 :])
                    grouped[lemma_ids[words[a]]].add((words[:a], rest))
            return {
                first: tuple(sorted(found, key=lambda p: len(p[0]) + len(p[1]), reverse=True))
                for first, found in grouped.items()
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
        verbal: set[str] = set()
        agents: set[str] = set()
        suffixes = tuple(settings.nominal_suffixes)
        if lemma_ids:
            for word, lemmas in forms_of(lemma_ids).items():
                forms[word] = frozenset(lemma_ids[lemma] for lemma in lemmas)
                if suffixes and all(lemma.endswith(suffixes) for lemma in lemmas):
                    nominal.add(word)
                if word.endswith("ing") and not any(lemma.endswith("ing") for lemma in lemmas):
                    verbal.add(word)
                if word.endswith(("er", "ers")) and not any(
                    lemma.endswith("er") for lemma in lemmas
                ):
                    agents.add(word)
        breaks = frozenset(w.lower() for w in settings.clause_breaks)
        adjuncts = frozenset(w.lower() for w in settings.adjuncts)
        people = (
            frozenset(forms_of(w.lower() for w in settings.people)) if patterns else frozenset()
        )
        enablers = (
            frozenset(forms_of(w.lower() for w in settings.enablers)) if patterns else frozenset()
        )
        own = tokenize_phrases(nlp, settings.own_parties)
        return cls(
            patterns,
            forms,
            breaks,
            adjuncts,
            context,
            frozenset(nominal),
            frozenset(w.lower() for w in settings.coordination),
            people,
            enablers,
            tuple(
                sorted({tuple(t.lower() for t in own[p]) for p in settings.own_parties if own[p]})
            ),
            frozenset(verbal),
            frozenset(agents),
        )

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
    by_lemma: dict[int, list[int]] = defaultdict(list)
    for t, ids in lemmas.items():
        for lemma in ids:
            by_lemma[lemma].append(t)
    spans_of: dict[int, list[Span]] = {}

    def spans(terms: Terms) -> list[Span]:
        key = id(terms)
        if key not in spans_of:
            spans_of[key] = _spans(terms, by_lemma, lemmas, toks.lower)
        return spans_of[key]

    taken_by: dict[int, str] = {}
    for m in skills:
        for t in range(m.i, m.j):
            taken_by[t] = m.target
    found = [m for m in skills if not m.signal]
    near = tables.context.neighbours(categories_of, found)
    reported: set[tuple[int, str]] = set()
    # The longest action at each place: "fine-tune" is a training, not a "tune" for speed.
    longest: dict[int, int] = {}
    for pat in tables.patterns:
        if not pat.actions.keys().isdisjoint(by_lemma):
            for a, b in spans(pat.actions):
                for t in range(a, b):
                    longest[t] = max(longest.get(t, 0), b - a)
    for pat in tables.patterns:
        if pat.actions.keys().isdisjoint(by_lemma):
            continue
        not_after, not_before = pat.rule.not_after, pat.rule.not_before
        # A thing done to is a noun: "software packaging", "computational modelling" are work;
        # and one who does is no thing nor action: "owner", "modeler".
        objects = [
            o
            for o in spans(pat.objects)
            if toks.lower[o[0]] not in tables.verbal and toks.lower[o[0]] not in tables.agents
        ]
        object_ends = {o[1] for o in objects}
        actions = [
            s
            for s in spans(pat.actions)
            if all(taken_by.get(t, pat.target) == pat.target for t in range(*s))
            and not (not_after and _word_before(toks, s[0]) in not_after)
            and not (not_before and s[1] < len(toks) and toks.lower[s[1]] in not_before)
            and not _handed_over(toks, s[0], tables)
            and all(longest[t] <= s[1] - s[0] for t in range(*s))
            and not _in_compound(toks, s)
            and not _names_people(toks, s, tables.people, object_ends)
            and toks.lower[s[0]] not in tables.agents
        ]
        if not actions:
            continue
        if pat.not_objects and objects:
            blocked = {t for s in spans(pat.not_objects) for t in range(*s)}
            objects = [s for s in objects if blocked.isdisjoint(range(*s))]
        for action, obj in _pairs(pat, actions, objects, toks, tables):
            context = pat.rule.context
            if context and not tables.context.holds(
                context, pat.rule.context_window, toks, action, obj, near, pat.target
            ):
                continue
            for t in (*range(*action), *range(*obj)):
                if (t, pat.target) in reported or taken_by.get(t, pat.target) != pat.target:
                    continue
                if t in taken_by or toks.lower[t] == _SKIPPED or toks.lower[t] in STOP_WORDS:
                    continue  # its own alias shows this word already, or it says nothing
                reported.add((t, pat.target))
                skills.append(pattern_mention(pat.target, toks, t, pat.rule.id))
    return skills


def _anchor(words: tuple[str, ...]) -> int:
    """The position of a phrase's first content word (its first word if it has none)."""
    return next((k for k, w in enumerate(words) if w not in STOP_WORDS), 0)


def _spans(
    terms: Terms,
    by_lemma: Mapping[int, list[int]],
    lemmas: Mapping[int, frozenset[int]],
    lower: list[str],
) -> list[Span]:
    """The token spans, in order, of the phrases of ``terms`` (the longest at each start)."""
    ends: dict[int, int] = {}
    n = len(lower)
    for anchor in terms.keys() & by_lemma.keys():
        phrases = terms[anchor]
        for t in by_lemma[anchor]:
            for before, rest in phrases:  # longest first
                start = t - len(before)
                if before and (start < 0 or tuple(lower[start:t]) != before):
                    continue
                k = t + 1
                for word in rest:
                    while k < n and lower[k] == _SKIPPED:
                        k += 1
                    if k < n and (
                        word in lemmas.get(k, ()) if isinstance(word, int) else lower[k] == word
                    ):
                        k += 1
                    else:
                        break
                else:
                    if k > ends.get(start, 0):
                        ends[start] = k
                    break
    return sorted(ends.items())


def _pairs(
    pat: WorkPattern, actions: list[Span], objects: list[Span], toks: TokenTable, tables: WorkTables
) -> list[tuple[Span, Span]]:
    """Each action with its nearest object in the same clause, within the window.

    An object directly followed by a glued hyphen modifies what follows ("LLM-powered apps"),
    and an action noun directly before an object modifies it ("deployment pipelines"): no
    pair there; nor where both words are capitalized as in a title ("Operating System Design",
    a course; "DESIGN AND IMPLEMENTATION OF A MANAGEMENT SYSTEM", a project's name).
    """
    if not objects:
        return []
    lower, starts_at, ends_at = toks.lower, toks.starts, toks.ends
    n = len(lower)
    people = tables.people
    objects = [
        o
        for o in objects
        if not (o[1] < n and lower[o[1]] == _SKIPPED and starts_at[o[1]] == ends_at[o[1] - 1])
        and not (o[1] < n and lower[o[1]] in people)
    ]
    starts = [o[0] for o in objects]
    longest = max((o[1] - o[0] for o in objects), default=0)
    window, before = pat.window, pat.window_before
    breaks = tables.clause_breaks
    adjuncts = frozenset() if pat.rule.through_adjuncts else tables.adjuncts
    out: list[tuple[Span, Span]] = []
    for action in actions:
        a, b = action
        # The words the action is coordinated with ("design, build, and manage a platform")
        # share its object: the window starts after them.
        chained = _chain_end(toks, b, tables.coordination)
        # Windows count words: punctuation between ("low-latency, high-throughput") is free,
        # so a window of words spans at most about twice as many tokens.
        lo = bisect_left(starts, a - 2 * max(before, 0) - longest - 2)
        hi = bisect_left(starts, chained + 2 * window + 3)
        best: tuple[int, Span] | None = None
        for obj in objects[lo:hi]:
            if obj[1] <= a:  # before the action
                gap = _words(lower, obj[1], a)
                if gap > before or not _one_clause(toks, obj[1], a, breaks, adjuncts):
                    continue
            elif obj[0] >= b:  # after it
                gap = _words(lower, min(chained, obj[0]), obj[0])
                if gap > window or not _one_clause(toks, b, obj[0], breaks, adjuncts):
                    continue
                if obj[0] == b and lower[b - 1] in tables.nominal:
                    continue
            else:
                continue  # the same words
            if _titled(toks.orth[a]) and _titled(toks.orth[obj[0]]):
                continue  # "Operating System Design", "SQL Server Integration Services"
            if best is None or gap < best[0]:
                best = (gap, obj)
        if best is not None:
            out.append((action, best[1]))
    return out


def _chain_end(toks: TokenTable, b: int, joins: frozenset[str], most: int = 6) -> int:
    """The end of the words coordinated with an action that ends before token ``b``: each
    after a joining token ("," "and" "/"), one word or a hyphenated compound ("Design,
    build, and manage", "clean, efficient, and well-documented"); ``b`` when none follows.
    At most ``most`` words, on one line."""
    lower, brk = toks.lower, toks.brk
    n = len(lower)
    end = k = b
    for _ in range(most):
        s = k
        while s < n and lower[s] in joins and not brk[s]:
            s += 1
        if s == k or s >= n or brk[s] or not _member(lower[s]):
            break
        e = s + 1
        while e + 1 < n and lower[e] == _SKIPPED and _member(lower[e + 1]) and not brk[e + 1]:
            e += 2
        end = k = e
    return end


def _member(word: str) -> bool:
    """Whether a token may be a word of a coordination: a word, not a function word."""
    return word[:1].isalpha() and word not in STOP_WORDS


def _handed_over(toks: TokenTable, a: int, tables: WorkTables) -> bool:
    """Whether the action at token ``a`` is handed to someone else by an enabler before it in
    its clause, with people between: "enables customers to deploy", "helps teams fine-tune",
    "enabling humans to understand, debug, and fine-tune models"; not "help us deploy", "help
    to deploy", "enable rapid deployment"."""
    enablers = tables.enablers
    if not enablers:
        return False
    lower = toks.lower
    for k in range(a - 1, max(-1, a - 10), -1):
        w = lower[k]
        if w in SENTENCE_END or w in tables.clause_breaks or toks.brk[k + 1]:
            return False
        if w not in enablers:
            continue
        between = lower[k + 1 : a]
        if not between or any(tuple(between[: len(p)]) == p for p in tables.own_parties):
            return False
        return not tables.people.isdisjoint(between)
    return False


_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "your", "his", "her", "its", "my"})


def _names_people(toks: TokenTable, s: Span, people: frozenset[str], object_ends: set[int]) -> bool:
    """Whether the action at span ``s`` is a noun for people, not a verb: a word that is both
    ("architect", "architects", "lead") after a determiner or after an object word that makes
    it a title ("work with solution architects", "the architect")."""
    a, b = s
    word = toks.lower[a]
    if b - a != 1 or word not in people or word.endswith(("ed", "ing")):
        return False
    return a in object_ends or _word_before(toks, a) in _DETERMINERS


def _in_compound(toks: TokenTable, s: Span) -> bool:
    """Whether the action at span ``s`` is the first part of a hyphenated word that is not the
    action: "cutting-edge sensors" is no cut, "design-led" no design."""
    lower, starts, ends = toks.lower, toks.starts, toks.ends
    b = s[1]
    return (
        b + 1 < len(lower)
        and lower[b] == _SKIPPED
        and starts[b] == ends[b - 1]
        and starts[b + 1] == ends[b]
        and lower[b + 1][:1].isalnum()
    )


def _titled(word: str) -> bool:
    """Whether a word is written as in a title or a heading ("Systems", "SYSTEM"), not as an
    acronym ("APIs") or in running text."""
    return word[:1].isupper() and (word[1:].islower() or (word.isupper() and len(word) > 4))


def _words(lower: list[str], i: int, j: int) -> int:
    """The words (tokens that are not punctuation) among tokens ``i..j-1``."""
    return sum(1 for w in lower[i:j] if w[:1].isalnum() or w[-1:].isalnum())


def _word_before(toks: TokenTable, i: int) -> str:
    """The word before token ``i``, across a glued hyphen ("large-scale": large)."""
    k = i - 1
    if k > 0 and toks.lower[k] == _SKIPPED and toks.starts[i] == toks.ends[k]:
        k -= 1
    return toks.lower[k] if k >= 0 else ""


def _one_clause(
    toks: TokenTable, i: int, j: int, breaks: frozenset[str], adjuncts: frozenset[str]
) -> bool:
    """Whether tokens ``i..j-1`` (between two spans) hold no sentence or clause end and no
    adjunct (a word of ``adjuncts`` not joined by a hyphen to the next), and no line break comes
    before token ``j``."""
    lower = toks.lower
    gap = lower[i:j]
    if any(toks.brk[i : j + 1]) or not SENTENCE_END.isdisjoint(gap) or not breaks.isdisjoint(gap):
        return False
    if adjuncts.isdisjoint(gap):
        return True
    return not any(
        w in adjuncts and not (k + 1 < len(lower) and lower[k + 1] == _SKIPPED)
        for k, w in enumerate(gap, i)
    )
