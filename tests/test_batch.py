"""The batch runner: one row per input, input order, time limits, append/resume/rank, workers."""

from __future__ import annotations

import csv
import json
import signal
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import skillmatch.batch as batch
from skillmatch.batch import (
    Task,
    columns,
    iter_rows,
    iter_tasks,
    rank_file,
    read_rows,
    run_batch,
)
from skillmatch.errors import InputError
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult
from skillmatch.readers import Limits

JOB = (
    "Senior ML Engineer. We are looking for 5+ years of experience. Requirements: Python, "
    "PyTorch, Kubernetes and AWS. Nice to have: Spark. You will deploy models to production."
)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SKILL_WORDS = ["Python", "PyTorch", "Kubernetes", "AWS", "Docker", "Spark", "SQL", "LangChain"]


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


@pytest.fixture(scope="module")
def job(matcher: SkillMatcher) -> MatchResult:
    return matcher.match(JOB, kind="job", id="job")


def resume_text(i: int) -> str:
    """A small résumé whose skills and years vary with ``i``, so fits differ."""
    skills = ", ".join(SKILL_WORDS[j] for j in range(len(SKILL_WORDS)) if (i >> j) & 1)
    return f"Candidate {i}. {i % 9} years of experience with {skills or 'Excel'}."


def make_folder(root: Path, n: int, *, corrupt_every: int = 0) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        if corrupt_every and i % corrupt_every == corrupt_every - 1:
            (root / f"cv{i:05d}.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 3)
        else:
            (root / f"cv{i:05d}.txt").write_text(resume_text(i), encoding="utf-8")
    return root


def test_iter_rows_gives_one_row_per_input_in_input_order_with_error_rows(
    tmp_path: Path, matcher: SkillMatcher, job: MatchResult
) -> None:
    folder = make_folder(tmp_path / "in", 12, corrupt_every=4)
    (folder / "zz-empty.txt").write_bytes(b"")
    rows = list(iter_rows(iter_tasks([folder]), matcher, job=job))
    files = sorted(p.name for p in folder.iterdir())
    assert [Path(r["source"]).name for r in rows] == files
    errors = {Path(r["source"]).name: r["error_type"] for r in rows if r["error_type"]}
    assert errors == {
        "cv00003.pdf": "CorruptDocumentError",
        "cv00007.pdf": "CorruptDocumentError",
        "cv00011.pdf": "CorruptDocumentError",
        "zz-empty.txt": "EmptyDocumentError",
    }
    for r in rows:
        assert set(r) == set(columns(matcher.taxonomy, job=True))
        if r["error_type"]:
            assert r["fit"] is None and r["error"]
        else:
            assert 0.0 <= r["fit"] <= 1.0 and r["error"] is None


def test_iter_rows_with_two_workers_equals_one_process(
    tmp_path: Path, matcher: SkillMatcher, job: MatchResult
) -> None:
    folder = make_folder(tmp_path / "in", 40, corrupt_every=7)
    one = list(iter_rows(iter_tasks([folder]), matcher, job=job))
    two = list(iter_rows(iter_tasks([folder]), matcher, job=job, n_process=2, batch_size=3))
    assert two == one


def test_pipe_with_two_processes_equals_pipe(matcher: SkillMatcher) -> None:
    texts = [resume_text(i) for i in range(30)] + ["", "C# and C++ and .NET", "é" * 500]
    assert list(matcher.pipe(texts, n_process=2, batch_size=4)) == list(matcher.pipe(texts))
    pairs = [(t, {"row": i}) for i, t in enumerate(texts)]
    got = list(matcher.pipe(pairs, as_tuples=True, n_process=2, batch_size=5))
    assert [ctx for _, ctx in got] == [ctx for _, ctx in pairs]
    assert [r for r, _ in got] == [matcher.match(t) for t in texts]


def test_pipe_with_two_processes_gives_every_field_of_match_on_real_texts(
    matcher: SkillMatcher,
) -> None:
    # Workers send results as pickled bytes, rebuilt in this process: the rebuilt results must
    # be match's in every field and nested model type (==), and even in which fields were set.
    texts = [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "jobs").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "resumes").glob("*.txt"))]
    lines = (FIXTURES / "real_resumes_sample.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["text"] for line in lines[:8]]
    texts.append("Python and Docker \udc80 for 5 years")  # a lone surrogate: not valid UTF-8
    as_of = date(2026, 11, 28)
    expected = [matcher.match(t, as_of=as_of) for t in texts]
    got = list(matcher.pipe(texts, n_process=2, batch_size=3, as_of=as_of))
    assert any(h.requirement == "required" for r in expected for h in r.skills)
    assert any(r.kind == "resume" and r.seniority.evidence for r in expected)
    assert got == expected
    for a, b in zip(got, expected, strict=True):
        assert type(a) is MatchResult
        assert a.model_dump(exclude_unset=True) == b.model_dump(exclude_unset=True)


def test_pipe_with_two_processes_sends_chunks_larger_than_a_pipe_while_results_flow(
    matcher: SkillMatcher,
) -> None:
    # Found hanging once: a chunk of 64 long texts was sent while the worker, still busy with
    # the last chunk, was blocked sending a result back that nobody read.
    texts = ["\n".join(resume_text(i + j) for j in range(400)) for i in range(160)]
    done: list[int] = []

    def run() -> None:
        done.append(sum(1 for _ in matcher.pipe(texts, n_process=2, batch_size=64)))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=240)
    assert done == [len(texts)]


def test_pipe_with_two_processes_raises_the_error_of_a_bad_item(matcher: SkillMatcher) -> None:
    with pytest.raises(TypeError, match="takes a str"):
        list(matcher.pipe(["Python", 42, "Spark"], n_process=2))  # type: ignore[list-item]


def _slow_reader(path: Any, **kwargs: Any) -> Any:
    name = Path(path).name
    if "slow" in name:
        time.sleep(30)
    if "stuck" in name:
        # Blocked alarms stand for code stuck in C that never returns to the interpreter.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    return _real_read(path, **kwargs)


_real_read = batch.read_document


@pytest.mark.parametrize("n_process", [1, 2])
def test_file_over_the_time_limit_becomes_an_error_row_and_the_batch_goes_on(
    tmp_path: Path,
    matcher: SkillMatcher,
    monkeypatch: pytest.MonkeyPatch,
    n_process: int,
) -> None:
    folder = make_folder(tmp_path / "in", 4)
    (folder / "cv00001-slow.txt").write_text("Python", encoding="utf-8")
    monkeypatch.setattr(batch, "read_document", _slow_reader)
    rows = list(
        iter_rows(
            iter_tasks([folder]),
            matcher,
            n_process=n_process,
            limits=Limits(max_seconds_per_file=0.5),
        )
    )
    assert [Path(r["source"]).name for r in rows] == sorted(p.name for p in folder.iterdir())
    slow = [r for r in rows if "slow" in Path(r["source"]).name]
    assert slow[0]["error_type"] == "LimitExceededError"
    assert "max_seconds_per_file=0.5" in slow[0]["error"]
    assert all(r["error_type"] is None for r in rows if r is not slow[0])


def test_stuck_worker_is_killed_and_replaced(
    tmp_path: Path, matcher: SkillMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_folder(tmp_path / "in", 6)
    (folder / "cv00002-stuck.txt").write_text("Python", encoding="utf-8")
    monkeypatch.setattr(batch, "read_document", _slow_reader)
    monkeypatch.setattr(batch, "_HARD_TIMEOUT_GRACE", 0.5)
    rows = list(
        iter_rows(
            iter_tasks([folder]),
            matcher,
            n_process=2,
            batch_size=3,
            limits=Limits(max_seconds_per_file=0.5),
        )
    )
    assert len(rows) == 7
    stuck = [r for r in rows if "stuck" in Path(r["source"]).name]
    assert stuck[0]["error_type"] == "LimitExceededError"
    assert [r["source"] for r in rows if r["error_type"]] == [stuck[0]["source"]]


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


def test_durability_one_thousand_files_with_one_percent_corrupt_lose_no_row(
    tmp_path: Path, matcher: SkillMatcher, job: MatchResult
) -> None:
    folder = make_folder(tmp_path / "in", 1000, corrupt_every=100)
    out = tmp_path / "ranked.csv"
    summary = run_batch([folder], out, matcher=matcher, job=job, n_process=2)
    rows = list(read_rows(out))
    assert summary.rows == len(rows) == 1000
    assert sorted(r["source"] for r in rows) == sorted(str(p) for p in folder.iterdir())
    assert sum(bool(r["error_type"]) for r in rows) == summary.failed == 10


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
    line = batch._encode(dict(zip(cols, values, strict=True)), cols, "csv")
    assert line.endswith("\n") and "\n" not in line[:-1] and "\r" not in line
    back = next(csv.reader([line]))
    assert back == [batch._csv_cell(v) for v in values]
    for v, o in zip(back, values, strict=True):
        if isinstance(o, str) and " ".join(o.splitlines()).startswith(batch._FORMULA_START):
            assert v.startswith("'")  # a would-be formula is quoted for spreadsheets
            v = v[1:]
        assert v.split() == (str(o).split() if o is not None else [])


def test_task_with_a_read_error_becomes_its_error_row(matcher: SkillMatcher) -> None:
    from skillmatch.errors import EncryptedDocumentError

    task = Task(source="x.pdf", error=EncryptedDocumentError("x.pdf", "password-protected"))
    (row,) = iter_rows([task], matcher)
    assert (row["error_type"], row["error"]) == (
        "EncryptedDocumentError",
        "x.pdf: password-protected",
    )


def test_csv_cells_that_look_like_formulas_are_quoted() -> None:
    from skillmatch.batch import _csv_cell

    assert _csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_cell("resume.pdf") == "resume.pdf"
    assert _csv_cell(0.75) == "0.75"
