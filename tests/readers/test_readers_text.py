"""Plain text and Markdown: every encoding decoded, binary and other formats refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from skillmatch.errors import CorruptDocumentError, EmptyDocumentError
from skillmatch.readers import read_document

RESUME = "Jane Doe\nMachine Learning Engineer\nBuilt RAG pipelines with LangChain and FAISS.\n"


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (RESUME.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + RESUME.encode("utf-8"), "utf-8 with BOM"),
        (RESUME.encode("utf-16"), "utf-16 with BOM"),
        (RESUME.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16-be with BOM"),
    ],
)
def test_read_txt_decodes_unicode_encodings_with_or_without_bom(
    tmp_path: Path, encoded: bytes, label: str
) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(encoded)
    doc = read_document(path)
    assert doc.text == RESUME, label
    assert doc.id == doc.source == str(path)
    assert doc.hidden_spans == ()


def test_read_txt_detects_latin1_text(tmp_path: Path) -> None:
    text = (
        "José Müller, ingénieur en apprentissage automatique à Zürich.\n"
        "Expérience: déploiement de modèles, données, sécurité, qualité, équipe.\n"
    ) * 3
    path = tmp_path / "cv.txt"
    path.write_bytes(text.encode("latin-1"))
    doc = read_document(path)
    assert "José Müller" in doc.text and "Zürich" in doc.text
    assert [f.code for f in doc.warnings] == ["encoding-guessed"]


def test_read_txt_normalizes_windows_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "cv.md"
    path.write_bytes(b"# Skills\r\n- PyTorch\r\n- CUDA\r\n")
    assert read_document(path).text == "# Skills\n- PyTorch\n- CUDA\n"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_read_empty_or_blank_file_raises_empty_document_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyDocumentError) as err:
        read_document(path)
    assert err.value.path == str(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 20,
        bytes(range(1, 32)) * 40,
    ],
    ids=["png", "exe", "control-bytes"],
)
def test_read_binary_file_as_txt_raises_corrupt_document_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(content)
    with pytest.raises(CorruptDocumentError, match="not text"):
        read_document(path)


def test_read_pdf_renamed_to_txt_says_what_it_is(tmp_path: Path, make_pdf: Callable) -> None:
    pdf = make_pdf("cv.pdf", ["Python"])
    path = tmp_path / "cv.txt"
    path.write_bytes(pdf.read_bytes())
    with pytest.raises(CorruptDocumentError, match=r"rename it to \.pdf"):
        read_document(path)
