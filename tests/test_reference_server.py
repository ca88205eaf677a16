"""The reference service over loopback HTTP and WebSocket, its CLI entry, its control routes."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from roleplay_reference import BackgroundServer, ServiceProcess
from roleplay_reference.testing import SpecChecker, checked_client
from roleplay_sdk import RoleplayClient

BRIEF = "Negotiate my offer with the recruiter: they offered 150k and I want 170k base."

MEMBER = {"Authorization": "Bearer dev-member-token"}
BODY = {
    "user_id": "user_123",
    "persona_id": "emma",
    "duration_minutes": 15,
    "roleplay_type": "custom",
    "brief": "Ask the recruiter about the interview timeline and a competing offer.",
}


@pytest.fixture(scope="module")
def server():
    with BackgroundServer(enable_control=True) as running:
        yield running


@pytest.fixture
def http(server: BackgroundServer):
    checker = SpecChecker()
    with httpx.Client(base_url=server.base_url, event_hooks={"response": [checker.hook]}) as client:
        yield client


def test_the_whole_workflow_over_loopback(server: BackgroundServer, http: httpx.Client) -> None:
    draft = http.post("/api/v1/roleplays/configure/preview", json=BODY, headers=MEMBER).json()
    active = http.post(
        "/api/v1/roleplays/configure/approve",
        json={"session_id": draft["session_id"]},
        headers=MEMBER,
    ).json()
    assert (
        active["websocket_url"]
        == f"ws://127.0.0.1:{server.port}/api/v1/roleplays/session/{draft['session_id']}"
    )
    with connect(active["websocket_url"], additional_headers=MEMBER) as ws:
        ws.send(json.dumps({"type": "turn", "text": "I have a competing offer at 180k."}))
        assert json.loads(ws.recv())["speaker"] == "counterpart"
        ws.send(json.dumps({"type": "end"}))
        assert json.loads(ws.recv())["status"] == "completed"
    review = http.get(f"/api/v1/roleplays/review/{draft['session_id']}", headers=MEMBER).json()
    assert review["status"] == "completed"

    target = http.post(
        f"/api/v1/sessions/{draft['session_id']}/video/upload-url", headers=MEMBER
    ).json()
    assert target["upload_url"].startswith(server.base_url + "/_uploads/")
    webm = b"\x1a\x45\xdf\xa3" + b"webm" * 10
    put = httpx.put(target["upload_url"], content=webm, headers=target["upload_headers"])
    assert put.status_code == 200
    http.post(
        f"/api/v1/sessions/{draft['session_id']}/video/uploaded",
        json={"upload_id": target["upload_id"]},
        headers=MEMBER,
    )
    artifact = http.get(
        f"/api/v1/artifacts/{draft['session_id']}/session_video", headers=MEMBER
    ).json()
    assert httpx.get(artifact["url"]).content == webm


def test_a_websocket_refusal_carries_its_close_code_over_the_network(http, server) -> None:
    draft = http.post("/api/v1/roleplays/configure/preview", json=BODY, headers=MEMBER).json()
    url = f"ws://127.0.0.1:{server.port}/api/v1/roleplays/session/{draft['session_id']}?token=dev-member-token"
    with connect(url) as ws, pytest.raises(ConnectionClosed) as closed:
        ws.recv()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4409


def test_a_chunked_body_is_capped_while_streaming(server: BackgroundServer) -> None:
    def chunks():
        for _ in range(64):
            yield b"x" * 16384

    response = httpx.post(
        server.base_url + "/api/v1/roleplays/configure/preview",
        content=chunks(),
        headers={**MEMBER, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert (
        httpx.get(server.base_url + "/api/v1/roleplays/leaderboard", headers=MEMBER).status_code
        == 200
    )


def test_the_control_routes_count_and_complete(
    server: BackgroundServer, http: httpx.Client
) -> None:
    before = http.get("/_control/counts").json()
    session = http.post("/api/v1/roleplays/configure", json=BODY, headers=MEMBER).json()
    after = http.get("/_control/counts").json()
    assert after["sessions"] == before["sessions"] + 1
    review = {"scores": {"overall": 64.5, "categories": []}, "recommendations": ["Slow down."]}
    done = http.post(
        f"/_control/sessions/{session['session_id']}/complete", json={"review": review}
    )
    assert done.status_code == 200
    assert done.json()["scores"]["overall"] == 64.5
    again = http.post(f"/_control/sessions/{session['session_id']}/complete", json={})
    assert again.status_code == 409
    other = http.post("/api/v1/roleplays/configure", json=BODY, headers=MEMBER).json()
    for bad in ({"turns": "not a list"}, {"review": ["not", "an", "object"]}, [1]):
        response = http.post(f"/_control/sessions/{other['session_id']}/complete", json=bad)
        assert response.status_code == 422
    unknown = http.post("/_control/sessions/rps_unknown/complete", json={})
    assert unknown.status_code == 404
    turns = http.get(f"/_control/sessions/{session['session_id']}/turns").json()
    assert turns == {"turns": []}
    assert http.get("/_control/counts", params={"org_id": "acme"}).json()["sessions"] == 0


def test_the_control_routes_are_off_by_default() -> None:
    from roleplay_reference import ReferenceService

    client = checked_client(ReferenceService())
    assert client.get("/_control/counts").status_code == 404
    assert client.post("/_control/reset").status_code == 404


def test_control_reset_forgets_everything(server: BackgroundServer) -> None:
    with BackgroundServer(enable_control=True) as fresh:
        httpx.post(fresh.base_url + "/api/v1/roleplays/configure", json=BODY, headers=MEMBER)
        assert fresh.service.count_sessions() == 1
        assert httpx.post(fresh.base_url + "/_control/reset").status_code == 204
        assert fresh.service.count_sessions() == 0


def test_the_frontend_url_serves_a_page_that_opens_the_websocket(http, server) -> None:
    session = http.post("/api/v1/roleplays/configure", json=BODY, headers=MEMBER).json()
    page = httpx.get(session["frontend_url"])
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f"/api/v1/roleplays/session/{session['session_id']}" in page.text


def test_python_m_roleplay_reference_serve_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "roleplay_reference", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for option in ("--host", "--port", "--db", "--tokens", "--enable-control", "dev-member-token"):
        assert option in result.stdout


def test_a_restarted_server_on_the_same_file_keeps_everything(tmp_path) -> None:
    db = str(tmp_path / "served.db")
    with BackgroundServer(db_path=db) as first:
        created = httpx.post(
            first.base_url + "/api/v1/roleplays/configure", json=BODY, headers=MEMBER
        ).json()
    with BackgroundServer(db_path=db) as second:
        review = httpx.get(
            second.base_url + f"/api/v1/roleplays/review/{created['session_id']}", headers=MEMBER
        )
        assert review.status_code == 200
        assert second.service.count_sessions() == 1


def test_a_service_process_keeps_what_was_committed_across_a_kill_and_restart() -> None:
    with ServiceProcess() as service:
        client = RoleplayClient(
            base_url=service.base_url, api_token="dev-member-token", user_id="user_123"
        )
        draft = client.preview(brief=BRIEF, conversation_type="offer negotiation")
        port = service.port
        service.restart()
        assert service.port == port and service.restarts == 1
        assert service.counts()["sessions"] == 1
        session = client.approve(draft.session_id)  # the same row, read from the same file
        assert session.session_id == draft.session_id and session.status == "active"
        client.close()
