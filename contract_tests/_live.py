"""Live practice for the checks: one small WebSocket client over either kind of target.

In-process it is starlette's TestClient on the target's ASGI app; against a deployment it is
the `websockets` library on the answered `websocket_url`. Either way a check sees the same
three things: messages it can send, JSON it receives, and the close code the server sent
(None when the connection dropped without a close frame).
"""

from __future__ import annotations

import contextlib
import json
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ._target import Target


class Closed(Exception):
    """The server closed the socket; `code` is its close code (None: no close frame)."""

    def __init__(self, code: int | None, reason: str = "") -> None:
        super().__init__(f"closed with {code} {reason}".strip())
        self.code = code
        self.reason = reason


class Live:
    """A connected socket: send text, receive JSON, learn how it was closed."""

    def __init__(self, connection: Any, in_process: bool) -> None:
        self._connection = connection
        self._in_process = in_process

    def send(self, text: str) -> None:
        try:
            if self._in_process:
                self._connection.send_text(text)
            else:
                self._connection.send(text)
        except Exception as exc:  # the socket is gone: report it as a close
            raise Closed(getattr(exc, "code", None)) from exc

    def receive(self) -> Any:
        """The next JSON message; raises Closed when the server closed (or dropped) the socket."""
        if self._in_process:
            from starlette.websockets import WebSocketDisconnect

            try:
                message = self._connection.receive()
            except WebSocketDisconnect as gone:
                raise Closed(gone.code, gone.reason) from gone
            except Exception as dropped:  # the app failed: no close frame was sent
                raise Closed(None, f"{type(dropped).__name__}: {dropped}") from dropped
            if message["type"] == "websocket.close":
                raise Closed(message.get("code"), message.get("reason", ""))
            return json.loads(message.get("text") or message.get("bytes") or "null")
        from websockets.exceptions import ConnectionClosed

        try:
            return json.loads(self._connection.recv(timeout=10))
        except ConnectionClosed as gone:
            code = gone.rcvd.code if gone.rcvd is not None else None
            raise Closed(code, gone.rcvd.reason if gone.rcvd else "") from gone
        except TimeoutError as stalled:
            raise Closed(None, "no answer within 10 s") from stalled


@contextlib.contextmanager
def live_practice(target: Target, websocket_url: str, token: str) -> Iterator[Live]:
    """Open `websocket_url` with `?token=` as a browser does."""
    url = f"{websocket_url}?token={token}"
    if target.app is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from starlette.testclient import TestClient

            client = TestClient(target.app, base_url=target.base_url)
        parts = urlsplit(url)
        try:
            with client.websocket_connect(f"{parts.path}?{parts.query}") as connection:
                yield Live(connection, in_process=True)
        except Exception as exc:
            if isinstance(exc, AssertionError | Closed):
                raise
            # What the app raised after the check was done with the socket: a drop, not ours.
            raise Closed(None, f"{type(exc).__name__}: {exc}") from exc
        return
    try:
        from websockets.sync.client import connect
    except ImportError:
        import pytest

        pytest.skip("live-practice checks of a deployment need the `websockets` package")
    with connect(url, max_size=None, open_timeout=10) as connection:
        yield Live(connection, in_process=False)
