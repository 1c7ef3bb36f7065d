"""Process-level helpers that know nothing of skillmatch: an ordered process pool, an alarm time
limit, and a pause of the garbage collector.

* :func:`ordered_map` runs a job on worker processes and yields the results in input order; a
  worker stuck past a hard timeout, or one that dies, is killed and replaced.
* :func:`time_limit` raises :class:`Timeout` in a block that overruns its seconds, in any thread
  (an alarm signal in the main thread, a timer elsewhere); :func:`time_budget` turns that into
  :class:`~skillmatch.errors.DocumentTimeoutError`.
* :func:`gc_paused` pauses the cyclic garbage collector while many small objects are built.

This module imports nothing from skillmatch but its errors.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import gc
import math
import multiprocessing
import multiprocessing.connection
import multiprocessing.queues
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, TypeAlias

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

from skillmatch.errors import DocumentTimeoutError

__all__ = [
    "PARENT_ONLY_FDS",
    "Outcome",
    "Timeout",
    "gc_paused",
    "ordered_map",
    "time_budget",
    "time_limit",
]

_WINDOW_PER_WORKER = 4  # chunks in flight or buffered per worker, to bound memory
_PARENT_CHECK_SECONDS = 0.5  # how often a worker looks whether its parent is still alive


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


class Timeout(BaseException):
    """Raised by the alarm inside a block that overran its time limit.

    A ``BaseException``, as ``KeyboardInterrupt`` is: a parsing library's ``except Exception``
    (a PDF reader's per-page guard) cannot swallow it, so the block really stops.
    """


_limits = threading.local()  # .deadlines: the monotonic deadlines of this thread's open blocks


def _deadlines() -> list[float]:
    stack: list[float] | None = getattr(_limits, "deadlines", None)
    if stack is None:
        stack = _limits.deadlines = []
    return stack


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout


class _ThreadAlarm:
    """Raises ``Timeout`` in a thread other than the main one, which signals cannot reach,
    through ``PyThreadState_SetAsyncExc``: the exception arrives at the thread's next bytecode,
    as a signal's would (neither interrupts a call that stays in C)."""

    def __init__(self, seconds: float) -> None:
        self.thread = threading.get_ident()
        self.lock = threading.Lock()
        self.armed = True
        self.fired = False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        with self.lock:
            if self.armed:
                self.fired = True
                _set_async_exc(ctypes.c_ulong(self.thread), ctypes.py_object(Timeout))

    def disarm(self) -> None:
        self.timer.cancel()
        with self.lock:
            self.armed = False
            if self.fired:  # not delivered yet, perhaps: take it back
                _set_async_exc(ctypes.c_ulong(self.thread), None)


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``Timeout`` in the block after ``seconds``, in any thread (``None``: no limit).

    In the main thread (on Unix) an interval-timer signal raises it, which also interrupts a
    blocking system call; in other threads (Dask workers, a server's) a timer thread does.
    Neither interrupts a long call into C code: a process pool kills such a worker
    (:func:`ordered_map`'s ``hard_timeout``). Blocks nest: an enclosing limit that ends first
    still raises inside the inner block.
    """
    if seconds is None:
        yield
        return
    if not (seconds > 0 and math.isfinite(seconds)):
        raise ValueError(f"a time limit must be a positive number of seconds, not {seconds!r}")
    deadlines = _deadlines()
    deadline = time.monotonic() + seconds
    if deadlines and deadlines[-1] <= deadline:
        yield  # the enclosing block's alarm comes first and stays set
        return
    main = threading.current_thread() is threading.main_thread()
    use_signal = main and hasattr(signal, "setitimer")
    deadlines.append(deadline)
    alarm: _ThreadAlarm | None = None
    previous: Any = None
    try:
        if use_signal:
            previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds)
        else:
            alarm = _ThreadAlarm(seconds)
        yield
    finally:
        deadlines.pop()
        if use_signal:
            # The enclosing block's alarm, if any, runs on for the time it has left.
            left = deadlines[-1] - time.monotonic() if deadlines else 0.0
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6) if deadlines else 0.0)
            if not deadlines:
                signal.signal(signal.SIGALRM, previous)
        elif alarm is not None:
            alarm.disarm()
            if deadlines and deadlines[-1] <= time.monotonic():
                raise Timeout  # the enclosing block's time ran out meanwhile


@contextlib.contextmanager
def time_budget(seconds: float | None, *, source: str) -> Iterator[None]:
    """Raise :class:`~skillmatch.errors.DocumentTimeoutError` naming ``source`` when the block
    runs over ``seconds`` (``None``: no budget): the one time budget of every entry point.

    >>> import time
    >>> try:
    ...     with time_budget(0.05, source="cv.pdf"):
    ...         time.sleep(1)
    ... except DocumentTimeoutError as exc:
    ...     print(type(exc).__name__, exc.path, exc.maximum)
    DocumentTimeoutError cv.pdf 0.05
    """
    try:
        with time_limit(seconds):
            yield
    except Timeout:
        assert seconds is not None
        raise DocumentTimeoutError(source, seconds) from None


# --------------------------------------------------------------------------------------------
# An ordered process pool
# --------------------------------------------------------------------------------------------


PARENT_ONLY_FDS: set[int] = set()
"""File descriptors that worker processes close as they start: a lock held through one (an
output's) must not outlive the parent in a forked worker."""


def _exit_with_parent(parent: int) -> None:
    """Exit this worker once its parent is gone (killed with -9, it cannot stop its workers)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="skillmatch-parent-watch", daemon=True).start()


def _cap_memory(extra: int | None) -> None:
    """Let this process's address space grow by at most ``extra`` bytes: past that, an
    allocation raises ``MemoryError`` (the job's failure, not the machine's)."""
    if extra is None or resource is None or not hasattr(resource, "RLIMIT_AS"):
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # not Linux: no cap
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = size + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _worker_loop(
    tasks: multiprocessing.queues.Queue[bytes | None],
    conn: multiprocessing.connection.Connection,
    job: Callable[[Any], Any],
    parent: int,
    memory_limit: int | None,
) -> None:
    # Ctrl-C goes to the whole process group: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in list(PARENT_ONLY_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _exit_with_parent(parent)
    _cap_memory(memory_limit)
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
    memory_limit: int | None = None,
) -> Iterator[tuple[Any, Outcome]]:
    """Run ``job(payload(item))`` on ``n_process`` worker processes; yield results in input order.

    Yields ``(item, (ok, value_or_exception))``. Items go out in chunks of ``batch_size``; every
    result comes back on its own, so a worker silent for ``hard_timeout`` seconds is stuck on the
    head of its chunk: it is killed, that item gets ``lost(item, reason)`` and the rest of its
    chunk is sent again. A worker that dies gets the same treatment. ``lost`` returns an outcome.
    ``make_job(inherit)`` builds the job once, here; ``inherit`` is true where workers fork and
    so inherit what the job holds instead of receiving it pickled. ``memory_limit`` caps how
    many bytes a worker's address space may grow by (an allocation past it raises
    ``MemoryError`` in the job). Workers exit when this process dies, even by ``kill -9``.
    """
    ctx = _context()
    inherit = ctx.get_start_method() == "fork"
    job = make_job(inherit)
    workers: list[_Worker] = []

    def start() -> _Worker:
        parent, child = ctx.Pipe(duplex=False)
        tasks = ctx.Queue()
        proc = ctx.Process(
            target=_worker_loop, args=(tasks, child, job, os.getpid(), memory_limit), daemon=True
        )
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
