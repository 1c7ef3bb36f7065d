"""The ``skillmatch taxonomy`` commands, driven through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from skillmatch.cli import app
from skillmatch.taxonomy import Taxonomy

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "taxonomy" / "what-is-ai-engineer.txt"
OVERLAY = ROOT / "taxonomy" / "overlay.yaml"

runner = CliRunner()


def test_build_prints_yaml_of_the_seed_taxonomy() -> None:
    result = runner.invoke(app, ["taxonomy", "build", str(SEED)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert len(data["categories"]) == 8 and len(data["skills"]) == 30
    # "Software Engineer: General software development" names no category: left out (the
    # overlay gives it weights in the default).
    assert len(data["signals"]) == 12 and len(data["roles"]) == 3


def test_build_with_overlay_to_json_reproduces_the_default(tmp_path: Path) -> None:
    out = tmp_path / "built.json"
    result = runner.invoke(
        app, ["taxonomy", "build", str(SEED), "--overlay", str(OVERLAY), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["skills"][0]["id"] == "python"
    assert Taxonomy.load(out) == Taxonomy.default()


def test_lint_of_the_default_passes() -> None:
    default = ROOT / "src" / "skillmatch" / "data" / "default.yaml"
    result = runner.invoke(app, ["taxonomy", "lint", str(default)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stdout


def test_lint_with_warnings_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "name: t\ncategories: [{id: c, name: C}]\n"
        "skills: [{id: go, name: Go, categories: [c], aliases: [go]}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["taxonomy", "lint", str(path)])
    assert result.exit_code == 1
    assert "catalogue-gate" in result.stdout and "case_sensitive: true" in result.stdout


def test_lint_reports_unknown_category_as_error(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "name: t\ncategories: [{id: c, name: C}]\n"
        "skills: [{id: x, name: X, categories: [d], aliases: [Xylo]}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["taxonomy", "lint", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith("error\tunknown-category")


def test_schema_prints_json_schema() -> None:
    result = runner.invoke(app, ["taxonomy", "schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "skillmatch taxonomy"


def test_show_summarizes_the_default() -> None:
    result = runner.invoke(app, ["taxonomy", "show"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.split()[:2] == ["emerging-tech", "4"] for line in lines)
    assert lines[-1] == "30 skills, 12 level signals, 4 roles"


def test_bad_file_prints_one_line_error_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- not\n- a mapping\n", encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "show", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"TaxonomyError: {path}: the taxonomy must be a mapping")


def test_build_prints_what_it_linked_to_stderr_and_keeps_stdout_yaml() -> None:
    doc = ROOT / "examples" / "roles" / "devops-sre.txt"
    result = runner.invoke(app, ["taxonomy", "build", str(doc), "-o", "-"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert "incident-response" in {s["id"] for s in data["skills"]}
    assert result.stderr.startswith("linked 26, generated 0, could not place 1")
    assert "  linked     argo-cd -> argocd" in result.stderr.splitlines()
    assert "section 'Job Market'" in result.stderr


def test_build_without_the_catalogue_keeps_the_documents_words(tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    doc = ROOT / "examples" / "roles" / "frontend-developer.txt"
    result = runner.invoke(
        app, ["taxonomy", "build", str(doc), "--no-catalog", "-q", "-o", str(out)]
    )
    assert result.exit_code == 0 and result.stderr == ""
    assert [a.text for a in Taxonomy.load(out).skill("vue.js").aliases] == ["Vue.js"]
