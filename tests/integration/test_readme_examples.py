"""The README shows what the product does: every sample in it is run here and must match.

* ``console`` blocks: each ``$ command`` runs in bash (the venv's ``skillmatch`` first on the
  PATH), in a scratch folder that sees the repository's ``examples/`` and ``taxonomy/``; what it
  prints (stdout and stderr, in order) must equal the lines under it. ``...`` stands for any text
  (a timing, lines left out), as in doctest.
* ``pycon`` blocks run as doctests, in the same folder.

When a sample drifts, the failure shows what the command prints now: paste it into the README.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BLOCK = re.compile(r"^```(console|pycon)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(kind: str) -> list[tuple[int, str]]:
    """Return ``(line number, body)`` of each block of ``kind`` in the README."""
    text = README.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start()) + 1, m.group(2))
        for m in BLOCK.finditer(text)
        if m.group(1) == kind
    ]


def commands(body: str) -> list[tuple[str, str]]:
    """Split a console block into ``(command, expected output)`` pairs."""
    pairs: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        elif pairs:
            pairs[-1][1].append(line)
    return [(cmd, "".join(f"{out}\n" for out in lines)) for cmd, lines in pairs]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("readme")
    for name in ("examples", "taxonomy"):
        (d / name).symlink_to(ROOT / name)
    return d


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "100"
    return env


CONSOLE = blocks("console")
PYCON = blocks("pycon")


def test_the_readme_has_samples_of_every_command_and_api() -> None:
    run = " ".join(cmd for _, body in CONSOLE for cmd, _ in commands(body))
    for command in ("match", "score", "compare", "screen", "taxonomy build", "schema"):
        assert f"skillmatch {command}" in run
    code = "\n".join(body for _, body in PYCON)
    for api in ("SkillMatcher", "score_frame", 'add_pipe("skillmatch"', "to_frame"):
        assert api in code


@pytest.mark.parametrize(("line", "body"), CONSOLE, ids=[f"line {n}" for n, _ in CONSOLE])
def test_console_sample_matches_what_the_command_prints(
    line: int, body: str, workdir: Path, env: dict[str, str]
) -> None:
    checker = doctest.OutputChecker()
    for command, expected in commands(body):
        proc = subprocess.run(
            ["bash", "-c", command],
            cwd=workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, f"README line {line}: $ {command}\n{proc.stdout}"
        assert checker.check_output(expected, proc.stdout, doctest.ELLIPSIS), (
            f"README line {line}: $ {command}\n--- the README says:\n{expected}"
            f"--- the command prints:\n{proc.stdout}"
        )


@pytest.fixture
def in_workdir(workdir: Path) -> Iterator[Path]:
    before = Path.cwd()
    os.chdir(workdir)
    try:
        yield workdir
    finally:
        os.chdir(before)


@pytest.mark.parametrize(("line", "body"), PYCON, ids=[f"line {n}" for n, _ in PYCON])
def test_python_sample_prints_what_the_readme_says(line: int, body: str, in_workdir: Path) -> None:
    test = doctest.DocTestParser().get_doctest(body, {}, f"README.md:{line}", str(README), line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)
