"""Batch output files: ranked CSV, resume after a kill, rank order, CSV cells."""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batch_inputs import make_folder
from skillmatch.batch import columns, iter_rows, iter_tasks, rank_file, read_rows, run_batch
from skillmatch.batch.files import FORMULA_START, WRITERS, csv_cell, manifest_path
from skillmatch.errors import InputError
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult


def test_run_batch_writes_ranked_csv_that_csv_and_pandas_read(
    tmp_path: Path, matcher: SkillMatcher, job: MatchResult
) -> None:
    pd = pytest.importorskip("pandas")
    folder = make_folder(tmp_path / "in", 30, corrupt_every=10)
    out = tmp_path / "ranked.csv"
    summary = run_batch([folder], out, matcher=matcher, job=job)
    assert (summary.rows, summary.failed, summary.processed) == (30, 3, 30)
    frame = pd.read_csv(out)
    assert list(frame.columns) == columns(matcher.taxonomy, job=True)
    assert len(frame) == 30
    scored = frame[frame["error_type"].isna()]
    assert list(scored["rank"]) == list(range(1, 28))
    assert scored["fit"].is_monotonic_decreasing
    assert frame["rank"].iloc[27:].isna().all()  # failed files last
    with out.open(newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 30
    assert not list(tmp_path.glob(".ranked.csv.*"))  # no temporary file left behind


def test_resume_drops_a_truncated_last_line_and_completes_the_output(
    tmp_path: Path, matcher: SkillMatcher, job: MatchResult
) -> None:
    folder = make_folder(tmp_path / "in", 20, corrupt_every=9)
    full = tmp_path / "full.jsonl"
    run_batch([folder], full, matcher=matcher, job=job)
    # What a killed run leaves: the first rows in input order, the last one cut short.
    partial = tmp_path / "partial.jsonl"
    rows = list(iter_rows(iter_tasks([folder]), matcher, job=job, details=True))
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:8])
    partial.write_text(text + json.dumps(rows[8])[:40], encoding="utf-8")
    summary = run_batch([folder], partial, matcher=matcher, job=job, resume=True)
    assert (summary.skipped, summary.processed, summary.rows) == (8, 12, 20)
    assert list(read_rows(partial)) == list(read_rows(full))


def test_resume_of_a_finished_run_scores_nothing_again(
    tmp_path: Path, matcher: SkillMatcher
) -> None:
    folder = make_folder(tmp_path / "in", 10, corrupt_every=5)
    out = tmp_path / "rows.csv"
    run_batch([folder], out, matcher=matcher)
    before = out.read_bytes()
    summary = run_batch([folder], out, matcher=matcher, resume=True)
    assert (summary.processed, summary.skipped, summary.failed) == (0, 10, 2)
    assert out.read_bytes() == before


def test_resume_refuses_a_file_with_other_columns(
    tmp_path: Path, matcher: SkillMatcher, job: MatchResult
) -> None:
    folder = make_folder(tmp_path / "in", 3)
    out = tmp_path / "rows.csv"
    run_batch([folder], out, matcher=matcher)  # no job: no fit column
    with pytest.raises(InputError, match="different job"):
        run_batch([folder], out, matcher=matcher, job=job, resume=True)
    manifest_path(out).unlink()  # without its manifest, the columns still tell
    with pytest.raises(InputError, match="columns"):
        run_batch([folder], out, matcher=matcher, job=job, resume=True)


def test_resume_skips_each_duplicate_input_only_as_often_as_it_is_written(
    tmp_path: Path, matcher: SkillMatcher
) -> None:
    cv = tmp_path / "cv.txt"
    cv.write_text("Python and Spark", encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    run_batch([cv], out, matcher=matcher)
    summary = run_batch([cv, cv, cv], out, matcher=matcher, resume=True)
    assert (summary.skipped, summary.processed) == (1, 2)
    assert [r["source"] for r in read_rows(out)] == [str(cv)] * 3


def test_output_must_be_csv_or_jsonl(tmp_path: Path, matcher: SkillMatcher) -> None:
    with pytest.raises(InputError, match=r"\.csv or \.jsonl"):
        run_batch([tmp_path], tmp_path / "rows.xlsx", matcher=matcher)


def test_rank_file_puts_failed_rows_last_in_input_order(tmp_path: Path) -> None:
    cols = ["rank", "id", "source", "fit", "error_type", "error"]
    out = tmp_path / "r.csv"
    out.write_text(
        "rank,id,source,fit,error_type,error\n"
        ",a,a,0.2,,\n,b,b,,EmptyDocumentError,b: empty\n,c,c,0.9,,\n"
        ",d,d,,CorruptDocumentError,d: bad\n,e,e,0.2,,\n",
        encoding="utf-8",
    )
    rank_file(out, cols)
    got = [(r["rank"], r["id"]) for r in read_rows(out)]
    assert got == [("1", "c"), ("2", "a"), ("3", "e"), ("", "b"), ("", "d")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.text(), st.floats(allow_nan=False)), min_size=3, max_size=3)
)
def test_csv_row_is_one_physical_line_that_reads_back(values: list[Any]) -> None:
    cols = ["id", "source", "error"]
    line = WRITERS[".csv"].encode(dict(zip(cols, values, strict=True)), cols)
    assert line.endswith("\n") and "\n" not in line[:-1] and "\r" not in line
    back = next(csv.reader([line]))
    assert back == [csv_cell(v) for v in values]
    for v, o in zip(back, values, strict=True):
        if isinstance(o, str):
            o = _without_leading_controls(" ".join(o.splitlines()))
            if o.startswith(FORMULA_START):
                assert v.startswith("'")  # a would-be formula is quoted for spreadsheets
                v = v[1:]
        assert v.split() == (str(o).split() if o is not None else [])


def _without_leading_controls(cell: str) -> str:
    while cell and unicodedata.category(cell[0]) == "Cc" and cell[0] not in "\t\r":
        cell = cell[1:]
    return cell


@pytest.mark.parametrize("cell", ["\x00=cmd|' /C calc'!A0", "\x1f\x01+1", "\x7f@SUM(A1)"])
def test_csv_formula_behind_control_characters_is_quoted(cell: str) -> None:
    # LibreOffice skips leading control characters and runs the formula behind them.
    assert csv_cell(cell) == "'" + cell.lstrip("\x00\x01\x1f\x7f")


def test_csv_cells_that_look_like_formulas_are_quoted() -> None:
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("resume.pdf") == "resume.pdf"
    assert csv_cell(0.75) == "0.75"
