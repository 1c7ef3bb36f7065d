"""A `skillmatch score` run killed with SIGKILL mid-batch resumes: no row lost or duplicated."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from commands import SKILLMATCH, run

JOB = (
    "Senior ML Engineer. We are looking for 5+ years of experience. Requirements: Python, "
    "PyTorch, Kubernetes and AWS. Nice to have: Spark. You will deploy models to production."
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _count_rows(path: Path) -> int:
    try:
        return max(0, path.read_bytes().count(b"\n") - 1)
    except FileNotFoundError:
        return 0


def _wait_for(condition: Callable[[], bool], seconds: float) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("the batch did not get that far in time")
        time.sleep(0.005)


def test_killed_score_run_resumes_with_no_lost_or_duplicated_row(
    tmp_path: Path,
) -> None:
    job_file = tmp_path / "job.txt"
    job_file.write_text(JOB, encoding="utf-8")
    folder = tmp_path / "cvs"
    folder.mkdir()
    words = ["Python", "PyTorch", "Kubernetes", "AWS", "Spark", "Docker", "SQL"]
    n = 600
    for i in range(n):
        if i % 50 == 49:
            (folder / f"cv{i:04d}.pdf").write_bytes(b"%PDF-1.4 broken")
            continue
        skills = ", ".join(w for j, w in enumerate(words) if (i >> j) & 1)
        (folder / f"cv{i:04d}.txt").write_text(f"{i % 8} years. {skills}.", encoding="utf-8")
    out = tmp_path / "ranked.csv"
    proc = subprocess.Popen(
        [str(SKILLMATCH), "score", "--job", str(job_file), str(folder), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _count_rows(out) >= 60, 60)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    written = _count_rows(out)
    assert 60 <= written < n, "the run was killed mid-batch"
    resumed = run("score", "--job", job_file, folder, "--out", out, "--resume", "--top", "0")
    assert resumed.returncode == 1  # the broken PDFs
    rows = read_csv(out)
    sources = [Path(r["source"]).name for r in rows]
    assert len(sources) == len(set(sources)) == n
    assert set(sources) == {p.name for p in folder.iterdir()}
    assert sum(bool(r["error_type"]) for r in rows) == n // 50
    ranks = [int(r["rank"]) for r in rows if r["rank"]]
    assert ranks == list(range(1, n - n // 50 + 1))
    # The resumed file holds what an uninterrupted run writes.
    clean = tmp_path / "clean.csv"
    run("score", "--job", job_file, folder, "--out", clean, "--top", "0")
    assert out.read_text(encoding="utf-8") == clean.read_text(encoding="utf-8")
