"""Send.build() builds the request httpx.Client.build_request builds, with the URL merged once.

The facade merges each generated endpoint's relative URL with the client's base_url itself and
caches it (_http.merged_url), since httpx parses both URLs again on every request. These tests
compare every operation's first request, byte for byte where it matters (method, URL, headers,
body), with what the httpx client builds from the same arguments: for base URLs with and
without a path, a client with default query parameters, and a base_url reassigned between calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roleplay_sdk import RoleplayClient
from roleplay_sdk import _ops_assignments as assignments
from roleplay_sdk import _ops_sessions as sessions
from roleplay_sdk._flow import Flow, Gather, Send
from roleplay_sdk._http import merged_url
from roleplay_sdk._settings import Settings

BASES = ("http://127.0.0.1:9", "https://api.example.com", "https://api.example.com/prefix/v2")
Operation = Callable[[Settings], Flow[Any]]
OPERATIONS: dict[str, Operation] = {
    "preview": lambda s: sessions.preview(s, brief="Negotiate a raise"),
    "start": lambda s: sessions.start(s, brief="Negotiate a raise", roleplay_type="sales"),
    "edit_questions": lambda s: sessions.edit_questions(s, "rps_1", ["Why now?"]),
    "approve": lambda s: sessions.approve(s, "rps_1"),
    "review": lambda s: sessions.review(s, "rps_2"),
    "leaderboard": lambda s: sessions.leaderboard(s, limit=5, roleplay_type="sales"),
    "artifact_url": lambda s: sessions.artifact_url(s, "rps_3"),
    "create_assignments": lambda s: assignments.create_assignments(
        s, ["a@b.example"], title="T", brief="Negotiate a raise"
    ),
    "list_assignments": lambda s: assignments.list_assignments(s, status="assigned").fetch("c_1"),
    "unassign": lambda s: assignments.unassign(s, ["asg_1"]),
    "bulk_results": lambda s: assignments.bulk_results(s, ["asg_1", "asg_2"]),
}


def never(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"nothing is sent here, got {request.method} {request.url}")


@pytest.fixture(params=BASES)
def client(request: pytest.FixtureRequest) -> Iterator[RoleplayClient]:
    http = httpx.Client(transport=httpx.MockTransport(never))
    with RoleplayClient(
        base_url=request.param, api_token="tok_urls", user_id="user_1", http_client=http
    ) as built:
        yield built
    http.close()


def first_send(flow: Flow[Any]) -> Send:
    step = next(flow)
    flow.close()
    if isinstance(step, Gather):  # bulk_results: its first chunk's request
        return first_send(step.flows[0])
    assert isinstance(step, Send)
    return step


def assert_same_request(send: Send, http: httpx.Client) -> None:
    ours = send.build(http)
    theirs = http.build_request(**send.endpoint.request(**send.kwargs))
    assert (ours.method, str(ours.url)) == (theirs.method, str(theirs.url))
    assert ours.url == theirs.url and ours.url.raw_path == theirs.url.raw_path
    assert ours.headers.multi_items() == theirs.headers.multi_items()
    assert ours.read() == theirs.read()
    assert ours.extensions == theirs.extensions


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_each_operation_builds_what_httpx_builds(client: RoleplayClient, name: str) -> None:
    http = client._http
    for _ in range(2):  # the second time from the cache
        assert_same_request(first_send(OPERATIONS[name](client._settings)), http)


def test_client_query_parameters_and_a_reassigned_base_url(client: RoleplayClient) -> None:
    http = client._http
    http.params = httpx.QueryParams({"tenant": "t 1"})
    send = first_send(OPERATIONS["leaderboard"](client._settings))
    assert_same_request(send, http)
    assert "tenant=t+1" in str(send.build(http).url)
    http.base_url = httpx.URL("https://other.example/base")
    for name in ("preview", "review", "leaderboard"):
        send = first_send(OPERATIONS[name](client._settings))
        assert_same_request(send, http)
        assert send.build(http).url.host == "other.example"


@settings(max_examples=50, deadline=None)
@given(session_id=st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True))
def test_path_parameters_merge_as_httpx_merges_them(session_id: str) -> None:
    http = httpx.Client(base_url="https://api.example.com/p", transport=httpx.MockTransport(never))
    with RoleplayClient(api_token="tok_urls", user_id="user_1", http_client=http) as client:
        for flow in (
            sessions.review(client._settings, session_id),
            sessions.artifact_url(client._settings, session_id),
        ):
            assert_same_request(first_send(flow), http)
    http.close()


def test_an_absolute_url_is_left_to_httpx() -> None:
    base = httpx.URL("https://api.example.com/")
    assert merged_url(base, "https://elsewhere.example/x") == "https://elsewhere.example/x"
    merged = merged_url(base, "/v1/x")
    assert merged == httpx.URL("https://api.example.com/v1/x")
    assert merged_url(base, "/v1/x") is merged  # cached
    assert merged_url(httpx.URL("https://api.example.com/"), "/v1/x") == merged  # a new base
