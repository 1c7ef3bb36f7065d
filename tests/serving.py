"""Start ``skillmatch serve`` as a real process on a free loopback port (tests, benchmarks)."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

SKILLMATCH = Path(sys.executable).with_name("skillmatch")
_RUNNING = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")


@contextlib.contextmanager
def running_server(*options: str, startup: float = 120.0) -> Iterator[str]:
    """Run ``skillmatch serve --port 0 OPTIONS`` on 127.0.0.1; yield its base URL; stop it."""
    proc = subprocess.Popen(
        [str(SKILLMATCH), "serve", "--host", "127.0.0.1", "--port", "0", *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + startup
        seen = []
        port = None
        while port is None:
            line = proc.stderr.readline()
            if not line:
                raise RuntimeError(f"skillmatch serve exited: {''.join(seen)}")
            seen.append(line)
            found = _RUNNING.search(line)
            port = found.group(1) if found else None
            if time.monotonic() > deadline:
                raise RuntimeError(f"skillmatch serve did not start: {''.join(seen)}")
        # keep reading the log (one line a request), or a full pipe would block the server
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
