"""A taxonomy compiled for matching: its aliases, evidence terms and patterns, indexed.

>>> from skillmatch.taxonomy import Taxonomy
>>> from skillmatch.text import blank_pipeline
>>> index = SkillIndex.build(Taxonomy.default(), blank_pipeline())
>>> index.entries[0].target
'python'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.language import Language

from skillmatch._runtime import gc_paused
from skillmatch.matching.candidates import Entry, WordCache, WordFacts
from skillmatch.matching.exact import ExactTables, Phrases
from skillmatch.matching.fuzzy import FuzzyTables
from skillmatch.matching.gates import TECHNICAL, ContextCheck, needs_technical_context
from skillmatch.matching.patterns import PatternTables, compile_pattern
from skillmatch.matching.words import norm_key, norm_strip, uncommon_gram_word
from skillmatch.matching.work import WorkTables
from skillmatch.taxonomy import Alias, Taxonomy, TermPattern
from skillmatch.text import tokenize_phrases

__all__ = ["SkillIndex"]


@dataclass
class SkillIndex:
    """A taxonomy compiled for matching. Build once with :meth:`build`, reuse for every text.

    ``entries`` are the aliases and evidence terms of skills and signals, in taxonomy order;
    the tables refer to them by position. ``facts`` keeps, per distinct word seen, what the
    matching passes need to know of it.
    """

    taxonomy: Taxonomy
    entries: list[Entry]
    exact: ExactTables
    patterns: PatternTables
    work: WorkTables
    fuzzy: FuzzyTables
    categories_of: dict[str, frozenset[str]]
    technical: ContextCheck
    use_fuzzy: bool = True
    _word_facts: WordCache[WordFacts] = field(default_factory=WordCache)

    @classmethod
    def build(cls, taxonomy: Taxonomy, nlp: Language, *, fuzzy: bool = True) -> SkillIndex:
        """Compile ``taxonomy``'s aliases with ``nlp``'s tokenizer."""
        with gc_paused():
            return cls._build(taxonomy, nlp, fuzzy=fuzzy)

    @classmethod
    def _build(cls, taxonomy: Taxonomy, nlp: Language, *, fuzzy: bool) -> SkillIndex:
        groups: list[tuple[str, list[Alias], list[Alias], list[TermPattern], bool, bool]] = [
            (s.id, s.aliases, s.evidence, s.patterns, False, s.fuzzy) for s in taxonomy.skills
        ]
        groups += [(g.id, g.aliases, [], g.patterns, True, True) for g in taxonomy.signals]
        texts = {a.text for g in groups for a in (*g[1], *g[2])}
        tokenized = tokenize_phrases(nlp, texts)
        entries: list[Entry] = []
        patterns = []
        ci: Phrases = defaultdict(list)
        cs: Phrases = defaultdict(list)
        norm: dict[str, list[int]] = defaultdict(list)
        fuzzy_seen: dict[str, int] = {}
        settings = taxonomy.technical_context
        for target, aliases, evidence, rules, signal, skill_fuzzy in groups:
            own = [tuple(t.lower() for t in tokenized[a.text]) for a in aliases] if evidence else []
            for alias, is_evidence in [(a, False) for a in aliases] + [(a, True) for a in evidence]:
                if is_evidence and needs_technical_context(alias, settings):
                    # A tool that is also an ordinary word, a name or an acronym.
                    alias = alias.model_copy(
                        update={"context": [TECHNICAL], "window": settings.window}
                    )
                if is_evidence and _holds_any(tuple(t.lower() for t in tokenized[alias.text]), own):
                    is_evidence = False  # "AWS SageMaker" names AWS itself, as "AWS" does
                entry = Entry(target, alias, is_evidence, signal, skill_fuzzy and fuzzy)
                idx = len(entries)
                entries.append(entry)
                toks = tokenized[alias.text]
                if not toks:
                    continue
                if alias.case_sensitive:
                    cs[toks[0]].append((tuple(toks), idx))
                else:
                    low = tuple(t.lower() for t in toks)
                    ci[low[0]].append((low, idx))
                key = norm_key(alias.text)
                if alias.exact_only or alias.case_sensitive or len(key) < 4:
                    continue
                norm[key].append(idx)
                if entry.fuzzy and len(key) >= 5 and not alias.context and key not in fuzzy_seen:
                    fuzzy_seen[key] = idx
            for rule in rules:
                patterns.append(compile_pattern(target, signal, rule))
        for table in (ci, cs):
            for lst in table.values():
                lst.sort(key=lambda item: -len(item[0]))
        technical = ContextCheck.of(settings)
        return cls(
            taxonomy=taxonomy,
            entries=entries,
            exact=ExactTables(dict(ci), dict(cs), dict(norm)),
            patterns=PatternTables(patterns),
            work=WorkTables.build(taxonomy, nlp, technical),
            fuzzy=FuzzyTables(list(fuzzy_seen), list(fuzzy_seen.values())),
            categories_of={s.id: frozenset(s.categories) for s in taxonomy.skills},
            technical=technical,
            use_fuzzy=fuzzy,
        )

    def facts(self, vocab: set[str]) -> dict[str, WordFacts]:
        """Return the facts of the words of ``vocab`` (and maybe others) that some pass may
        start from.

        One cache for every pass: each cache costs a lookup of every distinct word of a text.
        """
        return self._word_facts.values(vocab, self.facts_of)

    def facts_of(self, word: str) -> WordFacts | None:
        """Work out what the passes need to know of one (lowercase) word; None for nothing."""
        exact = word in self.exact.first_words
        stripped = norm_strip(word)
        norm_start = stripped if stripped in self.exact.norm_prefixes else ""
        steps = self.patterns.steps_of(word)
        uncommon = uncommon_gram_word(word)
        lemmas = self.work.lemma_ids(word)
        if exact or norm_start or steps or uncommon or lemmas:
            return WordFacts(exact, norm_start, steps, uncommon, lemmas)
        return None


def _holds_any(words: tuple[str, ...], phrases: list[tuple[str, ...]]) -> bool:
    """Whether one of ``phrases`` stands in ``words`` as whole tokens, in a row."""
    for phrase in phrases:
        n = len(phrase)
        if n and any(words[k : k + n] == phrase for k in range(len(words) - n + 1)):
            return True
    return False
