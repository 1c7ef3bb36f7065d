"""DOCX text placed off the page (a text box, a frame, a VML shape) is hidden and pays no fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile_files import docx_with, off_page_box
from skillmatch.matcher import SkillMatcher
from skillmatch.readers import read_document
from skillmatch.scoring import compare

VISIBLE = "Junior data analyst, Excel."
SKILLS = "Python Kubernetes PyTorch"
JOB = "ML engineer. Required: Python, Kubernetes and PyTorch. 2+ years of experience."


@pytest.mark.parametrize(
    ("kind", "x", "y"),
    [
        ("anchor", -9_000_000, 100_000),
        ("anchor", 200_000, 60_000_000),
        ("frame", -20_000, 100),
        ("vml", -900, 10),
    ],
    ids=["box-left-of-page", "box-below-page", "frame-left-of-page", "vml-left-of-page"],
)
def test_docx_text_off_the_page_is_hidden_and_pays_no_fit(
    tmp_path: Path, matcher: SkillMatcher, kind: str, x: int, y: int
) -> None:
    path = docx_with(tmp_path / "cv.docx", VISIBLE, off_page_box(kind, SKILLS, x, y))
    doc = read_document(path)
    assert SKILLS in doc.text
    assert {doc.text[s:e] for s, e in doc.hidden_spans} == {SKILLS}
    assert any("outside the page" in f.message for f in doc.warnings)
    job = matcher.match(JOB, kind="job")
    honest = compare(matcher.match(VISIBLE, kind="resume"), job)
    assert compare(matcher.match_document(doc, kind="resume"), job).score == honest.score


@pytest.mark.parametrize(
    ("kind", "x", "y"), [("anchor", 1_000_000, 2_000_000), ("frame", 2_000, 3_000), ("vml", 40, 80)]
)
def test_docx_text_box_on_the_page_is_read_as_visible(
    tmp_path: Path, kind: str, x: int, y: int
) -> None:
    doc = read_document(docx_with(tmp_path / "cv.docx", VISIBLE, off_page_box(kind, SKILLS, x, y)))
    assert SKILLS in doc.text and doc.hidden_spans == ()
