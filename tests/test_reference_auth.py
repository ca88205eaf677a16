"""Tokens decide who calls; organizations never see each other's records (404, not 403)."""

from __future__ import annotations

import json

import pytest
from starlette.websockets import WebSocketDisconnect

from roleplay_reference import ReferenceService, load_tokens
from roleplay_reference.testing import checked_client, websocket_test_client

MEMBER, MEMBER_2, ADMIN = "dev-member-token", "dev-member-2-token", "dev-admin-token"
OTHER, OTHER_ADMIN = "dev-other-org-token", "dev-other-admin-token"

SESSION = "rps_0123456789abcdef"
OPERATIONS = [
    ("POST", "/api/v1/roleplays/configure/preview"),
    ("POST", "/api/v1/roleplays/configure"),
    ("POST", "/api/v1/roleplays/configure/questions"),
    ("POST", "/api/v1/roleplays/configure/approve"),
    ("GET", f"/api/v1/roleplays/review/{SESSION}"),
    ("GET", "/api/v1/roleplays/leaderboard"),
    ("GET", f"/api/v1/artifacts/{SESSION}/session_video"),
    ("POST", f"/api/v1/sessions/{SESSION}/video/upload-url"),
    ("POST", f"/api/v1/sessions/{SESSION}/video/uploaded"),
    ("POST", "/api/v1/roleplays/assignments"),
    ("GET", "/api/v1/roleplays/assignments"),
    ("POST", "/api/v1/roleplays/assignments/unassign"),
    ("POST", "/api/v1/roleplays/results:bulk"),
]


def configure_body(user_id: str = "user_123", **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "user_id": user_id,
        "persona_id": "kapil",
        "duration_minutes": 5,
        "roleplay_type": "support",
        "brief": "Calm down a customer whose export has failed three times today.",
    }
    body.update(changes)
    return body


ASSIGNMENTS = {
    "assignees": [{"email": "user_123@example.com"}],
    "scenario": {
        "title": "Escalation drill",
        "brief": "Handle an escalation from a key account.",
        "persona_id": "john",
        "duration_minutes": 15,
        "roleplay_type": "support",
    },
}


@pytest.fixture
def service() -> ReferenceService:
    return ReferenceService()


@pytest.fixture
def as_(service: ReferenceService):
    clients: dict[str | None, object] = {}

    def client(token: str | None):
        if token not in clients:
            clients[token] = checked_client(service, token)
        return clients[token]

    return client


@pytest.fixture
def member_session(as_) -> str:
    response = as_(MEMBER).post("/api/v1/roleplays/configure", json=configure_body())
    assert response.status_code == 201
    return str(response.json()["session_id"])


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@pytest.mark.parametrize("token", [None, "forged-token", "DEV-MEMBER-TOKEN"])
def test_every_operation_needs_a_known_bearer_token(as_, method: str, path: str, token) -> None:
    client = as_(None)
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    response = client.request(method, path, headers=headers, json={})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("header", ["Basic ZGV2LW1lbWJlci10b2tlbjo=", "dev-member-token", "Bearer"])
def test_malformed_authorization_headers_are_401(as_, header: str) -> None:
    response = as_(None).get("/api/v1/roleplays/leaderboard", headers={"Authorization": header})
    assert response.status_code == 401


def test_a_body_org_id_naming_another_organization_is_403(as_) -> None:
    response = as_(MEMBER).post(
        "/api/v1/roleplays/configure/preview", json=configure_body(org_id="acme")
    )
    assert response.status_code == 403
    assert "organization" in response.json()["detail"]


def test_a_body_org_id_naming_the_token_organization_is_fine(as_) -> None:
    body = configure_body(org_id="growqr")
    assert as_(MEMBER).post("/api/v1/roleplays/configure/preview", json=body).status_code == 201


def test_the_token_decides_the_organization_when_the_body_names_none(service, as_) -> None:
    body = configure_body(user_id="user_999")
    assert as_(OTHER).post("/api/v1/roleplays/configure", json=body).status_code == 201
    assert service.count_sessions("acme") == 1
    assert service.count_sessions("growqr") == 0


def test_a_member_may_not_act_as_another_user(as_) -> None:
    response = as_(MEMBER).post(
        "/api/v1/roleplays/configure", json=configure_body(user_id="user_456")
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "A member may act only as its own user_id."


def test_an_admin_may_act_for_any_user_of_its_organization(as_) -> None:
    response = as_(ADMIN).post(
        "/api/v1/roleplays/configure", json=configure_body(user_id="user_456")
    )
    assert response.status_code == 201
    session_id = response.json()["session_id"]
    # the session is user_456's: that member reads its review, another member does not
    assert as_(MEMBER_2).get(f"/api/v1/roleplays/review/{session_id}").status_code == 200
    assert as_(MEMBER).get(f"/api/v1/roleplays/review/{session_id}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/roleplays/assignments", ASSIGNMENTS),
        ("POST", "/api/v1/roleplays/assignments/unassign", {"assignment_ids": ["asg_1"]}),
        ("POST", "/api/v1/roleplays/results:bulk", {"assignment_ids": ["asg_1"]}),
    ],
)
def test_assignment_management_needs_an_admin(service, as_, method: str, path: str, body) -> None:
    response = as_(MEMBER).request(method, path, json=body)
    assert response.status_code == 403
    assert "admin" in response.json()["detail"]
    assert service.count_assignments() == 0


def cross_org_calls(session_id: str) -> list[tuple[str, str, object]]:
    return [
        ("GET", f"/api/v1/roleplays/review/{session_id}", None),
        (
            "POST",
            "/api/v1/roleplays/configure/questions",
            {"session_id": session_id, "prompts": ["Hi"]},
        ),
        ("POST", "/api/v1/roleplays/configure/approve", {"session_id": session_id}),
        ("GET", f"/api/v1/artifacts/{session_id}/session_video", None),
        ("GET", f"/api/v1/artifacts/{session_id}/transcript", None),
        ("POST", f"/api/v1/sessions/{session_id}/video/upload-url", None),
        ("POST", f"/api/v1/sessions/{session_id}/video/uploaded", {"upload_id": "upl_1"}),
    ]


@pytest.mark.parametrize("token", [OTHER, OTHER_ADMIN, MEMBER_2])
@pytest.mark.parametrize("draft", [True, False], ids=["draft", "active"])
def test_records_of_others_are_404_on_every_operation_taking_an_id(
    as_, token: str, draft: bool
) -> None:
    path = "/api/v1/roleplays/configure/preview" if draft else "/api/v1/roleplays/configure"
    session_id = as_(MEMBER).post(path, json=configure_body()).json()["session_id"]
    for method, url, body in cross_org_calls(session_id):
        response = as_(token).request(method, url, json=body)
        assert response.status_code == 404, (method, url, response.text)
        assert session_id in response.json()["detail"] or "upl_1" not in url
    unknown = "rps_doesnotexist00"
    for method, url, body in cross_org_calls(unknown):
        assert as_(MEMBER).request(method, url, json=body).status_code == 404
    # the owner still sees its session unchanged
    review = as_(MEMBER).get(f"/api/v1/roleplays/review/{session_id}")
    assert review.json()["status"] == "pending"


def test_another_organizations_assignments_are_not_found(as_) -> None:
    created = as_(ADMIN).post("/api/v1/roleplays/assignments", json=ASSIGNMENTS).json()
    assignment_id = created["assignments"][0]["assignment_id"]
    bulk = as_(OTHER_ADMIN).post(
        "/api/v1/roleplays/results:bulk", json={"assignment_ids": [assignment_id]}
    )
    assert bulk.json()["results"] == [
        {"assignment_id": assignment_id, "found": False, "assignment": None, "review": None}
    ]
    unassign = as_(OTHER_ADMIN).post(
        "/api/v1/roleplays/assignments/unassign", json={"assignment_ids": [assignment_id]}
    )
    assert unassign.json() == {"assignments": [], "not_found": [assignment_id]}
    assert as_(OTHER_ADMIN).get("/api/v1/roleplays/assignments").json()["items"] == []
    mine = as_(ADMIN).get("/api/v1/roleplays/assignments").json()["items"]
    assert [a["status"] for a in mine] == ["assigned"]


def test_the_leaderboard_shows_only_the_callers_organization(service, as_) -> None:
    growqr = as_(MEMBER).post("/api/v1/roleplays/configure", json=configure_body()).json()
    acme = as_(OTHER).post("/api/v1/roleplays/configure", json=configure_body("user_999")).json()
    service.complete_session(growqr["session_id"], turns=["We can fix this today."])
    service.complete_session(acme["session_id"], turns=["Sorry, maybe tomorrow?"])
    mine = as_(MEMBER).get("/api/v1/roleplays/leaderboard").json()["entries"]
    theirs = as_(OTHER).get("/api/v1/roleplays/leaderboard").json()["entries"]
    assert [e["session_id"] for e in mine] == [growqr["session_id"]]
    assert [e["session_id"] for e in theirs] == [acme["session_id"]]


def ws_close_code(
    service: ReferenceService, url: str, headers: dict[str, str] | None = None
) -> int:
    client = websocket_test_client(service)
    with client.websocket_connect(url, headers=headers or {}) as ws:
        message = ws.receive()
        assert message["type"] == "websocket.close"
        return int(message["code"])


def test_websocket_refuses_missing_forged_and_foreign_callers(service, member_session: str) -> None:
    path = f"/api/v1/roleplays/session/{member_session}"
    assert ws_close_code(service, path) == 4401
    assert ws_close_code(service, f"{path}?token=forged") == 4401
    assert ws_close_code(service, f"{path}?token={OTHER}") == 4404
    assert ws_close_code(service, path, {"Authorization": f"Bearer {MEMBER_2}"}) == 4404
    assert (
        ws_close_code(service, "/api/v1/roleplays/session/rps_unknown00000000?token=" + MEMBER)
        == 4404
    )


def test_websocket_accepts_the_owner_by_header_or_query_token(service, member_session: str) -> None:
    client = websocket_test_client(service)
    path = f"/api/v1/roleplays/session/{member_session}"
    with client.websocket_connect(path, headers={"Authorization": f"Bearer {MEMBER}"}) as ws:
        ws.send_text(json.dumps({"type": "turn", "text": "Hello"}))
        assert ws.receive_json()["speaker"] == "counterpart"
    with client.websocket_connect(f"{path}?token={ADMIN}") as ws:
        ws.send_text(json.dumps({"type": "turn", "text": "Hello again"}))
        assert ws.receive_json()["type"] == "turn"
    assert len(service.session_turns(member_session)) == 4


def test_websocket_on_an_unknown_path_is_refused(service) -> None:
    client = websocket_test_client(service)
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/api/v1/elsewhere"):
        pass


def test_tokens_come_from_a_json_or_yaml_file(tmp_path) -> None:
    (tmp_path / "tokens.json").write_text(
        json.dumps({"t-json": {"user_id": "u1", "org_id": "o1", "role": "admin"}})
    )
    (tmp_path / "tokens.yaml").write_text("t-yaml:\n  user_id: u2\n  org_id: o2\n  role: member\n")
    assert load_tokens(tmp_path / "tokens.json")["t-json"].is_admin
    assert load_tokens(str(tmp_path / "tokens.yaml"))["t-yaml"].org_id == "o2"
    service = ReferenceService(tokens=tmp_path / "tokens.yaml")
    client = checked_client(service, "t-yaml")
    assert client.get("/api/v1/roleplays/leaderboard").status_code == 200
    assert checked_client(service, MEMBER).get("/api/v1/roleplays/leaderboard").status_code == 401


@pytest.mark.parametrize(
    "entry",
    [
        {"user_id": "", "org_id": "o", "role": "member"},
        {"user_id": "u", "org_id": "o", "role": "owner"},
        {"user_id": "u", "org_id": "bad org", "role": "member"},
        "not-a-mapping",
    ],
)
def test_invalid_token_entries_are_refused_at_start(entry) -> None:
    with pytest.raises(ValueError):
        load_tokens({"token": entry})
