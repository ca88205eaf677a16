"""Section 4 of scripts/bench: bulk_results for many assignment IDs, sequential vs concurrent.

bulk_results sends the IDs in chunks of 100 (the spec's bound): one after the other on
RoleplayClient, concurrently (a few in flight) on AsyncRoleplayClient. Time is measured
without tracing; peak memory in a second run under tracemalloc (tracing slows Python down).
"""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import httpx
from _bench_common import ADMIN_TOKEN, ASSIGNMENTS_PATH, BULK_PATH, Row

from roleplay_sdk import AsyncRoleplayClient, BulkResultSet, RoleplayClient

CHUNK = 100
SCENARIO = {
    "title": "Renewal call",
    "brief": "Renew a customer whose usage dropped 40% while they evaluate a competitor",
    "persona_id": "john",
    "duration_minutes": 15,
    "roleplay_type": "customer_success",
}


def create_assignments(base_url: str, count: int) -> list[str]:
    """`count` real assignment IDs (admin, 100 assignees per call, raw httpx: setup only)."""
    ids: list[str] = []
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as client:
        for start in range(0, count, CHUNK):
            people = [
                {"email": f"bench-{n}@example.com"} for n in range(start, min(count, start + CHUNK))
            ]
            response = client.post(
                ASSIGNMENTS_PATH, json={"assignees": people, "scenario": SCENARIO}
            )
            response.raise_for_status()
            ids += [item["assignment_id"] for item in response.json()["assignments"]]
    return ids


def measured(run: Callable[[], Any]) -> tuple[float, int, Any]:
    """(seconds untraced, tracemalloc peak bytes of a second traced run, the first result)."""
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, peak, result


def bulk(base_url: str, ids: list[str]) -> list[Row]:
    """Facade sync (sequential chunks) vs async (concurrent chunks), and raw httpx sequential."""
    section = "4 bulk_results"
    sync_client = RoleplayClient(base_url=base_url, api_token=ADMIN_TOKEN)
    raw = httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, timeout=60
    )

    def run_sync() -> BulkResultSet:
        return sync_client.bulk_results(ids)

    def run_async() -> BulkResultSet:
        async def go() -> BulkResultSet:
            async with AsyncRoleplayClient(base_url=base_url, api_token=ADMIN_TOKEN) as client:
                return await client.bulk_results(ids)

        return asyncio.run(go())

    def run_raw() -> list[Any]:
        results: list[Any] = []
        for start in range(0, len(ids), CHUNK):
            response = raw.post(BULK_PATH, json={"assignment_ids": ids[start : start + CHUNK]})
            response.raise_for_status()
            results += response.json()["results"]
        return results

    try:
        sync_client.bulk_results(ids[:CHUNK])  # warm-up: connection, lazy imports
        run_raw()
        rows = []
        chunks = -(-len(ids) // CHUNK)
        for label, run in (
            (f"facade sync, {chunks} chunks one by one", run_sync),
            ("facade async, chunks concurrent", run_async),
            ("raw httpx sync, one by one (baseline)", run_raw),
        ):
            seconds, peak, result = measured(run)
            answered = len(result.results) if isinstance(result, BulkResultSet) else len(result)
            missing = len(result.missing) if isinstance(result, BulkResultSet) else 0
            if answered != len(ids) or missing:
                raise RuntimeError(f"{label}: {answered} answers, {missing} missing of {len(ids)}")
            value = f"{seconds:.2f} s, peak {peak / 2**20:.1f} MiB"
            rows.append(Row(section, f"{len(ids)} IDs: {label}", value))
        return rows
    finally:
        sync_client.close()
        raw.close()
