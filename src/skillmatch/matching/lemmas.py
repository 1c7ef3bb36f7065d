"""Word families from spaCy's English rule lemmatizer: which words are forms of which lemmas.

A rule of described work names lemmas ("deploy", "model"); a text has words ("deployed",
"models"). spaCy's rule lemmatizer maps a word to its lemmas with its English tables, shipped by
the ``spacy-lookups-data`` package: suffix rules, irregular forms and the index of known lemmas,
per part of speech. A blank pipeline has no tagger, so a word's lemmas are the word itself and
its lemmas as a verb, a noun and an adjective ("building": build, building).

Lemmatizing every new word of every text would cost more than matching it. So the forms of the
lemmas a taxonomy names are worked out once (:func:`forms_of`): each rule and irregular form is
read backwards to propose the words that may lemmatize to a lemma, and a word is kept only if the
lemmatizer maps it there (:func:`lemmas_of`, the same steps as spaCy's
``Lemmatizer.rule_lemmatize``). A text's words are then looked up. The equivalence suite checks
both against spaCy's own lemmatizer.

>>> forms = forms_of(["deploy", "model", "build"])
>>> sorted(forms["deployed"]), sorted(forms["models"]), sorted(forms["built"])
(['deploy'], ['model'], ['build'])
>>> "deployment" in forms  # a nominalization is a lemma of its own: families list it
False
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

__all__ = [
    "OPEN_CLASSES",
    "LemmaTables",
    "english_tables",
    "forms_of",
    "lemmas_of",
    "rule_lemmatize",
]

OPEN_CLASSES = ("verb", "noun", "adj")
"""The parts of speech a word is lemmatized as, for want of a tagger."""


@dataclass(frozen=True)
class LemmaTables:
    """spaCy's English rule-lemmatizer tables, by part of speech."""

    rules: dict[str, tuple[tuple[str, str], ...]]  # (old suffix, new suffix), in spaCy's order
    index: dict[str, frozenset[str]]  # the known lemmas
    exceptions: dict[str, dict[str, tuple[str, ...]]]  # irregular form -> lemmas

    @classmethod
    def load(cls) -> LemmaTables:
        """Read the tables from ``spacy-lookups-data`` (no download: a package dependency)."""
        from spacy.lookups import load_lookups

        try:
            lookups = load_lookups("en", ["lemma_rules", "lemma_index", "lemma_exc"])
        except (ValueError, ImportError) as exc:
            raise ModuleNotFoundError(
                "skillmatch reads word families with spaCy's English lemmatizer tables, which"
                f" could not be loaded ({exc}); install them with `pip install spacy-lookups-data`"
            ) from None
        rules, index, exceptions = (
            lookups.get_table(name) for name in ("lemma_rules", "lemma_index", "lemma_exc")
        )
        return cls(
            rules={p: tuple((old, new) for old, new in rules.get(p, ())) for p in OPEN_CLASSES},
            index={p: frozenset(index.get(p, ())) for p in OPEN_CLASSES},
            exceptions={
                p: {w: tuple(ls) for w, ls in exceptions.get(p, {}).items()} for p in OPEN_CLASSES
            },
        )

    @cached_property
    def irregular(self) -> dict[str, tuple[str, ...]]:
        """Each lemma's irregular forms, of any part of speech ("built" for "build")."""
        by_lemma: dict[str, list[str]] = defaultdict(list)
        for pos in OPEN_CLASSES:
            for word, lemmas in self.exceptions[pos].items():
                for lemma in lemmas:
                    by_lemma[lemma].append(word)
        return {lemma: tuple(words) for lemma, words in by_lemma.items()}


@lru_cache(maxsize=1)
def english_tables() -> LemmaTables:
    """The English tables, read once per process."""
    return LemmaTables.load()


def lemmas_of(word: str, tables: LemmaTables | None = None) -> frozenset[str]:
    """Return the lemmas of a lowercase ``word``: itself, and what spaCy's rule lemmatizer gives
    it as a verb, a noun and an adjective.

    Where some part of speech gives a lemma the tables know (from the index of lemmas or the
    irregular forms), the guesses that other parts of speech make for a word they do not know
    are dropped: "developer" is a known noun, not the comparative of an adjective "develop".
    A word no table knows keeps every guess ("architected": architect).

    >>> sorted(lemmas_of("developed")), sorted(lemmas_of("developer"))
    (['develop', 'developed'], ['developer'])
    """
    tables = tables or english_tables()
    known = {word} if any(word in tables.index[pos] for pos in OPEN_CLASSES) else set()
    guesses = {word}
    for pos in OPEN_CLASSES:
        forms, in_tables = rule_lemmatize(word, pos, tables)
        (known if in_tables else guesses).update(forms)
    return frozenset(known | {word}) if known else frozenset(guesses)


def rule_lemmatize(word: str, pos: str, tables: LemmaTables) -> tuple[list[str], bool]:
    """spaCy's ``Lemmatizer.rule_lemmatize`` of a lowercase token without morphology, and
    whether its answer comes from the tables (the lemma index or the irregular forms) rather
    than from a rule applied to a word they do not hold."""
    index = tables.index[pos]
    forms: list[str] = []
    oov: list[str] = []
    for old, new in tables.rules[pos]:
        if word.endswith(old):
            form = word[: len(word) - len(old)] + new
            if not form:
                continue
            if form in index or not form.isalpha():
                forms.append(form)
            else:
                oov.append(form)
    forms += [form for form in tables.exceptions[pos].get(word, ()) if form not in forms]
    if forms:
        return forms, True
    return oov or [word], False


def forms_of(lemmas: Iterable[str], tables: LemmaTables | None = None) -> dict[str, frozenset[str]]:
    """Return every word that lemmatizes to one of ``lemmas`` (lowercase), with those lemmas.

    Equal to ``{w: lemmas_of(w) & set(lemmas)}`` over all words ``w`` for which that is not
    empty, computed from the lemmas: a rule ``(old, new)`` can only turn a word ending in
    ``old`` into a lemma ending in ``new``, and an irregular form is listed by its lemma.
    """
    tables = tables or english_tables()
    wanted = frozenset(lemmas)
    irregular = tables.irregular
    out: dict[str, set[str]] = defaultdict(set)
    for lemma in wanted:
        candidates = {lemma, *irregular.get(lemma, ())}
        for pos in OPEN_CLASSES:
            for old, new in tables.rules[pos]:
                if lemma.endswith(new):
                    candidates.add(lemma[: len(lemma) - len(new)] + old)
        for word in candidates:
            if lemma in lemmas_of(word, tables):
                out[word].add(lemma)
    return {word: frozenset(found) for word, found in out.items()}
