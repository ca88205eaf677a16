"""RFC 9457 problem details: every error the service answers is one of these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._schema import FieldError, clean_text

PROBLEM_BASE = "https://growqr.ai/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

_KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    413: ("content-too-large", "Content too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("validation", "Validation failed"),
    429: ("rate-limited", "Too many requests"),
    500: ("internal", "Internal error"),
    503: ("unavailable", "Service unavailable"),
}


class ProblemError(Exception):
    """Raised anywhere in a handler to answer a problem response instead."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        errors: Iterable[FieldError] = (),
        kind: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or str(status))
        self.status = status
        self.detail = detail
        self.errors = list(errors)
        self.kind = kind
        self.headers = dict(headers or {})

    def body(self, *, instance: str | None = None, request_id: str | None = None) -> dict[str, Any]:
        """The problem document (valid against the spec's Problem schema)."""
        slug, title = _KINDS.get(self.status, ("error", "Error"))
        problem: dict[str, Any] = {
            "type": PROBLEM_BASE + (self.kind or slug),
            "title": title,
            "status": self.status,
        }
        if self.detail:
            problem["detail"] = clean_text(self.detail, 2000)
        if instance:
            problem["instance"] = instance[:2048]
        if request_id:
            problem["request_id"] = request_id
        if self.errors:
            problem["errors"] = [e.as_json() for e in self.errors[:50]]
        return problem


def validation_failed(errors: list[FieldError]) -> ProblemError:
    return ProblemError(422, "The request does not match the schema.", errors=errors)


def not_found(what: str) -> ProblemError:
    return ProblemError(404, f"No {what} in this organization.")


def conflict(detail: str, *, kind: str | None = None) -> ProblemError:
    return ProblemError(409, detail, kind=kind)


def forbidden(detail: str) -> ProblemError:
    return ProblemError(403, detail)
