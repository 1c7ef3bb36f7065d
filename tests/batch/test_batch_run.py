"""The batch runner: one row per input, input order, time limits, stuck workers, durability."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Any

import pytest

import skillmatch.batch.rows as batch_rows
import skillmatch.batch.run as batch_run
from batch_inputs import make_folder
from skillmatch.batch import Task, columns, iter_rows, iter_tasks, read_rows, run_batch
from skillmatch.matcher import SkillMatcher
from skillmatch.models import MatchResult
from skillmatch.readers import Limits


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


def _slow_reader(path: Any, **kwargs: Any) -> Any:
    name = Path(path).name
    if "slow" in name:
        time.sleep(30)
    if "stuck" in name:
        # Blocked alarms stand for code stuck in C that never returns to the interpreter.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    return _real_read(path, **kwargs)


_real_read = batch_rows.read_document


@pytest.mark.parametrize("n_process", [1, 2])
def test_file_over_the_time_limit_becomes_an_error_row_and_the_batch_goes_on(
    tmp_path: Path,
    matcher: SkillMatcher,
    monkeypatch: pytest.MonkeyPatch,
    n_process: int,
) -> None:
    folder = make_folder(tmp_path / "in", 4)
    (folder / "cv00001-slow.txt").write_text("Python", encoding="utf-8")
    monkeypatch.setattr(batch_rows, "read_document", _slow_reader)
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
    assert slow[0]["error_type"] == "DocumentTimeoutError"
    assert "max_seconds_per_file=0.5" in slow[0]["error"]
    assert all(r["error_type"] is None for r in rows if r is not slow[0])


def test_stuck_worker_is_killed_and_replaced(
    tmp_path: Path, matcher: SkillMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_folder(tmp_path / "in", 6)
    (folder / "cv00002-stuck.txt").write_text("Python", encoding="utf-8")
    monkeypatch.setattr(batch_rows, "read_document", _slow_reader)
    monkeypatch.setattr(batch_run, "_HARD_TIMEOUT_GRACE", 0.5)
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
    assert stuck[0]["error_type"] == "DocumentTimeoutError"
    assert [r["source"] for r in rows if r["error_type"]] == [stuck[0]["source"]]


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


def test_task_with_a_read_error_becomes_its_error_row(matcher: SkillMatcher) -> None:
    from skillmatch.errors import EncryptedDocumentError

    task = Task(source="x.pdf", error=EncryptedDocumentError("x.pdf", "password-protected"))
    (row,) = iter_rows([task], matcher)
    assert (row["error_type"], row["error"]) == (
        "EncryptedDocumentError",
        "x.pdf: password-protected",
    )
