"""Properties of matching on arbitrary text (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch.matcher import SkillMatcher
from strategies import assert_evidence_valid

WORDS = [
    "Python", "Go", "go", "Rust", "R&D", "C#", "C++", "Kubernetes", "Kubernates", "no", "not",
    "needed", "TensorFlow", "Tensor", "Flow", "Google", "Cloud", "Platform", "deployed",
    "production", "the", "team", "Kuber-\nnetes", "ﬁne-tuned", "\u00a0", "\n", "•", "5+ years",
    "Senior", "Jan 2019 – Present", "AWS", "EKS", "pipelines", "agent", "edge", "🙂", "\u200b",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=5)), max_size=30).map("".join),
)


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(texts)
def test_match_never_raises_evidence_is_valid(matcher: SkillMatcher, text: str) -> None:
    assert_evidence_valid(text, matcher.match(text))


@SETTINGS
@given(st.lists(texts, max_size=4))
def test_pipe_equals_match(matcher: SkillMatcher, batch: list[str]) -> None:
    assert list(matcher.pipe(batch)) == [matcher.match(t) for t in batch]


def test_match_survives_hostile_strings(matcher: SkillMatcher) -> None:
    hostile = [
        "\ud800 lone surrogate Python",
        "\u202eright-to-left Kubernetes\u202c",
        "emoji 🐍 Python 🚀",
        "\x00\x01\x02 control Python",
        "x" * 200_000 + " Python",
        ("Python " * 20_000),
        # Shapes that were once quadratic: one long sentence of gated skills, punctuation runs.
        "Python, Go, Rust; " * 6_000,
        "5 years of Python " * 6_000,
        ";" * 20_000 + " Python " + "-" * 5_000,
    ]
    for text in hostile:
        assert_evidence_valid(text, matcher.match(text))
