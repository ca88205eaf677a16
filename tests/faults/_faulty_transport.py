"""Sync and async httpx transports that inject faults (see _faults.py for what each does)."""

from __future__ import annotations

import asyncio
import time

import httpx

from faults._faults import Chooser, after_server, refuse_or_answer, slow_wait


class FaultyTransport(httpx.BaseTransport):
    """Wraps `inner`; request number n in `faults` gets that fault instead of a clean answer.

    Also `chooser.arm_each(fault, match)`: the first attempt of each distinct request gets it.
    "reset", "mid_body", "read_timeout" and "slow" forward the request first, so the server
    DID handle it and only the answer is lost; "refused" and the statuses never reach it.
    """

    def __init__(self, inner: httpx.BaseTransport, faults: dict[int, str] | None = None) -> None:
        self._inner = inner
        self.chooser = Chooser(numbered=dict(faults or {}))

    @property
    def calls(self) -> int:
        return self.chooser.calls

    def arm(self, faults: dict[int, str]) -> None:
        """Replace the planned faults (request numbers count from the first request)."""
        self.chooser.numbered = dict(faults)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        fault = self.chooser.choose(request, request.read())
        instead = refuse_or_answer(fault, request)
        if instead is not None:
            return instead
        response = self._inner.handle_request(request)
        if fault is None:
            return response
        body = response.read()
        time.sleep(slow_wait(fault, request))
        return after_server(fault, request, response, body)

    def close(self) -> None:
        self._inner.close()


class AsyncFaultyTransport(httpx.AsyncBaseTransport):
    """The async twin of FaultyTransport: the same Chooser and fault functions, awaited I/O."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, faults: dict[int, str] | None = None
    ) -> None:
        self._inner = inner
        self.chooser = Chooser(numbered=dict(faults or {}))

    @property
    def calls(self) -> int:
        return self.chooser.calls

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        fault = self.chooser.choose(request, await request.aread())
        instead = refuse_or_answer(fault, request)
        if instead is not None:
            return instead
        response = await self._inner.handle_async_request(request)
        if fault is None:
            return response
        body = await response.aread()
        await asyncio.sleep(slow_wait(fault, request))
        return after_server(fault, request, response, body)

    async def aclose(self) -> None:
        await self._inner.aclose()
