"""Live practice over the WebSocket documented under `x-websockets`."""

from __future__ import annotations

import json
import re
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

from starlette.websockets import WebSocket, WebSocketDisconnect

from . import _repo as repo
from ._auth import bearer_token
from ._problems import ProblemError

if TYPE_CHECKING:
    from ._service import ReferenceService

_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_TURNS = 200
MAX_TURN_CHARS = 2000
MAX_MESSAGE_BYTES = 16 * 1024

CLOSE_UNAUTHORIZED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_NOT_ACTIVE = 4409


async def live_practice(service: ReferenceService, websocket: WebSocket) -> None:
    """Accept only an active session of the caller; record turns, answer them, end on request.

    The socket is accepted before any refusal so browsers see the documented close code
    (a refusal during the handshake would only show an HTTP 403).
    """
    session_id = str(websocket.path_params.get("session_id", ""))
    token = bearer_token(websocket.headers.get("authorization")) or websocket.query_params.get(
        "token"
    )
    await websocket.accept()
    principal = service.principal_for(token)
    if principal is None:
        await websocket.close(CLOSE_UNAUTHORIZED, "a valid bearer token is required")
        return
    if not _SESSION_ID.match(session_id):
        await websocket.close(CLOSE_NOT_FOUND, "unknown session")
        return
    with service.store.transaction() as db:
        try:
            row = repo.visible_session(db, session_id, principal)
        except ProblemError:
            row = None
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


async def _error(websocket: WebSocket, message: str) -> None:
    await websocket.send_text(json.dumps({"type": "error", "message": message}))


def _decode(message: MutableMapping[str, Any]) -> Any:
    text = message.get("text")
    if text is None or len(text) > MAX_MESSAGE_BYTES:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


async def _converse(service: ReferenceService, websocket: WebSocket, session_id: str) -> None:
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        data = _decode(message)
        kind = data.get("type") if isinstance(data, dict) else None
        if kind == "turn":
            text = data.get("text") if isinstance(data, dict) else None
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_TURN_CHARS:
                await _error(websocket, f"text must be 1-{MAX_TURN_CHARS} characters")
                continue
            reply = _record_turn(service, session_id, text)
            if reply is None:
                await websocket.close(CLOSE_NOT_ACTIVE, "session is no longer active")
                return
            if isinstance(reply, str):
                await websocket.send_text(
                    json.dumps({"type": "turn", "speaker": "counterpart", "text": reply})
                )
            else:
                await _error(websocket, f"at most {MAX_TURNS} turns per session")
        elif kind == "end":
            ended = service.complete_session_if_active(session_id)
            if not ended:
                await websocket.close(CLOSE_NOT_ACTIVE, "session is no longer active")
                return
            await websocket.send_text(
                json.dumps({"type": "ended", "session_id": session_id, "status": "completed"})
            )
            await websocket.close(1000)
            return
        else:
            await _error(websocket, 'send {"type": "turn", "text": "..."} or {"type": "end"}')


def _record_turn(service: ReferenceService, session_id: str, text: str) -> str | bool | None:
    """The counterpart's reply; False past the turn limit; None if the session left `active`."""
    with service.store.transaction() as db:
        row = repo.get_session(db, session_id)
        if row is None or row["status"] != "active":
            return None
        count = db.execute(
            "SELECT COUNT(*) FROM turns WHERE session_id = ? AND speaker = 'person'", (session_id,)
        ).fetchone()[0]
        if count >= MAX_TURNS:
            return False
        return repo.person_turn(db, row, text, repo.iso(service.clock()))
