"""Section 7 of scripts/bench: what the call limits cost per call (it should be noise).

The same facade call, with the limits at their defaults (60 s deadline: each attempt clipped,
the async attempt under asyncio.timeout, the sync client's sockets bounded; 32 MiB cap: the
body counted as it streams; the retry budget) and with them off (deadline=None,
max_response_bytes=None), in interleaved rounds. Against a MockTransport that streams its
canned body the figures are the client-side cost alone; against the live service, sync and
async, what a caller sees.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
from _bench_async import timed
from _bench_calls import interleaved
from _bench_common import BRIEF, MEMBER_TOKEN, MEMBER_USER, Row, median

from roleplay_sdk import AsyncRoleplayClient, RoleplayClient

SECTION = "7 limits"
OFF: dict[str, Any] = {"deadline": None, "max_response_bytes": None}
VARIANTS = {"defaults": {}, "off": OFF}


def _streaming(answers: dict[str, tuple[int, bytes]]) -> httpx.MockTransport:
    """Answers as a server does: a body to stream (not one read up front, as content= does)."""

    def handler(request: httpx.Request) -> httpx.Response:
        status, content = answers[request.method]
        headers = {"content-type": "application/json", "content-length": str(len(content))}
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(content))

    return httpx.MockTransport(handler)


def _row(where: str, op: str, times: dict[str, list[float]]) -> Row:
    on, off = median(times["defaults"]), median(times["off"])
    value = f"{on * 1e3:.3f} / {off * 1e3:.3f} ms ({(on - off) * 1e6:+.1f} us, x{on / off:.3f})"
    n = len(times["defaults"])
    return Row(SECTION, f"{op} ({where}, n={n}): limits at defaults / off, median", value)


def sync_rows(
    base_url: str, answers: dict[str, tuple[int, bytes]], session_id: str, n: int, size: int
) -> list[Row]:
    """Per-call time of RoleplayClient, mock (client cost only) and live."""
    rows = []
    for where in ("mock", "live"):
        clients = {
            name: RoleplayClient(
                base_url=base_url if where == "live" else "http://127.0.0.1:9",
                api_token=MEMBER_TOKEN,
                user_id=MEMBER_USER,
                http_client=httpx.Client(transport=_streaming(answers))
                if where == "mock"
                else None,
                **options,
            )
            for name, options in VARIANTS.items()
        }
        try:
            for op in ("review", "preview"):
                calls: dict[str, Callable[[], object]] = {
                    name: (
                        (lambda c=client: c.review(session_id))
                        if op == "review"
                        else (lambda c=client: c.preview(brief=BRIEF, roleplay_type="custom"))
                    )
                    for name, client in clients.items()
                }
                rows.append(_row(f"sync {where}", op, interleaved(calls, n, size)))
        finally:
            for client in clients.values():
                client.close()
    return rows


async def async_rows(base_url: str, session_id: str, n: int, concurrency: int) -> list[Row]:
    """Throughput of AsyncRoleplayClient (review, live) and its client CPU per call."""
    clients = {
        name: AsyncRoleplayClient(
            base_url=base_url, api_token=MEMBER_TOKEN, user_id=MEMBER_USER, **options
        )
        for name, options in VARIANTS.items()
    }
    try:
        spent = dict.fromkeys(clients, 0.0)
        cpu = dict.fromkeys(clients, 0.0)
        for client in clients.values():
            await timed(lambda c=client: c.review(session_id), concurrency, concurrency)
        rounds = 4
        per_round = max(1, n // rounds)
        names = list(clients)
        for turn in range(rounds):
            for name in names[turn % 2 :] + names[: turn % 2]:
                client = clients[name]
                before = time.process_time()
                spent[name] += await timed(
                    lambda c=client: c.review(session_id), per_round, concurrency
                )
                cpu[name] += time.process_time() - before
        total = per_round * rounds
        rate = {name: total / seconds for name, seconds in spent.items()}
        per_call = {name: cpu[name] / total * 1e6 for name in clients}
        on, off = rate["defaults"], rate["off"]
        value = (
            f"{on:.0f} / {off:.0f} calls/s (x{on / off:.3f}); "
            f"client CPU {per_call['defaults']:.0f} / {per_call['off']:.0f} us/call"
        )
        return [
            Row(SECTION, f"review (async live, c={concurrency}, n={total}): defaults / off", value)
        ]
    finally:
        for client in clients.values():
            await client.close()


def limits(
    base_url: str,
    answers: dict[str, tuple[int, bytes]],
    session_id: str,
    sizes: tuple[int, int, int, int],
) -> list[Row]:
    n, size, async_n, concurrency = sizes
    rows = sync_rows(base_url, answers, session_id, n, size)
    rows += asyncio.run(async_rows(base_url, session_id, async_n, concurrency))
    return rows
