"""Idempotency-Key: a retry replays the first answer and creates nothing; reuse is a 409."""

from __future__ import annotations

import threading

import pytest
from _fakes import FakeClock

from roleplay_reference import ReferenceService
from roleplay_reference.testing import checked_client, sync_http_client

MEMBER, MEMBER_2, ADMIN = "dev-member-token", "dev-member-2-token", "dev-admin-token"
BODY = {
    "user_id": "user_123",
    "persona_id": "payal",
    "duration_minutes": 30,
    "roleplay_type": "custom",
    "brief": "Ask my manager for a promotion to staff engineer.",
}
ASSIGN = {
    "assignees": [{"user_id": "user_123"}, {"email": "b@example.com"}],
    "scenario": {k: BODY[k] for k in ("brief", "persona_id", "duration_minutes", "roleplay_type")}
    | {"title": "Promotion talk"},
}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(clock: FakeClock) -> ReferenceService:
    return ReferenceService(clock=clock)


@pytest.fixture
def client(service: ReferenceService):
    return checked_client(service, MEMBER)


def key(name: str) -> dict[str, str]:
    return {"Idempotency-Key": f"test-key-{name}"}


@pytest.mark.parametrize(
    "path", ["/api/v1/roleplays/configure/preview", "/api/v1/roleplays/configure"]
)
def test_a_retry_replays_the_first_answer_and_creates_nothing(service, client, path: str) -> None:
    first = client.post(path, json=BODY, headers=key("a"))
    assert first.status_code == 201
    assert first.headers["idempotent-replayed"] == "false"
    retry = client.post(path, json=BODY, headers=key("a"))
    assert retry.status_code == 201
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.content == first.content
    assert retry.headers["location"] == first.headers["location"]
    assert service.count_sessions() == 1


def test_the_same_body_in_another_key_order_is_the_same_request(service, client) -> None:
    client.post("/api/v1/roleplays/configure", json=BODY, headers=key("order"))
    reordered = dict(reversed(list(BODY.items())))
    retry = client.post("/api/v1/roleplays/configure", json=reordered, headers=key("order"))
    assert retry.headers["idempotent-replayed"] == "true"
    assert service.count_sessions() == 1


def test_without_a_key_every_call_creates(service, client) -> None:
    client.post("/api/v1/roleplays/configure", json=BODY)
    client.post("/api/v1/roleplays/configure", json=BODY)
    assert service.count_sessions() == 2


def test_the_same_key_with_another_body_is_a_409(service, client) -> None:
    client.post("/api/v1/roleplays/configure", json=BODY, headers=key("b"))
    other = client.post(
        "/api/v1/roleplays/configure", json={**BODY, "duration_minutes": 5}, headers=key("b")
    )
    assert other.status_code == 409
    assert other.json()["type"] == "https://growqr.ai/problems/idempotency-key-reuse"
    elsewhere = client.post("/api/v1/roleplays/configure/preview", json=BODY, headers=key("b"))
    assert elsewhere.status_code == 409
    assert service.count_sessions() == 1


def test_keys_belong_to_one_user(service) -> None:
    mine = checked_client(service, MEMBER).post(
        "/api/v1/roleplays/configure", json=BODY, headers=key("c")
    )
    theirs = checked_client(service, MEMBER_2).post(
        "/api/v1/roleplays/configure", json={**BODY, "user_id": "user_456"}, headers=key("c")
    )
    assert theirs.status_code == 201
    assert theirs.headers["idempotent-replayed"] == "false"
    assert theirs.json()["session_id"] != mine.json()["session_id"]
    assert service.count_sessions() == 2


def test_a_retried_approval_replays_instead_of_409(client) -> None:
    draft = client.post("/api/v1/roleplays/configure/preview", json=BODY).json()
    body = {"session_id": draft["session_id"]}
    first = client.post("/api/v1/roleplays/configure/approve", json=body, headers=key("approve"))
    retry = client.post("/api/v1/roleplays/configure/approve", json=body, headers=key("approve"))
    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json() == first.json()
    fresh = client.post("/api/v1/roleplays/configure/approve", json=body, headers=key("approve-2"))
    assert fresh.status_code == 409


def test_errors_are_not_remembered(service, client) -> None:
    bad = client.post(
        "/api/v1/roleplays/configure", json={**BODY, "user_id": "user_456"}, headers=key("d")
    )
    assert bad.status_code == 403
    good = client.post(
        "/api/v1/roleplays/configure", json={**BODY, "user_id": "user_456"}, headers=key("d")
    )
    assert good.status_code == 403
    assert (
        client.post("/api/v1/roleplays/configure", json=BODY, headers=key("d")).status_code == 201
    )
    assert service.count_sessions() == 1


def test_created_assignments_replay(service) -> None:
    admin = checked_client(service, ADMIN)
    first = admin.post("/api/v1/roleplays/assignments", json=ASSIGN, headers=key("assign"))
    retry = admin.post("/api/v1/roleplays/assignments", json=ASSIGN, headers=key("assign"))
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json() == first.json()
    assert service.count_assignments() == 2


def test_upload_url_and_confirmation_replay(service, client) -> None:
    session_id = client.post("/api/v1/roleplays/configure", json=BODY).json()["session_id"]
    url = f"/api/v1/sessions/{session_id}/video/upload-url"
    first = client.post(url, headers=key("upload"))
    retry = client.post(url, headers=key("upload"))
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.json() == first.json()
    assert service.count_uploads() == 1
    target = first.json()
    sync_http_client(service).put(
        target["upload_url"], content=b"\x1a\x45\xdf\xa3webm", headers=target["upload_headers"]
    )
    confirm_url = f"/api/v1/sessions/{session_id}/video/uploaded"
    body = {"upload_id": target["upload_id"]}
    confirmed = client.post(confirm_url, json=body, headers=key("confirm"))
    again = client.post(confirm_url, json=body, headers=key("confirm"))
    assert (confirmed.status_code, again.status_code) == (202, 202)
    assert again.headers["idempotent-replayed"] == "true"


def test_keys_are_remembered_for_24_hours(service, client, clock) -> None:
    client.post("/api/v1/roleplays/configure", json=BODY, headers=key("old"))
    clock.now += 24 * 3600 - 1
    assert (
        client.post("/api/v1/roleplays/configure", json=BODY, headers=key("old")).headers[
            "idempotent-replayed"
        ]
        == "true"
    )
    clock.now += 2
    later = client.post("/api/v1/roleplays/configure", json=BODY, headers=key("old"))
    assert later.headers["idempotent-replayed"] == "false"
    assert service.count_sessions() == 2


def test_concurrent_retries_create_exactly_one(service) -> None:
    results: list[int] = []

    def call() -> None:
        client = checked_client(service, MEMBER)
        results.append(
            client.post("/api/v1/roleplays/configure", json=BODY, headers=key("race")).status_code
        )

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [201] * 8
    assert service.count_sessions() == 1


def test_operations_without_idempotency_ignore_the_header(service) -> None:
    admin = checked_client(service, ADMIN)
    created = admin.post("/api/v1/roleplays/assignments", json=ASSIGN).json()["assignments"]
    body = {"assignment_ids": [created[0]["assignment_id"]]}
    response = admin.post("/api/v1/roleplays/assignments/unassign", json=body, headers=key("x"))
    assert response.status_code == 200
    assert "idempotent-replayed" not in response.headers
