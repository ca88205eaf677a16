"""The call's limits: an overall deadline and a cap on the bytes read from one answer.

Why a deadline on top of httpx's timeouts: httpx's read timeout bounds each read, so a server
that sends one byte a second never trips it, and retries, backoff and Retry-After waits add up
on top. The deadline bounds the whole logical call in wall-clock time.

Why a cap: httpx reads a whole body into memory; a server (or something in between) answering
a gigabyte, or a chunked body that never ends, would take the caller's memory with it. The
clients stream every answer through read_body/aread_body, which refuse a declared
Content-Length over the cap before reading and stop a streamed body at the cap.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Final, final

import httpx

from roleplay_sdk._exceptions import RoleplayValidationError

if TYPE_CHECKING:
    from roleplay_sdk._http import CallState

# 60 s: a healthy call takes milliseconds to a few seconds, so this is far out of the way of
# normal use, yet it leaves room for one full default read timeout (30 s) and a retry. It is
# about as long as the front ends that usually sit before a caller (load balancers, ingress
# proxies: 60 s idle timeouts) would wait for it, so a caller is never held past the point
# where its own user has given up.
DEFAULT_DEADLINE: Final = 60.0
# upload_video's default deadline grows by this much per MiB of recording: an upload is bulk
# transfer, and 1 MiB/s is a slow uplink. A deadline passed to the call itself is exact.
UPLOAD_SECONDS_PER_MIB: Final = 1.0
# 32 MiB: the largest documented answer (a page of 100 assignments, a bulk chunk of 100
# results) is a few hundred KiB, so this only stops answers that are not the service's.
DEFAULT_MAX_RESPONSE_BYTES: Final = 32 * 1024 * 1024
# Problem documents are a few hundred bytes; an error answer is read up to this much only.
ERROR_BODY_LIMIT: Final = 1024 * 1024


@final
class NotGiven:
    """The default of options where None has a meaning of its own ("no limit")."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


def checked_deadline(value: object) -> float | None:
    """None (no overall limit) or seconds > 0."""
    if value is None:
        return None
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    ):
        return float(value)
    raise RoleplayValidationError(
        "deadline", f"must be seconds > 0, or None for no overall limit; got {value!r}"
    )


def checked_max_response_bytes(value: object) -> int | None:
    """None (no cap) or a whole number of bytes >= 1."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise RoleplayValidationError(
        "max_response_bytes", f"must be a whole number of bytes >= 1, or None; got {value!r}"
    )


def expiry(seconds: float | None) -> float | None:
    """The monotonic time at which a deadline of `seconds` from now passes."""
    return None if seconds is None else time.monotonic() + seconds


def clipped(timeout: httpx.Timeout, expires: float | None) -> httpx.Timeout:
    """The attempt's timeout, each part cut to what remains of the deadline (at least 1 ms).

    Unchanged (the same object: no cost) while the deadline is further away than every part.
    """
    if expires is None:
        return timeout
    left = max(expires - time.monotonic(), 0.001)
    parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if all(part is not None and part <= left for part in parts):
        return timeout
    connect, read, write, pool = (left if part is None else min(part, left) for part in parts)
    return httpx.Timeout(connect=connect, read=read, write=write, pool=pool)


class DeadlineExceeded(Exception):
    """Internal: the call's deadline passed during an attempt (the flow raises APITimeoutError)."""


class BodyTooLarge(Exception):
    """Internal: an answer over the cap; the flow raises ResponseTooLargeError."""

    def __init__(self, limit: int, declared: int | None) -> None:
        super().__init__(f"over {limit} bytes")
        self.limit = limit
        self.declared = declared


def _limit_for(response: httpx.Response, state: CallState) -> int | None:
    if response.is_success:
        return state.limit
    return ERROR_BODY_LIMIT if state.limit is None else min(state.limit, ERROR_BODY_LIMIT)


def _declared(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _over(response: httpx.Response, state: CallState, limit: int, declared: int | None) -> None:
    """An answer over its limit: a 2xx raises; an error answer keeps its status, not its body.

    The status of an error answer is what the flow acts on (a 503 is still retried), so it is
    kept with an empty body and the flow says the body was dropped.
    """
    if response.is_success:
        raise BodyTooLarge(limit, declared)
    state.dropped_body = limit
    response._content = b""


def read_body(response: httpx.Response, state: CallState) -> None:
    """Read a streamed answer within the cap and the deadline, then close it.

    Content-Length over the cap: refused before reading. Otherwise chunks are counted as they
    are decoded (a compressed body is capped by what it takes in memory) and the deadline is
    checked between chunks: with the per-read timeout cut to the remaining time, a server that
    drips its body cannot outlast the deadline by more than one read.
    """
    limit = _limit_for(response, state)
    expires = state.expires
    try:
        declared = _declared(response)
        if limit is not None and declared is not None and declared > limit:
            _over(response, state, limit, declared)
            return
        chunks = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if limit is not None and size > limit:
                _over(response, state, limit, declared)
                return
            chunks.append(chunk)
            if expires is not None and time.monotonic() >= expires:
                raise DeadlineExceeded
        # What Response.read() itself stores; the body was read here to count it on the way.
        response._content = b"".join(chunks)
    finally:
        response.close()  # a body left unread closes the connection instead of reusing it


async def aread_body(response: httpx.Response, state: CallState) -> None:
    """read_body for the async client (its attempt is bounded by a wall-clock timeout)."""
    limit = _limit_for(response, state)
    try:
        declared = _declared(response)
        if limit is not None and declared is not None and declared > limit:
            _over(response, state, limit, declared)
            return
        chunks = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if limit is not None and size > limit:
                _over(response, state, limit, declared)
                return
            chunks.append(chunk)
        response._content = b"".join(chunks)
    finally:
        await response.aclose()
