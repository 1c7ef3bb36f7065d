"""PDFs written by an attacker: hidden text that pays no score, and limits a slow or huge page
cannot escape (drawing operations, inflated bytes, the time budget, memory)."""

from __future__ import annotations

import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from hostile_files import clipped, covered, drawing_ops, raw_pdf, text_ops
from skillmatch.errors import DocumentTimeoutError, LimitExceededError
from skillmatch.matcher import SkillMatcher
from skillmatch.readers import Document, Limits, read_document
from skillmatch.scoring import compare

VISIBLE = ["Junior data analyst, Excel."]
SKILLS = ["Python Kubernetes PyTorch"]
JOB = "ML engineer. Required: Python, Kubernetes and PyTorch. 2+ years of experience."


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _hidden_words(doc: Document) -> set[str]:
    return {w for s, e in doc.hidden_spans for w in doc.text[s:e].split()}


LIE = {ord("E"): "Python ", ord("x"): "Kubernetes ", ord("c"): "PyTorch "}


@pytest.mark.parametrize(
    ("pages", "to_unicode", "reason"),
    [
        ([clipped(VISIBLE, SKILLS)], None, "clipped away"),
        ([covered(VISIBLE, SKILLS)], None, "covered by a shape"),
        ([text_ops(VISIBLE)], LIE, "font shows other letters"),
    ],
    ids=["clipping-path", "white-box-over-text", "tounicode-lie"],
)
def test_pdf_text_nobody_sees_is_hidden_flagged_and_pays_no_fit(
    tmp_path: Path,
    matcher: SkillMatcher,
    pages: list[bytes],
    to_unicode: dict[int, str] | None,
    reason: str,
) -> None:
    honest = read_document(_write(tmp_path, "honest.pdf", raw_pdf([text_ops(VISIBLE)])))
    gamed = read_document(_write(tmp_path, "gamed.pdf", raw_pdf(pages, to_unicode=to_unicode)))
    assert {"Python", "Kubernetes", "PyTorch"} <= _hidden_words(gamed)
    assert any(w.code == "hidden-text" and reason in w.message for w in gamed.warnings)
    job = matcher.match(JOB, kind="job")
    fit_honest = compare(matcher.match_document(honest, kind="resume"), job).score
    result = matcher.match_document(gamed, kind="resume")
    assert compare(result, job).score == fit_honest
    assert {m.skill_id for m in result.excluded if m.status == "hidden"} >= {"python", "pytorch"}


def test_pdf_white_box_painted_before_the_text_is_a_background_not_a_cover(
    tmp_path: Path,
) -> None:
    page = b"1 g 60 380 400 40 re f 0 g\n" + text_ops(SKILLS, top=400)
    doc = read_document(_write(tmp_path, "background.pdf", raw_pdf([page])))
    assert doc.hidden_spans == () and "Kubernetes" in doc.text


def test_pdf_tounicode_map_that_agrees_with_its_glyphs_hides_nothing(tmp_path: Path) -> None:
    honest_map = {ord(ch): ch for ch in "Junior data analyst, Excel."}
    doc = read_document(
        _write(tmp_path, "mapped.pdf", raw_pdf([text_ops(VISIBLE)], to_unicode=honest_map))
    )
    assert doc.text == VISIBLE[0] and doc.hidden_spans == ()


def test_pdf_page_over_the_drawing_limit_fails_the_file_not_the_page(tmp_path: Path) -> None:
    path = _write(tmp_path, "shapes.pdf", raw_pdf([text_ops(SKILLS), drawing_ops(3_000)]))
    with pytest.raises(LimitExceededError) as info:
        read_document(path, limits=Limits(max_pdf_drawing_ops=1_000))
    assert info.value.limit == "max_pdf_drawing_ops" and "shapes.pdf" in str(info.value)
    assert read_document(path, limits=Limits(max_pdf_drawing_ops=10_000)).text == SKILLS[0]


def test_pdf_compression_bomb_stops_at_the_inflated_bytes_limit(tmp_path: Path) -> None:
    # 20 MB of spaces in a content stream of about 20 KB.
    path = _write(tmp_path, "bomb.pdf", raw_pdf([text_ops(SKILLS) + b" " * 20_000_000]))
    assert path.stat().st_size < 100_000
    with pytest.raises(LimitExceededError) as info:
        read_document(path, limits=Limits(max_pdf_inflated_bytes=5_000_000))
    assert info.value.limit == "max_pdf_inflated_bytes"


def _peak_memory(path: Path) -> int:
    tracemalloc.start()
    try:
        read_document(path, limits=Limits(max_pdf_drawing_ops=100_000))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_pdf_pages_of_shapes_are_read_in_bounded_memory(tmp_path: Path) -> None:
    # pdfminer keeps an object per shape (a kilobyte or more each) and pdfplumber every page;
    # the reader keeps no shape, and one page at a time.
    small = _write(tmp_path, "small.pdf", raw_pdf([drawing_ops(300) + text_ops(SKILLS)]))
    large = _write(tmp_path, "large.pdf", raw_pdf([drawing_ops(3_000) + text_ops(SKILLS)] * 3))
    _peak_memory(small)  # fonts and encodings loaded once
    assert _peak_memory(large) < _peak_memory(small) + 2_000_000


def _slow_pdf(tmp_path: Path) -> Path:
    # Pages of shapes take pdfminer seconds each, and the page loop catches every Exception.
    return _write(tmp_path, "slow.pdf", raw_pdf([drawing_ops(20_000) + text_ops(SKILLS)] * 20))


def test_slow_pdf_is_a_timeout_that_no_reader_except_swallows(tmp_path: Path) -> None:
    path = _slow_pdf(tmp_path)
    limits = Limits(max_seconds_per_file=0.5, max_pdf_drawing_ops=100_000)
    start = time.monotonic()
    with pytest.raises(DocumentTimeoutError) as info:
        read_document(path, limits=limits)
    assert time.monotonic() - start < 1.5
    assert info.value.path == str(path) and info.value.limit == "max_seconds_per_file"


def test_time_budget_holds_in_a_worker_thread_too(tmp_path: Path) -> None:
    # Dask and servers read files on threads, which an alarm signal cannot reach.
    path = _slow_pdf(tmp_path)
    limits = Limits(max_seconds_per_file=0.5, max_pdf_drawing_ops=100_000)
    outcome: list[BaseException | Document] = []

    def read() -> None:
        try:
            outcome.append(read_document(path, limits=limits))
        except BaseException as exc:
            outcome.append(exc)

    start = time.monotonic()
    thread = threading.Thread(target=read)
    thread.start()
    thread.join(10)
    assert isinstance(outcome[0], DocumentTimeoutError)
    assert time.monotonic() - start < 1.5
