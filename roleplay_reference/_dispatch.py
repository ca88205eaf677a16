"""The HTTP front door: route by the spec, authenticate, validate, run a handler, add headers."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from . import _proxy as proxy
from ._auth import Principal, bearer_token
from ._handlers import HANDLERS, Call, Reply
from ._http import is_json_media_type, json_response, media_type, parse_json, read_body, render_json
from ._problems import ProblemError, validation_failed
from ._ratelimit import Quota
from ._schema import FieldError
from ._spec import Operation, Parameter

if TYPE_CHECKING:
    from ._service import ReferenceService

log = logging.getLogger("roleplay_reference")

_INT = re.compile(r"^-?\d{1,18}$")
_NUMBER = re.compile(r"^-?\d{1,18}(\.\d{1,18})?([eE][-+]?\d{1,3})?$")
IDEMPOTENCY_TTL = 24 * 3600

Endpoint = Callable[["ReferenceService", Request, dict[str, str]], Awaitable[Response]]


@dataclass(frozen=True)
class ExtraRoute:
    """A route outside the public spec (signed files, the frontend page, /_control)."""

    method: str
    regex: re.Pattern[str]
    endpoint: Endpoint
    #: Whether the answer carries the API's Access-Control-Allow-Origin (files do not).
    cors: bool = True


def base_url(service: ReferenceService, request: Request) -> str:
    """Where absolute URLs point: the configured public URL, else the bound address (or what
    a trusted proxy forwarded); a `Host` header from anyone else decides nothing."""
    if service.public_base_url:
        return service.public_base_url
    return proxy.base_url(request.scope, service.proxies)


def client_address(service: ReferenceService, request: Request) -> str:
    return proxy.client_address(request.scope, service.proxies)


def _coerce(raw: str, kind: str | None) -> Any:
    """Query and path values arrive as text; give the schema the type it describes."""
    if kind == "integer" and _INT.match(raw):
        return int(raw)
    if kind == "number" and _NUMBER.match(raw):
        return float(raw)
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


def _fingerprint(operation_id: str, path_params: dict[str, Any], body: Any) -> str:
    material = json.dumps([operation_id, path_params, body], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(material.encode()).hexdigest()


class Dispatcher:
    """An ASGI app answering every HTTP request with JSON or a problem, never a bare error."""

    def __init__(self, service: ReferenceService, extra_routes: list[ExtraRoute]) -> None:
        self.service = service
        self.operations = service.operations
        self.extra_routes = extra_routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 4404, "reason": "unknown path"})
            return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        response = await self.handle(request)
        await response(scope, receive, send)

    # ---------- routing ----------

    def _match(self, method: str, path: str) -> tuple[Any, dict[str, str], list[str]]:
        allowed: list[str] = []
        for operation in self.operations:
            found = operation.regex.match(path)
            if found:
                if operation.method == method:
                    return operation, found.groupdict(), allowed
                allowed.append(operation.method)
        for route in self.extra_routes:
            found = route.regex.match(path)
            if found:
                if route.method == method:
                    return route, found.groupdict(), allowed
                allowed.append(route.method)
        return None, {}, allowed

    async def handle(self, request: Request) -> Response:
        request_id = f"req_{secrets.token_hex(8)}"
        quota: Quota | None = None
        cors = True
        try:
            target, path_params, allowed = self._match(request.method, request.url.path)
            cors = not isinstance(target, ExtraRoute) or target.cors
            if target is None:
                if allowed and request.method == "OPTIONS":
                    response = self._preflight(request, allowed)
                elif allowed:
                    raise ProblemError(
                        405,
                        f"{request.method} is not allowed here; use {', '.join(allowed)}.",
                        headers={"Allow": ", ".join(sorted(set(allowed)))},
                    )
                else:
                    raise ProblemError(404, "No such resource.")
            elif isinstance(target, Operation):
                response, quota = await self._operation(request, target, path_params)
            else:
                response = await target.endpoint(self.service, request, path_params)
        except ProblemError as problem:
            response = self.problem_response(problem, request, request_id)
            if problem.status == 401:
                response.headers["WWW-Authenticate"] = 'Bearer realm="roleplay-service"'
        except Exception:
            log.exception(
                "unhandled error in %s %s (%s)", request.method, request.url.path, request_id
            )
            response = self.problem_response(ProblemError(500), request, request_id)
        self._common_headers(response, request, quota, request_id, cors=cors)
        return response

    def problem_response(
        self, problem: ProblemError, request: Request, request_id: str
    ) -> Response:
        instance = quote(request.url.path, safe="/:@-._~!$&'()*+,;=")
        body = problem.body(instance=instance, request_id=request_id)
        return json_response(problem.status, body, problem.headers, problem=True)

    def _preflight(self, request: Request, allowed: list[str]) -> Response:
        """CORS preflight for browsers; anything else with OPTIONS is a 405."""
        wanted = request.headers.get("access-control-request-method", "")
        if not request.headers.get("origin") or wanted.upper() not in allowed:
            raise ProblemError(
                405,
                "OPTIONS answers only CORS preflight requests.",
                headers={"Allow": ", ".join(sorted(set(allowed)))},
            )
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Methods": ", ".join(sorted(set(allowed))),
                "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key",
                "Access-Control-Max-Age": "600",
            },
        )

    def _common_headers(
        self,
        response: Response,
        request: Request,
        quota: Quota | None,
        request_id: str,
        *,
        cors: bool = True,
    ) -> None:
        service = self.service
        headers = response.headers
        if cors:
            headers["Access-Control-Allow-Origin"] = service.allowed_origin
        headers["Access-Control-Expose-Headers"] = (
            "Location, Idempotent-Replayed, RateLimit-Limit, RateLimit-Remaining, "
            "RateLimit-Reset, Retry-After, X-Request-Id"
        )
        headers["X-Request-Id"] = request_id
        headers["X-Content-Type-Options"] = "nosniff"
        if quota is None:
            token = bearer_token(request.headers.get("authorization"))
            principal = service.principal_for(token)
            key = f"token:{token}" if principal else self._anonymous_key(request)
            quota = service.rate_limiter.peek(key)
        for name, value in quota.headers().items():
            headers[name] = value

    def _anonymous_key(self, request: Request) -> str:
        return f"anon:{client_address(self.service, request)}"

    # ---------- spec operations ----------

    def _authenticate(self, request: Request) -> tuple[Principal, str]:
        """The caller, or 401; 429 for an address past its burst of failed authentications
        (whatever token it sends then, so guessing cannot go on at full speed)."""
        service = self.service
        failures = service.auth_failures
        address = client_address(service, request) if failures is not None else ""
        if failures is not None and (blocked := failures.blocked(address)) is not None:
            raise too_many_failures(blocked.reset)
        token = bearer_token(request.headers.get("authorization"))
        principal = service.principal_for(token)
        if principal is None or token is None:
            if failures is not None and failures.hit(address).exceeded:
                raise too_many_failures(failures.peek(address).reset)
            detail = "A bearer token is required." if token is None else "The token is not valid."
            raise ProblemError(401, detail)
        return principal, token

    def _parameters(
        self, request: Request, operation: Operation, path_params: dict[str, str]
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for parameter in operation.parameters:
            raw = self._raw_parameter(request, parameter, path_params)
            if raw is None:
                if parameter.required:
                    errors.append(FieldError(parameter.name, "is required"))
                elif parameter.default is not None:
                    values[parameter.name] = parameter.default
                continue
            value = _coerce(raw, parameter.schema_type)
            found = self.service.schemas.parameter_errors(
                parameter.schema_pointer, parameter.name, value
            )
            errors += found
            values[parameter.name] = value
        if errors:
            raise validation_failed(errors)
        return values

    @staticmethod
    def _raw_parameter(
        request: Request, parameter: Parameter, path_params: dict[str, str]
    ) -> str | None:
        if parameter.location == "path":
            return path_params.get(parameter.name)
        if parameter.location == "query":
            return request.query_params.get(parameter.name)
        if parameter.location == "header":
            return request.headers.get(parameter.name)
        return None

    async def _body(self, request: Request, operation: Operation) -> Any:
        raw = await read_body(request, self.service.max_body_bytes)
        if operation.body_pointer is None:
            return None
        kind = media_type(request)
        if not raw.strip():
            if kind and not is_json_media_type(kind):
                raise ProblemError(415, "Send application/json.")
            if operation.body_required:
                raise validation_failed([FieldError("body", "A JSON request body is required.")])
            return None
        if not is_json_media_type(kind):
            raise ProblemError(415, "Send application/json.")
        body = parse_json(raw)
        errors = self.service.schemas.errors(operation.body_pointer, body)
        if errors:
            raise validation_failed(errors)
        return body

    async def _operation(
        self, request: Request, operation: Operation, path_params: dict[str, str]
    ) -> tuple[Response, Quota]:
        service = self.service
        principal, token = self._authenticate(request)
        quota = service.rate_limiter.hit(f"token:{token}")
        if quota.exceeded:
            raise ProblemError(
                429,
                f"Retry after {quota.reset} seconds.",
                headers={"Retry-After": str(quota.reset)},
            )
        params = self._parameters(request, operation, path_params)
        body = await self._body(request, operation)
        call = Call(
            principal=principal,
            params=params,
            body=body,
            base_url=base_url(service, request),
            now=service.clock(),
        )
        reply, content, replayed = await service.store.run(
            self._run, operation, call, path_params, body
        )
        if operation.method == "POST":
            await service.sweep_if_due(call.now)
        headers = dict(reply.headers)
        if operation.declares_header(reply.status, "Idempotent-Replayed"):
            headers["Idempotent-Replayed"] = "true" if replayed else "false"
        response = Response(
            content, status_code=reply.status, headers=headers, media_type="application/json"
        )
        return response, quota

    def _run(
        self,
        db: sqlite3.Connection,
        operation: Operation,
        call: Call,
        path_params: dict[str, str],
        body: Any,
    ) -> tuple[Reply, bytes, bool]:
        """The handler in one transaction (on a worker thread), with idempotent replay."""
        service, principal = self.service, call.principal
        handler = HANDLERS[operation.operation_id]
        key = call.params.get("Idempotency-Key")
        replayable = any("idempotent-replayed" in h for h in operation.response_headers.values())
        if not (key and replayable):
            reply = handler(service, db, call)
            return reply, render_json(reply.body), False
        fingerprint = _fingerprint(
            operation.operation_id, {k: path_params[k] for k in sorted(path_params)}, body
        )
        row = db.execute(
            "SELECT * FROM idempotency WHERE org_id = ? AND user_id = ? AND key = ?",
            (principal.org_id, principal.user_id, key),
        ).fetchone()
        if row is not None and row["created_at"] < call.now - IDEMPOTENCY_TTL:
            db.execute(
                "DELETE FROM idempotency WHERE org_id = ? AND user_id = ? AND key = ?",
                (principal.org_id, principal.user_id, key),
            )
            row = None
        if row is not None:
            if row["fingerprint"] != fingerprint:
                raise ProblemError(
                    409,
                    "This Idempotency-Key was used with a different request.",
                    kind="idempotency-key-reuse",
                )
            reply = Reply(row["status"], None)
            if row["location"]:
                reply.headers["Location"] = row["location"]
            return reply, bytes(row["body"]), True
        reply = handler(service, db, call)
        content = render_json(reply.body)
        if 200 <= reply.status < 300:
            db.execute(
                "INSERT INTO idempotency (org_id, user_id, key, fingerprint,"
                " operation_id, status, body, location, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    principal.org_id,
                    principal.user_id,
                    key,
                    fingerprint,
                    operation.operation_id,
                    reply.status,
                    content,
                    reply.headers.get("Location"),
                    call.now,
                ),
            )
        return reply, content, False


def too_many_failures(reset: int) -> ProblemError:
    return ProblemError(
        429,
        f"Too many failed authentications from this address; retry after {reset} seconds.",
        headers={"Retry-After": str(reset)},
    )
