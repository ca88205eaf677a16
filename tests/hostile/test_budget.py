"""The retry budget: a service that is down is not sent every call's max_retries."""

from __future__ import annotations

from typing import Any

import roleplay_sdk as sdk
from hostile._server import HostileServer
from hostile.conftest import no_sleep

CALLS = 200


async def test_a_total_outage_gets_at_most_1_6_requests_per_call(
    make_driver: Any, server: HostileServer, kind: str
) -> None:
    """503 forever, 200 calls with max_retries=2: without a budget that is 600 requests."""
    server.mode = "outage"
    driver = make_driver(max_retries=2, sleep=no_sleep(kind))
    copy = type(driver)(driver.client.with_options(timeout=10))  # copies share the budget
    errors = []
    for n in range(CALLS):
        outcome, _ = await (copy if n % 2 else driver).timed("leaderboard")
        errors.append(outcome)
    assert all(isinstance(error, sdk.InternalServerError) for error in errors), errors[-1]
    sent = server.count()
    assert CALLS <= sent <= 1.6 * CALLS, sent
    assert "retry budget is spent" in str(errors[-1])  # the last calls were not retried
    # Once the service answers again, calls succeed at once (no retry needed).
    server.mode = "ok"
    assert (await driver("leaderboard")).entries == ()
