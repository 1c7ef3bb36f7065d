"""The process machinery of ``_runtime``: the ordered pool and the alarm, on plain functions."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skillmatch._runtime import Outcome, Timeout, ordered_map, time_limit


def _work(item: int) -> int:
    if item == 7:
        raise ValueError("seven")
    if item == 11:
        os._exit(3)  # the worker dies
    if item == 13:
        time.sleep(30)  # the worker is stuck
    return item * item


def _make_job(inherit: bool) -> Callable[[Any], Any]:
    return _work


def _lost(item: Any, reason: str) -> Outcome:
    return (False, RuntimeError(reason))


def test_ordered_map_yields_in_input_order_and_replaces_dead_and_stuck_workers() -> None:
    items = list(range(30))
    got = list(
        ordered_map(_make_job, items, n_process=2, batch_size=3, lost=_lost, hard_timeout=1.0)
    )
    assert [item for item, _ in got] == items
    for item, (ok, value) in got:
        if item in (7, 11, 13):
            assert not ok
        else:
            assert ok and value == item * item
    assert str(got[7][1][1]) == "seven"
    # The exit code is read before the dead worker is reaped, so it may still be None.
    assert str(got[11][1][1]).startswith("the worker process died (exit code")
    assert str(got[13][1][1]) == "timeout"


def test_ordered_map_of_nothing_yields_nothing() -> None:
    assert list(ordered_map(_make_job, [], n_process=2, batch_size=4, lost=_lost)) == []


def test_time_limit_raises_timeout_in_the_block_and_none_means_no_limit() -> None:
    with pytest.raises(Timeout), time_limit(0.05):
        time.sleep(5)
    with time_limit(None):
        time.sleep(0.06)


def _allocate(item: int) -> int:
    if item == 1:
        block = bytearray(400 * 1024 * 1024)  # over the cap below
        return len(block)
    return item


def _make_allocating_job(inherit: bool) -> Callable[[Any], Any]:
    return _allocate


def test_worker_over_its_memory_cap_fails_that_item_and_goes_on() -> None:
    got = list(
        ordered_map(
            _make_allocating_job,
            [0, 1, 2, 3],
            n_process=1,
            batch_size=2,
            lost=_lost,
            memory_limit=100 * 1024 * 1024,
        )
    )
    assert [item for item, _ in got] == [0, 1, 2, 3]
    assert got[1][1][0] is False and isinstance(got[1][1][1], MemoryError)
    assert [value for item, (ok, value) in got if item != 1] == [0, 2, 3]


_ORPHAN_SCRIPT = """
import sys, time
from skillmatch._runtime import ordered_map

def job(item):
    import os
    # one write of a whole line: two workers' prints could interleave their pid and newline
    os.write(1, f"{os.getpid()}\\n".encode())
    time.sleep(60)

def make(inherit):
    return job

def lost(item, reason):
    return (False, RuntimeError(reason))

for _ in ordered_map(make, range(2), n_process=2, batch_size=1, lost=lost):
    pass
"""


def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    script = tmp_path / "parent.py"
    script.write_text(_ORPHAN_SCRIPT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(parent.stdout.readline()) for _ in range(2)]
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in workers if _alive(pid)]
    assert alive == []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split()[2] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False
