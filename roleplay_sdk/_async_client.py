"""AsyncRoleplayClient: performs the shared flows' steps with awaits.

Each attempt (send and body) runs under asyncio.timeout for what remains of the call's
deadline, so no server can hold it longer; the body is read by _limits.aread_body (capped).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from roleplay_sdk._base import ClientCore
from roleplay_sdk._flow import Flow, Send, Steps, Upload
from roleplay_sdk._http import SOCKETS_BOUND, CallState
from roleplay_sdk._limits import aread_body
from roleplay_sdk._methods import Methods
from roleplay_sdk._ops_assignments import Pages

if TYPE_CHECKING:
    from roleplay_sdk._models import Assignment

T = TypeVar("T")


class AsyncRoleplayClient(
    Methods, ClientCore[httpx.AsyncClient, Callable[[float], Awaitable[None]]]
):
    """Asyncio client of the roleplay-service: the same methods as RoleplayClient, awaitable.

    bulk_results runs its chunks concurrently (at most 4 requests at a time). Use it as an
    async context manager, or await close().
    """

    def _default_sleep(self) -> Callable[[float], Awaitable[None]]:
        return asyncio.sleep

    def _new_http(self, **options: Any) -> httpx.AsyncClient:
        from roleplay_sdk._deadline import bound_sockets  # needs httpcore: see _client.py

        client = httpx.AsyncClient(follow_redirects=False, verify=True, **options)
        bound_sockets(client)
        return client

    def _operation(self, factory: Callable[..., Flow[T]]) -> Callable[..., Coroutine[Any, Any, T]]:
        async def operation(*args: Any, **kwargs: Any) -> T:
            return await self._run(factory(self._settings, *args, **kwargs))

        return operation

    def _paged(self, factory: Callable[..., Pages]) -> Callable[..., AsyncIterator[Assignment]]:
        def paged(*args: Any, **kwargs: Any) -> AsyncIterator[Assignment]:
            return self._pages(factory(self._settings, *args, **kwargs))

        return paged

    async def _pages(self, pages: Pages) -> AsyncIterator[Assignment]:
        flow: Flow[Any] | None = pages.fetch()
        while flow is not None:
            page = await self._run(flow)
            for item in page.items:
                yield item
            flow = pages.after(page)

    async def _run(self, flow: Flow[T]) -> T:
        steps = Steps(flow)
        for step in steps:
            steps.reply = await self._perform(step)
        return steps.value

    async def _send(self, step: Send) -> None:
        http = self._http
        state = step.state
        with state.bound():
            request = step.build(http)
            await _attempt(http, request, state)

    async def _put(self, step: Upload) -> None:
        client = self._upload_client()
        state = step.state
        request = step.prepare(client, step.source.async_content())
        with state.bound():
            await _attempt(client, request, state)

    async def _gather(self, flows: tuple[Flow[Any], ...]) -> list[Any]:
        """Run the flows concurrently, at most max_concurrency at once; the first error wins."""
        limit = asyncio.Semaphore(self._settings.max_concurrency)

        async def run(flow: Flow[Any]) -> Any:
            async with limit:
                return await self._run(flow)

        tasks = [asyncio.ensure_future(run(flow)) for flow in flows]
        try:
            return await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()

    async def close(self) -> None:
        """Close the httpx clients this client created (never one it was given)."""
        for client in self._owned():
            await client.aclose()

    async def __aenter__(self) -> AsyncRoleplayClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


async def _exchange(http: httpx.AsyncClient, request: httpx.Request, state: CallState) -> None:
    response = await http.send(request, stream=True)
    state.response = response
    await aread_body(response, state)


async def _attempt(http: httpx.AsyncClient, request: httpx.Request, state: CallState) -> None:
    """Send and read one attempt, within what remains of the deadline.

    A client the SDK created bounds each socket operation by the deadline (_deadline.py);
    any other gets a timer over the whole attempt (TimeoutError when it fires).
    """
    if state.expires is None or http in SOCKETS_BOUND:
        await _exchange(http, request, state)
        return
    async with asyncio.timeout(state.expires - time.monotonic()):
        await _exchange(http, request, state)
