"""The batch summary page, checked by parsing what it renders."""

from __future__ import annotations

import re

import pytest

from report_pages import parse
from skillmatch.report import SummaryRow, render_summary


def summary_rows() -> list[SummaryRow | dict[str, object]]:
    return [
        SummaryRow(
            file="bob smith.pdf",
            rank=2,
            report="reports/bob smith.html",
            score=0.55,
            level="mid",
            coverage={"Programming": 0.5, "MLOps": 0.0},
            required_matched=["Python"],
            required_missing=["Kubernetes", "Docker"],
            skill_count=3,
        ),
        {"file": "scan.pdf", "error": "EmptyDocumentError: scan.pdf: no text layer; run OCR"},
        SummaryRow(
            file="jane-doe.txt",
            rank=1,
            report="reports/jane-doe.html",
            score=0.86,
            level="senior",
            coverage={"Programming": 0.5, "Cloud Platforms": 1 / 3, "MLOps": 1 / 3},
            required_matched=["Python", "Docker"],
            required_missing=["Kubernetes"],
            skill_count=7,
        ),
    ]


def rows_of(page_text: str) -> list[str]:
    body = page_text[page_text.index("<tbody>") : page_text.index("</tbody>")]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body)


def test_summary_ranks_rows_and_puts_failures_last() -> None:
    page_text = render_summary(summary_rows(), job="northwind.txt")
    parse(page_text)
    rows = rows_of(page_text)
    assert len(rows) == 3
    assert "jane-doe.txt" in rows[0]
    assert "bob smith.pdf" in rows[1]
    assert "scan.pdf" in rows[2]
    assert "86%" in rows[0]
    assert "Senior" in rows[0]


def test_summary_links_each_resume_to_its_report() -> None:
    page = parse(render_summary(summary_rows()))
    links = {a["href"] for t, a in page.tags if t == "a"}
    assert links == {"reports/jane-doe.html", "reports/bob%20smith.html"}


def test_summary_shows_the_error_of_a_failed_file() -> None:
    rows = rows_of(render_summary(summary_rows()))
    assert "EmptyDocumentError: scan.pdf: no text layer; run OCR" in rows[2]
    assert "<a " not in rows[2]


def test_summary_puts_fit_level_and_required_skills_first_and_coverage_on_demand() -> None:
    page_text = render_summary(summary_rows(), job="northwind.txt")
    page = parse(page_text)
    cols = [
        page_text[m.end() :].split("<", 1)[0] for m in re.finditer(r'<th scope="col">', page_text)
    ]
    assert cols == [
        "Rank",
        "Candidate",
        "Fit",
        "Level",
        "Required skills matched",
        "Required skills missing",
    ]
    rows = rows_of(page_text)
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", rows[0], re.S)
    assert "Python" in cells[4] and "Docker" in cells[4] and "Kubernetes" in cells[5]
    # coverage by category opens on demand, inside the candidate's cell
    assert rows[0].count("<details>") == 1 and rows[0].count("<svg") == 3
    assert "33%" in rows[0] and "7 skills of the taxonomy found" in rows[0]
    assert rows[1].count("<svg") == 2  # bob has no Cloud Platforms value
    assert "<details>" not in rows[2]  # a failed file has nothing to open
    assert any(t == "summary" for t, _ in page.tags)


def test_summary_without_a_job_shows_no_required_columns() -> None:
    page_text = render_summary(summary_rows())
    assert "Required skills" not in page_text
    assert '<th scope="col">Coverage</th>' in page_text


def test_a_resume_with_no_skill_of_the_taxonomy_shows_no_level() -> None:
    nurse = SummaryRow(file="nurse.pdf", rank=1, score=0.0, level="senior", skill_count=0)
    rows = rows_of(render_summary([nurse], job="ml-engineer.txt"))
    assert "Senior" not in rows[0]
    assert "no skill of the taxonomy found" in rows[0]


def test_summary_drops_links_that_leave_the_file_system_and_escapes_names() -> None:
    rows = [
        SummaryRow(file="<b>x</b>.pdf", rank=1, report="javascript:alert(1)"),
        SummaryRow(file="y.pdf", rank=2, report="http://evil.example/y.html"),
    ]
    page_text = render_summary(rows)
    page = parse(page_text)
    assert [a for t, a in page.tags if t == "a"] == []
    assert "b" not in {t for t, _ in page.tags}
    assert "&lt;b&gt;x&lt;/b&gt;.pdf" in page_text
    assert "http:" not in page_text


def test_summary_row_rejects_a_score_out_of_range() -> None:
    with pytest.raises(ValueError, match="score"):
        SummaryRow(file="a.pdf", score=1.5)
