"""The real command on hostile input, as a subprocess: it never hangs, never destroys an input,
and says what went wrong on one line (files made by the tests)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from commands import run
from hostile_files import drawing_ops, raw_pdf, text_ops


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.txt"
    path.write_text("Python, PyTorch and AWS; 4 years.", encoding="utf-8")
    return path


def test_match_on_a_fifo_says_so_instead_of_waiting_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "cv.txt"
    os.mkfifo(fifo)
    proc = run("match", fifo, timeout=60)
    assert proc.returncode == 1
    assert (
        one_line(proc.stderr)
        == f"DocumentReadError: {fifo}: is a FIFO, not a regular file; save the text to a file"
    )


@pytest.mark.parametrize("value", ["inf", "nan", "1e9", "0", "-1"])
def test_a_timeout_that_is_no_budget_is_a_one_line_usage_error(cv: Path, value: str) -> None:
    proc = run("match", cv, "--timeout", value)
    assert proc.returncode == 2
    assert "--timeout" in one_line(proc.stderr)


def test_match_gives_a_slow_file_a_timeout_and_goes_on(tmp_path: Path, cv: Path) -> None:
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(raw_pdf([drawing_ops(20_000) + text_ops(["Kubernetes"])] * 30))
    start = time.monotonic()
    # Reading it takes about a minute; the first file also pays for loading word lists.
    proc = run("match", cv, slow, cv, "--timeout", "5", timeout=60)
    assert time.monotonic() - start < 30
    assert proc.returncode == 1
    assert one_line(proc.stderr).startswith(f"DocumentTimeoutError: {slow}: reading and matching")
    assert "python" in proc.stdout  # the next file is matched


@pytest.mark.parametrize(
    "args",
    [
        ["match", "{people}", "--out", "{people}"],
        ["score", "--job", "{job}", "{cv}", "--html", "{job}"],
        ["score", "--job", "{job}", "{cv}", "--out", "{people}", "--html", "{cv}"],
        ["report", "{cv}", "-o", "{cv}"],
        ["report", "{cv}", "--job", "{job}", "-o", "{job}"],
    ],
    ids=["match-out", "score-html-job", "score-html-input", "report-input", "report-job"],
)
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
    tmp_path: Path, cv: Path, args: list[str]
) -> None:
    people = tmp_path / "people.jsonl"
    people.write_text('{"id": "a", "text": "Python and SQL"}\n' * 50, encoding="utf-8")
    job = tmp_path / "job.txt"
    job.write_text("ML engineer. Required: Python and PyTorch.", encoding="utf-8")
    files = {"people": people, "job": job, "cv": cv}
    before = {p: p.read_bytes() for p in files.values()}
    proc = run(*(a.format(**files) for a in args))
    assert proc.returncode == 1
    assert "is also an input" in one_line(proc.stderr)
    assert {p: p.read_bytes() for p in files.values()} == before


def test_a_full_disk_is_one_line(tmp_path: Path, cv: Path) -> None:
    out = tmp_path / "rows.csv"
    out.symlink_to("/dev/full")  # every write: "No space left on device"
    proc = run("match", cv, "--out", out)
    assert proc.returncode == 1
    assert one_line(proc.stderr) == f"OSError: cannot write {out}: No space left on device"


def test_a_missing_output_folder_is_one_line(tmp_path: Path, cv: Path) -> None:
    proc = run("match", cv, "--out", tmp_path / "no" / "such" / "rows.csv")
    assert proc.returncode == 1
    assert "create it first" in one_line(proc.stderr)
    proc = run("report", cv, "-o", tmp_path / "no" / "report.html")
    assert proc.returncode == 1
    assert one_line(proc.stderr).startswith("OSError: cannot write the report")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_taxonomy_nested_20000_deep_is_one_line(tmp_path: Path, cv: Path, suffix: str) -> None:
    deep = tmp_path / f"deep{suffix}"
    deep.write_text("[" * 20_000 + "]" * 20_000, encoding="utf-8")
    proc = run("match", "--taxonomy", deep, cv, timeout=60)
    assert proc.returncode == 1
    assert one_line(proc.stderr).startswith(f"TaxonomyError: {deep}: line 1: brackets nested")


def test_a_lone_surrogate_is_printed_not_a_traceback(tmp_path: Path) -> None:
    records = tmp_path / "people.jsonl"
    records.write_text('{"id": "b\\ud800", "text": "bad\\ud800 Python"}\n', encoding="utf-8")
    for fmt in ("table", "json", "jsonl"):
        proc = run("match", records, "--format", fmt)
        assert proc.returncode == 0, proc.stderr
        assert "python" in proc.stdout and "Traceback" not in proc.stderr
