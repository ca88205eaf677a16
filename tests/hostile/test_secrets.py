"""No token or presigned signature in any raised error or log record, whatever the server echoes."""

from __future__ import annotations

import logging
import traceback
from typing import Any

import httpx
import pytest

import roleplay_sdk as sdk
from hostile._server import HostileServer
from hostile.conftest import TOKEN, Driver

LOGGERS = ("", "httpx", "httpcore", "roleplay_sdk")


def _debug_everywhere(caplog: pytest.LogCaptureFixture) -> None:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)


def _record_text(record: logging.LogRecord) -> str:
    return f"{record.getMessage()} {record.args!r} {record.exc_text} {vars(record)!r}"


def _error_text(error: BaseException) -> str:
    """Everything a caller might print or log about an error."""
    parts = [str(error), repr(error), repr(error.args), repr(vars(error))]
    parts.append("".join(traceback.format_exception(error)))
    if isinstance(error, sdk.APIStatusError):
        parts += [repr(error.body), error.response.text, repr(error.response.headers)]
        parts.append(repr(error.response.request.headers))
    return "\n".join(parts)


async def test_a_server_echoing_the_token_gets_it_into_no_error_or_log_record(
    make_driver: Any, server: HostileServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.mode = "echo"
    # The server does echo it: in the problem's detail and in two response headers.
    raw = httpx.get(server.base_url + "/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert f"Bearer {TOKEN}" in raw.text and raw.headers["X-Echo-Authorization"].endswith(TOKEN)
    _debug_everywhere(caplog)
    driver = make_driver()
    with pytest.raises(sdk.AuthenticationError) as raised:
        await driver("leaderboard")
    error = raised.value
    assert server.requests[-1]["headers"]["authorization"] == f"Bearer {TOKEN}"  # it was sent
    shown = _error_text(error)
    assert TOKEN not in shown, shown
    assert "the token in 'Bearer ***' is not valid" in str(error)  # the rest of the detail stays
    assert error.body["detail"] == "the token in 'Bearer ***' is not valid"
    assert error.response.headers["X-Echo-Authorization"] == "Bearer ***"
    assert error.request_id == "Bearer ***"
    names = {record.name.split(".")[0] for record in caplog.records}
    assert {"httpx", "httpcore", "roleplay_sdk"} <= names
    for record in caplog.records:
        assert TOKEN not in _record_text(record), record.getMessage()


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_real_upload_flow_at_debug_logs_no_token_and_no_signature(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The reference service on loopback: preview, start, the presigned PUT, the confirm."""
    from roleplay_reference._server import BackgroundServer

    secret = "sk-live-upload-3e9d1f7a5c2b4e6d8f0a"
    principals = {secret: {"user_id": "user_123", "org_id": "growqr", "role": "member"}}
    _debug_everywhere(caplog)
    with BackgroundServer(tokens=principals) as reference:
        options = {"base_url": reference.base_url, "api_token": secret, "user_id": "user_123"}
        cls = sdk.RoleplayClient if kind == "sync" else sdk.AsyncRoleplayClient
        driver = Driver(cls(**options))
        try:
            session = await driver("start", brief="Ask my manager for a raise.")
            webm = b"\x1a\x45\xdf\xa3" * 256  # a WebM header: the service refuses anything else
            confirmation = await driver("upload_video", session.session_id, webm)
            assert confirmation.session_id == session.session_id
            with pytest.raises(sdk.NotFoundError) as raised:
                await driver("review", "rps_unknown")
        finally:
            await driver.close()
        # Elsewhere, the caller's own httpx logging is untouched: the full URL, query included.
        httpx.get(reference.base_url + "/healthz?signature=callers-own-and-visible")
    assert TOKEN not in _error_text(raised.value)
    messages = [record.getMessage() for record in caplog.records]
    put = [m for m in messages if m.startswith("HTTP Request: PUT ")]
    assert len(put) == 1 and "?*** " in put[0], put
    assert any("?signature=callers-own-and-visible" in m for m in messages), messages[-3:]
    for record in caplog.records:
        text = _record_text(record)
        if "callers-own-and-visible" in text:
            continue
        assert secret not in text, record.getMessage()
        assert "signature=" not in text and "expires=" not in text, record.getMessage()
