"""Coverage by category and role profiles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillmatch.scoring import coverage, role_scores
from skillmatch.taxonomy import Category, RoleProfile, Skill, Taxonomy

TAXONOMY = Taxonomy(
    name="tiny",
    categories=[
        Category(id="programming", name="Programming", weight=1.0),
        Category(id="ml", name="ML frameworks", weight=2.0),
        Category(id="cloud", name="Cloud", weight=1.0),
    ],
    skills=[
        Skill(id="python", name="Python", categories=["programming"]),
        Skill(id="sql", name="SQL", categories=["programming"]),
        Skill(id="pytorch", name="PyTorch", categories=["ml"]),
        Skill(id="tensorflow", name="TensorFlow", categories=["ml"]),
        Skill(id="aws", name="AWS", categories=["cloud"]),
    ],
    roles=[
        RoleProfile(id="ml-engineer", name="ML Engineer", categories={"ml": 1.0, "cloud": 0.6}),
        RoleProfile(id="analyst", name="Analyst", categories={"programming": 1.0}),
    ],
)


def test_coverage_is_share_per_category_weighted_overall() -> None:
    cov = coverage(TAXONOMY, ["python", "pytorch", "tensorflow"])
    assert cov.category("programming").coverage == 0.5
    assert cov.category("ml").coverage == 1.0
    assert cov.category("cloud").coverage == 0.0
    assert cov.category("programming").missing == ["sql"]
    assert cov.overall == pytest.approx((1 * 0.5 + 2 * 1.0 + 1 * 0.0) / 4)


def test_coverage_repeating_a_skill_never_raises_it() -> None:
    assert coverage(TAXONOMY, ["python"] * 10) == coverage(TAXONOMY, ["python"])


def test_coverage_ignores_unknown_ids() -> None:
    assert coverage(TAXONOMY, ["cobol"]).overall == 0.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["python", "sql", "pytorch", "tensorflow", "aws", "x"])))
def test_coverage_stays_in_unit_interval(ids: list[str]) -> None:
    cov = coverage(TAXONOMY, ids)
    assert 0.0 <= cov.overall <= 1.0
    assert all(0.0 <= c.coverage <= 1.0 for c in cov.categories)


def test_role_scores_rank_the_closest_profile_first_with_a_reason() -> None:
    scores = role_scores(TAXONOMY, coverage(TAXONOMY, ["pytorch", "tensorflow", "aws"]))
    assert [s.role_id for s in scores] == ["ml-engineer", "analyst"]
    assert scores[0].score > 0.9
    assert scores[1].score == 0.0
    assert "ML frameworks" in scores[0].reason


def test_role_scores_of_empty_text_are_zero() -> None:
    scores = role_scores(TAXONOMY, coverage(TAXONOMY, []))
    assert all(s.score == 0.0 for s in scores)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["python", "sql", "pytorch", "tensorflow", "aws"])))
def test_role_scores_stay_in_unit_interval_sorted(ids: list[str]) -> None:
    scores = role_scores(TAXONOMY, coverage(TAXONOMY, ids))
    assert all(0.0 <= s.score <= 1.0 for s in scores)
    assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)
