"""Creating calls retried under faults create exactly one session (Idempotency-Key)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import roleplay_sdk as sdk
from faults._faulty_transport import FaultyTransport
from roleplay_sdk import RoleplayClient

testing = pytest.importorskip("roleplay_reference.testing")
service_module = pytest.importorskip("roleplay_reference._service")

RETRIED = ["refused", "502", "503", "504", "429", "reset", "read_timeout"]
BROKEN_BODY = ["malformed_json", "truncated", "wrong_content_type"]
MATRIX: list[tuple[str, str, str]] = []

BRIEF = "Negotiate my offer with the recruiter: they offered 150k and I want 170k base."


def make(
    service: Any, faults: dict[int, str], retries: int, token: str = "dev-member-token"
) -> tuple[Any, FaultyTransport]:
    transport = FaultyTransport(testing.SyncASGITransport(service.app), faults)
    client = RoleplayClient(
        base_url=testing.BASE_URL,
        api_token=token,
        http_client=httpx.Client(transport=transport, base_url=testing.BASE_URL),
        upload_http_client=httpx.Client(transport=transport),
        allow_insecure_http=True,
        max_retries=retries,
        sleep=lambda _seconds: None,
        **testing._identity(service, token),
    )
    return client, transport


@pytest.mark.parametrize("fault", RETRIED)
def test_create_roleplay_retried_after_a_fault_creates_exactly_one(fault: str) -> None:
    service: Any = service_module.ReferenceService()
    client, transport = make(service, {1: fault}, 2)
    draft = client.create_roleplay(brief=BRIEF, conversation_type="offer negotiation")
    assert draft.status == "draft" and draft.session_id
    assert transport.calls == 2
    assert service.count_sessions() == 1
    MATRIX.append(
        ("create_roleplay", fault, f"success after retry; sessions={service.count_sessions()}")
    )
    client.close()
    service.close()


@pytest.mark.parametrize("fault", BROKEN_BODY)
def test_a_broken_answer_body_is_a_typed_error_not_a_value(fault: str) -> None:
    service: Any = service_module.ReferenceService()
    client, _ = make(service, {1: fault}, 0)
    with pytest.raises(sdk.APIResponseValidationError):
        client.create_roleplay(brief=BRIEF, conversation_type="offer negotiation")
    assert service.count_sessions() == 1
    MATRIX.append(("create_roleplay", fault, "APIResponseValidationError"))
    client.close()
    service.close()


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("refused", "APIConnectionError"),
        ("503", "InternalServerError"),
        ("429", "RateLimitError"),
        ("read_timeout", "APITimeoutError"),
    ],
)
def test_without_retries_a_fault_is_the_right_typed_error(fault: str, error: str) -> None:
    service: Any = service_module.ReferenceService()
    client, _ = make(service, {1: fault}, 0)
    with pytest.raises(getattr(sdk, error)) as raised:
        client.create_roleplay(brief=BRIEF, conversation_type="offer negotiation")
    assert isinstance(raised.value, sdk.RoleplayError)
    MATRIX.append(("create_roleplay (no retries)", fault, error))
    client.close()
    service.close()


@pytest.mark.parametrize("fault", ["refused", "503", "reset", "read_timeout"])
def test_upload_video_retried_under_a_fault_records_exactly_one_upload(fault: str) -> None:
    service: Any = service_module.ReferenceService()
    client, transport = make(service, {}, 2)
    draft = client.create_roleplay(brief=BRIEF, conversation_type="offer negotiation")
    session = client.approve(draft.session_id)
    before = transport.calls
    # Every request of the upload flow (upload URL, PUT, confirm) gets the fault once.
    transport.arm({before + 1: fault, before + 3: fault, before + 5: fault})
    confirmation = client.upload_video(session.session_id, b"\x1a\x45\xdf\xa3" * 256)
    assert confirmation.upload_id and transport.calls == before + 6  # 3 requests, 3 retries
    assert service.count_uploads() == 1 and service.count_sessions() == 1
    MATRIX.append(("upload_video flow", fault, f"success; uploads={service.count_uploads()}"))
    client.close()
    service.close()


LOST_ANSWERS = ["reset", "read_timeout"]


@pytest.mark.parametrize("fault", LOST_ANSWERS)
def test_start_whose_answer_is_lost_creates_exactly_one_active_session(fault: str) -> None:
    service: Any = service_module.ReferenceService()
    client, transport = make(service, {1: fault}, 2)
    session = client.start(brief=BRIEF, conversation_type="offer negotiation")
    assert session.status == "active" and transport.calls == 2
    assert service.count_sessions() == 1
    MATRIX.append(("start", fault, f"success after retry; sessions={service.count_sessions()}"))
    client.close()
    service.close()


@pytest.mark.parametrize("fault", LOST_ANSWERS)
def test_approve_whose_answer_is_lost_is_replayed_not_a_conflict(fault: str) -> None:
    service: Any = service_module.ReferenceService()
    client, transport = make(service, {}, 2)
    draft = client.preview(brief=BRIEF, conversation_type="offer negotiation")
    transport.arm({transport.calls + 1: fault})
    session = client.approve(draft.session_id)  # the server approved; the retry must replay
    assert session.status == "active" and session.session_id == draft.session_id
    assert service.count_sessions() == 1
    MATRIX.append(("approve", fault, "success after retry (replayed, no 409)"))
    client.close()
    service.close()


@pytest.mark.parametrize("fault", LOST_ANSWERS)
def test_create_assignments_whose_answer_is_lost_creates_each_once(fault: str) -> None:
    service: Any = service_module.ReferenceService()
    client, transport = make(service, {1: fault}, 2, token="dev-admin-token")
    created = client.create_assignments(
        ["a@example.com", "b@example.com", "c@example.com"],
        title="Renewal call",
        brief="Renew a customer whose usage dropped 40%.",
        conversation_type="renewal",
    )
    assert len(created.assignments) == 3 and transport.calls == 2
    assert service.count_assignments() == 3
    MATRIX.append(
        ("create_assignments", fault, f"success; assignments={service.count_assignments()}")
    )
    client.close()
    service.close()
