"""Deliberately broken variants of the reference service, to prove the suite has teeth.

Each variant is ASGI middleware around the honest app: it rewrites requests before the app
sees them or answers after it answered, using nothing but HTTP (tokens, paths, bodies), never
the service's internals. `caught_by` names the checks of the suite expected to catch it:

* `semantic:<name>`        a function of checks.SEMANTIC_CHECKS
* `fuzz:<operationId>:<positive|negative>`  conformance.run_fuzzing
* `coverage:<operationId>` conformance.run_coverage
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode

from ._target import DEV_ADMIN_TOKEN, DEV_MEMBER_TOKEN

ASGIApp = Callable[..., Awaitable[None]]


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k == name), None)

    def with_header(self, name: str, value: str | None) -> Request:
        name = name.lower()
        kept = tuple((k, v) for k, v in self.headers if k != name)
        return replace(self, headers=kept if value is None else (*kept, (name, value)))

    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query, keep_blank_values=True))

    def with_params(self, params: dict[str, str]) -> Request:
        return replace(self, query=urlencode(params))


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def is_json(self) -> bool:
        media = next((v for k, v in self.headers if k == "content-type"), "")
        return "json" in media

    def json(self) -> Any:
        return json.loads(self.body)

    def with_json(self, document: Any, status: int | None = None) -> Reply:
        return replace(
            self,
            status=self.status if status is None else status,
            body=json.dumps(document).encode(),
        )


Call = Callable[[Request], Awaitable[Reply]]


@dataclass
class BrokenVariant:
    """ASGI middleware around `app`; subclasses override `handle`."""

    app: ASGIApp
    name: ClassVar[str]
    breaks: ClassVar[str]
    caught_by: ClassVar[tuple[str, ...]]
    memory: dict[str, Any] = field(default_factory=dict)

    async def handle(self, request: Request, call: Call) -> Reply:
        return await call(request)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        request = Request(
            method=scope["method"],
            path=scope["path"],
            query=scope.get("query_string", b"").decode("latin-1"),
            headers=tuple(
                (k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope["headers"]
            ),
            body=b"".join(chunks),
        )

        async def call(forwarded: Request) -> Reply:
            return await self._call_app(scope, forwarded)

        reply = await self.handle(request, call)
        headers = [(k, v) for k, v in reply.headers if k != "content-length"]
        headers.append(("content-length", str(len(reply.body))))
        await send(
            {
                "type": "http.response.start",
                "status": reply.status,
                "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
            }
        )
        await send({"type": "http.response.body", "body": reply.body})

    async def _call_app(self, scope: dict[str, Any], request: Request) -> Reply:
        inner_scope = {
            **scope,
            "method": request.method,
            "path": request.path,
            "raw_path": request.path.encode("latin-1", "replace"),
            "query_string": request.query.encode("latin-1"),
            "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in request.headers],
        }
        sent = False
        status, headers, parts = 500, [], []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": request.body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    (k.decode("latin-1").lower(), v.decode("latin-1"))
                    for k, v in message.get("headers", [])
                ]
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(inner_scope, receive, send)
        return Reply(status, headers, b"".join(parts))


# ---------- helpers ----------

SESSION_PATHS = (
    "/api/v1/roleplays/configure/preview",
    "/api/v1/roleplays/configure",
    "/api/v1/roleplays/configure/questions",
    "/api/v1/roleplays/configure/approve",
)


def _rewrite_json(reply: Reply, change: Callable[[Any], Any]) -> Reply:
    if not reply.is_json or not reply.body:
        return reply
    return reply.with_json(change(reply.json()))


def _map_dicts(document: Any, change: Callable[[dict[str, Any]], None]) -> Any:
    if isinstance(document, dict):
        for value in document.values():
            _map_dicts(value, change)
        change(document)
    elif isinstance(document, list):
        for value in document:
            _map_dicts(value, change)
    return document


# ---------- schema-level breakage ----------


class WrongFieldType(BrokenVariant):
    name = "wrong-field-type"
    breaks = "a draft answers needs_approval as the string 'yes'"
    caught_by = ("fuzz:previewRoleplay:positive", "semantic:preview_never_activates")

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path == SESSION_PATHS[0] and reply.status == 201:
            return _rewrite_json(reply, lambda d: {**d, "needs_approval": "yes"})
        return reply


class MissingRequiredField(BrokenVariant):
    name = "missing-required-field"
    breaks = "session answers lack created_at"
    caught_by = ("fuzz:configureRoleplay:positive", "coverage:configureRoleplay")

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path in SESSION_PATHS and reply.status in (200, 201):
            return _rewrite_json(reply, lambda d: {k: v for k, v in d.items() if k != "created_at"})
        return reply


class OutOfEnumValue(BrokenVariant):
    name = "out-of-enum-value"
    breaks = "scenarios answer persona_id 'zoe' (personas are payal, emma, john, kapil)"
    caught_by = ("fuzz:previewRoleplay:positive",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)

        def zoe(node: dict[str, Any]) -> None:
            if "persona_id" in node and "counterpart" in node:
                node["persona_id"] = "zoe"

        if request.path in SESSION_PATHS and reply.status in (200, 201):
            return _rewrite_json(reply, lambda d: _map_dicts(d, zoe))
        return reply


class ServerErrorOnValidInput(BrokenVariant):
    name = "500-on-valid-input"
    breaks = "configureRoleplay answers 500 where it should create the session"
    caught_by = ("fuzz:configureRoleplay:positive", "semantic:configure_returns_active_session")

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path == SESSION_PATHS[1] and reply.status == 201:
            problem = {"type": "about:blank", "title": "Internal error", "status": 500}
            return Reply(500, [("content-type", "application/problem+json")], b"").with_json(
                problem
            )
        return reply


class AcceptsInvalidBody(BrokenVariant):
    name = "accepts-invalid-body"
    breaks = "a preview the schema rejects (422) is answered with a fabricated 201 draft"
    caught_by = (
        "fuzz:previewRoleplay:negative",
        "semantic:duration_10_is_refused_and_never_answered",
    )

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path == SESSION_PATHS[0] and reply.status == 422:
            draft = {
                "session_id": "rps_fabricated",
                "scenario_id": "scn_fabricated",
                "status": "draft",
                "needs_approval": True,
                "opening_prompt": None,
                "prompt_outline": [],
                "scenario": None,
                "qscore_context": None,
                "candidate_brief": None,
                "created_at": "2026-11-29T10:00:00Z",
            }
            return Reply(201, [("content-type", "application/json")], b"").with_json(draft)
        return reply


class PlainTextErrors(BrokenVariant):
    name = "plain-text-errors"
    breaks = "4xx answers are text/plain instead of RFC 9457 problem+json"
    caught_by = ("coverage:getRoleplayReview", "semantic:errors_are_problem_details")

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if 400 <= reply.status < 500:
            headers = [(k, v) for k, v in reply.headers if k != "content-type"]
            return Reply(reply.status, [*headers, ("content-type", "text/plain")], b"error")
        return reply


# ---------- security ----------


class IgnoredToken(BrokenVariant):
    name = "ignored-token"
    breaks = "a request without Authorization is served as dev-member-token"
    caught_by = ("semantic:missing_or_forged_auth_is_401", "fuzz:getRoleplayLeaderboard:positive")

    async def handle(self, request: Request, call: Call) -> Reply:
        if request.header("authorization") is None:
            request = request.with_header("authorization", f"Bearer {DEV_MEMBER_TOKEN}")
        return await call(request)


class CrossOrgLeak(BrokenVariant):
    name = "cross-org-leak"
    breaks = "a 404 for a session is retried with an admin of growqr (lookup ignores the org)"
    caught_by = ("semantic:cross_organization_isolation",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if reply.status == 404 and request.header("authorization"):
            retry = await call(request.with_header("authorization", f"Bearer {DEV_ADMIN_TOKEN}"))
            if retry.status < 400:
                return retry
        return reply


class MemberActsAsOthers(BrokenVariant):
    name = "member-acts-as-others"
    breaks = "a member's 403 for acting as another user is retried as an admin"
    caught_by = ("semantic:member_cannot_act_as_another_user",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if reply.status == 403 and request.path in SESSION_PATHS[:2]:
            body = json.loads(request.body)
            body.pop("org_id", None)
            elevated = replace(request, body=json.dumps(body).encode())
            elevated = elevated.with_header("authorization", f"Bearer {DEV_ADMIN_TOKEN}")
            elevated = elevated.with_header("content-length", str(len(elevated.body)))
            return await call(elevated)
        return reply


class TamperedUrlsAccepted(BrokenVariant):
    name = "tampered-urls-accepted"
    breaks = "presigned URLs with a bad signature are served (403 turned into 200)"
    caught_by = ("semantic:tampered_signed_urls_are_403",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if reply.status == 403 and request.path.startswith(("/_uploads/", "/_artifacts/")):
            return Reply(200, [("content-type", "video/webm")], b"\x1a\x45\xdf\xa3")
        return reply


# ---------- life cycle ----------


class PreviewActivates(BrokenVariant):
    name = "preview-activates"
    breaks = "a preview answers an active session that needs no approval"
    caught_by = ("semantic:preview_never_activates",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path == SESSION_PATHS[0] and reply.status == 201:
            return _rewrite_json(
                reply, lambda d: {**d, "status": "active", "needs_approval": False}
            )
        return reply


class ApproveTwice(BrokenVariant):
    name = "approve-twice"
    breaks = "approving a session that is no longer a draft answers 200 again"
    caught_by = ("semantic:only_drafts_can_be_edited_or_approved",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path == SESSION_PATHS[3]:
            if reply.status == 200:
                self.memory[json.loads(request.body)["session_id"]] = reply
            elif reply.status == 409:
                earlier = self.memory.get(json.loads(request.body)["session_id"])
                if isinstance(earlier, Reply):
                    return earlier
        return reply


class ScoreBeforeCompletion(BrokenVariant):
    name = "score-before-completion"
    breaks = "pending reviews carry a provisional score"
    caught_by = ("semantic:no_score_before_completion",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path.startswith("/api/v1/roleplays/review/") and reply.status == 200:

            def score(review: Any) -> Any:
                if review.get("status") == "pending":
                    review["scores"] = {"overall": 50, "categories": []}
                return review

            return _rewrite_json(reply, score)
        return reply


class DurationTen(BrokenVariant):
    name = "duration-10"
    breaks = "15-minute scenarios are answered as 10 minutes"
    caught_by = (
        "semantic:duration_10_is_refused_and_never_answered",
        "fuzz:configureRoleplay:positive",
    )

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)

        def ten(node: dict[str, Any]) -> None:
            if node.get("duration_minutes") == 15:
                node["duration_minutes"] = 10

        if request.path.startswith("/api/") and reply.status < 300:
            return _rewrite_json(reply, lambda d: _map_dicts(d, ten))
        return reply


class ExpiredUrls(BrokenVariant):
    name = "expired-urls"
    breaks = "upload and artifact URLs answer an expires_at in the past"
    caught_by = ("semantic:upload_and_artifact_urls_absolute_and_fresh",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if reply.status in (200, 201) and (
            request.path.endswith("/video/upload-url")
            or request.path.startswith("/api/v1/artifacts/")
        ):
            return _rewrite_json(reply, lambda d: {**d, "expires_at": "2020-01-01T00:00:00Z"})
        return reply


# ---------- assignments and idempotency ----------


class HardUnassign(BrokenVariant):
    name = "hard-unassign"
    breaks = "unassigned records vanish from listings and bulk results"
    caught_by = ("semantic:unassign_is_soft", "semantic:list_limit_filters_and_paging")

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        gone: set[str] = self.memory.setdefault("gone", set())
        if request.path == "/api/v1/roleplays/assignments/unassign" and reply.status == 200:
            gone.update(a["assignment_id"] for a in reply.json()["assignments"])
        elif request.path == "/api/v1/roleplays/assignments" and request.method == "GET":
            return _rewrite_json(
                reply,
                lambda d: {**d, "items": [i for i in d["items"] if i["assignment_id"] not in gone]},
            )
        elif request.path == "/api/v1/roleplays/results:bulk" and reply.status == 200:

            def drop(document: Any) -> Any:
                for result in document["results"]:
                    if result["assignment_id"] in gone:
                        result.update(found=False, assignment=None, review=None)
                return document

            return _rewrite_json(reply, drop)
        return reply


class IgnoredListLimit(BrokenVariant):
    name = "ignored-list-limit"
    breaks = "listAssignments ignores limit (always its default page size)"
    caught_by = ("semantic:list_limit_filters_and_paging",)

    async def handle(self, request: Request, call: Call) -> Reply:
        if request.path == "/api/v1/roleplays/assignments" and request.method == "GET":
            params = {k: v for k, v in request.params().items() if k != "limit"}
            request = request.with_params(params)
        return await call(request)


class BulkDropsUnknownIds(BrokenVariant):
    name = "bulk-drops-unknown-ids"
    breaks = "bulk results leave out the IDs that were not found"
    caught_by = ("semantic:bulk_results_answer_every_id_once_in_order",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path == "/api/v1/roleplays/results:bulk" and reply.status == 200:
            return _rewrite_json(
                reply, lambda d: {"results": [r for r in d["results"] if r["found"]]}
            )
        return reply


class LostIdempotencyReplay(BrokenVariant):
    name = "lost-idempotency-replay"
    breaks = "Idempotency-Key is dropped, so a retry creates a second record"
    caught_by = ("semantic:idempotent_replay", "semantic:idempotent_replay_of_assignments")

    async def handle(self, request: Request, call: Call) -> Reply:
        return await call(request.with_header("idempotency-key", None))


VARIANTS: list[type[BrokenVariant]] = [
    WrongFieldType,
    MissingRequiredField,
    OutOfEnumValue,
    ServerErrorOnValidInput,
    AcceptsInvalidBody,
    PlainTextErrors,
    IgnoredToken,
    CrossOrgLeak,
    MemberActsAsOthers,
    TamperedUrlsAccepted,
    PreviewActivates,
    ApproveTwice,
    ScoreBeforeCompletion,
    DurationTen,
    ExpiredUrls,
    HardUnassign,
    IgnoredListLimit,
    BulkDropsUnknownIds,
    LostIdempotencyReplay,
]
