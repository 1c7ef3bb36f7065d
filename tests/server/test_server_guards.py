"""The service's guards on their own: bounded work with a queue, and the time limit."""

from __future__ import annotations

import asyncio
import threading

import pytest

pytest.importorskip("fastapi")

from skillmatch.server.guards import ServiceError, Workers


def test_workers_refuse_with_503_when_every_place_is_taken() -> None:
    release = threading.Event()
    workers = Workers(concurrency=1, queue=1, timeout=30)

    async def scenario() -> list[object]:
        first = asyncio.ensure_future(workers.run(release.wait))
        second = asyncio.ensure_future(workers.run(lambda: "queued"))
        await asyncio.sleep(0.05)
        with pytest.raises(ServiceError) as busy:
            await workers.run(lambda: "refused")
        release.set()
        return [busy.value.status, await first, await second]

    try:
        assert asyncio.run(scenario()) == [503, True, "queued"]
    finally:
        release.set()
        workers.close()


def test_workers_answer_504_and_keep_the_place_until_the_work_ends() -> None:
    release = threading.Event()
    workers = Workers(concurrency=1, queue=0, timeout=0.05)

    async def scenario() -> tuple[int, int]:
        with pytest.raises(ServiceError) as slow:
            await workers.run(release.wait)
        with pytest.raises(ServiceError) as busy:  # the slow work still runs
            await workers.run(lambda: None)
        return slow.value.status, busy.value.status

    try:
        assert asyncio.run(scenario()) == (504, 503)
    finally:
        release.set()
        workers.close()
