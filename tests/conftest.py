"""Shared pytest fixtures.

Each section belongs to the module it serves; add a new section at the end rather than editing
another one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from batch_inputs import JOB
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult

# ------------------------------------------------------------------------------------------------
# Reader fixtures: build real PDF and DOCX files in tmp_path (reportlab, python-docx).
# ------------------------------------------------------------------------------------------------

PdfLine = str | dict[str, Any]
"""A line of a test PDF: plain text, or a dict with ``text`` and any of ``color`` (an RGB
tuple, or a CMYK tuple of 4), ``size`` (points), ``x``/``y`` (points from the bottom left),
``render_mode`` (0-7) and ``page`` (0-based)."""


def build_pdf(
    path: Path, lines: Sequence[PdfLine], *, pages: int = 1, compress: bool = True
) -> Path:
    """Write a PDF of ``lines`` (see :data:`PdfLine`) with reportlab and return its path.

    ``compress=False`` leaves content streams readable, so byte mutations reach the operators.
    """
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    specs = [{"text": ln} if isinstance(ln, str) else dict(ln) for ln in lines]
    c = canvas.Canvas(str(path), pagesize=letter, pageCompression=int(compress))
    for page in range(pages):
        y = 720.0
        for spec in specs:
            if spec.get("page", 0) != page:
                continue
            c.saveState()
            color = spec.get("color", (0, 0, 0))
            if len(color) == 4:
                c.setFillColorCMYK(*color)
            else:
                c.setFillColorRGB(*color)
            t = c.beginText(spec.get("x", 72), spec.get("y", y))
            t.setFont("Helvetica", spec.get("size", 11))
            t.setTextRenderMode(spec.get("render_mode", 0))
            t.textLine(spec["text"])
            c.drawText(t)
            c.restoreState()
            y -= 18
        c.showPage()
    c.save()
    return path


DocxPara = str | dict[str, Any]
"""A paragraph of a test DOCX: plain text, or a dict with ``runs``: a list of plain strings or
dicts with ``text`` and any of ``hidden`` (bool), ``color`` ('FFFFFF') and ``size`` (points)."""


def build_docx(
    path: Path,
    paragraphs: Sequence[DocxPara],
    *,
    table: Sequence[Sequence[str]] | None = None,
    after_table: Sequence[str] = (),
    header: str | None = None,
) -> Path:
    """Write a DOCX with python-docx: paragraphs, then an optional table, then more paragraphs."""
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    for para in paragraphs:
        if isinstance(para, str):
            document.add_paragraph(para)
            continue
        p = document.add_paragraph()
        for run_spec in para["runs"]:
            spec = {"text": run_spec} if isinstance(run_spec, str) else run_spec
            run = p.add_run(spec["text"])
            if spec.get("hidden"):
                run.font.hidden = True
            if "color" in spec:
                run.font.color.rgb = RGBColor.from_string(spec["color"])
            if "size" in spec:
                run.font.size = Pt(spec["size"])
    if table is not None:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    for para in after_table:
        document.add_paragraph(para)
    document.save(str(path))
    return path


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Return ``make(name, lines, pages=1) -> Path`` writing a PDF into ``tmp_path``."""

    def make(name: str, lines: Sequence[PdfLine], *, pages: int = 1) -> Path:
        return build_pdf(tmp_path / name, lines, pages=pages)

    return make


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """Return ``make(name, paragraphs, table=None, after_table=(), header=None) -> Path``."""

    def make(name: str, paragraphs: Sequence[DocxPara], **kwargs: Any) -> Path:
        return build_docx(tmp_path / name, paragraphs, **kwargs)

    return make


# ------------------------------------------------------------------------------------------------
# Matcher fixtures: the default matcher, and the batch tests' job matched with it, built once.
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def matcher() -> SkillMatcher:
    """The default matcher (a test module may define its own ``matcher``)."""
    return SkillMatcher.default()


@pytest.fixture(scope="session")
def job(matcher: SkillMatcher) -> MatchResult:
    """:data:`batch_inputs.JOB` matched as a job."""
    return matcher.match(JOB, kind="job", id="job")
