"""The package works from the files a wheel ships, in a folder with no repository around it.

The copy holds what ``pyproject.toml`` puts in the wheel: every module of every package, plus
the ``[tool.setuptools.package-data]`` files. A fresh interpreter imports it from there (ahead of
the editable install), loads the default taxonomy, builds one and lints it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "skillmatch"

SCRIPT = """
import sys
from pathlib import Path

import skillmatch
from skillmatch.taxonomy import Taxonomy, build_taxonomy, lint_taxonomy

assert Path(skillmatch.__file__).is_relative_to(Path(sys.argv[1])), skillmatch.__file__
default = Taxonomy.default()
built = build_taxonomy("Skills\\n\\n- Languages: Python, Go\\n")
issues = [issue for issue in lint_taxonomy(default) if issue.severity != "info"]
print(len(default.skills), built.skill_ids, issues)
"""


def _copy_as_a_wheel_would(site: Path) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["skillmatch"]
    for init in SOURCE.rglob("__init__.py"):
        for module in init.parent.glob("*.py"):
            target = site / "skillmatch" / module.relative_to(SOURCE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(module, target)
    for pattern in patterns:
        for data in SOURCE.glob(pattern):
            target = site / "skillmatch" / data.relative_to(SOURCE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(data, target)


def test_installed_copy_loads_builds_and_lints_without_the_repository(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    _copy_as_a_wheel_would(site)
    assert (site / "skillmatch" / "data" / "default.yaml").is_file()
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(site)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "30 ['python', 'go'] []"
