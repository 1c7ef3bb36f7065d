"""The CLI uses the library through public names only: no ``_private`` module or name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import skillmatch.cli

MODULES = sorted(Path(skillmatch.cli.__file__).parent.glob("*.py"))


def library_imports(tree: ast.Module) -> list[str]:
    """Every ``module.name`` the code imports from skillmatch outside the cli package."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return [
        name
        for name in found
        if name.startswith("skillmatch.") and not name.startswith("skillmatch.cli.")
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_cli_module_imports_no_private_name_of_the_library(path: Path) -> None:
    names = library_imports(ast.parse(path.read_text(encoding="utf-8")))
    assert [n for n in names if any(part.startswith("_") for part in n.split("."))] == []
