"""How strongly a posting asks for a skill: its sentence, its label, the heading above it."""

from __future__ import annotations

import pytest

from sample_texts import POSTING
from skillmatch.scoring import requirement_of


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Python", "required"),
        ("Docker", "required"),
        ("Kubernetes", "preferred"),
        ("PyTorch", "preferred"),
        ("Rust", "preferred"),
    ],
)
def test_requirement_of_reads_sentence_and_heading(word: str, expected: str) -> None:
    start = POSTING.index(word)
    assert requirement_of(POSTING, start, start + len(word)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Familiarity with Terraform is a plus.",
        "Terraform would be a bonus.",
        "Ideally you know Terraform.",
        "Terraform experience is desirable.",
        "Terraform is an advantage.",
        "Nice: Terraform, a GitHub profile.",
        "Preferred qualifications\n\n• Terraform\n",
        "Bonus points\n- Terraform\n",
    ],
)
def test_requirement_of_preferred_cues(text: str) -> None:
    start = text.index("Terraform")
    assert requirement_of(text, start, start + 9) == "preferred"


def test_requirement_of_heading_above_a_required_block_wins() -> None:
    text = "Nice to have\n- Rust\n\nMust have\n- Terraform\n"
    start = text.index("Terraform")
    assert requirement_of(text, start, start + 9) == "required"


def test_requirement_of_rejects_offsets_outside_text() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        requirement_of("Python", 3, 40)
