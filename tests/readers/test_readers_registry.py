"""The registry: FORMATS is the one list of formats, and read_document reads through it."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from skillmatch.errors import DocumentReadError, UnsupportedFormatError
from skillmatch.readers import Limits, formats, list_document_files, read_document
from skillmatch.readers.formats import Extracted
from skillmatch.readers.registry import BATCH_EXTENSIONS, DOCUMENT_EXTENSIONS, FORMATS


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


# --- the registry is the single source of the formats -------------------------------------------


def test_every_document_extension_has_a_reader_in_formats() -> None:
    assert tuple(FORMATS) == DOCUMENT_EXTENSIONS
    assert set(DOCUMENT_EXTENSIONS) == {".txt", ".md", ".pdf", ".docx", ".html", ".htm"}
    for ext in DOCUMENT_EXTENSIONS:
        assert ext == ext.lower() and ext.startswith("."), ext
        assert callable(FORMATS[ext]), ext
    assert not set(BATCH_EXTENSIONS) & set(FORMATS)


def test_every_format_module_is_registered_under_an_extension() -> None:
    # A new format is one module in formats/ and one line in FORMATS: a module left out fails here.
    registered = {reader.__module__ for reader in FORMATS.values()}
    modules = {
        f"{formats.__name__}.{info.name}"
        for info in pkgutil.iter_modules(formats.__path__)
        # helpers of the formats, not formats: bytes to text, CSS, what a PDF page draws
        if info.name not in {"decoding", "html_style", "pdf_device"}
    }
    assert registered == modules
    for name in modules:
        assert importlib.import_module(name).read in FORMATS.values()


def test_read_document_dispatches_through_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[bytes, str, Limits]] = []

    def read_rtf(data: bytes, name: str, limits: Limits) -> Extracted:
        calls.append((data, name, limits))
        return Extracted("Python\nKubernetes", [(7, 17, "white text")], [])

    monkeypatch.setitem(FORMATS, ".rtf", read_rtf)
    path = tmp_path / "cv.RTF"
    path.write_bytes(b"{\\rtf1 Python}")
    limits = Limits(max_pdf_pages=7)
    doc = read_document(path, limits=limits)
    assert calls == [(b"{\\rtf1 Python}", str(path), limits)]
    assert (doc.id, doc.text, doc.source) == (str(path), "Python\nKubernetes", str(path))
    # The registered reader's result gets the checks every format gets: hidden ranges and flags.
    assert doc.hidden_spans == ((7, 17),)
    assert [flag.code for flag in doc.warnings] == ["hidden-text"]

    monkeypatch.delitem(FORMATS, ".txt")
    txt = tmp_path / "cv.txt"
    txt.write_text("Python", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match=r"unsupported file type '\.txt'"):
        read_document(txt)


def test_registry_extensions_are_the_ones_directories_expand_to(tmp_path: Path) -> None:
    for ext in (*DOCUMENT_EXTENSIONS, *BATCH_EXTENSIONS, ".doc", ".exe"):
        (tmp_path / f"cv{ext}").write_bytes(b"x")
    listed = [path.suffix for path in list_document_files(tmp_path)]
    assert sorted(listed) == sorted(DOCUMENT_EXTENSIONS)
