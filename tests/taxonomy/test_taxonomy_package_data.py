"""The taxonomy package finds its data through importlib.resources, never the repository layout.

Installed from a wheel, ``skillmatch`` sits in site-packages with no ``taxonomy/`` folder beside it;
these tests catch code that would only work from a checkout. (The tests themselves may use the
repository layout: ``ROOT`` below.)
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from skillmatch.taxonomy import Taxonomy, schema

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "skillmatch"
# A path computed from a module's own file: what breaks once the package is a wheel in
# site-packages (the repository folders beside it are gone).
REPOSITORY_LAYOUT = re.compile(r"\b__file__\b|\.parents?\[")

TINY = """\
name: tiny
categories: [{id: lang, name: Languages}]
skills: [{id: python, name: Python, categories: [lang], aliases: [Python]}]
"""


def test_no_module_of_the_package_finds_files_from_its_own_path() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if REPOSITORY_LAYOUT.search(line)
    ]
    assert offenders == [], (
        "package data must be read through importlib.resources; repository files belong in"
        " scripts/ or tests/"
    )


def test_default_taxonomy_is_read_through_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "default.yaml").write_text(TINY, encoding="utf-8")
    asked: list[str] = []

    def files(package: str) -> Path:
        asked.append(package)
        return tmp_path

    monkeypatch.setattr(importlib.resources, "files", files)
    # The undecorated loader: the cached default of the other tests stays as it is.
    tiny = schema._default_taxonomy.__wrapped__()
    assert asked == ["skillmatch"]
    assert tiny.skill_ids == ["python"]


def test_default_taxonomy_is_shipped_next_to_the_code() -> None:
    resource = importlib.resources.files("skillmatch").joinpath("data", "default.yaml")
    assert resource.is_file()
    assert len(Taxonomy.default().skills) == 30
