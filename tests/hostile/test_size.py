"""max_response_bytes: a 1 GiB answer, declared or chunked without end, is not read into memory.

Memory is measured with tracemalloc around the call (every bytes object httpx, httpcore and
the SDK allocate is a Python allocation): the peak growth must stay under 100 MiB while the
server offers 1 GiB (or an endless body, or 128 MiB gzip-compressed into 130 KiB).
"""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest

import roleplay_sdk as sdk
from hostile._server import GIB, HostileServer, gzip_bomb

MIB = 1024 * 1024
GROWTH_BOUND = 100 * MIB


async def _peak_growth(driver: Any, *args: Any, **kwargs: Any) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        outcome, _ = await driver.timed(*args, **kwargs)
        return outcome, tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("mode", ["huge_declared", "endless_chunked"])
async def test_a_1_gib_answer_is_refused_at_the_cap_and_memory_stays_flat(
    make_driver: Any, server: HostileServer, mode: str
) -> None:
    server.mode = mode
    # The deadline only keeps a broken cap from reading for long; the cap must stop it first.
    driver = make_driver(max_response_bytes=MIB, deadline=5)
    outcome, growth = await _peak_growth(driver, "leaderboard")
    assert isinstance(outcome, sdk.ResponseTooLargeError), repr(outcome)
    assert isinstance(outcome, sdk.APIResponseValidationError)
    assert outcome.limit == MIB and outcome.status_code == 200
    assert outcome.declared == (GIB if mode == "huge_declared" else None)
    if mode == "huge_declared":  # refused on its Content-Length, before reading any of it
        assert "declared Content-Length 1073741824, over max_response_bytes=1048576" in str(outcome)
    else:
        assert "ran past max_response_bytes=1048576" in str(outcome)
    assert growth < GROWTH_BOUND, f"{growth / MIB:.0f} MiB"
    assert server.count() == 1  # an answer over the cap is not asked for again


async def test_the_default_cap_stops_an_endless_answer_too(
    make_driver: Any, server: HostileServer
) -> None:
    server.mode = "endless_chunked"
    driver = make_driver(deadline=10)
    assert driver.client.max_response_bytes == 32 * MIB
    outcome, growth = await _peak_growth(driver, "leaderboard")
    assert isinstance(outcome, sdk.ResponseTooLargeError), repr(outcome)
    assert outcome.limit == 32 * MIB
    assert growth < GROWTH_BOUND, f"{growth / MIB:.0f} MiB"


async def test_a_compressed_answer_is_capped_by_its_decoded_size(
    make_driver: Any, server: HostileServer
) -> None:
    """130 KiB on the wire (under any cap) that would decode to 128 MiB."""
    gzip_bomb()  # built before measuring: it is the server's memory, not the client's
    server.mode = "gzip_bomb"
    driver = make_driver(max_response_bytes=MIB, deadline=5)
    outcome, growth = await _peak_growth(driver, "leaderboard")
    assert isinstance(outcome, sdk.ResponseTooLargeError), repr(outcome)
    assert outcome.declared is not None and outcome.declared < MIB
    assert growth < GROWTH_BOUND, f"{growth / MIB:.0f} MiB"
