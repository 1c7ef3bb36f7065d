"""``SkillMatcher.find_skills``: the skills of ``match``, with their evidence, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillmatch.matcher import SkillMatcher
from skillmatch.models import SkillHit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

WORDS = [
    "Python", "Go", "go", "Rust", "R&D", "C#", "C++", "Kubernetes", "Kubernates", "no", "not",
    "needed", "TensorFlow", "Tensor", "Flow", "Google", "Cloud", "Platform", "deployed",
    "production", "the", "team", "Kuber-\nnetes", "ﬁne-tuned", "\u00a0", "\n", "•", "5+ years",
    "Senior", "Jan 2019 – Present", "AWS", "EKS", "pipelines", "agent", "edge", "🙂", "SQL,",
    "Docker,", "Airflow", "Spark", "Kafka", "LangChain", "RAG", "PyTorch", "led a team",
]  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=5)), max_size=30).map("".join),
)


def _without_layout(hits: list[SkillHit]) -> list[SkillHit]:
    """A résumé's hits without what needs the text's layout (years)."""
    return [h.model_copy(update={"years": None}) for h in hits]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TEXTS)
def test_find_skills_gives_the_skills_of_match(matcher: SkillMatcher, text: str) -> None:
    assert matcher.find_skills(text) == _without_layout(matcher.match(text, kind="resume").skills)


def test_find_skills_gives_the_skills_of_match_on_real_texts(matcher: SkillMatcher) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "resumes").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "jobs").glob("*.txt"))]
    lines = (FIXTURES / "real_resumes_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["text"] for line in lines if line.strip()]
    found = 0
    for text in texts:
        full = matcher.match(text, kind="resume").skills
        assert matcher.find_skills(text) == _without_layout(full)
        found += len(full)
    assert found > 50


def test_find_skills_in_a_posting_says_nothing_of_requirement(matcher: SkillMatcher) -> None:
    text = "Requirements: Python and Docker.\nNice to have: Rust."
    job = matcher.match(text, kind="job").skills
    assert {h.skill_id: h.requirement for h in job} == {
        "python": "required",
        "docker": "required",
        "rust": "preferred",
    }
    hits = matcher.find_skills(text)
    assert [h.skill_id for h in hits] == [h.skill_id for h in job]
    assert all(h.requirement is None and h.years is None for h in hits)
    assert all(m.requirement is None for h in hits for m in h.mentions)


def test_find_skills_keeps_hidden_and_capped_evidence_as_match_does(
    matcher: SkillMatcher,
) -> None:
    listed = (
        "Python Docker Kubernetes AWS GCP Azure PyTorch TensorFlow Airflow Spark Kafka SQL Rust"
    )
    wall = "Skills\n" + "\n".join(listed.split())
    text = wall + "\nBuilt services in Scala."
    hidden = [(text.index("Python"), text.index("Python") + 6)]
    full = matcher.match(text, kind="resume", hidden_spans=hidden)
    assert any(h.score == 0.5 for h in full.skills)  # the keyword wall caps confidence
    assert any(m.status == "hidden" for m in full.excluded)
    assert "python" not in full.skill_ids
    assert matcher.find_skills(text, hidden_spans=hidden) == _without_layout(full.skills)


def test_find_skills_refuses_bytes(matcher: SkillMatcher) -> None:
    with pytest.raises(TypeError, match="takes a str"):
        matcher.find_skills(b"Python")  # type: ignore[arg-type]
