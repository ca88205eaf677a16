"""RoleplayClient: performs the shared flows' steps with blocking I/O.

Each attempt is sent with stream=True and its body read by _limits.read_body, which caps it
and checks the deadline between chunks; the httpx clients the SDK creates also bound every
socket read and write by the deadline (_deadline.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from roleplay_sdk._base import ClientCore
from roleplay_sdk._flow import Flow, Send, Steps, Upload
from roleplay_sdk._limits import read_body
from roleplay_sdk._methods import Methods
from roleplay_sdk._ops_assignments import Pages

if TYPE_CHECKING:
    from roleplay_sdk._models import Assignment

T = TypeVar("T")


class RoleplayClient(Methods, ClientCore[httpx.Client, Callable[[float], None]]):
    """Blocking client of the roleplay-service. Use it as a context manager, or close() it.

    The methods (preview, start, create_roleplay, edit_questions, approve, review,
    leaderboard, artifact_url, upload_video, create_assignments, list_assignments, unassign,
    bulk_results) are documented on their operations and shared with AsyncRoleplayClient.
    """

    def _default_sleep(self) -> Callable[[float], None]:
        return time.sleep

    def _new_http(self, **options: Any) -> httpx.Client:
        # Imported here: _deadline needs httpcore, which httpx itself loads only with a client.
        from roleplay_sdk._deadline import bound_sockets

        client = httpx.Client(follow_redirects=False, verify=True, **options)
        bound_sockets(client)
        return client

    def _operation(self, factory: Callable[..., Flow[T]]) -> Callable[..., T]:
        def operation(*args: Any, **kwargs: Any) -> T:
            return self._run(factory(self._settings, *args, **kwargs))

        return operation

    def _paged(self, factory: Callable[..., Pages]) -> Callable[..., Iterator[Assignment]]:
        def paged(*args: Any, **kwargs: Any) -> Iterator[Assignment]:
            return self._pages(factory(self._settings, *args, **kwargs))

        return paged

    def _pages(self, pages: Pages) -> Iterator[Assignment]:
        flow: Flow[Any] | None = pages.fetch()
        while flow is not None:
            page = self._run(flow)
            yield from page.items
            flow = pages.after(page)

    def _run(self, flow: Flow[T]) -> T:
        steps = Steps(flow)
        for step in steps:
            steps.reply = self._perform(step)
        return steps.value

    def _send(self, step: Send) -> None:
        http = self._http
        state = step.state
        with state.bound():
            request = step.build(http)
            response = http.send(request, stream=True)
            state.response = response
            read_body(response, state)

    def _put(self, step: Upload) -> None:
        client = self._upload_client()
        state = step.state
        request = step.prepare(client, step.source.sync_content())
        with state.bound():
            response = client.send(request, stream=True)
            state.response = response
            read_body(response, state)

    def _gather(self, flows: tuple[Flow[Any], ...]) -> list[Any]:
        """One after the other: a blocking client has nothing to overlap them with."""
        return [self._run(flow) for flow in flows]

    def close(self) -> None:
        """Close the httpx clients this client created (never one it was given)."""
        for client in self._owned():
            client.close()

    def __enter__(self) -> RoleplayClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
