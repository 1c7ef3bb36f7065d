"""DataFrames: results to a frame, and a frame of texts scored with the columns of `score`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

from skillmatch import SkillMatcher, compare, score_frame, to_frame  # noqa: E402
from skillmatch.batch import columns, run_batch  # noqa: E402
from skillmatch.errors import InputError  # noqa: E402

JOB = (
    "Senior ML Engineer. We are looking for 5+ years of experience. Requirements: Python, "
    "PyTorch, Kubernetes and AWS. Nice to have: Spark. You will deploy models to production."
)
TEXTS = {
    "jane": "Jane Roe. 6 years of Python, PyTorch, Kubernetes, AWS. Senior engineer.",
    "john": "John Doe. Intern. Excel and some SQL.",
    "ana": "Ana Li. 3 years of Python and Spark; Docker on AWS.",
    "blank": "   ",
}


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher.default()


def test_to_row_has_the_score_columns_of_a_result_and_a_comparison(matcher: SkillMatcher) -> None:
    result = matcher.match(TEXTS["jane"], kind="resume", id="jane")
    job = matcher.match(JOB, kind="job")
    row = {**result.to_row(), **compare(result, job).to_row()}
    cols = columns(matcher.taxonomy, job=True)
    # rank, source, errors and the input's key belong to the batch row, not to the result
    assert set(row) == set(cols) - {"rank", "source", "error_type", "error", "input_key"}
    assert row["skills"] == "; ".join(result.skill_ids)
    assert row["fit"] == round(compare(result, job).score, 4)


def test_to_frame_has_one_row_per_result_and_pairs_add_the_fit(matcher: SkillMatcher) -> None:
    results = [matcher.match(t, id=k) for k, t in TEXTS.items() if t.strip()]
    frame = to_frame(results)
    assert list(frame["id"]) == ["jane", "john", "ana"]
    plain = frame.astype(object).where(frame.notna(), None)  # NaN back to None
    assert plain.to_dict("records") == [r.to_row() for r in results]
    job = matcher.match(JOB, kind="job")
    pairs = to_frame((r, compare(r, job)) for r in results)
    assert list(pairs["fit"]) == [round(compare(r, job).score, 4) for r in results]
    with pytest.raises(TypeError, match="MatchResult"):
        to_frame(["not a result"])  # type: ignore[list-item]


def test_score_frame_equals_the_score_command_s_rows(matcher: SkillMatcher, tmp_path: Path) -> None:
    df = pd.DataFrame({"name": list(TEXTS), "body": list(TEXTS.values())}, index=[10, 11, 12, 13])
    job = matcher.match(JOB, kind="job")
    frame = score_frame(df, text_column="body", id_column="name", job=job, matcher=matcher)
    assert list(frame.columns) == columns(matcher.taxonomy, job=True)
    assert list(frame.index) == [10, 11, 12, 13]  # aligned on the input, in its order

    # the same texts as a CSV through the batch engine of `skillmatch score`
    source = tmp_path / "cands.csv"
    df.to_csv(source, index=False)
    out = tmp_path / "ranked.csv"
    run_batch([source], out, matcher=matcher, job=job, text_column="body", id_column="name")
    with out.open(newline="", encoding="utf-8") as fh:
        by_id = {row["id"]: row for row in csv.DictReader(fh)}
    for _, row in frame.iterrows():
        if isinstance(row["error_type"], str):
            assert row["error_type"] == "EmptyDocumentError"
            continue
        cli = by_id[row["id"]]
        for col in frame.columns:
            if col in ("source", "id", "input_key"):  # the input's name and key differ
                continue
            mine = "" if pd.isna(row[col]) else str(row[col])
            theirs = cli[col]
            if col == "rank":
                mine = str(int(row[col]))
            assert mine == theirs or float(mine) == float(theirs), col
    assert sorted(frame["rank"].dropna()) == [1, 2, 3]


def test_score_frame_without_a_job_has_the_match_out_columns(matcher: SkillMatcher) -> None:
    df = pd.DataFrame({"text": ["Python and Go", None, 42]})
    frame = score_frame(df, matcher=matcher)
    assert list(frame.columns) == columns(matcher.taxonomy, job=False)
    errors = [None if pd.isna(e) else e for e in frame["error_type"]]
    assert errors == [None, "CorruptDocumentError", "CorruptDocumentError"]
    assert frame["skills"][0] == "python; go"


def test_score_frame_names_a_missing_text_column(matcher: SkillMatcher) -> None:
    with pytest.raises(InputError, match=r"'body'.*text_column="):
        score_frame(pd.DataFrame({"text": ["x"]}), text_column="body", matcher=matcher)
