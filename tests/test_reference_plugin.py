"""The pytest plugin and the in-process helpers a consumer's tests use."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import httpx
import pytest

from roleplay_reference import ReferenceService
from roleplay_reference.testing import (
    SpecChecker,
    async_http_client,
    in_process_async_client,
    in_process_client,
    sync_http_client,
)

BODY = {
    "user_id": "user_123",
    "persona_id": "emma",
    "duration_minutes": 15,
    "roleplay_type": "custom",
    "brief": "Rehearse a promotion conversation with my manager.",
}
AUTH = {"Authorization": "Bearer dev-member-token"}


def test_the_sync_helper_is_a_plain_httpx_client_reaching_the_service() -> None:
    service = ReferenceService()
    client = sync_http_client(service)
    assert type(client) is httpx.Client
    response = client.post("/api/v1/roleplays/configure", json=BODY, headers=AUTH)
    assert response.status_code == 201
    assert service.count_sessions() == 1
    client.close()


def test_the_sync_helper_also_works_inside_a_running_event_loop() -> None:
    service = ReferenceService()

    async def main() -> int:
        return (
            sync_http_client(service).get("/api/v1/roleplays/leaderboard", headers=AUTH).status_code
        )

    assert asyncio.run(main()) == 200


def test_the_async_helper_reaches_the_same_service() -> None:
    service = ReferenceService()

    async def main() -> list[int]:
        async with async_http_client(service) as client:
            created = await client.post("/api/v1/roleplays/configure", json=BODY, headers=AUTH)
            review = await client.get(
                f"/api/v1/roleplays/review/{created.json()['session_id']}", headers=AUTH
            )
            return [created.status_code, review.status_code]

    assert asyncio.run(main()) == [201, 200]
    assert service.count_sessions() == 1


def test_the_spec_checker_catches_a_nonconforming_answer() -> None:
    checker = SpecChecker()
    request = httpx.Request("GET", "http://testserver/api/v1/roleplays/review/rps_1")
    good = httpx.Response(
        200,
        json={
            "session_id": "rps_1",
            "status": "pending",
            "scores": None,
            "feedback": None,
            "recommendations": [],
            "completed_at": None,
        },
        request=request,
    )
    assert checker.problems(good) == []
    early_score = httpx.Response(
        200, json={**good.json(), "scores": {"overall": 50, "categories": []}}, request=request
    )
    assert checker.problems(early_score)
    wrong_status = httpx.Response(201, json=good.json(), request=request)
    assert checker.problems(wrong_status) == ["getRoleplayReview -> 201: status not documented"]
    bad_header = httpx.Response(
        200, json=good.json(), headers={"RateLimit-Limit": "-1"}, request=request
    )
    assert checker.problems(bad_header)
    with pytest.raises(AssertionError):
        checker.assert_conforms(early_score)


def test_checked_client_fails_a_call_whose_answer_breaks_the_spec(monkeypatch) -> None:
    from roleplay_reference import _handlers
    from roleplay_reference.testing import checked_client

    def early_score(env, db, call):
        return _handlers.Reply(200, {"session_id": call.params["session_id"], "status": "pending"})

    monkeypatch.setitem(_handlers.HANDLERS, "getRoleplayReview", early_score)
    client = checked_client(ReferenceService(), "dev-member-token")
    with pytest.raises(AssertionError, match="/scores: is required"):
        client.get("/api/v1/roleplays/review/rps_1")


def sdk_client_classes_exist() -> bool:
    try:
        from roleplay_sdk import AsyncRoleplayClient, RoleplayClient  # noqa: F401
    except ImportError:
        return False
    return True


needs_sdk = pytest.mark.skipif(
    not sdk_client_classes_exist(), reason="roleplay_sdk.RoleplayClient is not written yet"
)


@needs_sdk
def test_in_process_clients_are_the_sdk_clients_for_the_tokens_user() -> None:
    import roleplay_sdk

    service = ReferenceService()
    assert isinstance(in_process_client(service=service), roleplay_sdk.RoleplayClient)
    assert isinstance(
        in_process_async_client("dev-admin-token", service=service),
        roleplay_sdk.AsyncRoleplayClient,
    )
    with pytest.raises(ValueError, match="not one of the service's tokens"):
        in_process_client("unknown-token", service=service)


def test_the_plugin_gives_a_consumers_tests_a_service_and_a_server(tmp_path) -> None:
    (tmp_path / "test_consumer.py").write_text(
        textwrap.dedent(
            """
            import httpx

            def test_service(roleplay_service):
                assert roleplay_service.count_sessions() == 0

            def test_server(roleplay_server):
                response = httpx.get(
                    roleplay_server.base_url + "/api/v1/roleplays/leaderboard",
                    headers={"Authorization": "Bearer dev-member-token"},
                )
                assert response.status_code == 200
                assert httpx.get(roleplay_server.base_url + "/_control/counts").status_code == 200
            """
        )
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "roleplay_reference.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            "-c",
            "/dev/null",
            str(tmp_path / "test_consumer.py"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
