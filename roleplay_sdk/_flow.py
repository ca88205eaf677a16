"""Operations as sans-I/O generators, so the sync and async clients share all their logic.

A flow is a generator that yields steps (send one attempt through a generated endpoint, PUT
bytes to an upload URL, sleep, run several flows) and gets each step's result back. Argument
checks, body building, retry decisions, backoff and parsing all live in the flows; a client
only performs the steps: RoleplayClient with blocking calls, AsyncRoleplayClient with awaits
(and the sub-flows of a Gather concurrently). This is the split openai-python makes between
BaseClient and its Sync/AsyncAPIClient, taken one step further so each operation is written
once.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from typing import Any, Generic, Protocol, TypeVar

import attrs
import httpx

from roleplay_sdk._budget import RETRY_COST, SUCCESS_REFILL, TIMEOUT_RETRY_COST, RetryBudget
from roleplay_sdk._exceptions import (
    FALLBACK,
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    Malformed,
    RateLimitError,
    ResponseTooLargeError,
    ServiceUnavailableError,
    status_error_class,
)
from roleplay_sdk._http import BearerAuth, CallState, merged_url
from roleplay_sdk._limits import (
    DEFAULT_MAX_RESPONSE_BYTES,
    BodyTooLarge,
    DeadlineExceeded,
    clipped,
    expiry,
)
from roleplay_sdk._redact import scrub, scrub_error, url_secrets
from roleplay_sdk._retry import RetryPolicy, parse_retry_after

T = TypeVar("T")
Flow = Generator["Step", Any, T]
log = logging.getLogger("roleplay_sdk")


class Endpoint(Protocol):
    """A generated operation (_generated.LazyEndpoint): builds the request for its arguments."""

    def request(self, **kwargs: Any) -> dict[str, Any]: ...


@attrs.frozen
class Send:
    """One attempt of a request built by a generated endpoint; the outcome lands in `state`."""

    endpoint: Endpoint
    kwargs: Mapping[str, Any]
    state: CallState

    def build(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        """The attempt's request, as `client.build_request(**endpoint's arguments)` builds it.

        Only the URL is merged with the client's base_url here, once per path (merged_url).
        """
        arguments = self.endpoint.request(**self.kwargs)
        arguments["url"] = merged_url(client.base_url, arguments["url"])
        return client.build_request(**arguments)


@attrs.frozen
class Upload:
    """One attempt of the presigned upload, sent by the credential-free upload client."""

    method: str
    url: str
    headers: Mapping[str, str]
    source: Any  # _video.VideoSource; typed loosely to keep this module free of file I/O
    state: CallState

    def prepare(self, client: httpx.Client | httpx.AsyncClient, content: Any) -> httpx.Request:
        """The attempt's request (remembered for logs and errors).

        It carries the call's timeout: the upload client's own default would otherwise apply,
        and a slow storage answer could outwait the client's (or the per-call) timeout.
        """
        request = client.build_request(
            self.method,
            self.url,
            headers=self.headers,
            content=content,
            timeout=self.state.timeout,
        )
        self.state.request = request
        return request


@attrs.frozen
class Sleep:
    seconds: float


@attrs.frozen
class Gather:
    """Run these flows (concurrently on the async client) and answer their results in order."""

    flows: tuple[Flow[Any], ...]


Step = Send | Upload | Sleep | Gather


class Steps(Generic[T]):
    """Walks a flow for a client: iterate for its steps, set `reply` to each step's result.

    After the iteration `value` holds the flow's result.
    """

    def __init__(self, flow: Flow[T]) -> None:
        self._flow = flow
        self.reply: Any = None

    def __iter__(self) -> Iterator[Step]:
        flow = self._flow
        try:
            step = next(flow)
            while True:
                yield step
                reply, self.reply = self.reply, None
                step = flow.send(reply)
        except StopIteration as done:
            self.value: T = done.value
        finally:
            flow.close()


@attrs.frozen
class CallSettings:
    """What every attempt of one logical call needs.

    `deadline` (seconds, None for none) bounds the whole call; `expires` is when it passes
    for the call under way (fixed by started(); None before, or without a deadline).
    `budget` is the client's retry budget, the same object in every copy of its settings.
    """

    auth: BearerAuth
    timeout: httpx.Timeout
    retry: RetryPolicy
    deadline: float | None = None
    max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES
    budget: RetryBudget = attrs.field(factory=RetryBudget)
    expires: float | None = None

    def started(self) -> CallSettings:
        """These settings for a logical call starting now: its deadline counts from here."""
        if self.deadline is None:
            return self
        return self.for_call(self.timeout, self.deadline)

    def for_call(self, timeout: httpx.Timeout, deadline: float | None) -> CallSettings:
        """A logical call starting now with this (checked) timeout and deadline."""
        return CallSettings(
            auth=self.auth,
            timeout=timeout,
            retry=self.retry,
            deadline=deadline,
            max_response_bytes=self.max_response_bytes,
            budget=self.budget,
            expires=expiry(deadline),
        )

    def state(self, *, service: bool = True, redact: tuple[str, ...] = ()) -> CallState:
        """A new attempt's state: the timeout cut to what remains of the deadline.

        `service=False`: the presigned upload (no credentials, a URL that is one).
        """
        return CallState(
            timeout=clipped(self.timeout, self.expires),
            auth=self.auth if service else None,
            expires=self.expires,
            limit=self.max_response_bytes,
            presigned=not service,
            redact=redact,
        )


def call(
    settings: CallSettings,
    endpoint: Endpoint,
    kwargs: Mapping[str, Any],
    parse: Callable[[object], T],
    *,
    repeatable: bool,
) -> Flow[T]:
    """Call a generated endpoint with retries and parse its raw JSON answer.

    `repeatable`: the call may be sent again after it possibly reached the server (GETs,
    requests carrying an Idempotency-Key, and POSTs the spec documents as harmless to repeat).
    Other calls are retried only when the connection was never made.
    """

    def attempt() -> Send:
        return Send(endpoint, kwargs, settings.state())

    try:
        response = yield from _with_retries(settings, attempt, repeatable=repeatable)
        return parse_json(response, parse)
    except APIError as error:
        scrub_error(error, (settings.auth.secret,))
        raise


def upload(
    settings: CallSettings, method: str, url: str, headers: Mapping[str, str], source: Any
) -> Flow[httpx.Response]:
    """PUT the bytes to a presigned URL (no credentials), retrying like any idempotent call."""

    sent_headers = httpx.Headers(headers)
    sent_headers.setdefault("Content-Length", str(source.size))  # no chunked uploads
    signature = url_secrets(url)

    def attempt() -> Upload:
        state = settings.state(service=False, redact=signature)
        return Upload(method, url, sent_headers, source, state)

    try:
        return (yield from _with_retries(settings, attempt, repeatable=True, label="upload URL"))
    except APIError as error:
        scrub_error(error, (settings.auth.secret, *signature))
        raise


def _with_retries(
    settings: CallSettings,
    attempt: Callable[[], Send | Upload],
    *,
    repeatable: bool,
    label: str = "",
) -> Flow[httpx.Response]:
    """Send attempts until one succeeds, one must not be retried, or a limit says stop.

    A retry needs max_retries left, time left before the deadline for its wait, and tokens
    in the client's retry budget (taken only once the deadline allows the retry). A success
    gives the budget back what its last retry took, or a token when it needed none.
    """
    policy = settings.retry
    number = 0
    taken = 0
    while True:
        number += 1
        if settings.expires is not None and time.monotonic() >= settings.expires:
            raise APITimeoutError(_deadline_passed(settings, f"before attempt {number}"))
        step = attempt()
        yield step
        retries_left = number <= policy.max_retries
        state = step.state
        try:
            response = _received(state, settings, number)
        except ServiceUnavailableError as exc:
            _log(state, number, None)
            if not (retries_left and (repeatable or _never_sent(state.error))):
                raise exc from state.error
            if isinstance(exc, APITimeoutError) and _past(settings.expires):
                raise exc from state.error
            backoff = policy.backoff(number)
            timed_out = isinstance(state.error, httpx.TimeoutException)
            why_not = _no_retry(settings, backoff, TIMEOUT_RETRY_COST if timed_out else RETRY_COST)
            if isinstance(why_not, str):
                raise _noted(exc, why_not) from state.error
            taken = why_not
            yield Sleep(_log_retry(backoff))
            continue
        _log(state, number, response)
        if response.is_success:
            settings.budget.release(taken or SUCCESS_REFILL)
            return response
        delay = policy.delay_after(response, number) if retries_left and repeatable else None
        if delay is None:
            raise status_error(response, label, dropped=state.dropped_body)
        why_not = _no_retry(settings, delay, RETRY_COST)
        if isinstance(why_not, str):
            raise _noted(status_error(response, label, dropped=state.dropped_body), why_not)
        taken = why_not
        yield Sleep(_log_retry(delay))


def _past(expires: float | None) -> bool:
    return expires is not None and time.monotonic() >= expires


def _deadline_passed(settings: CallSettings, when: str) -> str:
    return f"the call's deadline of {settings.deadline:g} s passed {when}"


def _no_retry(settings: CallSettings, delay: float, cost: int) -> str | int:
    """Why a retry after `delay` s may not happen, or the budget tokens it took (it may)."""
    if settings.expires is not None:
        left = settings.expires - time.monotonic()
        if delay >= left:
            return (
                f"not retried: the wait of {delay:.1f} s would pass the call's deadline "
                f"of {settings.deadline:g} s ({max(left, 0.0):.1f} s left)"
            )
    if not settings.budget.acquire(cost):
        return "not retried: the client's retry budget is spent, the service keeps failing"
    return cost


def _noted(error: APIError, note: str) -> APIError:
    """The error with a note on why it was not retried, in its message and args."""
    error.message = f"{error.message} ({note})"
    error.args = (error.message, *error.args[1:])
    return error


def _received(state: CallState, settings: CallSettings, attempt: int) -> httpx.Response:
    """The raw response of an attempt, or the connection/timeout error it ran into."""
    error = state.error
    if error is None and state.response is not None:  # the common case: an answer
        return state.response
    if settings.expires is not None and (
        isinstance(error, DeadlineExceeded | TimeoutError)  # TimeoutError: asyncio.timeout's
        or (isinstance(error, httpx.TimeoutException) and _past(settings.expires))
    ):
        detail = _deadline_passed(settings, f"during attempt {attempt}")
        raise APITimeoutError(detail, request=state.request)
    if isinstance(error, BodyTooLarge) and state.response is not None:
        status = state.response.status_code
        raise ResponseTooLargeError(
            f"the answer (status {status}) declared Content-Length {error.declared}, over "
            f"max_response_bytes={error.limit}; it was not read"
            if error.early
            else f"the answer (status {status}) ran past max_response_bytes={error.limit}; "
            "it was not read further",
            response=state.response,
            limit=error.limit,
            declared=error.declared,
        )
    if isinstance(error, httpx.TimeoutException):
        raise APITimeoutError(f"{type(error).__name__}", request=state.request)
    if isinstance(error, httpx.HTTPError):
        raise APIConnectionError(f"{type(error).__name__}: {error}", request=state.request)
    if state.response is None:
        # Not an HTTP failure and no response: a bug in the caller's transport or in ours.
        raise error if error is not None else RuntimeError("the attempt produced no response")
    # Any other error was raised after the response was read (e.g. by a caller's event hook):
    # the facade judges the raw response itself.
    return state.response


def _never_sent(error: Exception | None) -> bool:
    return isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _log(state: CallState, attempt: int, response: httpx.Response | None) -> None:
    if not log.isEnabledFor(logging.DEBUG):
        return
    request = response.request if response is not None else state.request
    method, path = (request.method, request.url.path) if request is not None else ("?", "?")
    status = response.status_code if response is not None else type(state.error).__name__
    request_id = request_id_of(response) if response is not None else None
    if request_id is not None:  # the server's words: they may echo a secret
        request_id = scrub(request_id, state.secrets())
    log.debug("%s %s -> %s (attempt %d, request id %s)", method, path, status, attempt, request_id)


def _log_retry(delay: float) -> float:
    log.debug("retrying in %.2f s", delay)
    return delay


def request_id_of(response: httpx.Response) -> str | None:
    found: str | None = response.headers.get("X-Request-Id") or response.headers.get("Request-Id")
    return found


def _json_body(response: httpx.Response) -> object:
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def parse_json(response: httpx.Response, parse: Callable[[object], T]) -> T:
    """Parse a 2xx answer strictly: JSON content type, valid JSON, documented shape."""
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise APIResponseValidationError(
            f"expected an application/json answer, got {media_type or 'no content type'} "
            f"(status {response.status_code})",
            response=response,
        )
    try:
        data = json.loads(response.content)
    except ValueError as exc:
        raise APIResponseValidationError(
            f"the answer is not valid JSON ({exc})", response=response
        ) from None
    try:
        return parse(data)
    except Malformed as exc:
        raise APIResponseValidationError(
            f"the answer does not match the contract: {exc}", response=response
        ) from None


def status_error(
    response: httpx.Response, label: str = "", *, dropped: int | None = None
) -> APIStatusError:
    """The typed error for a non-2xx answer, carrying its problem document and request id.

    `label` names who answered when it was not the service (the presigned upload URL);
    `dropped`: the answer's body was over this many bytes and was not read.
    """
    data = _json_body(response) if dropped is None else None
    body: dict[str, Any] = data if isinstance(data, dict) else {}
    request_id = request_id_of(response)
    if request_id is None and isinstance(body.get("request_id"), str):
        request_id = body["request_id"]
    parts = [f"{response.status_code}"]
    for key in ("title", "detail"):
        if isinstance(body.get(key), str) and body[key]:
            parts.append(str(body[key]))
    if len(parts) == 1:
        parts.append(response.reason_phrase or "error")
    message = ": ".join([label, *parts] if label else parts)
    if request_id:
        message += f" (request id {request_id})"
    if dropped is not None:
        message += f" (its body was over {dropped} bytes and was not read)"
    cls = status_error_class(response.status_code)
    if issubclass(cls, ServiceUnavailableError) and not label:
        message = f"{FALLBACK} ({message})"
    error = cls(message, response=response, body=body, request_id=request_id)
    if isinstance(error, RateLimitError):
        error.retry_after = parse_retry_after(response.headers.get("Retry-After"))
    return error
