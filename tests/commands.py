"""The ``skillmatch`` command as a user runs it: this environment's script in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SKILLMATCH = Path(sys.executable).with_name("skillmatch")


def run(
    *args: str | Path, stdin: str | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run ``skillmatch ARGS`` (``stdin`` on its standard input); return what it printed."""
    return subprocess.run(
        [str(SKILLMATCH), *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=timeout,
        check=False,
    )
