"""Live practice over the WebSocket documented under `x-websockets`."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sqlite3
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from starlette.websockets import WebSocket, WebSocketDisconnect

from . import _proxy as proxy
from . import _repo as repo
from ._auth import Principal, bearer_token
from ._http import parse_json
from ._problems import ProblemError

if TYPE_CHECKING:
    from ._service import ReferenceService

_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_TURNS = 200
MAX_TURN_CHARS = 2000
MAX_MESSAGE_BYTES = 16 * 1024

#: Messages in a row that cannot be used before the socket is closed with 1008.
MAX_STRIKES = 20

CLOSE_POLICY = 1008
CLOSE_INTERNAL = 1011
CLOSE_UNAUTHORIZED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_NOT_ACTIVE = 4409
CLOSE_THROTTLED = 4429

log = logging.getLogger("roleplay_reference")


async def live_practice(service: ReferenceService, websocket: WebSocket) -> None:
    """Accept only an active session of the caller; record turns, answer them, end on request.

    The socket is accepted before any refusal so browsers see the documented close code
    (a refusal during the handshake would only show an HTTP 403). A bad message is answered
    with an error message and the conversation goes on; whatever else goes wrong closes the
    socket with 1011, logged without the message (never a dropped connection).
    """
    session_id = str(websocket.path_params.get("session_id", ""))
    token = bearer_token(websocket.headers.get("authorization")) or websocket.query_params.get(
        "token"
    )
    await websocket.accept()
    failures = service.auth_failures
    address = proxy.client_address(websocket.scope, service.proxies) if failures else ""
    if failures is not None and failures.blocked(address) is not None:
        await websocket.close(CLOSE_THROTTLED, "too many failed authentications; retry later")
        return
    principal = service.principal_for(token)
    if principal is None:
        if failures is not None:
            failures.hit(address)
        await websocket.close(CLOSE_UNAUTHORIZED, "a valid bearer token is required")
        return
    if not _SESSION_ID.match(session_id):
        await websocket.close(CLOSE_NOT_FOUND, "unknown session")
        return
    row = await service.store.run(_visible, session_id, principal)
    if row is None:
        await websocket.close(CLOSE_NOT_FOUND, "unknown session")
        return
    if row["status"] != "active":
        await websocket.close(CLOSE_NOT_ACTIVE, f"session is {row['status']}, not active")
        return
    try:
        await _converse(service, websocket, session_id)
    except WebSocketDisconnect:
        return
    except Exception as exc:
        log.warning("live practice of %s ended by %s", session_id, type(exc).__name__)
        with contextlib.suppress(Exception):
            await websocket.close(CLOSE_INTERNAL, "internal error")


def _visible(db: sqlite3.Connection, session_id: str, principal: Principal) -> sqlite3.Row | None:
    try:
        return repo.visible_session(db, session_id, principal)
    except ProblemError:
        return None


async def _error(websocket: WebSocket, message: str) -> None:
    await websocket.send_text(json.dumps({"type": "error", "message": message}))


def _decode(message: MutableMapping[str, Any]) -> tuple[Any, str | None]:
    """(the JSON value, None), or (None, why the message is refused)."""
    text = message.get("text")
    if text is None:
        return None, "send text frames holding JSON"
    if len(text) > MAX_MESSAGE_BYTES:
        return None, f"a message holds at most {MAX_MESSAGE_BYTES} characters"
    try:
        return parse_json(text.encode("utf-8")), None
    except ProblemError as refused:
        return None, refused.detail or "not valid JSON"


async def _converse(service: ReferenceService, websocket: WebSocket, session_id: str) -> None:
    strikes = 0
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        data, refused = _decode(message)
        kind = data.get("type") if isinstance(data, dict) else None
        if refused is None and kind == "turn":
            text = data.get("text")
            refused = service.turn_problem(text)
            if refused is None:
                strikes = 0
                reply = await service.store.run(_record_turn, service, session_id, text)
                if reply is None:
                    await websocket.close(CLOSE_NOT_ACTIVE, "session is no longer active")
                    return
                if isinstance(reply, str):
                    await websocket.send_text(
                        json.dumps({"type": "turn", "speaker": "counterpart", "text": reply})
                    )
                else:
                    await _error(websocket, f"at most {MAX_TURNS} turns per session")
                continue
        elif refused is None and kind == "end":
            ended = await anyio.to_thread.run_sync(service.complete_session_if_active, session_id)
            if not ended:
                await websocket.close(CLOSE_NOT_ACTIVE, "session is no longer active")
                return
            await websocket.send_text(
                json.dumps({"type": "ended", "session_id": session_id, "status": "completed"})
            )
            await websocket.close(1000)
            return
        strikes += 1
        if strikes > MAX_STRIKES:
            await websocket.close(CLOSE_POLICY, "too many messages that could not be used")
            return
        await _error(
            websocket, refused or 'send {"type": "turn", "text": "..."} or {"type": "end"}'
        )


def _record_turn(
    db: sqlite3.Connection, service: ReferenceService, session_id: str, text: str
) -> str | bool | None:
    """The counterpart's reply; False past the turn limit; None if the session left `active`."""
    row = repo.get_session(db, session_id)
    if row is None or row["status"] != "active":
        return None
    count = db.execute(
        "SELECT COUNT(*) FROM turns WHERE session_id = ? AND speaker = 'person'", (session_id,)
    ).fetchone()[0]
    if count >= MAX_TURNS:
        return False
    return repo.person_turn(db, row, text, repo.iso(service.clock()))
