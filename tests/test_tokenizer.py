"""The fast tokenizer gives exactly the tokens of spaCy's blank English tokenizer."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch.tokenizer import ChunkTokenizer, blank_pipeline, table_tokenizer, token_table

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = spacy.blank("en").tokenizer
FAST = blank_pipeline().tokenizer

SAMPLES = [
    "Python, Go, Rust\nC++ and C#; .NET, Node.js, can't won't\tI'm\n\n• Kuber-\nnetes",
    "E.G. D.C. N.Y. 0.0 o.O :) <3 He's It's Let's O'clock 'cause y'all",
    "Email jane@example.com, https://example.com/x?y=1 — 3–5 yrs, 7+ years!!",
]


def _tokens(tokenizer, text: str) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(t.idx, t.text) for t in tokenizer(text)]


def test_fast_tokenizer_removes_rules_and_enlarges_cache() -> None:
    assert len(FAST.rules) < len(REFERENCE.rules)
    assert FAST.max_cache_size > REFERENCE.max_cache_size


def test_fast_tokenizer_is_identical_on_real_resumes() -> None:
    lines = (FIXTURES / "real_resumes_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines] + SAMPLES
    for text in texts:
        assert _tokens(FAST, text) == _tokens(REFERENCE, text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(list(REFERENCE.rules)),
            st.text(alphabet="abcXYZ.,;:'-/()!?\n\t +#", max_size=8),
            st.text(max_size=6),
        ),
        max_size=12,
    ).map(" ".join)
)
def test_fast_tokenizer_is_identical_on_any_text(text: str) -> None:
    assert _tokens(FAST, text) == _tokens(REFERENCE, text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(list(REFERENCE.rules)),
            st.text(alphabet="abcXYZ.,;:'-/()!?°%$\"+#", max_size=4),
        ),
        max_size=8,
    ).map("".join)
)
def test_fast_tokenizer_is_identical_when_rules_touch_affixes(text: str) -> None:
    # Found by this property once: without the rule "°c", "°c." kept "c." as one token.
    assert _tokens(FAST, text) == _tokens(REFERENCE, text)


def test_a_rule_that_splits_only_beside_an_affix_is_kept() -> None:
    assert _tokens(FAST, "°c.") == _tokens(REFERENCE, "°c.") == [(0, "°"), (1, "c"), (2, ".")]


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


TEXTS = st.lists(
    st.one_of(
        st.sampled_from(list(REFERENCE.rules)),
        st.text(alphabet="abcXYZ.,;:'-/()!?°%$\"+#\n\r\t\x0c\x1c\u2028\u00a0 ", max_size=8),
        st.text(max_size=6),
    ),
    max_size=12,
).map(lambda parts: " ".join(parts))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_chunk_tokenizer_equals_doc_tokens_on_any_text(text: str) -> None:
    # A small cache, so that the property also runs through clearing it.
    for tokenizer in (FAST, REFERENCE):
        chunked = ChunkTokenizer(tokenizer, cache_size=8)
        assert chunked(text) == chunked(text) == _table(tokenizer, text)


def test_table_tokenizer_goes_through_a_doc_when_a_special_case_holds_a_space() -> None:
    nlp = spacy.blank("en")
    assert isinstance(table_tokenizer(nlp), ChunkTokenizer)
    nlp.tokenizer.add_special_case("New York", [{"ORTH": "New York"}])
    tokenize = table_tokenizer(nlp)
    assert not isinstance(tokenize, ChunkTokenizer)
    assert tokenize("I moved to New York.").orth == ["I", "moved", "to", "New York", "."]
