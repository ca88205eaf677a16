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
import zlib
from collections.abc import Iterable, Iterator
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
    connect, read, write, pool = timeout.connect, timeout.read, timeout.write, timeout.pool
    if (
        connect is not None
        and read is not None
        and write is not None
        and pool is not None
        and max(connect, read, write, pool) <= left
    ):
        return timeout
    return httpx.Timeout(
        connect=left if connect is None else min(connect, left),
        read=left if read is None else min(read, left),
        write=left if write is None else min(write, left),
        pool=left if pool is None else min(pool, left),
    )


class DeadlineExceeded(Exception):
    """Internal: the call's deadline passed during an attempt (the flow raises APITimeoutError)."""


class BodyTooLarge(Exception):
    """Internal: an answer over the cap; the flow raises ResponseTooLargeError."""

    def __init__(self, limit: int, declared: int | None, *, early: bool) -> None:
        super().__init__(f"over {limit} bytes")
        self.limit = limit
        self.declared = declared
        self.early = early  # refused on its Content-Length, before any of the body was read


def _limit_for(response: httpx.Response, state: CallState) -> int | None:
    """The cap of this answer: max_response_bytes for a 2xx, at most ERROR_BODY_LIMIT else."""
    if response.is_success:
        return state.limit
    return ERROR_BODY_LIMIT if state.limit is None else min(state.limit, ERROR_BODY_LIMIT)


def _declared(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class _Inflate:
    """gzip or deflate decoding whose every output piece is at most PIECE bytes.

    httpx decodes each network read (64 KiB) in one go, and compressed zeros expand a
    thousandfold: one read of a "gzip bomb" becomes 64 MiB before anything could count it.
    Decoding here, with zlib's max_length, lets the cap stop it within PIECE.
    """

    PIECE = 256 * 1024

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding == "gzip"
        self._first = True
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)

    def decode(self, data: bytes) -> Iterator[bytes]:
        try:
            while data:
                try:
                    piece = self._zlib.decompress(data, self.PIECE)
                except zlib.error:
                    if self._gzip or not self._first:
                        raise
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as httpx
                    piece = self._zlib.decompress(data, self.PIECE)
                self._first = False
                data = self._zlib.unconsumed_tail
                yield piece
            while True:  # the output held back for max_length, without input left
                piece = self._zlib.decompress(b"", self.PIECE)
                if not piece:
                    break
                yield piece
        except zlib.error as exc:
            raise httpx.DecodingError(str(exc)) from exc

    def flush(self) -> bytes:
        try:
            return self._zlib.flush()
        except zlib.error as exc:
            raise httpx.DecodingError(str(exc)) from exc


class _Body:
    """An answer's body as it is read: decoded, counted, refused once over its limit.

    `raw`: the network bytes are read and decoded here (none or one gzip/deflate encoding,
    the service's case); otherwise (br, zstd, several) httpx decodes them, and each of its
    reads may expand unchecked before it is counted.
    """

    def __init__(self, response: httpx.Response, state: CallState) -> None:
        self.limit = _limit_for(response, state)
        self.declared = _declared(response)
        self.chunks: list[bytes] = []
        self.size = 0
        encoding = response.headers.get("Content-Encoding")
        self.inflate: _Inflate | None = None
        self.raw = True
        if encoding is not None:  # rare for JSON answers: the common case stops here
            listed = [value.strip().lower() for value in encoding.split(",")]
            encodings = [value for value in listed if value not in {"", "identity"}]
            single = len(encodings) == 1 and encodings[0] in {"gzip", "deflate"}
            self.inflate = _Inflate(encodings[0]) if single else None
            self.raw = not encodings or single

    def declared_over(self) -> bool:
        return self.limit is not None and self.declared is not None and self.declared > self.limit

    def add(self, data: bytes) -> bool:
        """Add what one read returned; False once the body is over the limit."""
        pieces: Iterable[bytes] = (data,) if self.inflate is None else self.inflate.decode(data)
        for piece in pieces:
            self.size += len(piece)
            if self.limit is not None and self.size > self.limit:
                return False
            self.chunks.append(piece)
        return True

    def finish(self) -> bool:
        """Add what the decoder held back at the end; False if that is over the limit."""
        if self.inflate is None:
            return True
        rest, self.inflate = self.inflate.flush(), None
        return self.add(rest)

    def over(self, response: httpx.Response, state: CallState, *, early: bool = False) -> None:
        """The body is over its limit: a 2xx raises; an error answer keeps only its status.

        The status of an error answer is what the flow acts on (a 503 is still retried), so
        it is kept with an empty body and the flow says the body was dropped.
        """
        limit = self.size if self.limit is None else self.limit
        if response.is_success:
            raise BodyTooLarge(limit, self.declared, early=early)
        state.dropped_body = limit
        response._content = b""


def _already_read(response: httpx.Response, state: CallState) -> None:
    """A body read before the SDK saw it (a mock transport, a caller's event hook): measured."""
    limit = _limit_for(response, state)
    if limit is not None and len(response.content) > limit:
        body = _Body(response, state)
        body.size = len(response.content)
        body.over(response, state)


def read_body(response: httpx.Response, state: CallState) -> None:
    """Read a streamed answer within the cap and the deadline, then close it.

    Content-Length over the cap: refused before reading. Otherwise the body is counted as it
    is decoded (a compressed body is capped by what it takes in memory) and the deadline is
    checked between network reads: with the per-read timeout cut to the remaining time, a
    server that drips its body cannot outlast the deadline by more than one read.
    """
    if response.is_stream_consumed:
        return _already_read(response, state)
    expires = state.expires
    body = _Body(response, state)
    try:
        if body.declared_over():
            return body.over(response, state, early=True)
        for data in response.iter_raw() if body.raw else response.iter_bytes():
            if not body.add(data):
                return body.over(response, state)
            if expires is not None and time.monotonic() >= expires:
                raise DeadlineExceeded
        if not body.finish():
            return body.over(response, state)
        # What Response.read() itself stores; the body was read here to count it on the way.
        response._content = b"".join(body.chunks)
    finally:
        response.close()  # a body left unread closes the connection instead of reusing it


async def aread_body(response: httpx.Response, state: CallState) -> None:
    """read_body for the async client (its attempt is bounded by a wall-clock timeout)."""
    if response.is_stream_consumed:
        return _already_read(response, state)
    body = _Body(response, state)
    try:
        if body.declared_over():
            return body.over(response, state, early=True)
        async for data in response.aiter_raw() if body.raw else response.aiter_bytes():
            if not body.add(data):
                return body.over(response, state)
        if not body.finish():
            return body.over(response, state)
        response._content = b"".join(body.chunks)
    finally:
        await response.aclose()
