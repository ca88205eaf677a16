"""End to end: both clients against the in-process reference service (roleplay_reference).

The stand-in in conftest.py pins each rule; this checks the facade and the reference service
agree on the whole contract. The reference's in-process base URL is http://testserver, so
these clients pass allow_insecure_http=True (no network is involved).
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Api

import roleplay_sdk as sdk

testing = pytest.importorskip("roleplay_reference.testing")
service_module = pytest.importorskip("roleplay_reference._service")

BRIEF = "Negotiate my offer with the recruiter: they offered 150k and I want 170k base."


@pytest.fixture
def service() -> Any:
    reference = service_module.ReferenceService()
    yield reference
    reference.close()


def clients(service: Any, kind: str, token: str) -> Api:
    """An Api over the SDK client of `kind` that the reference's own helpers build."""
    if kind == "sync":
        make, uploads = testing.in_process_client, testing.sync_http_client
    else:
        make, uploads = testing.in_process_async_client, testing.async_http_client
    return Api(
        make(
            token,
            service=service,
            allow_insecure_http=True,
            upload_http_client=uploads(service),
        )
    )


async def test_a_session_from_preview_to_review(service: Any, kind: str) -> None:
    api = clients(service, kind, "dev-member-token")
    draft = await api("create_roleplay", brief=BRIEF, conversation_type="offer negotiation")
    assert draft.status == "draft" and draft.needs_approval
    assert "Prompt outline:" in sdk.summarize_preview(draft).as_text()
    edited = await api("edit_questions", draft.session_id, ["Ask for the budget band."])
    assert edited.prompt_outline == ("Ask for the budget band.",)
    session = await api("approve", draft.session_id)
    assert isinstance(session, sdk.RoleplaySession) and session.status == "active"
    assert (await api("review", session.session_id)).is_pending
    confirmation = await api("upload_video", session.session_id, b"\x1a\x45\xdf\xa3" * 256)
    assert confirmation.upload_id and confirmation.analysis_status
    download = await api("artifact_url", session.session_id)
    assert download.size_bytes == 1024
    service.complete_session(session.session_id, turns=["I'd like 170k base, not 150k."])
    digest = sdk.review_digest(await api("review", session.session_id))
    assert not digest.pending and digest.overall_score is not None
    with pytest.raises(sdk.ConflictError):
        await api("approve", draft.session_id)
    board = await api("leaderboard", limit=5)
    assert [entry.session_id for entry in board.entries] == [session.session_id]
    await api.close()


async def test_assignments_end_to_end(service: Any, kind: str) -> None:
    admin = clients(service, kind, "dev-admin-token")
    made = await admin(
        "create_assignments",
        ["priya@example.com", "sam@example.com", "lee@example.com"],
        title="Renewal call",
        brief="Renew a customer whose usage dropped 40%.",
        conversation_type="renewal",
    )
    ids = [row.assignment_id for row in made.assignments]
    listed = await admin.collect("list_assignments", limit=2)
    assert sorted(row.assignment_id for row in listed) == sorted(ids)
    bulk = await admin("bulk_results", [*ids, "asg_none", ids[0]])
    assert [row.assignment_id for row in bulk.results] == [*ids, "asg_none", ids[0]]
    assert bulk.missing == ("asg_none",)
    result = await admin("unassign", [ids[0], "asg_none"])
    assert result.not_found == ("asg_none",)
    assert [row.status for row in result.assignments] == ["unassigned"]
    member = clients(service, kind, "dev-member-token")
    with pytest.raises(sdk.PermissionDeniedError):
        await member("create_assignments", ["a@example.com"], title="T", brief="Brief.")
    await admin.close()
    await member.close()
