"""Retries: which answers are retried, how long the client waits, and idempotency keys."""

from __future__ import annotations

import email.utils
import re
import uuid
from typing import Any

import httpx
import pytest
from conftest import Api, StandIn, problem
from hypothesis import given, settings
from hypothesis import strategies as st

import roleplay_sdk as sdk
from roleplay_sdk._flow import CallSettings, call
from roleplay_sdk._http import DEFAULT_TIMEOUT, BearerAuth
from roleplay_sdk._models import RoleplayReview
from roleplay_sdk._retry import MAX_RETRY_AFTER, RetryPolicy, parse_retry_after

BRIEF = "Practise asking my manager for a promotion to senior engineer."


def keys(svc: StandIn, operation: str) -> list[str]:
    return [seen["headers"]["idempotency-key"] for seen in svc.calls(operation)]


async def test_a_5xx_is_retried_with_the_same_idempotency_key(
    api: Api, svc: StandIn, sleeps: list[float]
) -> None:
    svc.queue("previewRoleplay", problem(503, "Unavailable"), problem(500, "Internal"))
    preview = await api("preview", brief=BRIEF)
    assert preview.status == "draft"
    sent = keys(svc, "previewRoleplay")
    assert len(sent) == 3 and len(set(sent)) == 1
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5 and 0.75 <= sleeps[1] <= 1.0  # doubling, minus jitter


async def test_each_logical_call_gets_its_own_key(api: Api, svc: StandIn) -> None:
    await api("preview", brief=BRIEF)
    await api("preview", brief=BRIEF)
    first, second = keys(svc, "previewRoleplay")
    assert first != second


def test_a_generated_key_is_a_random_uuid4_spelled_as_uuid_spells_it() -> None:
    """The key is made from os.urandom without uuid.UUID: uuid itself must read it back."""
    from roleplay_sdk._settings import new_idempotency_key
    from roleplay_sdk._validate import IDEMPOTENCY_KEY_PATTERN

    made = [new_idempotency_key() for _ in range(2000)]
    assert len(set(made)) == len(made)
    for key in made:
        parsed = uuid.UUID(key)
        assert str(parsed) == key and parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert re.fullmatch(IDEMPOTENCY_KEY_PATTERN.strip("^$"), key)
    # The variant's two free bits and every other digit are random, not fixed.
    assert {key[19] for key in made} == set("89ab")
    assert all(
        len({key[i] for key in made}) == 16 for i in range(36) if i not in (8, 13, 14, 18, 19, 23)
    )


@pytest.mark.parametrize(
    ("method", "operation"),
    [
        ("preview", "previewRoleplay"),
        ("start", "configureRoleplay"),
        ("create_roleplay", "previewRoleplay"),
    ],
)
async def test_a_callers_key_is_sent_unchanged_on_every_retry(
    api: Api, svc: StandIn, method: str, operation: str
) -> None:
    svc.queue(operation, httpx.ConnectError("refused"))
    await api(method, brief=BRIEF, idempotency_key="order-4711-preview")
    assert keys(svc, operation) == ["order-4711-preview"] * 2


async def test_a_retried_create_replays_instead_of_creating_twice(api: Api, svc: StandIn) -> None:
    """The request reached the server but the answer was lost: the retry is a replay."""

    def lose_the_answer(request: httpx.Request) -> httpx.Response:
        svc.queued["createAssignments"].clear()
        svc(request)  # the stand-in creates the assignments...
        raise httpx.ReadTimeout("answer lost", request=request)  # ...but nobody hears back

    svc.queue("createAssignments", lose_the_answer)
    created = await api(
        "create_assignments", ["a@example.com"], title="Renewal", brief="Renew the account."
    )
    assert len(svc.assignments) == 1
    assert [a.assignment_id for a in created.assignments] == list(svc.assignments)
    assert len(set(keys(svc, "createAssignments"))) == 1


async def test_every_creating_post_sends_an_idempotency_key(api: Api, svc: StandIn) -> None:
    draft = await api("preview", brief=BRIEF)
    await api("approve", draft.session_id, idempotency_key="approve-key-1")
    session = await api("start", brief=BRIEF)
    await api("upload_video", session.session_id, b"webm", idempotency_key="video-key-1")
    await api("create_assignments", ["a@example.com"], title="T", brief="Brief.")
    for operation in (
        "previewRoleplay",
        "configureRoleplay",
        "approveRoleplay",
        "createVideoUploadUrl",
        "confirmVideoUploaded",
        "createAssignments",
    ):
        assert all(keys(svc, operation)), operation
    assert keys(svc, "approveRoleplay") == ["approve-key-1"]
    assert keys(svc, "createVideoUploadUrl") == ["video-key-1:url"]
    assert keys(svc, "confirmVideoUploaded") == ["video-key-1:confirm"]
    for operation in ("updateRoleplayQuestions", "unassignAssignments", "getRoleplayReview"):
        assert all("idempotency-key" not in seen["headers"] for seen in svc.calls(operation))


async def test_429_waits_the_servers_retry_after(
    api: Api, svc: StandIn, sleeps: list[float]
) -> None:
    svc.queue("getRoleplayLeaderboard", problem(429, "Slow down", **{"Retry-After": "3"}))
    await api("leaderboard")
    assert sleeps == [3.0]


async def test_retry_after_as_an_http_date(api: Api, svc: StandIn, sleeps: list[float]) -> None:
    import time

    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    svc.queue("getRoleplayReview", problem(503, "Unavailable", **{"Retry-After": when}))
    with pytest.raises(sdk.NotFoundError):  # the retry reaches the stand-in: no such session
        await api("review", "rps_1")
    [slept] = sleeps
    assert 15 <= slept <= 20


async def test_a_retry_after_beyond_the_cap_is_not_waited_for(
    api: Api, svc: StandIn, sleeps: list[float]
) -> None:
    svc.queue("getRoleplayLeaderboard", problem(429, "Slow down", **{"Retry-After": "3600"}))
    with pytest.raises(sdk.RateLimitError) as raised:
        await api("leaderboard")
    assert raised.value.retry_after == 3600.0
    assert sleeps == [] and len(svc.calls("getRoleplayLeaderboard")) == 1


async def test_408_is_retried(api: Api, svc: StandIn, sleeps: list[float]) -> None:
    svc.queue("getRoleplayLeaderboard", problem(408, "Request timeout"))
    await api("leaderboard")
    assert len(svc.calls("getRoleplayLeaderboard")) == 2 and len(sleeps) == 1


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, sdk.BadRequestError),
        (404, sdk.NotFoundError),
        (409, sdk.ConflictError),
        (422, sdk.UnprocessableEntityError),
    ],
)
async def test_client_errors_are_not_retried(
    api: Api, svc: StandIn, sleeps: list[float], status: int, error: type[Exception]
) -> None:
    svc.queue("getRoleplayReview", problem(status, "No"))
    with pytest.raises(error):
        await api("review", "rps_1")
    assert len(svc.calls("getRoleplayReview")) == 1 and sleeps == []


async def test_max_retries_zero_turns_retries_off(
    make_api: Any, svc: StandIn, sleeps: list[float]
) -> None:
    api = make_api(max_retries=0)
    svc.queue("getRoleplayReview", problem(503, "Unavailable"))
    with pytest.raises(sdk.InternalServerError):
        await api("review", "rps_1")
    svc.queue("getRoleplayReview", httpx.ConnectError("refused"))
    with pytest.raises(sdk.APIConnectionError):
        await api("review", "rps_1")
    assert len(svc.calls("getRoleplayReview")) == 2 and sleeps == []


async def test_retries_stop_after_max_retries(
    make_api: Any, svc: StandIn, sleeps: list[float]
) -> None:
    api = make_api(max_retries=3)
    svc.queue("getRoleplayReview", *[problem(500, "Internal")] * 4)
    with pytest.raises(sdk.InternalServerError):
        await api("review", "rps_1")
    assert len(svc.calls("getRoleplayReview")) == 4 and len(sleeps) == 3
    assert sleeps[0] < sleeps[1] < sleeps[2]


async def test_connection_errors_and_timeouts_are_retried(
    api: Api, svc: StandIn, sleeps: list[float]
) -> None:
    svc.queue("getRoleplayLeaderboard", httpx.ConnectError("refused"), httpx.ReadTimeout("slow"))
    board = await api("leaderboard")
    assert board.entries and len(sleeps) == 2


async def test_with_options_changes_max_retries(api: Api, svc: StandIn) -> None:
    strict = type(api)(api.client.with_options(max_retries=0))
    svc.queue("getRoleplayLeaderboard", problem(503, "Unavailable"), problem(503, "Unavailable"))
    with pytest.raises(sdk.InternalServerError):
        await strict("leaderboard")
    assert (await api("leaderboard")).entries  # the original still retries
    assert len(svc.calls("getRoleplayLeaderboard")) == 3


async def test_the_presigned_upload_is_retried_with_the_same_bytes(
    api: Api, svc: StandIn, sleeps: list[float]
) -> None:
    session = await api("start", brief=BRIEF)
    original_put = svc._put
    failures = iter([httpx.Response(503), httpx.ReadError("reset")])

    def flaky_put(request: httpx.Request) -> httpx.Response:
        failure = next(failures, None)
        if failure is None:
            return original_put(request)
        original_put(request)
        svc.uploads[request.url.path.rsplit("/", 1)[1]]["bytes"] = None
        if isinstance(failure, Exception):
            raise failure
        return failure

    svc._put = flaky_put  # type: ignore[method-assign]
    await api("upload_video", session.session_id, b"the-video")
    assert [put["content"] for put in svc.puts] == [b"the-video"] * 3
    assert len(sleeps) == 2


async def test_an_upload_url_that_refuses_names_itself(api: Api, svc: StandIn) -> None:
    session = await api("start", brief=BRIEF)
    svc._put = lambda request: httpx.Response(403, text="<Error>expired</Error>")  # type: ignore[method-assign]
    with pytest.raises(sdk.PermissionDeniedError) as raised:
        await api("upload_video", session.session_id, b"webm")
    assert str(raised.value) == "upload URL: 403: Forbidden"
    assert not svc.calls("confirmVideoUploaded")


async def test_per_call_timeout_overrides_the_default(api: Api, svc: StandIn) -> None:
    await api("leaderboard")
    await api("leaderboard", timeout=2.5)
    await api("leaderboard", timeout=httpx.Timeout(9.0))
    default, short, explicit = (seen["timeout"] for seen in svc.calls("getRoleplayLeaderboard"))
    assert default == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert short == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}
    assert explicit == httpx.Timeout(9.0).as_dict()


# --- the policy itself -----------------------------------------------------------------------


def _review_flow(client: sdk.RoleplayClient, *, repeatable: bool) -> Any:
    from roleplay_sdk._ops_sessions import get_roleplay_review

    settings_ = CallSettings(
        auth=BearerAuth("tok_x"), timeout=DEFAULT_TIMEOUT, retry=RetryPolicy(max_retries=2)
    )
    return call(
        settings_,
        get_roleplay_review,
        {"session_id": "rps_1"},
        RoleplayReview.from_json,
        repeatable=repeatable,
    )


@pytest.mark.parametrize(
    ("failure", "attempts"),
    [
        (httpx.ConnectError("refused"), 3),  # never reached the server: retried
        (httpx.ConnectTimeout("slow"), 3),
        (httpx.ReadTimeout("slow"), 1),  # may have reached it: not retried
        (httpx.RemoteProtocolError("reset"), 1),
        (problem(503, "Unavailable"), 1),
    ],
)
def test_a_call_that_is_not_repeatable_is_only_retried_before_it_was_sent(
    make_client: Any, svc: StandIn, failure: Any, attempts: int
) -> None:
    client = make_client("sync")
    svc.queue("getRoleplayReview", *[failure] * 3)
    with pytest.raises((sdk.APIConnectionError, sdk.APITimeoutError, sdk.InternalServerError)):
        client._run(_review_flow(client, repeatable=False))
    assert len(svc.calls("getRoleplayReview")) == attempts


@settings(max_examples=150, deadline=None)
@given(attempt=st.integers(1, 40), jitter=st.floats(0, 1))
def test_backoff_doubles_up_to_the_cap_minus_at_most_a_quarter(attempt: int, jitter: float) -> None:
    policy = RetryPolicy(jitter=lambda: jitter)
    base = min(0.5 * 2 ** (attempt - 1), 8.0)
    assert 0.75 * base <= policy.backoff(attempt) <= base


@settings(max_examples=150, deadline=None)
@given(seconds=st.integers(0, 100_000))
def test_retry_after_seconds_and_dates_agree(seconds: int) -> None:
    now = 1_800_000_000.0
    assert parse_retry_after(str(seconds), now=now) == seconds
    date = email.utils.formatdate(now + seconds, usegmt=True)
    assert parse_retry_after(date, now=now) == seconds


@pytest.mark.parametrize("value", [None, "", "soon", "nan"])
def test_unreadable_retry_after_falls_back_to_backoff(value: str | None) -> None:
    assert parse_retry_after(value) is None
    response = httpx.Response(429, headers={} if value is None else {"Retry-After": value})
    delay = RetryPolicy(jitter=lambda: 0.0).delay_after(response, 1)
    assert delay == 0.5


def test_a_past_date_means_retry_now_and_the_cap_is_thirty_seconds() -> None:
    assert parse_retry_after("Mon, 01 Jan 2001 00:00:00 GMT") == 0.0
    assert MAX_RETRY_AFTER == 30.0
    policy = RetryPolicy()
    assert policy.delay_after(httpx.Response(503, headers={"Retry-After": "30"}), 1) == 30.0
    assert policy.delay_after(httpx.Response(503, headers={"Retry-After": "31"}), 1) is None
    assert policy.delay_after(httpx.Response(404), 1) is None
