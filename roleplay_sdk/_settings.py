"""A client's resolved configuration, and the bridge to the generated endpoints' request models."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from roleplay_sdk._flow import CallSettings, Endpoint, Flow, call
from roleplay_sdk._limits import NOT_GIVEN, UPLOAD_SECONDS_PER_MIB, checked_deadline
from roleplay_sdk._validate import timeout as checked_timeout

T = TypeVar("T")


def new_idempotency_key() -> str:
    """A fresh key per logical call: a random UUID (version 4), spelled as str(uuid4()) is.

    Made from os.urandom as uuid4() makes it (122 random bits, the version and variant bits
    set), without uuid.UUID's checks and formatting, which cost more than the key itself.
    """
    digits = os.urandom(16).hex()
    variant = "89ab"[int(digits[16], 16) & 3]  # the RFC 4122 variant: bits 10xx
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"


@attrs.frozen
class Settings:
    """Everything an operation needs from its client; replaced wholesale by with_options()."""

    call: CallSettings
    user_id: str | None
    org_id: str
    allow_insecure_http: bool = False
    max_concurrency: int = 4
    new_key: Callable[[], str] = new_idempotency_key

    def for_call(
        self, timeout: object, deadline: object = NOT_GIVEN, *, upload_bytes: int = 0
    ) -> CallSettings:
        """The settings of a logical call starting now, with its per-call overrides (checked).

        `deadline` NOT_GIVEN: the client's. `upload_bytes`: the call uploads that much, so
        the client's deadline (not one given for the call) grows by UPLOAD_SECONDS_PER_MIB.
        """
        base = self.call
        if deadline is NOT_GIVEN:
            chosen = base.deadline
            if chosen is not None and upload_bytes:
                chosen += upload_bytes / (1024 * 1024) * UPLOAD_SECONDS_PER_MIB
        else:
            chosen = checked_deadline(deadline)
        return base.for_call(
            base.timeout if timeout is None else checked_timeout(timeout, base.timeout), chosen
        )

    def send(
        self,
        endpoint: Endpoint,
        kwargs: Mapping[str, Any],
        parse: Callable[[object], T],
        timeout: object,
        deadline: object = NOT_GIVEN,
        *,
        repeatable: bool = True,
    ) -> Flow[T]:
        """call() with this client's settings and the per-call timeout and deadline."""
        per_call = self.for_call(timeout, deadline)
        return call(per_call, endpoint, kwargs, parse, repeatable=repeatable)

    def key(self, given: str | None) -> str:
        """The caller's Idempotency-Key, or a new one; fixed for all retries of the call."""
        return given if given is not None else self.new_key()


class WireBody:
    """A request body the facade checked, in the place of the generated request model.

    The generated endpoints take their own models and read them only through to_dict() in
    `_get_kwargs` (the request they build is the JSON of that dict). Passing the checked body
    itself sends exactly what the facade checked, without building the generated model from it
    and serializing it back on every call. That the generated model `model` represents every
    body the facade builds unchanged, and that each endpoint builds the same request from a
    WireBody as from its model, is proven once per model by tests/test_request_bodies.py
    (hypothesis over normalize_request's outputs and the other operations' checked bodies).
    """

    __slots__ = ("_body", "model")

    def __init__(self, model: str, body: dict[str, Any]) -> None:
        self.model = model
        self._body = body

    def to_dict(self) -> dict[str, Any]:
        """The body as the generated model's to_dict() returns it: a JSON-ready dict."""
        return self._body

    def __repr__(self) -> str:
        return f"WireBody({self.model!r}, {self._body!r})"


def wire(model: str, body: dict[str, Any]) -> WireBody:
    """The checked `body` for the generated endpoint whose request model is named `model`."""
    return WireBody(model, body)
