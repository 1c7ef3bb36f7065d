"""HTML: the text a browser shows, one line per block; text hidden by inline styles marked."""

from __future__ import annotations

from pathlib import Path

from skillmatch.matcher import SkillMatcher
from skillmatch.readers import Document, read_document


def _words_in_spans(doc: Document) -> set[str]:
    return {w for s, e in doc.hidden_spans for w in doc.text[s:e].split()}


def test_read_html_drops_script_and_style_and_keeps_block_breaks(tmp_path: Path) -> None:
    path = tmp_path / "job.html"
    path.write_text(
        "<html><head><title>ML Engineer</title><style>p{color:red}</style>"
        "<script>var skills='Kubernetes';</script></head><body>"
        "<h1>Senior ML Engineer</h1><p>We use <b>PyTorch</b> &amp; Ray.</p>"
        "<ul><li>5+ years</li><li>MLOps</li></ul></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    lines = doc.text.splitlines()
    assert "Senior ML Engineer" in lines
    assert "We use PyTorch & Ray." in lines
    assert "5+ years" in lines and "MLOps" in lines
    assert "Kubernetes" not in doc.text and "color" not in doc.text


def test_read_html_marks_text_hidden_by_inline_styles_and_attributes(tmp_path: Path) -> None:
    path = tmp_path / "cv.html"
    path.write_text(
        "<html><body style='background:#fff'>"
        "<div style='background-color:#1a2b3c;color:white'><h1>Jane Doe</h1></div>"
        "<p>Built ML services in Python and <b>PyTorch</b>.</p>"
        "<p style='display: none'>Kubernetes Terraform"  # left open: the next <p> closes it
        "<p>Deployed with Docker.</p>"
        "<div hidden><span>Snowflake</span></div>"
        "<span style='font-size:0px'>Airflow</span> "
        "<span style='color:#FFFFFF'>Databricks</span> "
        "<span style='visibility:hidden;'>Spark</span>"
        "<ul><li style='opacity:0'>LangChain<li>MLflow</ul>"
        "<span style='display:inline'>FastAPI</span>"
        "</body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    hidden = {"Kubernetes", "Terraform", "Snowflake", "Airflow", "Databricks", "Spark", "LangChain"}
    assert _words_in_spans(doc) == hidden
    for word in ["Jane", "Python", "PyTorch", "Docker", "MLflow", "FastAPI", *hidden]:
        assert word in doc.text
    reasons = " ".join(f.message for f in doc.warnings)
    for why in ["display: none", "hidden attribute", "tiny font", "white text", "transparent"]:
        assert why in reasons
    result = SkillMatcher.default().match_document(doc)
    assert result.skill("docker") is not None and result.skill("kubernetes") is None
    hidden_ids = {m.skill_id for m in result.excluded if m.status == "hidden"}
    assert hidden_ids >= {"kubernetes", "data-pipelines", "sql"}
