"""The fault switch: make the reference service fail, slow down or go away, on purpose.

A consumer's test of its own error handling needs a service that misbehaves on cue, without
hand-written httpx MockTransport plumbing:

    service.faults.fail_next(503, times=2)   # the next two requests answer 503
    service.faults.slow(2.0)                 # every request waits 2 s before it is handled
    service.faults.down()                    # every request fails to connect
    service.faults.clear()                   # back to normal

Faults apply to every HTTP request except the test-control routes (`/_control/...`), so a
test can still drive the service while its public API misbehaves. A faulted request never
reaches the service: nothing is created, and an Idempotency-Key is not spent.
"""

from __future__ import annotations

import json
import threading

import anyio
import httpx
from starlette.types import ASGIApp, Receive, Scope, Send

from ._problems import PROBLEM_MEDIA_TYPE, ProblemError

CONTROL_PREFIX = "/_control/"


class Faults:
    """What the service does wrong, for the requests to come (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: list[tuple[int, int | None]] = []
        self._delay = 0.0
        self._down = False
        self._injected = 0

    def fail_next(
        self, status: int = 503, times: int = 1, *, retry_after: int | None = None
    ) -> None:
        """Answer the next `times` requests with `status` (a problem+json body).

        `retry_after` (seconds) adds a Retry-After header, as a 429 or 503 may carry.
        Calls add up: fail_next(503); fail_next(429) fails one request with each, in order.
        """
        if not isinstance(status, int) or not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error status (400-599)")
        if not isinstance(times, int) or times < 1:
            raise ValueError("times must be a positive integer")
        if retry_after is not None and (not isinstance(retry_after, int) or retry_after < 0):
            raise ValueError("retry_after must be a whole number of seconds >= 0")
        with self._lock:
            self._failures.extend([(status, retry_after)] * times)

    def slow(self, seconds: float) -> None:
        """Make every request wait `seconds` before the service handles it (0 ends it).

        A client whose read timeout is shorter gets httpx.ReadTimeout, in-process too (the
        in_process_* clients' transports keep to the read timeout); in-process the request is
        then not handled, while a server over HTTP handles it late, as a slow service would.
        """
        if seconds < 0:
            raise ValueError("seconds must be >= 0")
        with self._lock:
            self._delay = float(seconds)

    def down(self) -> None:
        """Make every request fail as if the service were unreachable.

        In-process clients get httpx.ConnectError (the in-process transports hand the app's
        exception to the client). A server cannot refuse connections from inside its app:
        over HTTP, stop the server instead (BackgroundServer.stop()).
        """
        with self._lock:
            self._down = True

    def up(self) -> None:
        """Undo down()."""
        with self._lock:
            self._down = False

    def clear(self) -> None:
        """No more faults: pending failures dropped, no delay, service up."""
        with self._lock:
            self._failures.clear()
            self._delay = 0.0
            self._down = False

    @property
    def injected(self) -> int:
        """How many requests a fault has answered (or refused) so far."""
        return self._injected

    @property
    def pending_failures(self) -> int:
        return len(self._failures)

    def _next(self) -> tuple[bool, float, tuple[int, int | None] | None]:
        with self._lock:
            failure = self._failures.pop(0) if self._failures and not self._down else None
            if self._down or failure is not None:
                self._injected += 1
            return self._down, self._delay, failure


class FaultMiddleware:
    """ASGI middleware applying a service's Faults before the app sees the request."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        down, delay, failure = self.faults._next()
        if down:
            raise httpx.ConnectError("the reference service is down (service.faults.down())")
        if delay:
            await anyio.sleep(delay)
        if failure is None:
            await self.app(scope, receive, send)
            return
        status, retry_after = failure
        await _answer(send, status, retry_after)


async def _answer(send: Send, status: int, retry_after: int | None) -> None:
    problem = ProblemError(status, "Injected by service.faults.fail_next().").body()
    body = json.dumps(problem).encode()
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
