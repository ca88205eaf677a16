"""Session life cycle: preview -> draft -> edit -> approve -> active -> practice -> review."""

from __future__ import annotations

import json

import pytest

from roleplay_reference import ProblemError, ReferenceService
from roleplay_reference.testing import checked_client, websocket_test_client

MEMBER, ADMIN = "dev-member-token", "dev-admin-token"
PREVIEW, CONFIGURE = "/api/v1/roleplays/configure/preview", "/api/v1/roleplays/configure"
QUESTIONS, APPROVE = "/api/v1/roleplays/configure/questions", "/api/v1/roleplays/configure/approve"

SALARY = {
    "user_id": "user_123",
    "org_id": "growqr",
    "persona_id": "emma",
    "duration_minutes": 15,
    "roleplay_type": "custom",
    "brief": (
        "Goal: negotiate a senior PM offer at Acme from 150k to 170k base. Counterpart: the "
        "recruiter. Stakes: the offer expires Friday. Likely objections: fixed budget band, "
        "equity instead of cash. Desired outcome: 165k+ base or a signing bonus."
    ),
    "metadata": {
        "target_role": "Senior Product Manager",
        "company": "Acme",
        "difficulty": "medium",
        "conversation_type": "salary_negotiation",
        "source": "grow_agent",
    },
    "qscore": {"q_score": 72.5},
}


@pytest.fixture
def service() -> ReferenceService:
    return ReferenceService()


@pytest.fixture
def client(service: ReferenceService):
    return checked_client(service, MEMBER)


def preview(client, **changes: object) -> dict:
    response = client.post(PREVIEW, json={**SALARY, **changes})
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_preview_creates_a_draft_that_is_never_live(client) -> None:
    response = client.post(PREVIEW, json=SALARY)
    draft = response.json()
    assert draft["status"] == "draft"
    assert draft["needs_approval"] is True
    assert "websocket_url" not in draft and "frontend_url" not in draft
    assert draft["session_id"].startswith("rps_") and draft["scenario_id"].startswith("scn_")
    assert response.headers["location"].endswith(f"/api/v1/roleplays/review/{draft['session_id']}")


def test_preview_content_is_derived_from_the_request(client) -> None:
    draft = preview(client)
    scenario = draft["scenario"]
    assert scenario["title"] == "Salary negotiation: Senior Product Manager at Acme"
    assert scenario["counterpart"] == "The recruiter at Acme"
    assert scenario["goal"] == "negotiate a senior PM offer at Acme from 150k to 170k base"
    assert scenario["stakes"] == "the offer expires Friday"
    assert scenario["likely_objections"] == ["Fixed budget band", "Equity instead of cash"]
    assert scenario["desired_outcome"] == "165k+ base or a signing bonus"
    assert (scenario["persona_id"], scenario["duration_minutes"], scenario["roleplay_type"]) == (
        "emma",
        15,
        "custom",
    )
    assert "Raise the objection: Fixed budget band." in draft["prompt_outline"]
    assert "salary negotiation" in draft["opening_prompt"]
    assert draft["qscore_context"]["q_score"] == 72.5
    assert "Goal: negotiate a senior PM offer" in draft["candidate_brief"]


def test_the_same_request_yields_the_same_content_but_a_new_session(client) -> None:
    first, second = preview(client), preview(client)
    assert first["session_id"] != second["session_id"]
    for key in ("scenario_id", "opening_prompt", "prompt_outline", "scenario", "candidate_brief"):
        assert first[key] == second[key]
    other = preview(client, persona_id="john")
    assert other["scenario_id"] != first["scenario_id"]
    assert other["scenario"]["persona_id"] == "john"


def test_qscore_context_is_null_without_a_qscore(client) -> None:
    body = {k: v for k, v in SALARY.items() if k != "qscore"}
    response = client.post(PREVIEW, json=body)
    assert response.json()["qscore_context"] is None


@pytest.mark.parametrize("roleplay_type", ["sales", "customer_success", "support", "custom"])
def test_an_unlabelled_brief_still_gives_a_complete_scenario(client, roleplay_type: str) -> None:
    body = {
        "user_id": "user_123",
        "persona_id": "payal",
        "duration_minutes": 5,
        "roleplay_type": roleplay_type,
        "brief": "Practise this. Then more.",
    }
    draft = client.post(PREVIEW, json=body).json()
    assert draft["scenario"]["goal"] == "Practise this"
    assert draft["scenario"]["stakes"] is None and draft["scenario"]["desired_outcome"] is None
    assert len(draft["scenario"]["likely_objections"]) == 2
    assert draft["prompt_outline"] and draft["opening_prompt"]


def test_questions_edit_only_a_draft(client) -> None:
    draft = preview(client)
    prompts = [
        "Open by asking what budget range the hiring manager has approved.",
        "Counter with 170k.",
    ]
    edited = client.post(QUESTIONS, json={"session_id": draft["session_id"], "prompts": prompts})
    assert edited.status_code == 200
    assert edited.json()["prompt_outline"] == prompts
    assert edited.json()["opening_prompt"] == draft["opening_prompt"]
    again = client.post(
        QUESTIONS,
        json={"session_id": draft["session_id"], "prompts": prompts, "opening_prompt": "So?"},
    )
    assert again.json()["opening_prompt"] == "So?"
    assert again.json()["status"] == "draft"


def test_approve_turns_a_draft_into_an_active_session_with_live_urls(client) -> None:
    draft = preview(client)
    client.post(QUESTIONS, json={"session_id": draft["session_id"], "prompts": ["Only this."]})
    response = client.post(APPROVE, json={"session_id": draft["session_id"]})
    assert response.status_code == 200
    active = response.json()
    assert (active["status"], active["needs_approval"]) == ("active", False)
    assert (
        active["websocket_url"] == f"ws://localhost/api/v1/roleplays/session/{draft['session_id']}"
    )
    assert active["frontend_url"] == f"http://localhost/roleplay/{draft['session_id']}"
    assert active["prompt_outline"] == ["Only this."]
    assert active["created_at"] == draft["created_at"]


def test_wrong_transitions_are_409_problems(client) -> None:
    draft = preview(client)
    client.post(APPROVE, json={"session_id": draft["session_id"]})
    twice = client.post(APPROVE, json={"session_id": draft["session_id"]})
    assert twice.status_code == 409
    assert twice.json()["detail"].startswith(
        f"Session {draft['session_id']} is active, not a draft"
    )
    edit = client.post(QUESTIONS, json={"session_id": draft["session_id"], "prompts": ["Late"]})
    assert edit.status_code == 409
    configured = client.post(CONFIGURE, json=SALARY).json()
    assert client.post(APPROVE, json={"session_id": configured["session_id"]}).status_code == 409


def test_configure_creates_an_active_session_directly(client) -> None:
    response = client.post(CONFIGURE, json=SALARY)
    assert response.status_code == 201
    session = response.json()
    assert (session["status"], session["needs_approval"]) == ("active", False)
    assert session["websocket_url"].startswith("ws://localhost/api/v1/roleplays/session/rps_")


def test_public_base_url_shapes_every_absolute_url() -> None:
    service = ReferenceService(public_base_url="https://roleplay.example.com/")
    session = checked_client(service, MEMBER).post(CONFIGURE, json=SALARY).json()
    assert session["websocket_url"].startswith(
        "wss://roleplay.example.com/api/v1/roleplays/session/"
    )
    assert session["frontend_url"].startswith("https://roleplay.example.com/roleplay/")


def test_the_review_is_pending_without_any_score_until_completion(client) -> None:
    for session in (preview(client), client.post(CONFIGURE, json=SALARY).json()):
        review = client.get(f"/api/v1/roleplays/review/{session['session_id']}").json()
        assert review == {
            "session_id": session["session_id"],
            "status": "pending",
            "scores": None,
            "feedback": None,
            "recommendations": [],
            "completed_at": None,
        }


def practise(service: ReferenceService, session_id: str, lines: list[str], token: str = MEMBER):
    received = []
    client = websocket_test_client(service)
    with client.websocket_connect(f"/api/v1/roleplays/session/{session_id}?token={token}") as ws:
        for line in lines:
            ws.send_text(json.dumps({"type": "turn", "text": line}))
            received.append(ws.receive_json())
        ws.send_text(json.dumps({"type": "end"}))
        received.append(ws.receive_json())
        closing = ws.receive()
    return received, closing


LINES = [
    "Thanks for the offer, I appreciate it.",
    "Based on market data I am looking for 170k base.",
    "Maybe we could just meet at 165k?",
]


def test_live_practice_records_turns_answers_them_and_completes_the_session(
    service, client
) -> None:
    session = client.post(CONFIGURE, json=SALARY).json()
    received, closing = practise(service, session["session_id"], LINES)
    assert [m["type"] for m in received] == ["turn", "turn", "turn", "ended"]
    assert all(m["speaker"] == "counterpart" and m["text"] for m in received[:3])
    assert received[1]["text"].startswith("That is a specific number.")
    assert received[3] == {
        "type": "ended",
        "session_id": session["session_id"],
        "status": "completed",
    }
    assert closing == {"type": "websocket.close", "code": 1000, "reason": ""}
    turns = service.session_turns(session["session_id"])
    assert [t["speaker"] for t in turns] == ["person", "counterpart"] * 3
    assert [t["text"] for t in turns[::2]] == LINES

    review = client.get(f"/api/v1/roleplays/review/{session['session_id']}").json()
    assert review["status"] == "completed" and review["completed_at"]
    categories = {c["name"]: c["score"] for c in review["scores"]["categories"]}
    assert categories["Anchoring"] == pytest.approx(80.0)  # 2 of 3 turns name a number
    assert categories["Confidence"] == 70.0  # "maybe" and "just"
    assert review["scores"]["overall"] == round(sum(categories.values()) / 5, 1)
    assert review["feedback"]["better_phrasing"][0]["original"] == LINES[2]
    assert review["feedback"]["better_phrasing"][0]["suggested"] == "We could meet at 165k?"
    assert review["feedback"]["likely_pushback"] == ["Fixed budget band", "Equity instead of cash"]
    assert review["recommendations"]


def test_the_review_is_a_function_of_the_turns(service, client) -> None:
    reviews = []
    for _ in range(2):
        session = client.post(CONFIGURE, json=SALARY).json()
        practise(service, session["session_id"], LINES)
        review = client.get(f"/api/v1/roleplays/review/{session['session_id']}").json()
        reviews.append({k: review[k] for k in ("scores", "feedback", "recommendations")})
    assert reviews[0] == reviews[1]


def test_only_active_sessions_accept_live_practice(service, client) -> None:
    draft = preview(client)
    code = websocket_test_client(service)
    with code.websocket_connect(
        f"/api/v1/roleplays/session/{draft['session_id']}?token={MEMBER}"
    ) as ws:
        assert ws.receive()["code"] == 4409
    session = client.post(CONFIGURE, json=SALARY).json()
    practise(service, session["session_id"], ["One line."])
    with code.websocket_connect(
        f"/api/v1/roleplays/session/{session['session_id']}?token={MEMBER}"
    ) as ws:
        assert ws.receive()["code"] == 4409


def test_live_practice_answers_bad_messages_without_recording_them(service, client) -> None:
    session = client.post(CONFIGURE, json=SALARY).json()
    ws_client = websocket_test_client(service)
    with ws_client.websocket_connect(
        f"/api/v1/roleplays/session/{session['session_id']}?token={MEMBER}"
    ) as ws:
        for bad in (
            "not json",
            json.dumps({"type": "dance"}),
            json.dumps({"type": "turn", "text": " "}),
        ):
            ws.send_text(bad)
            assert ws.receive_json()["type"] == "error"
        ws.send_bytes(b"\x00\x01")
        assert ws.receive_json()["type"] == "error"
    assert service.session_turns(session["session_id"]) == []
    assert (
        client.get(f"/api/v1/roleplays/review/{session['session_id']}").json()["status"]
        == "pending"
    )


def test_the_control_api_completes_a_session_with_the_review_a_test_wants(service, client) -> None:
    session = client.post(CONFIGURE, json=SALARY).json()
    scores = {"overall": 91.5, "categories": [{"name": "Anchoring", "score": 95, "comment": None}]}
    returned = service.complete_session(
        session["session_id"], review={"scores": scores, "recommendations": ["Keep going."]}
    )
    review = client.get(f"/api/v1/roleplays/review/{session['session_id']}").json()
    assert review == returned
    assert review["scores"] == scores
    assert review["recommendations"] == ["Keep going."]
    assert review["feedback"]["summary"].startswith("No turns were recorded")


def test_the_control_api_refuses_what_the_spec_would_not_allow(service, client) -> None:
    draft = preview(client)
    with pytest.raises(ProblemError) as not_active:
        service.complete_session(draft["session_id"])
    assert not_active.value.status == 409
    with pytest.raises(ProblemError) as unknown:
        service.complete_session("rps_nope")
    assert unknown.value.status == 404
    session = client.post(CONFIGURE, json=SALARY).json()
    with pytest.raises(ProblemError) as invalid:
        service.complete_session(session["session_id"], review={"scores": {"overall": 101}})
    assert invalid.value.status == 422
    assert {e.field for e in invalid.value.errors} >= {"/scores/overall", "/scores/categories"}
    assert (
        client.get(f"/api/v1/roleplays/review/{session['session_id']}").json()["status"]
        == "pending"
    )


def complete_with(
    service, client, overall: float, roleplay_type: str = "custom", token=MEMBER
) -> str:
    body = {**SALARY, "roleplay_type": roleplay_type}
    session_id = str(checked_client(service, token).post(CONFIGURE, json=body).json()["session_id"])
    service.complete_session(session_id, review={"scores": {"overall": overall, "categories": []}})
    return session_id


def test_the_leaderboard_ranks_completed_reviews_best_first(service, client) -> None:
    low = complete_with(service, client, 40)
    top = complete_with(service, client, 90)
    tie_first = complete_with(service, client, 70, "sales", ADMIN)  # an admin, for user_123
    tie_second = complete_with(service, client, 70)
    preview(client)
    client.post(CONFIGURE, json=SALARY)  # active, not completed: absent
    entries = client.get("/api/v1/roleplays/leaderboard").json()["entries"]
    assert [e["session_id"] for e in entries] == [top, tie_first, tie_second, low]
    assert [e["rank"] for e in entries] == [1, 2, 3, 4]
    assert entries[0]["display_name"] == "Priya" and entries[0]["overall_score"] == 90
    assert entries[1]["user_id"] == "user_123"
    limited = client.get("/api/v1/roleplays/leaderboard?limit=2").json()["entries"]
    assert [e["session_id"] for e in limited] == [top, tie_first]
    sales = client.get("/api/v1/roleplays/leaderboard?roleplay_type=sales").json()["entries"]
    assert [(e["session_id"], e["rank"]) for e in sales] == [(tie_first, 1)]


def test_a_restarted_service_on_the_same_file_has_lost_nothing(tmp_path) -> None:
    db = str(tmp_path / "roleplay.db")
    first = ReferenceService(db_path=db)
    client = checked_client(first, MEMBER)
    draft = client.post(PREVIEW, json=SALARY).json()
    active = client.post(CONFIGURE, json=SALARY).json()
    practise(first, active["session_id"], LINES)
    replay_key = {"Idempotency-Key": "restart-key-0001"}
    kept = client.post(CONFIGURE, json=SALARY, headers=replay_key).json()
    assigned = checked_client(first, ADMIN).post(
        "/api/v1/roleplays/assignments",
        json={
            "assignees": [{"user_id": "user_123"}],
            "scenario": {
                k: SALARY[k] for k in ("brief", "persona_id", "duration_minutes", "roleplay_type")
            }
            | {"title": "Offer call"},
        },
    )
    review_before = client.get(f"/api/v1/roleplays/review/{active['session_id']}").json()
    first.close()

    second = ReferenceService(db_path=db)
    client = checked_client(second, MEMBER)
    assert second.count_sessions() == 3
    assert client.get(f"/api/v1/roleplays/review/{active['session_id']}").json() == review_before
    assert client.post(APPROVE, json={"session_id": draft["session_id"]}).status_code == 200
    replayed = client.post(CONFIGURE, json=SALARY, headers=replay_key)
    assert replayed.headers["idempotent-replayed"] == "true"
    assert replayed.json() == kept
    assert second.count_sessions() == 3
    listed = checked_client(second, ADMIN).get("/api/v1/roleplays/assignments").json()["items"]
    assert listed == assigned.json()["assignments"]
    assert len(second.session_turns(active["session_id"])) == 6
    second.close()
