"""Security checks beyond test_client_security.py: TLS, bandit, followed redirects, DEBUG logs."""

from __future__ import annotations

import json
import logging
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from faults._faulty_transport import FaultyTransport

import roleplay_sdk as sdk
from roleplay_sdk import AsyncRoleplayClient, RoleplayClient

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "sk-security-sdk-test-token"


def _ssl_context(http: httpx.Client | httpx.AsyncClient) -> ssl.SSLContext:
    # httpx keeps the context on the connection pool of its default transport.
    pool: Any = http._transport._pool  # type: ignore[union-attr]
    ctx = pool._ssl_context
    assert isinstance(ctx, ssl.SSLContext)
    return ctx


def test_the_sync_client_verifies_tls_by_default() -> None:
    client = RoleplayClient(base_url="https://api.example.test", api_token=TOKEN)
    try:
        ctx = _ssl_context(client._http)
        assert ctx.verify_mode == ssl.CERT_REQUIRED
        assert ctx.check_hostname is True
    finally:
        client.close()


async def test_the_async_client_verifies_tls_by_default() -> None:
    client = AsyncRoleplayClient(base_url="https://api.example.test", api_token=TOKEN)
    try:
        ctx = _ssl_context(client._http)
        assert ctx.verify_mode == ssl.CERT_REQUIRED
        assert ctx.check_hostname is True
    finally:
        await client.close()


def test_bandit_finds_no_high_severity_issue_in_the_sdk() -> None:
    bandit = Path(sys.executable).parent / "bandit"
    if not bandit.exists():
        pytest.skip("bandit is not installed (dev extra)")
    done = subprocess.run(
        [str(bandit), "-r", "roleplay_sdk", "-lll", "-q", "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert report["results"] == [], report["results"]
    assert report["metrics"]["_totals"]["SEVERITY.HIGH"] == 0
    # It did scan the package: more than a handful of lines.
    assert report["metrics"]["_totals"]["loc"] > 100


# --- redirects on a caller's http_client that follows them ---------------------------------

SERVICE = "https://api.example.test"
LEADERBOARD = "/api/v1/roleplays/leaderboard"


def _redirecting(location: str, seen: list[tuple[str, str | None]]) -> httpx.MockTransport:
    """The service answers 307 to `location`; whoever is there answers an empty leaderboard."""

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(
            (
                f"{request.url.scheme}://{request.url.netloc.decode()}{request.url.path}",
                request.headers.get("Authorization"),
            )
        )
        if request.url.copy_with(query=None) == httpx.URL(SERVICE + LEADERBOARD):
            return httpx.Response(307, headers={"Location": location})
        return httpx.Response(200, json={"entries": []})

    return httpx.MockTransport(handle)


@pytest.mark.parametrize("driver", ["sync", "async"])
@pytest.mark.parametrize(
    ("location", "keeps_token"),
    [
        pytest.param("https://elsewhere.example/steal", False, id="another-host"),
        pytest.param("https://api.example.test:8443/steal", False, id="same-host-other-port"),
        pytest.param("http://api.example.test/steal", False, id="same-host-downgraded-to-http"),
        # Same origin (scheme, host and port): httpx keeps the header, as for any request the
        # caller's client sends to the service itself. Documented here, not endorsed.
        pytest.param("https://api.example.test/api/v2/moved", True, id="same-origin"),
    ],
)
async def test_a_followed_redirect_carries_the_token_only_within_the_same_origin(
    driver: str, location: str, keeps_token: bool
) -> None:
    seen: list[tuple[str, str | None]] = []
    transport = _redirecting(location, seen)
    options: dict[str, Any] = {"base_url": SERVICE, "api_token": TOKEN, "max_retries": 0}
    if driver == "sync":
        with httpx.Client(transport=transport, follow_redirects=True) as http:
            result = RoleplayClient(http_client=http, **options).leaderboard()
    else:
        async with httpx.AsyncClient(transport=transport, follow_redirects=True) as ahttp:
            result = await AsyncRoleplayClient(http_client=ahttp, **options).leaderboard()
    assert seen[0] == (SERVICE + LEADERBOARD, f"Bearer {TOKEN}")
    assert seen[1] == (location, f"Bearer {TOKEN}" if keeps_token else None)
    assert len(seen) == 2
    # The caller opted in to following redirects: the answer is the final location's.
    assert result.entries == ()


# --- no token in any log record, across a real-HTTP workflow with retries and errors -------

MEMBER_SECRET = "sk-live-member-5f1c9a7e3b2d4c6a8e0f"
ADMIN_SECRET = "sk-live-admin-9b8a7c6d5e4f3a2b1c0d"
FORGED_SECRET = "sk-live-forged-0a1b2c3d4e5f6a7b8c9d"
SECRETS = (MEMBER_SECRET, ADMIN_SECRET, FORGED_SECRET)
PRINCIPALS = {
    MEMBER_SECRET: {"user_id": "user_123", "org_id": "growqr", "role": "member"},
    ADMIN_SECRET: {"user_id": "admin_1", "org_id": "growqr", "role": "admin"},
}
LOGGERS = ("", "httpx", "httpcore", "roleplay_sdk")


def _faulty_workflow(base_url: str, transport: FaultyTransport) -> list[Exception]:
    """Every kind of call, each under a fault (retried or raised); returns the errors met."""
    chooser = transport.chooser
    http = httpx.Client(transport=transport)
    uploads = httpx.Client(transport=transport)
    member = RoleplayClient(
        base_url=base_url,
        api_token=MEMBER_SECRET,
        user_id="user_123",
        http_client=http,
        upload_http_client=uploads,
        sleep=lambda _seconds: None,
    )
    admin = member.with_options(api_token=ADMIN_SECRET, user_id="admin_1")
    errors: list[Exception] = []
    brief = "Negotiate my offer: they offered 150k and I want 170k base."
    try:
        chooser.arm_each("503")
        draft = member.preview(brief=brief, conversation_type="offer negotiation")
        chooser.arm_each("reset")
        session = member.approve(draft.session_id)
        chooser.arm_each("429")
        member.upload_video(session.session_id, b"\x1a\x45\xdf\xa3" * 64)
        chooser.arm_each("mid_body")
        member.review(session.session_id)
        chooser.arm_each("read_timeout")
        created = admin.create_assignments(
            ["a@example.com", "b@example.com"], title="Renewal", brief="Renew a customer."
        )
        ids = [item.assignment_id for item in created.assignments]
        assert len(list(admin.list_assignments(limit=1))) == 2
        admin.unassign(ids[:1])
        admin.bulk_results(ids)
        chooser.arm_each(None)
        for failing, expected in (
            (lambda: member.review("rps_unknown"), sdk.NotFoundError),
            (
                lambda: member.with_options(api_token=FORGED_SECRET).leaderboard(),
                sdk.AuthenticationError,
            ),
            (
                lambda: member.create_assignments(["c@example.com"], title="t", brief="b."),
                sdk.PermissionDeniedError,
            ),
        ):
            with pytest.raises(expected) as raised:
                failing()
            errors.append(raised.value)
        for fault, expected in (
            ("refused", sdk.APIConnectionError),
            ("502", sdk.InternalServerError),
            ("malformed_json", sdk.APIResponseValidationError),
        ):
            chooser.arm_each(fault)
            with pytest.raises(expected) as raised:
                member.with_options(max_retries=0).leaderboard()
            errors.append(raised.value)
    finally:
        http.close()
        uploads.close()
    return errors


def test_no_token_reaches_any_log_record_at_debug_across_a_faulty_workflow(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Real loopback HTTP (so httpcore logs too), retries after faults, and typed errors."""
    from roleplay_reference._server import BackgroundServer

    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    with BackgroundServer(tokens=PRINCIPALS) as server:
        transport = FaultyTransport(httpx.HTTPTransport())
        errors = _faulty_workflow(server.base_url, transport)
        assert server.service.counts()["sessions"] == 1  # retried creates created once
    assert any(sent.fault for sent in transport.chooser.sent)
    names = {record.name.split(".")[0] for record in caplog.records}
    assert {"httpx", "httpcore", "roleplay_sdk"} <= names  # every logger was heard at DEBUG
    assert any("retrying" in record.getMessage() for record in caplog.records)
    for record in caplog.records:
        text = f"{record.getMessage()} {record.args!r} {record.exc_text} {vars(record)!r}"
        assert not [secret for secret in SECRETS if secret in text], record.getMessage()
    for error in errors:
        shown = f"{error} {error!r} {vars(error)!r}"
        assert not [secret for secret in SECRETS if secret in shown], shown
