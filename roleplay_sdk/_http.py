"""What the facade adds to the httpx client that the generated client sends through.

Why a ContextVar: the generated endpoint functions build and send the request and then parse
it with enums that raise ValueError on a value the spec does not list yet. The facade needs
the raw httpx.Response even then, without sending the request again, and it needs per-call
settings (timeout, credentials) that the generated functions do not take. So around each
attempt the facade binds a CallState in a ContextVar; the httpx client's request hook applies
the call's timeout and records the request, its response hook records the response, and its
auth reads the call's credentials. Awaiting shares the context and tasks copy it, so
concurrent calls on one AsyncClient never see each other's state.

The token lives only in BearerAuth (an httpx.Auth whose repr/str redact it). It is written
into the outgoing request by httpx's auth flow and removed from that request object as soon
as the response arrived, so errors that keep the response do not carry it.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Callable, Generator, Iterator
from contextvars import ContextVar
from typing import Any

import attrs
import httpx

from roleplay_sdk._exceptions import RoleplayValidationError

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)


class BearerAuth(httpx.Auth):
    """Holds the bearer token; never shows it."""

    __slots__ = ("_token",)

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

    def same_token(self, other: BearerAuth) -> bool:
        """Whether two holders carry the same token (without exposing either)."""
        return self._token == other._token

    def __repr__(self) -> str:
        return "BearerAuth(token='***')"

    __str__ = __repr__


@attrs.define(eq=False)
class CallState:
    """One attempt's settings and what it produced (filled by the hooks or the driver)."""

    timeout: httpx.Timeout
    auth: BearerAuth | None = None
    request: httpx.Request | None = None
    response: httpx.Response | None = None
    error: Exception | None = None

    @contextlib.contextmanager
    def bound(self) -> Iterator[None]:
        """Bind this state for the hooks and keep any exception instead of raising it."""
        token = _CURRENT.set(self)
        try:
            yield
        except Exception as exc:  # the caller decides what an exception means (see _flow)
            self.error = exc
        finally:
            _CURRENT.reset(token)
            for sent in (self.request, self.response and self.response.request):
                # `in` then `del`: Headers.pop scans the headers twice more for the same work.
                if sent is not None and "Authorization" in sent.headers:
                    del sent.headers["Authorization"]


_CURRENT: ContextVar[CallState | None] = ContextVar("roleplay_sdk_call", default=None)


class ContextAuth(httpx.Auth):
    """The httpx client's auth: the current call's BearerAuth, or nothing outside a call."""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        state = _CURRENT.get()
        if state is not None and state.auth is not None:
            yield from state.auth.auth_flow(request)
        else:
            yield request

    def __repr__(self) -> str:
        return "ContextAuth()"


CONTEXT_AUTH = ContextAuth()


def on_request(request: httpx.Request) -> None:
    """Request hook: apply the call's timeout and remember the request."""
    state = _CURRENT.get()
    if state is not None:
        request.extensions["timeout"] = state.timeout.as_dict()
        state.request = request


def on_response(response: httpx.Response) -> None:
    """Response hook: remember the raw response (the last one, if redirects were followed)."""
    state = _CURRENT.get()
    if state is not None:
        state.response = response


async def on_request_async(request: httpx.Request) -> None:
    """AsyncClient hooks must be coroutines; same work as on_request."""
    on_request(request)


async def on_response_async(response: httpx.Response) -> None:
    """AsyncClient hooks must be coroutines; same work as on_response."""
    on_response(response)


def adopt(client: httpx.Client | httpx.AsyncClient, base_url: httpx.URL) -> None:
    """Point an httpx client at the service with the facade's auth and hooks (idempotent)."""
    client.base_url = base_url
    client.auth = CONTEXT_AUTH
    hooks = client.event_hooks
    ours: dict[str, Callable[..., Any]] = (
        {"request": on_request_async, "response": on_response_async}
        if isinstance(client, httpx.AsyncClient)
        else {"request": on_request, "response": on_response}
    )
    for kind, hook in ours.items():
        if hook not in hooks[kind]:
            hooks[kind].append(hook)
    client.event_hooks = hooks


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 and ::1."""
    if host.lower() in {"localhost", "localhost."} or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def insecure(url: httpx.URL) -> bool:
    """Plain http (or ws) to a host that is not loopback."""
    return url.scheme in {"http", "ws"} and not is_loopback(url.host)


def check_base_url(value: str | httpx.URL, *, allow_insecure_http: bool) -> httpx.URL:
    """An absolute http(s) URL; plain http only to loopback unless explicitly allowed."""
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError) as exc:
        raise RoleplayValidationError("base_url", f"is not a URL ({exc})") from None
    if url.scheme not in {"http", "https"} or not url.host:
        raise RoleplayValidationError("base_url", "must be an absolute http:// or https:// URL")
    if url.query or url.fragment:
        raise RoleplayValidationError("base_url", "may not have a query or fragment")
    if insecure(url) and not allow_insecure_http:
        raise RoleplayValidationError(
            "base_url",
            f"plain http to {url.host} would send the token unencrypted; use https, or pass "
            "allow_insecure_http=True (http to localhost, 127.0.0.0/8 or ::1 is always allowed)",
        )
    return url
