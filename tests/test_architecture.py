"""The package keeps the shape the README draws: one-way layers, no private names shared across
packages, modules small enough to read."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import skillmatch

SRC = Path(skillmatch.__file__).parent
MAX_LINES = 520


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "egg-info" not in p.parts)


def _package_of(module: str) -> str:
    """The package a module belongs to: ``skillmatch.matching.exact`` -> ``skillmatch.matching``;
    a top-level module (``skillmatch.matcher``) is a package of its own."""
    return ".".join(module.split(".")[:2])


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_layers_contract_holds() -> None:
    """import-linter's contract in pyproject.toml: each layer imports only from those below."""
    lint = Path(sys.executable).with_name("lint-imports")
    root = Path(__file__).parents[1]
    run = subprocess.run(
        [str(lint), "--no-cache", "--config", str(root / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "1 kept, 0 broken" in run.stdout


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_is_imported_from_another_package(path: Path) -> None:
    importer = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("skillmatch"):
            continue
        assert node.module is not None
        if _package_of(node.module) == _package_of(importer):
            continue
        private = [a.name for a in node.names if a.name.startswith("_")]
        assert not private, f"{importer} imports {private} from {node.module}"
        last = node.module.split(".")[-1]
        assert not last.startswith("_") or node.module == "skillmatch._runtime", node.module


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_over_the_size_a_reader_can_hold(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)} has {lines} lines; split it by job"
