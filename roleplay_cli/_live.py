"""Live practice over a session's WebSocket, as the frontend drives it (openapi.yaml x-websockets).

The SDK has no live-practice call: the seed leaves live practice to the frontend. The demo
plays the frontend's part with the `websockets` library (the `fake` extra): it says each of
the person's turns, reads the counterpart's answer, and ends the practice, which completes
the session and produces its review from the recorded turns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import attrs


class LivePracticeError(RuntimeError):
    """The socket refused a turn, closed early or answered something undocumented."""


@attrs.frozen
class Turn:
    speaker: str  # "person" or "counterpart"
    text: str


def _message(socket: Any, timeout: float) -> dict[str, Any]:
    raw = socket.recv(timeout)
    data = json.loads(raw) if isinstance(raw, str) else None
    if not isinstance(data, dict):
        raise LivePracticeError(f"expected a JSON object, got {str(raw)[:80]!r}")
    return data


def practise(
    websocket_url: str, token: str, turns: Iterable[str], *, timeout: float = 10.0
) -> list[Turn]:
    """Say `turns` in order on the session's socket, then end it; the transcript, both sides.

    The bearer token goes in the Authorization header, never in the URL.
    """
    from websockets.sync.client import connect

    transcript: list[Turn] = []
    headers = {"Authorization": f"Bearer {token}"}
    with connect(
        websocket_url, additional_headers=headers, open_timeout=timeout, close_timeout=timeout
    ) as socket:
        for text in turns:
            socket.send(json.dumps({"type": "turn", "text": text}))
            reply = _message(socket, timeout)
            if reply.get("type") != "turn" or not isinstance(reply.get("text"), str):
                raise LivePracticeError(f"the turn was refused: {reply.get('message', reply)}")
            transcript += [Turn("person", text), Turn("counterpart", reply["text"])]
        socket.send(json.dumps({"type": "end"}))
        ended = _message(socket, timeout)
        if ended.get("type") != "ended" or ended.get("status") != "completed":
            raise LivePracticeError(f"the practice did not end as documented: {ended}")
    return transcript
