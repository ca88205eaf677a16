"""Configuration shared by RoleplayClient and AsyncRoleplayClient; they differ only in I/O.

The httpx client that sends what the generated endpoints build is the caller's `http_client`
when given (its base_url, auth and event hooks are set by the facade, and the facade never
closes it) or one the facade creates: TLS verification on, redirects not followed, the token only
inside BearerAuth. with_options() copies share that httpx client with the original, which
stays its owner, as openai-python's copies do; the credentials and timeout travel per call
(see _http.py), so sharing never mixes two copies' tokens. Copies share the retry budget too
(_budget.py): it protects the service they all call.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar

import attrs
import httpx

from roleplay_sdk import _validate as check
from roleplay_sdk._exceptions import RoleplayValidationError
from roleplay_sdk._flow import CallSettings, Flow, Send, Sleep, Step, Upload
from roleplay_sdk._http import DEFAULT_TIMEOUT, BearerAuth, adopt, check_base_url
from roleplay_sdk._limits import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    NOT_GIVEN,
    NotGiven,
    checked_deadline,
    checked_max_response_bytes,
)
from roleplay_sdk._normalize import DEFAULT_ORG_ID, ORG_ID_PATTERN
from roleplay_sdk._redact import install_log_filter
from roleplay_sdk._retry import RetryPolicy
from roleplay_sdk._settings import Settings

DEFAULT_BASE_URL = "https://api.growqr.ai"  # openapi.yaml servers[0]
BASE_URL_ENV = "ROLEPLAY_BASE_URL"
TOKEN_ENV = "ROLEPLAY_API_TOKEN"
MAX_RETRIES_LIMIT = 10

HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
SleepT = TypeVar("SleepT", bound=Callable[[float], Any])


def _token(value: object) -> BearerAuth:
    # The message never repeats the value: it may be a real token with a typo.
    if not isinstance(value, str) or not value.strip():
        raise RoleplayValidationError(
            "api_token", f"is required: pass api_token= or set {TOKEN_ENV}"
        )
    if re.search(r"[\s\x00-\x1f\x7f]", value):
        raise RoleplayValidationError("api_token", "may not contain spaces or control characters")
    return BearerAuth(value)


def _max_retries(value: object) -> int:
    return check.bounded_int("max_retries", value, (0, MAX_RETRIES_LIMIT))


def _user_id(value: object) -> str | None:
    return None if value is None else check.identifier("user_id", value, check.USER_ID_PATTERN)


def _org_id(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_ORG_ID
    return check.identifier("org_id", value, ORG_ID_PATTERN)


class ClientCore(Generic[HttpT, SleepT]):
    """Constructor, with_options() and httpx-client ownership; subclasses add the I/O."""

    _http: HttpT
    _uploader: HttpT | None

    def __init__(
        self,
        *,
        base_url: str | httpx.URL | None = None,
        api_token: str | None = None,
        user_id: str | None = None,
        org_id: str | None = DEFAULT_ORG_ID,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        deadline: float | None = DEFAULT_DEADLINE,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: HttpT | None = None,
        upload_http_client: HttpT | None = None,
        allow_insecure_http: bool = False,
        sleep: SleepT | None = None,
    ) -> None:
        """Connect to the roleplay-service.

        base_url defaults to $ROLEPLAY_BASE_URL, then to http_client's base_url, then to
        https://api.growqr.ai; api_token to $ROLEPLAY_API_TOKEN. user_id is the default caller
        of preview/start/create_roleplay. timeout defaults to 30 s (5 s to connect) and
        bounds each attempt's connect and each read; max_retries to 2 (0 turns retries off).

        deadline (seconds, default 60; None: no overall limit) bounds each whole call in
        wall-clock time, every attempt, backoff and Retry-After wait included: the call then
        raises APITimeoutError, and a wait that would pass it is not slept (the error at hand
        is raised at once, saying so). Each attempt's timeout is cut to what remains. 60 s is
        far beyond a healthy call yet no longer than the front ends before a caller usually
        wait; a per-attempt timeout above it needs a larger deadline too. Each call may pass
        its own deadline=. max_response_bytes (default 32 MiB; None: no cap) is the most read
        from one answer: a larger one raises ResponseTooLargeError and is not read past it.

        Retries draw on a retry budget shared by this client and its with_options() copies,
        so a failing service is not sent every call's max_retries (see _budget.py).
        upload_http_client, if given, sends the presigned video upload (it must carry no
        Authorization header). Plain http to a non-loopback host is refused unless
        allow_insecure_http=True. `sleep` replaces the backoff's sleep function (tests).
        """
        if not isinstance(allow_insecure_http, bool):
            raise RoleplayValidationError("allow_insecure_http", "must be True or False")
        given_base = str(http_client.base_url) if http_client is not None else ""
        chosen = base_url or os.environ.get(BASE_URL_ENV) or given_base or DEFAULT_BASE_URL
        self._base_url = check_base_url(chosen, allow_insecure_http=allow_insecure_http)
        self._settings = Settings(
            call=CallSettings(
                auth=_token(api_token if api_token is not None else os.environ.get(TOKEN_ENV)),
                timeout=check.timeout(timeout, DEFAULT_TIMEOUT),
                retry=RetryPolicy(max_retries=_max_retries(max_retries)),
                deadline=checked_deadline(deadline),
                max_response_bytes=checked_max_response_bytes(max_response_bytes),
            ),
            user_id=_user_id(user_id),
            org_id=_org_id(org_id),
            allow_insecure_http=allow_insecure_http,
        )
        self._sleep: SleepT = sleep if sleep is not None else self._default_sleep()
        if upload_http_client is not None and "authorization" in upload_http_client.headers:
            raise RoleplayValidationError(
                "upload_http_client", "may not carry an Authorization header"
            )
        self._uploader = upload_http_client
        self._owns_uploader = upload_http_client is None
        self._use_http(http_client)
        install_log_filter()

    # --- what the sync and async clients provide -----------------------------------------

    def _default_sleep(self) -> SleepT:
        raise NotImplementedError

    def _new_http(self, **options: Any) -> HttpT:
        raise NotImplementedError

    def _send(self, step: Send) -> Any:
        raise NotImplementedError

    def _put(self, step: Upload) -> Any:
        raise NotImplementedError

    def _gather(self, flows: tuple[Flow[Any], ...]) -> Any:
        raise NotImplementedError

    def _perform(self, step: Step) -> Any:
        """Hand a step to this client's I/O: the result, or an awaitable of it (async client)."""
        if isinstance(step, Send):
            return self._send(step)
        if isinstance(step, Upload):
            return self._put(step)
        if isinstance(step, Sleep):
            return self._sleep(step.seconds)
        return self._gather(step.flows)

    # --- shared ------------------------------------------------------------------------

    def _use_http(self, http_client: HttpT | None) -> None:
        if http_client is None:
            self._http = self._new_http(
                base_url=self._base_url, timeout=self._settings.call.timeout
            )
            self._owns_http = True
        else:
            self._http = http_client
            self._owns_http = False
        adopt(self._http, self._base_url)

    def _upload_client(self) -> HttpT:
        """The credential-free client for presigned URLs (created on first use)."""
        if self._uploader is None:
            self._uploader = self._new_http(timeout=self._settings.call.timeout)
        return self._uploader

    def _owned(self) -> list[HttpT]:
        owned = [self._http] if self._owns_http else []
        if self._owns_uploader and self._uploader is not None:
            owned.append(self._uploader)
        return owned

    @property
    def base_url(self) -> httpx.URL:
        return self._base_url

    @property
    def user_id(self) -> str | None:
        return self._settings.user_id

    @property
    def org_id(self) -> str:
        return self._settings.org_id

    @property
    def max_retries(self) -> int:
        return self._settings.call.retry.max_retries

    @property
    def timeout(self) -> httpx.Timeout:
        return self._settings.call.timeout

    @property
    def deadline(self) -> float | None:
        return self._settings.call.deadline

    @property
    def max_response_bytes(self) -> int | None:
        return self._settings.call.max_response_bytes

    def with_options(
        self,
        *,
        base_url: str | httpx.URL | None = None,
        api_token: str | None = None,
        user_id: str | None = None,
        org_id: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int | NotGiven | None = NOT_GIVEN,
        http_client: HttpT | None = None,
    ) -> Self:
        """A copy with these options changed (None keeps the current value).

        deadline and max_response_bytes, where None means "no limit", are kept unless given.
        The copy shares this client's httpx client unless base_url or http_client changes,
        and always its retry budget; closing the copy never closes what it shares.
        """
        call = self._settings.call
        if api_token is not None:
            call = attrs.evolve(call, auth=_token(api_token))
        if timeout is not None:
            call = attrs.evolve(call, timeout=check.timeout(timeout, DEFAULT_TIMEOUT))
        if max_retries is not None:
            call = attrs.evolve(
                call, retry=attrs.evolve(call.retry, max_retries=_max_retries(max_retries))
            )
        if not isinstance(deadline, NotGiven):
            call = attrs.evolve(call, deadline=checked_deadline(deadline))
        if not isinstance(max_response_bytes, NotGiven):
            call = attrs.evolve(
                call, max_response_bytes=checked_max_response_bytes(max_response_bytes)
            )
        clone = copy.copy(self)
        clone._settings = attrs.evolve(
            self._settings,
            call=call,
            user_id=self._settings.user_id if user_id is None else _user_id(user_id),
            org_id=self._settings.org_id if org_id is None else _org_id(org_id),
        )
        clone._owns_http = False
        clone._owns_uploader = self._owns_uploader and self._uploader is None
        new_url = (
            None
            if base_url is None
            else check_base_url(base_url, allow_insecure_http=self._settings.allow_insecure_http)
        )
        if new_url is not None and new_url != self._base_url:
            if http_client is None and not self._owns_http:
                raise RoleplayValidationError(
                    "base_url",
                    "cannot change on a client built on your http_client; pass http_client too",
                )
            clone._base_url = new_url
            clone._use_http(http_client)
        elif http_client is not None:
            clone._use_http(http_client)
        return clone

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={str(self._base_url)!r}, "
            f"user_id={self._settings.user_id!r}, org_id={self._settings.org_id!r})"
        )
