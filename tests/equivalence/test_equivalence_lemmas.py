"""Word families: the look-up of precomputed forms gives what spaCy's own lemmatizer gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from skillmatch.matching.lemmas import (
    OPEN_CLASSES,
    english_tables,
    forms_of,
    lemmas_of,
    rule_lemmatize,
)
from skillmatch.taxonomy import Taxonomy

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "real_resumes_sample.jsonl"


@pytest.fixture(scope="module")
def spacy_lemmatizer() -> tuple[spacy.language.Language, object]:
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lemmatizer.initialize()
    return nlp, lemmatizer


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", json.loads(line)["text"]))
    return sorted(words)


VOCABULARY = _vocabulary()


def test_rule_lemmatize_equals_spacy_lemmatizer_on_real_words(spacy_lemmatizer) -> None:  # type: ignore[no-untyped-def]
    nlp, lemmatizer = spacy_lemmatizer
    tables = english_tables()
    for word in VOCABULARY:
        for pos in OPEN_CLASSES:
            doc = Doc(nlp.vocab, words=[word])
            doc[0].pos_ = pos.upper()
            expected = lemmatizer.rule_lemmatize(doc[0])  # type: ignore[attr-defined]
            assert set(rule_lemmatize(word, pos, tables)[0]) == set(expected), (word, pos)


def _lemmas_of_default_taxonomy() -> list[str]:
    taxonomy = Taxonomy.default()
    terms = [t for f in taxonomy.work.families.values() for t in f]
    for skill in taxonomy.skills:
        for rule in skill.work:
            terms += [t for t in (*rule.actions, *rule.objects) if not t.startswith("@")]
    return sorted({w.lower() for t in terms for w in re.split(r"[\s-]+", t) if w})


LEMMAS = _lemmas_of_default_taxonomy()


def test_forms_of_equals_lemmatizing_every_word() -> None:
    forms = forms_of(LEMMAS)
    wanted = set(LEMMAS)
    # Every word of real résumés, every form found and every candidate the rules make.
    words = set(VOCABULARY) | set(forms) | {w + s for w in LEMMAS for s in ("s", "ed", "ing")}
    for word in words:
        expected = lemmas_of(word) & wanted
        assert forms.get(word, frozenset()) == expected, word


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LEMMAS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=4))
def test_forms_of_finds_every_word_lemmatized_to_a_lemma(lemma: str, tail: str) -> None:
    word = lemma[: max(1, len(lemma) - len(tail) // 2)] + tail
    found = forms_of([lemma]).get(word, frozenset())
    assert found == (lemmas_of(word) & {lemma})


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("deployed", "deploy"),
        ("deploying", "deploy"),
        ("built", "build"),
        ("took", "take"),
        ("shipped", "ship"),
        ("architected", "architect"),
        ("optimised", "optimise"),
        ("latencies", "latency"),
        ("fine-tuned", "fine-tune"),
    ],
)
def test_inflections_come_from_the_lemmatizer(word: str, lemma: str) -> None:
    assert lemma in lemmas_of(word)
    assert lemma in forms_of([lemma])[word]


def test_a_known_noun_is_not_an_adjective_guess() -> None:
    assert "develop" not in lemmas_of("developer")
    assert "design" not in lemmas_of("designer")
