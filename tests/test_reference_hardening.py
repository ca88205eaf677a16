"""The reference service under abuse, in-process: throttling, proxies, sweeping, assignments
started twice, headers of pages and files, and no score for a practice with no turns."""

from __future__ import annotations

import json
from typing import Any

import httpx
from _fakes import FakeClock
from typer.testing import CliRunner

from roleplay_reference import ReferenceService
from roleplay_reference.testing import (
    SyncASGITransport,
    checked_client,
    sync_http_client,
    websocket_test_client,
)
from roleplay_sdk import RoleplayReview, review_digest

MEMBER, ADMIN = "dev-member-token", "dev-admin-token"
CONFIGURE = "/api/v1/roleplays/configure"
PREVIEW = "/api/v1/roleplays/configure/preview"
LEADERBOARD = "/api/v1/roleplays/leaderboard"
ASSIGNMENTS = "/api/v1/roleplays/assignments"
BULK = "/api/v1/roleplays/results:bulk"
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 100
BODY = {
    "user_id": "user_123",
    "persona_id": "emma",
    "duration_minutes": 15,
    "roleplay_type": "custom",
    "brief": "Ask my manager for a promotion to senior engineer.",
}


def client_at(
    service: ReferenceService, address: str, token: str | None = None, **headers: str
) -> httpx.Client:
    """A client whose connection comes from `address` (as a server would see the peer)."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await service.app({**scope, "client": (address, 40000)}, receive, send)

    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(
        transport=SyncASGITransport(app), base_url="http://localhost", headers=headers
    )


# ---------- throttling ----------


def test_a_burst_of_failed_authentications_is_answered_429_for_that_address_only() -> None:
    clock = FakeClock()
    service = ReferenceService(clock=clock, auth_failure_limit=10)
    guesser = client_at(service, "203.0.113.9")
    statuses = [
        guesser.get(LEADERBOARD, headers={"Authorization": f"Bearer guess-{n}"}).status_code
        for n in range(50)
    ]
    assert statuses[:10] == [401] * 10 and set(statuses[10:]) == {429}
    refused = guesser.get(LEADERBOARD, headers={"Authorization": f"Bearer {MEMBER}"})
    assert refused.status_code == 429, "during the lockout no token is even looked at"
    assert refused.headers["content-type"] == "application/problem+json"
    assert 0 < int(refused.headers["retry-after"]) <= 60
    # Another address is not punished for it.
    assert client_at(service, "198.51.100.4", MEMBER).get(LEADERBOARD).status_code == 200
    clock.now += int(refused.headers["retry-after"])
    assert guesser.get(LEADERBOARD, headers={"Authorization": f"Bearer {MEMBER}"}).is_success


def test_failed_websocket_authentications_count_and_are_refused_with_4429() -> None:
    service = ReferenceService(clock=FakeClock(), auth_failure_limit=3)
    session = checked_client(service, MEMBER).post(CONFIGURE, json=BODY).json()
    path = f"/api/v1/roleplays/session/{session['session_id']}"
    ws_client = websocket_test_client(service)
    codes = []
    for token in ("a", "b", "c", MEMBER):
        with ws_client.websocket_connect(f"{path}?token={token}") as ws:
            codes.append(ws.receive()["code"])
    assert codes == [4401, 4401, 4401, 4429]


def test_the_default_rate_limit_is_one_a_real_service_would_set() -> None:
    service = ReferenceService(clock=FakeClock())
    client = checked_client(service, MEMBER)
    first = client.get(LEADERBOARD)
    assert first.headers["ratelimit-limit"] == "600"
    for _ in range(599):
        client.get(LEADERBOARD)
    over = client.get(LEADERBOARD)
    assert over.status_code == 429 and int(over.headers["retry-after"]) > 0


def test_both_limits_are_configurable() -> None:
    service = ReferenceService(rate_limit=5000, auth_failure_limit=None, clock=FakeClock())
    client = checked_client(service, MEMBER)
    assert client.get(LEADERBOARD).headers["ratelimit-limit"] == "5000"
    anonymous = sync_http_client(service)
    assert {anonymous.get(LEADERBOARD).status_code for _ in range(100)} == {401}


# ---------- absolute URLs and proxies ----------


def _urls(answer: dict[str, Any]) -> list[str]:
    return [answer["websocket_url"], answer["frontend_url"]]


def test_the_host_header_and_forwarded_headers_of_anyone_decide_nothing() -> None:
    service = ReferenceService()
    spoofing = client_at(
        service,
        "203.0.113.9",
        MEMBER,
        Host="attacker.example",
        **{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"},
    )
    session = spoofing.post(CONFIGURE, json=BODY).json()
    assert _urls(session) == [
        f"ws://localhost/api/v1/roleplays/session/{session['session_id']}",
        f"http://localhost/roleplay/{session['session_id']}",
    ]
    upload = spoofing.post(f"/api/v1/sessions/{session['session_id']}/video/upload-url").json()
    assert upload["upload_url"].startswith("http://localhost/_uploads/")
    assert spoofing.post(CONFIGURE, json=BODY).headers["location"].startswith("http://localhost/")


def test_a_configured_proxy_is_believed_and_a_public_base_url_wins() -> None:
    service = ReferenceService(forwarded_allow_ips="10.0.0.0/8")
    proxied = client_at(
        service,
        "10.1.2.3",
        MEMBER,
        **{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example.com"},
    )
    session = proxied.post(CONFIGURE, json=BODY).json()
    assert session["websocket_url"].startswith("wss://api.example.com/")
    public = ReferenceService(public_base_url="https://roleplay.example.org/")
    spoofing = client_at(public, "10.1.2.3", MEMBER, Host="attacker.example")
    assert (
        spoofing.post(CONFIGURE, json=BODY)
        .json()["frontend_url"]
        .startswith("https://roleplay.example.org/roleplay/")
    )


def test_the_throttle_counts_the_forwarded_client_only_behind_a_trusted_proxy() -> None:
    service = ReferenceService(forwarded_allow_ips="10.0.0.1", auth_failure_limit=2)
    for client in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        proxy = client_at(service, "10.0.0.1", "forged", **{"X-Forwarded-For": client})
        assert [proxy.get(LEADERBOARD).status_code for _ in range(3)] == [401, 401, 429]
    liar = client_at(service, "203.0.113.5", "forged")
    codes = [
        liar.get(LEADERBOARD, headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code
        for n in range(3)
    ]
    assert codes == [401, 401, 429], "an untrusted peer cannot pick its own address"


# ---------- sweeping ----------


def test_expired_unconfirmed_uploads_and_old_idempotency_keys_are_swept() -> None:
    clock = FakeClock()
    service = ReferenceService(clock=clock)
    client = checked_client(service, MEMBER)
    anonymous = sync_http_client(service)
    session_id = client.post(CONFIGURE, json=BODY).json()["session_id"]
    upload_url = f"/api/v1/sessions/{session_id}/video/upload-url"
    confirmed = client.post(upload_url).json()
    anonymous.put(confirmed["upload_url"], content=WEBM, headers=confirmed["upload_headers"])
    confirm = {"upload_id": confirmed["upload_id"]}
    client.post(f"/api/v1/sessions/{session_id}/video/uploaded", json=confirm)
    uploaded = client.post(upload_url).json()  # uploaded, never confirmed
    anonymous.put(uploaded["upload_url"], content=WEBM, headers=uploaded["upload_headers"])
    for n in range(3):  # asked for, never uploaded
        client.post(upload_url, headers={"Idempotency-Key": f"sweep-key-{n:04d}"})
    assert (service.count_uploads(), service.count_upload_files()) == (5, 2)
    assert service.count_idempotency_keys() == 3

    clock.now += 900 + 3600 - 5  # not yet past expiry + grace: nothing goes
    client.post(PREVIEW, json=BODY)
    assert (service.count_uploads(), service.count_upload_files()) == (5, 2)
    clock.now += 61
    client.post(PREVIEW, json=BODY)  # a write request sweeps (at most once a minute)
    assert (service.count_uploads(), service.count_upload_files()) == (1, 1)
    assert service.count_uploads(status="confirmed") == 1
    again = client.post(f"/api/v1/sessions/{session_id}/video/uploaded", json=confirm)
    assert again.status_code == 202, "a confirmed upload is kept"
    late = {"upload_id": uploaded["upload_id"]}
    assert (
        client.post(f"/api/v1/sessions/{session_id}/video/uploaded", json=late).status_code == 404
    )
    assert anonymous.get(client.get(f"/api/v1/artifacts/{session_id}/session_video").json()["url"])

    assert service.count_idempotency_keys() == 3  # within their 24 hours still
    clock.now += 24 * 3600
    client.post(PREVIEW, json=BODY)
    assert service.count_idempotency_keys() == 0


def test_an_unconfirmed_upload_past_its_grace_is_gone_before_any_sweep() -> None:
    clock = FakeClock()
    service = ReferenceService(clock=clock)
    client = checked_client(service, MEMBER)
    session_id = client.post(CONFIGURE, json=BODY).json()["session_id"]
    upload = client.post(f"/api/v1/sessions/{session_id}/video/upload-url").json()
    sync_http_client(service).put(
        upload["upload_url"], content=WEBM, headers=upload["upload_headers"]
    )
    clock.now += 900 + 3601
    confirm = {"upload_id": upload["upload_id"]}
    url = f"/api/v1/sessions/{session_id}/video/uploaded"
    assert client.get(LEADERBOARD).status_code == 200  # reads do not sweep
    assert client.post(url, json=confirm).status_code == 404


# ---------- an assignment started twice ----------


def test_an_assignment_started_twice_is_completed_by_whichever_session_completes() -> None:
    service = ReferenceService()
    admin, member = checked_client(service, ADMIN), checked_client(service, MEMBER)
    scenario = {k: BODY[k] for k in ("persona_id", "duration_minutes", "roleplay_type", "brief")}
    created = admin.post(
        ASSIGNMENTS,
        json={
            "assignees": [{"user_id": "user_123"}],
            "scenario": {**scenario, "title": "Promotion"},
        },
    ).json()["assignments"][0]
    linked = {**BODY, "metadata": {"assignment_id": created["assignment_id"]}}
    first, second = (member.post(CONFIGURE, json=linked).json() for _ in range(2))

    def result() -> dict[str, Any]:
        found = admin.post(BULK, json={"assignment_ids": [created["assignment_id"]]}).json()
        return dict(found["results"][0])

    assert result()["assignment"]["status"] == "in_progress"
    assert result()["assignment"]["session_id"] == second["session_id"]  # the latest start
    service.complete_session(first["session_id"], turns=["I lead two teams already."])
    done = result()
    assert done["assignment"]["status"] == "completed"
    assert done["assignment"]["session_id"] == first["session_id"]
    assert done["review"]["status"] == "completed" and done["review"]["scores"] is not None
    service.complete_session(second["session_id"], turns=["Another go."])
    assert result()["assignment"]["session_id"] == first["session_id"], "completed stays put"


# ---------- headers of the page and of files ----------


def test_the_frontend_page_and_artifacts_carry_protective_headers() -> None:
    service = ReferenceService()
    client = checked_client(service, MEMBER)
    anonymous = sync_http_client(service)
    session = client.post(CONFIGURE, json=BODY).json()
    page = anonymous.get(session["frontend_url"] + f"?token={MEMBER}")
    assert page.status_code == 200
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "access-control-allow-origin" not in page.headers
    assert page.headers["cache-control"] == "no-store"

    upload = client.post(f"/api/v1/sessions/{session['session_id']}/video/upload-url").json()
    anonymous.put(upload["upload_url"], content=WEBM, headers=upload["upload_headers"])
    client.post(
        f"/api/v1/sessions/{session['session_id']}/video/uploaded",
        json={"upload_id": upload["upload_id"]},
    )
    service.complete_session(session["session_id"], turns=["<script>alert(1)</script>"])
    for kind in ("session_video", "transcript"):
        url = client.get(f"/api/v1/artifacts/{session['session_id']}/{kind}").json()["url"]
        got = anonymous.get(url)
        assert got.status_code == 200
        assert got.headers["x-content-type-options"] == "nosniff"
        assert got.headers["content-disposition"].startswith("attachment; filename=")
        assert "sandbox" in got.headers["content-security-policy"]
        assert got.headers["referrer-policy"] == "no-referrer"
        assert "access-control-allow-origin" not in got.headers
    api = client.get(LEADERBOARD)
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["access-control-allow-origin"] == "*"  # the API itself is for browsers


# ---------- no score for nothing ----------


def test_a_practice_with_no_turns_has_no_score_and_no_rank(tmp_path: Any) -> None:
    service = ReferenceService()
    client = checked_client(service, MEMBER)
    silent = client.post(CONFIGURE, json=BODY).json()["session_id"]
    spoken = client.post(CONFIGURE, json=BODY).json()["session_id"]
    service.complete_session(silent)
    service.complete_session(spoken, turns=["I have led the platform team for a year."])
    review = client.get(f"/api/v1/roleplays/review/{silent}").json()
    assert review["status"] == "completed" and review["completed_at"]
    assert review["scores"] is None
    assert review["feedback"]["summary"].startswith("No turns were recorded")
    assert review["feedback"]["better_phrasing"] == []
    board = [
        e["session_id"] for e in client.get(LEADERBOARD, params={"limit": 100}).json()["entries"]
    ]
    assert board == [spoken]

    model = RoleplayReview.from_json(review)
    assert not model.is_pending and not model.is_scored
    text = review_digest(model).as_text()
    assert "no turns were recorded, so there is no score" in text
    assert "Overall score" not in text and "0/100" not in text

    from roleplay_cli import _app as cli

    in_process = cli.CLIENT_FACTORY
    try:
        cli.CLIENT_FACTORY = lambda **options: _in_process(service, options)
        shown = CliRunner().invoke(
            cli.app, ["--api-token", MEMBER, "--user-id", "user_123", "review", silent]
        )
    finally:
        cli.CLIENT_FACTORY = in_process
    assert shown.exit_code == 0, shown.output
    assert "no score" in shown.stdout and "0/100" not in shown.stdout


def _in_process(service: ReferenceService, options: dict[str, Any]) -> Any:
    from roleplay_reference.testing import in_process_client

    return in_process_client(options["api_token"], service=service)


def test_the_websocket_practice_with_no_turn_ends_unscored() -> None:
    service = ReferenceService()
    session = checked_client(service, MEMBER).post(CONFIGURE, json=BODY).json()
    with websocket_test_client(service).websocket_connect(
        f"/api/v1/roleplays/session/{session['session_id']}?token={MEMBER}"
    ) as ws:
        ws.send_text(json.dumps({"type": "end"}))
        assert ws.receive_json()["status"] == "completed"
    review = checked_client(service, MEMBER).get(
        f"/api/v1/roleplays/review/{session['session_id']}"
    )
    assert review.json()["scores"] is None


# ---------- the serving commands ----------


def test_roleplay_serve_and_python_m_serve_take_the_same_hardening_options() -> None:
    import subprocess
    import sys

    from roleplay_cli._app import app

    options = (
        "--log-level",
        "--public-base-url",
        "--forwarded-allow-ips",
        "--rate-limit",
        "--auth-failure-limit",
    )
    shown = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    module = subprocess.run(
        [sys.executable, "-m", "roleplay_reference", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for option in options:
        assert option in shown.stdout, option
        assert option in module.stdout, option
    bad = CliRunner().invoke(app, ["serve", "--log-level", "chatty"])
    assert bad.exit_code == 2 and "log_level must be one of" in bad.output


def test_a_sweep_deletes_only_its_own_files(tmp_path: Any) -> None:
    shared = tmp_path / "uploads"
    shared.mkdir()
    (shared / "notes.txt").write_text("not the service's")
    (shared / "upl_x.0123456789ab.webm").write_bytes(WEBM)  # left by an interrupted upload
    service = ReferenceService(upload_dir=str(shared))
    assert service.sweep()["orphan_files"] == 1
    assert sorted(p.name for p in shared.iterdir()) == ["notes.txt"]
