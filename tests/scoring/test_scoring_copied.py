"""A résumé that pastes the job posting is flagged job-text-copied and gains no fit from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillmatch.batch import read_rows, run_batch
from skillmatch.matcher import SkillMatcher
from skillmatch.scoring import compare
from skillmatch.scoring.copied import COPIED_WORDS, copied_spans

JOB = (
    "Senior ML Engineer\n"
    "We are looking for an engineer to design and deploy machine learning systems.\n"
    "Requirements: 5+ years of experience with Python, PyTorch and Kubernetes on AWS.\n"
    "You will build retrieval augmented generation pipelines with LangChain and vector "
    "databases, and monitor models in production with MLflow.\n"
)
HONEST = "Junior data analyst, Excel. Two years of reporting for a retail chain."


@pytest.fixture(scope="module")
def job(matcher: SkillMatcher):  # type: ignore[no-untyped-def]
    return matcher.match(JOB, kind="job")


@pytest.mark.parametrize(
    "pasted",
    [
        HONEST + "\n" + JOB,
        JOB + "\n" + HONEST,
        HONEST + "\nAbout the role: " + JOB.splitlines()[2] + " " + JOB.splitlines()[3],
    ],
    ids=["posting-appended", "posting-first", "requirements-pasted"],
)
def test_pasted_job_text_is_flagged_and_gains_no_fit(
    matcher: SkillMatcher,
    job,
    pasted: str,  # type: ignore[no-untyped-def]
) -> None:
    honest = compare(matcher.match(HONEST, kind="resume"), job)
    gamed = compare(matcher.match(pasted, kind="resume"), job)
    assert gamed.score == honest.score
    flags = [f for f in gamed.flags if f.code == "job-text-copied"]
    assert len(flags) == 1 and "python" in flags[0].message


def test_skills_shown_in_own_words_still_count_beside_copied_text(
    matcher: SkillMatcher,
    job,  # type: ignore[no-untyped-def]
) -> None:
    own = "Built PyTorch models and served them on Kubernetes for four years."
    fit = compare(matcher.match(own + "\n" + JOB, kind="resume"), job)
    own_fit = compare(matcher.match(own, kind="resume"), job)
    assert fit.score == own_fit.score > compare(matcher.match(HONEST), job).score
    assert "pytorch" not in fit.required_missing


@pytest.mark.parametrize(
    "resume",
    [
        "ML engineer with 5+ years of experience with Python, PyTorch and Kubernetes.",
        "I design and deploy machine learning systems; I monitor models in production.",
    ],
)
def test_short_phrases_shared_with_the_posting_are_not_copying(resume: str) -> None:
    assert copied_spans(resume, JOB) == []


def test_a_copied_stretch_is_at_least_the_minimum_run_of_words() -> None:
    words = JOB.split()[3 : 3 + COPIED_WORDS]
    assert copied_spans("x " + " ".join(words) + " y", JOB) != []
    assert copied_spans("x " + " ".join(words[:-1]) + " y", JOB) == []


def test_batch_rows_flag_copied_text_and_rank_it_as_the_honest_resume(
    tmp_path: Path,
    matcher: SkillMatcher,
    job,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "honest.txt").write_text(HONEST, encoding="utf-8")
    (folder / "pasted.txt").write_text(HONEST + "\n" + JOB, encoding="utf-8")
    out = tmp_path / "ranked.csv"
    run_batch([folder], out, matcher=matcher, job=job)
    rows = {Path(r["source"]).name: r for r in read_rows(out)}
    assert rows["pasted.txt"]["fit"] == rows["honest.txt"]["fit"]
    assert "job-text-copied" in rows["pasted.txt"]["warnings"]
    assert "job-text-copied" not in rows["honest.txt"]["warnings"]
