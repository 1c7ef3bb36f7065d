"""The summary page of a real batch: names a recruiter reads, and no level without skills."""

from __future__ import annotations

import re
from pathlib import Path

from skillmatch import SkillMatcher
from skillmatch.batch import run_batch, summary_rows, write_html_summary

JOB = (
    "ML Engineer. We are looking for 3+ years of experience. Requirements: Python, PyTorch "
    "and Docker. Nice to have: Kubernetes. You will deploy models to production."
)
NURSE = (
    "Maria Lopez, RN\nExperience\nRegistered Nurse, St Mary's Hospital, Jan 2012 - Present\n"
    "Patient care, triage, medication administration, night shifts.\n"
)
ENGINEER = "Ana Li. ML engineer since 2021: Python and PyTorch models served with Docker."


def test_summary_names_required_skills_and_gives_no_level_without_skills(tmp_path: Path) -> None:
    matcher = SkillMatcher.default()
    job = matcher.match(JOB, kind="job")
    (tmp_path / "nurse.txt").write_text(NURSE, encoding="utf-8")
    (tmp_path / "ana.txt").write_text(ENGINEER, encoding="utf-8")
    out = tmp_path / "ranked.csv"
    run_batch([tmp_path / "nurse.txt", tmp_path / "ana.txt"], out, matcher=matcher, job=job)
    nurse_alone = matcher.match(NURSE, kind="resume")
    assert nurse_alone.skills == []  # years as a nurse, whatever level they read as

    rows = {r.file: r for r in summary_rows(out, matcher.taxonomy, job=job)}
    ana, nurse = rows[str(tmp_path / "ana.txt")], rows[str(tmp_path / "nurse.txt")]
    assert ana.required_matched == ["Python", "PyTorch", "Docker"]
    assert ana.required_missing == ["Production Deployment"]
    assert nurse.skill_count == 0 and "PyTorch" in nurse.required_missing

    html = tmp_path / "summary.html"
    write_html_summary(out, html, matcher=matcher, job=job, job_label="job.txt")
    page = html.read_text(encoding="utf-8")
    body = re.findall(r"<tr[^>]*>(.*?)</tr>", page[page.index("<tbody>") :], re.S)
    nurse_row = next(r for r in body if "nurse.txt" in r)
    assert "no skill of the taxonomy found" in nurse_row
    assert not any(name in nurse_row for name in ("Entry", "Mid", "Senior"))
