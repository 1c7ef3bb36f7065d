"""``skillmatch report``, driven through typer's CliRunner with the real matcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from report_example import JOB_TEXT, RESUME_TEXT
from report_pages import all_mentions, marks_at, parse
from skillmatch.cli import app
from skillmatch.matcher import SkillMatcher

runner = CliRunner()


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


def test_report_command_writes_a_report_with_every_mention_of_the_resume(
    tmp_path: Path, matcher: SkillMatcher
) -> None:
    cv, job, out = tmp_path / "jane.txt", tmp_path / "job.txt", tmp_path / "out.html"
    cv.write_text(RESUME_TEXT, encoding="utf-8")
    job.write_text(JOB_TEXT, encoding="utf-8")
    run = runner.invoke(app, ["report", str(cv), "--job", str(job), "-o", str(out)])
    assert run.exit_code == 0, run.output
    page = parse(out.read_text(encoding="utf-8"))
    assert page.docs == [RESUME_TEXT, JOB_TEXT]
    expected = matcher.match(RESUME_TEXT, kind="resume", id=str(cv))
    assert all_mentions(expected)
    mentions = all_mentions(expected)
    for m in mentions:
        # the matcher may report one span twice (an alias and a pattern of the same signal)
        twins = [
            n for n in mentions if (n.skill_id, n.start, n.end) == (m.skill_id, m.start, m.end)
        ]
        marks = marks_at(page, m)
        assert len(marks) == len(twins)
        assert {k.text for k in marks} == {RESUME_TEXT[m.start : m.end]}
    assert any(a.get("id") == "fit-h" for _, a in page.tags)


def test_report_command_without_job_has_no_fit(tmp_path: Path) -> None:
    cv, out = tmp_path / "jane.txt", tmp_path / "out.html"
    cv.write_text(RESUME_TEXT, encoding="utf-8")
    run = runner.invoke(app, ["report", str(cv), "-o", str(out), "--title", "Jane <Doe>"])
    assert run.exit_code == 0, run.output
    page = parse(out.read_text(encoding="utf-8"))
    assert page.docs == [RESUME_TEXT]
    assert not any(a.get("id") == "fit-h" for _, a in page.tags)
    assert "<title>Jane &lt;Doe&gt;</title>" in out.read_text(encoding="utf-8")


def test_report_command_on_a_missing_file_names_it_and_exits_1(tmp_path: Path) -> None:
    missing, out = tmp_path / "nope.txt", tmp_path / "out.html"
    run = runner.invoke(app, ["report", str(missing), "-o", str(out)])
    assert run.exit_code == 1
    assert run.output.startswith("DocumentReadError: ")
    assert "nope.txt" in run.output
    assert not out.exists()


def test_report_command_into_a_missing_directory_exits_1(tmp_path: Path) -> None:
    cv = tmp_path / "jane.txt"
    cv.write_text(RESUME_TEXT, encoding="utf-8")
    run = runner.invoke(app, ["report", str(cv), "-o", str(tmp_path / "no" / "r.html")])
    assert run.exit_code == 1
    assert run.output.startswith("OSError: cannot write the report to ")
