"""Find skill mentions in a token table: exact, normalized, fuzzy and pattern matching.

The :class:`SkillIndex` compiles a taxonomy once; :func:`find_mentions` runs it on one text:

1. exact phrases (case-insensitive, or case-sensitive where the alias says so);
2. a normalized form without spaces, dots and hyphens ("Tensor Flow", "Kuber-netes");
3. overlaps resolve to the longest match ("Google Cloud Platform" over "Google Cloud");
4. context gates of ambiguous aliases ("Go" only near programming words);
5. fuzzy matching with rapidfuzz on what is left, never on ordinary English words;
6. token patterns that describe work done ("deployed ... to production");
7. negation ("no Kubernetes needed") and other parties ("owned by a separate web team").

Mentions come back with offsets into the tokenized (normalized) text; the facade maps them to
the original text.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import Generic, TypeVar

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist
from spacy.language import Language

from skillmatch._runtime import gc_paused
from skillmatch.models import Method, Status
from skillmatch.taxonomy import Alias, Taxonomy, TermPattern
from skillmatch.tokenizer import TokenTable, tokenize_phrases

__all__ = ["RawMention", "SkillIndex", "find_mentions"]

log = logging.getLogger("skillmatch")

_NORM_STRIP = re.compile(r"[\s.\-_/]+")
_MAX_NORM_WORDS = 4
_SMALL_POOL = 256  # fuzzy choices with one first letter that are scored as one group
_REACH_FILTER = 256  # fuzzy choices of a group from which ruling most out first pays
_GRAM_CACHE = 100_000  # grams whose scored choices are kept
_COMMON_WORD_ZIPF = 2.5
_SENTENCE_END = frozenset({".", "!", "?", ";", "•"})
_CLAUSE_BREAK = frozenset(
    {
        "but", "however", "though", "although", "while", "whereas", "using", "with", "via",
        "which", "that", "who", "because", "since", "so", "if", "then", "we", "i", "–", "—",
    }
)  # fmt: skip
_NEG_REACH = 12  # the longest reach of any cue below
_NEG_CUES = {"no": 8, "not": 12, "n't": 12, "never": 8, "without": 3, "nor": 4, "neither": 6}
_NEG_FALSE = frozenset(
    {"only", "just", "limited", "matter", "least", "longer", "necessarily", "always", "means",
     "sql", "-", "doubt", "exception"}
)  # fmt: skip
_NOT_NEEDED = frozenset(
    {"required", "needed", "necessary", "expected", "essential", "mandatory", "a", "needed."}
)
_TEAM = frozenset({"team", "teams", "department", "squad"})
_TEAM_TRAITS = frozenset({"player", "players"})  # "a good team player" names no team
_TEAM_VERBS = frozenset(
    {
        "trains", "train", "uses", "use", "owns", "own", "handles", "handle", "builds", "build",
        "runs", "run", "maintains", "maintain", "manages", "manage", "does", "do", "writes",
        "write", "takes", "take", "looks", "look", "produces", "produce", "deploys", "deploy",
    }
)  # fmt: skip
_DELEGATION = (
    ("owned", "by"), ("handled", "by"), ("managed", "by"), ("done", "by"), ("run", "by"),
    ("produced", "by"), ("belongs", "to"), ("belong", "to"), ("'s", "job"),
    ("another",), ("separate",), ("partner",), ("partner's",), ("other",),
)  # fmt: skip
_PARTY_REACH = 12
_HANDED_OFF = (("stays", "with"), ("stay", "with"), ("is", "owned", "by"), ("is", "handled", "by"))
# Both kinds of cue by first word: (cue, whether it hands off by itself or needs a team after it).
_PARTY_CUES: dict[str, list[tuple[tuple[str, ...], bool]]] = defaultdict(list)
for _handed in _HANDED_OFF:
    _PARTY_CUES[_handed[0]].append((_handed, True))
for _delegated in _DELEGATION:
    _PARTY_CUES[_delegated[0]].append((_delegated, False))
_PARTY_CUE_FIRST = frozenset(_PARTY_CUES)
_STOP_EDGE = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "our",
        "your",
        "their",
        "my",
        "we",
        "you",
        "i",
        "he",
        "she",
        "they",
        "them",
        "us",
        "not",
        "no",
        "nor",
        "but",
        "if",
        "then",
        "so",
        "than",
        "too",
        "very",
        "can",
        "will",
        "just",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "into",
        "over",
        "under",
        "about",
        "using",
        "use",
        "used",
        "via",
        "per",
        "each",
        "all",
        "any",
        "both",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "few",
        "new",
        "also",
        "etc",
        "e.g",
        "i.e",
    ]
)


_V = TypeVar("_V")


class _WordCache(Generic[_V]):
    """A per-word value, cached so that a text's words are looked up by set operations.

    Each matching pass asks one question of every token ("does this word start a normalized
    key?"); asked per token in Python, that costs more than the matching that follows. Asked
    once per distinct word and remembered, a text needs one set operation, and a C-level scan
    (:func:`_positions`) finds the tokens whose word has a value.
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


def _positions(words: Sequence[str], wanted: Container[str]) -> list[int]:
    """The indices of the ``words`` that are in ``wanted``, found without a Python loop."""
    return list(compress(range(len(words)), map(wanted.__contains__, words)))


@dataclass(frozen=True, slots=True)
class _WordFacts:
    """What the passes need to know of a word that one of them may start from."""

    exact: bool  # the lowercase first word of some exact phrase
    norm_start: str  # the word stripped, if that starts a normalized key; else ""
    steps: frozenset[int]  # the ids of the pattern steps it hits
    uncommon: bool  # may be part of a fuzzy gram, and is not an ordinary English word


_EXACT = attrgetter("exact")
_NORM_START = attrgetter("norm_start")
_STEPS = attrgetter("steps")
_UNCOMMON = attrgetter("uncommon")


class _Occurrences:
    """The tokens of a text whose word has facts, with those facts.

    A C-level scan costs about as much as the Python loop it replaces would for a tenth of the
    tokens: touching every token's word is the cost, not the set it is looked up in. So the
    tokens are scanned once for all the passes; each pass then selects its tokens among the
    few found, by one of the facts (:meth:`where`), again without a Python loop.
    """

    __slots__ = ("_at", "_facts")

    def __init__(self, lower: Sequence[str], facts: dict[str, _WordFacts]) -> None:
        self._at = _positions(lower, facts)
        self._facts = list(map(facts.__getitem__, map(lower.__getitem__, self._at)))

    def where(self, fact: Callable[[_WordFacts], object]) -> tuple[list[int], list[_WordFacts]]:
        """The tokens, in order, whose word has a true ``fact``, and their words' facts."""
        keep = list(map(fact, self._facts))
        return list(compress(self._at, keep)), list(compress(self._facts, keep))


@dataclass(frozen=True, slots=True)
class _Entry:
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
    entry: _Entry | None = None
    status: Status = "counted"


@dataclass(frozen=True, slots=True)
class _Pattern:
    target: str
    signal: bool
    rule: TermPattern
    steps: tuple[tuple[frozenset[str], tuple[str, ...]], ...]


@dataclass
class SkillIndex:
    """A taxonomy compiled for matching. Build once with :meth:`build`, reuse for every text."""

    taxonomy: Taxonomy
    entries: list[_Entry] = field(default_factory=list)
    exact_ci: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    exact_cs: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    normalized: dict[str, list[int]] = field(default_factory=dict)
    max_norm_len: int = 0
    fuzzy_choices: list[str] = field(default_factory=list)
    fuzzy_entries: list[int] = field(default_factory=list)
    patterns: list[_Pattern] = field(default_factory=list)
    categories_of: dict[str, frozenset[str]] = field(default_factory=dict)
    use_fuzzy: bool = True
    # Speed caches: the first ones are derived from the fields above by ``_prepare`` on first
    # use; the word facts, fuzzy pools and scored grams fill as texts come.
    _norm_prefixes: frozenset[str] = frozenset()
    _step_ids: list[tuple[int, ...]] = field(default_factory=list)
    _step_sets: list[frozenset[int]] = field(default_factory=list)
    _steps_of_word: dict[str, frozenset[int]] = field(default_factory=dict)
    _steps_of_prefix: dict[str, frozenset[int]] = field(default_factory=dict)
    _prefix_lengths: tuple[int, ...] = ()
    _word_facts: _WordCache[_WordFacts] = field(default_factory=_WordCache)
    _ci_phrase: dict[int, tuple[str, ...]] = field(default_factory=dict)
    _exact_firsts: tuple[dict[str, _PhrasesFrom], ...] = ()
    _exact_lower: frozenset[str] = frozenset()
    _prepared: bool = False
    _fuzzy_pool: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    _fuzzy_pool_of: list[str] = field(default_factory=list)
    _fuzzy_cols: dict[tuple[str, int], _Choices] = field(default_factory=dict)
    _fuzzy_small: frozenset[str] = frozenset()
    _fuzzy_classes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    _reach: dict[str, tuple[frozenset[int], int]] = field(default_factory=dict)
    _reach_of: list[str] | None = None
    _gram_pairs: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, taxonomy: Taxonomy, nlp: Language, *, fuzzy: bool = True) -> SkillIndex:
        """Compile ``taxonomy``'s aliases with ``nlp``'s tokenizer."""
        with gc_paused():
            return cls._build(taxonomy, nlp, fuzzy=fuzzy)

    @classmethod
    def _build(cls, taxonomy: Taxonomy, nlp: Language, *, fuzzy: bool) -> SkillIndex:
        index = cls(taxonomy=taxonomy, use_fuzzy=fuzzy)
        index.categories_of = {s.id: frozenset(s.categories) for s in taxonomy.skills}
        groups: list[tuple[str, list[Alias], list[Alias], list[TermPattern], bool, bool]] = [
            (s.id, s.aliases, s.evidence, s.patterns, False, s.fuzzy) for s in taxonomy.skills
        ]
        groups += [(g.id, g.aliases, [], g.patterns, True, True) for g in taxonomy.signals]
        texts = {a.text for g in groups for a in (*g[1], *g[2])}
        tokenized = tokenize_phrases(nlp, texts)
        ci: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        cs: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        norm: dict[str, list[int]] = defaultdict(list)
        fuzzy_seen: dict[str, int] = {}
        for target, aliases, evidence, patterns, signal, skill_fuzzy in groups:
            for alias, is_evidence in [(a, False) for a in aliases] + [(a, True) for a in evidence]:
                entry = _Entry(target, alias, is_evidence, signal, skill_fuzzy and fuzzy)
                idx = len(index.entries)
                index.entries.append(entry)
                toks = tokenized[alias.text]
                if not toks:
                    continue
                if alias.case_sensitive:
                    cs[toks[0]].append((tuple(toks), idx))
                else:
                    low = tuple(t.lower() for t in toks)
                    ci[low[0]].append((low, idx))
                key = _norm_key(alias.text)
                if alias.exact_only or alias.case_sensitive or len(key) < 4:
                    continue
                norm[key].append(idx)
                if entry.fuzzy and len(key) >= 5 and not alias.context and key not in fuzzy_seen:
                    fuzzy_seen[key] = idx
            for rule in patterns:
                index.patterns.append(_compile_pattern(target, signal, rule))
        for table in (ci, cs):
            for lst in table.values():
                lst.sort(key=lambda item: -len(item[0]))
        index.exact_ci, index.exact_cs, index.normalized = dict(ci), dict(cs), dict(norm)
        index.max_norm_len = max((len(k) for k in norm), default=0)
        index.fuzzy_choices = list(fuzzy_seen)
        index.fuzzy_entries = list(fuzzy_seen.values())
        return index

    def facts(self, vocab: set[str]) -> dict[str, _WordFacts]:
        """Return the facts of the words of ``vocab`` (and maybe others) that some pass may
        start from.

        One cache for every pass: each cache costs a lookup of every distinct word of a text.
        The first call fills the speed caches that do not depend on the text.
        """
        if not self._prepared:
            self._prepare()
        return self._word_facts.values(vocab, self._facts_of)

    def _prepare(self) -> None:
        """Derive every non-empty prefix of a normalized key, each entry's case-insensitive
        phrase, the lowercase first words of all exact phrases, and the global ids of each
        pattern's steps (as a tuple and a set, with the steps in that order)."""
        keys = self.normalized
        self._norm_prefixes = frozenset(k[:e] for k in keys for e in range(1, len(k) + 1))
        self._ci_phrase = {idx: p for lst in self.exact_ci.values() for p, idx in lst}
        self._exact_lower = frozenset(self.exact_ci).union(k.lower() for k in self.exact_cs)
        self._exact_firsts = (_phrases_from(self.exact_ci), _phrases_from(self.exact_cs))
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
        self._steps_of_word = {w: frozenset(ks) for w, ks in of_word.items()}
        self._steps_of_prefix = {pre: frozenset(ks) for pre, ks in of_prefix.items()}
        self._prefix_lengths = tuple(sorted({len(pre) for pre in of_prefix}))
        ids: list[tuple[int, ...]] = []
        first = 0
        for pat in self.patterns:
            ids.append(tuple(range(first, first + len(pat.steps))))
            first += len(pat.steps)
        self._step_ids = ids
        self._step_sets = [frozenset(i) for i in ids]
        self._word_facts = _WordCache()
        self._prepared = True

    def _facts_of(self, word: str) -> _WordFacts | None:
        exact = word in self._exact_lower
        stripped = _norm_strip(word)
        norm_start = stripped if stripped in self._norm_prefixes else ""
        steps = self._steps_of_word.get(word, frozenset())
        for n in self._prefix_lengths:
            if n > len(word):
                break
            steps = steps | self._steps_of_prefix.get(word[:n], frozenset())
        uncommon = _uncommon_gram_word(word)
        if exact or norm_start or steps or uncommon:
            return _WordFacts(exact, norm_start, steps, uncommon)
        return None


# The exact phrases that start with one word: those of several words by their second word, as
# (length, the words after the second, entry id), then the entry ids of the word alone. Each
# group keeps the phrases' order (longest first), and those of several words come first.
_PhrasesFrom = tuple[dict[str, list[tuple[int, tuple[str, ...], int]]], list[int]]


def _phrases_from(table: dict[str, list[tuple[tuple[str, ...], int]]]) -> dict[str, _PhrasesFrom]:
    """Group each first word's phrases by their second word: "data" and "on" begin so many
    phrases that checking each one at every such token costs more than the rest of the pass."""
    grouped: dict[str, _PhrasesFrom] = {}
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


def _compile_pattern(target: str, signal: bool, rule: TermPattern) -> _Pattern:
    steps = []
    for words in rule.steps:
        exact = frozenset(w.lower() for w in words if not w.endswith("*"))
        prefixes = tuple(w[:-1].lower() for w in words if w.endswith("*"))
        steps.append((exact, prefixes))
    return _Pattern(target, signal, rule, tuple(steps))


def _norm_key(text: str) -> str:
    return _NORM_STRIP.sub("", text.lower())


@lru_cache(maxsize=200_000)
def _norm_strip(word: str) -> str:
    return _NORM_STRIP.sub("", word)


def _uncommon_gram_word(word: str) -> bool:
    """Whether a token that may be part of a gram (a word or a joiner) is not ordinary English.

    It is not when one of its parts (split at spaces and hyphens) is rare ("." is, "-" has no
    part). A gram is made only of ordinary words unless one of its tokens is not, so this
    per-word answer, cached, decides which grams are scored.
    """
    if word not in _JOINERS and not _fuzzy_word(word):
        return False
    parts = [p for p in re.split(r"[\s\-]+", word) if p]
    return not all(map(_common_part, parts))


@lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "best")


# A Zipf value is the log10 of a word's frequency per billion words.
_COMMON_FREQUENCY = 10 ** (_COMMON_WORD_ZIPF - 9)


def _common_part(part: str) -> bool:
    """Whether ``zipf_frequency(part, "en") >= _COMMON_WORD_ZIPF``.

    A plain lowercase word is wordfreq's one token: its frequency is read from the list, and only
    near the threshold, where wordfreq's rounding matters, is ``zipf_frequency`` asked (a new
    word of a text costs a lookup instead of wordfreq's tokenizer).
    """
    from wordfreq import zipf_frequency

    if part.isascii() and part.isalpha() and part.islower():
        frequency = _english_frequencies().get(part)
        if frequency is None:
            return False
        if frequency > 1.05 * _COMMON_FREQUENCY:
            return True
        if frequency < 0.95 * _COMMON_FREQUENCY:
            return False
    return zipf_frequency(part, "en") >= _COMMON_WORD_ZIPF


def _allowed_edits(length: int) -> int:
    """Edits (a swap counts as one) allowed for an alias of ``length`` characters."""
    if length < 5:
        return 0
    if length < 9:
        return 1
    return 2


# --------------------------------------------------------------------------------------------
# The matching passes


def find_mentions(index: SkillIndex, toks: TokenTable) -> tuple[list[RawMention], list[RawMention]]:
    """Return ``(skill_mentions, signal_mentions)`` found in ``toks``, statuses set."""
    vocab = set(toks.lower)
    occurrences = _Occurrences(toks.lower, index.facts(vocab))
    candidates = _exact_candidates(index, toks, occurrences)
    candidates += _normalized_candidates(index, toks, occurrences)
    candidates = [c for c in candidates if _local_gates_pass(c, toks)]
    # Skills and level signals are matched independently: a signal phrase ("strong Python")
    # must not hide the skill inside it.
    signals = _resolve_overlaps([c for c in candidates if c.signal])
    chosen = _resolve_overlaps([c for c in candidates if not c.signal])
    if index.use_fuzzy and index.fuzzy_choices:
        taken = _taken(chosen, len(toks))
        fuzzy = [
            c
            for c in _fuzzy_candidates(index, toks, taken, occurrences)
            if not c.signal and _local_gates_pass(c, toks)
        ]
        chosen = _resolve_overlaps(chosen + fuzzy)
    skills = _category_gates(index, toks, chosen)
    skills, pattern_signals = _add_patterns(index, toks, skills, occurrences)
    signals += pattern_signals
    # Which cues the text holds at all: most texts have none of some kind.
    negation = not vocab.isdisjoint(_NEG_CUES)
    party = not vocab.isdisjoint(_TEAM) or any(vocab.issuperset(c) for c in _HANDED_OFF)
    if negation or party:
        # Only a mention with a cue word within reach can be anything but counted.
        lower = toks.lower
        for m in skills + signals:
            if not _STATUS_CUES.isdisjoint(lower[max(0, m.i - _CUE_REACH) : m.j + _CUE_REACH]):
                m.status = _status(toks, m.i, m.j, negation, party)
    skills.sort(key=lambda m: m.start)
    signals.sort(key=lambda m: m.start)
    return skills, signals


def _mention(
    index: SkillIndex, toks: TokenTable, idx: int, i: int, j: int, method: Method, score: float
) -> RawMention:
    entry = index.entries[idx]
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


_JOINERS = frozenset({"-", "."})
_EDGE_PUNCT = "./-_:,; \t\n\r\u00a0"


def _trim(text: str, start: int, end: int, alias: str) -> tuple[int, int]:
    """Drop punctuation that a joined token carries at the edges ("EKS." -> "EKS")."""
    while end - start > 1 and text[end - 1] in _EDGE_PUNCT and not alias.endswith(text[end - 1]):
        end -= 1
    while end - start > 1 and text[start] in _EDGE_PUNCT and not alias.startswith(text[start]):
        start += 1
    return start, end


def _exact_candidates(
    index: SkillIndex, toks: TokenTable, occurrences: _Occurrences
) -> list[RawMention]:
    """Case-insensitive matches, then case-sensitive ones, each in token order.

    Both are found from one scan of the lowercase words: a token's lowercase form is its text
    lowercased, so a case-sensitive key's token has that key's lowercase form.
    """
    found: tuple[list[RawMention], list[RawMention]] = ([], [])
    n = len(toks)
    tables = tuple(zip(index._exact_firsts, (toks.lower, toks.orth), found, strict=True))
    for i in occurrences.where(_EXACT)[0]:
        for table, forms, out in tables:
            phrases = table.get(forms[i])
            if phrases is None:
                continue
            longer, alone = phrases
            if longer and i + 1 < n:
                for k, rest, idx in longer.get(forms[i + 1], ()):
                    if i + k <= n and (k == 2 or tuple(forms[i + 2 : i + k]) == rest):
                        out.append(_mention(index, toks, idx, i, i + k, "exact", 1.0))
            for idx in alone:
                out.append(_mention(index, toks, idx, i, i + 1, "exact", 1.0))
    return found[0] + found[1]


def _normalized_candidates(
    index: SkillIndex, toks: TokenTable, occurrences: _Occurrences
) -> list[RawMention]:
    out: list[RawMention] = []
    normalized = index.normalized
    n = len(toks)
    lower, brk, starts, ends = toks.lower, toks.brk, toks.starts, toks.ends
    # A key that starts no normalized form cannot grow into one: stop extending it. Only the
    # words whose stripped form starts one (so is not empty) can begin a match.
    prefixes = index._norm_prefixes
    # On the alias's own tokens the exact match of the same entry and span is found too; it
    # sorts first in ``_resolve_overlaps``, which then never keeps this one: not built.
    exact_phrase = index._ci_phrase
    for i, facts in zip(*occurrences.where(_NORM_START), strict=True):
        key = facts.norm_start
        # Most starts ("to", "a", "in") are no key and do not grow with the next token into
        # the start of one: they are dropped before the loop.
        if key not in normalized and (
            i + 1 == n or key + _norm_strip(lower[i + 1]) not in prefixes
        ):
            continue
        j = i + 1  # the key is made of tokens i..j-1
        words = 1  # separators ("-", "/") do not count: "amazon-web-services" is 3 words
        while True:
            for idx in normalized.get(key, ()):
                if exact_phrase.get(idx) != tuple(lower[i:j]):
                    out.append(_mention(index, toks, idx, i, j, "normalized", 0.95))
            if (
                j == n
                or words == _MAX_NORM_WORDS
                or j - i == 2 * _MAX_NORM_WORDS - 1
                or (brk[j] and not lower[j - 1].endswith("-"))
            ):
                break
            # A full stop before a space ends a sentence: "each tensor. Flow" is not TensorFlow.
            if lower[j - 1].endswith(".") and starts[j] != ends[j - 1]:
                break
            part = _norm_strip(lower[j])
            key += part
            if key not in prefixes:
                break
            words += part != ""
            j += 1
    return out


def _local_gates_pass(m: RawMention, toks: TokenTable) -> bool:
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
    if alias.not_near and _words_near(alias.not_near, alias.window, toks, m.i, m.j):
        return False
    if alias.context and not _has_category_gate(m):
        return _words_near(alias.context, alias.window, toks, m.i, m.j)
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


def _words_near(words: list[str], window: int, toks: TokenTable, i: int, j: int) -> bool:
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


_METHOD_ORDER = {"exact": 0, "normalized": 1, "fuzzy": 2, "pattern": 3}


def _resolve_overlaps(cands: list[RawMention]) -> list[RawMention]:
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


def _category_gates(
    index: SkillIndex, toks: TokenTable, chosen: list[RawMention]
) -> list[RawMention]:
    """Keep mentions gated by '@category' when such a skill, or a context word, is near.

    Gated mentions may vouch for each other ("Python, Go, Rust"), so this runs to a fixpoint;
    accepted mentions are kept sorted by position so each check looks only at its window.
    """
    accepted = [m for m in chosen if not _has_category_gate(m)]
    pending = [m for m in chosen if _has_category_gate(m)]
    if not pending:
        return accepted
    near = _Neighbours(index, accepted)
    changed = True
    while pending and changed:
        changed = False
        still: list[RawMention] = []
        for m in pending:
            assert m.entry is not None
            alias = m.entry.alias
            if near.vouches_for(m) or _words_near(alias.context, alias.window, toks, m.i, m.j):
                accepted.append(m)
                near.add(m)
                changed = True
            else:
                still.append(m)
        pending = still
    return accepted


def _has_category_gate(m: RawMention) -> bool:
    return bool(m.entry and any(w.startswith("@") for w in m.entry.alias.context))


class _Neighbours:
    """Accepted mentions by token position, to ask "is a skill of these categories near?"."""

    def __init__(self, index: SkillIndex, accepted: Iterable[RawMention]) -> None:
        self.categories_of = index.categories_of
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


# --------------------------------------------------------------------------------------------
# Fuzzy matching


def _fuzzy_candidates(
    index: SkillIndex,
    toks: TokenTable,
    taken: list[bool],
    occurrences: _Occurrences,
) -> list[RawMention]:
    """Score leftover 1-3 word n-grams against the fuzzy aliases in one ``cdist`` call.

    A gram is scored only if some choice shares its first letter and lies within 2 characters
    of its length (no other choice can be accepted) and it is not made of ordinary words, that
    is if one of its tokens is not: grams are built only from the starts that reach one.
    """
    uncommon_at = occurrences.where(_UNCOMMON)[0]
    if not uncommon_at:
        return []
    uncommon = set(map(toks.lower.__getitem__, uncommon_at))
    grams: list[str] = []
    spans: list[tuple[int, int]] = []
    lower = toks.lower
    brk = toks.brk
    starts, ends = toks.starts, toks.ends
    n = len(toks)
    reach = _fuzzy_reach(index)
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
                and lower[j] in _JOINERS
                and starts[j] == ends[j - 1]
                and starts[j + 1] == ends[j]
            ):
                rare = rare or lower[j] in uncommon
                j += 1
            if j >= n or taken[j] or brk[j] or not _fuzzy_word(lower[j]):
                break
            rare = rare or lower[j] in uncommon
            key += lower[j].replace(".", "")
            words += 1
            j += 1
    if not grams:
        return []
    out: list[RawMention] = []
    best: dict[int, tuple[int, int]] = {}
    for g, c, d in _fuzzy_distances(index, grams):
        choice = index.fuzzy_choices[c]
        alias_len = len(choice)
        if d == 0 or d > _allowed_edits(alias_len) or abs(alias_len - len(grams[g])) > d:
            continue
        # Misspellings keep the first letter (PageMaker is not SageMaker, XQuery not jQuery),
        # and a phrase of several words gets one edit at most (SRM server is not SQL Server).
        if grams[g][0] != choice[0] or (d > 1 and _several_words(toks, *spans[g])):
            continue
        if g not in best or d < best[g][0]:
            best[int(g)] = (d, int(c))
    for g, (d, c) in sorted(best.items()):
        i, j = spans[g]
        score = round(max(0.5, 0.9 - 0.15 * d), 3)
        out.append(_mention(index, toks, index.fuzzy_entries[c], i, j, "fuzzy", score))
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
        if lower[t] in _JOINERS:
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
            if lower[t] not in _JOINERS:
                if not _fuzzy_word(lower[t]):
                    break
                found.add(t)
                words += 1
                if words == 3:
                    break
            if brk[t]:
                break
            t -= 1
    return sorted(found)


def _fuzzy_reach(index: SkillIndex) -> dict[str, tuple[frozenset[int], int]]:
    """Map a first letter to the gram lengths (5 or more) that some fuzzy choice could accept.

    A choice accepts only grams with its first letter, within 2 characters of its length.
    """
    choices = index.fuzzy_choices
    if index._reach_of is not choices:
        lengths: dict[str, set[int]] = defaultdict(set)
        for c in choices:
            lengths[c[0]].update(k for k in range(len(c) - 2, len(c) + 3) if k >= 5)
        index._reach = {first: (frozenset(ks), max(ks)) for first, ks in lengths.items() if ks}
        index._reach_of = choices
    return index._reach


def _fuzzy_distances(index: SkillIndex, grams: list[str]) -> list[tuple[int, int, int]]:
    """Return ``(gram, choice, distance)`` for distances up to 2, by gram then choice.

    The pairs of each gram are kept on the index (up to ``_GRAM_CACHE`` grams): the same
    uncommon words come back text after text. Only the grams not kept are scored.
    """
    if index._fuzzy_pool_of is not index.fuzzy_choices or len(index._gram_pairs) > _GRAM_CACHE:
        index._gram_pairs = {}
    cache = index._gram_pairs  # replaced, never cleared, when full: safe to read meanwhile
    missing = [gram for gram in dict.fromkeys(grams) if gram not in cache]
    if missing:
        cache.update(_score_grams(index, missing))
    found: list[tuple[int, int, int]] = []
    for g, gram in enumerate(grams):
        pairs = cache[gram]
        if pairs:
            found.extend([(g, c, d) for c, d in pairs])
    return found


def _score_grams(index: SkillIndex, grams: list[str]) -> dict[str, tuple[tuple[int, int], ...]]:
    """Return ``(choice, distance)`` for distances up to 2, by choice, for each distinct gram.

    Only choices that share the gram's first letter and lie within 2 characters of its length
    can be accepted, so each group of grams is scored against those choices alone: with a
    large taxonomy this is what keeps fuzzy matching fast. Where few choices share a first
    letter, its grams form one group whatever their length (fewer ``cdist`` calls; a distance
    up to 2 implies lengths within 2, so the pairs found are the same).
    """
    choices = index.fuzzy_choices
    if index._fuzzy_pool_of is not choices:
        pool: dict[tuple[str, int], list[int]] = defaultdict(list)
        per_letter: dict[str, int] = defaultdict(int)
        for c, choice in enumerate(choices):
            pool[(choice[0], len(choice))].append(c)
            per_letter[choice[0]] += 1
        index._fuzzy_pool = dict(pool)
        index._fuzzy_pool_of = choices
        index._fuzzy_cols = {}
        index._fuzzy_classes = _char_classes(choices)
        index._fuzzy_small = frozenset(f for f, k in per_letter.items() if k <= _SMALL_POOL)
    small = index._fuzzy_small
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    for gram in grams:
        groups[(gram[0], -1 if gram[0] in small else len(gram))].append(gram)
    scored: dict[str, tuple[tuple[int, int], ...]] = dict.fromkeys(grams, ())
    for (first, length), members in groups.items():
        group = index._fuzzy_cols.get((first, length))
        if group is None:
            if length < 0:
                pool_items = index._fuzzy_pool.items()
                cols = sorted(c for (f, _), cs in pool_items if f == first for c in cs)
            else:
                near = range(length - 2, length + 3)
                cols = sorted(c for k in near for c in index._fuzzy_pool.get((first, k), ()))
            # The choice texts are kept with their ids: rebuilding them per call is what a
            # large taxonomy would pay for.
            group = (cols, [choices[c] for c in cols], index._fuzzy_classes[cols])
            index._fuzzy_cols[(first, length)] = group
        cols, texts, classes = group
        if len(cols) > _REACH_FILTER:
            # Only the choices within reach of some member are scored: with a large
            # taxonomy, a few in a hundred.
            keep = np.flatnonzero(_within_reach(_char_classes(members), classes).any(axis=0))
            cols = [cols[k] for k in keep.tolist()]
            texts = [texts[k] for k in keep.tolist()]
        if not cols:
            continue
        matrix = cdist(members, texts, scorer=OSA.distance, score_cutoff=2, workers=1, dtype=None)
        rows, ks = np.nonzero(matrix <= 2)
        if not rows.size:
            continue
        found: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for r, k, d in zip(rows.tolist(), ks.tolist(), matrix[rows, ks].tolist(), strict=True):
            found[r].append((cols[k], d))
        for r, pairs in found.items():
            scored[members[r]] = tuple(pairs)
    return scored


# A fuzzy group's choice ids, texts and character classes (:func:`_char_classes`).
_Choices = tuple[list[int], list[str], np.ndarray]
_POPCOUNT = np.array([bin(b).count("1") for b in range(1 << 16)], dtype=np.uint8)


def _char_classes(texts: Sequence[str]) -> np.ndarray:
    """One 32-bit mask per text: a bit for each class of characters it holds (code point mod
    32: the letters get one each)."""
    masks = [0] * len(texts)
    for k, text in enumerate(texts):
        for ch in set(text):
            masks[k] |= 1 << (ord(ch) & 31)
    return np.array(masks, dtype=np.uint32)


def _within_reach(grams: np.ndarray, choices: np.ndarray) -> np.ndarray:
    """Whether each gram (row) may be within 2 edits of each choice (column), by classes.

    A substitution changes whether a text holds a class for two classes at most, an insertion
    or a deletion for one, a swap of neighbours for none: texts 2 edits apart differ in 4
    classes at most. Counting the differing classes is far cheaper than an edit distance.
    """
    halves = (grams[:, None] ^ choices[None, :]).view(np.uint16)
    return _POPCOUNT[halves[..., 0::2]] + _POPCOUNT[halves[..., 1::2]] <= 4


def _several_words(toks: TokenTable, i: int, j: int) -> bool:
    return sum(1 for t in range(i, j) if toks.lower[t] not in ("-", ".")) > 1


@lru_cache(maxsize=100_000)
def _fuzzy_word(word: str) -> bool:
    """Whether a token may be part of a misspelling: letters, maybe digits and dots ("Vu.js")."""
    if len(word) < 2 or not word[0].isalpha() or word in _STOP_EDGE:
        return False
    return word.isalpha() or word.replace(".", "").isalnum()


# --------------------------------------------------------------------------------------------
# Patterns of described work


def _add_patterns(
    index: SkillIndex, toks: TokenTable, skills: list[RawMention], occurrences: _Occurrences
) -> tuple[list[RawMention], list[RawMention]]:
    """Match token patterns; each pattern reports its step tokens as non-overlapping evidence."""
    taken_by: dict[int, str] = {}
    for m in skills:
        for t in range(m.i, m.j):
            taken_by[t] = m.target
    signals: list[RawMention] = []
    found_at = _token_steps(occurrences)
    for pat, ids, id_set in zip(index.patterns, index._step_ids, index._step_sets, strict=True):
        # A match, in either order, has a token for every step.
        if not ids or not found_at.keys() >= id_set:
            continue
        for positions in _pattern_matches(pat, ids, toks, found_at):
            free = [p for p in positions if pat.signal or taken_by.get(p, pat.target) == pat.target]
            if not free:
                continue
            for p in free:
                m = RawMention(
                    target=pat.target,
                    i=p,
                    j=p + 1,
                    start=toks.starts[p],
                    end=toks.ends[p],
                    matched=f"pattern:{pat.rule.id}",
                    method="pattern",
                    score=0.8,
                    signal=pat.signal,
                )
                if pat.signal:
                    signals.append(m)
                elif p not in taken_by:
                    taken_by[p] = pat.target
                    skills.append(m)
    return skills, signals


def _token_steps(occurrences: _Occurrences) -> dict[int, list[int]]:
    """Return the tokens (in order) that hit each step id, for the step ids hit at all."""
    found_at: dict[int, list[int]] = defaultdict(list)
    for t, facts in zip(*occurrences.where(_STEPS), strict=True):
        for k in facts.steps:
            found_at[k].append(t)
    return found_at


def _pattern_matches(
    pat: _Pattern, ids: tuple[int, ...], toks: TokenTable, found_at: dict[int, list[int]]
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
            if any(brk[pos + 1 : k + 1]) or not _SENTENCE_END.isdisjoint(lower[pos + 1 : k + 1]):
                break
            positions.append(k)
            pos = k
        if len(positions) == len(ids):
            results.append(positions)
            after = pos + 1
    return results


# --------------------------------------------------------------------------------------------
# Negation and other parties


_CUE_REACH = max(_NEG_REACH, _PARTY_REACH)  # no cue is looked for farther from a mention
# Every word that a cue check below looks for: a mention of tokens i..j-1 with none of them in
# i - _CUE_REACH .. j + _CUE_REACH - 1 is counted.
_STATUS_CUES = frozenset(_NEG_CUES).union(_TEAM, _PARTY_CUE_FIRST)


def _sentence_bounds(toks: TokenTable, i: int, j: int) -> tuple[int, int]:
    """The start of token ``i``'s sentence and the end (exclusive) of token ``j - 1``'s, as far
    as ``_CUE_REACH`` tokens away: no cue is looked for beyond, so only that window is read.

    A sentence ends at a line break or after a sentence-ending token ('.', ';', '•', ...).
    """
    lower, brk = toks.lower, toks.brk
    lo = max(0, i - _CUE_REACH)
    for k in range(i, lo, -1):
        if brk[k] or lower[k - 1] in _SENTENCE_END:
            lo = k
            break
    hi = min(len(lower), j + _CUE_REACH)
    for k in range(j, hi):
        if brk[k] or lower[k] in _SENTENCE_END:
            hi = k
            break
    return lo, hi


def _status(toks: TokenTable, i: int, j: int, negation: bool, party: bool) -> Status:
    """The status of the mention of tokens ``i..j-1``; ``negation`` and ``party`` say whether
    the text holds a negation cue, and a team word or a hand-off cue (without, none can apply).
    """
    lo, hi = _sentence_bounds(toks, i, j)
    lower = toks.lower
    if negation and _negated(lower, lo, hi, i, j):
        return "negated"
    if party and _other_party(lower, lo, hi, i, j):
        return "other-party"
    return "counted"


def _negated(lower: list[str], lo: int, hi: int, i: int, j: int) -> bool:
    # A cue before the mention, in the same clause and within its reach; a cue inside
    # parentheses ("PHP (procedural, not OO), MySQL") stays inside them.
    inside = 0
    for k in range(i - 1, max(lo, i - _NEG_REACH) - 1, -1):
        w = lower[k]
        if w == ")":
            inside += 1
        elif w == "(" and inside:
            inside -= 1
        if inside or w == "(":
            continue
        if w in _CLAUSE_BREAK:
            break
        reach = _NEG_CUES.get(w)
        if reach is not None and i - k <= reach:
            nxt = lower[k + 1] if k + 1 < len(lower) else ""
            if nxt in _NEG_FALSE or (w == "no" and nxt == "."):
                continue
            return True
    # "X is not required", "X not needed", "X: not required".
    for k in range(j, min(hi, j + 6)):
        w = lower[k]
        if w in _CLAUSE_BREAK:
            break
        if w in ("not", "n't") and k + 1 < hi and lower[k + 1] in _NOT_NEEDED:
            return True
    return False


def _other_party(lower: list[str], lo: int, hi: int, i: int, j: int) -> bool:
    """Whether the clause gives the skill to someone else: another team, a partner."""
    # The skill names a team: "the SQL Server Reporting team"; not "Web Services -Good Team
    # player".
    for k in range(j, min(hi, j + 2)):
        if lower[k] in _TEAM:
            if k + 1 == len(lower) or lower[k + 1] not in _TEAM_TRAITS:
                return True
            break
    # A team is the subject doing the work: "our ML team trains the models in PyTorch".
    before = max(lo, i - _PARTY_REACH)
    if not _TEAM.isdisjoint(lower[before:i]):
        for k in range(before, i):
            if lower[k] in _TEAM:
                for v in lower[k + 1 : min(j, k + 5)]:
                    if v in _TEAM_VERBS:
                        return True
                    if v not in (",", "who", "that", "which", "then", "also"):
                        break
    # Work handed to others near the mention: "owned by a separate web team",
    # "model training stays with research".
    near = lower[before : min(hi, j + _PARTY_REACH)]
    if _PARTY_CUE_FIRST.isdisjoint(near):
        return False
    for k, w in enumerate(near):
        for cue, handed_off in _PARTY_CUES.get(w, ()):
            end = k + len(cue)
            if tuple(near[k:end]) != cue:
                continue
            if handed_off or not _TEAM.isdisjoint(near[end : end + 6]):
                return True
    return False
