"""A client's resolved configuration, and the bridge to the generated request models."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, Self, TypeVar

import attrs

from roleplay_sdk._exceptions import RoleplayError
from roleplay_sdk._flow import CallSettings, Endpoint, Flow, call
from roleplay_sdk._limits import NOT_GIVEN, UPLOAD_SECONDS_PER_MIB, checked_deadline, expiry
from roleplay_sdk._validate import timeout as checked_timeout

T = TypeVar("T")


def new_idempotency_key() -> str:
    """A fresh key per logical call (a UUID matches the spec's key pattern)."""
    import uuid  # here: its import costs ~3 ms, paid on the first call instead

    return str(uuid.uuid4())


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
        chosen = self.call.deadline if deadline is NOT_GIVEN else checked_deadline(deadline)
        if deadline is NOT_GIVEN and chosen is not None and upload_bytes:
            chosen += upload_bytes / (1024 * 1024) * UPLOAD_SECONDS_PER_MIB
        return attrs.evolve(
            self.call,
            timeout=checked_timeout(timeout, self.call.timeout),
            deadline=chosen,
            expires=expiry(chosen),
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


class _GeneratedModel(Protocol):
    def to_dict(self) -> dict[str, Any]: ...

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


def wire(model_cls: type[_GeneratedModel], body: dict[str, Any]) -> Any:
    """The generated request model for a checked body, which must serialize back unchanged.

    The generated endpoint functions take their own models; building them from the body the
    facade checked, and comparing the round trip, guarantees the facade sends what it checked.
    """
    built = model_cls.from_dict(body)
    if built.to_dict() != body:
        raise RoleplayError(
            f"internal error: {model_cls.__name__} would not send the checked body unchanged"
        )
    return built
