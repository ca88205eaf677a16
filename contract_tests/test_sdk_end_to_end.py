"""The whole workflow through the SDK, once with RoleplayClient and once with AsyncRoleplayClient.

preview -> edit questions -> approve -> complete (control surface) -> review -> leaderboard ->
video upload + artifact URL -> start -> assignments for several people -> list -> unassign ->
bulk results, against the target (the in-process reference service, or --base-url).
The workflow is written once; an adapter awaits the async client's calls and makes the sync
client's plain calls.
"""

from __future__ import annotations

import secrets
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest

from . import _api as api
from ._target import Target

roleplay_sdk = pytest.importorskip("roleplay_sdk")

BRIEF = (
    "Goal: negotiate my senior PM offer at Acme from 150k to 170k base. Counterpart: the "
    "recruiter. Stakes: the offer expires Friday. Likely objections: fixed band, equity "
    "instead of cash. Desired outcome: 165k+ base or a signing bonus."
)
PROMPTS = [
    "Open by asking what budget range the hiring manager has approved.",
    "Counter with 170k and justify it with market data.",
]


class Driver:
    """Calls one SDK client's methods the same way whether it is sync or async."""

    def __init__(self, client: Any, *, is_async: bool) -> None:
        self.client = client
        self.is_async = is_async

    async def __call__(self, method: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, method)(*args, **kwargs)
        return await result if self.is_async else result

    async def listed(self, **filters: Any) -> list[Any]:
        items = self.client.list_assignments(**filters)
        if self.is_async:
            return [item async for item in items]
        return list(items)


async def _clients(
    target: Target, stack: AsyncExitStack, *, is_async: bool
) -> tuple[Driver, Driver, httpx.Client]:
    """Member and admin SDK clients on the target, and a bare client for presigned URLs."""
    user_id = target.require_user_id()
    admin_token = target.require_admin()
    browser = target.new_http_client()
    stack.callback(browser.close)
    drivers = []
    for token in (target.api_token, admin_token):
        http: Any
        uploader: Any
        if is_async:
            http, uploader = target.new_async_http_client(), target.new_async_http_client()
            stack.push_async_callback(http.aclose)
            stack.push_async_callback(uploader.aclose)
            factory: Any = roleplay_sdk.AsyncRoleplayClient
        else:
            http, uploader = target.new_http_client(), target.new_http_client()
            stack.callback(http.close)
            stack.callback(uploader.close)
            factory = roleplay_sdk.RoleplayClient
        client = factory(
            base_url=target.base_url,
            api_token=token,
            user_id=user_id,
            org_id=target.org_id,
            http_client=http,
            upload_http_client=uploader,
            allow_insecure_http=target.in_process,
        )
        drivers.append(Driver(client, is_async=is_async))
    return drivers[0], drivers[1], browser


async def walk_the_workflow(target: Target, *, is_async: bool) -> None:
    control = target.require_control()
    async with AsyncExitStack() as stack:
        member, admin, browser = await _clients(target, stack, is_async=is_async)

        draft = await member(
            "preview", brief=BRIEF, duration_minutes=15, conversation_type="salary_negotiation"
        )
        assert draft.status == "draft" and draft.needs_approval is True
        assert draft.scenario is None or draft.scenario.duration_minutes == 15
        sid = draft.session_id

        edited = await member("edit_questions", sid, PROMPTS, opening_prompt="Thanks for the call.")
        assert list(edited.prompt_outline) == PROMPTS and edited.status == "draft"

        session = await member("approve", sid)
        assert session.session_id == sid and session.status == "active"
        assert session.needs_approval is False
        api.assert_absolute_url(session.websocket_url, ("ws", "wss"))

        pending = await member("review", sid)
        assert pending.status == "pending" and pending.scores is None

        scores = {"overall": 93.5, "categories": [{"name": "Anchoring", "score": 91}]}
        control.complete_session(sid, {"scores": scores, "recommendations": ["Name it first."]})
        review = await member("review", sid)
        assert review.status == "completed" and review.completed_at is not None
        assert review.scores is not None and review.scores.overall == 93.5
        assert list(review.recommendations) == ["Name it first."]

        board = await member("leaderboard", limit=100)
        ranked = {entry.session_id: entry for entry in board.entries}
        assert sid in ranked and ranked[sid].overall_score == 93.5

        video = b"\x1a\x45\xdf\xa3" + secrets.token_bytes(2048)
        confirmation = await member("upload_video", sid, video)
        assert confirmation.session_id == sid and confirmation.artifact_type == "session_video"
        artifact = await member("artifact_url", sid)
        api.assert_absolute_url(artifact.url, ("http", "https"))
        download = browser.get(artifact.url)
        assert download.status_code == 200 and download.content == video

        started = await member("start", brief=BRIEF, duration_minutes=5)
        assert started.status == "active" and started.needs_approval is False

        emails = [api.unique_email() for _ in range(3)]
        created = await admin(
            "create_assignments",
            emails,
            title="Renewal call with an at-risk customer",
            brief="Renew a customer whose usage dropped 40%; they are evaluating a competitor.",
            duration_minutes=15,
            roleplay_type="customer_success",
        )
        ids = [assignment.assignment_id for assignment in created.assignments]
        assert [a.email for a in created.assignments] == emails and len(set(ids)) == 3
        assert all(a.status == "assigned" for a in created.assignments)

        listed = await admin.listed(email=emails[0], limit=1)
        assert [a.assignment_id for a in listed] == [ids[0]]

        gone = await admin("unassign", [ids[0]], reason="Moved teams")
        assert [a.status for a in gone.assignments] == ["unassigned"] and not gone.not_found
        kept = await admin.listed(email=emails[0], status="unassigned")
        assert [a.assignment_id for a in kept] == [ids[0]], "unassign must keep the record"

        unknown = api.unique("asg_missing")
        results = await admin("bulk_results", [ids[2], unknown, ids[0], ids[1]])
        assert [r.assignment_id for r in results.results] == [ids[2], unknown, ids[0], ids[1]]
        assert [r.found for r in results.results] == [True, False, True, True]
        assert list(results.missing) == [unknown]
        assert results.by_id[ids[0]].assignment.status == "unassigned"


async def test_workflow_through_roleplay_client(target: Target) -> None:
    await walk_the_workflow(target, is_async=False)


async def test_workflow_through_async_roleplay_client(target: Target) -> None:
    await walk_the_workflow(target, is_async=True)
