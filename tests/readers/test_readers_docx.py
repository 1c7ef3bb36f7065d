"""DOCX: paragraphs and tables in order; hidden runs marked; zip bombs and DTDs refused."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from skillmatch.errors import CorruptDocumentError, LimitExceededError
from skillmatch.readers import Document, read_document


def _words_in_spans(doc: Document) -> set[str]:
    return {w for s, e in doc.hidden_spans for w in doc.text[s:e].split()}


def test_read_docx_keeps_paragraphs_and_tables_in_order(make_docx: Callable) -> None:
    path = make_docx(
        "cv.docx",
        ["Jane Doe", "Skills"],
        table=[["Python", "6 years"], ["PyTorch", "4 years"]],
        after_table=["Experience at Acme"],
        header="jane@example.com",
    )
    lines = [ln for ln in read_document(path).text.splitlines() if ln]
    assert lines == [
        "jane@example.com", "Jane Doe", "Skills", "Python | 6 years", "PyTorch | 4 years",
        "Experience at Acme",
    ]  # fmt: skip


def test_read_docx_layout_table_keeps_each_paragraph_on_its_own_line(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    cells[0].text = "SKILLS"
    cells[0].add_paragraph("Python, PyTorch")
    cells[1].text = "EXPERIENCE"
    cells[1].add_paragraph("ML Engineer at Acme, 2019-2024")
    path = tmp_path / "two-column.docx"
    document.save(str(path))
    assert read_document(path).text.splitlines() == [
        "SKILLS", "Python, PyTorch", "EXPERIENCE", "ML Engineer at Acme, 2019-2024"
    ]  # fmt: skip


def test_read_docx_marks_hidden_white_and_tiny_runs(make_docx: Callable) -> None:
    path = make_docx(
        "gamed.docx",
        [
            {"runs": ["Built ML pipelines ", {"text": "Kubernetes", "hidden": True}]},
            {"runs": [{"text": "Terraform", "color": "FFFFFF"}, " on AWS"]},
            {"runs": [{"text": "Scala", "size": 1}]},
        ],
    )
    doc = read_document(path)
    assert _words_in_spans(doc) == {"Kubernetes", "Terraform", "Scala"}
    assert doc.visible_text.split() == ["Built", "ML", "pipelines", "on", "AWS"]
    assert {f.code for f in doc.warnings} == {"hidden-text"}


def test_read_docx_that_is_not_a_zip_raises_corrupt_document_error(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    path.write_text("Jane Doe, Python developer")
    with pytest.raises(CorruptDocumentError, match="not a DOCX"):
        read_document(path)


def test_read_zip_without_word_document_raises_corrupt_document_error(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "Python")
    with pytest.raises(CorruptDocumentError, match=r"word/document\.xml"):
        read_document(path)


def test_read_docx_zip_bomb_is_refused_before_decompression(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (8 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    with pytest.raises(LimitExceededError) as err:
        read_document(path)
    assert err.value.limit == "max_docx_ratio"


def test_read_docx_whose_entries_declare_huge_sizes_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buf.getvalue())
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (3 * 1024**3).to_bytes(4, "little")  # uncompressed size
    path = tmp_path / "declared.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(LimitExceededError) as err:
        read_document(path)
    assert err.value.limit == "max_docx_uncompressed_bytes"
    assert "Limits(max_docx_uncompressed_bytes=" in str(err.value)


def test_read_docx_with_xml_entities_is_refused(tmp_path: Path, make_docx: Callable) -> None:
    good = make_docx("good.docx", ["Python"])
    path = tmp_path / "entities.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(
                    b"?>",
                    b'?><!DOCTYPE w:document [<!ENTITY a "PyTorch PyTorch PyTorch">]>',
                    1,
                )
            dst.writestr(info, data)
    with pytest.raises(CorruptDocumentError, match="entit"):
        read_document(path)
