"""PDF reading order: a page in two columns is read one column at a time, so a sidebar stays a
sidebar; and the file's own date (metadata) reaches the document. PDFs made by the tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from skillmatch.matcher import SkillMatcher
from skillmatch.readers import read_document

SIDEBAR = [
    "CONTACT",
    "jane@example.com",
    "SKILLS",
    "Python",
    "Kubernetes",
    "Terraform",
    "LANGUAGES",
    "English, Spanish",
]
MAIN = [
    "EXPERIENCE",
    "Machine Learning Engineer, Acme",
    "Jan 2020 - Dec 2023",
    "Trained PyTorch models and served them with FastAPI.",
    "Data Analyst, Beta",
    "Mar 2018 - Dec 2019",
    "Wrote SQL reports for the finance team.",
    "EDUCATION",
    "BSc Statistics, University of Leeds",
    "2014 - 2017",
]


def _two_columns(make_pdf: Callable[..., Path], sidebar_x: float = 40, main_x: float = 220) -> Path:
    lines: list[dict[str, object]] = [{"text": "JANE DOE", "x": 40, "y": 760, "size": 16}]
    lines += [
        {"text": t, "x": sidebar_x, "y": 720 - 15 * i, "size": 9} for i, t in enumerate(SIDEBAR)
    ]
    lines += [{"text": t, "x": main_x, "y": 720 - 19 * i} for i, t in enumerate(MAIN)]
    return make_pdf("two-columns.pdf", lines)


def test_two_column_page_is_read_one_column_at_a_time(make_pdf: Callable[..., Path]) -> None:
    doc = read_document(_two_columns(make_pdf))
    assert doc.text.splitlines() == ["JANE DOE", *SIDEBAR, *MAIN]


def test_two_column_resume_gives_what_the_same_resume_as_plain_text_gives(
    make_pdf: Callable[..., Path], matcher: SkillMatcher
) -> None:
    as_of = date(2024, 6, 1)
    pdf = matcher.match_document(read_document(_two_columns(make_pdf)), kind="resume", as_of=as_of)
    plain = matcher.match("\n".join(["JANE DOE", *SIDEBAR, *MAIN]), kind="resume", as_of=as_of)
    assert pdf.skill_ids == plain.skill_ids
    assert {s.skill_id: s.years for s in pdf.skills} == {s.skill_id: s.years for s in plain.skills}
    assert (pdf.seniority.level, pdf.seniority.years) == (
        plain.seniority.level,
        plain.seniority.years,
    )
    # the sidebar's skills are not given the years of the role printed beside them
    assert pdf.skill("kubernetes") is not None and pdf.skill("kubernetes").years is None


@pytest.mark.parametrize(
    "rows",
    [
        [("Python", "6 years"), ("SQL", "4 years"), ("Docker", "2 years"), ("Go", "1 year"),
         ("Rust", "1 year")],
    ],
)  # fmt: skip
def test_a_table_of_two_cells_a_row_is_read_row_by_row(
    make_pdf: Callable[..., Path], rows: list[tuple[str, str]]
) -> None:
    lines: list[dict[str, object]] = []
    for i, (left, right) in enumerate(rows):
        lines += [
            {"text": left, "x": 72, "y": 700 - 18 * i},
            {"text": right, "x": 300, "y": 700 - 18 * i},
        ]
    doc = read_document(make_pdf("table.pdf", lines))
    assert doc.text.splitlines() == [f"{a} {b}" for a, b in rows]


def test_one_column_page_keeps_its_line_order(make_pdf: Callable[..., Path]) -> None:
    doc = read_document(make_pdf("one.pdf", MAIN))
    assert doc.text.splitlines() == MAIN


def test_pdf_metadata_dates_the_document(tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf("cv.pdf", ["Data Engineer, Acme, Jan 2019 - Present"])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.add_metadata({"/ModDate": "D:20240905120000+02'00'", "/CreationDate": "D:2023"})
    dated = tmp_path / "dated.pdf"
    with dated.open("wb") as fh:
        writer.write(fh)
    doc = read_document(dated)
    assert (doc.as_of, doc.as_of_source) == (date(2024, 9, 5), "metadata (PDF ModDate)")


def test_docx_core_properties_date_the_document(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    import docx

    document = docx.Document()
    document.add_paragraph("Data Engineer, Acme, Jan 2019 - Present")
    document.core_properties.modified = datetime(2024, 9, 5, 10, 0, tzinfo=timezone.utc)
    path = tmp_path / "cv.docx"
    document.save(str(path))
    doc = read_document(path)
    assert (doc.as_of, doc.as_of_source) == (date(2024, 9, 5), "metadata (DOCX modified)")
