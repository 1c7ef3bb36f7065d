"""Many texts at once: directories, JSONL, CSV and stdin; errors yielded in input order."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from skillmatch.errors import (
    CorruptDocumentError,
    DocumentReadError,
    EmptyDocumentError,
    LimitExceededError,
)
from skillmatch.readers import Document, Limits, iter_documents, list_document_files


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
