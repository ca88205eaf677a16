"""Semantic contract checks: what the schema cannot say, as plain functions of a Target.

Each check drives the public HTTP API (never a service's internals) and raises AssertionError
when the target breaks the contract, so the same function runs in the suite (in-process or
against a deployment) and in the self-check against the broken variants. A check that needs
a token or the control surface the target lacks skips itself.

`answer_problems` holds the rules every answer obeys; `answer_invariants_hook` applies them to
each JSON answer a target's client receives, so every check also enforces them.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest

from . import _api as api
from ._api import expect, expect_problem
from ._target import Target, Unsupported

Check = Callable[[Target], None]

#: The smallest body the upload URL takes as WebM: the EBML magic of its header.
WEBM_HEAD = b"\x1a\x45\xdf\xa3"

#: Operations that need an organization admin.
ADMIN_OPERATIONS = frozenset({"createAssignments", "unassignAssignments", "bulkAssignmentResults"})

#: name -> check, in definition order.
SEMANTIC_CHECKS: dict[str, Check] = {}


def semantic_check(function: Check) -> Check:
    SEMANTIC_CHECKS[function.__name__] = function
    return function


# ---------- rules of every answer ----------


def _walk(document: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(document, dict):
        yield path or "/", document
        for key, value in document.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _walk(value, f"{path}/{index}")


def answer_problems(document: Any) -> list[str]:
    """Every way `document` breaks a rule that holds for all answers.

    * no duration of 10 minutes: durations are exactly 5, 15 or 30;
    * no score before completion: a pending review has null scores, feedback and
      completed_at, and no recommendations.
    """
    found = []
    for path, node in _walk(document):
        if node.get("duration_minutes") == 10:
            found.append(f"{path}: duration_minutes is 10")
        if node.get("status") == "pending" and "scores" in node:
            for key in ("scores", "feedback", "completed_at"):
                if node.get(key) is not None:
                    found.append(f"{path}: a pending review has {key} {node[key]!r}")
            if node.get("recommendations"):
                found.append(f"{path}: a pending review has recommendations")
    return found


def answer_invariants_hook(response: httpx.Response) -> None:
    """httpx response hook: fail the call whose JSON answer breaks `answer_problems`."""
    if "json" not in response.headers.get("content-type", ""):
        return
    try:
        document = response.json()
    except ValueError:
        return
    found = answer_problems(document)
    assert not found, f"{api.describe(response)}\nbreaks the contract: " + "; ".join(found)


# ---------- session life cycle ----------


@semantic_check
def preview_never_activates(target: Target) -> None:
    """A preview is a draft: not live, no recording, review pending, still editable."""
    client = target.client(target.api_token)
    draft = api.create_draft(target)
    session_id = draft["session_id"]
    assert draft["status"] == "draft", f"preview answered status {draft['status']!r}"
    assert draft["needs_approval"] is True, "a preview must need approval"
    assert draft.get("websocket_url") is None, "a draft must not offer live practice"
    review = expect(client.get(api.review_path(session_id)), 200)
    assert review["status"] == "pending", f"a draft's review is {review['status']!r}"
    expect_problem(client.post(api.upload_url_path(session_id), json={}), 409)
    edited = expect(
        client.post(api.QUESTIONS, json={"session_id": session_id, "prompts": ["Ask for 170k."]}),
        200,
    )
    assert edited["status"] == "draft", "editing a draft must not activate it"
    assert edited["needs_approval"] is True


def _assert_active(session: dict[str, Any], session_id: str | None = None) -> None:
    if session_id is not None:
        assert session["session_id"] == session_id, "the session changed its id"
    assert session["status"] == "active", f"expected an active session, got {session['status']!r}"
    assert session["needs_approval"] is False, "an active session needs no approval"
    websocket_url = session.get("websocket_url")
    assert isinstance(websocket_url, str), "an active session must answer its websocket_url"
    api.assert_absolute_url(websocket_url, ("ws", "wss"))
    if session.get("frontend_url") is not None:
        api.assert_absolute_url(session["frontend_url"], ("http", "https"))


@semantic_check
def configure_returns_active_session(target: Target) -> None:
    """configureRoleplay starts at once: active, no approval needed, a live-practice URL."""
    session = api.create_active(target)
    _assert_active(session)
    assert session["session_id"] in session["websocket_url"]


@semantic_check
def approve_returns_active_session(target: Target) -> None:
    """approveRoleplay turns the same draft into an active session with a live-practice URL."""
    draft = api.create_draft(target)
    client = target.client(target.api_token)
    session = expect(client.post(api.APPROVE, json={"session_id": draft["session_id"]}), 200)
    _assert_active(session, draft["session_id"])
    assert session["scenario_id"] == draft["scenario_id"], "approval changed the scenario"


@semantic_check
def only_drafts_can_be_edited_or_approved(target: Target) -> None:
    """Approving or editing anything but a draft is a 409; an unknown session a 404."""
    client = target.client(target.api_token)
    draft = api.create_draft(target)
    approved = {"session_id": draft["session_id"]}
    expect(client.post(api.APPROVE, json=approved), 200)
    prompts = {"prompts": ["Open with the number."]}
    expect_problem(client.post(api.APPROVE, json=approved), 409)
    expect_problem(client.post(api.QUESTIONS, json={**approved, **prompts}), 409)
    active = {"session_id": api.create_active(target)["session_id"]}
    expect_problem(client.post(api.APPROVE, json=active), 409)
    expect_problem(client.post(api.QUESTIONS, json={**active, **prompts}), 409)
    unknown = {"session_id": api.unique("rps_missing")}
    expect_problem(client.post(api.APPROVE, json=unknown), 404)
    expect_problem(client.post(api.QUESTIONS, json={**unknown, **prompts}), 404)


@semantic_check
def edited_questions_are_kept(target: Target) -> None:
    """updateRoleplayQuestions replaces the outline, and approval keeps the edit."""
    client = target.client(target.api_token)
    draft = api.create_draft(target)
    prompts = ["Ask what budget range is approved.", "Counter with 170k and justify it."]
    body = {"session_id": draft["session_id"], "prompts": prompts, "opening_prompt": "Hi there."}
    edited = expect(client.post(api.QUESTIONS, json=body), 200)
    assert edited["prompt_outline"] == prompts, f"outline not replaced: {edited['prompt_outline']}"
    assert edited["opening_prompt"] == "Hi there."
    again = expect(client.post(api.QUESTIONS, json=body), 200)
    assert again["prompt_outline"] == prompts, "repeating the same edit must be harmless"
    session = expect(client.post(api.APPROVE, json={"session_id": draft["session_id"]}), 200)
    assert session["prompt_outline"] == prompts, "approval lost the edited prompts"


# ---------- durations and scores ----------


@semantic_check
def duration_10_is_refused_and_never_answered(target: Target) -> None:
    """duration_minutes is exactly 5, 15 or 30: 10 is a 422 naming the field, never an answer."""
    client = target.client(target.api_token)
    for path in (api.PREVIEW, api.CONFIGURE):
        problem = expect_problem(
            client.post(path, json=api.configure_body(target, duration_minutes=10)), 422
        )
        fields = " ".join(str(e.get("field", "")) for e in problem.get("errors") or [])
        assert "duration_minutes" in fields, f"the 422 must name duration_minutes: {problem}"
    for minutes in (5, 15, 30):
        draft = api.create_draft(target, duration_minutes=minutes)
        if draft["scenario"] is not None:
            assert draft["scenario"]["duration_minutes"] == minutes, (
                f"asked for {minutes} minutes, the scenario says {draft['scenario']}"
            )


@semantic_check
def no_score_before_completion(target: Target) -> None:
    """A review is pending with no scores until the session completes; then it is scored."""
    client = target.client(target.api_token)
    session = api.create_active(target, roleplay_type="support")
    session_id = session["session_id"]
    review = expect(client.get(api.review_path(session_id)), 200)
    assert review["status"] == "pending", f"an active session's review is {review['status']!r}"
    assert review["scores"] is None and review["feedback"] is None
    assert review["completed_at"] is None and review["recommendations"] == []
    board = expect(client.get(api.LEADERBOARD, params={"limit": 100}), 200)
    assert session_id not in {e["session_id"] for e in board["entries"]}, (
        "a session that was never completed is on the leaderboard"
    )
    control = target.require_control()
    scores = {"overall": 87.5, "categories": [{"name": "Empathy", "score": 90, "comment": None}]}
    control.complete_session(session_id, {"scores": scores, "recommendations": ["Slow down."]})
    review = expect(client.get(api.review_path(session_id)), 200)
    assert review["status"] == "completed", f"a completed session's review is {review['status']}"
    assert review["scores"]["overall"] == 87.5, f"the review lost its scores: {review}"
    assert review["completed_at"] is not None
    assert review["recommendations"] == ["Slow down."]


@semantic_check
def leaderboard_ranks_completed_reviews(target: Target) -> None:
    """Completed reviews only, highest overall first, at most `limit`, filtered by type."""
    control = target.require_control()
    client = target.client(target.api_token)
    mine = {}
    for overall in (99.5, 12.5):
        session = api.create_active(target, roleplay_type="sales")
        control.complete_session(
            session["session_id"], {"scores": {"overall": overall, "categories": []}}
        )
        mine[session["session_id"]] = overall
    board = expect(
        client.get(api.LEADERBOARD, params={"limit": 100, "roleplay_type": "sales"}), 200
    )
    entries = board["entries"]
    assert len(entries) <= 100
    assert all(e["roleplay_type"] == "sales" for e in entries), "roleplay_type filter ignored"
    scores = [e["overall_score"] for e in entries]
    assert scores == sorted(scores, reverse=True), f"not highest first: {scores}"
    assert [e["rank"] for e in entries] == list(range(1, len(entries) + 1)), "ranks not 1..n"
    top = max(mine, key=lambda k: mine[k])
    listed = {e["session_id"]: e["overall_score"] for e in entries}
    assert listed.get(top) == mine[top], f"completed session {top} missing from the leaderboard"
    one = expect(client.get(api.LEADERBOARD, params={"limit": 1}), 200)
    assert len(one["entries"]) <= 1, f"limit=1 answered {len(one['entries'])} entries"


# ---------- assignments ----------


@semantic_check
def list_limit_filters_and_paging(target: Target) -> None:
    """A page never exceeds limit; email/status filters hold; paging walks all exactly once."""
    admin = target.client(target.require_admin())
    email, other = api.unique_email(), api.unique_email()
    created = [a["assignment_id"] for a in api.create_assignments(target, [email] * 4)]
    created += [a["assignment_id"] for a in api.create_assignments(target, [email] * 3)]
    api.create_assignments(target, [other])
    pages = api.list_all(admin, email=email, limit=3)
    seen = [item["assignment_id"] for page in pages for item in page]
    assert all(len(page) <= 3 for page in pages), f"page sizes {[len(p) for p in pages]} > 3"
    assert len(seen) == len(set(seen)), f"paging answered an assignment twice: {seen}"
    assert set(seen) == set(created), f"paging missed or added assignments: {seen} vs {created}"
    assert all(item["email"].casefold() == email.casefold() for page in pages for item in page), (
        "the email filter let other assignments through"
    )
    stamps = [api.parse_time(item["created_at"]) for page in pages for item in page]
    assert stamps == sorted(stamps, reverse=True), "assignments are not listed newest first"
    upper = api.list_all(admin, email=email.upper(), limit=100)
    assert {i["assignment_id"] for p in upper for i in p} == set(created), "email filter case"
    one = expect(admin.get(api.ASSIGNMENTS, params={"email": email, "limit": 1}), 200)
    assert len(one["items"]) == 1 and one["next_cursor"] is not None, f"limit=1: {one}"
    expect(admin.post(api.UNASSIGN, json={"assignment_ids": [created[0]]}), 200)
    unassigned = api.list_all(admin, email=email, status="unassigned")
    assert [i["assignment_id"] for p in unassigned for i in p] == [created[0]], "status filter"
    assigned = api.list_all(admin, email=email, status="assigned")
    assert {i["assignment_id"] for p in assigned for i in p} == set(created[1:]), "status filter"


@semantic_check
def unassign_is_soft(target: Target) -> None:
    """Unassigned records stay, listable with status=unassigned; unknown IDs are not_found."""
    admin = target.client(target.require_admin())
    email = api.unique_email()
    first, second = (a["assignment_id"] for a in api.create_assignments(target, [email, email]))
    missing = api.unique("asg_missing")
    result = expect(admin.post(api.UNASSIGN, json={"assignment_ids": [first, missing]}), 200)
    assert [a["assignment_id"] for a in result["assignments"]] == [first]
    assert result["assignments"][0]["status"] == "unassigned"
    assert result["not_found"] == [missing], f"unknown IDs must be not_found: {result}"
    listed = api.list_all(admin, email=email, status="unassigned")
    assert first in {i["assignment_id"] for p in listed for i in p}, (
        "an unassigned record vanished from status=unassigned listings"
    )
    everything = {i["assignment_id"]: i for p in api.list_all(admin, email=email) for i in p}
    assert set(everything) == {first, second}, "unassigning deleted a record"
    assert everything[first]["status"] == "unassigned"
    assert everything[second]["status"] == "assigned", "unassign touched another assignment"
    bulk = expect(admin.post(api.BULK, json={"assignment_ids": [first]}), 200)
    assert bulk["results"][0]["found"] is True, "an unassigned record is still a result"
    assert bulk["results"][0]["assignment"]["status"] == "unassigned"
    again = expect(admin.post(api.UNASSIGN, json={"assignment_ids": [first]}), 200)
    assert [a["status"] for a in again["assignments"]] == ["unassigned"], "twice is harmless"


@semantic_check
def bulk_results_answer_every_id_once_in_order(target: Target) -> None:
    """One result per requested ID, in request order; duplicates and >100 IDs are 422."""
    admin = target.client(target.require_admin())
    a, b, c = (x["assignment_id"] for x in api.create_assignments(target, [api.unique_email()] * 3))
    ids = [b, api.unique("asg_missing"), a, c, api.unique("asg_missing")]
    results = expect(admin.post(api.BULK, json={"assignment_ids": ids}), 200)["results"]
    assert [r["assignment_id"] for r in results] == ids, "not one result per ID in order"
    assert [r["found"] for r in results] == [True, False, True, True, False]
    for result in results:
        if result["found"]:
            assert result["assignment"]["assignment_id"] == result["assignment_id"]
        else:
            assert result["assignment"] is None and result["review"] is None
    expect_problem(admin.post(api.BULK, json={"assignment_ids": [a, a]}), 422)
    too_many = [f"asg_{i:04d}" for i in range(101)]
    expect_problem(admin.post(api.BULK, json={"assignment_ids": too_many}), 422)


# ---------- idempotency ----------


@semantic_check
def idempotent_replay(target: Target) -> None:
    """Same key and body replays the first answer and creates nothing; other body is a 409."""
    client = target.client(target.api_token)
    key = {"Idempotency-Key": api.idempotency_key()}
    body = api.configure_body(target)
    first = client.post(api.PREVIEW, json=body, headers=key)
    expect(first, 201)
    replay = client.post(api.PREVIEW, json=body, headers=key)
    expect(replay, 201)
    assert replay.json() == first.json(), "a replay must answer the first answer"
    assert replay.headers.get("Idempotent-Replayed") == "true", "replay not marked"
    assert first.headers.get("Idempotent-Replayed", "false") == "false"
    other = api.configure_body(target, brief="A different request under the same key.")
    expect_problem(client.post(api.PREVIEW, json=other, headers=key), 409)

    approve_key = {"Idempotency-Key": api.idempotency_key()}
    approve = {"session_id": first.json()["session_id"]}
    approved = expect(client.post(api.APPROVE, json=approve, headers=approve_key), 200)
    again = client.post(api.APPROVE, json=approve, headers=approve_key)
    assert expect(again, 200) == approved, "a retried approval must replay, not 409"


@semantic_check
def idempotent_replay_of_assignments(target: Target) -> None:
    """A retried createAssignments with the same key replays the answer and creates nothing."""
    admin = target.client(target.require_admin())
    email = api.unique_email()
    assign_key = {"Idempotency-Key": api.idempotency_key()}
    assign = {"assignees": [{"email": email}], "scenario": api.assignment_scenario()}
    made = expect(admin.post(api.ASSIGNMENTS, json=assign, headers=assign_key), 201)
    remade = expect(admin.post(api.ASSIGNMENTS, json=assign, headers=assign_key), 201)
    assert remade == made, "a retried createAssignments must replay the first answer"
    listed = [i for p in api.list_all(admin, email=email) for i in p]
    assert len(listed) == 1, f"a replay created another assignment: {len(listed)} listed"


# ---------- organizations, users, tokens ----------


@semantic_check
def member_cannot_act_as_another_user(target: Target) -> None:
    """A member acts only as itself, in its own organization; assignments need an admin."""
    client = target.client(target.api_token)
    for path in (api.PREVIEW, api.CONFIGURE):
        other_user = api.configure_body(target, user_id=api.unique("someone_else"))
        expect_problem(client.post(path, json=other_user), 403)
        other_org = api.configure_body(target, org_id=api.unique("another-org"))
        expect_problem(client.post(path, json=other_org), 403)
    if target.admin_token == target.api_token:
        return
    assign = {"assignees": [{"email": api.unique_email()}], "scenario": api.assignment_scenario()}
    expect_problem(client.post(api.ASSIGNMENTS, json=assign), 403)
    ids = {"assignment_ids": [api.unique("asg")]}
    expect_problem(client.post(api.UNASSIGN, json=ids), 403)
    expect_problem(client.post(api.BULK, json=ids), 403)


def _owned_resources(target: Target) -> dict[str, str]:
    """A draft, an active session with a confirmed video, and its upload ID."""
    client = target.client(target.api_token)
    draft = api.create_draft(target)
    active = api.create_active(target)
    upload, put = api.upload_recording(target, active["session_id"], b"\x1a\x45\xdf\xa3webm")
    expect(put, 200, 201, 204)
    expect(
        client.post(
            api.uploaded_path(active["session_id"]), json={"upload_id": upload["upload_id"]}
        ),
        202,
    )
    return {
        "draft": draft["session_id"],
        "active": active["session_id"],
        "upload_id": upload["upload_id"],
    }


@semantic_check
def cross_organization_isolation(target: Target) -> None:
    """Another organization's IDs are 404 on every operation that takes one (nothing leaks)."""
    stranger = target.client(target.require_other_org())
    mine = _owned_resources(target)
    draft, active = mine["draft"], mine["active"]
    prompts = {"prompts": ["Leak?"]}
    expect_problem(stranger.post(api.QUESTIONS, json={"session_id": draft, **prompts}), 404)
    expect_problem(stranger.post(api.APPROVE, json={"session_id": draft}), 404)
    for session_id in (draft, active):
        expect_problem(stranger.get(api.review_path(session_id)), 404)
        expect_problem(stranger.get(api.artifact_path(session_id)), 404)
        expect_problem(stranger.post(api.upload_url_path(session_id), json={}), 404)
    confirm = {"upload_id": mine["upload_id"]}
    expect_problem(stranger.post(api.uploaded_path(active), json=confirm), 404)
    board = expect(stranger.get(api.LEADERBOARD, params={"limit": 100}), 200)
    assert not {draft, active} & {e["session_id"] for e in board["entries"]}

    owner = target.client(target.api_token)
    review = expect(owner.get(api.review_path(draft)), 200)
    assert review["status"] == "pending", "the stranger's calls changed the owner's draft"
    expect(owner.post(api.APPROVE, json={"session_id": draft}), 200)

    if not target.admin_token or target.admin_token == target.other_org_token:
        return
    admin = target.client(target.admin_token)
    (asg,) = (a["assignment_id"] for a in api.create_assignments(target, [api.unique_email()]))
    listed = api.list_all(stranger, limit=100)
    assert asg not in {i["assignment_id"] for p in listed for i in p}, "listed across orgs"
    bulk = stranger.post(api.BULK, json={"assignment_ids": [asg]})
    if bulk.status_code == 200:
        assert bulk.json()["results"][0]["found"] is False, "bulk results leak across orgs"
    else:
        expect_problem(bulk, 403)
    gone = stranger.post(api.UNASSIGN, json={"assignment_ids": [asg]})
    if gone.status_code == 200:
        assert gone.json()["not_found"] == [asg], "unassign reached another org's record"
    else:
        expect_problem(gone, 403)
    kept = expect(admin.post(api.BULK, json={"assignment_ids": [asg]}), 200)["results"][0]
    assert kept["found"] and kept["assignment"]["status"] == "assigned", "another org changed it"


def _every_operation(target: Target) -> dict[str, tuple[str, str, dict[str, Any] | None]]:
    """A valid request for each of the 13 operations, on records the api token owns."""
    mine = _owned_resources(target)
    draft, active = mine["draft"], mine["active"]
    asg = {"assignment_ids": [api.unique("asg")]}
    assign = {"assignees": [{"email": api.unique_email()}], "scenario": api.assignment_scenario()}
    return {
        "previewRoleplay": ("POST", api.PREVIEW, api.configure_body(target)),
        "configureRoleplay": ("POST", api.CONFIGURE, api.configure_body(target)),
        "updateRoleplayQuestions": (
            "POST",
            api.QUESTIONS,
            {"session_id": draft, "prompts": ["Open with the number."]},
        ),
        "approveRoleplay": ("POST", api.APPROVE, {"session_id": draft}),
        "getRoleplayReview": ("GET", api.review_path(active), None),
        "getRoleplayLeaderboard": ("GET", api.LEADERBOARD, None),
        "getArtifact": ("GET", api.artifact_path(active), None),
        "createVideoUploadUrl": ("POST", api.upload_url_path(active), {}),
        "confirmVideoUploaded": (
            "POST",
            api.uploaded_path(active),
            {"upload_id": mine["upload_id"]},
        ),
        "createAssignments": ("POST", api.ASSIGNMENTS, assign),
        "listAssignments": ("GET", api.ASSIGNMENTS, None),
        "unassignAssignments": ("POST", api.UNASSIGN, asg),
        "bulkAssignmentResults": ("POST", api.BULK, asg),
    }


@semantic_check
def missing_or_forged_auth_is_401(target: Target) -> None:
    """Every operation answers 401 without a token, with a forged one, or a non-bearer one."""
    from .conformance import spec_operation_ids

    requests = _every_operation(target)
    assert sorted(requests) == sorted(spec_operation_ids()), "cover every operation of the spec"
    anonymous = target.client(None)
    forged = f"Bearer forged-{secrets.token_urlsafe(24)}"
    refused = 0
    for op_id, (method, path, body) in requests.items():
        for authorization in (None, forged, f"Basic {secrets.token_hex(8)}", "Bearer"):
            headers = {"Authorization": authorization} if authorization else {}
            response = anonymous.request(method, path, json=body, headers=headers)
            if response.status_code == 429 and refused:
                # A deployment that throttles failed authentications may stop this burst
                # early: still a refusal, and said with Retry-After.
                expect_problem(response, 429)
                assert response.headers.get("Retry-After", "").isdigit(), api.describe(response)
                continue
            assert response.status_code == 401, (
                f"{op_id} with Authorization {authorization and authorization[:14]!r}: "
                f"{api.describe(response)}"
            )
            expect_problem(response, 401)
            refused += 1


# ---------- video and presigned URLs ----------


@semantic_check
def upload_and_artifact_urls_absolute_and_fresh(target: Target) -> None:
    """Upload and artifact URLs are absolute, unexpired, need no token, and deliver the video."""
    client = target.client(target.api_token)
    session_id = api.create_active(target)["session_id"]
    expect_problem(client.get(api.artifact_path(session_id)), 404)
    response = client.post(api.upload_url_path(session_id), json={"content_type": "video/webm"})
    upload = expect(response, 201)
    api.assert_absolute_url(upload["upload_url"], ("http", "https"))
    assert api.parse_time(upload["expires_at"]) > api.answer_time(response), "upload URL expired"
    assert upload["method"] == "PUT"
    content_type = {k.lower(): v for k, v in upload["upload_headers"].items()}.get("content-type")
    assert content_type == "video/webm", f"upload_headers: {upload['upload_headers']}"
    confirm = {"upload_id": upload["upload_id"]}
    expect_problem(client.post(api.uploaded_path(session_id), json=confirm), 409)
    video = b"\x1a\x45\xdf\xa3" + secrets.token_bytes(512)
    put = target.client(None).request(
        upload["method"], upload["upload_url"], headers=upload["upload_headers"], content=video
    )
    expect(put, 200, 201, 204)
    confirmed = expect(client.post(api.uploaded_path(session_id), json=confirm), 202)
    assert confirmed["artifact_type"] == "session_video"
    assert confirmed["upload_id"] == upload["upload_id"]
    again = expect(client.post(api.uploaded_path(session_id), json=confirm), 202)
    assert again == confirmed, "confirming the same upload again must answer the same"
    response = client.get(api.artifact_path(session_id))
    artifact = expect(response, 200)
    api.assert_absolute_url(artifact["url"], ("http", "https"))
    assert api.parse_time(artifact["expires_at"]) > api.answer_time(response), "URL expired"
    download = target.client(None).get(artifact["url"])
    assert download.status_code == 200, api.describe(download)
    assert download.content == video, "the artifact URL does not deliver the uploaded video"


def _tamper(url: str, key: str, change: Callable[[str], str] | None) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if change is None:
        query.pop(key, None)
    else:
        query[key] = change(query.get(key, ""))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _flip(value: str) -> str:
    return (value[:-1] + ("0" if value[-1:] != "0" else "1")) if value else "x"


TAMPERINGS: list[tuple[str, str, Callable[[str], str] | None]] = [
    ("signature", "signature", _flip),
    ("expiry", "expires", lambda v: str(int(v) + 3600) if v.isdigit() else "9999999999"),
    ("no signature", "signature", None),
]


@semantic_check
def tampered_signed_urls_are_403(target: Target) -> None:
    """A presigned URL whose signature or expiry was changed is refused with a 403."""
    client = target.client(target.api_token)
    session_id = api.create_active(target)["session_id"]
    upload = expect(client.post(api.upload_url_path(session_id), json={}), 201)
    browser = target.client(None)
    video = b"\x1a\x45\xdf\xa3tamper"
    for name, key, change in TAMPERINGS:
        tampered = _tamper(upload["upload_url"], key, change)
        put = browser.put(tampered, headers=upload["upload_headers"], content=video)
        assert put.status_code == 403, f"upload URL with tampered {name}: {api.describe(put)}"
    put = browser.put(upload["upload_url"], headers=upload["upload_headers"], content=video)
    expect(put, 200, 201, 204)
    expect(client.post(api.uploaded_path(session_id), json={"upload_id": upload["upload_id"]}), 202)
    artifact = expect(client.get(api.artifact_path(session_id)), 200)
    for name, key, change in TAMPERINGS:
        got = browser.get(_tamper(artifact["url"], key, change))
        assert got.status_code == 403, f"artifact URL with tampered {name}: {api.describe(got)}"
    expect(browser.get(artifact["url"]), 200)


@semantic_check
def expired_signed_urls_are_403(target: Target) -> None:
    """After expires_at, the same presigned URLs are refused with a 403 (needs clock control)."""
    control = target.require_control()
    client = target.client(target.api_token)
    session_id = api.create_active(target)["session_id"]
    upload, put = api.upload_recording(target, session_id, b"\x1a\x45\xdf\xa3late")
    expect(put, 200, 201, 204)
    expect(client.post(api.uploaded_path(session_id), json={"upload_id": upload["upload_id"]}), 202)
    artifact = expect(client.get(api.artifact_path(session_id)), 200)
    late_upload = expect(client.post(api.upload_url_path(session_id), json={}), 201)
    latest = max(api.parse_time(artifact["expires_at"]), api.parse_time(late_upload["expires_at"]))
    now = api.answer_time(client.get(api.LEADERBOARD))
    delta = (latest - now + timedelta(seconds=5)).total_seconds()
    try:
        control.advance_clock(delta)
    except Unsupported as reason:
        pytest.skip(str(reason))
    try:
        browser = target.client(None)
        got = browser.get(artifact["url"])
        assert got.status_code == 403, f"expired artifact URL: {api.describe(got)}"
        headers = late_upload["upload_headers"]
        put = browser.put(late_upload["upload_url"], headers=headers, content=b"x")
        assert put.status_code == 403, f"expired upload URL: {api.describe(put)}"
    finally:
        control.advance_clock(-delta)  # the target is shared: put its clock back


@semantic_check
def uploads_only_webm_within_size(target: Target) -> None:
    """The upload URL refuses other media types and more than max_size_bytes."""
    client = target.client(target.api_token)
    session_id = api.create_active(target)["session_id"]
    upload = expect(client.post(api.upload_url_path(session_id), json={}), 201)
    browser = target.client(None)
    mp4 = browser.put(upload["upload_url"], headers={"Content-Type": "video/mp4"}, content=b"mp4")
    assert 400 <= mp4.status_code < 500, f"a video/mp4 upload: {api.describe(mp4)}"
    limit = int(upload["max_size_bytes"])
    if limit > 8 * 1024 * 1024:
        pytest.skip(f"max_size_bytes is {limit}: too large to send in a test")
    big = browser.put(
        upload["upload_url"], headers=upload["upload_headers"], content=b"\0" * (limit + 1)
    )
    assert 400 <= big.status_code < 500, f"an upload over max_size_bytes: {api.describe(big)}"
    bad_type = {"content_type": "video/mp4"}
    expect_problem(client.post(api.upload_url_path(session_id), json=bad_type), 422)
    put = browser.put(upload["upload_url"], headers=upload["upload_headers"], content=WEBM_HEAD)
    expect(put, 200, 201, 204)


@semantic_check
def hostile_inputs_get_clear_4xx(target: Target) -> None:
    """Oversized, deeply nested, malformed and odd-unicode input: a clear 4xx, never a 5xx."""
    client = target.client(target.api_token)
    huge = api.configure_body(target, brief="x" * (1024 * 1024))
    expect_problem(client.post(api.PREVIEW, json=huge), 400, 413, 422)
    nested: Any = "deep"
    for _ in range(200):
        nested = {"n": nested}
    deep = api.configure_body(target, metadata={"nested": nested})
    expect_problem(client.post(api.PREVIEW, json=deep), 400, 413, 422)
    raw = {"Content-Type": "application/json"}
    expect_problem(client.post(api.PREVIEW, content=b'{"user_id": ', headers=raw), 400, 422)
    text = {"Content-Type": "text/plain"}
    expect_problem(client.post(api.PREVIEW, content=b"hello", headers=text), 415)
    lone_surrogate = b'{"brief": "\\ud800 dangling", "user_id": "x"}'
    odd = client.post(api.PREVIEW, content=lone_surrogate, headers=raw)
    assert odd.status_code < 500, f"a lone surrogate: {api.describe(odd)}"
    for brief in ("Négocier 170k € — 交渉 🙂", "\u202eRTL override\u202c", "e\u0301" * 200):
        answer = client.post(api.PREVIEW, json=api.configure_body(target, brief=brief))
        assert answer.status_code in (201, 400, 422), (
            f"brief {brief[:12]!r}: {api.describe(answer)}"
        )
        if answer.status_code == 201:
            assert answer.json()["status"] == "draft"
    api.create_draft(target)  # and the service keeps serving


@semantic_check
def answers_keep_invariants(target: Target) -> None:
    """A walk over every operation: all answers obey `answer_problems` (checked per answer)."""
    requests = _every_operation(target)
    client = target.client(target.api_token)
    admin = target.client(target.admin_token) if target.admin_token else None
    for op_id, (method, path, body) in requests.items():
        chosen = admin if admin is not None and op_id in ADMIN_OPERATIONS else client
        response = chosen.request(method, path, json=body)
        found = answer_problems(response.json()) if response.content else []
        assert not found, f"{op_id}: {'; '.join(found)}"


@semantic_check
def errors_are_problem_details(target: Target) -> None:
    """Every error answer is an RFC 9457 problem (application/problem+json), even odd ones."""
    client = target.client(target.api_token)
    raw = {"Content-Type": "application/json"}
    attempts = [
        ("GET", "/api/v1/no-such-resource", None, (404,)),
        ("DELETE", api.LEADERBOARD, None, (405,)),
        ("GET", api.review_path(api.unique("rps_missing")), None, (404,)),
        ("GET", api.LEADERBOARD + "?limit=0", None, (400, 422)),
        ("GET", api.LEADERBOARD + "?roleplay_type=karaoke", None, (400, 422)),
        ("GET", "/api/v1/roleplays/review/a%0Ab", None, (400, 404, 422)),
        ("GET", "/api/v1/artifacts/a%0Ab/session_video", None, (400, 404, 422)),
        ("POST", api.PREVIEW, b"{not json", (400,)),
        ("POST", api.APPROVE, b"[]", (400, 422)),
    ]
    for method, path, content, statuses in attempts:
        response = client.request(method, path, content=content, headers=raw if content else {})
        expect_problem(response, *statuses)


# ---------- answers reflect what was asked ----------


def _same_instant(sent: str, answered: str | None) -> bool:
    return answered is not None and api.parse_time(sent) == api.parse_time(answered)


@semantic_check
def answers_reflect_the_request(target: Target) -> None:
    """Every request field the spec says an answer carries comes back as it was sent."""
    client = target.client(target.api_token)
    for path, status in ((api.PREVIEW, "draft"), (api.CONFIGURE, "active")):
        asked = api.configure_body(
            target,
            persona_id="kapil",
            duration_minutes=30,
            roleplay_type="support",
            qscore={"q_score": 61.5},
        )
        answer = expect(client.post(path, json=asked), 201)
        assert answer["status"] == status, f"{path} answered status {answer['status']!r}"
        scenario = answer["scenario"]
        if scenario is not None:
            for field in ("persona_id", "duration_minutes", "roleplay_type"):
                assert scenario[field] == asked[field], (
                    f"{path}: asked {field}={asked[field]!r}, the scenario says {scenario[field]!r}"
                )
        context = answer["qscore_context"]
        assert context is not None and context["q_score"] == 61.5, (
            f"{path}: asked q_score 61.5, qscore_context is {context!r}"
        )
    draft = api.create_draft(target)
    sid = draft["session_id"]
    edit = {"session_id": sid, "prompts": ["Ask for 10% more.", "Hold the line."]}
    edit["opening_prompt"] = "Thanks for the time today."
    edited = expect(client.post(api.QUESTIONS, json=edit), 200)
    assert edited["session_id"] == sid and edited["prompt_outline"] == edit["prompts"]
    assert edited["opening_prompt"] == edit["opening_prompt"]
    assert expect(client.post(api.APPROVE, json={"session_id": sid}), 200)["session_id"] == sid
    assert expect(client.get(api.review_path(sid)), 200)["session_id"] == sid
    for kind in ("support", "sales"):
        board = expect(client.get(api.LEADERBOARD, params={"roleplay_type": kind, "limit": 3}), 200)
        assert len(board["entries"]) <= 3
        assert all(e["roleplay_type"] == kind for e in board["entries"]), "type filter ignored"
    asking = {"content_type": "video/webm", "size_bytes": 4096}
    upload = expect(client.post(api.upload_url_path(sid), json=asking), 201)
    assert upload["session_id"] == sid and upload["content_type"] == "video/webm"
    assert upload["max_size_bytes"] <= 4096, "the upload URL takes more than was declared"
    put = target.client(None).put(
        upload["upload_url"], headers=upload["upload_headers"], content=WEBM_HEAD + b"\0" * 60
    )
    expect(put, 200, 201, 204)
    confirm = {"upload_id": upload["upload_id"]}
    confirmed = expect(client.post(api.uploaded_path(sid), json=confirm), 202)
    assert (confirmed["session_id"], confirmed["upload_id"]) == (sid, upload["upload_id"])
    artifact = expect(client.get(api.artifact_path(sid, "session_video")), 200)
    assert (artifact["session_id"], artifact["artifact_type"]) == (sid, "session_video")

    admin = target.client(target.require_admin())
    user_id = target.require_user_id()
    scenario_sent = api.assignment_scenario(
        persona_id="payal", duration_minutes=5, metadata={"conversation_type": "renewal"}
    )
    email, due_at = api.unique_email(), "2031-01-15T17:00:00Z"
    body = {
        "assignees": [{"email": email}, {"user_id": user_id}],
        "scenario": scenario_sent,
        "due_at": due_at,
    }
    made = expect(admin.post(api.ASSIGNMENTS, json=body), 201)["assignments"]
    assert [a["email"] for a in made][:1] == [email], "assignees not answered in order"
    assert made[1]["user_id"] == user_id
    for assignment in made:
        assert assignment["scenario"] == scenario_sent, (
            f"asked scenario {scenario_sent}, answered {assignment['scenario']}"
        )
        assert _same_instant(due_at, assignment["due_at"]), "due_at not kept"
    ids = [a["assignment_id"] for a in made]
    missing = api.unique("asg_missing")
    gone = expect(admin.post(api.UNASSIGN, json={"assignment_ids": [ids[0], missing]}), 200)
    assert [a["assignment_id"] for a in gone["assignments"]] == [ids[0]]
    assert gone["not_found"] == [missing]


# ---------- uploads ----------


def _upload_target(target: Target, size: int | None = None) -> tuple[str, dict[str, Any]]:
    client = target.client(target.api_token)
    session_id = api.create_active(target)["session_id"]
    asking: dict[str, Any] = {"content_type": "video/webm"}
    if size is not None:
        asking["size_bytes"] = size
    upload = expect(client.post(api.upload_url_path(session_id), json=asking), 201)
    return session_id, upload


def _put(target: Target, upload: dict[str, Any], content: bytes) -> httpx.Response:
    return target.client(None).request(
        upload["method"], upload["upload_url"], headers=upload["upload_headers"], content=content
    )


@semantic_check
def uploads_are_capped_at_the_declared_size(target: Target) -> None:
    """The upload URL refuses more bytes than the size_bytes declared for it (413)."""
    _, upload = _upload_target(target, size=64)
    assert upload["max_size_bytes"] <= 64, f"declared 64 bytes, max_size_bytes {upload}"
    over = _put(target, upload, WEBM_HEAD + b"\0" * 61)
    assert over.status_code == 413, f"65 bytes to a 64-byte upload: {api.describe(over)}"
    expect(_put(target, upload, WEBM_HEAD + b"\0" * 60), 200, 201, 204)


@semantic_check
def upload_urls_take_one_recording(target: Target) -> None:
    """A retried PUT of the same bytes is answered alike; other bytes are refused (409/403),
    and the artifact is the first recording."""
    client = target.client(target.api_token)
    session_id, upload = _upload_target(target)
    first = WEBM_HEAD + secrets.token_bytes(256)
    expect(_put(target, upload, first), 200, 201, 204)
    expect(_put(target, upload, first), 200, 201, 204)
    other = _put(target, upload, WEBM_HEAD + secrets.token_bytes(256))
    assert other.status_code in (403, 409), (
        f"a second recording replaced the first: {api.describe(other)}"
    )
    confirm = {"upload_id": upload["upload_id"]}
    expect(client.post(api.uploaded_path(session_id), json=confirm), 202)
    artifact = expect(client.get(api.artifact_path(session_id)), 200)
    got = target.client(None).get(artifact["url"])
    assert got.content == first, "the artifact is not the recording first uploaded"


@semantic_check
def uploads_must_be_webm(target: Target) -> None:
    """A body that is not WebM (no EBML header) is refused, even labelled video/webm."""
    for content in (b"<html><script>alert(1)</script></html>", b"\x00\x00\x00\x18ftypmp42"):
        _, upload = _upload_target(target)
        refused = _put(target, upload, content)
        assert refused.status_code in (415, 422), (
            f"a {content[:8]!r}... body as video/webm: {api.describe(refused)}"
        )


@semantic_check
def unconfirmed_uploads_are_discarded_after_their_grace(target: Target) -> None:
    """An upload left unconfirmed an hour past its URL's expiry is gone (404 on confirm)."""
    control = target.require_control()
    client = target.client(target.api_token)
    session_id, upload = _upload_target(target)
    expect(_put(target, upload, WEBM_HEAD + b"kept too long"), 200, 201, 204)
    response = client.get(api.LEADERBOARD)
    late = api.parse_time(upload["expires_at"]) - api.answer_time(response)
    delta = late.total_seconds() + 3600 + 120
    try:
        control.advance_clock(delta)
    except Unsupported as reason:
        pytest.skip(str(reason))
    try:
        client.post(api.PREVIEW, json=api.configure_body(target))  # a write, as sweeps need
        confirm = client.post(
            api.uploaded_path(session_id), json={"upload_id": upload["upload_id"]}
        )
        expect_problem(confirm, 404)
    finally:
        control.advance_clock(-delta)


# ---------- assignments started twice ----------


@semantic_check
def an_assignment_started_twice_is_completed_by_its_first_completed_session(
    target: Target,
) -> None:
    """Two sessions started for one assignment (a double click): completing either one
    completes the assignment, which then names that session."""
    admin = target.client(target.require_admin())
    user_id = target.require_user_id()
    control = target.require_control()
    client = target.client(target.api_token)
    body = {"assignees": [{"user_id": user_id}], "scenario": api.assignment_scenario()}
    (assignment,) = expect(admin.post(api.ASSIGNMENTS, json=body), 201)["assignments"]
    asg = assignment["assignment_id"]
    linked = api.configure_body(target, metadata={"assignment_id": asg})
    first = expect(client.post(api.CONFIGURE, json=linked), 201)["session_id"]
    second = expect(client.post(api.CONFIGURE, json=linked), 201)["session_id"]
    control.complete_session(first)
    result = expect(admin.post(api.BULK, json={"assignment_ids": [asg]}), 200)["results"][0]
    got = result["assignment"]
    assert got["status"] == "completed", (
        f"completing {first} (of {first}, {second}) left the assignment {got['status']}"
    )
    assert got["session_id"] == first, f"the completed assignment names {got['session_id']}"
    assert result["review"] is not None and result["review"]["status"] == "completed"


# ---------- throttling ----------


def _app_from(target: Target, address: str) -> Any:
    """The in-process app, reached from connections of `address`."""
    app = target.app
    assert app is not None

    async def from_address(scope: Any, receive: Any, send: Any) -> None:
        await app({**scope, "client": (address, 40000)}, receive, send)

    return from_address


#: Forged tokens one address may send before the check calls the target unthrottled: twice
#: the in-process limit and then some, as a fixed window may reset once during the burst.
AUTH_BURST = 2600


@semantic_check
def failed_authentication_is_throttled(target: Target) -> None:
    """A burst of wrong tokens from one address ends in 429 with Retry-After, for that address
    only, whatever token it sends then (in-process: the check needs an address of its own)."""
    if target.app is None:
        pytest.skip("a burst would lock this runner's own address out; checked in-process")
    app = _app_from(target, f"198.18.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}")

    async def burst() -> tuple[httpx.Response | None, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=target.base_url) as guesser:
            for attempt in range(AUTH_BURST):
                forged = {"Authorization": f"Bearer guess-{attempt}-{secrets.token_hex(4)}"}
                response = await guesser.get(api.LEADERBOARD, headers=forged)
                if response.status_code == 429:
                    good = {"Authorization": f"Bearer {target.api_token}"}
                    return response, await guesser.get(api.LEADERBOARD, headers=good)
                assert response.status_code == 401, api.describe(response)
            return None, response

    throttled, then = asyncio.run(burst())
    assert throttled is not None, f"{AUTH_BURST} wrong tokens from one address, never a 429"
    expect_problem(throttled, 429)
    assert throttled.headers.get("Retry-After", "").isdigit(), "a 429 without Retry-After"
    assert then.status_code == 429, (
        "during the lockout a right token still gets through, so guessing goes on"
    )
    expect(target.client(target.api_token).get(api.LEADERBOARD), 200)  # others are served


# ---------- where absolute URLs point ----------


@semantic_check
def host_headers_do_not_redirect_urls(target: Target) -> None:
    """A Host or X-Forwarded-* header from the caller never moves the answered URLs."""
    client = target.client(target.api_token)

    def urls(headers: dict[str, str]) -> list[str] | None:
        response = client.post(api.CONFIGURE, json=api.configure_body(target), headers=headers)
        if headers and 400 <= response.status_code < 500:
            return None  # refused at the door (a proxy that knows its hosts): nothing moved
        session = expect(response, 201)
        asked = client.post(api.upload_url_path(session["session_id"]), json={}, headers=headers)
        upload = expect(asked, 201)
        found = [session["websocket_url"], upload["upload_url"], response.headers["Location"]]
        return found + ([session["frontend_url"]] if session.get("frontend_url") else [])

    honest = urls({})
    assert honest is not None
    flipped = "https" if honest[0].startswith("ws:") else "http"
    spoofed = urls(
        {
            "Host": "attacker.example",
            "X-Forwarded-Host": "attacker.example",
            "X-Forwarded-Proto": flipped,
        }
    )
    if spoofed is None:
        return
    for want, got in zip(honest, spoofed, strict=True):
        assert "attacker.example" not in got, f"the Host header decided {got}"
        assert urlsplit(got)[:2] == urlsplit(want)[:2], (
            f"a spoofed request got {got}, an honest one {want}"
        )


# ---------- live practice ----------


def _practice(target: Target) -> tuple[str, str]:
    session = api.create_active(target)
    return session["session_id"], session["websocket_url"]


BAD_MESSAGES = [
    ("not JSON", "not json {"),
    ("a lone surrogate", '{"type": "turn", "text": "\\ud800 dangling"}'),
    ("JSON nested 1000 deep", "[" * 1000 + "]" * 1000),
    ("an unknown type", '{"type": "dance"}'),
    ("a blank turn", '{"type": "turn", "text": "   "}'),
    ("a NUL in a turn", '{"type": "turn", "text": "a NUL \\u0000 inside"}'),
    ("a turn over 2000 characters", '{"type": "turn", "text": "' + "x" * 2001 + '"}'),
]


@semantic_check
def bad_live_practice_messages_are_answered_not_dropped(target: Target) -> None:
    """Each bad message gets an error message (or a 1007/1008 close), never a dropped
    connection; nothing bad is recorded, and the practice goes on."""
    from ._live import Closed, live_practice

    session_id, url = _practice(target)
    with live_practice(target, url, target.api_token) as ws:
        for label, message in BAD_MESSAGES:
            try:
                ws.send(message)
                answer = ws.receive()
            except Closed as closed:
                assert closed.code in (1007, 1008), (
                    f"{label}: the socket closed with {closed.code} ({closed.reason})"
                )
                break
            assert isinstance(answer, dict) and answer.get("type") == "error", (
                f"{label}: answered {answer!r}"
            )
    with live_practice(target, url, target.api_token) as ws:
        ws.send(json.dumps({"type": "turn", "text": "I'd like to close this quarter."}))
        assert ws.receive().get("type") == "turn", "the practice did not go on"
        ws.send(json.dumps({"type": "end"}))
        assert ws.receive().get("status") == "completed"
    client = target.client(target.api_token)
    artifact = expect(client.get(api.artifact_path(session_id, "transcript")), 200)
    transcript = target.client(None).get(artifact["url"]).json()
    said = [t["text"] for t in transcript["turns"] if t["speaker"] == "person"]
    assert said == ["I'd like to close this quarter."], f"bad messages were recorded: {said}"


# ---------- headers of the page and of files ----------


@semantic_check
def pages_and_files_protect_themselves(target: Target) -> None:
    """The frontend page and artifact downloads are never sniffed or framed, leak no Referer,
    and artifacts download as attachments without `Access-Control-Allow-Origin: *`."""
    session = api.create_active(target)
    session_id = session["session_id"]
    client = target.client(target.api_token)
    browser = target.client(None)
    if session.get("frontend_url"):
        page = browser.get(session["frontend_url"])
        if page.status_code == 200:
            headers = page.headers
            assert headers.get("X-Content-Type-Options") == "nosniff", "page: no nosniff"
            assert "default-src" in headers.get("Content-Security-Policy", ""), "page: no CSP"
            assert headers.get("Referrer-Policy") in ("no-referrer", "same-origin"), (
                "page: its URL carries ?token=, yet it may leak as Referer"
            )
    upload = expect(client.post(api.upload_url_path(session_id), json={}), 201)
    expect(_put(target, upload, WEBM_HEAD + b"<html>"), 200, 201, 204)
    expect(client.post(api.uploaded_path(session_id), json={"upload_id": upload["upload_id"]}), 202)
    download = browser.get(expect(client.get(api.artifact_path(session_id)), 200)["url"])
    assert download.status_code == 200, api.describe(download)
    assert download.headers.get("X-Content-Type-Options") == "nosniff", "artifact: no nosniff"
    disposition = download.headers.get("Content-Disposition", "")
    assert disposition.startswith("attachment"), f"artifact served inline ({disposition!r})"
    assert download.headers.get("Access-Control-Allow-Origin") != "*", "artifact: ACAO *"


# ---------- no score for nothing ----------


@semantic_check
def a_practice_with_no_turns_is_not_scored(target: Target) -> None:
    """A session completed with no recorded turn has no score and is never on the
    leaderboard: the service does not invent one."""
    control = target.require_control()
    client = target.client(target.api_token)
    session_id = api.create_active(target, roleplay_type="sales")["session_id"]
    control.complete_session(session_id)
    review = expect(client.get(api.review_path(session_id)), 200)
    assert review["status"] == "completed", f"the review is {review['status']!r}"
    assert review["scores"] is None, f"a practice with no turns was scored {review['scores']}"
    board = expect(
        client.get(api.LEADERBOARD, params={"limit": 100, "roleplay_type": "sales"}), 200
    )
    assert session_id not in {e["session_id"] for e in board["entries"]}, (
        "a practice with no turns is on the leaderboard"
    )


# ---------- paging ----------


@semantic_check
def every_cursor_of_the_pattern_is_accepted(target: Target) -> None:
    """The spec's Cursor pattern is what the service accepts: any such value is a page."""
    client = target.client(target.api_token)
    for cursor in ("0", "zz", "A" * 64, "_-_-", api.unique("c").replace("-", "_")):
        page = expect(client.get(api.ASSIGNMENTS, params={"cursor": cursor, "limit": 5}), 200)
        assert len(page["items"]) <= 5
