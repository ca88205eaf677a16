"""bulk_results (chunks, order, missing, concurrency) and list_assignments (every page)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from conftest import BASE, TOKEN, Api, StandIn, problem
from hypothesis import given, settings
from hypothesis import strategies as st

from roleplay_sdk import (
    APIResponseValidationError,
    AsyncRoleplayClient,
    NotFoundError,
    RoleplayClient,
)


async def test_list_assignments_follows_every_page(api: Api, svc: StandIn) -> None:
    made = [svc.add_assignment(email=f"p{n}@example.com") for n in range(45)]
    listed = await api.collect("list_assignments", limit=20)
    assert [item.assignment_id for item in listed] == [
        row["assignment_id"] for row in reversed(made)
    ]
    cursors = [seen["query"].get("cursor") for seen in svc.calls("listAssignments")]
    assert cursors == [None, "c20", "c40"]
    assert all(seen["query"]["limit"] == "20" for seen in svc.calls("listAssignments"))


async def test_an_empty_list_is_one_request(api: Api, svc: StandIn) -> None:
    assert await api.collect("list_assignments") == []
    assert len(svc.calls("listAssignments")) == 1


def test_the_sync_iterator_fetches_lazily(make_client: Any, svc: StandIn) -> None:
    for n in range(5):
        svc.add_assignment(email=f"p{n}@example.com")
    iterator = make_client("sync").list_assignments(limit=2)
    assert svc.calls("listAssignments") == []  # nothing fetched before iterating
    assert next(iterator).email == "p4@example.com"
    assert len(svc.calls("listAssignments")) == 1


async def test_the_async_iterator_stops_when_the_caller_stops(
    make_client: Any, svc: StandIn
) -> None:
    for n in range(5):
        svc.add_assignment(email=f"p{n}@example.com")
    seen = []
    async for item in make_client("async").list_assignments(limit=2):
        seen.append(item.email)
        if len(seen) == 3:
            break
    assert seen == ["p4@example.com", "p3@example.com", "p2@example.com"]
    assert len(svc.calls("listAssignments")) == 2


async def test_a_failing_page_raises_mid_iteration(api: Api, svc: StandIn) -> None:
    for n in range(3):
        svc.add_assignment(email=f"p{n}@example.com")

    def first_page(request: httpx.Request) -> httpx.Response:
        return svc.op_listAssignments(query=dict(request.url.params))

    svc.queue("listAssignments", first_page, problem(404, "Not found"))
    with pytest.raises(NotFoundError):
        await api.collect("list_assignments", limit=2)
    assert [seen["query"].get("cursor") for seen in svc.calls("listAssignments")] == [None, "c2"]


async def test_bulk_results_chunks_dedupes_and_keeps_the_callers_order(
    api: Api, svc: StandIn
) -> None:
    known = [svc.add_assignment()["assignment_id"] for _ in range(130)]
    unknown = [f"asg_gone_{n}" for n in range(90)]
    ids = [*reversed(known), *unknown, known[0], unknown[0], known[5]]
    answer = await api("bulk_results", ids)
    assert [result.assignment_id for result in answer.results] == ids
    assert answer.missing == tuple(unknown)
    chunks = [seen["json"]["assignment_ids"] for seen in svc.calls("bulkAssignmentResults")]
    assert [len(chunk) for chunk in chunks] == [100, 100, 20]
    assert sorted(item for chunk in chunks for item in chunk) == sorted(set(ids))
    assert answer.by_id[known[0]].found and not answer.by_id[unknown[0]].found


async def test_bulk_results_of_nothing_sends_nothing(api: Api, svc: StandIn) -> None:
    answer = await api("bulk_results", [])
    assert answer.results == () and answer.missing == ()
    assert svc.requests == []


async def test_a_bulk_answer_that_skips_an_id_is_malformed(api: Api, svc: StandIn) -> None:
    svc.queue(
        "bulkAssignmentResults",
        httpx.Response(200, json={"results": []}),
    )
    with pytest.raises(APIResponseValidationError, match="exactly once"):
        await api("bulk_results", ["asg_1"])


async def test_async_bulk_runs_chunks_concurrently_but_bounded() -> None:
    svc = StandIn()
    known = [svc.add_assignment()["assignment_id"] for _ in range(1000)]
    running = 0
    most = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal running, most
        running += 1
        most = max(most, running)
        for _ in range(5):
            await asyncio.sleep(0)  # let the other chunks start
        running -= 1
        return svc(request)

    client = AsyncRoleplayClient(
        base_url=BASE,
        api_token=TOKEN,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )
    answer = await client.bulk_results(known)
    assert [result.assignment_id for result in answer.results] == known
    assert len(svc.calls("bulkAssignmentResults")) == 10
    assert 1 < most <= 4


async def test_async_bulk_stops_at_the_first_failing_chunk() -> None:
    svc = StandIn()
    known = [svc.add_assignment()["assignment_id"] for _ in range(300)]
    svc.queue("bulkAssignmentResults", problem(404, "Not found"))
    client = AsyncRoleplayClient(
        base_url=BASE,
        api_token=TOKEN,
        max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(svc)),
    )
    with pytest.raises(NotFoundError):
        await client.bulk_results(known)


ID = st.sampled_from([f"asg_{n}" for n in range(260)])


@settings(max_examples=100, deadline=None)
@given(ids=st.lists(ID, max_size=400), known=st.sets(ID))
def test_bulk_property_order_missing_and_chunks(ids: list[str], known: set[str]) -> None:
    svc = StandIn()
    for assignment_id in sorted(known):
        svc.add_assignment()
        row = svc.assignments.pop(next(reversed(svc.assignments)))
        row["assignment_id"] = assignment_id
        svc.assignments[assignment_id] = row
    client = RoleplayClient(
        base_url=BASE,
        api_token=TOKEN,
        http_client=httpx.Client(transport=httpx.MockTransport(svc)),
    )
    answer = client.bulk_results(ids)
    assert [result.assignment_id for result in answer.results] == ids
    assert [result.found for result in answer.results] == [item in known for item in ids]
    assert answer.missing == tuple(dict.fromkeys(item for item in ids if item not in known))
    chunks = [seen["json"]["assignment_ids"] for seen in svc.calls("bulkAssignmentResults")]
    assert all(1 <= len(chunk) <= 100 and len(set(chunk)) == len(chunk) for chunk in chunks)
    assert [item for chunk in chunks for item in chunk] == list(dict.fromkeys(ids))
