"""Normalization cleans PDF and word-processor artefacts and keeps offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillmatch.text import normalize


@pytest.mark.parametrize(
    ("original", "cleaned"),
    [
        ("ﬁne-tuning and ﬂows", "fine-tuning and flows"),
        ("Kuber-\nnetes", "Kuber-netes"),
        ("retrieval-\r\naugmented", "retrieval-augmented"),
        ("Google\u00a0Cloud", "Google Cloud"),
        ("Py\u00adTorch", "PyTorch"),
        ("Ten\u200bsor", "Tensor"),
        ("▪ Python\n◦ SQL", "• Python\n• SQL"),
        ("Ｐｙｔｈｏｎ", "Python"),
        ("plain text\nstays", "plain text\nstays"),
    ],
)
def test_normalize_cleans_artefacts(original: str, cleaned: str) -> None:
    assert normalize(original).text == cleaned


def test_words_map_back_to_the_original() -> None:
    original = "Built ﬁne-tuned models on Kuber-\nnetes with\u00a0PyTorch"
    n = normalize(original)
    spans = {m.group(): n.span_to_original(*m.span()) for m in re.finditer(r"[\w-]+", n.text)}
    assert original[slice(*spans["fine-tuned"])] == "ﬁne-tuned"
    assert original[slice(*spans["Kuber-netes"])] == "Kuber-\nnetes"
    assert original[slice(*spans["PyTorch"])] == "PyTorch"


@given(st.text())
def test_every_span_maps_inside_the_original(text: str) -> None:
    n = normalize(text)
    for start in range(0, len(n.text) + 1, max(1, len(n.text) // 7 or 1)):
        for end in (start, min(len(n.text), start + 3), len(n.text)):
            if end < start:
                continue
            s, e = n.span_to_original(start, end)
            assert 0 <= s <= e <= len(text)


def test_long_punctuation_runs_are_blanked_with_the_same_length() -> None:
    text = "Python\n" + "-" * 40 + "\nC++ and C#; ok!!!"
    n = normalize(text)
    assert len(n.text) == len(text)
    assert n.text == "Python\n" + " " * 40 + "\nC++ and C#; ok!!!"
