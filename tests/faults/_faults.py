"""The faults and what each does to one request: shared by the sync and async transports.

A transport asks `Chooser.choose` whether a request gets a fault, then `refuse_or_answer`
(faults that never reach the server), forwards the request, waits `slow_wait` seconds (the
driver's own sleep) and hands the server's answer to `after_server`. Only the waiting and the
forwarding differ between the two transports.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Callable, Iterator

import attrs
import httpx

# The server never sees the request.
NOT_REACHED = ("refused", "429", "502", "503", "504")
# The server handled the request; its answer is lost, cut, late or unusable.
LOST = ("reset", "mid_body", "read_timeout", "slow")
BROKEN_BODY = ("truncated", "malformed_json", "wrong_content_type")
FAULTS = NOT_REACHED + LOST + BROKEN_BODY

SLOW_SECONDS = 0.2  # how late a "slow" answer is; clients under test use a smaller timeout
RETRY_AFTER = "1"


@attrs.define
class Sent:
    """A request as the transport saw it (Authorization included), for replaying it cleanly."""

    method: str
    url: httpx.URL
    headers: httpx.Headers
    body: bytes
    fault: str | None

    def replay(self) -> httpx.Request:
        return httpx.Request(self.method, self.url, headers=self.headers, content=self.body)


def _everything(_request: httpx.Request) -> bool:
    return True


@attrs.define
class Chooser:
    """Which request gets which fault.

    `numbered`: request number n (1-based) gets faults[n]. `arm_each(fault)`: the first
    attempt of every distinct request (method, URL, Idempotency-Key, body) that `match`
    accepts gets `fault`; a retry, being the same request again, passes clean.
    """

    numbered: dict[int, str] = attrs.field(factory=dict)
    fault: str | None = None
    match: Callable[[httpx.Request], bool] = _everything
    seen: set[tuple[str, str, str | None, str]] = attrs.field(factory=set)
    sent: list[Sent] = attrs.field(factory=list)

    @property
    def calls(self) -> int:
        return len(self.sent)

    def arm_each(
        self, fault: str | None, match: Callable[[httpx.Request], bool] = _everything
    ) -> None:
        """From now on, each distinct request's first attempt gets `fault` (None: no fault)."""
        self.fault, self.match = fault, match
        self.seen = set()

    def choose(self, request: httpx.Request, body: bytes) -> str | None:
        chosen = self.numbered.get(self.calls + 1)
        if chosen is None and self.fault is not None and self.match(request):
            signature = (
                request.method,
                str(request.url),
                request.headers.get("Idempotency-Key"),
                hashlib.sha256(body).hexdigest(),
            )
            if signature not in self.seen:
                self.seen.add(signature)
                chosen = self.fault
        copy = httpx.Headers(request.headers)
        self.sent.append(Sent(request.method, request.url, copy, body, chosen))
        return chosen

    def distinct(self) -> int:
        """How many distinct requests were sent (retries not counted)."""
        return len(
            {(s.method, str(s.url), s.headers.get("Idempotency-Key"), s.body) for s in self.sent}
        )


def refuse_or_answer(fault: str | None, request: httpx.Request) -> httpx.Response | None:
    """Faults that never reach the server: raise, or answer in the server's place."""
    if fault == "refused":
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
    if fault in {"502", "503", "504"}:
        return httpx.Response(int(fault), json={"detail": "injected"}, request=request)
    if fault == "429":
        headers = {"Retry-After": RETRY_AFTER}
        return httpx.Response(429, json={"detail": "slow down"}, headers=headers, request=request)
    return None


def read_timeout(request: httpx.Request) -> float | None:
    """The read timeout httpx passes the transport for this request (None: no timeout)."""
    timeout = request.extensions.get("timeout", {})
    value = timeout.get("read") if isinstance(timeout, dict) else None
    return float(value) if value is not None else None


def slow_wait(fault: str | None, request: httpx.Request) -> float:
    """How long to wait before answering: a slow answer waits until it or the timeout comes."""
    if fault != "slow":
        return 0.0
    limit = read_timeout(request)
    return SLOW_SECONDS if limit is None else min(limit, SLOW_SECONDS)


def after_server(
    fault: str | None, request: httpx.Request, response: httpx.Response, body: bytes
) -> httpx.Response:
    """The answer the client gets once the server handled the request (body already read)."""
    if fault == "reset":
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response.", request=request
        )
    if fault == "read_timeout":
        raise httpx.ReadTimeout("timed out", request=request)
    if fault == "slow":
        limit = read_timeout(request)
        if limit is not None and limit < SLOW_SECONDS:
            raise httpx.ReadTimeout("timed out", request=request)
    if fault == "mid_body":
        # Status line and headers (with the full Content-Length) arrive, then the body breaks.
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=BrokenStream(body[: len(body) // 2], request),
            request=request,
        )
    content_type = response.headers.get("content-type", "")
    if fault == "malformed_json":
        return _replace(response, request, b'{"session_id": "rps_', content_type)
    if fault == "truncated":
        return _replace(response, request, body[: len(body) // 2], content_type)
    if fault == "wrong_content_type":
        return _replace(response, request, body, "text/html; charset=utf-8")
    return _replace(response, request, body, content_type)


def _replace(
    response: httpx.Response, request: httpx.Request, body: bytes, content_type: str
) -> httpx.Response:
    """The server's status and headers with another body (and Content-Type)."""
    headers = [
        (k, v)
        for k, v in response.headers.multi_items()
        if k.lower() not in {"content-length", "content-type"}
    ]
    if content_type:
        headers.append(("content-type", content_type))
    return httpx.Response(response.status_code, headers=headers, content=body, request=request)


class BrokenStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that yields its first part, then the connection breaks."""

    def __init__(self, part: bytes, request: httpx.Request) -> None:
        self._part = part
        self._request = request

    def _error(self) -> httpx.RemoteProtocolError:
        return httpx.RemoteProtocolError(
            "peer closed connection without sending complete message body", request=self._request
        )

    def __iter__(self) -> Iterator[bytes]:
        yield self._part
        raise self._error()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._part
        raise self._error()
