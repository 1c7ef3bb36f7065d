"""The taxonomy linter: one small taxonomy per rule, and the default lints clean."""

from __future__ import annotations

from typing import Any

import pytest

from skillmatch.taxonomy import Taxonomy, lint_taxonomy


def _taxonomy(*skills: dict[str, Any]) -> Taxonomy:
    return Taxonomy.from_dict(
        {
            "name": "t",
            "categories": [{"id": "c", "name": "C"}],
            "skills": [{"name": s["id"], "categories": ["c"], **s} for s in skills],
        }
    )


def _rules(taxonomy: Taxonomy | dict[str, Any]) -> list[tuple[str, str | None, str | None]]:
    return [(i.rule, i.skill_id, i.alias) for i in lint_taxonomy(taxonomy)]


def test_default_taxonomy_lints_clean() -> None:
    assert [i for i in lint_taxonomy(Taxonomy.default()) if i.severity != "info"] == []


def test_alias_shared_by_two_skills_is_a_warning() -> None:
    taxonomy = _taxonomy(
        {"id": "kubernetes", "aliases": ["Kubernetes", "EKS"]},
        {"id": "aws", "aliases": ["Amazon Web Services", "eks"]},
    )
    assert _rules(taxonomy) == [("shared-alias", "aws", "eks")]


def test_evidence_shared_by_two_skills_is_fine() -> None:
    taxonomy = _taxonomy(
        {"id": "kubernetes", "aliases": ["Kubernetes"], "evidence": ["EKS"]},
        {"id": "aws", "aliases": ["Amazon Web Services"], "evidence": ["EKS"]},
    )
    assert _rules(taxonomy) == []


def test_evidence_twice_in_one_skill_is_a_warning() -> None:
    taxonomy = _taxonomy({"id": "aws", "aliases": ["AWS Cloud"], "evidence": ["EC2", "ec2"]})
    assert _rules(taxonomy) == [("duplicate-evidence", "aws", "ec2")]


@pytest.mark.parametrize("word", ["agent", "edge", "prompt", "Q", "xy", "ACE", "Networking"])
def test_ungated_common_word_or_short_alias_is_a_warning(word: str) -> None:
    taxonomy = _taxonomy({"id": "x", "aliases": [word, "Xylophone Lang"]})
    assert _rules(taxonomy) == [("ungated-common-word", "x", word)]


@pytest.mark.parametrize(
    "word", ["go", "R", "c", "rust", "spark", "React", "Excel", "Chef", "Swift", "Julia"]
)
def test_name_the_catalogue_gates_is_a_warning_naming_the_gate(word: str) -> None:
    issues = lint_taxonomy(_taxonomy({"id": "x", "aliases": [word, "Xylophone Lang"]}))
    assert [(i.rule, i.alias) for i in issues] == [("catalogue-gate", word)]
    assert "case_sensitive: true" in issues[0].message


@pytest.mark.parametrize(
    "name", ["HTML", "CSS", "Git", "Kubernetes", "JavaScript", "DNS", "Linux", "PyTorch", "SQL"]
)
def test_technical_names_are_no_common_words_whatever_their_frequency(name: str) -> None:
    assert _rules(_taxonomy({"id": "x", "aliases": [name]})) == []


@pytest.mark.parametrize(
    "alias",
    [
        {"text": "Go", "case_sensitive": True},
        {"text": "rust", "context": ["@c"]},
        {"text": "Python", "unambiguous": True},
        "Golang",
        "spiking neural networks",
    ],
)
def test_gated_or_rare_alias_is_not_flagged(alias: Any) -> None:
    assert _rules(_taxonomy({"id": "x", "aliases": [alias]})) == []


def test_alias_nested_in_another_skills_alias_is_info() -> None:
    taxonomy = _taxonomy(
        {"id": "sql", "aliases": ["SQL Server"]},
        {"id": "spark", "aliases": ["Apache Spark", "Spark SQL Server"]},
    )
    issues = lint_taxonomy(taxonomy)
    assert [(i.rule, i.severity, i.alias) for i in issues] == [
        ("nested-alias", "info", "SQL Server")
    ]


def test_word_inside_a_longer_word_is_not_nested() -> None:
    taxonomy = _taxonomy(
        {"id": "java", "aliases": ["Java EE"]}, {"id": "js", "aliases": ["JavaScript EE"]}
    )
    assert _rules(taxonomy) == []


def test_skill_without_alias_is_a_warning() -> None:
    taxonomy = _taxonomy({"id": "lonely"}, {"id": "fine", "aliases": ["Fine Tool"]})
    assert _rules(taxonomy) == [("no-alias", "lonely", None)]


def test_unknown_category_in_unvalidated_data_is_an_error() -> None:
    data = {
        "name": "t",
        "categories": [{"id": "c", "name": "C"}],
        "skills": [{"id": "x", "name": "X", "categories": ["nope"], "aliases": ["Xylo"]}],
    }
    issues = lint_taxonomy(data)
    assert [(i.rule, i.severity, i.skill_id) for i in issues] == [
        ("unknown-category", "error", "x")
    ]
    assert "'nope'" in issues[0].message
