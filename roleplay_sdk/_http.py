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
as the response arrived, so errors that keep the response do not carry it. Likewise the query
of a presigned upload URL (its signature) is replaced in the sent request once the attempt
ended. The bound state also tells the log filter (_redact.py) what to scrub from the records
httpx and httpcore emit during the attempt.
"""

from __future__ import annotations

import contextlib
import ipaddress
import weakref
from collections.abc import AsyncGenerator, Callable, Generator
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
        self.authorize(request)
        yield request

    def authorize(self, request: httpx.Request) -> None:
        """Write the token into the request's Authorization header."""
        request.headers["Authorization"] = f"Bearer {self._token}"

    @property
    def secret(self) -> str:
        """The token itself, for redaction only (_redact.py): never log or show it."""
        return self._token

    def same_token(self, other: BearerAuth) -> bool:
        """Whether two holders carry the same token (without exposing either)."""
        return self._token == other._token

    def __repr__(self) -> str:
        return "BearerAuth(token='***')"

    __str__ = __repr__


REDACTED_QUERY = b"***"  # as _redact.REDACTED


@attrs.define(eq=False)
class CallState:
    """One attempt's settings and what it produced (filled by the hooks or the driver).

    `expires`: the call's deadline (time.monotonic()), None for none. `limit`: the most bytes
    read from a 2xx body (None: no cap). `dropped_body`: set to the limit when an error
    answer's body was over it and was not read. `presigned`: the request URL's query is a
    credential (an upload URL), scrubbed from logs and from the request once sent; `redact`:
    further strings to scrub (the URL's query and signature).
    """

    timeout: httpx.Timeout
    auth: BearerAuth | None = None
    expires: float | None = None
    limit: int | None = None
    presigned: bool = False
    redact: tuple[str, ...] = ()
    request: httpx.Request | None = None
    response: httpx.Response | None = None
    error: Exception | None = None
    dropped_body: int | None = None

    def secrets(self) -> tuple[str, ...]:
        """What must appear in no log record or error of this attempt."""
        if self.auth is None:
            return self.redact
        return (self.auth.secret, *self.redact)

    def bound(self) -> _Bound:
        """Bind this state for the hooks and keep any exception instead of raising it."""
        return _Bound(self)

    def _scrub_sent(self) -> None:
        """Take the token (and a presigned URL's query) out of the requests sent."""
        request = self.request
        answered = self.response.request if self.response is not None else None
        for sent in (request,) if answered is request else (request, answered):
            if sent is None:
                continue
            # One scan of the headers when the token is there (it is on every service call);
            # `in` then `del`, or Headers.pop, scan them twice or three times.
            with contextlib.suppress(KeyError):
                del sent.headers["Authorization"]
            if self.presigned and sent.url.query != REDACTED_QUERY:
                sent.url = sent.url.copy_with(query=REDACTED_QUERY)


class _Bound:
    """CallState.bound(): a plain context manager (a generator-based one costs more per call).

    An Exception raised inside is kept in `state.error` and not raised; anything else (a
    KeyboardInterrupt, a task's cancellation) propagates. Either way the state is unbound and
    the token is scrubbed from the sent requests.
    """

    __slots__ = ("_state", "_token")

    def __init__(self, state: CallState) -> None:
        self._state = state

    def __enter__(self) -> None:
        self._token = _CURRENT.set(self._state)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _: object
    ) -> bool:
        state = self._state
        _CURRENT.reset(self._token)
        kept = False
        if isinstance(error, Exception):  # the caller decides what it means (see _flow)
            state.error = error
            kept = True
        state._scrub_sent()
        return kept


_CURRENT: ContextVar[CallState | None] = ContextVar("roleplay_sdk_call", default=None)


# The httpx clients the SDK created whose sockets are bounded by the deadline (_deadline.py).
SOCKETS_BOUND: weakref.WeakSet[httpx.Client | httpx.AsyncClient] = weakref.WeakSet()


# Relative URL -> (the base URL it was merged with, the merged absolute URL). httpx parses the
# relative URL and then the merged one again on every request (~25 us, a sixth of a call on
# loopback); the same base and path always give the same URL, so it is merged once. The base
# URL object is held (so `is` cannot mistake a new one for it): a client whose base_url is
# reassigned gets a new object and a fresh merge. Bounded: cleared when full.
_MERGED: dict[str, tuple[httpx.URL, httpx.URL]] = {}
_MERGED_MAX = 512


def merged_url(base: httpx.URL, url: str) -> httpx.URL | str:
    """`url` merged with `base` as httpx.Client merges it with its base_url (cached).

    A URL that is not relative is returned as it is, for httpx to handle.
    """
    hit = _MERGED.get(url)
    if hit is not None and hit[0] is base:
        return hit[1]
    relative = httpx.URL(url)
    if not relative.is_relative_url:
        return url
    # httpx.Client._merge_url's rule: append to the base URL's path (it ends in "/").
    merged = base.copy_with(raw_path=base.raw_path + relative.raw_path.lstrip(b"/"))
    if len(_MERGED) >= _MERGED_MAX:
        _MERGED.clear()
    _MERGED[url] = (base, merged)
    return merged


def current_state() -> CallState | None:
    """The attempt being sent in this context (thread or task), if any."""
    return _CURRENT.get()


class ContextAuth(httpx.Auth):
    """The httpx client's auth: the current call's BearerAuth, or nothing outside a call.

    It needs neither the request's nor the response's body, so it replaces httpx's generic
    sync/async flows (which wrap auth_flow in a loop) by the one step it takes.
    """

    @staticmethod
    def _authorize(request: httpx.Request) -> httpx.Request:
        state = _CURRENT.get()
        if state is not None and state.auth is not None:
            state.auth.authorize(request)
        return request

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        yield self._authorize(request)

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        yield self._authorize(request)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        yield self._authorize(request)

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
