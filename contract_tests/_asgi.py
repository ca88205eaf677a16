"""A synchronous httpx transport that calls an ASGI app in-process (no network).

One blocking portal (an event-loop thread) serves every request of the transport, so a test
that makes hundreds of calls does not start hundreds of event loops.
"""

from __future__ import annotations

import contextlib
from typing import Any

import anyio.from_thread
import httpx


class PortalASGITransport(httpx.BaseTransport):
    """httpx transport running `app` on a long-lived portal; close() stops the portal."""

    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._stack = contextlib.ExitStack()
        self._portal: anyio.from_thread.BlockingPortal | None = None

    def _get_portal(self) -> anyio.from_thread.BlockingPortal:
        if self._portal is None:
            self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())
        return self._portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def call() -> tuple[int, httpx.Headers, bytes]:
            forwarded = httpx.Request(
                request.method, request.url, headers=request.headers, content=body
            )
            response = await self._inner.handle_async_request(forwarded)
            return response.status_code, response.headers, await response.aread()

        status, headers, content = self._get_portal().call(call)
        return httpx.Response(status, headers=headers, content=content, request=request)

    def close(self) -> None:
        self._portal = None
        self._stack.close()
