"""A wall-clock bound on every socket read and write of the httpx clients the SDK creates.

Why: httpx passes its read timeout to every recv, so a server that drips its status line,
headers or body one byte at a time keeps httpx busy inside one call for as long as it likes.
Each httpcore connection of a client the SDK created reads and writes through a
(Async)DeadlineStream, which cuts every socket timeout to what remains of the current call's
deadline (the CallState bound in a ContextVar, see _http.py) and raises a timeout once it
passed. The deadline is then exact to the millisecond for headers and body alike, on
connections opened later or reused from the pool, at the cost of a clock read per socket
operation. Outside an SDK call (no state bound) nothing changes.

A caller's own http_client is left as it is. On it the async client bounds each attempt with
asyncio.timeout instead (a timer per attempt, ~20 us); the blocking client reads the body
chunk by chunk with a deadline check between chunks and a read timeout cut to the remaining
time (_limits.py), but a server dripping its headers can outlast the deadline there by up to
one read timeout per byte.
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Iterable

import httpcore
import httpx

from roleplay_sdk._http import SOCKETS_BOUND, current_state

WRITE_PIECE = 64 * 1024


def _cut(timeout: float | None, timeout_error: type[Exception]) -> float | None:
    state = current_state()
    if state is None or state.expires is None:
        return timeout
    left = state.expires - time.monotonic()
    if left <= 0:
        raise timeout_error("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection's socket stream, each operation bounded by the current call's deadline.

    A large write is sent in pieces, so a receiver that drains slowly meets the deadline too.
    """

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        view = memoryview(buffer)
        for start in range(0, len(view), WRITE_PIECE):
            piece = view[start : start + WRITE_PIECE]
            self._inner.write(bytes(piece), _cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, cut))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """Wraps a network backend so the streams it opens are DeadlineStreams."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self.inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        stream = self.inner.connect_tcp(host, port, cut, local_address, socket_options)
        return DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self.inner.connect_unix_socket(path, cut, socket_options))

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class AsyncDeadlineStream(httpcore.AsyncNetworkStream):
    """DeadlineStream for the async client."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        view = memoryview(buffer)
        for start in range(0, len(view), WRITE_PIECE):
            piece = view[start : start + WRITE_PIECE]
            await self._inner.write(bytes(piece), _cut(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return AsyncDeadlineStream(await self._inner.start_tls(ssl_context, server_hostname, cut))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class AsyncDeadlineBackend(httpcore.AsyncNetworkBackend):
    """DeadlineBackend for the async client."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self.inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        stream = await self.inner.connect_tcp(host, port, cut, local_address, socket_options)
        return AsyncDeadlineStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        stream = await self.inner.connect_unix_socket(path, cut, socket_options)
        return AsyncDeadlineStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def bound_sockets(client: httpx.Client | httpx.AsyncClient) -> bool:
    """Put a deadline backend under the connection pools of a client the SDK created.

    httpx has no public way to choose httpcore's network backend, so this reaches for the
    pool of each of the client's transports (its own and any mounted for proxies). A
    transport that is not httpx's own, or an httpx whose internals moved, is left alone and
    the client is not added to SOCKETS_BOUND (the other bounds apply). True when every pool
    was wrapped.
    """
    wrapper: type[DeadlineBackend | AsyncDeadlineBackend]
    base: type[httpcore.NetworkBackend | httpcore.AsyncNetworkBackend]
    if isinstance(client, httpx.AsyncClient):
        wrapper, base = AsyncDeadlineBackend, httpcore.AsyncNetworkBackend
    else:
        wrapper, base = DeadlineBackend, httpcore.NetworkBackend
    pools = []
    for transport in [client._transport, *client._mounts.values()]:
        if transport is None:  # a mount that turns a proxy off
            continue
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if not isinstance(backend, base):
            return False
        pools.append((pool, backend))
    for pool, backend in pools:
        if not isinstance(backend, wrapper):
            pool._network_backend = wrapper(backend)  # type: ignore[union-attr, arg-type]
    SOCKETS_BOUND.add(client)
    return True
