"""Evaluation on a labelled set: each disagreement with the labels is one ``Mismatch``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillmatch.errors import EvalSetError
from skillmatch.evaluation import Mismatch, evaluate, format_report, load_eval_set, report_json
from skillmatch.matcher import SkillMatcher


def test_evaluate_lists_false_positives_with_evidence_and_false_negatives(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    items = [
        {"id": "t1", "text": "5 years of Python and Docker.", "skills": ["python", "kubernetes"]},
        {"id": "t2", "text": "Python only.", "skills": ["python"], "optional": ["docker"]},
    ]
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    report = evaluate(SkillMatcher.default(), load_eval_set(path))
    # The order within one text follows a set: compare sorted.
    fp, fn = sorted(report.errors, key=lambda e: e.kind, reverse=True)
    assert fn == Mismatch(id="t1", skill_id="kubernetes", kind="fn")
    assert (fp.id, fp.skill_id, fp.kind) == ("t1", "docker", "fp")
    assert fp.evidence and "Docker" in fp.evidence[0]
    assert (report.precision, report.recall) == (round(2 / 3, 4), round(2 / 3, 4))
    assert "FP t1" in format_report(report) and "FN t1" in format_report(report)
    assert sorted(e["kind"] for e in json.loads(report_json(report))["errors"]) == ["fn", "fp"]


def test_load_eval_set_names_the_file_and_line_of_a_bad_item(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x", "skills": []}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(EvalSetError, match=r"bad\.jsonl:2"):
        load_eval_set(path)
