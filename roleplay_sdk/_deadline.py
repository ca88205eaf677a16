"""A wall-clock bound on every socket read and write of the httpx.Clients the SDK creates.

Why: the blocking client has no watchdog (the async client wraps each attempt in
asyncio.timeout). httpx passes its read timeout to every recv, so a server that drips its
status line and headers one byte at a time keeps httpx busy inside one call for as long as it
likes. Each httpcore connection of a client the SDK created reads and writes through
DeadlineStream, which cuts every socket timeout to what remains of the current call's deadline
(the CallState bound in a ContextVar, see _http.py) and raises a timeout once it passed. The
deadline is then exact to the millisecond for headers and body alike, on connections opened
later or reused from the pool. Outside an SDK call (no state bound) nothing changes.

A caller's own http_client is left as it is: there the body is still read chunk by chunk with
a deadline check between chunks and a read timeout cut to the remaining time (_limits.py), but
a server dripping its headers can outlast the deadline by up to one read timeout per byte.
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Iterable

import httpcore
import httpx

from roleplay_sdk._http import current_state

# Large writes are sent in pieces so a receiver that drains slowly meets the deadline too.
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
    """A connection's socket stream, each operation bounded by the current call's deadline."""

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


def bound_sockets(client: httpx.Client) -> bool:
    """Put DeadlineBackend under the connection pools of a client the SDK created.

    httpx has no public way to choose httpcore's network backend, so this reaches for the
    pool of each of the client's transports (its own and any mounted for proxies); a
    transport that is not httpx.HTTPTransport, or an httpx whose internals moved, is left
    alone (the chunk-by-chunk deadline check still applies). True when every pool was wrapped.
    """
    transports = [client._transport, *client._mounts.values()]
    wrapped = True
    for transport in transports:
        if transport is None:  # a mount that turns a proxy off
            continue
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, DeadlineBackend):
            continue
        if not isinstance(backend, httpcore.NetworkBackend):
            wrapped = False
            continue
        pool._network_backend = DeadlineBackend(backend)  # type: ignore[union-attr]
    return wrapped
