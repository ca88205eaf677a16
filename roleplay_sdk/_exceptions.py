"""The SDK's error hierarchy: every error the SDK raises is a RoleplayError.

Shaped like openai-python's: connection, timeout and 5xx errors are all ServiceUnavailableError,
so a caller can catch that one class and fall back to a text-only rehearsal. No error keeps
the bearer token (or a presigned URL's signature), whatever the server echoed: the flows scrub
every error they raise (_redact.py), and the request attached to a response has its
Authorization header removed once the answer arrived (see _http.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

FALLBACK = (
    "The roleplay service is unavailable right now, so no session, score or review was "
    "produced; a text-only rehearsal is the fallback."
)


class RoleplayError(Exception):
    """Base class of every error raised by roleplay_sdk."""


class Malformed(Exception):
    """Internal: a response body does not have the documented shape; `path` says where.

    Never reaches a caller: the client turns it into APIResponseValidationError.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path} {problem}")
        self.path = path


class RoleplayValidationError(RoleplayError, ValueError):
    """Input rejected before anything was sent; the message names the field and what is allowed."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


class APIError(RoleplayError):
    """Something went wrong talking to the service (or to a presigned upload URL)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class ServiceUnavailableError(APIError):
    """The service could not be reached or kept failing: offer a text-only rehearsal instead."""


class APIConnectionError(ServiceUnavailableError):
    """The request did not get an answer (DNS, refused connection, reset, protocol error)."""

    def __init__(self, detail: str = "connection failed", *, request: httpx.Request | None = None):
        super().__init__(f"{FALLBACK} ({detail})", request=request)


class APITimeoutError(APIConnectionError):
    """The request got no answer within the timeout."""

    def __init__(self, detail: str = "request timed out", *, request: httpx.Request | None = None):
        super().__init__(detail, request=request)


class APIResponseValidationError(APIError):
    """A 2xx answer that is not the documented JSON (wrong type, not JSON, missing fields).

    Raised instead of guessing: the SDK never makes up a value the service did not send.
    """

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code


class ResponseTooLargeError(APIResponseValidationError):
    """A 2xx answer larger than the client's max_response_bytes: it was not read past the cap.

    `limit` is the cap; `declared` the Content-Length the answer announced (None when it was
    streamed without one and ran over). The body was never kept, so `response.content` is not
    available; the status and headers are.
    """

    def __init__(
        self, message: str, *, response: httpx.Response, limit: int, declared: int | None
    ) -> None:
        super().__init__(message, response=response)
        self.limit = limit
        self.declared = declared


class APIStatusError(APIError):
    """The service answered with an error status; `body` is its problem document (or {})."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Mapping[str, Any] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.status_code = response.status_code
        self.body: Mapping[str, Any] = dict(body or {})
        self.request_id = request_id

    @property
    def errors(self) -> list[Mapping[str, Any]]:
        """The problem's per-field errors ({field, message}), when the service named any."""
        listed = self.body.get("errors")
        return (
            [item for item in listed if isinstance(item, Mapping)]
            if isinstance(listed, list)
            else []
        )


class BadRequestError(APIStatusError):
    """400: the request was malformed."""


class AuthenticationError(APIStatusError):
    """401: the bearer token is missing, unknown or expired."""


class PermissionDeniedError(APIStatusError):
    """403: the caller may not do this (another user or organization, or not an admin)."""


class NotFoundError(APIStatusError):
    """404: no such resource in the caller's organization."""


class ConflictError(APIStatusError):
    """409: wrong state (e.g. not a draft) or an Idempotency-Key reused with another body."""


class UnprocessableEntityError(APIStatusError):
    """422: valid JSON that breaks the schema; `errors` names the fields."""


class RateLimitError(APIStatusError):
    """429: too many requests; `retry_after` is the server's wait in seconds, when it sent one."""

    retry_after: float | None = None


class InternalServerError(APIStatusError, ServiceUnavailableError):
    """5xx (after the retries): the service failed; offer a text-only rehearsal instead."""


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The APIStatusError subclass for a status code (5xx: InternalServerError)."""
    if status_code >= 500:
        return InternalServerError
    return STATUS_ERRORS.get(status_code, APIStatusError)
