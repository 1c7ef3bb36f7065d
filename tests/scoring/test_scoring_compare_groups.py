"""Fit that reads alternatives and explains itself: "X or Y" is met by either, a résumé without
any of the job's skills scores 0, negated words are no near miss, and a posting outside the
taxonomy says so. Real texts through the real matcher."""

from __future__ import annotations

import pytest

from skillmatch.matcher import SkillMatcher
from skillmatch.scoring import compare

JOB = """Senior ML Engineer

## Requirements
- 5+ years of software engineering.
- Strong Python; experience with PyTorch or TensorFlow.
- Docker and Kubernetes; AWS or GCP.

## Nice to have
- Terraform
"""


@pytest.fixture(scope="module")
def job(matcher: SkillMatcher):
    return matcher.match(JOB, kind="job")


def test_posting_exposes_its_groups_of_alternatives(job) -> None:
    groups = {tuple(g.skill_ids): g for g in job.requirement_groups}
    assert set(groups) == {("pytorch", "tensorflow"), ("aws", "gcp")}
    assert groups[("aws", "gcp")].text == "AWS or GCP"
    assert JOB[groups[("aws", "gcp")].start : groups[("aws", "gcp")].end] == "AWS or GCP"
    assert all(g.requirement == "required" for g in groups.values())


@pytest.mark.parametrize(
    ("resume", "satisfied"),
    [
        ("Python, PyTorch, Docker, Kubernetes, AWS. Terraform.", {"pytorch", "aws"}),
        ("Python, TensorFlow, Docker, Kubernetes, GCP. Terraform.", {"tensorflow", "gcp"}),
    ],
)
def test_either_member_satisfies_a_group(
    matcher: SkillMatcher, job, resume: str, satisfied: set[str]
) -> None:
    fit = compare(matcher.match(resume, kind="resume"), job)
    assert fit.required_missing == []
    assert {g.satisfied_by for g in fit.groups} == satisfied
    assert fit.score == pytest.approx(1.0, abs=0.11)  # the level may differ


def test_a_group_is_missing_only_when_no_member_is_there(matcher: SkillMatcher, job) -> None:
    fit = compare(matcher.match("Python, PyTorch, Docker, Kubernetes.", kind="resume"), job)
    assert fit.required_missing == ["aws", "gcp"]
    unmet = [g for g in fit.groups if g.satisfied_by is None]
    assert [g.skill_ids for g in unmet] == [["aws", "gcp"]]
    infra = {c.category_id: c for c in fit.categories}["cloud-platforms"]
    assert infra.required_missing == ["aws", "gcp"]


def test_resume_with_none_of_the_jobs_skills_scores_zero_below_any_with_one(
    matcher: SkillMatcher, job
) -> None:
    nurse = matcher.match(
        "Registered nurse, 12 years in intensive care. Senior Charge Nurse, St Mary's "
        "Hospital, 2012 - 2024. Patient assessment, medication administration, triage.",
        kind="resume",
    )
    one = matcher.match("Registered nurse who scripts small reports in Python.", kind="resume")
    assert compare(nurse, job).score == 0.0
    assert compare(one, job).score > 0.0


@pytest.mark.parametrize(
    "resume",
    [
        "No tengo experiencia con Kubernetes. Python, PyTorch, Docker, AWS.",
        "I have never used Kubernetes. Python, PyTorch, Docker, AWS.",
        "Kubernetes is owned by a separate platform team. Python, PyTorch, Docker, AWS.",
    ],
)
def test_negated_and_other_party_mentions_are_never_near_misses(
    matcher: SkillMatcher, job, resume: str
) -> None:
    result = matcher.match(resume, kind="resume")
    assert "kubernetes" not in result.skill_ids
    fit = compare(result, job)
    assert "kubernetes" in fit.required_missing
    assert "kubernetes" not in {n.skill_id for n in fit.near_misses}


def test_a_posting_outside_the_taxonomy_warns_and_so_does_its_comparison(
    matcher: SkillMatcher,
) -> None:
    marketing = matcher.match(
        "Marketing Manager. We are looking for a marketing manager to own our brand, run "
        "campaigns on social media and work with agencies. Requirements: 5+ years in B2B "
        "marketing, Excel, excellent writing. Apply now.",
        kind="job",
    )
    assert "outside-taxonomy" in {w.code for w in marketing.warnings}
    fit = compare(matcher.match("Brand marketer, Python.", kind="resume"), marketing)
    assert "outside-taxonomy" in {f.code for f in fit.flags}


def test_a_posting_inside_the_taxonomy_does_not_warn(job) -> None:
    assert "outside-taxonomy" not in {w.code for w in job.warnings}
