"""``python -m skillmatch`` runs the same command line as the ``skillmatch`` script."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points


def test_python_m_skillmatch_lists_every_command() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "skillmatch", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert run.returncode == 0, run.stderr
    for command in ("match", "eval", "report", "score", "compare", "screen", "taxonomy"):
        assert f" {command} " in run.stdout


def test_the_skillmatch_script_points_at_cli_main() -> None:
    (script,) = entry_points(group="console_scripts", name="skillmatch")
    assert script.value == "skillmatch.cli:main"
    assert callable(script.load())
