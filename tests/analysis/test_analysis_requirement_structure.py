"""A posting's structure: headings in every form people write them, and skills named as
alternatives ("PyTorch or TensorFlow")."""

from __future__ import annotations

import pytest

from skillmatch.analysis.requirement import group_alternatives, requirement_of


@pytest.mark.parametrize(
    "heading",
    [
        "## Nice to have",
        "### Nice-to-haves",
        "### Bonus",
        "# Pluses",
        "**Bonus points**",
        "**Nice to have:**",
        "__Preferred qualifications__",
        "<u>Desired skills</u>",
        "NICE TO HAVE",
        "Nice to have\n------------",
        "Preferred\n=========",
        "Ideally you also have:",
        "It's a plus if you have",
        "## What would be a plus",
        "**Not required, but great to have**",
    ],
)
def test_preferred_heading_in_every_form(heading: str) -> None:
    posting = f"## Requirements\n- Python\n- SQL\n\n{heading}\n- Terraform\n- Rust\n"
    expected_of = {"Python": "required", "Terraform": "preferred", "Rust": "preferred"}
    for word, expected in expected_of.items():
        start = posting.index(word)
        assert requirement_of(posting, start, start + len(word)) == expected, (heading, word)


@pytest.mark.parametrize(
    "heading",
    ["## Requirements", "**Must have**", "### What you'll need", "QUALIFICATIONS", "Must-haves:"],
)
def test_required_heading_after_a_preferred_block(heading: str) -> None:
    posting = f"## Nice to have\n- Rust\n\n{heading}\n- Terraform\n"
    start = posting.index("Terraform")
    assert requirement_of(posting, start, start + 9) == "required"


def _groups(text: str, words: list[str]) -> list[list[str]]:
    spans = sorted((text.index(w), text.index(w) + len(w)) for w in words)
    return [[text[spans[i][0] : spans[i][1]] for i in g] for g in group_alternatives(text, spans)]


@pytest.mark.parametrize(
    ("text", "words", "groups"),
    [
        ("Experience with PyTorch or TensorFlow.", ["PyTorch", "TensorFlow"],
         [["PyTorch", "TensorFlow"]]),
        ("Docker, Kubernetes and CI/CD; AWS or GCP.",
         ["Docker", "Kubernetes", "CI/CD", "AWS", "GCP"], [["AWS", "GCP"]]),
        ("AWS/GCP/Azure experience", ["AWS", "GCP", "Azure"], [["AWS", "GCP", "Azure"]]),
        ("Cypress or Playwright for end-to-end tests", ["Cypress", "Playwright"],
         [["Cypress", "Playwright"]]),
        ("Fluent in one of Go, Rust, Java", ["Go", "Rust", "Java"], [["Go", "Rust", "Java"]]),
        ("Airflow, Dagster or similar", ["Airflow", "Dagster"], [["Airflow", "Dagster"]]),
        ("Spark, Flink, etc.", ["Spark", "Flink"], [["Spark", "Flink"]]),
        ("any major cloud (AWS, GCP, Azure)", ["AWS", "GCP", "Azure"], [["AWS", "GCP", "Azure"]]),
        ("cloud platforms such as AWS, GCP, Azure", ["AWS", "GCP", "Azure"],
         [["AWS", "GCP", "Azure"]]),
        ("Go, Rust or Java", ["Go", "Rust", "Java"], [["Go", "Rust", "Java"]]),
        ("Python and PyTorch or TensorFlow", ["Python", "PyTorch", "TensorFlow"],
         [["PyTorch", "TensorFlow"]]),
        ("Python, Go and Rust", ["Python", "Go", "Rust"], []),
        ("Python. Go or Rust is a plus.", ["Python", "Go", "Rust"], [["Go", "Rust"]]),
        ("Python\nor Go", ["Python", "Go"], []),  # another line: another requirement
        ("Kubernetes on AWS", ["Kubernetes", "AWS"], []),
    ],
)  # fmt: skip
def test_alternatives_form_a_group(text: str, words: list[str], groups: list[list[str]]) -> None:
    assert _groups(text, words) == groups


def test_a_phrase_naming_two_skills_is_one_member() -> None:
    # "EKS" names Kubernetes and AWS: one span twice, then "or GKE"
    text = "Managed Kubernetes: EKS or GKE"
    start = text.index("EKS")
    spans = [(start, start + 3), (start, start + 3), (text.index("GKE"), len(text))]
    assert group_alternatives(text, spans) == [[0, 2]]
