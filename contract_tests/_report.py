"""What a failed check prints: the operation, the rule, a reproducing request; never a token.

A CI log and its JUnit XML are read by people who must not learn the deployment's tokens, so
every report is passed through `redact` (the tokens the run was given, wherever they appear:
a traceback's arguments, an answer that echoes a header, a captured print), and the requests a
check sent are shown as curl commands with the bearer token as `[Filtered]`, as schemathesis
shows its own.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import httpx
import yaml

FILTERED = "[Filtered]"
SPEC_PATH = Path(__file__).resolve().parent / "openapi.yaml"
#: Headers a reproduction needs; the rest (httpx's defaults) would only add noise.
SHOWN_HEADERS = ("content-type", "idempotency-key")
BODY_LIMIT = 2000


@cache
def _operations() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    found = []
    for path, methods in document["paths"].items():
        regex = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")
        for method, operation in methods.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found.append((method.upper(), regex, str(operation["operationId"])))
    return tuple(found)


def operation_id(method: str, path: str) -> str:
    """The spec's operationId for a request, or a label for routes outside the spec."""
    for known_method, regex, op_id in _operations():
        if known_method == method.upper() and regex.match(path):
            return op_id
    return "outside the spec"


def curl(request: httpx.Request) -> str:
    """A shell command that sends the same request, the bearer token filtered."""
    parts = ["curl", "-X", request.method, str(request.url)]
    if "authorization" in request.headers:
        parts += ["-H", f"Authorization: Bearer {FILTERED}"]
    for name in SHOWN_HEADERS:
        if name in request.headers:
            parts += ["-H", f"{name.title()}: {request.headers[name]}"]
    try:
        body = request.content
    except httpx.RequestNotRead:
        body = b""
    if body:
        text = body.decode("utf-8", "replace")
        if len(text) > BODY_LIMIT:
            text = text[:BODY_LIMIT] + "..."
        parts += ["-d", text]
    return shlex.join(parts)


def describe_exchange(request: httpx.Request, status: int | None) -> str:
    answer = f"-> {status}" if status is not None else "-> no answer"
    return f"{operation_id(request.method, request.url.path)} {answer}\n  {curl(request)}"


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced by [Filtered] (longest first, so none leaks a part)."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, FILTERED)
    return text
