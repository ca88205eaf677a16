"""The call limits on the stand-in: deadline, response cap, retry budget and redaction.

The hostile-server tests (tests/hostile/) drive the same limits over real sockets; these pin
the rules (arguments, messages, what is shared, what is kept) quickly, on both clients.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
import traceback
import zlib
from typing import Any

import httpx
import pytest
from conftest import TOKEN, Api, StandIn, problem

import roleplay_sdk as sdk
from roleplay_sdk._budget import CAPACITY, RETRY_COST, TIMEOUT_RETRY_COST, RetryBudget
from roleplay_sdk._http import _CURRENT, CallState
from roleplay_sdk._limits import DEFAULT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, ERROR_BODY_LIMIT
from roleplay_sdk._redact import LOG_FILTER

BRIEF = "Practise asking my manager for a promotion to senior engineer."
BOARD = json.dumps({"entries": []}).encode()


def _json(content: bytes, **headers: str) -> httpx.Response:
    return httpx.Response(
        200, content=content, headers={"Content-Type": "application/json", **headers}
    )


class _Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A streamed body (not read up front, unlike httpx.Response(content=...))."""

    def __init__(self, *chunks: bytes) -> None:
        self._chunks = chunks

    def __iter__(self) -> Any:
        yield from self._chunks

    async def __aiter__(self) -> Any:
        for chunk in self._chunks:
            yield chunk


# --- arguments ------------------------------------------------------------------------------


def test_the_defaults(make_client: Any) -> None:
    client = make_client("sync")
    assert client.deadline == DEFAULT_DEADLINE == 60.0
    assert client.max_response_bytes == DEFAULT_MAX_RESPONSE_BYTES == 32 * 1024 * 1024


@pytest.mark.parametrize("value", [0, -1, "5", True, float("nan"), float("inf")])
async def test_a_bad_deadline_is_refused_everywhere_before_anything_is_sent(
    make_api: Any, svc: StandIn, value: Any
) -> None:
    api = make_api()
    for attempt in (
        lambda: make_api(deadline=value),
        lambda: api.client.with_options(deadline=value),
    ):
        with pytest.raises(sdk.RoleplayValidationError) as raised:
            attempt()
        assert raised.value.field == "deadline"
    for name, args in (("leaderboard", ()), ("preview", ()), ("bulk_results", (["a"],))):
        kwargs = {"brief": BRIEF} if name == "preview" else {}
        with pytest.raises(sdk.RoleplayValidationError, match="deadline"):
            await api(name, *args, deadline=value, **kwargs)
    assert svc.requests == []


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "1"])
def test_a_bad_max_response_bytes_is_refused(make_client: Any, value: Any) -> None:
    with pytest.raises(sdk.RoleplayValidationError, match="max_response_bytes"):
        make_client("sync", max_response_bytes=value)
    with pytest.raises(sdk.RoleplayValidationError, match="max_response_bytes"):
        make_client("sync").with_options(max_response_bytes=value)


def test_with_options_keeps_the_limits_unless_given_and_none_turns_them_off(
    make_client: Any,
) -> None:
    client = make_client("sync", deadline=9, max_response_bytes=1000)
    kept = client.with_options(timeout=3)
    assert (kept.deadline, kept.max_response_bytes) == (9.0, 1000)
    off = client.with_options(deadline=None, max_response_bytes=None)
    assert (off.deadline, off.max_response_bytes) == (None, None)
    assert (client.deadline, client.max_response_bytes) == (9.0, 1000)


def test_copies_share_the_budget_and_new_clients_get_their_own(make_client: Any) -> None:
    client = make_client("sync")
    budget = client._settings.call.budget
    assert client.with_options(max_retries=5, deadline=3)._settings.call.budget is budget
    assert client.with_options(api_token="tok_other_123")._settings.call.budget is budget
    assert make_client("sync")._settings.call.budget is not budget


# --- the deadline ---------------------------------------------------------------------------


async def test_each_attempt_timeout_is_cut_to_what_remains(api: Api, svc: StandIn) -> None:
    await api("leaderboard", deadline=1.5)
    await api("leaderboard", timeout=1.0, deadline=1.5)
    cut, shorter = (seen["timeout"] for seen in svc.calls("getRoleplayLeaderboard"))
    assert all(1.3 < value <= 1.5 for value in cut.values()), cut
    assert shorter == {"connect": 1.0, "read": 1.0, "write": 1.0, "pool": 1.0}


async def test_a_wait_past_the_deadline_is_not_slept_and_says_so(
    make_api: Any, svc: StandIn, sleeps: list[float]
) -> None:
    api = make_api(deadline=2)
    svc.queue("getRoleplayLeaderboard", problem(429, "Slow down", **{"Retry-After": "3"}))
    with pytest.raises(sdk.RateLimitError) as raised:
        await api("leaderboard")
    assert raised.value.retry_after == 3.0 and sleeps == []
    assert "not retried: the wait of 3.0 s would pass the call's deadline of 2 s" in str(
        raised.value
    )
    assert str(raised.value) in repr(raised.value.args)
    # Without the deadline the same answer is waited for (Retry-After is under its cap).
    svc.queue("getRoleplayLeaderboard", problem(429, "Slow down", **{"Retry-After": "3"}))
    await api("leaderboard", deadline=None)
    assert sleeps == [3.0]


async def test_a_deadline_never_turns_a_retried_create_into_a_duplicate(
    make_api: Any, svc: StandIn
) -> None:
    def lose_the_answer(request: httpx.Request) -> httpx.Response:
        svc.queued["previewRoleplay"].clear()
        svc(request)  # the stand-in creates the draft...
        raise httpx.ReadTimeout("answer lost", request=request)  # ...nobody hears back

    api = make_api(deadline=5)
    svc.queue("previewRoleplay", lose_the_answer)
    draft = await api("preview", brief=BRIEF, deadline=4)
    assert list(svc.sessions) == [draft.session_id]
    keys = {seen["headers"]["idempotency-key"] for seen in svc.calls("previewRoleplay")}
    assert len(keys) == 1  # the retry replayed the first attempt's key


def test_a_bulk_call_shares_one_deadline_across_its_chunks(make_client: Any, svc: StandIn) -> None:
    """Sequential chunks on the blocking client: once the deadline passed, no chunk is sent."""

    def slow(request: httpx.Request) -> httpx.Response:
        time.sleep(0.3)
        asked = json.loads(request.content)["assignment_ids"]
        results = [
            {"assignment_id": i, "found": False, "assignment": None, "review": None} for i in asked
        ]
        return httpx.Response(200, json={"results": results})

    client = make_client("sync")
    svc.queue("bulkAssignmentResults", slow)
    ids = [f"asg_{n:04d}" for n in range(150)]  # two chunks
    with pytest.raises(sdk.APITimeoutError, match=r"deadline of 0\.2 s passed before attempt 1"):
        client.bulk_results(ids, deadline=0.2)
    assert len(svc.calls("bulkAssignmentResults")) == 1


# --- the response cap -------------------------------------------------------------------------


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("declared", [False, True])
async def test_a_2xx_over_the_cap_raises_response_too_large(
    make_api: Any, svc: StandIn, streamed: bool, declared: bool
) -> None:
    body = json.dumps({"entries": [], "padding": "x" * 5000}).encode()
    headers = {"Content-Type": "application/json"}
    if declared:
        headers["Content-Length"] = str(len(body))
    answer = (
        httpx.Response(200, headers=headers, stream=_Chunks(body[:2000], body[2000:]))
        if streamed
        else httpx.Response(200, headers=headers, content=body)
    )
    api = make_api(max_response_bytes=4096)
    svc.queue("getRoleplayLeaderboard", answer)
    with pytest.raises(sdk.ResponseTooLargeError) as raised:
        await api("leaderboard")
    assert raised.value.limit == 4096
    # httpx.Response(content=...) declares its length itself.
    assert raised.value.declared == (len(body) if declared or not streamed else None)
    assert len(svc.calls("getRoleplayLeaderboard")) == 1  # not retried
    svc.queue("getRoleplayLeaderboard", _json(body))
    exact = Api(api.client.with_options(max_response_bytes=len(body)))
    assert (await exact("leaderboard")).entries == ()  # a body of exactly the cap is read


async def test_an_error_body_over_its_cap_keeps_the_status_and_is_still_retried(
    api: Api, svc: StandIn, sleeps: list[float]
) -> None:
    huge = httpx.Response(
        503,
        headers={"Content-Type": "application/problem+json"},
        stream=_Chunks(b'{"title": "', b"x" * ERROR_BODY_LIMIT, b'"}'),
    )
    svc.queue("getRoleplayLeaderboard", huge)
    assert (await api("leaderboard")).entries  # the 503 was retried
    svc.queue("getRoleplayReview", problem(404, "Gone"))
    svc.queue("getRoleplayReview", httpx.Response(404, content=b"x" * (ERROR_BODY_LIMIT + 1)))
    with pytest.raises(sdk.NotFoundError):
        await api("review", "rps_1")
    with pytest.raises(sdk.NotFoundError) as raised:
        await api("review", "rps_1")
    assert raised.value.body == {}
    assert f"its body was over {ERROR_BODY_LIMIT} bytes and was not read" in str(raised.value)


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(gzip.compress, id="gzip"),
        pytest.param(zlib.compress, id="deflate-zlib"),
        pytest.param(lambda data: zlib.compress(data)[2:-4], id="deflate-raw"),
    ],
)
async def test_compressed_answers_are_decoded_and_capped_by_their_decoded_size(
    make_api: Any, svc: StandIn, encode: Any
) -> None:
    encoding = "gzip" if encode is gzip.compress else "deflate"
    api = make_api(max_response_bytes=600_000)
    board = json.dumps({"entries": [], "padding": " " * 500_000}).encode()
    for _ in range(2):
        svc.queue("getRoleplayLeaderboard", _chunked(encode(board), encoding))
    assert (await api("leaderboard")).entries == ()
    assert (await api("leaderboard", deadline=None)).entries == ()
    bigger = json.dumps({"entries": [], "padding": " " * 700_000}).encode()
    svc.queue("getRoleplayLeaderboard", _chunked(encode(bigger), encoding))
    with pytest.raises(sdk.ResponseTooLargeError):
        await api("leaderboard")


def _chunked(data: bytes, encoding: str) -> httpx.Response:
    middle = len(data) // 2
    headers = {"Content-Type": "application/json", "Content-Encoding": encoding}
    return httpx.Response(200, headers=headers, stream=_Chunks(data[:middle], data[middle:]))


# --- the retry budget -------------------------------------------------------------------------


def test_the_budget_takes_per_retry_and_refills_on_success() -> None:
    budget = RetryBudget()
    assert budget.available == CAPACITY == 500
    taken = 0
    while budget.acquire(RETRY_COST):
        taken += 1
    assert taken == CAPACITY // RETRY_COST  # 100 retries, then none
    assert not budget.acquire(1) or budget.available >= 0
    budget.release(TIMEOUT_RETRY_COST)
    assert budget.available == TIMEOUT_RETRY_COST
    budget.release(10_000)
    assert budget.available == CAPACITY  # never above capacity


async def test_an_empty_budget_means_no_retry_and_the_message_says_why(
    make_api: Any, svc: StandIn, sleeps: list[float]
) -> None:
    api = make_api(max_retries=2)
    budget = api.client._settings.call.budget
    budget.acquire(budget.available - RETRY_COST + 1)  # less than one retry left
    svc.queue("getRoleplayLeaderboard", problem(503, "Unavailable"))
    with pytest.raises(sdk.InternalServerError, match="retry budget is spent") as raised:
        await api("leaderboard")
    assert sleeps == [] and len(svc.calls("getRoleplayLeaderboard")) == 1
    assert "text-only rehearsal" in str(raised.value)  # still the fallback message
    # Timeouts cost more: a budget with one plain retry left does not pay for a timeout.
    budget.release(RETRY_COST)
    svc.queue("getRoleplayLeaderboard", httpx.ReadTimeout("slow"))
    with pytest.raises(sdk.APITimeoutError, match="retry budget is spent"):
        await api("leaderboard")
    # A success refills: each call that needed no retry gives a token back.
    before = budget.available
    await api("leaderboard")
    assert budget.available == before + 1


async def test_a_retry_that_succeeds_gives_its_tokens_back(
    api: Api, svc: StandIn, sleeps: list[float]
) -> None:
    budget = api.client._settings.call.budget
    budget.acquire(100)
    svc.queue("getRoleplayLeaderboard", problem(503, "Unavailable"), httpx.ReadTimeout("slow"))
    await api("leaderboard")
    # Two retries took 5 + 10; the success returned what the last one took (as botocore does).
    assert budget.available == CAPACITY - 100 - RETRY_COST - TIMEOUT_RETRY_COST + 10


# --- redaction --------------------------------------------------------------------------------


async def test_a_storage_error_quoting_the_signature_leaks_it_nowhere(
    api: Api, svc: StandIn
) -> None:
    session = await api("start", brief=BRIEF)

    def refuse(request: httpx.Request) -> httpx.Response:
        query = request.url.query.decode()
        return httpx.Response(
            403,
            headers={"Content-Type": "application/problem+json", "X-Query": query},
            json={"title": "SignatureDoesNotMatch", "detail": f"rejected {query}"},
        )

    svc.max_upload_bytes = 524288000
    svc.upload_base = "https://files.example.test"
    original = svc.op_createVideoUploadUrl

    def long_signature(**kwargs: Any) -> httpx.Response:
        answer = original(**kwargs)
        target = answer.json()
        target["upload_url"] = target["upload_url"].replace("9a8b", "9a8b7c6d5e4f3a2b1c0d")
        return httpx.Response(201, json=target)

    svc.op_createVideoUploadUrl = long_signature  # type: ignore[method-assign]
    svc._put = refuse  # type: ignore[method-assign]
    with pytest.raises(sdk.PermissionDeniedError) as raised:
        await api("upload_video", session.session_id, b"webm")
    error = raised.value
    shown = _everything(error)
    assert "9a8b7c6d5e4f3a2b1c0d" not in shown and "signature=" not in shown, shown
    assert str(error) == "upload URL: 403: SignatureDoesNotMatch: rejected ***"
    assert error.request is not None and error.request.url.query == b"***"


async def test_an_error_chained_from_a_transport_error_quoting_the_token_is_scrubbed(
    make_api: Any, svc: StandIn
) -> None:
    api = make_api(max_retries=0)
    svc.queue("getRoleplayLeaderboard", httpx.RemoteProtocolError(f"bad header 'Bearer {TOKEN}'"))
    with pytest.raises(sdk.APIConnectionError) as raised:
        await api("leaderboard")
    shown = _everything(raised.value)
    assert TOKEN not in shown and "bad header 'Bearer ***'" in shown


def _everything(error: BaseException) -> str:
    parts = [str(error), repr(error), repr(vars(error)), "".join(traceback.format_exception(error))]
    response = getattr(error, "response", None)
    if response is not None:
        parts += [response.text, repr(response.headers), repr(getattr(error, "body", None))]
    return "\n".join(parts)


def test_the_log_filter_rewrites_only_records_of_a_bound_sdk_attempt() -> None:
    def record(message: str, *args: object) -> logging.LogRecord:
        return logging.LogRecord("httpx", logging.INFO, __file__, 1, message, args, None)

    outside = record("GET %s", f"https://x.test/?token={TOKEN}")
    assert LOG_FILTER.filter(outside) and TOKEN in outside.getMessage()
    assert outside.args  # untouched

    from roleplay_sdk._http import BearerAuth

    state = CallState(timeout=httpx.Timeout(1.0), auth=BearerAuth(TOKEN), redact=("sig123456",))
    bound = _CURRENT.set(state)
    try:
        leaking = record("GET %s %s", f"Bearer {TOKEN}", "?sig123456")
        clean = record("GET %s", "/api/v1/roleplays/leaderboard")
        assert LOG_FILTER.filter(leaking) and LOG_FILTER.filter(clean)
    finally:
        _CURRENT.reset(bound)
    assert leaking.getMessage() == "GET Bearer *** ?***" and leaking.args is None
    assert clean.args == ("/api/v1/roleplays/leaderboard",)  # nothing to scrub: left as it was
