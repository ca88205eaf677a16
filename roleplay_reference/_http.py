"""Request bodies (capped before parsing), strict JSON, and response rendering."""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ._problems import PROBLEM_MEDIA_TYPE, ProblemError

MAX_NESTING = 32


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or a 413 as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ProblemError(400, "Content-Length is not a number.")
        if int(declared) > limit:
            raise ProblemError(413, f"The body exceeds {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProblemError(413, f"The body exceeds {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def is_json_media_type(value: str) -> bool:
    return value == "application/json" or (
        value.startswith("application/") and value.endswith("+json")
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _check_tree(value: Any) -> None:
    """Bound nesting and refuse unpaired surrogates, iteratively (no recursion to exhaust)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                raise ProblemError(400, "The body contains an unpaired surrogate.") from None
            continue
        if isinstance(node, float) and not math.isfinite(node):
            raise ProblemError(400, "The body contains a number out of range.")
        if isinstance(node, dict | list):
            if depth > MAX_NESTING:
                raise ProblemError(400, f"The body is nested deeper than {MAX_NESTING} levels.")
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, item in items:
                if isinstance(key, str):
                    stack.append((key, depth))
                stack.append((item, depth + 1))


def parse_json(body: bytes) -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity, bounded nesting; otherwise a 400 problem."""
    try:
        text = body.decode("utf-8")
        value = json.loads(text, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProblemError(400, "The body is not valid JSON.") from None
    _check_tree(value)
    return value


def render_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def json_response(
    status: int, value: Any, headers: dict[str, str] | None = None, *, problem: bool = False
) -> Response:
    return Response(
        render_json(value),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_MEDIA_TYPE if problem else "application/json",
    )
