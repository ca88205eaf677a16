"""Assignments: many at once, filtered and paged listing, soft unassign, bulk results."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roleplay_reference import ProblemError, ReferenceService
from roleplay_reference.testing import checked_client

MEMBER, MEMBER_2, ADMIN, OTHER_ADMIN = (
    "dev-member-token",
    "dev-member-2-token",
    "dev-admin-token",
    "dev-other-admin-token",
)
ASSIGNMENTS, UNASSIGN, BULK = (
    "/api/v1/roleplays/assignments",
    "/api/v1/roleplays/assignments/unassign",
    "/api/v1/roleplays/results:bulk",
)
SCENARIO = {
    "title": "Renewal call with an at-risk customer",
    "brief": "Renew a customer whose usage dropped 40%; they are evaluating a competitor.",
    "persona_id": "john",
    "duration_minutes": 15,
    "roleplay_type": "customer_success",
    "metadata": {"conversation_type": "renewal"},
}


@pytest.fixture
def service() -> ReferenceService:
    return ReferenceService()


@pytest.fixture
def admin(service: ReferenceService):
    return checked_client(service, ADMIN)


def create(admin, *assignees: dict, due_at: str | None = None) -> list[dict]:
    body: dict = {"assignees": list(assignees), "scenario": SCENARIO}
    if due_at:
        body["due_at"] = due_at
    response = admin.post(ASSIGNMENTS, json=body)
    assert response.status_code == 201, response.text
    return list(response.json()["assignments"])


def ids(items: list[dict]) -> list[str]:
    return [a["assignment_id"] for a in items]


def test_one_assignment_per_assignee_in_request_order(admin, service) -> None:
    people = [
        {"email": "priya@example.com"},
        {"user_id": "user_456"},
        {"email": "a@b.c", "user_id": "u9"},
    ]
    created = create(admin, *people, due_at="2026-12-06T17:00:00Z")
    assert [(a["email"], a["user_id"]) for a in created] == [
        ("priya@example.com", None),
        (None, "user_456"),
        ("a@b.c", "u9"),
    ]
    assert all(a["status"] == "assigned" and a["session_id"] is None for a in created)
    assert all(a["scenario"] == SCENARIO and a["org_id"] == "growqr" for a in created)
    assert all(a["due_at"] == "2026-12-06T17:00:00Z" for a in created)
    assert len(set(ids(created))) == 3
    assert service.count_assignments("growqr") == 3


def test_invalid_assignees_are_422(admin) -> None:
    for assignees in ([], [{}], [{"email": "not-an-email"}], [{"name": "x"}]):
        response = admin.post(ASSIGNMENTS, json={"assignees": assignees, "scenario": SCENARIO})
        assert response.status_code == 422, assignees


def test_list_newest_first_with_filters(admin) -> None:
    first = create(admin, {"email": "Priya@Example.com"}, {"user_id": "user_456"})
    second = create(admin, {"email": "sam@example.com"})
    everything = admin.get(ASSIGNMENTS).json()
    assert ids(everything["items"]) == ids(second) + ids(first)[::-1]
    assert everything["next_cursor"] is None
    by_email = admin.get(ASSIGNMENTS, params={"email": "priya@EXAMPLE.com"}).json()["items"]
    assert ids(by_email) == [first[0]["assignment_id"]]
    admin.post(UNASSIGN, json={"assignment_ids": [first[1]["assignment_id"]]})
    unassigned = admin.get(ASSIGNMENTS, params={"status": "unassigned"}).json()["items"]
    assert ids(unassigned) == [first[1]["assignment_id"]]
    assigned = admin.get(ASSIGNMENTS, params={"status": "assigned", "limit": 1}).json()
    assert ids(assigned["items"]) == ids(second)
    assert assigned["next_cursor"]


def test_members_see_only_their_own_assignments(service, admin) -> None:
    mine_by_email = create(admin, {"email": "USER_123@example.com"})
    mine_by_id = create(admin, {"user_id": "user_123"})
    create(admin, {"user_id": "user_456"}, {"email": "someone@example.com"})
    member = checked_client(service, MEMBER)
    assert ids(member.get(ASSIGNMENTS).json()["items"]) == ids(mine_by_id) + ids(mine_by_email)
    assert len(checked_client(service, MEMBER_2).get(ASSIGNMENTS).json()["items"]) == 1


def read_all(client, page_size: int, **filters: str) -> list[dict]:
    items: list[dict] = []
    cursor = None
    for _ in range(100):
        params = {"limit": page_size, **filters} | ({"cursor": cursor} if cursor else {})
        page = client.get(ASSIGNMENTS, params=params).json()
        assert len(page["items"]) <= page_size
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
        assert page["items"], "a page that promises more is never empty"
    raise AssertionError("paging did not end")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batches=st.lists(st.integers(1, 6), min_size=0, max_size=5), page_size=st.integers(1, 7))
def test_paging_returns_everything_once_newest_first(batches: list[int], page_size: int) -> None:
    admin = checked_client(ReferenceService(), ADMIN)
    created: list[str] = []
    for size in batches:
        created += ids(
            create(admin, *({"email": f"p{len(created) + i}@x.io"} for i in range(size)))
        )
    listed = ids(read_all(admin, page_size))
    assert listed == created[::-1]


def test_a_cursor_is_a_position_every_value_of_its_pattern_is_accepted(service, admin) -> None:
    mine = ids(create(admin, *({"user_id": "user_123"} for _ in range(3))))
    page = admin.get(ASSIGNMENTS, params={"limit": 1}).json()
    assert ids(page["items"]) == mine[-1:]
    cursor = page["next_cursor"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", cursor)
    rest = admin.get(ASSIGNMENTS, params={"limit": 10, "cursor": cursor}).json()
    assert ids(rest["items"]) == mine[1::-1] and rest["next_cursor"] is None
    # With other filters (or another caller) the same position answers their items after it.
    filtered = admin.get(ASSIGNMENTS, params={"status": "unassigned", "cursor": cursor})
    assert (filtered.status_code, filtered.json()["items"]) == (200, [])
    member = checked_client(service, MEMBER).get(ASSIGNMENTS, params={"cursor": cursor})
    assert ids(member.json()["items"]) == mine[1::-1]
    other = checked_client(service, OTHER_ADMIN).get(ASSIGNMENTS, params={"cursor": cursor})
    assert (other.status_code, other.json()["items"]) == (200, [])
    # A made-up cursor is some position, never an error; one off the pattern is a 422.
    for made_up in ("0", "abc", "zz-_", "A" * 64, "_" * 64):
        assert admin.get(ASSIGNMENTS, params={"cursor": made_up}).status_code == 200
    for off_pattern in ("MTIzOg==", "a b", "A" * 65, "é"):
        assert admin.get(ASSIGNMENTS, params={"cursor": off_pattern}).status_code == 422


def test_unassign_is_soft_idempotent_and_reports_not_found(service, admin) -> None:
    created = create(admin, {"email": "priya@example.com"}, {"user_id": "user_456"})
    foreign = create(checked_client(service, OTHER_ADMIN), {"email": "x@acme.example"})
    target = created[0]["assignment_id"]
    requested = [target, "asg_unknown", foreign[0]["assignment_id"]]
    first = admin.post(UNASSIGN, json={"assignment_ids": requested, "reason": "Moved team"})
    assert first.status_code == 200
    body = first.json()
    assert body["not_found"] == ["asg_unknown", foreign[0]["assignment_id"]]
    assert [(a["assignment_id"], a["status"]) for a in body["assignments"]] == [
        (target, "unassigned")
    ]
    assert body["assignments"][0]["created_at"] == created[0]["created_at"]
    again = admin.post(UNASSIGN, json={"assignment_ids": [target]}).json()
    assert again["assignments"] == body["assignments"]
    assert service.count_assignments("growqr") == 2
    assert service.count_assignments("growqr", "unassigned") == 1
    assert service.count_assignments("acme", "assigned") == 1
    listed = admin.get(ASSIGNMENTS).json()["items"]
    assert {a["assignment_id"]: a["status"] for a in listed} == {
        target: "unassigned",
        created[1]["assignment_id"]: "assigned",
    }


def test_duplicate_or_too_many_ids_are_422(admin) -> None:
    assert admin.post(BULK, json={"assignment_ids": ["asg_1", "asg_1"]}).status_code == 422
    too_many = [f"asg_{i}" for i in range(101)]
    assert admin.post(BULK, json={"assignment_ids": too_many}).status_code == 422
    assert admin.post(UNASSIGN, json={"assignment_ids": []}).status_code == 422


def test_bulk_results_answer_each_requested_id_once_in_order(service, admin) -> None:
    created = ids(create(admin, *({"email": f"p{i}@x.io"} for i in range(60))))
    requested = [*created[:50:-1], "asg_missing_1", *created[:40], "asg_missing_2"]
    requested = requested[:100]
    response = admin.post(BULK, json={"assignment_ids": requested})
    results = response.json()["results"]
    assert [r["assignment_id"] for r in results] == requested
    for result in results:
        found = not result["assignment_id"].startswith("asg_missing")
        assert result["found"] is found
        assert (result["assignment"] is not None) is found
        assert result["review"] is None
        if found:
            assert result["assignment"]["assignment_id"] == result["assignment_id"]


def configure_for(client, assignment_id: str, user_id: str = "user_123", path: str = "") -> dict:
    body = {
        "user_id": user_id,
        "persona_id": "john",
        "duration_minutes": 15,
        "roleplay_type": "customer_success",
        "brief": SCENARIO["brief"],
        "metadata": {"assignment_id": assignment_id, "source": "assignment"},
    }
    response = client.post(path or "/api/v1/roleplays/configure", json=body)
    assert response.status_code == 201
    return dict(response.json())


def test_a_session_with_metadata_assignment_id_works_on_the_assignment(service, admin) -> None:
    assignment = create(admin, {"user_id": "user_123"})[0]
    member = checked_client(service, MEMBER)
    session = configure_for(member, assignment["assignment_id"])
    bulk = admin.post(BULK, json={"assignment_ids": [assignment["assignment_id"]]}).json()[
        "results"
    ][0]
    assert bulk["assignment"]["status"] == "in_progress"
    assert bulk["assignment"]["session_id"] == session["session_id"]
    assert bulk["review"]["status"] == "pending" and bulk["review"]["scores"] is None

    service.complete_session(
        session["session_id"], turns=["Thanks for your time. What would 20% off do?"]
    )
    bulk = admin.post(BULK, json={"assignment_ids": [assignment["assignment_id"]]}).json()[
        "results"
    ][0]
    assert bulk["assignment"]["status"] == "completed"
    assert bulk["review"]["status"] == "completed"
    assert bulk["review"]["scores"]["overall"] > 0
    assert (
        member.get(ASSIGNMENTS, params={"status": "completed"}).json()["items"][0]["session_id"]
        == session["session_id"]
    )


def test_only_the_assignee_or_an_admin_links_an_open_assignment(service, admin) -> None:
    theirs = create(admin, {"user_id": "user_456"})[0]["assignment_id"]
    configure_for(checked_client(service, MEMBER), theirs)
    closed = create(admin, {"user_id": "user_123"})[0]["assignment_id"]
    admin.post(UNASSIGN, json={"assignment_ids": [closed]})
    configure_for(
        checked_client(service, MEMBER), closed, path="/api/v1/roleplays/configure/preview"
    )
    states = {
        a["assignment_id"]: (a["status"], a["session_id"])
        for a in admin.get(ASSIGNMENTS).json()["items"]
    }
    assert states == {theirs: ("assigned", None), closed: ("unassigned", None)}
    session = configure_for(admin, theirs, user_id="user_456")
    states = {
        a["assignment_id"]: (a["status"], a["session_id"])
        for a in admin.get(ASSIGNMENTS).json()["items"]
    }
    assert states[theirs] == ("in_progress", session["session_id"])


def test_the_control_api_starts_an_assignment_for_its_assignee(service, admin) -> None:
    assignment = create(admin, {"email": "user_123@example.com"})[0]
    session = service.start_assignment(assignment["assignment_id"])
    assert session["status"] == "active"
    assert session["websocket_url"].startswith("ws://testserver/")
    member = checked_client(service, MEMBER)
    assert (
        member.get(f"/api/v1/roleplays/review/{session['session_id']}").json()["status"]
        == "pending"
    )
    service.complete_session(session["session_id"])
    listed = member.get(ASSIGNMENTS).json()["items"]
    assert [(a["status"], a["session_id"]) for a in listed] == [
        ("completed", session["session_id"])
    ]
    with pytest.raises(ProblemError) as finished:
        service.start_assignment(assignment["assignment_id"])
    assert finished.value.status == 409
