"""Every facade operation x every fault, on the sync and the async client.

One table (_operations.OPERATIONS x _faults.FAULTS), two drivers. Each cell gets a fresh
in-process reference service, sets the operation up on a clean client, then calls it through
a fault transport that spoils the first attempt of every request the row targets, and asserts:

* with retries (max_retries=2): the clean result, where every request was sent exactly twice
  (the faulted attempt and one retry), and a fault-free replay of the call gives an equal
  result (nothing fabricated); a 2xx whose body is unusable is APIResponseValidationError;
* without retries: the fault's typed error;
* in every cell: the exact numbers of sessions, assignments and uploads in the service
  (a retried creating call creates exactly once; a failed call leaves what the server did).
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from _fakes import FakeClock

import roleplay_sdk as sdk
from faults._faults import BROKEN_BODY, FAULTS, NOT_REACHED, RETRY_AFTER, Chooser
from faults._faulty_transport import AsyncFaultyTransport, FaultyTransport
from faults._operations import OPERATIONS, Counts, Op, counts_of
from faults._record import CELLS, Cell

testing = pytest.importorskip("roleplay_reference.testing")
service_module = pytest.importorskip("roleplay_reference._service")

TIMEOUT = httpx.Timeout(0.02)  # in-process transports ignore it; the "slow" fault honours it
ERRORS = {
    "refused": sdk.APIConnectionError,
    "429": sdk.RateLimitError,
    "502": sdk.InternalServerError,
    "503": sdk.InternalServerError,
    "504": sdk.InternalServerError,
    "reset": sdk.APIConnectionError,
    "mid_body": sdk.APIConnectionError,
    "read_timeout": sdk.APITimeoutError,
    "slow": sdk.APITimeoutError,
    **{fault: sdk.APIResponseValidationError for fault in BROKEN_BODY},
}


def expected_error(op: Op, fault: str, retries: int) -> type[Exception] | None:
    """None when the call must succeed, else the exact error class it must raise."""
    if fault in BROKEN_BODY:
        return ERRORS[fault] if op.reads_body else None
    return None if retries else ERRORS[fault]


def _options(service: Any, op: Op, retries: int) -> dict[str, Any]:
    return {
        "base_url": testing.BASE_URL,
        "api_token": op.token,
        "allow_insecure_http": True,
        "max_retries": retries,
        "timeout": TIMEOUT,
        **testing._identity(service, op.token),
    }


def drive_sync(
    service: Any, op: Op, fault: str, retries: int, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, Chooser, list[float]]:
    transport = FaultyTransport(testing.SyncASGITransport(service.app))
    transport.chooser.arm_each(fault, op.match)
    sleeps: list[float] = []
    http = httpx.Client(transport=transport, base_url=testing.BASE_URL)
    uploads = httpx.Client(transport=transport)
    client = sdk.RoleplayClient(
        http_client=http,
        upload_http_client=uploads,
        sleep=sleeps.append,
        **_options(service, op, retries),
    )
    try:
        result = getattr(client, op.method)(*args, **kwargs)
        return (list(result) if op.paged else result), transport.chooser, sleeps
    except sdk.RoleplayError as exc:
        return exc, transport.chooser, sleeps
    finally:
        http.close()


async def drive_async(
    service: Any, op: Op, fault: str, retries: int, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, Chooser, list[float]]:
    transport = AsyncFaultyTransport(httpx.ASGITransport(app=service.app))
    transport.chooser.arm_each(fault, op.match)
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    http = httpx.AsyncClient(transport=transport, base_url=testing.BASE_URL)
    uploads = httpx.AsyncClient(transport=transport)
    client = sdk.AsyncRoleplayClient(
        http_client=http, upload_http_client=uploads, sleep=sleep, **_options(service, op, retries)
    )
    try:
        if op.paged:
            result: Any = [item async for item in getattr(client, op.method)(*args, **kwargs)]
        else:
            result = await getattr(client, op.method)(*args, **kwargs)
        return result, transport.chooser, sleeps
    except sdk.RoleplayError as exc:
        return exc, transport.chooser, sleeps
    finally:
        await http.aclose()


def _clean_client(service: Any, token: str) -> tuple[sdk.RoleplayClient, httpx.Client]:
    """A fault-free client; its presigned uploads go in-process too (closing `http` ends both)."""
    transport = testing.SyncASGITransport(service.app)
    http = httpx.Client(transport=transport, base_url=testing.BASE_URL)
    client = sdk.RoleplayClient(
        base_url=testing.BASE_URL,
        api_token=token,
        http_client=http,
        upload_http_client=httpx.Client(transport=transport),
        allow_insecure_http=True,
        **testing._identity(service, token),
    )
    return client, http


def witnessed(service: Any, op: Op, chooser: Chooser, args: Any, kwargs: Any) -> Any:
    """What the service holds: the call's last request replayed, or the call made again."""
    client, http = _clean_client(service, op.token)
    try:
        if op.witness == "again":
            result = getattr(client, op.method)(*args, **kwargs)
            return list(result) if op.paged else result
        response = http.send(chooser.sent[-1].replay())
        assert response.is_success, response.text
        return op.model.from_json(response.json())
    finally:
        http.close()


CASES = [
    pytest.param(driver, retries, op, fault, id=f"{driver}-r{retries}-{op.name.strip()}-{fault}")
    for driver in ("sync", "async")
    for retries in (2, 0)
    for op in OPERATIONS
    for fault in FAULTS
]


@pytest.mark.parametrize(("driver", "retries", "op", "fault"), CASES)
def test_operation_under_fault(driver: str, retries: int, op: Op, fault: str) -> None:
    service = service_module.ReferenceService(clock=FakeClock())
    try:
        client, http = _clean_client(service, op.token)
        try:
            ctx = op.setup(client, service)
        finally:
            http.close()
        before = counts_of(service)
        args, kwargs = op.args(ctx)
        if driver == "sync":
            outcome, chooser, sleeps = drive_sync(service, op, fault, retries, args, kwargs)
        else:
            outcome, chooser, sleeps = asyncio.run(
                drive_async(service, op, fault, retries, args, kwargs)
            )
        faulted = [sent for sent in chooser.sent if sent.fault]
        assert faulted, "the row's requests were never faulted"
        error = expected_error(op, fault, retries)
        if error is None:
            assert not isinstance(outcome, Exception), repr(outcome)
            expected = before + op.created
            # Every distinct request: one faulted attempt and exactly one retry, or only one
            # attempt when the fault did not matter (a body the client never reads).
            retried = op.reads_body or fault not in BROKEN_BODY
            assert chooser.calls == chooser.distinct() + (len(faulted) if retried else 0)
            if fault == "429":
                assert float(RETRY_AFTER) in sleeps  # the server's Retry-After was honoured
            assert counts_of(service) == expected
            assert outcome == witnessed(service, op, chooser, args, kwargs)
            assert counts_of(service) == expected  # the replay created nothing either
        else:
            assert type(outcome) is error, repr(outcome)
            # Nothing was sent twice: no retry without max_retries, none after an unusable
            # answer (the async client's concurrent bulk chunks may each have been faulted).
            assert chooser.calls == chooser.distinct() and not sleeps
            reached = fault not in NOT_REACHED
            delta: Counts = op.failed_reached if reached else op.failed_unreached
            assert counts_of(service) == before + delta
        CELLS.append(
            Cell(
                driver,
                retries,
                op.name,
                fault,
                "ok" if error is None else error.__name__,
                str(counts_of(service)),
            )
        )
    finally:
        service.close()


def test_upload_video_per_call_timeout_also_bounds_the_storage_put() -> None:
    """The per-call timeout reaches the presigned PUT, not only the service's endpoints."""
    service = service_module.ReferenceService(clock=FakeClock())
    try:
        client, http = _clean_client(service, "dev-member-token")
        with http:
            sid = client.start(brief="Ask my manager for a raise.").session_id
            transport = FaultyTransport(testing.SyncASGITransport(service.app))
            transport.chooser.arm_each("slow", lambda request: request.method == "PUT")
            # The upload client's own default timeout (5 s) would let the slow answer in.
            with httpx.Client(transport=transport) as uploads:
                faulty = sdk.RoleplayClient(
                    base_url=testing.BASE_URL,
                    api_token="dev-member-token",
                    http_client=http,
                    upload_http_client=uploads,
                    max_retries=0,
                    **testing._identity(service, "dev-member-token"),
                )
                with pytest.raises(sdk.APITimeoutError):
                    faulty.upload_video(sid, b"\x1a\x45\xdf\xa3" * 64, timeout=0.02)
        assert counts_of(service) == Counts(sessions=1, uploads=1)
        assert service.count_uploads(status="confirmed") == 0  # never confirmed: no analysis
    finally:
        service.close()
