"""Every error class: status errors, unavailability, and malformed 2xx answers."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from conftest import Api, StandIn, example, problem

import roleplay_sdk as sdk

BRIEF = "Practise a renewal call with an unhappy customer."


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, sdk.BadRequestError),
        (401, sdk.AuthenticationError),
        (403, sdk.PermissionDeniedError),
        (404, sdk.NotFoundError),
        (409, sdk.ConflictError),
        (415, sdk.APIStatusError),
        (422, sdk.UnprocessableEntityError),
        (429, sdk.RateLimitError),
        (500, sdk.InternalServerError),
        (503, sdk.InternalServerError),
    ],
)
async def test_status_answers_raise_their_class(
    make_api: Any, svc: StandIn, status: int, error: type[sdk.APIStatusError]
) -> None:
    api = make_api(max_retries=0)
    answer = problem(status, "Something", "It went wrong.", **{"X-Request-Id": "req_42"})
    svc.queue("getRoleplayReview", answer)
    with pytest.raises(error) as raised:
        await api("review", "rps_1")
    exc = raised.value
    assert type(exc) is error
    assert isinstance(exc, sdk.APIStatusError) and isinstance(exc, sdk.RoleplayError)
    assert exc.status_code == status
    assert exc.body["detail"] == "It went wrong."
    assert exc.request_id == "req_42"
    assert exc.response.status_code == status
    assert "It went wrong." in str(exc) and "req_42" in str(exc)
    assert isinstance(exc, sdk.ServiceUnavailableError) is (status >= 500)


async def test_problem_field_errors_and_request_id_fallbacks(make_api: Any, svc: StandIn) -> None:
    api = make_api()
    body = example("ValidationProblem")
    body["request_id"] = "req_from_body"
    svc.queue(
        "getRoleplayReview",
        httpx.Response(422, json=body, headers={"Content-Type": "application/problem+json"}),
        problem(404, "Not found", **{"Request-Id": "req_plain"}),
    )
    with pytest.raises(sdk.UnprocessableEntityError) as raised:
        await api("review", "rps_1")
    assert raised.value.request_id == "req_from_body"
    assert raised.value.errors == [
        {"field": "/duration_minutes", "message": "10 is not one of [5, 15, 30]"}
    ]
    with pytest.raises(sdk.NotFoundError) as missing:
        await api("review", "rps_1")
    assert missing.value.request_id == "req_plain"


async def test_real_contract_errors_from_the_stand_in(api: Api, svc: StandIn) -> None:
    with pytest.raises(sdk.NotFoundError):
        await api("review", "rps_nope")
    draft = await api("preview", brief=BRIEF)
    await api("approve", draft.session_id)
    with pytest.raises(sdk.ConflictError):
        await api("approve", draft.session_id)
    with pytest.raises(sdk.ConflictError):  # drafts have no recording; the session is active now
        await api("edit_questions", draft.session_id, ["Too late."])


async def test_a_wrong_token_is_an_authentication_error(make_api: Any) -> None:
    api = make_api(api_token="tok_wrong_one")
    with pytest.raises(sdk.AuthenticationError) as raised:
        await api("leaderboard")
    assert raised.value.status_code == 401


async def test_rate_limit_error_carries_retry_after(make_api: Any, svc: StandIn) -> None:
    api = make_api(max_retries=0)
    svc.queue("getRoleplayLeaderboard", problem(429, "Too many requests", **{"Retry-After": "7"}))
    with pytest.raises(sdk.RateLimitError) as raised:
        await api("leaderboard")
    assert raised.value.retry_after == 7.0


async def test_non_json_error_bodies_still_give_typed_errors(make_api: Any, svc: StandIn) -> None:
    api = make_api(max_retries=0)
    svc.queue("getRoleplayReview", httpx.Response(502, text="<html>Bad gateway</html>"))
    with pytest.raises(sdk.InternalServerError) as raised:
        await api("review", "rps_1")
    assert raised.value.body == {}
    assert "502" in str(raised.value) and "Bad Gateway" in str(raised.value)


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (httpx.ConnectError("refused"), sdk.APIConnectionError),
        (httpx.RemoteProtocolError("reset"), sdk.APIConnectionError),
        (httpx.ReadTimeout("slow"), sdk.APITimeoutError),
        (httpx.ConnectTimeout("slow"), sdk.APITimeoutError),
    ],
)
async def test_unreachable_service_is_service_unavailable(
    make_api: Any, svc: StandIn, failure: Exception, error: type[sdk.APIError]
) -> None:
    api = make_api(max_retries=1)
    svc.queue("getRoleplayReview", failure, failure)
    with pytest.raises(error) as raised:
        await api("review", "rps_1")
    assert isinstance(raised.value, sdk.ServiceUnavailableError)
    assert "unavailable" in str(raised.value)
    assert "text-only rehearsal" in str(raised.value)
    assert len(svc.calls("getRoleplayReview")) == 2


async def test_5xx_after_retries_says_the_service_is_unavailable(
    make_api: Any, svc: StandIn
) -> None:
    api = make_api(max_retries=2)
    svc.queue("getRoleplayReview", *[problem(503, "Service unavailable")] * 3)
    with pytest.raises(sdk.ServiceUnavailableError) as raised:
        await api("review", "rps_1")
    assert isinstance(raised.value, sdk.InternalServerError)
    assert "text-only rehearsal is the fallback" in str(raised.value)
    assert len(svc.calls("getRoleplayReview")) == 3


def _pending(**changes: Any) -> dict[str, Any]:
    review = example("PendingReview")
    review.update(changes)
    return review


def _raw(text: str, media_type: str | None = "application/json") -> Any:
    headers = {"Content-Type": media_type} if media_type else {}
    return lambda: httpx.Response(200, content=text.encode(), headers=headers)


def _body(**changes: Any) -> Any:
    return lambda: httpx.Response(200, json=_pending(**changes))


def _without(field: str) -> Any:
    body = {key: value for key, value in _pending().items() if key != field}
    return lambda: httpx.Response(200, json=body)


MALFORMED = {
    "not-json": (_raw("{not json"), "not valid JSON"),
    "html": (_raw("<html>ok</html>", "text/html"), "text/html"),
    "no-type": (_raw(json.dumps(_pending()), None), "no content type"),
    "list": (_raw(json.dumps([_pending()])), "must be a JSON object"),
    "missing": (_without("status"), "$.status is required"),
    "wrong-type": (_body(status=3), "$.status must be a string"),
    "null-list": (_body(recommendations=None), "$.recommendations must be a list"),
    "bad-time": (_body(completed_at="yesterday"), "$.completed_at is not an RFC 3339"),
    "nested": (_body(scores={"overall": "high", "categories": []}), "overall must be a number"),
}


@pytest.mark.parametrize(("answer", "message"), MALFORMED.values(), ids=MALFORMED.keys())
async def test_malformed_2xx_bodies_raise_and_are_not_guessed(
    api: Api, svc: StandIn, answer: Any, message: str
) -> None:
    svc.queue("getRoleplayReview", answer())  # a fresh Response per run
    with pytest.raises(sdk.APIResponseValidationError) as raised:
        await api("review", "rps_1")
    assert message in str(raised.value)
    assert raised.value.status_code == 200
    assert len(svc.calls("getRoleplayReview")) == 1  # a malformed answer is not retried


async def test_a_bool_is_not_a_number_and_a_number_is_not_a_bool(api: Api, svc: StandIn) -> None:
    board = example("Leaderboard")
    board["entries"][0]["overall_score"] = True
    svc.queue("getRoleplayLeaderboard", httpx.Response(200, json=board))
    with pytest.raises(sdk.APIResponseValidationError, match="overall_score must be a number"):
        await api("leaderboard")
    draft = example("DraftPreview")
    draft["needs_approval"] = 1
    svc.queue("previewRoleplay", httpx.Response(201, json=draft))
    with pytest.raises(
        sdk.APIResponseValidationError, match="needs_approval must be true or false"
    ):
        await api("preview", brief=BRIEF)


async def test_a_started_session_without_its_urls_is_malformed(api: Api, svc: StandIn) -> None:
    session = example("ActiveSession")
    del session["websocket_url"]
    svc.queue("configureRoleplay", httpx.Response(201, json=session))
    with pytest.raises(sdk.APIResponseValidationError, match="websocket_url is required"):
        await api("start", brief=BRIEF)
