"""Fit of a résumé to a job posting: scores, per-category lists, seniority gap, near misses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch.models import Flag, MatchResult
from skillmatch.scoring import compare
from strategies import SKILL_IDS, match_results, result_of

JOB_TEXT = (
    "ML Engineer\nRequirements\n- Python, Docker and Kubernetes.\n- PyTorch.\n"
    "Nice to have\n- Rust; AWS.\n"
)
JOB = result_of(
    JOB_TEXT,
    {
        "python": "required",
        "docker": "required",
        "kubernetes": None,
        "pytorch": "required",
        "rust": "preferred",
        "aws": "preferred",
        "go": "negated",
    },
    kind="job",
    level="mid",
)


def _resume(skills: list[str], level: str | None = "mid", text: str = "") -> MatchResult:
    return result_of(text or " ".join(skills), dict.fromkeys(skills), level=level)  # type: ignore[arg-type]


def test_full_match_scores_one() -> None:
    r = _resume(["python", "docker", "kubernetes", "pytorch", "rust", "aws"])
    fit = compare(r, JOB)
    assert fit.score == 1.0
    assert fit.required_missing == fit.preferred_missing == []


def test_required_skills_weigh_more_than_preferred() -> None:
    only_required = compare(_resume(["python", "docker", "kubernetes", "pytorch"]), JOB)
    only_preferred = compare(_resume(["rust", "aws"]), JOB)
    assert only_required.score == pytest.approx(0.9 * 0.8 + 0.1)
    assert only_preferred.score == pytest.approx(0.9 * 0.2 + 0.1)
    assert only_required.preferred_missing == ["rust", "aws"]
    assert only_preferred.required_missing == ["python", "docker", "kubernetes", "pytorch"]


def test_none_requirement_counts_as_required_and_negated_is_ignored() -> None:
    fit = compare(_resume(["python", "docker", "pytorch", "rust", "aws"]), JOB)
    assert fit.required_missing == ["kubernetes"]
    assert "go" not in fit.required_missing + fit.preferred_missing


def test_categories_list_covered_missing_and_extra() -> None:
    fit = compare(_resume(["python", "docker", "sql", "rag"]), JOB)
    infra = next(c for c in fit.categories if c.category_id == "infra")
    assert infra.required_covered == ["docker"]
    assert infra.required_missing == ["kubernetes"]
    assert infra.preferred_missing == ["aws"]
    programming = next(c for c in fit.categories if c.category_id == "programming")
    assert programming.extra == ["sql"]
    assert programming.preferred_missing == ["rust"]
    ml = next(c for c in fit.categories if c.category_id == "ml")
    assert ml.extra == ["rag"]


@pytest.mark.parametrize(
    ("resume_level", "gap", "penalty"),
    [("senior", 1, 0.0), ("mid", 0, 0.0), ("entry", -1, 0.05), (None, None, 0.0)],
)
def test_seniority_gap_and_its_small_weight(
    resume_level: str | None, gap: int | None, penalty: float
) -> None:
    skills = ["python", "docker", "kubernetes", "pytorch", "rust", "aws"]
    fit = compare(_resume(skills, level=resume_level), JOB)
    assert fit.seniority_gap == gap
    assert fit.score == pytest.approx(1.0 - penalty)


def test_job_without_skills_scores_on_seniority_only() -> None:
    empty_job = result_of("We are hiring.", {}, kind="job", level="senior")
    assert compare(_resume(["python"], level="senior"), empty_job).score == 1.0
    assert compare(_resume(["python"], level="entry"), empty_job).score == pytest.approx(0.9)


def test_near_miss_points_at_the_closest_resume_phrase() -> None:
    text = "Built services in Pyhton; deployed with Kubernates and Helm."
    r = result_of(text, {}, level="mid")
    fit = compare(r, JOB)
    misses = {m.skill_id: m for m in fit.near_misses}
    assert misses["python"].phrase == "Pyhton"
    assert misses["kubernetes"].phrase == "Kubernates"
    for m in fit.near_misses:
        assert text[m.start : m.end] == m.phrase
        assert 0.6 <= m.score <= 1.0
    assert "aws" not in misses


def test_flags_carry_over_the_resume_warnings() -> None:
    flag = Flag(code="hidden-text", message="white text on page 1")
    r = result_of("python", {"python": None}, warnings=[flag])
    assert compare(r, JOB).flags == [flag]


@settings(max_examples=120, deadline=None)
@given(match_results())
def test_comparing_a_result_with_itself_in_other_words_scores_one(r: MatchResult) -> None:
    # In other words: a text compared with itself word for word is all copied from the job.
    own_words = r.model_copy(update={"text": "Résumé written in my own words."})
    assert compare(own_words, r).score == 1.0


@settings(max_examples=120, deadline=None)
@given(match_results(kind="resume"), match_results(kind="job"), st.sampled_from(SKILL_IDS))
def test_adding_a_skill_never_lowers_fit(resume: MatchResult, job: MatchResult, extra: str) -> None:
    before = compare(resume, job)
    skills = {h.skill_id: h.requirement for h in resume.skills} | {extra: None}
    richer = result_of(resume.text, skills, level=resume.seniority.level)
    after = compare(richer, job)
    assert after.score >= before.score
    assert 0.0 <= before.score <= 1.0
    assert all(0.0 <= c.score <= 1.0 for c in after.categories)


def test_near_misses_are_not_stop_word_edged_or_pattern_words() -> None:
    from skillmatch import SkillMatcher

    matcher = SkillMatcher.default()
    job = matcher.match(
        "Requirements: TensorFlow, agentic AI and prompt engineering. "
        "You will cut inference latency of our models.",
        kind="job",
    )
    resume = matcher.match(
        "Wrote DAGs in Airflow, a REST API and its test suite; software engineering.",
        kind="resume",
    )
    assert compare(resume, job).near_misses == []
    # A real near miss is still reported: "prompt engineer" for prompt engineering.
    close = matcher.match("I was the prompt-engineers' go-between.", kind="resume")
    misses = {n.skill_id: n.phrase for n in compare(close, job).near_misses}
    assert "prompt-engineering" in compare(close, job).required_missing
    assert misses.get("prompt-engineering", "").lower().startswith("prompt")


def test_near_misses_false_skips_only_the_near_misses() -> None:
    text = "Built services in Pyhton; deployed with Kubernates and Helm."
    r = result_of(text, {"docker": None}, level="mid")
    full = compare(r, JOB)
    quick = compare(r, JOB, near_misses=False)
    assert full.near_misses and quick.near_misses == []
    assert quick == full.model_copy(update={"near_misses": []})


def test_near_misses_against_one_job_do_not_leak_into_the_next() -> None:
    text = "Built services in Pyhton; deployed with Kubernates and Helm."
    r = result_of(text, {}, level="mid")
    other_job = result_of("Rust and AWS", {"rust": "required", "aws": "required"}, kind="job")
    first = compare(r, JOB).near_misses
    assert {m.skill_id for m in compare(r, other_job).near_misses} <= {"rust", "aws"}
    assert compare(r, JOB).near_misses == first
