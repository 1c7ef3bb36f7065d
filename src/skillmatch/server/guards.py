"""What keeps the service up: a cap on request bodies, bounded work, a time limit, JSON errors."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from skillmatch.errors import (
    LimitExceededError,
    SkillmatchError,
    TaxonomyError,
    UnsupportedFormatError,
)

T = TypeVar("T")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ServiceError(Exception):
    """An HTTP error of the service itself (busy, too slow, too large), with its status."""

    def __init__(self, name: str, message: str, status: int) -> None:
        super().__init__(message)
        self.name = name
        self.status = status


def error_body(name: str, message: str, status: int, **extra: Any) -> bytes:
    """Return the JSON of an error: its name (a library exception's), message and status."""
    data = {"error": name, "message": " ".join(message.split()), "status": status, **extra}
    return json.dumps(data, ensure_ascii=True).encode("ascii")


def status_of(exc: SkillmatchError) -> int:
    """Return the HTTP status of a library error: 413 over a limit, 415 a format, else 422."""
    if isinstance(exc, LimitExceededError):
        return 413
    if isinstance(exc, UnsupportedFormatError):
        return 415
    if isinstance(exc, TaxonomyError):
        return 500  # the service's own taxonomy: not the client's fault
    return 422


class BodyLimit:
    """ASGI middleware: refuse a request body over ``max_bytes`` with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send, int(declared))
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:
                await self._refuse(send, received)

    async def _refuse(self, send: Send, size: int) -> None:
        body = error_body(
            "LimitExceededError",
            f"request body of {size} bytes or more is over the service's limit of "
            f"{self.max_bytes} bytes (skillmatch serve --max-body)",
            413,
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class Workers:
    """Run matching on ``concurrency`` threads, with ``queue`` waiting places and a time limit.

    A request that finds every place taken gets 503 at once. One that runs over ``timeout``
    gets 504; its thread finishes in the background and holds its place until then.
    """

    def __init__(self, concurrency: int, queue: int, timeout: float) -> None:
        self.timeout = timeout
        self.places = concurrency + queue
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="skillmatch")
        self._lock = threading.Lock()
        self._taken = 0

    async def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on a worker thread; raise :class:`ServiceError` when busy or too slow."""
        with self._lock:
            if self._taken >= self.places:
                raise ServiceError(
                    "ServiceBusyError",
                    f"all {self.places} places are taken; retry shortly",
                    503,
                )
            self._taken += 1
        future = self._pool.submit(fn)
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except asyncio.TimeoutError:
            raise ServiceError(
                "LimitExceededError",
                f"reading and matching took over the service's time limit of {self.timeout:g} s "
                "(skillmatch serve --timeout)",
                504,
            ) from None

    def _release(self, _: object) -> None:
        with self._lock:
            self._taken -= 1

    def close(self) -> None:
        """Stop the threads once their work is done."""
        self._pool.shutdown(wait=False, cancel_futures=True)
