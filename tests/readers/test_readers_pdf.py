"""PDF: lines in reading order; text a reader cannot see marked; damage and passwords named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from skillmatch.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    LimitExceededError,
)
from skillmatch.readers import Document, Limits, read_document


def _words_in_spans(doc: Document) -> set[str]:
    return {w for s, e in doc.hidden_spans for w in doc.text[s:e].split()}


def test_read_pdf_keeps_lines_in_reading_order_across_pages(make_pdf: Callable) -> None:
    path = make_pdf(
        "cv.pdf",
        ["Jane Doe", "Skills: Python, PyTorch", {"text": "Experience: 5 years", "page": 1}],
        pages=2,
    )
    doc = read_document(path)
    assert doc.text.splitlines() == [
        "Jane Doe",
        "Skills: Python, PyTorch",
        "",
        "Experience: 5 years",
    ]
    assert doc.hidden_spans == () and doc.warnings == ()


def test_read_pdf_marks_text_a_reader_cannot_see(make_pdf: Callable) -> None:
    path = make_pdf(
        "gamed.pdf",
        [
            "Jane Doe Machine Learning Engineer",
            {"text": "Kubernetes TensorFlow", "color": (1, 1, 1)},
            {"text": "Scala", "color": (0.98, 0.98, 0.98)},
            {"text": "Haskell", "color": (0, 0, 0, 0)},
            {"text": "Spark Airflow", "size": 1},
            {"text": "Rust", "x": -300},
            {"text": "Terraform", "y": 900},
            {"text": "Ansible", "render_mode": 3},
            "Python PyTorch MLflow",
        ],
    )
    doc = read_document(path)
    hidden = {
        "Kubernetes", "TensorFlow", "Scala", "Haskell", "Spark", "Airflow", "Rust", "Terraform",
        "Ansible",
    }  # fmt: skip
    assert _words_in_spans(doc) == hidden
    for word in [*hidden, "Python", "PyTorch", "MLflow", "Jane"]:
        assert word in doc.text  # hidden text stays, for the report to show
    visible = set(doc.visible_text.split())
    assert visible == {
        "Jane",
        "Doe",
        "Machine",
        "Learning",
        "Engineer",
        "Python",
        "PyTorch",
        "MLflow",
    }
    assert len(doc.visible_text) == len(doc.text)
    assert doc.warnings and all(f.code == "hidden-text" for f in doc.warnings)
    assert any("Kubernetes" in f.message for f in doc.warnings)
    for flag in doc.warnings:
        assert flag.start is not None and flag.end is not None
        assert (flag.start, flag.end) in doc.hidden_spans


def test_read_pdf_white_text_on_the_same_line_does_not_garble_visible_words(
    make_pdf: Callable,
) -> None:
    path = make_pdf(
        "overlay.pdf",
        [
            {"text": "Built recommendation systems", "x": 72, "y": 700},
            {"text": "Kubernetes Kubeflow", "x": 100, "y": 700, "color": (1, 1, 1)},
        ],
    )
    doc = read_document(path)
    assert doc.visible_text.split() == ["Built", "recommendation", "systems"]
    assert _words_in_spans(doc) == {"Kubernetes", "Kubeflow"}


@pytest.mark.parametrize(("layer_off", "hidden"), [(True, {"Kubernetes"}), (False, set())])
def test_read_pdf_marks_text_in_a_layer_switched_off(
    tmp_path: Path, layer_off: bool, hidden: set[str]
) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
    from reportlab.pdfgen import canvas

    plain = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(plain))
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "Python")
    # reportlab has no API for optional content: write the marked-content operators directly.
    c._code.append("/OC /oc1 BDC")
    c.drawString(72, 680, "Kubernetes")
    c._code.append("EMC")
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(plain))
    ocg = writer._add_object(
        DictionaryObject(
            {NameObject("/Type"): NameObject("/OCG"), NameObject("/Name"): TextStringObject("x")}
        )
    )
    writer.pages[0]["/Resources"][NameObject("/Properties")] = DictionaryObject(
        {NameObject("/oc1"): ocg}
    )
    writer._root_object[NameObject("/OCProperties")] = DictionaryObject(
        {
            NameObject("/OCGs"): ArrayObject([ocg]),
            NameObject("/D"): DictionaryObject(
                {NameObject("/OFF"): ArrayObject([ocg] if layer_off else [])}
            ),
        }
    )
    path = tmp_path / "layers.pdf"
    writer.write(path)
    doc = read_document(path)
    assert doc.text.split() == ["Python", "Kubernetes"]
    assert _words_in_spans(doc) == hidden


def test_read_encrypted_pdf_raises_encrypted_document_error(
    tmp_path: Path, make_pdf: Callable
) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(make_pdf("plain.pdf", ["Python"])))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(EncryptedDocumentError, match="password") as err:
        read_document(path)
    assert err.value.path == str(path)


def test_read_pdf_with_owner_password_only_is_read(tmp_path: Path, make_pdf: Callable) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(make_pdf("plain.pdf", ["Python and CUDA"])))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert read_document(path).text == "Python and CUDA"


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 3],
        lambda b: b[:20] + bytes(reversed(b[20:])),
        lambda b: b"%PDF-1.4\n" + b"\x00garbage\xff" * 50,
    ],
    ids=["truncated", "garbled", "header-only"],
)
def test_read_corrupt_pdf_raises_corrupt_document_error(
    tmp_path: Path, make_pdf: Callable, damage: Callable[[bytes], bytes]
) -> None:
    good = make_pdf("good.pdf", ["Python " * 30] * 20).read_bytes()
    path = tmp_path / "bad.pdf"
    path.write_bytes(damage(good))
    with pytest.raises((CorruptDocumentError, EmptyDocumentError)) as err:
        read_document(path)
    assert err.value.path == str(path)


def test_read_docx_renamed_to_pdf_raises_corrupt_document_error(
    tmp_path: Path, make_docx: Callable
) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(make_docx("cv.docx", ["Python"]).read_bytes())
    with pytest.raises(CorruptDocumentError, match=r"not a PDF.*rename it to \.docx"):
        read_document(path)


def test_read_scanned_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (200, 100), "white")
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(image), 72, 500, width=400, height=200)
    c.showPage()
    c.save()
    with pytest.raises(EmptyDocumentError, match=r"no text layer \(scanned\?\)"):
        read_document(path)


def test_read_pdf_over_page_limit_raises_limit_exceeded(make_pdf: Callable) -> None:
    path = make_pdf("long.pdf", ["Python"], pages=4)
    with pytest.raises(LimitExceededError) as err:
        read_document(path, limits=Limits(max_pdf_pages=3))
    assert err.value.limit == "max_pdf_pages"
    assert err.value.value == 4 and err.value.maximum == 3
    assert str(path) in str(err.value) and "Limits(max_pdf_pages=" in str(err.value)
    assert read_document(path, limits=Limits(max_pdf_pages=4)).text.count("Python") == 1
