"""A sync httpx transport that injects a fault into chosen requests (by 1-based number)."""

from __future__ import annotations

import httpx


class FaultyTransport(httpx.BaseTransport):
    """Wraps `inner`; request number n in `faults` gets that fault instead of a clean answer.

    "reset" and "read_timeout" forward the request first, so the server DID handle it and
    only the answer is lost; "refused" never reaches the server; "503" answers itself.
    """

    def __init__(self, inner: httpx.BaseTransport, faults: dict[int, str]) -> None:
        self._inner = inner
        self._faults = faults
        self.calls = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        fault = self._faults.get(self.calls)
        if fault == "refused":
            raise httpx.ConnectError("connection refused", request=request)
        if fault == "503":
            return httpx.Response(503, json={"detail": "injected"}, request=request)
        response = self._inner.handle_request(request)
        if fault == "reset":
            raise httpx.RemoteProtocolError("connection reset mid-response", request=request)
        if fault == "read_timeout":
            raise httpx.ReadTimeout("read timeout", request=request)
        return response

    def close(self) -> None:
        self._inner.close()
