"""Sections 2 and 5 of scripts/bench: async throughput, and the service's requests/second.

AsyncRoleplayClient and raw httpx.AsyncClient send the same requests at the same concurrency
(workers sharing one countdown), in alternating rounds so drift hits both alike.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable

import httpx
from _bench_calls import TYPED, preview_body
from _bench_common import BRIEF, MEMBER_TOKEN, MEMBER_USER, PREVIEW_PATH, REVIEW_PATH, Row, check

from roleplay_sdk import AsyncRoleplayClient

Call = Callable[[], Awaitable[object]]
TARGET = 0.90  # async throughput at least 90% of raw httpx


async def timed(call: Call, n: int, concurrency: int) -> float:
    """Seconds to finish `n` calls with `concurrency` workers."""
    remaining = n

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - start


def raw_calls(raw: httpx.AsyncClient, session_id: str) -> dict[str, Call]:
    body = preview_body()
    path = REVIEW_PATH.format(session_id=session_id)

    async def review() -> object:
        response = await raw.get(path)
        response.raise_for_status()
        return response.json()

    async def preview() -> object:
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        response = await raw.post(PREVIEW_PATH, json=body, headers=headers)
        response.raise_for_status()
        return response.json()

    return {"review": review, "preview": preview}


def raw_client(base_url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {MEMBER_TOKEN}"})


async def throughput(
    base_url: str, session_id: str, n: int, concurrency: int, rounds: int = 4
) -> list[Row]:
    """calls/s of the facade and of raw httpx for review and preview, and the ratio."""
    section = "2 async throughput"
    facade = AsyncRoleplayClient(base_url=base_url, api_token=MEMBER_TOKEN, user_id=MEMBER_USER)
    raw = raw_client(base_url)
    try:
        rows = []
        raws = raw_calls(raw, session_id)
        contenders: dict[str, dict[str, Call]] = {
            "review": {"raw httpx": raws["review"], "facade": lambda: facade.review(session_id)},
            "preview": {
                "raw httpx": raws["preview"],
                "facade": lambda: facade.preview(brief=BRIEF),
                # Same request on the wire; the caller names the type, nothing is inferred.
                TYPED: lambda: facade.preview(brief=BRIEF, roleplay_type="custom"),
            },
        }
        for op, pair in contenders.items():
            spent = dict.fromkeys(pair, 0.0)
            cpu = dict.fromkeys(pair, 0.0)
            for call in pair.values():  # warm-up: open the connections
                await timed(call, concurrency, concurrency)
            per_round = max(1, n // rounds)
            names = list(pair)
            for turn in range(rounds):
                shift = turn % len(names)
                for name in names[shift:] + names[:shift]:
                    before = time.process_time()
                    spent[name] += await timed(pair[name], per_round, concurrency)
                    cpu[name] += time.process_time() - before
            total = per_round * rounds
            rate = {name: total / seconds for name, seconds in spent.items()}
            for name, value in rate.items():
                rows.append(
                    Row(
                        section,
                        f"{op}: {name} calls/s (c={concurrency}, n={total})",
                        f"{value:.0f} (client CPU {cpu[name] / total * 1e6:.0f} us/call)",
                    )
                )
            ratio = rate["facade"] / rate["raw httpx"]
            rows.append(
                check(
                    section,
                    f"{op}: facade / raw httpx",
                    ratio,
                    ".2f",
                    f">= {TARGET:.2f}",
                    ratio >= TARGET,
                )
            )
            if TYPED in rate:
                typed = rate[TYPED] / rate["raw httpx"]
                rows.append(Row(section, f"{op}: {TYPED} / raw httpx", f"{typed:.2f}", "(info)"))
        return rows
    finally:
        await facade.close()
        await raw.aclose()


async def service_rps(
    base_url: str, session_id: str, n: int, concurrencies: tuple[int, ...]
) -> list[Row]:
    """The reference service's requests/second, driven by raw httpx.AsyncClient.

    At more than one concurrency, with the client's own CPU share: on a small machine the
    driving client can be the limit, and then the figure is a lower bound for the service.
    """
    rows = []
    for concurrency in concurrencies:
        raw = raw_client(base_url)
        try:
            for op, call in raw_calls(raw, session_id).items():
                await timed(call, concurrency, concurrency)
                before = time.process_time()
                seconds = await timed(call, n, concurrency)
                cpu = (time.process_time() - before) / seconds
                rows.append(
                    Row(
                        "5 service",
                        f"{op}: requests/s (raw httpx, c={concurrency}, n={n})",
                        f"{n / seconds:.0f} (client busy {cpu:.0%} of a core)",
                    )
                )
        finally:
            await raw.aclose()
    return rows
