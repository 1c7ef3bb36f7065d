"""How fast the command line answers when it has no matching to do: help, version, usage errors.

    .venv/bin/python bench/cli_startup.py [--runs 9]

Each figure is the median wall time of ``--runs`` fresh processes (the machine is shared and
noisy: the median, and the same run's ``python -c pass`` as the floor, say more than one time).
The target of issue 17: ``skillmatch --help`` within 0.4 s, because the CLI imports the library
(spaCy, pydantic models, the taxonomy) only inside the commands that match.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

SKILLMATCH = str(Path(sys.executable).with_name("skillmatch"))
TARGET_HELP_SECONDS = 0.4
CASES = {
    "python -c pass (the floor)": [sys.executable, "-c", "pass"],
    "skillmatch --help": [SKILLMATCH, "--help"],
    "skillmatch score -h": [SKILLMATCH, "score", "-h"],
    "skillmatch --version": [SKILLMATCH, "--version"],
    "skillmatch match --format xml x (usage error)": [SKILLMATCH, "match", "-f", "xml", "x"],
    "import skillmatch.matcher (the library, for scale)": [
        sys.executable,
        "-c",
        "import skillmatch.matcher",
    ],
}


def median_seconds(argv: list[str], runs: int) -> float:
    """Return the median wall time of ``runs`` fresh runs of ``argv``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args(argv)
    figures = {name: median_seconds(cmd, args.runs) for name, cmd in CASES.items()}
    print(f"| command | median of {args.runs} fresh runs |\n|---|---|")
    for name, seconds in figures.items():
        print(f"| `{name}` | {seconds:.3f} s |")
    met = figures["skillmatch --help"] <= TARGET_HELP_SECONDS
    print(f"\nskillmatch --help <= {TARGET_HELP_SECONDS} s: {'met' if met else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
