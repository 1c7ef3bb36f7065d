"""Telling a job posting from a résumé."""

from __future__ import annotations

from sample_texts import POSTING, RESUME
from skillmatch.scoring import detect_kind


def test_detect_kind_tells_posting_from_resume() -> None:
    assert detect_kind(POSTING) == "job"
    assert detect_kind(RESUME) == "resume"


def test_detect_kind_empty_text_is_resume() -> None:
    assert detect_kind("") == "resume"


def test_detect_kind_counts_the_word_resume_with_accents() -> None:
    # The cue was once spelt with a Cyrillic "с" and never matched.
    assert detect_kind("Full résumé of Jane Doe. Salary expectations: open.") == "resume"
    assert detect_kind("Full profile of Jane Doe. Salary expectations: open.") == "job"
