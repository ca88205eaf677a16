"""A hostile HTTP/1.1 server on loopback: it drips, floods, throttles, fails and echoes secrets.

Plain sockets in threads, so it misbehaves exactly as told (a well-behaved framework would
not let it): `server.mode` picks what every request gets, whatever its path, until changed.
Each connection is served by its own thread and kept alive between answers that allow it.
Bodies are generated as they are sent, never held: a 1 GiB answer costs the server one 64 KiB
block. Every request is recorded (method, path, headers) in `server.requests`.
"""

from __future__ import annotations

import functools
import json
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from typing import Any

GIB = 1024**3
BLOCK = b"\0" * 65536
DRIP_BODY = json.dumps({"entries": []}).encode() + b" " * 40  # valid JSON, dripped for 40 s


@functools.cache
def gzip_bomb() -> bytes:
    """128 MiB of zeros, gzip-compressed to about 130 KiB (built once per test run)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [compressor.compress(BLOCK) for _ in range(2048)]
    return b"".join([*parts, compressor.flush()])


class HostileServer:
    """Start with `with HostileServer() as server:`; `server.base_url` is http://127.0.0.1:port.

    Modes: ok, drip_body, drip_headers, huge_declared, endless_chunked, gzip_bomb,
    retry_after_20, retry_after_0, outage, echo (401 quoting the Authorization header in its
    detail and in response headers).
    """

    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[dict[str, Any]] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def __enter__(self) -> HostileServer:
        self._spawn(self._accept)
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(2)
        self._listener.close()

    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._spawn(self._serve, conn)

    # --- one connection ------------------------------------------------------------------

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.2)
        buffered = b""
        try:
            while not self._stop.is_set():
                head, buffered = self._read_head(conn, buffered)
                if head is None:
                    return
                request, length = _parse(head)
                while len(buffered) < length:
                    buffered += self._recv(conn)
                buffered = buffered[length:]
                with self._lock:
                    self.requests.append(request)
                if not self._answer(conn, request):
                    return
        except (OSError, ConnectionError):
            return
        finally:
            conn.close()

    def _recv(self, conn: socket.socket) -> bytes:
        while not self._stop.is_set():
            try:
                data = conn.recv(65536)
            except TimeoutError:
                continue
            if not data:
                raise ConnectionError("the client closed the connection")
            return data
        raise ConnectionError("the server is stopping")

    def _read_head(self, conn: socket.socket, buffered: bytes) -> tuple[bytes | None, bytes]:
        while b"\r\n\r\n" not in buffered:
            try:
                buffered += self._recv(conn)
            except ConnectionError:
                return None, b""
        head, _, rest = buffered.partition(b"\r\n\r\n")
        return head, rest

    def _send(self, conn: socket.socket, data: bytes) -> None:
        view = memoryview(data)
        while view and not self._stop.is_set():
            try:
                sent = conn.send(view)
            except TimeoutError:
                continue
            view = view[sent:]
        if view:
            raise ConnectionError("the server is stopping")

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        """One byte a second (ends early when the client hangs up or the server stops)."""
        for byte in data:
            self._send(conn, bytes([byte]))
            if self._stop.wait(1.0):
                return

    # --- what each mode answers --------------------------------------------------------

    def _answer(self, conn: socket.socket, request: dict[str, Any]) -> bool:
        """Send the mode's answer; False when the connection must end."""
        mode = self.mode
        if mode == "ok":
            self._send(conn, _response(200, b'{"entries": []}'))
            return True
        if mode == "drip_body":
            head = _head(200, {"Content-Length": str(len(DRIP_BODY))})
            self._send(conn, head)
            self._drip(conn, DRIP_BODY)
            return False
        if mode == "drip_headers":
            self._drip(conn, _response(200, b'{"entries": []}'))
            return False
        if mode == "huge_declared":
            self._send(conn, _head(200, {"Content-Length": str(GIB)}))
            for block in _blocks(GIB):
                self._send(conn, block)
            return False
        if mode == "endless_chunked":
            self._send(conn, _head(200, {"Transfer-Encoding": "chunked"}))
            chunk = b"%x\r\n" % len(BLOCK) + BLOCK + b"\r\n"
            while True:
                self._send(conn, chunk)
        if mode == "gzip_bomb":
            bomb = gzip_bomb()
            headers = {"Content-Length": str(len(bomb)), "Content-Encoding": "gzip"}
            self._send(conn, _head(200, headers) + bomb)
            return True
        if mode in {"retry_after_20", "retry_after_0", "outage"}:
            extra = {"outage": {}, "retry_after_20": {"Retry-After": "20"}}.get(
                mode, {"Retry-After": "0"}
            )
            self._send(conn, _problem(503, "Service Unavailable", "down", extra))
            return True
        if mode == "echo":
            authorization = request["headers"].get("authorization", "")
            detail = f"the token in '{authorization}' is not valid"
            echoed = {"X-Echo-Authorization": authorization, "X-Request-Id": authorization}
            self._send(conn, _problem(401, "Unauthorized", detail, echoed))
            return True
        raise AssertionError(f"unknown mode {mode!r}")


def _parse(head: bytes) -> tuple[dict[str, Any], int]:
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    return {"method": method, "path": path, "headers": headers, "at": time.monotonic()}, length


def _head(status: int, headers: dict[str, str], reason: str = "") -> bytes:
    lines = [f"HTTP/1.1 {status} {reason or 'Whatever'}", "Content-Type: application/json"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _response(status: int, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    return _head(status, {**(headers or {}), "Content-Length": str(len(body))}) + body


def _problem(status: int, title: str, detail: str, headers: dict[str, str]) -> bytes:
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail})
    return _response(status, body.encode(), headers)


def _blocks(total: int) -> Iterator[bytes]:
    for _ in range(total // len(BLOCK)):
        yield BLOCK
