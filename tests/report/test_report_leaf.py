"""The report package is a leaf: it imports only skillmatch.models, reads no file, never prints."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import skillmatch.report

MODULES = sorted(Path(skillmatch.report.__file__).parent.glob("*.py"))
FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "print"}


def imported_modules(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_report_module_imports_only_models_of_skillmatch(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ours = {m for m in imported_modules(tree) if m.split(".")[0] == "skillmatch"}
    assert {m for m in ours if not m.startswith("skillmatch.report.")} <= {"skillmatch.models"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_report_module_reads_no_file_and_prints_nothing(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    called = {
        node.func.id if isinstance(node.func, ast.Name) else node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
    }
    assert called & FILE_CALLS == set()
