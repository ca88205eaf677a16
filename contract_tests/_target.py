"""What the suite runs against: a base URL, tokens, an httpx client factory and a control surface.

Every check is written once against HTTP and receives a `Target`. In-process, the target wraps
the reference service's ASGI app (optionally inside a broken-variant middleware) and talks to it
without a network; in server mode it talks to `--base-url`. Steps that the public API cannot
express (completing a session with a chosen review, moving the clock) go through `control`,
which is the reference service's Python API in-process and its `/_control` prefix in server
mode when that is enabled; a check that needs something the target lacks skips itself.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import httpx
import pytest

if TYPE_CHECKING:  # the reference service (extra `fake`) is needed in-process only
    from roleplay_reference.testing import SyncASGITransport

ASGIApp = Callable[..., Any]
IN_PROCESS_BASE_URL = "http://testserver"
#: Failed authentications per address per 5 s the in-process service allows: schemathesis
#: (measured: at most ~500 per 5 s) stays well under it; a deliberate burst gets past it.
IN_PROCESS_AUTH_FAILURE_LIMIT = 1200
IN_PROCESS_AUTH_FAILURE_WINDOW = 5

#: The reference service's documented development tokens (see `python -m roleplay_reference
#: serve --help`), used in-process and to know a dev token's user in server mode.
DEV_MEMBER_TOKEN = "dev-member-token"
DEV_ADMIN_TOKEN = "dev-admin-token"
DEV_OTHER_ORG_ADMIN_TOKEN = "dev-other-admin-token"

#: Answer hooks: each gets every JSON answer of the public API and raises AssertionError when the
#: answer breaks a rule that holds for all answers (see checks.answer_invariants).
AnswerHook = Callable[[httpx.Response], None]
#: How many of the latest requests a target keeps, to show a failed check's reproduction.
RECENT_REQUESTS = 5


@dataclass
class Exchange:
    """One request a check sent, and the status it got (None: no answer)."""

    request: httpx.Request
    status: int | None = None


def _sync_transport(app: ASGIApp) -> SyncASGITransport:
    from roleplay_reference.testing import SyncASGITransport

    return SyncASGITransport(app)


class Unsupported(Exception):
    """The target's control surface cannot do this (e.g. move the clock of a remote server)."""


class ControlRefused(Exception):
    """The control surface refused a step (e.g. completing a session that is not active)."""


class Control(Protocol):
    """Test-control steps outside the public spec."""

    def complete_session(
        self, session_id: str, review: Mapping[str, Any] | None = None
    ) -> dict[str, Any]: ...

    def advance_clock(self, seconds: float) -> None: ...


class AdjustableClock:
    """Wall-clock time plus an offset the in-process control surface can move forward."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


class InProcessControl:
    """The reference service's Python control API."""

    def __init__(self, service: Any, clock: AdjustableClock) -> None:
        self._service = service
        self._clock = clock

    def complete_session(
        self, session_id: str, review: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        from roleplay_reference import ProblemError

        try:
            result: dict[str, Any] = self._service.complete_session(session_id, review=review)
        except ProblemError as refused:
            raise ControlRefused(f"complete {session_id}: {refused}") from refused
        return result

    def advance_clock(self, seconds: float) -> None:
        self._clock.offset += seconds


class HttpControl:
    """The reference service's `/_control` routes (`serve --enable-control`)."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def complete_session(
        self, session_id: str, review: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        body = {"review": dict(review)} if review else {}
        response = self._client.post(f"/_control/sessions/{session_id}/complete", json=body)
        if response.status_code != 200:
            raise ControlRefused(f"complete {session_id}: {response.status_code} {response.text}")
        result: dict[str, Any] = response.json()
        return result

    def advance_clock(self, seconds: float) -> None:
        raise Unsupported("the /_control prefix cannot move a running server's clock")


@dataclass
class Target:
    """One deployment under test and the identities the suite may use against it."""

    base_url: str
    # Tokens stay out of the repr: pytest prints a failed test's arguments.
    api_token: str = field(repr=False)
    admin_token: str | None = field(default=None, repr=False)
    other_org_token: str | None = field(default=None, repr=False)
    #: The api token's own user_id and organization (None when unknown in server mode).
    user_id: str | None = None
    org_id: str = "growqr"
    #: The ASGI app in-process; None in server mode.
    app: ASGIApp | None = None
    control: Control | None = None
    #: Rules checked on every JSON answer received through `client()`.
    answer_hooks: list[AnswerHook] = field(default_factory=list)
    #: The latest requests sent through the target's clients (see _report.py).
    recent: deque[Exchange] = field(
        default_factory=lambda: deque(maxlen=RECENT_REQUESTS), repr=False
    )
    _clients: dict[tuple[str | None, bool], httpx.Client] = field(default_factory=dict, repr=False)
    _transports: list[SyncASGITransport] = field(default_factory=list, repr=False)

    @property
    def in_process(self) -> bool:
        return self.app is not None

    @property
    def label(self) -> str:
        return "in-process reference service" if self.in_process else self.base_url

    @property
    def tokens(self) -> list[str]:
        """Every token the target was given (what a report must never show)."""
        return [t for t in (self.api_token, self.admin_token, self.other_org_token) if t]

    # ---------- what was sent ----------

    def _sent(self, request: httpx.Request) -> None:
        self.recent.append(Exchange(request))

    def _answered(self, response: httpx.Response) -> None:
        for exchange in reversed(self.recent):
            if exchange.request is response.request:
                exchange.status = response.status_code
                return

    async def _sent_async(self, request: httpx.Request) -> None:
        self._sent(request)

    async def _answered_async(self, response: httpx.Response) -> None:
        self._answered(response)

    def _recording(self) -> dict[str, list[Callable[..., Any]]]:
        return {"request": [self._sent], "response": [self._answered]}

    # ---------- HTTP ----------

    def client(self, token: str | None = None, *, guarded: bool = True) -> httpx.Client:
        """An httpx.Client for the target, sending `token` as bearer (none when None).

        With `guarded`, every JSON answer of the public API goes through `answer_hooks`.
        Clients are cached per (token, guarded); set per-request headers, not client ones.
        """
        cached = self._clients.get((token, guarded))
        if cached is not None:
            return cached
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        hooks = self._recording()
        if guarded and self.answer_hooks:
            hooks["response"].append(self._check_answer)
        if self.app is not None:
            transport = _sync_transport(self.app)
            self._transports.append(transport)
            client = httpx.Client(
                transport=transport, base_url=self.base_url, headers=headers, event_hooks=hooks
            )
        else:
            client = httpx.Client(
                base_url=self.base_url, headers=headers, event_hooks=hooks, timeout=30.0
            )
        self._clients[(token, guarded)] = client
        return client

    def new_http_client(self) -> httpx.Client:
        """A fresh httpx.Client for the target (no token, no checks; the caller closes it).

        Its requests are recorded (`recent`) like those of `client()`.
        """
        hooks = self._recording()
        if self.app is not None:
            transport = _sync_transport(self.app)
            return httpx.Client(transport=transport, base_url=self.base_url, event_hooks=hooks)
        return httpx.Client(base_url=self.base_url, timeout=30.0, event_hooks=hooks)

    def new_async_http_client(self) -> httpx.AsyncClient:
        """A fresh httpx.AsyncClient for the target (the caller closes it), recorded too."""
        hooks: dict[str, list[Callable[..., Any]]] = {
            "request": [self._sent_async],
            "response": [self._answered_async],
        }
        if self.app is not None:
            transport = httpx.ASGITransport(app=self.app)
            return httpx.AsyncClient(transport=transport, base_url=self.base_url, event_hooks=hooks)
        return httpx.AsyncClient(base_url=self.base_url, timeout=30.0, event_hooks=hooks)

    def _check_answer(self, response: httpx.Response) -> None:
        if not response.url.path.startswith("/api/"):
            return
        response.read()
        for hook in self.answer_hooks:
            hook(response)

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        for transport in self._transports:
            transport.close()
        self._clients.clear()
        self._transports.clear()

    # ---------- what a check needs ----------

    def require_admin(self) -> str:
        if not self.admin_token:
            pytest.skip("needs an organization admin token: pass --admin-token")
        return self.admin_token

    def require_other_org(self) -> str:
        if not self.other_org_token:
            pytest.skip("needs a token of another organization: pass --other-org-token")
        return self.other_org_token

    def require_user_id(self) -> str:
        if not self.user_id:
            pytest.skip("needs the api token's user_id: pass --user-id")
        return self.user_id

    def require_control(self) -> Control:
        if self.control is None:
            pytest.skip(
                "needs the test-control surface (in-process, or a reference service started "
                "with --enable-control)"
            )
        return self.control


def in_process_target(
    *,
    wrap: Callable[[ASGIApp], ASGIApp] | None = None,
    answer_hooks: Sequence[AnswerHook] = (),
    **service_options: Any,
) -> tuple[Target, Any]:
    """A fresh in-memory reference service as a Target (and the service, to close it).

    `wrap` puts middleware around the honest app (the broken variants use it). Uploads are
    capped at 256 KiB by default so the oversized-upload check stays small. The suite makes
    thousands of calls a minute with one token, and schemathesis probes every operation with
    missing and forged tokens, so the service's documented knobs are raised: the per-token
    rate limit, and the failed-authentication throttle to a limit only a deliberate burst
    from one address reaches (the throttling check makes one).
    """
    from roleplay_reference import ReferenceService

    clock = AdjustableClock()
    options: dict[str, Any] = {
        "upload_max_bytes": 256 * 1024,
        "rate_limit": 1_000_000,
        "auth_failure_limit": IN_PROCESS_AUTH_FAILURE_LIMIT,
        "auth_failure_window_seconds": IN_PROCESS_AUTH_FAILURE_WINDOW,
        **service_options,
    }
    service = ReferenceService(enable_control=True, clock=clock, **options)
    member = service.principal_for(DEV_MEMBER_TOKEN)
    assert member is not None, "the reference service lost its development tokens"
    app = service.app if wrap is None else wrap(service.app)
    target = Target(
        base_url=IN_PROCESS_BASE_URL,
        api_token=DEV_MEMBER_TOKEN,
        admin_token=DEV_ADMIN_TOKEN,
        other_org_token=DEV_OTHER_ORG_ADMIN_TOKEN,
        user_id=member.user_id,
        org_id=member.org_id,
        app=app,
        control=InProcessControl(service, clock),
        answer_hooks=list(answer_hooks),
    )
    return target, service


def dev_token_identity(token: str | None) -> tuple[str, str] | None:
    """(user_id, org_id) of a documented development token of the reference service."""
    if not token:
        return None
    try:
        from roleplay_reference import DEV_TOKENS
    except ImportError:  # checking a deployment without the `fake` extra installed
        return None
    entry = DEV_TOKENS.get(token)
    return (entry["user_id"], entry["org_id"]) if entry else None


def server_target(
    base_url: str,
    api_token: str,
    *,
    admin_token: str | None = None,
    other_org_token: str | None = None,
    user_id: str | None = None,
    org_id: str | None = None,
    answer_hooks: Sequence[AnswerHook] = (),
) -> Target:
    """A deployment at `base_url`; its `/_control` prefix is used when it answers."""
    known = dev_token_identity(api_token)
    target = Target(
        base_url=base_url.rstrip("/"),
        api_token=api_token,
        admin_token=admin_token,
        other_org_token=other_org_token,
        user_id=user_id or (known[0] if known else None),
        org_id=org_id or (known[1] if known else "growqr"),
        answer_hooks=list(answer_hooks),
    )
    probe = target.client(None, guarded=False)
    try:
        enabled = probe.get("/_control/counts").status_code == 200
    except httpx.HTTPError:
        enabled = False
    if enabled:
        target.control = HttpControl(probe)
    return target
