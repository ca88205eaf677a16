"""Helpers giving a test an SDK client wired to an in-process reference service (no network).

    with in_process_client() as client:          # dev-member-token's user, a fresh service
        client.preview(brief="Ask my manager for a raise")
    client = in_process_client("dev-admin-token", service=service)

The clients own what the helpers create for them: close() (or leaving `with`) closes their
httpx client, the event-loop thread the sync transport runs the app on, and a service the
helper made (one you pass in stays yours). A client that is never closed is released when it
is garbage-collected or at interpreter exit, so a test run never hangs on its way out.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import warnings
import weakref
from collections.abc import Callable, Coroutine
from typing import Any, Self

import anyio
import httpx

from roleplay_sdk import AsyncRoleplayClient, RoleplayClient

from ._schema import SpecSchemas
from ._service import HARNESS_LIMITS, ReferenceService, shared_schemas
from ._spec import Operation, _cached_spec, build_operations, escape_pointer_token, resolve_pointer

__all__ = [
    "BASE_URL",
    "AsyncASGITransport",
    "SpecChecker",
    "SyncASGITransport",
    "async_http_client",
    "checked_client",
    "in_process_async_client",
    "in_process_client",
    "sync_http_client",
    "websocket_test_client",
]

# A loopback name: the SDK accepts plain http only to loopback hosts (no bytes leave the process).
BASE_URL = "http://localhost"
#: How long stopping the event-loop thread may take before it is left to die with the process.
STOP_TIMEOUT = 5.0


class _LoopThread:
    """An asyncio event loop in a daemon thread, stopped by stop() or at interpreter exit.

    A daemon, so a forgotten one can never keep the process alive; stopped at exit (atexit
    runs before the interpreter freezes daemon threads), so a forgotten one never runs into
    the teardown either. Not anyio's start_blocking_portal: its context manager, left open,
    is finalized during interpreter teardown and then waits for ever on its frozen thread.
    """

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        # The thread holds the loop, not this object, so a forgotten one can be collected.
        self._thread = threading.Thread(
            target=_run_loop, args=(self._loop,), name="roleplay-reference-in-process", daemon=True
        )
        self._thread.start()
        self._finalizer = weakref.finalize(self, _stop_loop, self._loop, self._thread)

    def submit(self, coroutine: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        if not self._finalizer.alive:
            coroutine.close()
            raise RuntimeError("the in-process transport is closed")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def stop(self) -> None:
        self._finalizer()


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        _shut_down(loop)


def _stop_loop(loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
    if thread is threading.current_thread():
        loop.stop()  # closed from inside a request: the thread ends once it returns
        return
    try:
        loop.call_soon_threadsafe(loop.stop)
    except RuntimeError:  # the loop is closed already
        return
    thread.join(STOP_TIMEOUT)


def _shut_down(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel what is still running on the loop, then close it (in the loop's own thread)."""
    try:
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout") or {}
    read = timeout.get("read")
    return float(read) if read is not None else None


class SyncASGITransport(httpx.BaseTransport):
    """Sync httpx transport calling an ASGI app in-process, on one event-loop thread.

    A plain httpx transport (unlike starlette's TestClient, which moves to httpx2), so the
    client it serves is an httpx.Client whatever else is installed, and it works both in
    plain and in async tests (the app runs on the transport's own event-loop thread). One
    thread serves every request, so hundreds of calls do not start hundreds of event loops;
    `close()` (called by the httpx.Client's close) stops it, and so do garbage collection and
    interpreter exit for a transport nobody closed.

    With `honour_timeouts`, an answer later than the request's read timeout raises
    httpx.ReadTimeout (and the request is cancelled), as a network transport would.
    """

    def __init__(self, app: Any, *, honour_timeouts: bool = False) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._honour_timeouts = honour_timeouts
        self._loop: _LoopThread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _get_loop(self) -> _LoopThread:
        with self._lock:
            if self._closed:
                raise RuntimeError("the in-process transport is closed")
            if self._loop is None:
                self._loop = _LoopThread()
            return self._loop

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def call() -> tuple[int, httpx.Headers, bytes]:
            forwarded = httpx.Request(
                request.method, request.url, headers=request.headers, content=body
            )
            response = await self._inner.handle_async_request(forwarded)
            return response.status_code, response.headers, await response.aread()

        future = self._get_loop().submit(call())
        timeout = _read_timeout(request) if self._honour_timeouts else None
        try:
            status, headers, content = future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise httpx.ReadTimeout(
                f"no answer within the read timeout ({timeout} s)", request=request
            ) from None
        return httpx.Response(status, headers=headers, content=content, request=request)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            loop, self._loop = self._loop, None
        if loop is not None:
            loop.stop()


class AsyncASGITransport(httpx.ASGITransport):
    """httpx.ASGITransport that, with `honour_timeouts`, keeps to the request's read timeout.

    httpx's own ASGI transport ignores timeouts (only network transports have them), so a
    slow in-process answer would never time out the client under test.
    """

    def __init__(self, app: Any, *, honour_timeouts: bool = False) -> None:
        super().__init__(app=app)
        self._honour_timeouts = honour_timeouts

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = _read_timeout(request) if self._honour_timeouts else None
        if timeout is None:
            return await super().handle_async_request(request)
        try:
            with anyio.fail_after(timeout):
                return await super().handle_async_request(request)
        except TimeoutError:
            raise httpx.ReadTimeout(
                f"no answer within the read timeout ({timeout} s)", request=request
            ) from None


def sync_http_client(service: ReferenceService) -> httpx.Client:
    """An httpx.Client that calls the service in-process (no network; close it when done)."""
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
    return httpx.AsyncClient(transport=AsyncASGITransport(service.app), base_url=BASE_URL)


def _identity(service: ReferenceService, token: str) -> dict[str, str]:
    principal = service.principal_for(token)
    if principal is None:
        raise ValueError("the token is not one of the service's tokens")
    return {"user_id": principal.user_id, "org_id": principal.org_id}


class _Owned:
    """What a helper created for one client, released once: by close() or by its finalizer."""

    def __init__(self, http: httpx.Client | httpx.AsyncClient, service: ReferenceService | None):
        self.http = http
        self.service = service

    def release(self) -> None:
        """Without an event loop: stop the sync transport's thread, close the service."""
        try:
            if isinstance(self.http, httpx.Client):
                self.http.close()
        finally:
            if self.service is not None:
                self.service.close()


class _InProcessClient(RoleplayClient):
    """A RoleplayClient that also owns its in-process httpx client (see the module docstring)."""

    _release: Callable[[], None] | None

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._release is not None:
                self._release()

    def with_options(self, **changes: Any) -> Self:
        """A copy sharing this client's httpx client: closing the copy leaves it open."""
        clone = super().with_options(**changes)
        clone._release = None
        return clone


class _InProcessAsyncClient(AsyncRoleplayClient):
    """An AsyncRoleplayClient that also owns its in-process httpx client."""

    _release: Callable[[], None] | None
    _owned_http: httpx.AsyncClient | None

    async def close(self) -> None:
        try:
            await super().close()
            if self._owned_http is not None:
                await self._owned_http.aclose()
        finally:
            if self._release is not None:
                self._release()

    def with_options(self, **changes: Any) -> Self:
        """A copy sharing this client's httpx client: closing the copy leaves it open."""
        clone = super().with_options(**changes)
        clone._release = None
        clone._owned_http = None
        return clone


def in_process_client(
    token: str = "dev-member-token", *, service: ReferenceService | None = None, **options: Any
) -> RoleplayClient:
    """A RoleplayClient as `token`'s user, on `service` (default: a new in-memory one, without
    the served service's rate limits: see HARNESS_LIMITS).

    `options` are RoleplayClient's (timeout, max_retries, ...). The transport keeps to the
    client's read timeout, so `service.faults.slow(...)` times it out as a network would.
    """
    made = service is None
    target = service if service is not None else ReferenceService(**HARNESS_LIMITS)
    http = httpx.Client(
        transport=SyncASGITransport(target.app, honour_timeouts=True), base_url=BASE_URL
    )
    try:
        client = _InProcessClient(
            base_url=BASE_URL,
            api_token=token,
            http_client=http,
            **{**_identity(target, token), **options},
        )
    except BaseException:
        _Owned(http, target if made else None).release()
        raise
    client._release = weakref.finalize(client, _Owned(http, target if made else None).release)
    return client


def in_process_async_client(
    token: str = "dev-member-token", *, service: ReferenceService | None = None, **options: Any
) -> AsyncRoleplayClient:
    """An AsyncRoleplayClient as `token`'s user, on `service` (default: a new in-memory one).

    Options and timeouts as in_process_client(); `await client.close()` (or `async with`)
    releases what it owns.
    """
    made = service is None
    target = service if service is not None else ReferenceService(**HARNESS_LIMITS)
    http = httpx.AsyncClient(
        transport=AsyncASGITransport(target.app, honour_timeouts=True), base_url=BASE_URL
    )
    try:
        client = _InProcessAsyncClient(
            base_url=BASE_URL,
            api_token=token,
            http_client=http,
            **{**_identity(target, token), **options},
        )
    except BaseException:
        _Owned(http, target if made else None).release()
        raise
    client._owned_http = http
    client._release = weakref.finalize(client, _Owned(http, target if made else None).release)
    return client


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
