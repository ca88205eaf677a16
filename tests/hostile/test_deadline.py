"""The deadline bounds the whole call against a server that drips or asks to wait too long."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest

import roleplay_sdk as sdk
from hostile._server import HostileServer

DEADLINE = 2.0
MARGIN = 1.0  # the bound the issue sets: the call ends within deadline + 1 s


def _timed_out(outcome: object, elapsed: float) -> None:
    assert isinstance(outcome, sdk.APITimeoutError), repr(outcome)
    assert "deadline of 2 s passed" in str(outcome)
    assert DEADLINE - 0.05 <= elapsed < DEADLINE + MARGIN, elapsed


@pytest.mark.parametrize("mode", ["drip_body", "drip_headers"])
async def test_a_server_dripping_one_byte_a_second_cannot_outlast_the_deadline(
    make_driver: Any, server: HostileServer, mode: str
) -> None:
    """Each byte comes well within the 5 s read timeout; only the deadline stops the call."""
    server.mode = mode
    driver = make_driver(timeout=5, deadline=DEADLINE)
    outcome, elapsed = await driver.timed("leaderboard")
    _timed_out(outcome, elapsed)
    assert server.count() == 1  # the deadline passed during the first attempt: no retry


async def test_a_per_call_deadline_overrides_the_clients(
    make_driver: Any, server: HostileServer
) -> None:
    server.mode = "drip_body"
    driver = make_driver(timeout=5, deadline=None)
    outcome, elapsed = await driver.timed("leaderboard", deadline=DEADLINE)
    _timed_out(outcome, elapsed)


async def test_a_drip_through_the_callers_own_http_client_is_bounded_too(
    server: HostileServer, kind: str
) -> None:
    """A caller's http_client gets no socket-level bound: the body is checked chunk by chunk."""
    from hostile.conftest import TOKEN, Driver

    server.mode = "drip_body"
    options: dict[str, Any] = {"api_token": TOKEN, "timeout": 5, "deadline": DEADLINE}
    if kind == "sync":
        with httpx.Client(base_url=server.base_url) as http:
            outcome, elapsed = await Driver(sdk.RoleplayClient(http_client=http, **options)).timed(
                "leaderboard"
            )
    else:
        async with httpx.AsyncClient(base_url=server.base_url) as ahttp:
            client = sdk.AsyncRoleplayClient(http_client=ahttp, **options)
            outcome, elapsed = await Driver(client).timed("leaderboard")
    _timed_out(outcome, elapsed)


async def test_a_retry_after_longer_than_the_deadline_is_not_slept(
    make_driver: Any, server: HostileServer
) -> None:
    server.mode = "retry_after_20"
    driver = make_driver(timeout=5, deadline=DEADLINE)
    outcome, elapsed = await driver.timed("leaderboard")
    assert isinstance(outcome, sdk.InternalServerError), repr(outcome)
    assert isinstance(outcome, sdk.ServiceUnavailableError)
    assert "would pass the call's deadline of 2 s" in str(outcome)
    assert elapsed < MARGIN  # raised at once, not after the deadline
    assert server.count() == 1


async def test_retry_after_zero_gets_the_backoff_floor_not_a_hot_loop(
    make_driver: Any, server: HostileServer
) -> None:
    """max_retries=10 and 'Retry-After: 0' each time: the retries are spaced by the backoff."""
    server.mode = "retry_after_0"
    driver = make_driver(max_retries=10, deadline=DEADLINE)
    outcome, elapsed = await driver.timed("leaderboard")
    assert isinstance(outcome, sdk.InternalServerError), repr(outcome)
    assert elapsed < DEADLINE + MARGIN
    times = [request["at"] for request in server.requests]
    # Backoff 0.5 s, 1 s, 2 s (minus up to 25% jitter): three requests fit in 2 s, never 11.
    assert 2 <= len(times) <= 3, len(times)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 0.3, gaps
