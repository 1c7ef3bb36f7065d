"""The chunk tokenizer gives exactly the tokens of spaCy's blank English tokenizer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokenizer import Tokenizer

from skillmatch.text.affixes import Affixes, affix_spans
from skillmatch.text.tokenize import (
    ChunkTokenizer,
    blank_pipeline,
    table_tokenizer,
    token_table,
    tokenize_phrases,
)
from strategies import hostile_units, repeat_to

FIXTURES = Path(__file__).parents[1] / "fixtures"
REFERENCE = spacy.blank("en").tokenizer

SAMPLES = [
    "Python, Go, Rust\nC++ and C#; .NET, Node.js, can't won't\tI'm\n\n• Kuber-\nnetes",
    "E.G. D.C. N.Y. 0.0 o.O :) <3 He's It's Let's O'clock 'cause y'all",
    "Email jane@example.com, https://example.com/x?y=1 — 3–5 yrs, 7+ years!!",
]


def test_token_table_drops_spaces_and_marks_line_breaks() -> None:
    doc = blank_pipeline().make_doc("Python  Go\nRust")
    table = token_table(doc)
    assert table.orth == ["Python", "Go", "Rust"]
    assert table.brk == [True, False, True]
    assert [doc.text[s:e] for s, e in zip(table.starts, table.ends, strict=True)] == table.orth


def _table(tokenizer, text: str):  # type: ignore[no-untyped-def]
    return token_table(tokenizer(text))


def test_chunk_tokenizer_equals_doc_tokens_on_real_resumes() -> None:
    lines = (FIXTURES / "real_resumes_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines] + SAMPLES
    chunked = ChunkTokenizer(REFERENCE)
    for text in texts:
        assert chunked(text) == _table(REFERENCE, text)


PIECES = st.lists(
    st.one_of(
        st.sampled_from(list(REFERENCE.rules)),
        st.text(alphabet="abcXYZ.,;:'-/()!?°%$\"+#\n\r\t\x0c\x1c\u2028\u00a0 ", max_size=8),
        st.text(max_size=6),
    ),
    max_size=12,
)
# Pieces apart, and glued so that special cases touch affixes ("°c." is not "°c" + "."), and
# stretches of them between other whitespace (spaCy tokenizes each stretch on its own).
TEXTS = (
    PIECES.map(" ".join)
    | PIECES.map("".join)
    | st.lists(
        st.tuples(PIECES.map(" ".join), st.sampled_from(["\n", "  ", " \n", "\t", "\u2028"])),
        max_size=4,
    ).map(lambda parts: "".join(p + sep for p, sep in parts))
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_chunk_tokenizer_equals_doc_tokens_on_any_text(text: str) -> None:
    # A small cache, so that the property also runs through clearing it.
    chunked = ChunkTokenizer(REFERENCE, cache_size=8)
    assert chunked(text) == chunked(text) == _table(REFERENCE, text)


def test_table_tokenizer_goes_through_a_doc_when_a_special_case_holds_a_space() -> None:
    nlp = spacy.blank("en")
    assert isinstance(table_tokenizer(nlp), ChunkTokenizer)
    nlp.tokenizer.add_special_case("New York", [{"ORTH": "New York"}])
    tokenize = table_tokenizer(nlp)
    assert not isinstance(tokenize, ChunkTokenizer)
    assert tokenize("I moved to New York.").orth == ["I", "moved", "to", "New York", "."]
    # Aliases are split the same way, so a skill named "New York" is found in the text.
    assert tokenize_phrases(nlp, ["New York", "York"]) == {
        "New York": ["New York"],
        "York": ["York"],
    }


def test_chunk_tokenizer_follows_special_cases_that_reach_across_chunks() -> None:
    # Found by the property: spaCy splits ":*" apart after ":::) " (a special-case match
    # across the space hides the ":*" rule) but not after a "\x1c"; chunks learnt together
    # must not influence each other either.
    chunked = ChunkTokenizer(REFERENCE)
    for text in (":::) :*''", ":::)\x1c:*''", "(^_^))\x1c:*''", "Skills: 3 years :)"):
        assert chunked(text) == _table(REFERENCE, text)
    assert chunked(":::) :*''").orth[-3:] == [":", "*", "''"]
    assert chunked(":::)\x1c:*''").orth[-2:] == [":*", "''"]


# A tokenizer with odd rules, for the chunk split in Python: a prefix found past the start (spaCy
# cuts its length off the start), empty suffix and infix matches, an infix at the start (kept
# in the next token), token and URL matches, and special cases made of affix-split tokens.
ODD = Tokenizer(
    REFERENCE.vocab,
    rules={
        "ab": [{"ORTH": "a"}, {"ORTH": "b"}],
        "(c": [{"ORTH": "(c"}],
        "#-": [{"ORTH": "#"}, {"ORTH": "-"}],
    },
    prefix_search=re.compile(r"[(\"']|a?[#$]").search,
    suffix_search=re.compile(r"[)\"',.]$|c*$").search,
    infix_finditer=re.compile(r"-|(?=[A-Z])|^[!?]").finditer,
    token_match=re.compile(r"#\w+$").match,
    url_match=re.compile(r"\w-\w").match,
)
ODD_TEXTS = st.lists(
    st.one_of(
        st.sampled_from([*ODD.rules, "a-b", "B-a"]),
        st.text(alphabet="abcAB#$-.,'\"()!? \n\t"),
    ),
    max_size=10,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(ODD_TEXTS)
def test_chunk_tokenizer_equals_doc_tokens_with_any_affix_rules(text: str) -> None:
    chunked = ChunkTokenizer(ODD, cache_size=8)
    assert chunked(text) == chunked(text) == _table(ODD, text)


# Long chunks of affixes: each affix search reads a window at the chunk's end, not the whole
# rest of the chunk, which made spaCy's own split quadratic. It must still be spaCy's split.
LONG_CHUNKS = st.text(alphabet="()[]'\".,:;!?-#$%…a1", min_size=40, max_size=300) | st.builds(
    lambda unit, n, tail: unit * n + tail,
    st.text(alphabet="()'.\"-,a1…", min_size=1, max_size=4),
    st.integers(10, 120),
    st.text(alphabet="().'a1", max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(LONG_CHUNKS)
def test_affix_split_of_a_long_chunk_equals_spacys(chunk: str) -> None:
    plain = Tokenizer(
        REFERENCE.vocab,
        rules={},
        prefix_search=REFERENCE.prefix_search,
        suffix_search=REFERENCE.suffix_search,
        infix_finditer=REFERENCE.infix_finditer,
        url_match=REFERENCE.url_match,
    )
    spans, _ = affix_spans(Affixes(plain), chunk)
    assert spans == tuple((t.idx, t.idx + len(t)) for t in plain(chunk))


class _Counted:
    """Wraps a tokenizer function and counts the characters handed to it: the work the
    tokenizer's regular expressions do, which wall time on a shared machine cannot show."""

    def __init__(self, fn):  # type: ignore[no-untyped-def]
        self.fn = fn
        self.__self__ = fn.__self__  # the pattern, as a bound search method has it
        self.chars = 0

    def __call__(self, string: str):  # type: ignore[no-untyped-def]
        self.chars += len(string)
        return self.fn(string)


_COUNTED = [
    _Counted(f)
    for f in (
        REFERENCE.prefix_search,
        REFERENCE.suffix_search,
        REFERENCE.infix_finditer,
        REFERENCE.url_match,
    )
]
COUNTED = Tokenizer(
    REFERENCE.vocab,
    rules=REFERENCE.rules,
    prefix_search=_COUNTED[0],
    suffix_search=_COUNTED[1],
    infix_finditer=_COUNTED[2],
    url_match=_COUNTED[3],
)


def _work(text: str) -> int:
    """Characters the tokenizer's affix, infix and URL functions read for ``text``, from a
    cold start (spaCy, asked about chunks a special case may split, counts too)."""
    tokenize = ChunkTokenizer(COUNTED)
    for f in _COUNTED:
        f.chars = 0
    tokenize(text)
    return sum(f.chars for f in _COUNTED)


@settings(max_examples=40, deadline=None)
@given(hostile_units, st.sampled_from(["", " ", "\n"]))
def test_tokenizer_work_per_char_stays_bounded_as_text_grows_tenfold(unit: str, glue: str) -> None:
    # Linear by construction: a chunk of thousands of brackets, quotes or "2019-" costs each
    # character a bounded number of regex steps, never a search of the rest of the chunk.
    small, large = repeat_to(unit + glue, 1_000), repeat_to(unit + glue, 10_000)
    per_char_small, per_char_large = _work(small) / len(small), _work(large) / len(large)
    assert per_char_large <= 2 * per_char_small + 1  # quadratic work would be 10x
    assert _work(large) <= 100 * len(large)
