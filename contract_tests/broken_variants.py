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


def _scenario_persona(request: Request, reply: Reply, persona: str) -> Reply:
    """The session answer with every scenario's persona_id set to `persona`."""

    def rewrite(node: dict[str, Any]) -> None:
        if "persona_id" in node and "counterpart" in node:
            node["persona_id"] = persona

    if request.path in SESSION_PATHS and reply.status in (200, 201):
        return _rewrite_json(reply, lambda d: _map_dicts(d, rewrite))
    return reply


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
        return _scenario_persona(request, await call(request), "zoe")


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


# ---------- what a schema cannot state: abuse and honesty ----------


class AnswersIgnoreRequest(BrokenVariant):
    name = "answers-ignore-request"
    breaks = "created assignments come back without the scenario's metadata and due_at sent"
    caught_by = ("semantic:answers_reflect_the_request",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path == "/api/v1/roleplays/assignments" and reply.status == 201:

            def forget(document: Any) -> Any:
                for assignment in document["assignments"]:
                    assignment["scenario"].pop("metadata", None)
                    assignment["due_at"] = None
                return document

            return _rewrite_json(reply, forget)
        return reply


class PersonaIgnored(BrokenVariant):
    name = "persona-ignored"
    breaks = "every scenario is answered with persona emma, whichever persona was asked"
    caught_by = ("semantic:answers_reflect_the_request",)

    async def handle(self, request: Request, call: Call) -> Reply:
        return _scenario_persona(request, await call(request), "emma")


def _with_body(request: Request, body: bytes) -> Request:
    return replace(request, body=body).with_header("content-length", str(len(body)))


class DeclaredSizeIgnored(BrokenVariant):
    name = "declared-size-ignored"
    breaks = "the declared size_bytes is dropped, so the upload URL takes up to the service maximum"
    caught_by = ("semantic:uploads_are_capped_at_the_declared_size",)

    async def handle(self, request: Request, call: Call) -> Reply:
        if not request.path.endswith("/video/upload-url") or not request.body:
            return await call(request)
        body = json.loads(request.body)
        declared = body.pop("size_bytes", None)
        reply = await call(_with_body(request, json.dumps(body).encode()))
        if declared is not None and reply.status == 201:
            return _rewrite_json(reply, lambda d: {**d, "max_size_bytes": declared})
        return reply


class ReusableUploadUrl(BrokenVariant):
    name = "reusable-upload-url"
    breaks = "an upload URL takes a second, different recording (its 409 answered 200)"
    caught_by = ("semantic:upload_urls_take_one_recording",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if (
            request.method == "PUT"
            and request.path.startswith("/_uploads/")
            and reply.status == 409
        ):
            return Reply(200, [], b"")
        return reply


class NonWebmAccepted(BrokenVariant):
    name = "non-webm-accepted"
    breaks = "any body labelled video/webm is stored (HTML served back as a recording)"
    caught_by = ("semantic:uploads_must_be_webm",)

    async def handle(self, request: Request, call: Call) -> Reply:
        magic = b"\x1a\x45\xdf\xa3"
        upload = request.method == "PUT" and request.path.startswith("/_uploads/")
        if upload and not request.body.startswith(magic):
            request = _with_body(request, magic + request.body)
        return await call(request)


class UploadsKeptForever(BrokenVariant):
    name = "uploads-kept-forever"
    breaks = "an unconfirmed upload can still be confirmed long after its grace"
    caught_by = ("semantic:unconfirmed_uploads_are_discarded_after_their_grace",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        uploaded: set[str] = self.memory.setdefault("uploaded", set())
        if request.method == "PUT" and request.path.startswith("/_uploads/") and reply.status < 300:
            uploaded.add(request.path.rsplit("/", 1)[1])
        elif request.path.endswith("/video/uploaded") and reply.status == 404:
            upload_id = json.loads(request.body).get("upload_id")
            if upload_id in uploaded:
                confirmation = {
                    "session_id": request.path.split("/")[4],
                    "upload_id": upload_id,
                    "artifact_type": "session_video",
                    "analysis_status": "processing",
                }
                return Reply(202, [("content-type", "application/json")], b"").with_json(
                    confirmation
                )
        return reply


class LostAssignmentUpdate(BrokenVariant):
    name = "lost-assignment-update"
    breaks = "a second start re-links the assignment, so completing the first never completes it"
    caught_by = (
        "semantic:an_assignment_started_twice_is_completed_by_its_first_completed_session",
    )

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        latest: dict[str, str] = self.memory.setdefault("latest", {})
        if request.path in SESSION_PATHS[:2] and reply.status == 201:
            assignment_id = (json.loads(request.body).get("metadata") or {}).get("assignment_id")
            if assignment_id:
                latest[assignment_id] = reply.json()["session_id"]
        elif request.path == "/api/v1/roleplays/results:bulk" and reply.status == 200:

            def relink(document: Any) -> Any:
                for result in document["results"]:
                    assignment = result.get("assignment") or {}
                    last = latest.get(result["assignment_id"])
                    if last and assignment.get("session_id") not in (None, last):
                        assignment.update(status="in_progress", session_id=last)
                return document

            return _rewrite_json(reply, relink)
        return reply


class UnthrottledAuth(BrokenVariant):
    name = "unthrottled-auth"
    breaks = "failed authentications are never throttled (the 429s answered as 401)"
    caught_by = ("semantic:failed_authentication_is_throttled",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if reply.status == 429 and b"failed authentications" in reply.body:
            problem = {"type": "about:blank", "title": "Unauthorized", "status": 401}
            headers = [(k, v) for k, v in reply.headers if k != "retry-after"]
            return Reply(401, headers, b"").with_json(problem)
        return reply


class TrustsHostHeader(BrokenVariant):
    name = "trusts-host-header"
    breaks = "absolute URLs are built from the request's Host header, whoever sent it"
    caught_by = ("semantic:host_headers_do_not_redirect_urls",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        host = request.header("host")
        if not host or host == "testserver" or not reply.body:
            return reply
        body = reply.body.replace(b"://testserver", f"://{host}".encode())
        headers = [(k, v.replace("://testserver", f"://{host}")) for k, v in reply.headers]
        return replace(reply, body=body, headers=headers)


class DropsBadLiveMessages(BrokenVariant):
    name = "drops-bad-live-messages"
    breaks = "live practice fails on a message that is not JSON: the connection just drops"
    caught_by = ("semantic:bad_live_practice_messages_are_answered_not_dropped",)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            await super().__call__(scope, receive, send)
            return

        async def strict_receive() -> dict[str, Any]:
            message: dict[str, Any] = await receive()
            text = message.get("text")
            if text is not None:
                json.loads(text)  # raises on a bad frame, as a careless service would
            return message

        await self.app(scope, strict_receive, send)


class UnprotectedFiles(BrokenVariant):
    name = "unprotected-files"
    breaks = (
        "the page and artifacts lose nosniff/CSP/Referrer-Policy, artifacts go inline with ACAO *"
    )
    caught_by = ("semantic:pages_and_files_protect_themselves",)

    DROPPED = frozenset(
        {
            "x-content-type-options",
            "content-security-policy",
            "referrer-policy",
            "content-disposition",
        }
    )

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.path.startswith("/api/"):
            return reply
        headers = [(k, v) for k, v in reply.headers if k not in self.DROPPED]
        if request.path.startswith("/_artifacts/"):
            headers.append(("access-control-allow-origin", "*"))
        return replace(reply, headers=headers)


class FabricatedScore(BrokenVariant):
    name = "fabricated-score"
    breaks = "a practice with no recorded turn is answered with overall 0 (a score for nothing)"
    caught_by = ("semantic:a_practice_with_no_turns_is_not_scored",)

    async def handle(self, request: Request, call: Call) -> Reply:
        reply = await call(request)

        def zero(node: dict[str, Any]) -> None:
            if node.get("status") == "completed" and "scores" in node and node["scores"] is None:
                node["scores"] = {"overall": 0, "categories": []}

        if request.path.startswith("/api/v1/roleplays/") and reply.status == 200:
            return _rewrite_json(reply, lambda d: _map_dicts(d, zero))
        return reply


class StrictCursor(BrokenVariant):
    name = "strict-cursor"
    breaks = "a schema-valid cursor the service did not issue is a 400 (the spec allows it)"
    caught_by = (
        "semantic:every_cursor_of_the_pattern_is_accepted",
        "fuzz:listAssignments:positive",
    )

    async def handle(self, request: Request, call: Call) -> Reply:
        issued: set[str] = self.memory.setdefault("issued", set())
        is_listing = request.path == "/api/v1/roleplays/assignments" and request.method == "GET"
        cursor = request.params().get("cursor") if is_listing else None
        if cursor and cursor not in issued:
            problem = {"type": "about:blank", "title": "Bad request", "status": 400}
            headers = [("content-type", "application/problem+json")]
            return Reply(400, headers, b"").with_json(problem)
        reply = await call(request)
        if is_listing and reply.status == 200 and reply.json().get("next_cursor"):
            issued.add(reply.json()["next_cursor"])
        return reply


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
    AnswersIgnoreRequest,
    PersonaIgnored,
    DeclaredSizeIgnored,
    ReusableUploadUrl,
    NonWebmAccepted,
    UploadsKeptForever,
    LostAssignmentUpdate,
    UnthrottledAuth,
    TrustsHostHeader,
    DropsBadLiveMessages,
    UnprotectedFiles,
    FabricatedScore,
    StrictCursor,
]
