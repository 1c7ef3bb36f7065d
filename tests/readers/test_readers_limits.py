"""Limits: a file, a text or a PDF over a limit is refused with a message naming the fix."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from skillmatch.errors import EmptyDocumentError, LimitExceededError
from skillmatch.readers import Limits, read_document


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
