"""Section 1 of scripts/bench: time per call, sync, keep-alive, in interleaved rounds.

Three clients send the same request: the facade (RoleplayClient), the generated low-level
client (sync_detailed) and raw httpx.Client (request, raise_for_status, .json()). Against the
live service the server dominates; against an httpx.MockTransport that answers one canned
JSON body the figures are the pure client-side cost, which is what a user can act on.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from _bench_common import (
    BRIEF,
    MEMBER_TOKEN,
    MEMBER_USER,
    PREVIEW_PATH,
    REVIEW_PATH,
    Row,
    check,
    median,
    p90,
)

from roleplay_sdk import RoleplayClient, normalize_request
from roleplay_sdk._service_client import AuthenticatedClient
from roleplay_sdk._service_client.api.reviews import get_roleplay_review
from roleplay_sdk._service_client.api.roleplays import preview_roleplay
from roleplay_sdk._service_client.models import ConfigureRequest

CLIENTS = ("raw httpx", "generated", "facade")
TYPED = "facade, roleplay_type given"
TARGET = 1.10  # the facade adds at most 10% over raw httpx per call
# preview infers roleplay_type from the brief: its target is tighter since one compiled pass.
TARGETS = {"preview": 1.08}


def preview_body() -> dict[str, Any]:
    """The body the facade sends for preview(brief=BRIEF): raw and generated send it too."""
    request = normalize_request(user_id=MEMBER_USER, org_id="growqr", brief=BRIEF)
    return request.to_body()


@dataclass
class Trio:
    """The three clients, built on the same transport (None: the network)."""

    facade: RoleplayClient
    generated: AuthenticatedClient
    raw: httpx.Client

    @classmethod
    def build(cls, base_url: str, transport: httpx.BaseTransport | None = None) -> Trio:
        extra: dict[str, Any] = {} if transport is None else {"transport": transport}
        return cls(
            facade=RoleplayClient(
                base_url=base_url,
                api_token=MEMBER_TOKEN,
                user_id=MEMBER_USER,
                http_client=httpx.Client(**extra) if extra else None,
            ),
            generated=AuthenticatedClient(base_url=base_url, token=MEMBER_TOKEN, httpx_args=extra),
            raw=httpx.Client(
                base_url=base_url, headers={"Authorization": f"Bearer {MEMBER_TOKEN}"}, **extra
            ),
        )

    def calls(self, op: str, session_id: str) -> dict[str, Callable[[], object]]:
        """The clients' callables for `op` ("review" or "preview"), raw httpx first."""
        body = preview_body()
        generated = self.generated
        raw = self.raw

        def expect(status: int, got: int) -> None:
            if got != status:
                raise RuntimeError(f"{op}: expected HTTP {status}, got {got}")

        if op == "review":
            path = REVIEW_PATH.format(session_id=session_id)

            def gen_review() -> object:
                answer = get_roleplay_review.sync_detailed(session_id, client=generated)
                expect(200, answer.status_code)
                return answer.parsed

            def raw_review() -> object:
                response = raw.get(path)
                response.raise_for_status()
                return response.json()

            return {
                "raw httpx": raw_review,
                "generated": gen_review,
                "facade": lambda: self.facade.review(session_id),
            }

        def gen_preview() -> object:
            answer = preview_roleplay.sync_detailed(
                client=generated,
                body=ConfigureRequest.from_dict(body),
                idempotency_key=str(uuid.uuid4()),
            )
            expect(201, answer.status_code)
            return answer.parsed

        def raw_preview() -> object:
            headers = {"Idempotency-Key": str(uuid.uuid4())}
            response = raw.post(PREVIEW_PATH, json=body, headers=headers)
            response.raise_for_status()
            return response.json()

        return {
            "raw httpx": raw_preview,
            "generated": gen_preview,
            "facade": lambda: self.facade.preview(brief=BRIEF),
            # The same request on the wire (the inferred type is "custom"): what the
            # facade costs when the caller names the type and nothing is inferred.
            TYPED: lambda: self.facade.preview(brief=BRIEF, roleplay_type="custom"),
        }

    def close(self) -> None:
        self.facade.close()
        self.generated.get_httpx_client().close()
        self.raw.close()


def interleaved(
    calls: dict[str, Callable[[], object]], n: int, round_size: int
) -> dict[str, list[float]]:
    """Seconds per call of each client: rounds of `round_size`, rotating the order (drift)."""
    for call in calls.values():  # warm-up: connections, lazy imports, caches
        for _ in range(min(round_size, 20)):
            call()
    times: dict[str, list[float]] = {name: [] for name in calls}
    names = list(calls)
    for turn in range(max(1, n // round_size)):
        shift = turn % len(names)
        for name in names[shift:] + names[:shift]:
            call = calls[name]
            bucket = times[name]
            for _ in range(round_size):
                start = time.perf_counter()
                call()
                bucket.append(time.perf_counter() - start)
    return times


def rows_for(section: str, op: str, times: dict[str, list[float]], *, targeted: bool) -> list[Row]:
    """raw/generated/facade median|p90, the facade/raw ratio and the overhead in us."""
    raw_median = median(times["raw httpx"])
    rows = []
    for name in times:
        mid, high = median(times[name]), p90(times[name])
        versus = "" if name == "raw httpx" else f" (x{mid / raw_median:.2f})"
        value = f"{mid * 1e3:.3f} / {high * 1e3:.3f} ms{versus}"
        rows.append(Row(section, f"{op}: {name} median / p90 (n={len(times[name])})", value))
    ratio = median(times["facade"]) / raw_median
    measure = f"{op}: facade / raw httpx (median)"
    if targeted:
        limit = TARGETS.get(op, TARGET)
        rows.append(check(section, measure, ratio, ".2f", f"<= {limit:.2f}", ratio <= limit))
    else:
        rows.append(Row(section, measure, f"{ratio:.2f}", "(info)"))
    overhead = (median(times["facade"]) - raw_median) * 1e6
    gen_overhead = (median(times["generated"]) - raw_median) * 1e6
    value = f"facade {overhead:+.0f} us, generated {gen_overhead:+.0f} us"
    if TYPED in times:
        value += f", facade typed {(median(times[TYPED]) - raw_median) * 1e6:+.0f} us"
    rows.append(Row(section, f"{op}: client overhead over raw (median)", value))
    return rows


def live(base_url: str, session_id: str, n: int, round_size: int) -> list[Row]:
    """Per-call times against the running service."""
    trio = Trio.build(base_url)
    try:
        rows = []
        for op in ("review", "preview"):
            times = interleaved(trio.calls(op, session_id), n, round_size)
            rows += rows_for("1 per-call live", op, times, targeted=True)
        return rows
    finally:
        trio.close()


def canned(base_url: str, session_id: str) -> dict[str, tuple[int, bytes]]:
    """The service's real answers to one review and one preview, replayed by the mock."""
    headers = {"Authorization": f"Bearer {MEMBER_TOKEN}"}
    with httpx.Client(base_url=base_url, headers=headers) as client:
        review = client.get(REVIEW_PATH.format(session_id=session_id))
        preview = client.post(PREVIEW_PATH, json=preview_body())
    for response in (review, preview):
        response.raise_for_status()
    return {
        "GET": (review.status_code, review.content),
        "POST": (preview.status_code, preview.content),
    }


def mocked(
    answers: dict[str, tuple[int, bytes]], session_id: str, n: int, round_size: int
) -> list[Row]:
    """Per-call times against httpx.MockTransport: only the clients' own work is measured."""
    seen: list[tuple[str, str, str | None, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if len(seen) < 1000:  # only the first calls are compared
            body = json.loads(request.content) if request.content else None
            seen.append(
                (request.method, str(request.url), request.headers.get("authorization"), body)
            )
        status, content = answers[request.method]
        return httpx.Response(status, content=content, headers={"content-type": "application/json"})

    trio = Trio.build("http://127.0.0.1:9", httpx.MockTransport(handler))
    try:
        rows = []
        for op in ("review", "preview"):
            calls = trio.calls(op, session_id)
            seen.clear()
            for call in calls.values():
                call()
            same_requests(seen)
            times = interleaved(calls, n, round_size)
            rows += rows_for("1 per-call mock", op, times, targeted=False)
            steps = interleaved(by_step(trio, op, session_id), n, round_size)
            rows.append(step_row("1 per-call mock", op, steps))
        return rows
    finally:
        trio.close()


def by_step(trio: Trio, op: str, session_id: str) -> dict[str, Callable[[], object]]:
    """The facade's call built up step by step (each entry adds one step to the previous).

    "send": the facade's httpx client sends the generated endpoint's request with the call's
    state bound (credentials, hooks, token scrubbed afterwards) and the body read under the
    size cap, then decodes the JSON as raw httpx does; "parse": the answer parsed into the
    facade's model instead; "flow": the call's flow (retry loop, per-attempt state) run by
    the client; "arguments": the public method (argument checks, normalize_request, the
    body, the key); "inference": preview without roleplay_type. This mirrors
    RoleplayClient._send on private parts, so it names where the facade's time goes.
    """
    from roleplay_sdk import _models
    from roleplay_sdk import _ops_sessions as ops
    from roleplay_sdk._flow import Send, call, parse_json
    from roleplay_sdk._limits import read_body

    facade = trio.facade
    http, settings = facade._http, facade._settings
    endpoint: Any
    if op == "review":
        endpoint, parse = ops.get_roleplay_review, _models.RoleplayReview.from_json

        def arguments() -> dict[str, Any]:
            return {"session_id": session_id}

        public: dict[str, Callable[[], object]] = {"arguments": lambda: facade.review(session_id)}
    else:
        endpoint, parse = ops.preview_roleplay, _models.RoleplayPreview.from_json
        body = preview_body()

        def arguments() -> dict[str, Any]:
            return {
                "body": ops.wire("ConfigureRequest", body),
                "idempotency_key": str(uuid.uuid4()),
            }

        public = {
            "arguments": lambda: facade.preview(brief=BRIEF, roleplay_type="custom"),
            "inference": lambda: facade.preview(brief=BRIEF),
        }

    def send(parsed: bool) -> object:
        state = settings.for_call(None).state()
        with state.bound():
            response = http.send(Send(endpoint, arguments(), state).build(http), stream=True)
            state.response = response
            read_body(response, state)
        if state.error is not None or not response.is_success:
            raise RuntimeError(f"{op}: the step failed ({state.error!r}, {response.status_code})")
        return parse_json(response, parse) if parsed else response.json()

    def flow() -> object:
        return facade._run(
            call(settings.for_call(None), endpoint, arguments(), parse, repeatable=True)
        )

    raw = trio.calls(op, session_id)["raw httpx"]
    return {
        "raw httpx": raw,
        "send": lambda: send(False),
        "parse": lambda: send(True),
        "flow": flow,
        **public,
    }


def step_row(section: str, op: str, times: dict[str, list[float]]) -> Row:
    """Each step's median cost over the previous step's (us), raw httpx first."""
    names = list(times)
    parts = [
        f"{name} {(median(times[name]) - median(times[before])) * 1e6:+.0f}"
        for before, name in itertools.pairwise(names)
    ]
    return Row(
        section, f"{op}: facade cost by step over the one before (median, us)", ", ".join(parts)
    )


def same_requests(requests: list[tuple[str, str, str | None, object]]) -> None:
    """The three clients must send the same method, URL, token and JSON, or the race is unfair."""
    if len(requests) < len(CLIENTS) or any(other != requests[0] for other in requests[1:]):
        raise RuntimeError(f"the clients sent different requests: {requests!r}")


def main() -> None:
    """Section 1 alone (live and mock), the same sizes as scripts/bench's default run."""
    import argparse
    import os

    from _bench_common import table

    from roleplay_reference import ServiceProcess

    parser = argparse.ArgumentParser(description="scripts/bench section 1 only")
    parser.add_argument("--quick", action="store_true", help="small N (smoke test)")
    args = parser.parse_args()
    live_n, mock_n, round_size = (60, 150, 20) if args.quick else (1000, 3000, 50)
    print(f"load average (1 min) {os.getloadavg()[0]:.2f}", flush=True)
    with ServiceProcess() as service:
        url = service.base_url
        with RoleplayClient(base_url=url, api_token=MEMBER_TOKEN, user_id=MEMBER_USER) as client:
            session_id = client.preview(brief=BRIEF).session_id
        rows = live(url, session_id, live_n, round_size)
        rows += mocked(canned(url, session_id), session_id, mock_n, round_size)
    print(table(rows))
    print(f"load average (1 min) {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
