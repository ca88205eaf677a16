"""The pytest plugin and the in-process helpers a consumer's tests use.

Also as a consumer sees them from outside: scripts that use the helpers must exit (with or
without closing them), and mypy --strict on a consumer's test must catch a misspelled method.
"""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest
from _consumer import run_consumer_tests

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


def test_a_service_the_helper_makes_does_not_throttle_a_consumers_tests() -> None:
    """The served defaults (30 failed authentications a minute per address, 600 requests a
    minute per token) would answer 429 in a consumer's busy suite; the helper's own service
    lifts them, a service passed in keeps what it was given."""
    import roleplay_sdk

    with in_process_client(max_retries=0) as client:
        forged = client.with_options(api_token="forged-token")
        for _ in range(40):
            with pytest.raises(roleplay_sdk.AuthenticationError):
                forged.leaderboard()
        client.leaderboard()
    strict = ReferenceService(auth_failure_limit=5)
    with in_process_client(service=strict, max_retries=0) as client:
        forged = client.with_options(api_token="forged-token")
        statuses = []
        for _ in range(8):
            with pytest.raises(roleplay_sdk.APIStatusError) as caught:
                forged.leaderboard()
            statuses.append(caught.value.status_code)
        assert statuses[:5] == [401] * 5 and 429 in statuses
    strict.close()


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
    result = run_consumer_tests(tmp_path, tmp_path / "test_consumer.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


# ---------- uploads and presigned URLs, in-process ----------

WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 60


def test_the_sync_helper_uploads_a_video_and_its_artifact_url_is_fetched_in_process() -> None:
    """The presigned PUT goes to http://localhost/_uploads/..., which no socket answers: the
    helper's credential-free upload client carries it to the app, and sync_http_client (also
    credential-free) fetches the download URL the service mints."""
    service = ReferenceService()
    with in_process_client(service=service, max_retries=0) as client:
        session = client.start(brief="Renewal call: usage dropped 40%.", depth="quick")
        confirmation = client.upload_video(session.session_id, WEBM)
        assert confirmation.session_id == session.session_id
        artifact = client.artifact_url(session.session_id, "session_video")
    assert artifact.url.startswith("http://localhost/_artifacts/")
    assert service.count_uploads() == 1
    with sync_http_client(service) as http:
        assert "authorization" not in http.headers
        download = http.get(artifact.url)
    assert download.status_code == 200 and download.content == WEBM
    service.close()


def test_the_async_helper_uploads_a_video_and_its_artifact_url_is_fetched_in_process() -> None:
    service = ReferenceService()

    async def main() -> bytes:
        async with in_process_async_client(service=service, max_retries=0) as client:
            session = await client.start(brief="Renewal call: usage dropped 40%.", depth="quick")
            await client.upload_video(session.session_id, WEBM)
            copy = client.with_options(timeout=10)  # shares the upload client too
            await copy.upload_video(session.session_id, WEBM)
            artifact = await client.artifact_url(session.session_id, "session_video")
        async with async_http_client(service) as http:
            return (await http.get(artifact.url)).raise_for_status().content

    assert asyncio.run(main()) == WEBM
    assert service.count_uploads() == 2
    service.close()


def test_the_fixtures_upload_videos_in_process(tmp_path: Path) -> None:
    """All four ways a consumer gets an in-process client, as a consumer's test file: the
    async tests under pytest-asyncio's marker and anyio's (installed with httpx)."""
    (tmp_path / "recording.webm").write_bytes(WEBM)
    (tmp_path / "test_uploads.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from roleplay_reference.testing import in_process_async_client, in_process_client

            def upload(client):
                session = client.start(brief="Renewal call", depth="quick")
                return client.upload_video(session.session_id, "recording.webm")

            async def upload_async(client):
                session = await client.start(brief="Renewal call", depth="quick")
                return await client.upload_video(session.session_id, "recording.webm")

            def test_roleplay_client(roleplay_client, roleplay_service):
                upload(roleplay_client)
                assert roleplay_service.count_uploads() == 1

            def test_roleplay_admin_client(roleplay_admin_client, roleplay_service):
                upload(roleplay_admin_client)
                assert roleplay_service.count_uploads() == 1

            @pytest.mark.asyncio
            async def test_async_roleplay_client(async_roleplay_client, roleplay_service):
                await upload_async(async_roleplay_client)
                assert roleplay_service.count_uploads() == 1

            @pytest.mark.anyio
            async def test_async_roleplay_client_under_anyio(async_roleplay_client):
                await upload_async(async_roleplay_client)

            def test_in_process_client():
                with in_process_client() as client:
                    upload(client)

            @pytest.mark.asyncio
            async def test_in_process_async_client():
                async with in_process_async_client() as client:
                    await upload_async(client)
            """
        )
    )
    result = run_consumer_tests(tmp_path, tmp_path / "test_uploads.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 passed" in result.stdout, result.stdout


# ---------- the helpers release what they create ----------

LOOP_THREAD = "roleplay-reference-in-process"


def _loop_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == LOOP_THREAD and t.is_alive()]


def _settled_count() -> int:
    """Loop threads alive once earlier tests' forgotten clients are collected."""
    gc.collect()
    return _wait_for_at_most(len(_loop_threads()))


def _wait_for_at_most(count: int, seconds: float = 5.0) -> int:
    deadline = time.monotonic() + seconds
    while len(_loop_threads()) > count and time.monotonic() < deadline:
        time.sleep(0.01)
    return len(_loop_threads())


def test_close_and_with_stop_the_transport_thread_and_a_service_the_helper_made() -> None:
    before = _settled_count()
    client = in_process_client()
    assert list(client.leaderboard().entries) == []
    assert len(_loop_threads()) == before + 1
    client.close()
    assert _wait_for_at_most(before) <= before
    client.close()  # idempotent
    with in_process_client() as inside:
        inside.leaderboard()
        assert len(_loop_threads()) == before + 1
    assert _wait_for_at_most(before) <= before
    with pytest.raises(RuntimeError, match="closed"):
        inside.leaderboard()


def test_a_service_passed_in_stays_open_and_copies_do_not_close_the_original() -> None:
    service = ReferenceService()
    client = in_process_client(service=service)
    copy = client.with_options(max_retries=0)
    copy.close()
    assert list(client.leaderboard().entries) == []  # the copy shared; the original owns
    client.close()
    assert service.count_sessions() == 0  # still usable: it was the caller's
    service.close()


def test_close_also_stops_the_upload_clients_thread() -> None:
    before = _settled_count()
    client = in_process_client()
    session = client.start(brief="Renewal call", depth="quick")
    client.upload_video(session.session_id, WEBM)
    assert len(_loop_threads()) == before + 2  # the API's transport and the upload client's
    client.close()
    assert _wait_for_at_most(before) <= before
    forgotten = in_process_client()
    forgotten.upload_video(forgotten.start(brief="Renewal call").session_id, WEBM)
    assert len(_loop_threads()) == before + 2
    del forgotten
    gc.collect()
    assert _wait_for_at_most(before) <= before


def test_a_client_nobody_closed_is_released_when_collected() -> None:
    before = _settled_count()
    client = in_process_client()
    client.leaderboard()
    assert len(_loop_threads()) == before + 1
    del client
    gc.collect()
    assert _wait_for_at_most(before) <= before


def test_a_bare_transport_nobody_closed_stops_its_thread_when_collected() -> None:
    before = _settled_count()
    http = sync_http_client(ReferenceService())
    assert http.get("/api/v1/roleplays/leaderboard", headers=AUTH).status_code == 200
    assert len(_loop_threads()) == before + 1
    del http
    gc.collect()
    assert _wait_for_at_most(before) <= before


def test_the_async_helper_closes_its_httpx_client() -> None:
    async def main() -> bool:
        async with in_process_async_client() as client:
            await client.leaderboard()
            await client.upload_video((await client.start(brief="Renewal call")).session_id, WEBM)
            https = client._owned_http  # type: ignore[attr-defined]
        return len(https) == 2 and all(http.is_closed for http in https)

    assert asyncio.run(main())


SCRIPTS = {
    "with": """
        from roleplay_reference.testing import in_process_client

        with in_process_client() as client:
            client.leaderboard()
        print("done")
    """,
    "never closed": """
        import atexit, threading

        # Registered first, so it runs last at exit: after the helpers' own exit hooks.
        @atexit.register
        def report():
            alive = [t.name for t in threading.enumerate() if t.name.startswith("roleplay")]
            print("alive at exit:", alive)

        from roleplay_reference.testing import in_process_async_client, in_process_client

        client = in_process_client()
        client.upload_video(client.start(brief="Renewal call").session_id, b"\\x1a\\x45\\xdf\\xa3")
        in_process_async_client()
        print("done")
    """,
    "never closed, inside an event loop": """
        import asyncio
        from roleplay_reference.testing import in_process_client

        async def main():
            client = in_process_client()
            client.leaderboard()
            print("done")

        asyncio.run(main())
    """,
}


@pytest.mark.parametrize("name", SCRIPTS)
def test_scripts_using_the_helpers_exit_promptly(name: str, tmp_path: Path) -> None:
    script = tmp_path / "consumer.py"
    script.write_text(textwrap.dedent(SCRIPTS[name]), encoding="utf-8")
    started = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, str(script)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=5 + 25,  # the bound asserted below, plus room to report a hang
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: the script did not exit within 30 s")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert "done" in result.stdout
    assert elapsed < 5, f"{name}: exited after {elapsed:.1f} s"
    if "alive at exit" in result.stdout:
        assert "alive at exit: []" in result.stdout, result.stdout


# ---------- the helpers are typed ----------

CONSUMER_TEST = """
from roleplay_reference import ReferenceService
from roleplay_reference.testing import in_process_client
from roleplay_sdk import RoleplayClient


def test_preview(roleplay_client: RoleplayClient, roleplay_service: ReferenceService) -> None:
    draft = roleplay_client.{method}(brief="Ask my manager for a raise")
    assert draft.status == "draft"
    assert roleplay_service.count_sessions() == 1


def test_helper() -> None:
    with in_process_client() as client:
        client.{method}(brief="Ask my manager for a raise")
"""


def test_mypy_strict_on_a_consumer_test_catches_a_misspelled_method(tmp_path: Path) -> None:
    good = tmp_path / "test_good.py"
    bad = tmp_path / "test_bad.py"
    good.write_text(CONSUMER_TEST.format(method="preview"), encoding="utf-8")
    bad.write_text(CONSUMER_TEST.format(method="previeww"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "MYPYPATH"}}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "test_good.py",
            "test_bad.py",
        ],
        cwd=tmp_path,  # outside the checkout: the packages are found as installed, via py.typed
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 1, result.stdout + result.stderr
    assert errors and all(line.startswith("test_bad.py:") for line in errors), result.stdout
    assert sum('has no attribute "previeww"' in line for line in errors) == 2, result.stdout


# ---------- the fault switch ----------


def test_fail_next_answers_problems_then_the_service_again() -> None:
    from roleplay_sdk import InternalServerError, RateLimitError

    service = ReferenceService()
    with in_process_client(service=service, max_retries=0) as client:
        service.faults.fail_next(503, times=2)
        service.faults.fail_next(429, retry_after=7)
        with pytest.raises(InternalServerError) as unavailable:
            client.preview(brief="Ask my manager for a raise")
        assert unavailable.value.status_code == 503
        with pytest.raises(InternalServerError):
            client.preview(brief="Ask my manager for a raise")
        with pytest.raises(RateLimitError) as limited:
            client.preview(brief="Ask my manager for a raise")
        assert limited.value.retry_after == 7
        assert service.count_sessions() == 0  # a faulted request never reached the service
        assert client.preview(brief="Ask my manager for a raise").status == "draft"
    assert service.faults.injected == 3
    assert service.count_sessions() == 1


def test_a_retrying_client_gets_past_failures_and_creates_once() -> None:
    service = ReferenceService()
    service.faults.fail_next(503, times=2, retry_after=0)
    with in_process_client(service=service, max_retries=2) as client:
        assert client.start(brief="Ask my manager for a raise").status == "active"
    assert service.faults.injected == 2
    assert service.count_sessions() == 1


def test_slow_times_out_a_client_with_a_shorter_read_timeout() -> None:
    from roleplay_sdk import APITimeoutError

    service = ReferenceService()
    service.faults.slow(3.0)
    started = time.monotonic()
    with (
        in_process_client(service=service, timeout=0.2, max_retries=0) as client,
        pytest.raises(APITimeoutError),
    ):
        client.preview(brief="Ask my manager for a raise")
    assert time.monotonic() - started < 3.0  # the timeout, not the delay, ended the call
    service.faults.slow(0.05)
    with in_process_client(service=service, timeout=5.0) as client:
        assert client.preview(brief="Ask my manager for a raise").status == "draft"
    assert service.count_sessions() == 1  # the timed-out request was never handled


def test_slow_times_out_the_async_client_too() -> None:
    from roleplay_sdk import APITimeoutError

    service = ReferenceService()
    service.faults.slow(3.0)

    async def main() -> None:
        async with in_process_async_client(service=service, timeout=0.2, max_retries=0) as client:
            await client.leaderboard()

    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        asyncio.run(main())
    assert time.monotonic() - started < 3.0


def test_down_is_a_connection_error_until_up() -> None:
    from roleplay_sdk import APIConnectionError

    service = ReferenceService()
    with in_process_client(service=service, max_retries=1) as client:
        service.faults.down()
        with pytest.raises(APIConnectionError):
            client.leaderboard()
        service.faults.up()
        client.leaderboard()
        service.faults.down()
        service.faults.clear()
        client.leaderboard()


def test_faults_over_http_spare_the_control_routes() -> None:
    from roleplay_reference import BackgroundServer

    with BackgroundServer(enable_control=True) as server:
        server.service.faults.fail_next(503, times=1, retry_after=1)
        assert httpx.get(server.base_url + "/_control/counts").status_code == 200
        answer = httpx.get(server.base_url + "/api/v1/roleplays/leaderboard", headers=AUTH)
        assert answer.status_code == 503
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["retry-after"] == "1"
        assert answer.json()["status"] == 503
        ok = httpx.get(server.base_url + "/api/v1/roleplays/leaderboard", headers=AUTH)
        assert ok.status_code == 200


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda f: f.fail_next(200), "HTTP error status"),
        (lambda f: f.fail_next(503, times=0), "positive integer"),
        (lambda f: f.fail_next(503, retry_after=-1), "whole number"),
        (lambda f: f.slow(-1), ">= 0"),
    ],
)
def test_the_fault_switch_refuses_nonsense(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call(ReferenceService().faults)
