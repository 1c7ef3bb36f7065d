"""The fast paths give exactly what the plain paths they replace give."""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import random
import re
import sys
from pathlib import Path

import numpy as np
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist
from spacy.tokens import Doc

from skillmatch.matching import SkillIndex
from skillmatch.matching.candidates import (
    EXACT,
    NORM_START,
    STEPS,
    UNCOMMON,
    Occurrences,
    WordFacts,
)
from skillmatch.matching.exact import MAX_NORM_WORDS, exact_candidates, normalized_candidates
from skillmatch.matching.fuzzy import REACH_FILTER, FuzzyTables, char_classes, within_reach
from skillmatch.matching.status import (
    CUE_REACH,
    DELEGATION,
    HANDED_OFF,
    NEG_CUES,
    STATUS_CUES,
    TEAM,
    sentence_bounds,
    status_of,
)
from skillmatch.matching.words import (
    SENTENCE_END,
    norm_strip,
    uncommon_gram_word,
)
from skillmatch.taxonomy import Taxonomy
from skillmatch.text import TokenTable, blank_pipeline, token_table, tokenize_phrases

FIXTURES = Path(__file__).parents[1] / "fixtures"
NLP = blank_pipeline()
BLANK = spacy.blank("en")
TAXONOMY = Taxonomy.default()


def _reference_table(doc: Doc) -> TokenTable:
    """The Token-by-Token loop that ``token_table`` replaced."""
    orth, lower, starts, ends, brk = [], [], [], [], []
    pending = True
    text = doc.text
    for tok in doc:
        if tok.text.isspace():
            pending = pending or "\n" in tok.text
            continue
        if not pending and starts and "\n" in text[ends[-1] : tok.idx]:
            pending = True
        orth.append(tok.text)
        lower.append(tok.lower_)
        starts.append(tok.idx)
        ends.append(tok.idx + len(tok.text))
        brk.append(pending)
        pending = False
    return TokenTable(text, orth, lower, starts, ends, brk)


def test_token_table_equals_token_loop_on_real_resumes() -> None:
    lines = (FIXTURES / "real_resumes_sample.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        doc = NLP.make_doc(json.loads(line)["text"])
        assert token_table(doc) == _reference_table(doc)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab C#.-\n\t \r'é")), max_size=40) | st.text())
def test_token_table_equals_token_loop_on_any_text(text: str) -> None:
    doc = NLP.make_doc(text)
    assert token_table(doc) == _reference_table(doc)


def _spacy_split(nlp: spacy.language.Language, text: str) -> list[str]:
    return [t.text for t in nlp.tokenizer(text) if not t.is_space]


def test_tokenize_phrases_equals_spacy_on_default_aliases_and_special_cases() -> None:
    tax = TAXONOMY
    texts = {a.text for s in tax.skills for a in (*s.aliases, *s.evidence)}
    texts |= {"cannot", "dont", "Im", "gonna", "e g", "y all", "wanna", "US", "Jan", "a  b"}
    for nlp in (NLP, BLANK, spacy.blank("de")):
        got = tokenize_phrases(nlp, texts)
        assert got == {t: _spacy_split(nlp, t) for t in texts}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), min_size=1, max_size=4))
def test_tokenize_phrases_equals_spacy_on_plain_words(words: list[str]) -> None:
    text = " ".join(words)
    assert tokenize_phrases(BLANK, [text])[text] == _spacy_split(BLANK, text)


def _all_distances(choices: list[str], grams: list[str]) -> list[tuple[int, int, int]]:
    matrix = cdist(grams, choices, scorer=OSA.distance, score_cutoff=2, workers=1, dtype=None)
    return [
        (int(g), int(c), int(matrix[g, c]))
        for g, c in zip(*np.nonzero(matrix <= 2), strict=True)
        if grams[g][0] == choices[c][0] and abs(len(grams[g]) - len(choices[c])) <= 2
    ]


WORD = st.from_regex(r"[abkx]{1,9}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=30, unique=True), st.lists(WORD, min_size=1))
def test_fuzzy_distances_keep_every_acceptable_pair(choices: list[str], grams: list[str]) -> None:
    tables = FuzzyTables(choices, list(range(len(choices))))
    assert tables.distances(grams) == _all_distances(choices, grams)


def test_bench_large_taxonomy_has_two_aliases_per_skill() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_run", Path(__file__).parents[2] / "bench" / "run.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    tax = module._large_taxonomy(300)
    assert len(tax.skills) == 300
    assert all(len(s.aliases) == 2 for s in tax.skills)
    assert len({a.text.lower() for s in tax.skills for a in s.aliases}) == 600


def test_default_taxonomy_from_libyaml_equals_pure_python_parse() -> None:
    from skillmatch.taxonomy import parse_data_text

    resource = importlib.resources.files("skillmatch").joinpath("data", "default.yaml")
    text = resource.read_text(encoding="utf-8")
    plain = Taxonomy.from_dict(parse_data_text(text, source="default.yaml"))
    assert Taxonomy.default() == plain
    assert Taxonomy.default().dump_json() == plain.dump_json()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abc \n", max_size=300))
def test_token_table_with_known_text_equals_rebuilt_text(text: str) -> None:
    doc = NLP.make_doc(text)
    assert token_table(doc, text) == token_table(doc)


_PLAIN_FIX = re.compile(
    r"[^\x00-\x7f]+"
    r"|(?<=[A-Za-z])-[ \t]*\r?\n[ \t]*(?=[A-Za-z])"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+"
)


def _plain_normalize(text: str) -> object:
    """``normalize`` with the plain pattern: every non-ASCII char is looked at."""
    from skillmatch.text import normalization as text_module

    fast = text_module._FIX
    text_module._FIX = _PLAIN_FIX
    try:
        return text_module.normalize(text)
    finally:
        text_module._FIX = fast


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab -\n\r\t\x00\x07\x7f\x80éÿ•–—\u00ad\ufb01"), max_size=60)
)
def test_normalize_with_the_fast_pattern_equals_the_plain_pattern(text: str) -> None:
    from skillmatch.text import normalize

    assert normalize(text) == _plain_normalize(text)


def test_normalize_with_the_fast_pattern_equals_the_plain_pattern_on_real_resumes() -> None:
    from skillmatch.text import normalize

    for line in (
        (FIXTURES / "real_resumes_sample.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    ):
        text = json.loads(line)["text"]
        assert normalize(text) == _plain_normalize(text)


def _reference_sentences(lower: list[str], brk: list[bool]) -> tuple[list[int], list[int]]:
    """Two passes over every token: the sentence bounds of each token."""
    n = len(lower)
    first, lo = [0] * n, 0
    for k in range(n):
        if k > 0 and (brk[k] or lower[k - 1] in SENTENCE_END):
            lo = k
        first[k] = lo
    last, hi = [n] * n, n
    for k in range(n - 1, -1, -1):
        if k + 1 < n and (brk[k + 1] or lower[k + 1] in SENTENCE_END):
            hi = k + 1
        last[k] = hi
    return first, last


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", ".", ";", "b", "•"]), st.booleans()), max_size=60))
def testsentence_bounds_equal_per_token_passes_within_cue_reach(
    tokens: list[tuple[str, bool]],
) -> None:
    lower = ["a"] + [w for w, _ in tokens]
    brk = [True] + [b for _, b in tokens]
    n = len(lower)
    table = TokenTable(" ".join(lower), lower, lower, list(range(n)), list(range(n)), brk)
    first, last = _reference_sentences(lower, brk)
    for i in range(n):
        for j in range(i + 1, n + 1):
            expected = (max(first[i], i - CUE_REACH), min(last[j - 1], j + CUE_REACH))
            assert sentence_bounds(table, i, j) == expected


# Mostly other words, so that many windows hold no cue word; cues of several words whole.
CUE_PHRASE = st.one_of(
    st.sampled_from(["x", "sql", "required", "needed", ".", "job", "uses", "trains"]).map(
        lambda w: (w,)
    ),
    st.sampled_from(sorted({(w,) for w in (*NEG_CUES, *TEAM)} | set(HANDED_OFF + DELEGATION))),
    st.just(("x",)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(CUE_PHRASE, st.booleans()), min_size=1, max_size=20))
def test_mention_without_a_cue_wordwithin_reach_is_counted(
    phrases: list[tuple[tuple[str, ...], bool]],
) -> None:
    lower: list[str] = []
    brk: list[bool] = []
    for phrase, line_break in phrases:
        brk += [line_break or not lower] + [False] * (len(phrase) - 1)
        lower += phrase
    n = len(lower)
    table = TokenTable(" ".join(lower), lower, lower, list(range(n)), list(range(n)), brk)
    for i in range(n):
        for j in range(i + 1, min(n, i + 4) + 1):
            if STATUS_CUES.isdisjoint(lower[max(0, i - CUE_REACH) : j + CUE_REACH]):
                assert status_of(table, i, j, True, True) == "counted"


def _common_gram(gram: str) -> bool:
    """The per-gram test that ``uncommon_gram_word`` answers per token (words, joiners)."""
    from wordfreq import zipf_frequency

    parts = [p for p in re.split(r"[\s\-]+", gram) if p]
    return bool(parts) and all(zipf_frequency(p, "en") >= 2.5 for p in parts)


GRAM_TOKEN = st.sampled_from(
    ["python", "data", "kubernates", "-", ".", "pytorch", "ml", "vu.js", "team", "zzq"]
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["python", "data", "kubernates", "pytorch", "zzq"]), st.lists(GRAM_TOKEN))
def test_gram_is_uncommon_when_one_of_its_tokens_is(first: str, rest: list[str]) -> None:
    words = [first, *rest]
    uncommon = any(uncommon_gram_word(w) for w in words)
    assert uncommon == (not _common_gram(" ".join(words)))


_STEP_INDEX = SkillIndex.build(TAXONOMY, NLP)
_PATTERNS = _STEP_INDEX.patterns.patterns
_STEP_WORDS = sorted(
    {w.lower().rstrip("*") for p in _PATTERNS for step in p.rule.steps for w in step}
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.sampled_from(_STEP_WORDS),
        st.tuples(st.sampled_from(_STEP_WORDS), st.text(alphabet="eds-ing", max_size=4)).map(
            "".join
        ),
        st.text(max_size=8),
    )
)
def test_pattern_steps_of_a_word_equal_trying_every_step(word: str) -> None:
    steps = [step for pat in _PATTERNS for step in pat.steps]
    expected = frozenset(
        k
        for k, (exact, prefixes) in enumerate(steps)
        if word in exact or (prefixes and word.startswith(prefixes))
    )
    facts = _STEP_INDEX.facts_of(word)
    assert (facts.steps if facts else frozenset()) == expected


FACT_WORDS = {
    "a": WordFacts(True, "", frozenset(), False, frozenset()),
    "b": WordFacts(False, "b", frozenset({1}), False, frozenset()),
    "c": WordFacts(False, "", frozenset(), True, frozenset({4})),
    "d": WordFacts(True, "d", frozenset({2, 3}), True, frozenset()),
}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*FACT_WORDS, "x", "y"]), max_size=40))
def test_occurrences_where_equal_a_loop_over_every_token(lower: list[str]) -> None:
    occurrences = Occurrences(lower, FACT_WORDS)
    for fact in (EXACT, NORM_START, STEPS, UNCOMMON):
        at = [t for t, w in enumerate(lower) if w in FACT_WORDS and fact(FACT_WORDS[w])]
        assert occurrences.where(fact) == (at, [FACT_WORDS[lower[t]] for t in at])


def _plain_exact(index: SkillIndex, table: TokenTable) -> list[tuple[int, int, int]]:
    """Every exact phrase checked at every token: ``(entry id, start token, end token)``."""
    found: tuple[list[tuple[int, int, int]], ...] = ([], [])
    n = len(table.lower)
    for i in range(n):
        for out, phrases, forms in zip(
            found, (index.exact.ci, index.exact.cs), (table.lower, table.orth), strict=True
        ):
            for phrase, idx in phrases.get(forms[i], ()):
                if tuple(forms[i : i + len(phrase)]) == phrase:
                    out.append((id(index.entries[idx]), i, i + len(phrase)))
    return found[0] + found[1]


_PHRASE_WORDS = sorted(
    {
        w
        for lst in (*_STEP_INDEX.exact.ci.values(), *_STEP_INDEX.exact.cs.values())
        for p, _ in lst
        for w in p
    }
)
_ON_DATA = sorted(
    {w for first in ("on", "data", "google") for p, _ in _STEP_INDEX.exact.ci[first] for w in p}
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_ON_DATA), st.sampled_from(_PHRASE_WORDS), st.just("x")),
        max_size=30,
    )
)
def test_exact_phrases_grouped_by_second_word_equal_checking_every_phrase(
    words: list[str],
) -> None:
    orth = [w.capitalize() if len(w) % 3 == 0 else w for w in words]
    n = len(orth)
    table = TokenTable(
        " ".join(orth), orth, [w.lower() for w in orth], [0] * n, [1] * n, [True] * n
    )
    occurrences = Occurrences(table.lower, _STEP_INDEX.facts(set(table.lower)))
    found = exact_candidates(_STEP_INDEX.exact, _STEP_INDEX.entries, table, occurrences)
    got = [(id(m.entry), m.i, m.j) for m in found]
    assert got == _plain_exact(_STEP_INDEX, table)


def _plain_normalized(index: SkillIndex, table: TokenTable) -> list[tuple[int, int, int]]:
    """Every key grown from every start token: ``(entry id, start token, end token)``.

    A key holds at most ``MAX_NORM_WORDS`` words (separators such as "-" are not words) and
    stops at a line break (but after a hyphen) and after a full stop followed by a space.
    """
    lower, n, found = table.lower, len(table.lower), []
    for i in range(n):
        key = norm_strip(lower[i])
        words, j = 1, i + 1
        while key and key in index.exact.norm_prefixes:
            for idx in index.exact.normalized.get(key, ()):
                if index.exact.ci_phrase.get(idx) != tuple(lower[i:j]):
                    found.append((id(index.entries[idx]), i, j))
            if j == n or words == MAX_NORM_WORDS or j - i == 2 * MAX_NORM_WORDS - 1:
                break
            if table.brk[j] and not lower[j - 1].endswith("-"):
                break
            if lower[j - 1].endswith(".") and table.starts[j] != table.ends[j - 1]:
                break
            part = norm_strip(lower[j])
            key += part
            words += part != ""
            j += 1
    return found


_KEY_PIECES = sorted(
    {k[:3] for k in _STEP_INDEX.exact.normalized} | {k[3:] for k in _STEP_INDEX.exact.normalized}
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*_KEY_PIECES, "to", "a", "-", ".", "/", "x"]),
            st.sampled_from([" ", "", "\n"]),
        ),
        max_size=30,
    )
)
def test_normalized_starts_dropped_early_equal_growing_every_start(
    tokens: list[tuple[str, str]],
) -> None:
    """``tokens`` are (word, the whitespace before it)."""
    lower = [w for w, _ in tokens]
    text, starts = "", []
    for word, space in tokens:
        text += space if text else ""
        starts.append(len(text))
        text += word
    ends = [a + len(w) for a, w in zip(starts, lower, strict=True)]
    brk = [t == 0 or space == "\n" for t, (_, space) in enumerate(tokens)]
    table = TokenTable(text, lower, lower, starts, ends, brk)
    occurrences = Occurrences(lower, _STEP_INDEX.facts(set(lower)))
    found = normalized_candidates(_STEP_INDEX.exact, _STEP_INDEX.entries, table, occurrences)
    got = [(id(m.entry), m.i, m.j) for m in found]
    assert got == _plain_normalized(_STEP_INDEX, table)


TEXT = st.text(alphabet="abkxé0\u0100-", max_size=12)


@settings(max_examples=500, deadline=None)
@given(TEXT, TEXT)
def test_texts_within_two_edits_arewithin_reach_by_classes(a: str, b: str) -> None:
    if OSA.distance(a, b) <= 2:
        assert within_reach(char_classes([a]), char_classes([b])).all()


# One first letter, so that they are scored by length groups over the filter's threshold.
_MANY_CHOICES = sorted(
    {"a" + "".join(random.Random(k).choices("abkxy", k=4 + k % 5)) for k in range(1200)}
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.from_regex(r"a[abkxy]{3,9}", fullmatch=True), min_size=1, max_size=8))
def test_fuzzy_distances_in_a_large_group_keep_every_acceptable_pair(grams: list[str]) -> None:
    assert len(_MANY_CHOICES) > REACH_FILTER
    tables = FuzzyTables(_MANY_CHOICES, list(range(len(_MANY_CHOICES))))
    assert tables.distances(grams) == _all_distances(_MANY_CHOICES, grams)
