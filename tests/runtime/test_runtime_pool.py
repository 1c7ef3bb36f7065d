"""The process machinery of ``_runtime``: the ordered pool and the alarm, on plain functions."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
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
