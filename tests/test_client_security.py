"""The token stays secret, presigned uploads get no credentials, plain http is refused."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
import respx
from conftest import BASE, TOKEN, Api, StandIn, problem

from roleplay_sdk import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AsyncRoleplayClient,
    InternalServerError,
    NotFoundError,
    RoleplayClient,
    RoleplayValidationError,
)
from roleplay_sdk._http import BearerAuth

BRIEF = "Practise a salary negotiation with the recruiter."


def leaks(*things: object) -> list[str]:
    return [repr(thing) for thing in things if TOKEN in repr(thing) or TOKEN in str(thing)]


async def test_the_token_is_sent_to_the_service(api: Api, svc: StandIn) -> None:
    await api("leaderboard")
    assert svc.requests[0]["headers"]["authorization"] == f"Bearer {TOKEN}"


async def test_the_token_is_in_no_repr_str_result_or_exception(api: Api, svc: StandIn) -> None:
    copy = api.client.with_options(timeout=3)
    result = await api("preview", brief=BRIEF)
    svc.queue("getRoleplayReview", problem(404, "Not found"))
    svc.queue("getRoleplayLeaderboard", *[httpx.ConnectError("refused")] * 3)
    errors: list[Exception] = []
    for name, args in (("review", ("rps_1",)), ("leaderboard", ())):
        with pytest.raises((NotFoundError, APIConnectionError)) as raised:
            await api(name, *args)
        errors.append(raised.value)
    status_error, connection_error = errors
    assert isinstance(status_error, APIStatusError)
    things: list[object] = [
        api.client,
        copy,
        api.client._settings,
        api.client._http.auth,
        result,
        *errors,
        status_error.response.request.headers,
        connection_error.request,
        BearerAuth(TOKEN),
    ]
    assert leaks(*things) == []
    assert "authorization" not in status_error.response.request.headers
    assert connection_error.request is not None
    assert "authorization" not in connection_error.request.headers


async def test_the_token_is_never_logged(
    make_api: Any, svc: StandIn, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api = make_api()
    session = await api("start", brief=BRIEF)
    svc.queue("getRoleplayReview", problem(503, "Unavailable", **{"X-Request-Id": "req_7"}))
    await api("review", session.session_id)
    await api("upload_video", session.session_id, b"webm")
    svc.queue("getRoleplayLeaderboard", *[httpx.ConnectError("refused")] * 3)
    with pytest.raises(APIConnectionError):
        await api("leaderboard")
    assert caplog.records
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(record.args)
    ours = [record.getMessage() for record in caplog.records if record.name == "roleplay_sdk"]
    assert "GET /api/v1/roleplays/review/rps_0001 -> 503 (attempt 1, request id req_7)" in ours
    assert "GET /api/v1/roleplays/review/rps_0001 -> 200 (attempt 2, request id None)" in ours
    assert "PUT /uploads/upl_0003 -> 200 (attempt 1, request id None)" in ours
    assert any(message.endswith("-> ConnectError (attempt 3, request id None)") for message in ours)
    assert all(
        record.levelno == logging.DEBUG
        for record in caplog.records
        if record.name == "roleplay_sdk"
    )


def test_bearer_auth_redacts_itself() -> None:
    auth = BearerAuth(TOKEN)
    assert TOKEN not in repr(auth) and TOKEN not in str(auth)
    request = httpx.Request("GET", "https://api.example.test/x")
    next(auth.auth_flow(request))
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


async def test_the_upload_uses_no_authorization_even_on_the_services_host(
    make_api: Any, svc: StandIn
) -> None:
    """The facade's own upload client: a presigned URL on the API host still gets no token."""
    svc.upload_base = BASE
    api = make_api(upload_http_client=None)
    session = await api("start", brief=BRIEF)
    with respx.mock(assert_all_called=True) as router:
        put = router.put(url__startswith=f"{BASE}/uploads/").mock(side_effect=svc)
        await api("upload_video", session.session_id, b"webm-bytes")
    [sent] = put.calls
    assert "authorization" not in sent.request.headers
    assert sent.request.headers["content-type"] == "video/webm"
    assert svc.puts[0]["content"] == b"webm-bytes"
    await api.close()


async def test_an_upload_client_shared_with_the_service_sends_no_token(
    make_client: Any, svc: StandIn, kind: str
) -> None:
    svc.upload_base = BASE
    cls = httpx.Client if kind == "sync" else httpx.AsyncClient
    shared = cls(transport=httpx.MockTransport(svc))
    api = Api(make_client(kind, http_client=shared, upload_http_client=shared))
    session = await api("start", brief=BRIEF)
    await api("upload_video", session.session_id, b"webm")
    assert "authorization" not in svc.puts[0]["headers"]
    assert svc.calls("confirmVideoUploaded")[0]["headers"]["authorization"] == f"Bearer {TOKEN}"


def test_an_upload_client_with_an_authorization_header_is_refused() -> None:
    with pytest.raises(RoleplayValidationError, match="upload_http_client"):
        RoleplayClient(
            base_url=BASE,
            api_token=TOKEN,
            upload_http_client=httpx.Client(headers={"Authorization": "Bearer x"}),
        )


async def test_a_plain_http_upload_url_is_refused_before_any_bytes_are_sent(
    api: Api, svc: StandIn
) -> None:
    svc.upload_base = "http://files.example.test"
    session = await api("start", brief=BRIEF)
    with pytest.raises(APIResponseValidationError, match="plain http"):
        await api("upload_video", session.session_id, b"webm")
    assert svc.puts == [] and not svc.calls("confirmVideoUploaded")


@pytest.mark.parametrize("cls", [RoleplayClient, AsyncRoleplayClient])
@pytest.mark.parametrize(
    "url", ["http://api.example.test", "http://10.0.0.8:8080", "http://localhost.evil.com"]
)
def test_plain_http_to_another_host_is_refused(cls: Any, url: str) -> None:
    with pytest.raises(RoleplayValidationError, match="allow_insecure_http") as raised:
        cls(base_url=url, api_token=TOKEN)
    assert raised.value.field == "base_url" and TOKEN not in str(raised.value)
    assert cls(base_url=url, api_token=TOKEN, allow_insecure_http=True).base_url.scheme == "http"


@pytest.mark.parametrize(
    "url",
    ["http://localhost:8000", "http://127.0.0.1", "http://127.8.9.10:1", "http://[::1]:8080"],
)
def test_plain_http_to_loopback_is_fine(url: str) -> None:
    client = RoleplayClient(base_url=url, api_token=TOKEN)
    assert client.base_url == httpx.URL(url)
    client.close()


@pytest.mark.parametrize("url", ["ftp://api.example.test", "api.example.test", "https://x/?a=1"])
def test_base_url_must_be_an_absolute_http_url(url: str) -> None:
    with pytest.raises(RoleplayValidationError, match="base_url"):
        RoleplayClient(base_url=url, api_token=TOKEN)


def test_with_options_cannot_switch_to_plain_http(make_client: Any) -> None:
    client = RoleplayClient(base_url=BASE, api_token=TOKEN)
    with pytest.raises(RoleplayValidationError, match="base_url"):
        client.with_options(base_url="http://api.example.test")
    client.close()


async def test_redirects_are_not_followed(make_api: Any) -> None:
    api = make_api(http_client=None, upload_http_client=None, max_retries=0)
    with respx.mock(assert_all_called=False) as router:
        moved = router.get(f"{BASE}/api/v1/roleplays/leaderboard").respond(
            307, headers={"Location": "https://elsewhere.example/steal"}
        )
        elsewhere = router.get(url__startswith="https://elsewhere.example/")
        with pytest.raises(APIStatusError) as raised:
            await api("leaderboard")
    assert raised.value.status_code == 307
    assert moved.called and not elsewhere.called
    await api.close()


async def test_the_facades_own_client_sends_the_token_then_forgets_it(make_api: Any) -> None:
    """Without a caller's http_client the facade builds its own, with the same behaviour."""
    api = make_api(http_client=None, upload_http_client=None)
    seen: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Authorization"))
        return httpx.Response(500)

    with respx.mock() as router:
        router.get(f"{BASE}/api/v1/roleplays/review/rps_1").mock(side_effect=answer)
        with pytest.raises(InternalServerError) as raised:
            await api("review", "rps_1")
    assert seen == [f"Bearer {TOKEN}"] * 3
    # Once answered, the request object the error keeps no longer holds the token.
    assert "authorization" not in raised.value.response.request.headers
    await api.close()
