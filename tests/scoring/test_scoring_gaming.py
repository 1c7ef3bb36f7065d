"""Anti-gaming: hidden text, keyword walls and stuffing never score higher than honest text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from skillmatch import SkillMatcher, compare, read_document

HONEST = """Maya Chen
Machine Learning Engineer

EXPERIENCE
ML Engineer, Trellis Health — Feb 2021 – Present
• Trained gradient-boosted and PyTorch models to predict no-shows from 2M appointments.
• Deployed the models to production on AWS SageMaker behind a FastAPI service.
• Wrote the SQL feature pipelines and the Docker images the team ships with.

SKILLS
Python, PyTorch, scikit-learn, SQL, Docker, AWS
"""

JOB = """Machine Learning Engineer (mid-level)
Requirements
• 3+ years building ML models in Python and PyTorch.
• Experience deploying models to production on AWS with Docker and Kubernetes.
• Strong SQL.
Nice to have
• LangChain, RAG or prompt engineering.
"""

WALL = ", ".join(
    [
        "Python", "PyTorch", "TensorFlow", "scikit-learn", "AWS", "GCP", "Azure", "Docker",
        "Kubernetes", "CI/CD", "SQL", "Airflow", "ETL", "LLM", "RAG", "LangChain",
        "prompt engineering", "AI agents", "multimodal", "edge AI", "Golang", "Rust",
        "TypeScript", "JavaScript",
    ]
)  # fmt: skip


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


def test_honest_resume_has_no_flags(matcher: SkillMatcher) -> None:
    result = matcher.match(HONEST)
    assert result.warnings == []
    assert {"python", "pytorch", "aws", "docker", "sql"} <= set(result.skill_ids)


def test_keyword_wall_is_flagged_and_scores_below_honest_mentions(matcher: SkillMatcher) -> None:
    walled = matcher.match("Jordan Smith\nSKILLS\n" + WALL)
    honest = matcher.match(HONEST)
    assert [w.code for w in walled.warnings] == ["unsupported-skill-list"]
    for hit in walled.skills:
        honest_hit = honest.skill(hit.skill_id)
        if honest_hit is not None:
            assert hit.score < honest_hit.score


def test_repeating_a_keyword_is_flagged_and_raises_nothing(matcher: SkillMatcher) -> None:
    job = matcher.match(JOB, kind="job")
    plain = matcher.match(HONEST, kind="resume")
    stuffed_text = HONEST + "\nKubernetes Kubernetes Kubernetes Kubernetes Kubernetes\n"
    once_text = HONEST + "\nKubernetes\n"
    stuffed = matcher.match(stuffed_text, kind="resume")
    once = matcher.match(once_text, kind="resume")
    assert [w.code for w in stuffed.warnings] == ["keyword-stuffing"]
    assert stuffed.warnings[0].skill_id == "kubernetes"
    assert stuffed.coverage == once.coverage
    assert compare(stuffed, job).score == compare(once, job).score
    assert compare(plain, job).score <= compare(once, job).score
    assert [f.code for f in compare(stuffed, job).flags] == ["keyword-stuffing"]


def test_white_text_in_a_pdf_is_left_out_and_flagged(
    matcher: SkillMatcher, make_pdf: Callable[..., Path]
) -> None:
    visible = [line for line in HONEST.splitlines() if line.strip()]
    clean_pdf = make_pdf("clean.pdf", visible)
    cheat_pdf = make_pdf(
        "cheat.pdf",
        [*visible, {"text": "Kubernetes LangChain RAG prompt engineering", "color": (1, 1, 1)}],
    )
    job = matcher.match(JOB, kind="job")
    clean = matcher.match_document(read_document(clean_pdf), kind="resume")
    cheat = matcher.match_document(read_document(cheat_pdf), kind="resume")
    assert "kubernetes" not in cheat.skill_ids
    assert {m.skill_id for m in cheat.excluded if m.status == "hidden"} >= {"kubernetes", "rag"}
    assert "hidden-text" in {w.code for w in cheat.warnings}
    assert cheat.skill_ids == clean.skill_ids
    assert compare(cheat, job).score == compare(clean, job).score
