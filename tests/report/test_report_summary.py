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
            required_missing=["Kubernetes", "Docker"],
        ),
        {"file": "scan.pdf", "error": "EmptyDocumentError: scan.pdf: no text layer; run OCR"},
        SummaryRow(
            file="jane-doe.txt",
            rank=1,
            report="reports/jane-doe.html",
            score=0.86,
            level="senior",
            coverage={"Programming": 0.5, "Cloud Platforms": 1 / 3, "MLOps": 1 / 3},
            required_missing=["Kubernetes"],
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


def test_summary_shows_coverage_bars_with_values_and_missing_skills() -> None:
    page_text = render_summary(summary_rows())
    page = parse(page_text)
    cols = [a for t, a in page.tags if t == "th" and a.get("scope") == "col"]
    assert len(cols) == 8  # rank, file, score, level, 3 categories, missing
    rows = rows_of(page_text)
    assert rows[0].count("<svg") == 3
    assert "33%" in rows[0]
    assert "Kubernetes" in rows[0]
    assert rows[1].count("<svg") == 2  # bob has no Cloud Platforms value
    assert "Docker" in rows[1]


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
