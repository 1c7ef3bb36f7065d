"""``--as-of`` on every command that matches: the real commands through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillmatch.cli import app

runner = CliRunner()
RESUME = "EXPERIENCE\nData Engineer, Acme, Sep 2020 - present\nPython, SQL, Airflow, Docker\n"
JOB = "We are looking for a data engineer.\nRequirements\n- Python, SQL and Airflow\n- Docker\n"


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    resume, job = tmp_path / "cv.txt", tmp_path / "job.txt"
    resume.write_text(RESUME, encoding="utf-8")
    job.write_text(JOB, encoding="utf-8")
    return resume, job


def test_match_as_of_dates_present(files: tuple[Path, Path]) -> None:
    resume, _ = files
    run = runner.invoke(app, ["match", str(resume), "--as-of", "2024-09-01", "--format", "json"])
    assert run.exit_code == 0, run.output
    (result,) = json.loads(run.stdout)
    seniority = result["seniority"]
    assert (seniority["as_of"], seniority["as_of_source"]) == ("2024-09-01", "given")
    assert seniority["years"] == pytest.approx(4.0, abs=0.05)


def test_without_as_of_the_text_dates_itself(files: tuple[Path, Path]) -> None:
    resume, _ = files
    run = runner.invoke(app, ["match", str(resume), "--format", "json"])
    (result,) = json.loads(run.stdout)
    seniority = result["seniority"]
    assert seniority["as_of"] == "2020-12-31"
    assert seniority["as_of_source"] == "text (latest date 'Sep 2020')"


COMMANDS = [
    ["match", "{cv}"],
    ["score", "--job", "{job}", "{cv}", "--quiet"],
    ["compare", "{cv}", "{job}"],
    ["screen", "{job}"],
    ["report", "{cv}", "-o", "{out}"],
]


@pytest.mark.parametrize(("as_of", "status"), [("2024-09-01", 0), ("last spring", 2)])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_matching_command_takes_as_of_and_refuses_a_bad_one_as_usage(
    files: tuple[Path, Path], tmp_path: Path, command: list[str], as_of: str, status: int
) -> None:
    resume, job = files
    args = [a.format(cv=resume, job=job, out=tmp_path / "r.html") for a in command]
    run = runner.invoke(app, [*args, "--as-of", as_of])
    assert run.exit_code == status, run.output
    if status:
        assert "YYYY-MM-DD" in run.output


def test_batch_rows_use_as_of_unless_a_record_has_its_own(tmp_path: Path) -> None:
    records = tmp_path / "cvs.jsonl"
    records.write_text(
        json.dumps({"id": "own", "text": RESUME, "as_of": "2021-09-01"})
        + "\n"
        + json.dumps({"id": "run", "text": RESUME})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "rows.jsonl"
    run = runner.invoke(
        app, ["match", str(records), "--out", str(out), "--as-of", "2025-09-01", "--quiet"]
    )
    assert run.exit_code == 0, run.output
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert rows["own"]["years"] == pytest.approx(1.0, abs=0.05)
    assert rows["run"]["years"] == pytest.approx(5.0, abs=0.05)
    assert rows["run"]["details"]["result"]["seniority"]["as_of_source"] == "given"
