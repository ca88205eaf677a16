"""Creating calls retried under faults create exactly one session (Idempotency-Key)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from faults._faulty_transport import FaultyTransport
from roleplay_sdk import RoleplayClient

testing = pytest.importorskip("roleplay_reference.testing")
service_module = pytest.importorskip("roleplay_reference._service")

BRIEF = "Negotiate my offer with the recruiter: they offered 150k and I want 170k base."


@pytest.mark.parametrize("fault", ["refused", "503", "reset", "read_timeout"])
def test_create_roleplay_retried_after_a_fault_creates_exactly_one(fault: str) -> None:
    service: Any = service_module.ReferenceService()
    transport = FaultyTransport(testing.SyncASGITransport(service.app), {1: fault})
    client = RoleplayClient(
        base_url=testing.BASE_URL,
        api_token="dev-member-token",
        http_client=httpx.Client(transport=transport, base_url=testing.BASE_URL),
        allow_insecure_http=True,
        max_retries=2,
        sleep=lambda _seconds: None,
        **testing._identity(service, "dev-member-token"),
    )
    draft = client.create_roleplay(brief=BRIEF, conversation_type="offer negotiation")
    assert draft.status == "draft" and draft.session_id
    assert transport.calls == 2
    assert service.count_sessions() == 1
    client.close()
    service.close()
