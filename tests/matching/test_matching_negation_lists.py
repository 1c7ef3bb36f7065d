"""A negation before a list negates every item of it, and nothing past the list."""

from __future__ import annotations

import pytest

from skillmatch.matcher import SkillMatcher

# (text, negated, counted)
TRAPS = [
    ("No experience with Kubernetes, Docker or AWS.", {"kubernetes", "docker", "aws"}, set()),
    ("No experience with Kubernetes.", {"kubernetes"}, set()),
    ("Not familiar with Docker or AWS; strong Python.", {"docker", "aws"}, {"python"}),
    (
        "Without Docker, Kubernetes, AWS, PyTorch, TensorFlow or Spark.",
        {"docker", "kubernetes", "aws", "pytorch", "tensorflow"},
        set(),
    ),
    ("Neither Docker nor Kubernetes nor AWS is required.", {"docker", "kubernetes", "aws"}, set()),
    ("We have no Google Cloud Platform, Azure or AWS budget.", {"gcp", "azure", "aws"}, set()),
    # The list ends where the clause, sentence or line does.
    ("No Kubernetes needed, but Docker and AWS are a must.", {"kubernetes"}, {"docker", "aws"}),
    ("Experience with Python, no Kubernetes.", {"kubernetes"}, {"python"}),
    ("No Kubernetes.\nPython, AWS, Docker", {"kubernetes"}, {"python", "aws", "docker"}),
    ("Python, Go and Rust; no Kubernetes needed.", {"kubernetes"}, {"python", "go", "rust"}),
    # "with" ends a clause unless a negation governs it.
    ("No problem working with Kubernetes and AWS.", set(), {"kubernetes", "aws"}),
]


@pytest.mark.parametrize(("text", "negated", "counted"), TRAPS)
def test_negation_scope_covers_the_list_it_governs(
    matcher: SkillMatcher, text: str, negated: set[str], counted: set[str]
) -> None:
    result = matcher.match(text)
    assert {m.skill_id for m in result.excluded if m.status == "negated"} == negated
    assert set(result.skill_ids) == counted
