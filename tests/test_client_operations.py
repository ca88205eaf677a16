"""Every client method, sync and async, against the contract-following stand-in."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import Api, StandIn, example

from roleplay_sdk import (
    ArtifactDownload,
    Assignment,
    AssignmentList,
    BulkResultSet,
    Leaderboard,
    RoleplayPreview,
    RoleplayReview,
    RoleplaySession,
    UnassignResult,
    VideoUploadConfirmation,
)

BRIEF = "Negotiate a senior PM offer with the recruiter: 150k offered, aiming for 170k base."


async def test_preview_normalizes_and_sends_a_draft_request(api: Api, svc: StandIn) -> None:
    preview = await api(
        "preview",
        brief=BRIEF,
        persona_id=" John ",
        duration_minutes=10,
        conversation_type="salary negotiation",
        qscore={"q_score": 72.5},
    )
    assert isinstance(preview, RoleplayPreview)
    assert not isinstance(preview, RoleplaySession)
    assert preview.status == "draft" and preview.needs_approval is True
    assert preview.qscore_context is not None and preview.qscore_context.q_score == 72.5
    sent = svc.calls("previewRoleplay")[0]
    assert sent["json"]["user_id"] == "user_123"  # the client's default caller
    assert sent["json"]["org_id"] == "growqr"
    assert sent["json"]["persona_id"] == "john"
    assert sent["json"]["duration_minutes"] == 15  # 10 is never sent
    assert sent["json"]["roleplay_type"] == "custom"
    assert sent["json"]["metadata"]["conversation_type"] == "salary negotiation"
    assert sent["json"]["qscore"] == {"q_score": 72.5}
    assert sent["headers"]["idempotency-key"]


async def test_preview_takes_an_explicit_user_and_org(api: Api, svc: StandIn) -> None:
    await api("preview", brief=BRIEF, user_id="user_9", org_id="acme", depth="quick")
    sent = svc.calls("previewRoleplay")[0]["json"]
    assert (sent["user_id"], sent["org_id"], sent["duration_minutes"]) == ("user_9", "acme", 5)
    assert "qscore" not in sent


async def test_start_creates_an_active_session(api: Api, svc: StandIn) -> None:
    session = await api("start", brief=BRIEF, depth="deep", roleplay_type="Customer Success")
    assert isinstance(session, RoleplaySession)
    assert session.status == "active" and session.needs_approval is False
    assert session.websocket_url.startswith("wss://")
    sent = svc.calls("configureRoleplay")[0]["json"]
    assert sent["duration_minutes"] == 30 and sent["roleplay_type"] == "customer_success"
    assert not svc.calls("previewRoleplay")


@pytest.mark.parametrize(
    ("start", "operation"), [(False, "previewRoleplay"), (True, "configureRoleplay")]
)
async def test_create_roleplay_previews_unless_told_to_start(
    api: Api, svc: StandIn, start: bool, operation: str
) -> None:
    result = await api("create_roleplay", brief=BRIEF, start=start)
    assert [seen["operation"] for seen in svc.requests] == [operation]
    assert isinstance(result, RoleplaySession) is start
    assert result.needs_approval is not start


async def test_create_roleplay_defaults_to_the_preview(api: Api, svc: StandIn) -> None:
    await api("create_roleplay", brief=BRIEF)
    assert [seen["operation"] for seen in svc.requests] == ["previewRoleplay"]


async def test_edit_questions_then_approve(api: Api, svc: StandIn) -> None:
    draft = await api("preview", brief=BRIEF)
    edited = await api(
        "edit_questions",
        draft.session_id,
        ["  Open by asking the budget range. ", "Counter with 170k."],
        opening_prompt="What did you think of the offer?",
    )
    assert edited.prompt_outline == ("Open by asking the budget range.", "Counter with 170k.")
    assert edited.opening_prompt == "What did you think of the offer?"
    approved = await api("approve", draft.session_id)
    assert isinstance(approved, RoleplaySession) and approved.status == "active"
    assert svc.calls("approveRoleplay")[0]["headers"]["idempotency-key"]


async def test_review_is_pending_until_completed(api: Api, svc: StandIn) -> None:
    session = await api("start", brief=BRIEF)
    pending = await api("review", session.session_id)
    assert isinstance(pending, RoleplayReview)
    assert pending.is_pending and pending.scores is None and pending.feedback is None
    svc.complete(session.session_id)
    done = await api("review", session.session_id)
    assert done.status == "completed" and done.scores is not None
    assert done.scores.overall == 78.0
    assert done.feedback is not None and done.feedback.next_step
    assert done.completed_at == datetime.datetime(2026, 11, 29, 10, 20, tzinfo=datetime.UTC)


async def test_leaderboard_sends_limit_and_type(api: Api, svc: StandIn) -> None:
    board = await api("leaderboard", limit=5, roleplay_type="custom")
    assert isinstance(board, Leaderboard)
    assert [entry.rank for entry in board.entries] == [1]
    assert svc.calls("getRoleplayLeaderboard")[0]["query"] == {
        "limit": "5",
        "roleplay_type": "custom",
    }


async def test_upload_video_then_artifact_url(api: Api, svc: StandIn) -> None:
    session = await api("start", brief=BRIEF)
    video = b"\x1a\x45\xdf\xa3" + bytes(range(256)) * 10
    confirmation = await api("upload_video", session.session_id, video)
    assert isinstance(confirmation, VideoUploadConfirmation)
    assert confirmation.analysis_status == "processing"
    [put] = svc.puts
    assert put["content"] == video
    assert put["headers"]["content-type"] == "video/webm"
    assert put["headers"]["x-upload-tag"] == put["upload_id"]
    assert "authorization" not in put["headers"]
    asked = svc.calls("createVideoUploadUrl")[0]["json"]
    assert asked == {"content_type": "video/webm", "size_bytes": len(video)}
    download = await api("artifact_url", session.session_id)
    assert isinstance(download, ArtifactDownload) and download.size_bytes == len(video)


async def test_upload_video_from_a_path_and_a_file(api: Api, svc: StandIn, tmp_path: Path) -> None:
    session = await api("start", brief=BRIEF)
    path = tmp_path / "take.webm"
    path.write_bytes(b"webm-from-path" * 1000)
    await api("upload_video", session.session_id, path)
    handle = io.BytesIO(b"prefix" + b"webm-from-file")
    handle.seek(6)  # a file is uploaded from where it stands
    await api("upload_video", session.session_id, handle)
    assert [put["content"] for put in svc.puts] == [path.read_bytes(), b"webm-from-file"]
    assert svc.puts[0]["headers"]["content-length"] == str(path.stat().st_size)


async def test_create_list_unassign_and_bulk_assignments(api: Api, svc: StandIn) -> None:
    created = await api(
        "create_assignments",
        ["priya@example.com", {"user_id": "user_456"}],
        title="Renewal call with an at-risk customer",
        brief="Renew a customer whose usage dropped 40%.",
        conversation_type="renewal",
        due_at=datetime.datetime(2026, 12, 6, 17, tzinfo=datetime.UTC),
    )
    assert isinstance(created, AssignmentList) and len(created.assignments) == 2
    sent = svc.calls("createAssignments")[0]
    assert sent["json"]["scenario"]["roleplay_type"] == "customer_success"
    assert sent["json"]["scenario"]["persona_id"] == "emma"
    assert sent["json"]["due_at"] == "2026-12-06T17:00:00+00:00"
    assert sent["headers"]["idempotency-key"]
    listed = await api.collect("list_assignments", email="priya@example.com")
    assert all(isinstance(item, Assignment) for item in listed)
    assert [item.assignment_id for item in listed] == [created.assignments[0].assignment_id]
    ids = [item.assignment_id for item in created.assignments]
    result = await api("unassign", [*ids, "asg_unknown"], reason="Moved team")
    assert isinstance(result, UnassignResult)
    assert [row.status for row in result.assignments] == ["unassigned", "unassigned"]
    assert result.not_found == ("asg_unknown",)
    bulk = await api("bulk_results", ["asg_unknown", ids[0]])
    assert isinstance(bulk, BulkResultSet)
    assert [row.assignment_id for row in bulk.results] == ["asg_unknown", ids[0]]
    assert bulk.missing == ("asg_unknown",)


async def test_list_assignments_filters_by_status(api: Api, svc: StandIn) -> None:
    svc.add_assignment(status="completed")
    svc.add_assignment(status="assigned")
    listed = await api.collect("list_assignments", status="Completed", limit=1)
    assert [item.status for item in listed] == ["completed"]
    assert svc.calls("listAssignments")[0]["query"] == {"status": "completed", "limit": "1"}


async def test_unknown_enum_values_and_fields_are_kept(api: Api, svc: StandIn) -> None:
    draft = example("DraftPreview")
    draft["status"] = "queued_for_moderation"  # a value a newer server may add
    draft["scenario"]["persona_id"] = "zara"
    draft["scenario"]["tone"] = "formal"
    draft["moderation"] = {"state": "pending"}
    svc.queue("previewRoleplay", httpx.Response(201, json=draft))
    preview = await api("preview", brief=BRIEF)
    assert preview.status == "queued_for_moderation"
    assert preview.scenario is not None and preview.scenario.persona_id == "zara"
    assert preview.scenario.extra == {"tone": "formal"}
    assert preview.extra == {"moderation": {"state": "pending"}}

    review = example("CompletedReview")
    review["status"] = "archived"
    svc.queue("getRoleplayReview", httpx.Response(200, json=review))
    assert (await api("review", "rps_1")).status == "archived"

    confirmation = example("VideoUploadConfirmation")
    confirmation["analysis_status"] = "transcoding"
    session = await api("start", brief=BRIEF)
    svc.queue("confirmVideoUploaded", httpx.Response(202, json=confirmation))
    result = await api("upload_video", session.session_id, b"webm")
    assert result.analysis_status == "transcoding"

    page = example("AssignmentPage")
    page["items"][0]["status"] = "overdue"
    svc.queue("listAssignments", httpx.Response(200, json=page))
    assert [item.status for item in await api.collect("list_assignments")] == ["overdue"]


async def test_a_session_can_be_used_as_documented(api: Api, svc: StandIn) -> None:
    """The life cycle the spec's links describe: preview, edit, approve, review, video."""
    draft = await api("create_roleplay", brief=BRIEF)
    await api("edit_questions", draft.session_id, ["Ask for the budget range."])
    session = await api("approve", draft.session_id)
    await api("upload_video", session.session_id, b"\x1a\x45\xdf\xa3")
    svc.complete(session.session_id)
    review = await api("review", session.session_id)
    assert review.status == "completed"
    assert [seen["operation"] for seen in svc.requests] == [
        "previewRoleplay",
        "updateRoleplayQuestions",
        "approveRoleplay",
        "createVideoUploadUrl",
        "confirmVideoUploaded",
        "getRoleplayReview",
    ]


def test_methods_are_exactly_the_issue_list(make_client: Any) -> None:
    expected = {
        "preview",
        "start",
        "create_roleplay",
        "edit_questions",
        "approve",
        "review",
        "leaderboard",
        "artifact_url",
        "upload_video",
        "create_assignments",
        "list_assignments",
        "unassign",
        "bulk_results",
    }
    for client in (make_client("sync"), make_client("async")):
        public = {
            name
            for name in dir(client)
            if not name.startswith("_") and callable(getattr(client, name, None))
        }
        assert public - {"close", "with_options"} == expected


def test_method_metadata_is_the_operations(api: Api) -> None:
    import inspect

    method: Any = api.client.preview
    assert method.__name__ == "preview"
    assert "draft" in method.__doc__
    assert "settings" not in inspect.signature(api.client.review).parameters
    assert list(inspect.signature(api.client.review).parameters) == [
        "session_id",
        "timeout",
        "deadline",
    ]


def test_help_shows_the_real_parameters_of_a_fields_method(api: Api) -> None:
    import inspect
    import pydoc

    signature = inspect.signature(api.client.preview)
    assert list(signature.parameters)[:4] == ["brief", "persona_id", "duration_minutes", "depth"]
    assert {"idempotency_key", "timeout", "deadline", "qscore"} <= set(signature.parameters)
    assert not any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())
    assert signature.parameters["brief"].default is inspect.Parameter.empty  # required
    assert signature.return_annotation == "RoleplayPreview"  # what the call answers
    assert "title" in inspect.signature(api.client.create_assignments).parameters
    assert "**fields" not in pydoc.render_doc(api.client.preview)
    pages = "AsyncIterator" if api.is_async else "Iterator"
    assert (
        inspect.signature(api.client.list_assignments).return_annotation == f"{pages}[Assignment]"
    )


async def test_a_wrong_keyword_is_a_type_error_naming_the_method(api: Api) -> None:
    with pytest.raises(TypeError, match=r"^preview\(\) got an unexpected keyword argument 'brif'"):
        await api("preview", brif="Ask my manager for a raise")
    with pytest.raises(TypeError, match=r"^review\(\)"):
        await api("review", "rps_1", "rps_2")
    with pytest.raises(TypeError, match=r"^create_assignments\(\) .*'titel'"):
        await api("create_assignments", ["a@growqr.ai"], brief="b", titel="T")
