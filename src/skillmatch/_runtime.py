"""Process-level helpers that know nothing of skillmatch: an ordered process pool, an alarm time
limit, and a pause of the garbage collector.

* :func:`ordered_map` runs a job on worker processes and yields the results in input order; a
  worker stuck past a hard timeout, or one that dies, is killed and replaced.
* :func:`time_limit` raises :class:`Timeout` in a block that overruns its seconds (an alarm:
  the main thread on Unix only).
* :func:`gc_paused` pauses the cyclic garbage collector while many small objects are built.

This module imports nothing from skillmatch.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import math
import multiprocessing
import multiprocessing.connection
import multiprocessing.queues
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, TypeAlias

__all__ = ["Outcome", "Timeout", "gc_paused", "ordered_map", "time_limit"]

_WINDOW_PER_WORKER = 4  # chunks in flight or buffered per worker, to bound memory


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    A 30,000-skill taxonomy allocates hundreds of thousands of objects; each allocation burst
    triggers collections that rescan everything built so far (about 40% of the build time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --------------------------------------------------------------------------------------------
# A time limit for a block, by alarm
# --------------------------------------------------------------------------------------------


class Timeout(Exception):
    """Raised by the alarm inside a task that overran its time limit."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``Timeout`` in the block after ``seconds`` (main thread on Unix only, else no-op)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --------------------------------------------------------------------------------------------
# An ordered process pool
# --------------------------------------------------------------------------------------------


def _worker_loop(
    tasks: multiprocessing.queues.Queue[bytes | None],
    conn: multiprocessing.connection.Connection,
    job: Callable[[Any], Any],
) -> None:
    # Ctrl-C goes to the whole process group: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            data = tasks.get()
        except (EOFError, OSError):
            return
        if data is None:
            return
        chunk = pickle.loads(data)
        for index, payload in chunk:
            try:
                message: tuple[int, bool, Any] = (index, True, job(payload))
            except Exception as exc:
                message = (index, False, exc)
            try:
                conn.send(message)
            except Exception as exc:  # an unpicklable result or exception
                conn.send((index, False, RuntimeError(f"cannot send the result back: {exc!r}")))


def _context() -> Any:
    # fork lets workers inherit what the job holds (a matcher takes seconds to build); spawn
    # elsewhere.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass
class _Worker:
    """A worker process: chunks of tasks go to it on a queue, results come back on ``conn``.

    The queue's own thread writes the chunks, so sending never blocks this process while the
    worker, busy with its last chunk, is blocked sending results back.
    """

    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    tasks: multiprocessing.queues.Queue[bytes | None]
    inflight: collections.deque[tuple[int, Any]] = field(default_factory=collections.deque)
    deadline: float = math.inf


Outcome: TypeAlias = tuple[bool, Any]
"""``(True, value)`` or ``(False, exception)``: what became of one item of :func:`ordered_map`."""


def ordered_map(
    make_job: Callable[[bool], Callable[[Any], Any]],
    items: Iterable[Any],
    *,
    n_process: int,
    batch_size: int,
    payload: Callable[[Any], Any] = lambda item: item,
    lost: Callable[[Any, str], Outcome],
    hard_timeout: float | None = None,
) -> Iterator[tuple[Any, Outcome]]:
    """Run ``job(payload(item))`` on ``n_process`` worker processes; yield results in input order.

    Yields ``(item, (ok, value_or_exception))``. Items go out in chunks of ``batch_size``; every
    result comes back on its own, so a worker silent for ``hard_timeout`` seconds is stuck on the
    head of its chunk: it is killed, that item gets ``lost(item, reason)`` and the rest of its
    chunk is sent again. A worker that dies gets the same treatment. ``lost`` returns an outcome.
    ``make_job(inherit)`` builds the job once, here; ``inherit`` is true where workers fork and
    so inherit what the job holds instead of receiving it pickled.
    """
    ctx = _context()
    inherit = ctx.get_start_method() == "fork"
    job = make_job(inherit)
    workers: list[_Worker] = []

    def start() -> _Worker:
        parent, child = ctx.Pipe(duplex=False)
        tasks = ctx.Queue()
        proc = ctx.Process(target=_worker_loop, args=(tasks, child, job), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent, tasks)

    def stop(w: _Worker) -> None:
        w.conn.close()
        w.tasks.cancel_join_thread()  # chunks a dead worker never read are sent again
        w.tasks.close()

    source = enumerate(items)
    retry: collections.deque[tuple[int, Any]] = collections.deque()
    done: dict[int, Outcome] = {}
    pending: dict[int, Any] = {}
    next_out = 0
    next_in = 0
    exhausted = False
    window = max(1, n_process * batch_size * _WINDOW_PER_WORKER)

    def take(n: int) -> list[tuple[int, Any]]:
        nonlocal exhausted, next_in
        chunk: list[tuple[int, Any]] = []
        while retry and len(chunk) < n:
            chunk.append(retry.popleft())
        while not exhausted and len(chunk) < n and next_in - next_out < window:
            try:
                index, item = next(source)
            except StopIteration:
                exhausted = True
                break
            pending[index] = item
            next_in += 1
            chunk.append((index, item))
        return chunk

    def replace(w: _Worker, reason: str) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join()
        stop(w)
        if w.inflight:
            index, item = w.inflight.popleft()
            done[index] = lost(item, reason)
            retry.extendleft(reversed(w.inflight))
        workers[workers.index(w)] = start()

    try:
        workers.extend(start() for _ in range(n_process))
        while True:
            for w in workers:
                # The next chunk goes out once the last one has started to come back, so a
                # worker never waits for this process between chunks. The deadline runs from
                # the last sign of life, so it is reset only for an idle worker.
                if len(w.inflight) < batch_size:
                    chunk = take(batch_size)
                    if chunk:
                        if not w.inflight:
                            w.deadline = time.monotonic() + (hard_timeout or math.inf)
                        w.inflight.extend(chunk)
                        # Pickled here, so that a payload that cannot be sent fails here.
                        w.tasks.put(pickle.dumps([(i, payload(pending[i])) for i, _ in chunk]))
            while next_out in done:
                yield pending.pop(next_out), done.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.inflight]
            if not busy:
                if exhausted and not retry:
                    return
                continue
            wait = min(w.deadline for w in busy) - time.monotonic()
            ready = multiprocessing.connection.wait(
                [w.conn for w in busy], timeout=None if math.isinf(wait) else max(0.0, wait)
            )
            now = time.monotonic()
            for w in busy:
                if w.conn in ready:
                    try:
                        index, ok, value = w.conn.recv()
                    except (EOFError, OSError):
                        code = w.process.exitcode
                        replace(w, f"the worker process died (exit code {code})")
                        continue
                    done[index] = (ok, value)
                    w.inflight.popleft()
                    w.deadline = now + (hard_timeout or math.inf)
                elif now >= w.deadline:
                    replace(w, "timeout")
    finally:
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                w.tasks.put(None)
        for w in workers:
            w.process.join(timeout=1.0)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            stop(w)
