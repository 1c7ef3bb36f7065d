"""HTML text hidden by its computed style (inline or from a style sheet, by class or id) is
marked hidden, flagged, and pays no fit; styled text a reader does see stays counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile_files import CSS_HIDING
from skillmatch.matcher import SkillMatcher
from skillmatch.readers import read_document
from skillmatch.scoring import compare

HIDING = CSS_HIDING
VISIBLE = "<p>Junior data analyst, Excel.</p>"
SKILLS = "Python, Kubernetes and PyTorch"
JOB = "ML engineer. Required: Python, Kubernetes and PyTorch. 2+ years of experience."


def _page(body: str, sheet: str = "") -> str:
    return f"<html><head><style>{sheet}</style></head><body>{VISIBLE}{body}</body></html>"


@pytest.mark.parametrize("how", ["inline", "class", "id"])
@pytest.mark.parametrize("case", list(HIDING))
def test_text_hidden_by_computed_style_is_hidden_and_pays_no_fit(
    tmp_path: Path, matcher: SkillMatcher, case: str, how: str
) -> None:
    css = HIDING[case]
    if how == "inline":
        page = _page(f'<div style="{css}">{SKILLS}</div>')
    elif how == "class":
        page = _page(f'<div class="x y">{SKILLS}</div>', f"div.x {{ {css} }}")
    else:
        page = _page(f'<section><div id="s">{SKILLS}</div></section>', f"section #s {{ {css} }}")
    path = tmp_path / "cv.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    hidden = {w.strip(",") for s, e in doc.hidden_spans for w in doc.text[s:e].split()}
    assert {"Python", "Kubernetes", "PyTorch"} <= hidden
    assert any(f.code == "hidden-text" for f in doc.warnings)
    job = matcher.match(JOB, kind="job")
    gamed = compare(matcher.match_document(doc, kind="resume"), job)
    honest = compare(matcher.match("Junior data analyst, Excel.", kind="resume"), job)
    assert gamed.score == honest.score


@pytest.mark.parametrize(
    "body",
    [
        f'<p style="color: #333">{SKILLS}</p>',
        f'<p style="color: #777; font-size: 11px">{SKILLS}</p>',
        f'<div style="background: #222"><p style="color: white">{SKILLS}</p></div>',
        f'<div class="dark"><p>{SKILLS}</p></div>',
        f'<p style="opacity: 0.8; text-indent: 2em">{SKILLS}</p>',
        f'<p style="position: relative; left: -10px">{SKILLS}</p>',
        f'<p style="transform: scale(0.9)">{SKILLS}</p>',
    ],
    ids=[
        "dark-gray",
        "light-gray-small",
        "white-on-dark",
        "sheet-dark",
        "faded",
        "nudged",
        "scaled",
    ],
)
def test_styled_text_a_reader_sees_stays_counted(tmp_path: Path, body: str) -> None:
    path = tmp_path / "cv.html"
    path.write_text(_page(body, ".dark { background: #101010; color: #fafafa }"), encoding="utf-8")
    doc = read_document(path)
    assert doc.hidden_spans == ()
    assert "Kubernetes" in doc.text


def test_a_page_nested_too_deep_to_style_is_read_with_its_inline_styles_and_flagged(
    tmp_path: Path,
) -> None:
    # css-inline recurses in native code: 5,000 nested tables overflowed its stack (a crash no
    # time limit catches). Such a page is read without its style sheets, and says so.
    page = (
        "<table><tr>" + "<td><table><tr>" * 5_000 + VISIBLE
        + f'<div style="color: #fefefe">{SKILLS}</div>' + "<!--" * 10_000
    )  # fmt: skip
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert "Junior data analyst" in doc.text
    assert {"Python,", "Kubernetes", "PyTorch"} <= {
        w for s, e in doc.hidden_spans for w in doc.text[s:e].split()
    }
    assert "styles-not-applied" in {f.code for f in doc.warnings}
