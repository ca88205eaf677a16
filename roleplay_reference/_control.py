"""The test-control surface over HTTP, under /_control, mounted only with enable_control=True.

It is outside the public spec and takes no token: never enable it on a shared network.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response

from ._dispatch import ExtraRoute, base_url
from ._http import json_response, parse_json, read_body
from ._problems import ProblemError

if TYPE_CHECKING:
    from ._service import ReferenceService

_ID = r"[A-Za-z0-9_-]{1,64}"


async def _json_body(service: ReferenceService, request: Request) -> dict[str, Any]:
    raw = await read_body(request, service.max_body_bytes)
    if not raw.strip():
        return {}
    body = parse_json(raw)
    if not isinstance(body, dict):
        raise ProblemError(422, "Send a JSON object.")
    return body


async def complete(service: ReferenceService, request: Request, params: dict[str, str]) -> Response:
    """Body, both keys optional: {"review": {scores, feedback, recommendations}, "turns": []}."""
    body = await _json_body(service, request)
    work = functools.partial(
        service.complete_session,
        params["session_id"],
        review=body.get("review"),
        turns=body.get("turns"),
    )
    return json_response(200, await anyio.to_thread.run_sync(work))


async def start_assignment(
    service: ReferenceService, request: Request, params: dict[str, str]
) -> Response:
    work = functools.partial(
        service.start_assignment, params["assignment_id"], base_url=base_url(service, request)
    )
    return json_response(201, await anyio.to_thread.run_sync(work))


async def counts(service: ReferenceService, request: Request, params: dict[str, str]) -> Response:
    org_id = request.query_params.get("org_id")
    return json_response(200, await anyio.to_thread.run_sync(service.counts, org_id))


async def turns(service: ReferenceService, request: Request, params: dict[str, str]) -> Response:
    turns = await anyio.to_thread.run_sync(service.session_turns, params["session_id"])
    return json_response(200, {"turns": turns})


async def reset(service: ReferenceService, request: Request, params: dict[str, str]) -> Response:
    await anyio.to_thread.run_sync(service.reset)
    return Response(status_code=204)


ROUTES = [
    ExtraRoute(
        "POST", re.compile(rf"^/_control/sessions/(?P<session_id>{_ID})/complete$"), complete
    ),
    ExtraRoute("GET", re.compile(rf"^/_control/sessions/(?P<session_id>{_ID})/turns$"), turns),
    ExtraRoute(
        "POST",
        re.compile(rf"^/_control/assignments/(?P<assignment_id>{_ID})/start$"),
        start_assignment,
    ),
    ExtraRoute("GET", re.compile(r"^/_control/counts$"), counts),
    ExtraRoute("POST", re.compile(r"^/_control/reset$"), reset),
]
