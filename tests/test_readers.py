"""Readers: every format in, plain text out; every failure a named error naming the file."""

from __future__ import annotations

import io
import json
import pickle
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from skillmatch.errors import (
    CorruptDocumentError,
    DocumentReadError,
    EmptyDocumentError,
    EncryptedDocumentError,
    LimitExceededError,
    UnsupportedFormatError,
)
from skillmatch.matcher import SkillMatcher
from skillmatch.readers import (
    Document,
    Limits,
    iter_documents,
    list_document_files,
    read_document,
)

RESUME = "Jane Doe\nMachine Learning Engineer\nBuilt RAG pipelines with LangChain and FAISS.\n"


def _words_in_spans(doc: Document) -> set[str]:
    return {w for s, e in doc.hidden_spans for w in doc.text[s:e].split()}


# --- plain text and encodings ------------------------------------------------------------------


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


@pytest.mark.parametrize("name", ["cv.exe", "cv.doc", "cv"])
def test_read_unknown_extension_lists_supported_formats(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("PyTorch")
    with pytest.raises(UnsupportedFormatError) as err:
        read_document(path)
    assert ".pdf" in err.value.reason and ".docx" in err.value.reason
    assert err.value.path == str(path)


def test_read_jsonl_with_read_document_points_to_iter_documents(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "x"}\n')
    with pytest.raises(UnsupportedFormatError, match="iter_documents"):
        read_document(path)


def test_read_missing_file_raises_document_read_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentReadError, match="no such file"):
        read_document(tmp_path / "nope.txt")


# --- HTML --------------------------------------------------------------------------------------


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


# --- PDF ---------------------------------------------------------------------------------------


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


# --- DOCX --------------------------------------------------------------------------------------


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


# --- limits ------------------------------------------------------------------------------------


def test_read_file_over_size_limit_names_file_limit_and_option(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Python " * 200)
    with pytest.raises(LimitExceededError) as err:
        read_document(path, limits=Limits(max_file_bytes=1000))
    message = str(err.value)
    assert str(path) in message and "max_file_bytes=1,000" in message
    assert "1,400" in message and "Limits(max_file_bytes=" in message
    assert err.value.path == str(path)


def test_read_text_over_char_limit_raises_limit_exceeded(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("x" * 5000)
    with pytest.raises(LimitExceededError) as err:
        read_document(path, limits=Limits(max_text_chars=4999))
    assert err.value.limit == "max_text_chars"


def test_limits_reject_nonpositive_values() -> None:
    with pytest.raises(ValueError, match="max_pdf_pages"):
        Limits(max_pdf_pages=0)


def test_read_errors_survive_pickling_for_process_pools(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" ")
    with pytest.raises(EmptyDocumentError) as err:
        read_document(path)
    again = pickle.loads(pickle.dumps(err.value))
    assert type(again) is EmptyDocumentError
    assert (again.path, again.reason, str(again)) == (
        err.value.path,
        err.value.reason,
        str(err.value),
    )


# --- iter_documents ----------------------------------------------------------------------------


def test_iter_directory_is_sorted_recursive_and_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    for rel in ["b.txt", "a.md", "sub/c.txt", ".hidden.txt", "~$lock.docx", ".git/x.txt", "x.png"]:
        (root / rel).write_text(f"text of {rel}")
    (root / "results.csv").write_text("id,text\n1,not a document\n")
    docs = list(iter_documents(root))
    assert [Path(d.source).relative_to(root).as_posix() for d in docs] == [
        "a.md",
        "b.txt",
        "sub/c.txt",
    ]
    flat = list(iter_documents(str(root), recursive=False))
    assert [Path(d.source).name for d in flat] == ["a.md", "b.txt"]
    assert [str(f) for f in list_document_files(root)] == [d.source for d in docs]


def test_iter_yields_errors_in_input_order_and_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "ok1.txt").write_text("Python")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.docx").write_text("not a zip")
    (tmp_path / "ok2.txt").write_text("CUDA")
    inputs = [tmp_path / n for n in ["ok1.txt", "empty.txt", "missing.txt", "bad.docx", "ok2.txt"]]
    out = list(iter_documents(inputs))
    assert [type(o) for o in out] == [
        Document, EmptyDocumentError, DocumentReadError, CorruptDocumentError, Document
    ]  # fmt: skip
    assert [o.path if isinstance(o, DocumentReadError) else o.text for o in out] == [
        "Python", str(inputs[1]), str(inputs[2]), str(inputs[3]), "CUDA"
    ]  # fmt: skip


def test_iter_jsonl_yields_one_document_per_line_and_an_error_for_a_bad_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": "PyTorch and CUDA", "as_of": "2023-06-01"}),
        "{not json",
        "",
        json.dumps({"text": "no id here"}),
        json.dumps({"id": 7, "body": "wrong field"}),
        json.dumps({"id": "r5", "text": "x", "as_of": "June 2023"}),
        json.dumps({"id": "r6", "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n")
    out = list(iter_documents(path))
    assert isinstance(out[0], Document)
    assert (out[0].id, out[0].as_of, out[0].source) == ("r1", date(2023, 6, 1), f"{path}:line 1")
    assert isinstance(out[1], CorruptDocumentError) and out[1].path == f"{path}:line 2"
    assert isinstance(out[2], Document) and out[2].id == f"{path}:line 4"
    assert isinstance(out[3], CorruptDocumentError) and "'text'" in out[3].reason
    assert isinstance(out[4], CorruptDocumentError) and "YYYY-MM-DD" in out[4].reason
    assert isinstance(out[5], EmptyDocumentError) and out[5].path == f"{path}:line 7"
    assert len(out) == 6


def test_iter_jsonl_text_over_limit_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x" * 50}) + "\n" + json.dumps({"text": "ok"}))
    out = list(iter_documents(path, limits=Limits(max_text_chars=40)))
    assert isinstance(out[0], LimitExceededError) and out[0].path == f"{path}:line 1"
    assert isinstance(out[1], Document) and out[1].text == "ok"


def test_iter_csv_reads_the_chosen_text_and_id_columns(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text(
        "posting,body,as_of\n"
        'J-1,"Senior ML engineer, PyTorch",2024-01-31\n'
        'J-2,"MLOps, ""Kubeflow""",\n'
        ",Data scientist,\n",
        encoding="utf-8",
    )
    out = list(iter_documents(path, text_column="body", id_column="posting"))
    assert all(isinstance(o, Document) for o in out)
    docs = [o for o in out if isinstance(o, Document)]
    assert [d.id for d in docs] == ["J-1", "J-2", f"{path}:row 3"]
    assert [d.text for d in docs] == [
        "Senior ML engineer, PyTorch",
        'MLOps, "Kubeflow"',
        "Data scientist",
    ]
    assert docs[0].as_of == date(2024, 1, 31) and docs[1].as_of is None


def test_iter_csv_without_the_text_column_yields_one_error_naming_the_columns(
    tmp_path: Path,
) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text("id,body\n1,PyTorch\n")
    out = list(iter_documents(path))
    assert len(out) == 1 and isinstance(out[0], CorruptDocumentError)
    assert "body" in out[0].reason and "text_column" in out[0].reason


class _FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_iter_stdin_reads_one_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b"Kubernetes, Terraform\n"))
    (doc,) = list(iter_documents("-"))
    assert isinstance(doc, Document)
    assert (doc.id, doc.source, doc.text) == ("stdin", "stdin", "Kubernetes, Terraform\n")


def test_iter_stdin_reads_jsonl_when_it_looks_like_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"id": "a", "text": "PyTorch"}\n{"id": "b", "text": "JAX"}\n'
    monkeypatch.setattr(sys, "stdin", _FakeStdin(data))
    out = list(iter_documents(["-"]))
    assert [(d.id, d.text, d.source) for d in out if isinstance(d, Document)] == [
        ("a", "PyTorch", "stdin:line 1"),
        ("b", "JAX", "stdin:line 2"),
    ]


def test_document_visible_text_blanks_hidden_spans_and_keeps_offsets() -> None:
    doc = Document(
        id="x", text="Python\nKubernetes Helm\nCUDA", source="x", hidden_spans=((7, 22),)
    )
    assert doc.visible_text == "Python\n" + " " * 10 + " " + " " * 4 + "\nCUDA"
    assert doc.hidden_text == ["Kubernetes Helm"]
