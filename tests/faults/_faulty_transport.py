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
        if fault in {"502", "503", "504"}:
            return httpx.Response(int(fault), json={"detail": "injected"}, request=request)
        if fault == "429":
            headers = {"Retry-After": "1"}
            return httpx.Response(
                429, json={"detail": "slow down"}, headers=headers, request=request
            )
        response = self._inner.handle_request(request)
        if fault == "reset":
            raise httpx.RemoteProtocolError("connection reset mid-response", request=request)
        if fault == "read_timeout":
            raise httpx.ReadTimeout("read timeout", request=request)
        if fault == "malformed_json":
            return _replace(response, b"{not json", response.headers.get("content-type", ""))
        if fault == "truncated":
            return _replace(response, response.content[: len(response.content) // 2], None)
        if fault == "wrong_content_type":
            return _replace(response, response.content, "text/html")
        return response

    def arm(self, faults: dict[int, str]) -> None:
        """Replace the planned faults (request numbers count from the first request)."""
        self._faults = faults

    def close(self) -> None:
        self._inner.close()


def _replace(response: httpx.Response, body: bytes, content_type: str | None) -> httpx.Response:
    """The server's status and headers with another body (and Content-Type)."""
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    if content_type is not None:
        headers["content-type"] = content_type
    return httpx.Response(
        response.status_code, headers=headers, content=body, request=response.request
    )
