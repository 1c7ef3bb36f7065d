"""Evaluation on a labelled set: each disagreement with the labels is one ``Mismatch``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillmatch.cli import app
from skillmatch.errors import EvalSetError
from skillmatch.evaluation import (
    Mismatch,
    evaluate,
    format_report,
    load_eval_set,
    report_json,
    select_ids,
)
from skillmatch.matcher import SkillMatcher

runner = CliRunner()


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


def _write_set(path: Path, items: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


HALVES = [
    {"id": "s-001", "text": "Python and Docker.", "skills": ["python", "docker"]},
    {"id": "s-002", "text": "Kubernetes.", "skills": ["kubernetes", "go"]},
    {"id": "s-003", "text": "Rust and SQL.", "skills": ["sql"]},
    {"id": "s-010", "text": "PyTorch.", "skills": ["pytorch"]},
]


@pytest.mark.parametrize(
    ("parity", "expected"), [("odd", ["s-001", "s-003"]), ("even", ["s-002", "s-010"])]
)
def test_select_ids_keeps_the_half_whose_id_number_has_that_parity(
    tmp_path: Path, parity: str, expected: list[str]
) -> None:
    items = load_eval_set(_write_set(tmp_path / "set.jsonl", HALVES))
    assert [i.id for i in select_ids(items, parity)] == expected  # type: ignore[arg-type]


def test_select_ids_refuses_an_id_without_a_number(tmp_path: Path) -> None:
    items = load_eval_set(_write_set(tmp_path / "set.jsonl", [{**HALVES[0], "id": "first"}]))
    with pytest.raises(EvalSetError, match="'first' does not end in a number"):
        select_ids(items, "odd")


def test_per_skill_precision_and_recall_are_printed_worst_first(tmp_path: Path) -> None:
    # s-003: Rust is not labelled but also not found (no programming context); go is missed.
    report = evaluate(SkillMatcher.default(), load_eval_set(_write_set(tmp_path / "s", HALVES)))
    go = next(c for c in report.per_skill if c.skill_id == "go")
    assert (go.tp, go.fn, go.recall, go.precision, go.f1) == (0, 1, 0.0, 1.0, 0.0)
    text = format_report(report)
    table = text.split("per skill, worst first:\n")[1].split("\n\n")[0].splitlines()
    assert table[0].split() == ["skill", "tp", "fp", "fn", "precision", "recall", "F1"]
    f1s = [float(row.split()[-1]) for row in table[1:]]
    assert f1s == sorted(f1s) and table[1].split()[0] == "go"
    assert json.loads(report_json(report))["per_skill"][0].keys() >= {"precision", "recall"}


def test_eval_command_measures_only_the_chosen_half(tmp_path: Path) -> None:
    path = _write_set(tmp_path / "set.jsonl", HALVES)
    whole = runner.invoke(app, ["eval", str(path), "--json"])
    odd = runner.invoke(app, ["eval", str(path), "--ids", "odd", "--json"])
    assert whole.exit_code == odd.exit_code == 0, odd.output
    assert (json.loads(whole.output)["texts"], json.loads(odd.output)["texts"]) == (4, 2)
    bad = runner.invoke(app, ["eval", str(path), "--ids", "third"])
    assert bad.exit_code == 2 and "choose 'odd' or 'even'" in bad.output
