"""The fault layer itself does what the matrix relies on (so a green matrix means something)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from faults._faults import NOT_REACHED, SLOW_SECONDS
from faults._faulty_transport import AsyncFaultyTransport, FaultyTransport

testing = pytest.importorskip("roleplay_reference.testing")
service_module = pytest.importorskip("roleplay_reference._service")

PREVIEW = "/api/v1/roleplays/configure/preview"
BODY = {
    "user_id": "user_123",
    "org_id": "growqr",
    "persona_id": "emma",
    "duration_minutes": 15,
    "roleplay_type": "custom",
    "brief": "Negotiate my offer with the recruiter.",
    "metadata": {},
}
AUTH = {"Authorization": "Bearer dev-member-token"}


@pytest.fixture
def service() -> Any:
    svc = service_module.ReferenceService()
    yield svc
    svc.close()


def _client(service: Any, fault: str | None, timeout: float | None = None) -> httpx.Client:
    transport = FaultyTransport(testing.SyncASGITransport(service.app))
    transport.chooser.arm_each(fault)
    return httpx.Client(transport=transport, base_url=testing.BASE_URL, timeout=timeout)


def test_mid_body_sends_status_and_headers_then_breaks_the_body(service: Any) -> None:
    received = b""
    with (
        _client(service, "mid_body") as http,
        http.stream("POST", PREVIEW, json=BODY, headers=AUTH) as response,
    ):
        assert response.status_code == 201
        assert response.headers["content-type"].startswith("application/json")
        with pytest.raises(httpx.RemoteProtocolError):
            for chunk in response.iter_raw():
                received += chunk
    assert 0 < len(received) < int(response.headers["content-length"])
    assert service.count_sessions() == 1  # the server handled it


async def test_mid_body_breaks_the_body_on_the_async_transport_too(service: Any) -> None:
    transport = AsyncFaultyTransport(httpx.ASGITransport(app=service.app))
    transport.chooser.arm_each("mid_body")
    async with (
        httpx.AsyncClient(transport=transport, base_url=testing.BASE_URL) as http,
        http.stream("POST", PREVIEW, json=BODY, headers=AUTH) as response,
    ):
        assert response.status_code == 201
        with pytest.raises(httpx.RemoteProtocolError):
            await response.aread()
    assert service.count_sessions() == 1


@pytest.mark.parametrize("fault", NOT_REACHED)
def test_faults_before_the_server_never_reach_it(service: Any, fault: str) -> None:
    with _client(service, fault) as http:
        try:
            response = http.post(PREVIEW, json=BODY, headers=AUTH)
            assert response.status_code == int(fault)
        except httpx.ConnectError:
            assert fault == "refused"
    assert service.count_sessions() == 0


@pytest.mark.parametrize("fault", ["reset", "read_timeout"])
def test_lost_answers_were_handled_by_the_server(service: Any, fault: str) -> None:
    with _client(service, fault) as http, pytest.raises(httpx.TransportError):
        http.post(PREVIEW, json=BODY, headers=AUTH)
    assert service.count_sessions() == 1


def test_a_slow_answer_times_out_only_past_the_read_timeout(service: Any) -> None:
    with _client(service, "slow", timeout=0.01) as http, pytest.raises(httpx.ReadTimeout):
        http.get("/api/v1/roleplays/leaderboard", headers=AUTH)
    # A timeout longer than the delay: the answer arrives, late but whole.
    with _client(service, "slow", timeout=SLOW_SECONDS * 5) as http:
        assert http.get("/api/v1/roleplays/leaderboard", headers=AUTH).json() == {"entries": []}


def test_a_retry_of_the_same_request_passes_clean_and_another_request_is_faulted(
    service: Any,
) -> None:
    with _client(service, "503") as http:
        first = http.post(PREVIEW, json=BODY, headers={**AUTH, "Idempotency-Key": "key-000001"})
        again = http.post(PREVIEW, json=BODY, headers={**AUTH, "Idempotency-Key": "key-000001"})
        other = http.post(PREVIEW, json=BODY, headers={**AUTH, "Idempotency-Key": "key-000002"})
    assert [first.status_code, again.status_code, other.status_code] == [503, 201, 503]


def test_the_async_transport_shares_the_decisions(service: Any) -> None:
    async def run() -> list[int]:
        transport = AsyncFaultyTransport(httpx.ASGITransport(app=service.app))
        transport.chooser.arm_each("429")
        async with httpx.AsyncClient(transport=transport, base_url=testing.BASE_URL) as http:
            answers = [await http.post(PREVIEW, json=BODY, headers=AUTH) for _ in range(2)]
        assert answers[0].headers["Retry-After"] == "1"
        return [answer.status_code for answer in answers]

    assert asyncio.run(run()) == [429, 201]
