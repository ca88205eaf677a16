"""One-line helpers giving a test a RoleplayClient wired to an in-process reference service.

    client = in_process_client()                  # dev-member-token, a fresh in-memory service
    client = in_process_client("dev-admin-token", service=svc)

No network: the sync client talks through SyncASGITransport, the async one through
httpx.ASGITransport; both are plain httpx clients. roleplay_sdk is imported only when called.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from typing import Any

import anyio.from_thread
import httpx

from ._schema import SpecSchemas
from ._service import ReferenceService, shared_schemas
from ._spec import Operation, _cached_spec, build_operations, escape_pointer_token, resolve_pointer

# A loopback name: the SDK accepts plain http only to loopback hosts (no bytes leave the process).
BASE_URL = "http://localhost"


class SyncASGITransport(httpx.BaseTransport):
    """Sync httpx transport calling an ASGI app in-process, on one long-lived blocking portal.

    A plain httpx transport (unlike starlette's TestClient, which moves to httpx2), so the
    client it serves is an httpx.Client whatever else is installed, and it works both in
    plain and in async tests (the app runs on the portal's own event-loop thread). One portal
    serves every request, so hundreds of calls do not start hundreds of event loops;
    `close()` (called by the httpx.Client's close) stops it.
    """

    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._stack = contextlib.ExitStack()
        self._portal: anyio.from_thread.BlockingPortal | None = None
        self._lock = threading.Lock()

    def _get_portal(self) -> anyio.from_thread.BlockingPortal:
        with self._lock:
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
        with self._lock:
            self._portal = None
            self._stack.close()


def sync_http_client(service: ReferenceService) -> httpx.Client:
    """An httpx.Client that calls the service in-process (no network)."""
    return httpx.Client(transport=SyncASGITransport(service.app), base_url=BASE_URL)


def websocket_test_client(service: ReferenceService) -> Any:
    """starlette's TestClient, for WebSocket tests (`websocket_connect`)."""
    with warnings.catch_warnings():
        # Starlette >= 1.x nudges its TestClient toward httpx2; either works for WebSockets.
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        return TestClient(service.app, base_url=BASE_URL)


def async_http_client(service: ReferenceService) -> httpx.AsyncClient:
    """An httpx.AsyncClient that calls the service in-process (httpx.ASGITransport)."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=service.app), base_url=BASE_URL)


def _identity(service: ReferenceService, token: str) -> dict[str, str]:
    principal = service.principal_for(token)
    if principal is None:
        raise ValueError("the token is not one of the service's tokens")
    return {"user_id": principal.user_id, "org_id": principal.org_id}


def in_process_client(
    token: str = "dev-member-token", *, service: ReferenceService | None = None, **options: Any
) -> Any:
    """A roleplay_sdk.RoleplayClient for `token`'s user, on `service` (default: a new one)."""
    from roleplay_sdk import RoleplayClient

    service = service or ReferenceService()
    return RoleplayClient(
        base_url=BASE_URL,
        api_token=token,
        http_client=sync_http_client(service),
        **{**_identity(service, token), **options},
    )


def in_process_async_client(
    token: str = "dev-member-token", *, service: ReferenceService | None = None, **options: Any
) -> Any:
    """A roleplay_sdk.AsyncRoleplayClient for `token`'s user, on `service` (default: a new one)."""
    from roleplay_sdk import AsyncRoleplayClient

    service = service or ReferenceService()
    return AsyncRoleplayClient(
        base_url=BASE_URL,
        api_token=token,
        http_client=async_http_client(service),
        **{**_identity(service, token), **options},
    )


class SpecChecker:
    """Checks answers of the spec's operations against the spec: status, media type, body, headers.

    Use `hook` as an httpx response event hook to check every answer a test receives.
    """

    def __init__(self, document: dict[str, Any] | None = None) -> None:
        self.document = document or _cached_spec()
        self.schemas = SpecSchemas(self.document) if document else shared_schemas()
        self.operations = build_operations(self.document)

    def operation_for(self, method: str, path: str) -> Operation | None:
        for operation in self.operations:
            if operation.method == method.upper() and operation.regex.match(path):
                return operation
        return None

    def _response_pointer(self, operation: Operation, status: int) -> str | None:
        base = (
            f"#/paths/{escape_pointer_token(operation.path)}/{operation.method.lower()}/responses"
        )
        responses = resolve_pointer(self.document, base)
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in responses:
                node, pointer = responses[key], f"{base}/{key}"
                while "$ref" in node:
                    pointer = node["$ref"]
                    node = resolve_pointer(self.document, pointer)
                return str(pointer)
        return None

    def problems(self, response: httpx.Response) -> list[str]:
        """Every way `response` departs from the spec (empty when it conforms)."""
        operation = self.operation_for(response.request.method, response.request.url.path)
        if operation is None:
            return []
        label = f"{operation.operation_id} -> {response.status_code}"
        pointer = self._response_pointer(operation, response.status_code)
        if pointer is None:
            return [f"{label}: status not documented"]
        declared = resolve_pointer(self.document, pointer)
        found: list[str] = []
        content = declared.get("content", {})
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if content:
            if media not in content:
                return [f"{label}: media type {media!r} not in {sorted(content)}"]
            schema = f"{pointer}/content/{escape_pointer_token(media)}/schema"
            for error in self.schemas.errors(schema, response.json()):
                found.append(f"{label}: body {error.field}: {error.message}")
        for name in declared.get("headers", {}):
            value = response.headers.get(name)
            if value is None:
                continue
            header_schema = f"{pointer}/headers/{escape_pointer_token(name)}"
            node = resolve_pointer(self.document, header_schema)
            if "$ref" in node:
                header_schema = node["$ref"]
                node = resolve_pointer(self.document, header_schema)
            kind = resolve_pointer(self.document, f"{header_schema}/schema").get("type")
            typed: Any = int(value) if kind == "integer" and value.isdigit() else value
            for error in self.schemas.parameter_errors(f"{header_schema}/schema", name, typed):
                found.append(f"{label}: header {name}: {error.message}")
        return found

    def assert_conforms(self, response: httpx.Response) -> None:
        response.read()
        found = self.problems(response)
        if found:
            raise AssertionError("response does not conform to openapi.yaml:\n" + "\n".join(found))

    def hook(self, response: httpx.Response) -> None:
        """httpx response event hook: fail the call whose answer does not conform."""
        self.assert_conforms(response)


def checked_client(service: ReferenceService, token: str | None = None) -> httpx.Client:
    """An in-process client whose every answer is checked against the spec (for tests)."""
    client = sync_http_client(service)
    if token:
        client.headers["Authorization"] = f"Bearer {token}"
    client.event_hooks = {"request": [], "response": [SpecChecker().hook]}
    return client
