"""A contract-following stand-in of the roleplay-service for the client tests.

StandIn is an httpx.MockTransport handler. It routes by openapi.yaml's paths, checks the
bearer token, validates every request body and query against the spec's schemas (so a test
fails when the SDK sends something the contract rejects), replays Idempotency-Keys as the
contract says, keeps sessions and assignments in memory, and validates its own 2xx bodies
against the spec's response schemas. Tests can queue answers (a Response, an exception or a
callable) per operationId to script failures.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from roleplay_sdk import AsyncRoleplayClient, RoleplayClient

ROOT = Path(__file__).resolve().parent.parent
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
TOKEN = "tok_SECRET_7f3a9c1e"
BASE = "https://api.example.test"
UPLOAD_BASE = "https://files.example.test"
_REGISTRY = Registry().with_resource(
    "urn:spec", Resource.from_contents(SPEC, default_specification=DRAFT202012)
)
_FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def spec_validator(pointer: str) -> jsonschema.Draft202012Validator:
    """A validator for the spec's schema at `pointer` (e.g. /components/schemas/Scenario)."""
    return jsonschema.Draft202012Validator(
        {"$ref": f"urn:spec#{pointer}"}, registry=_REGISTRY, format_checker=_FORMATS
    )


def _schema_pointer(schema: dict[str, Any]) -> str:
    return schema["$ref"].removeprefix("#")


def _routes() -> list[tuple[str, re.Pattern[str], dict[str, Any]]]:
    routes = []
    for path, item in SPEC["paths"].items():
        regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path) + "$")
        for method, operation in item.items():
            routes.append((method.upper(), regex, operation))
    # Longest literal paths first, so /configure/preview wins over a shorter pattern.
    return sorted(routes, key=lambda route: -len(route[1].pattern))


ROUTES = _routes()


def problem(status: int, title: str, detail: str = "", **headers: str) -> httpx.Response:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/problem+json", **headers},
    )


def example(name: str) -> dict[str, Any]:
    return copy.deepcopy(SPEC["components"]["examples"][name]["value"])


class StandIn:
    """The stand-in service (see the module docstring)."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.upload_base = UPLOAD_BASE
        self.requests: list[dict[str, Any]] = []
        self.puts: list[dict[str, Any]] = []
        self.queued: defaultdict[str, deque[Any]] = defaultdict(deque)
        self.sessions: dict[str, dict[str, Any]] = {}
        self.assignments: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.replays: dict[str, tuple[str, httpx.Response]] = {}
        self.ids = itertools.count(1)
        self.max_upload_bytes = 524288000

    # --- scripting --------------------------------------------------------------------

    def queue(self, operation_id: str, *answers: Any) -> None:
        """Answer the next calls of an operation with these (before any other checks)."""
        self.queued[operation_id].extend(answers)

    def calls(self, operation_id: str) -> list[dict[str, Any]]:
        return [seen for seen in self.requests if seen["operation"] == operation_id]

    def complete(self, session_id: str) -> None:
        """Live practice ended: the review becomes the spec's completed example."""
        self.sessions[session_id]["status"] = "completed"

    # --- transport --------------------------------------------------------------------

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url).startswith(self.upload_base + "/uploads/"):
            return self._put(request)
        operation, params = self._route(request)
        body = json.loads(request.content) if request.content else None
        self.requests.append(
            {
                "operation": operation["operationId"],
                "method": request.method,
                "path": request.url.path,
                "query": dict(request.url.params),
                "headers": dict(request.headers),
                "json": body,
                "timeout": request.extensions.get("timeout"),
            }
        )
        queued = self.queued[operation["operationId"]]
        if queued:
            answer = queued.popleft()
            if isinstance(answer, BaseException):
                raise answer
            return answer(request) if callable(answer) else answer
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return problem(401, "Unauthorized", "A valid bearer token is required.")
        invalid = self._invalid(operation, request, body)
        if invalid:
            return problem(422, "Validation failed", invalid)
        return self._idempotent(operation, request, body, params)

    def _route(self, request: httpx.Request) -> tuple[dict[str, Any], dict[str, str]]:
        for method, regex, operation in ROUTES:
            found = regex.match(request.url.path)
            if found and method == request.method:
                return operation, found.groupdict()
        raise AssertionError(f"no operation for {request.method} {request.url.path}")

    def _invalid(self, operation: dict[str, Any], request: httpx.Request, body: Any) -> str:
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content and (
            body is not None or operation["requestBody"].get("required")
        ):
            schema = content["application/json"]["schema"]
            errors = list(spec_validator(_schema_pointer(schema)).iter_errors(body))
            if errors:
                return "; ".join(error.message for error in errors)
        for parameter in operation.get("parameters", []):
            if "$ref" in parameter:
                parameter = SPEC["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
            if parameter["in"] == "query" and parameter["name"] in request.url.params:
                value: Any = request.url.params[parameter["name"]]
                if parameter["schema"].get("type") == "integer":
                    value = int(value)
                errors = list(
                    jsonschema.Draft202012Validator(
                        parameter["schema"], registry=_REGISTRY, format_checker=_FORMATS
                    ).iter_errors(value)
                    if "$ref" not in parameter["schema"]
                    else spec_validator(_schema_pointer(parameter["schema"])).iter_errors(value)
                )
                if errors:
                    return f"{parameter['name']}: {errors[0].message}"
            if parameter["in"] == "header" and parameter["name"] in request.headers:
                pattern = parameter["schema"]["pattern"]
                if not re.search(pattern, request.headers[parameter["name"]]):
                    return f"{parameter['name']} does not match {pattern}"
        return ""

    def _idempotent(
        self, operation: dict[str, Any], request: httpx.Request, body: Any, params: dict[str, str]
    ) -> httpx.Response:
        key = request.headers.get("Idempotency-Key")
        fingerprint = json.dumps([request.url.path, body], sort_keys=True)
        if key is not None and key in self.replays:
            first_fingerprint, first = self.replays[key]
            if first_fingerprint != fingerprint:
                return problem(409, "Conflict", "Idempotency-Key reused with another body.")
            return httpx.Response(
                first.status_code,
                content=first.content,
                headers={**first.headers, "Idempotent-Replayed": "true"},
            )
        handler: Callable[..., httpx.Response] = getattr(self, "op_" + operation["operationId"])
        response = handler(body=body, query=dict(request.url.params), **params)
        if response.is_success:
            self._check_answer(operation, response)
        if key is not None and response.status_code < 500:
            self.replays[key] = (fingerprint, response)
        return response

    def _check_answer(self, operation: dict[str, Any], response: httpx.Response) -> None:
        declared = operation["responses"][str(response.status_code)]
        schema = declared["content"]["application/json"]["schema"]
        errors = list(spec_validator(_schema_pointer(schema)).iter_errors(response.json()))
        assert not errors, f"the stand-in broke the contract: {errors[0].message}"

    # --- operations -------------------------------------------------------------------

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self.ids):04d}"

    def _session_body(self, session: dict[str, Any]) -> dict[str, Any]:
        body = {key: value for key, value in session.items() if not key.startswith("_")}
        if session["status"] != "draft":
            sid = session["session_id"]
            body["websocket_url"] = f"wss://api.example.test/api/v1/roleplays/session/{sid}"
            body["frontend_url"] = f"https://app.example.test/roleplay/{sid}"
        return body

    def _create(self, body: dict[str, Any], status: str) -> dict[str, Any]:
        session_id = self._new_id("rps")
        session = {
            "session_id": session_id,
            "scenario_id": self._new_id("scn"),
            "status": status,
            "needs_approval": status == "draft",
            "opening_prompt": "Thanks for making time. What did you think of the offer?",
            "prompt_outline": ["Ask what budget range has been approved."],
            "scenario": {
                "title": "Practice",
                "counterpart": "Recruiter",
                "goal": body["brief"][:2000],
                "persona_id": body["persona_id"],
                "duration_minutes": body["duration_minutes"],
                "roleplay_type": body["roleplay_type"],
            },
            "qscore_context": (
                {"q_score": body["qscore"]["q_score"], "summary": None}
                if "qscore" in body
                else None
            ),
            "candidate_brief": body["brief"],
            "created_at": "2026-11-29T10:00:00Z",
            "_video": None,
        }
        self.sessions[session_id] = session
        return session

    def _session(self, session_id: str) -> dict[str, Any] | None:
        return self.sessions.get(session_id)

    def op_previewRoleplay(self, body: Any, **_: Any) -> httpx.Response:
        return httpx.Response(201, json=self._session_body(self._create(body, "draft")))

    def op_configureRoleplay(self, body: Any, **_: Any) -> httpx.Response:
        return httpx.Response(201, json=self._session_body(self._create(body, "active")))

    def op_updateRoleplayQuestions(self, body: Any, **_: Any) -> httpx.Response:
        session = self._session(body["session_id"])
        if session is None:
            return problem(404, "Not found")
        if session["status"] != "draft":
            return problem(409, "Conflict", "Not a draft.")
        session["prompt_outline"] = body["prompts"]
        if "opening_prompt" in body:
            session["opening_prompt"] = body["opening_prompt"]
        return httpx.Response(200, json=self._session_body(session))

    def op_approveRoleplay(self, body: Any, **_: Any) -> httpx.Response:
        session = self._session(body["session_id"])
        if session is None:
            return problem(404, "Not found")
        if session["status"] != "draft":
            return problem(409, "Conflict", "Not a draft.")
        session.update(status="active", needs_approval=False)
        return httpx.Response(200, json=self._session_body(session))

    def op_getRoleplayReview(self, session_id: str, **_: Any) -> httpx.Response:
        session = self._session(session_id)
        if session is None:
            return problem(404, "Not found")
        if session["status"] == "completed":
            review = example("CompletedReview")
        else:
            review = example("PendingReview")
        review["session_id"] = session_id
        return httpx.Response(200, json=review)

    def op_getRoleplayLeaderboard(self, query: dict[str, str], **_: Any) -> httpx.Response:
        board = example("Leaderboard")
        wanted = query.get("roleplay_type")
        board["entries"] = [
            entry for entry in board["entries"] if wanted in (None, entry["roleplay_type"])
        ][: int(query.get("limit", 10))]
        return httpx.Response(200, json=board)

    def op_getArtifact(self, session_id: str, artifact_type: str, **_: Any) -> httpx.Response:
        session = self._session(session_id)
        if session is None or artifact_type != "session_video" or session["_video"] is None:
            return problem(404, "Not found")
        download = example("ArtifactDownload")
        download.update(session_id=session_id, size_bytes=session["_video"])
        return httpx.Response(200, json=download)

    def op_createVideoUploadUrl(self, session_id: str, body: Any, **_: Any) -> httpx.Response:
        session = self._session(session_id)
        if session is None:
            return problem(404, "Not found")
        if session["status"] == "draft":
            return problem(409, "Conflict", "Drafts have no recording.")
        upload_id = self._new_id("upl")
        self.uploads[upload_id] = {"session_id": session_id, "bytes": None}
        target = example("VideoUploadTarget")
        target.update(
            session_id=session_id,
            upload_id=upload_id,
            upload_url=f"{self.upload_base}/uploads/{upload_id}?expires=1796032800&signature=9a8b",
            upload_headers={"Content-Type": "video/webm", "x-upload-tag": upload_id},
            max_size_bytes=self.max_upload_bytes,
        )
        return httpx.Response(201, json=target)

    def _put(self, request: httpx.Request) -> httpx.Response:
        upload_id = request.url.path.rsplit("/", 1)[1]
        content = request.read()
        self.puts.append(
            {"upload_id": upload_id, "headers": dict(request.headers), "content": content}
        )
        if upload_id not in self.uploads:
            return httpx.Response(403, text="<Error>bad signature</Error>")
        self.uploads[upload_id]["bytes"] = content
        return httpx.Response(200)

    def op_confirmVideoUploaded(self, session_id: str, body: Any, **_: Any) -> httpx.Response:
        upload = self.uploads.get(body["upload_id"])
        if upload is None or upload["session_id"] != session_id:
            return problem(404, "Not found")
        if upload["bytes"] is None:
            return problem(409, "Conflict", "Nothing was uploaded.")
        self.sessions[session_id]["_video"] = len(upload["bytes"])
        confirmation = example("VideoUploadConfirmation")
        confirmation.update(session_id=session_id, upload_id=body["upload_id"])
        return httpx.Response(202, json=confirmation)

    def add_assignment(self, email: str = "priya@example.com", **changes: Any) -> dict[str, Any]:
        assignment = example("AssignmentList")["assignments"][0]
        assignment.update(assignment_id=self._new_id("asg"), email=email, **changes)
        self.assignments[assignment["assignment_id"]] = assignment
        return assignment

    def op_createAssignments(self, body: Any, **_: Any) -> httpx.Response:
        created = []
        for person in body["assignees"]:
            assignment = self.add_assignment(
                email=person.get("email"),
                user_id=person.get("user_id"),
                scenario=body["scenario"],
                due_at=body.get("due_at"),
            )
            created.append(assignment)
        return httpx.Response(201, json={"assignments": created})

    def op_listAssignments(self, query: dict[str, str], **_: Any) -> httpx.Response:
        rows = [
            row
            for row in reversed(self.assignments.values())
            if query.get("email", row["email"]) == row["email"]
            and query.get("status", row["status"]) == row["status"]
        ]
        start = int(query.get("cursor", "c0")[1:])
        limit = int(query.get("limit", 20))
        page = rows[start : start + limit]
        following = f"c{start + limit}" if start + limit < len(rows) else None
        return httpx.Response(200, json={"items": page, "next_cursor": following})

    def op_unassignAssignments(self, body: Any, **_: Any) -> httpx.Response:
        done, missing = [], []
        for assignment_id in body["assignment_ids"]:
            row = self.assignments.get(assignment_id)
            if row is None:
                missing.append(assignment_id)
            else:
                row["status"] = "unassigned"
                done.append(row)
        return httpx.Response(200, json={"assignments": done, "not_found": missing})

    def op_bulkAssignmentResults(self, body: Any, **_: Any) -> httpx.Response:
        results = []
        for assignment_id in body["assignment_ids"]:
            row = self.assignments.get(assignment_id)
            results.append(
                {
                    "assignment_id": assignment_id,
                    "found": row is not None,
                    "assignment": row,
                    "review": None,
                }
            )
        return httpx.Response(200, json={"results": results})


# --- fixtures --------------------------------------------------------------------------------


class Api:
    """Calls a method the same way on either client, so one test covers both."""

    def __init__(self, client: RoleplayClient | AsyncRoleplayClient) -> None:
        self.client = client
        self.is_async = isinstance(client, AsyncRoleplayClient)

    async def __call__(self, name: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, name)(*args, **kwargs)
        return await result if self.is_async else result

    async def collect(self, name: str, *args: Any, **kwargs: Any) -> list[Any]:
        iterator = getattr(self.client, name)(*args, **kwargs)
        if self.is_async:
            return [item async for item in iterator]
        return list(iterator)

    async def close(self) -> None:
        if self.is_async:
            await self.client.close()
        else:
            self.client.close()


@pytest.fixture
def svc() -> StandIn:
    return StandIn()


@pytest.fixture
def sleeps() -> list[float]:
    """What the clients would have slept (they are given a recorder instead of time.sleep)."""
    return []


@pytest.fixture
def make_client(
    svc: StandIn, sleeps: list[float]
) -> Iterator[Callable[..., RoleplayClient | AsyncRoleplayClient]]:
    """make_client(kind, **options): a client of `kind` ("sync"/"async") on the stand-in."""
    made: list[Any] = []

    def make(kind: str, **options: Any) -> RoleplayClient | AsyncRoleplayClient:
        options.setdefault("base_url", BASE)
        options.setdefault("api_token", TOKEN)
        options.setdefault("user_id", "user_123")
        transport = httpx.MockTransport(options.pop("handler", svc))
        if kind == "sync":
            options.setdefault("http_client", httpx.Client(transport=transport))
            options.setdefault("upload_http_client", httpx.Client(transport=transport))
            options.setdefault("sleep", sleeps.append)
            client: Any = RoleplayClient(**options)
        else:

            async def record(seconds: float) -> None:
                sleeps.append(seconds)

            options.setdefault("http_client", httpx.AsyncClient(transport=transport))
            options.setdefault("upload_http_client", httpx.AsyncClient(transport=transport))
            options.setdefault("sleep", record)
            client = AsyncRoleplayClient(**options)
        made.append(client)
        return client

    yield make


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def api(make_client: Callable[..., Any], kind: str) -> Api:
    """The stand-in's client, once sync and once async."""
    return Api(make_client(kind))


@pytest.fixture
def make_api(make_client: Callable[..., Any], kind: str) -> Callable[..., Api]:
    """make_api(**options): an Api of this test's kind with client options."""
    return lambda **options: Api(make_client(kind, **options))
