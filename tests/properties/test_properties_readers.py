"""Properties of the readers: any bytes give a Document or a named error, never anything else."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch.errors import DocumentReadError, LimitExceededError
from skillmatch.readers import Document, Limits, iter_documents, read_document

SMALL = Limits(max_file_bytes=4096, max_text_chars=2000)

text_like_bytes = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=500).map(lambda t: t.encode("utf-16", "surrogatepass")),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=500).map(
        lambda t: t.encode("latin-1")
    ),
)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as d:
        yield Path(d)


def _check_document(doc: Document) -> None:
    assert doc.text.strip()
    assert len(doc.text) <= SMALL.max_text_chars
    for start, end in doc.hidden_spans:
        assert 0 <= start < end <= len(doc.text)
    assert len(doc.visible_text) == len(doc.text)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".docx"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=text_like_bytes)
def test_read_any_bytes_gives_document_or_named_error(
    workdir: Path, suffix: str, data: bytes
) -> None:
    path = workdir / f"input{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path, limits=SMALL)
    except (DocumentReadError, LimitExceededError) as err:
        assert err.path is not None and str(path) in str(err)
    else:
        _check_document(doc)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=80),
            st.builds(
                lambda i, t, a: json.dumps({"id": i, "text": t, "as_of": a}),
                st.one_of(st.none(), st.integers(), st.text(max_size=10)),
                st.one_of(st.text(max_size=200), st.integers(), st.none()),
                st.one_of(st.none(), st.just("2024-02-29"), st.text(max_size=12)),
            ),
        ),
        max_size=8,
    )
)
def test_iter_jsonl_yields_one_outcome_per_nonblank_line(workdir: Path, lines: list[str]) -> None:
    path = workdir / "batch.jsonl"
    path.write_text("\n".join(ln.replace("\n", " ").replace("\r", " ") for ln in lines) + "\n")
    # Blank means ASCII whitespace only: str.strip() would also drop "\x1c".."\x1f".
    raw_lines = path.read_bytes().split(b"\n")[:-1]
    expected_lines = [i + 1 for i, ln in enumerate(raw_lines) if ln.strip()]
    out = list(iter_documents(path, limits=SMALL))
    assert len(out) == len(expected_lines)
    for outcome, lineno in zip(out, expected_lines, strict=True):
        if isinstance(outcome, Document):
            assert outcome.source == f"{path}:line {lineno}"
            _check_document(outcome)
        else:
            assert isinstance(outcome, (DocumentReadError, LimitExceededError))
            assert outcome.path == f"{path}:line {lineno}"


_WORDS = st.lists(st.sampled_from(["Python", "Kubernetes", "data", "led", "SQL", "5", "a&amp;b"]))
_HIDING = st.sampled_from(
    ["", "", "style='display:none'", "hidden", "style='color:#fff'", "style='font-size:0'"]
)
_ELEMENT = st.tuples(st.sampled_from(["p", "div", "span", "li", "b"]), _HIDING, _WORDS)


def _html(elements: list[tuple[str, str, list[str]]], *, drop_hidden: bool) -> str:
    parts = [
        f"<{tag} {hiding}>{' '.join(words)}</{tag}>"
        for tag, hiding, words in elements
        if not (drop_hidden and hiding)
    ]
    return "<html><body>" + " ".join(parts) + "</body></html>"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elements=st.lists(_ELEMENT, max_size=8))
def test_html_hidden_text_is_exactly_the_text_of_the_hidden_elements(
    workdir: Path, elements: list[tuple[str, str, list[str]]]
) -> None:
    marked, dropped = workdir / "marked.html", workdir / "dropped.html"
    marked.write_text(_html(elements, drop_hidden=False), encoding="utf-8")
    dropped.write_text(_html(elements, drop_hidden=True), encoding="utf-8")
    outcomes = []
    for path in (marked, dropped):
        try:
            outcomes.append(read_document(path).visible_text.split())
        except DocumentReadError:
            outcomes.append([])
    assert outcomes[0] == outcomes[1]
