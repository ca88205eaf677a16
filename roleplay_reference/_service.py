"""ReferenceService: the app, its storage and the Python test-control API, in one object."""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Mapping
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket

from . import _control, _files
from . import _repo as repo
from ._auth import Principal, TokensSource, load_tokens
from ._blobs import UploadFiles
from ._content import build_preview
from ._db import Store
from ._dispatch import IDEMPOTENCY_TTL, Dispatcher
from ._faults import FaultMiddleware, Faults
from ._problems import ProblemError, not_found, validation_failed
from ._proxy import TrustedProxies
from ._ratelimit import RateLimiter
from ._schema import SpecSchemas
from ._signing import UrlSigner
from ._spec import _cached_spec, build_operations, websocket_path
from ._ws import live_practice

MiB = 1024 * 1024
DEFAULT_UPLOAD_MAX_BYTES = 50 * MiB
DEFAULT_MAX_BODY_BYTES = 256 * 1024
DEFAULT_BASE_URL = "http://testserver"
#: Requests per token per minute, as a real service would allow (raise it for load tests).
DEFAULT_RATE_LIMIT = 600
#: Failed authentications per client address per minute before it is answered 429.
DEFAULT_AUTH_FAILURE_LIMIT = 30
#: What the test and demo harnesses (in_process_client, the pytest fixtures, BackgroundServer)
#: use instead: tests make many calls and probe with forged tokens, and a consumer's suite
#: should not meet a 429 it did not ask for (`faults.fail_next(429)` makes one on cue).
HARNESS_LIMITS: dict[str, Any] = {"rate_limit": 1_000_000, "auth_failure_limit": None}
#: How long past its URL's expiry an unconfirmed upload is kept before it is swept.
UPLOAD_CONFIRM_GRACE = 3600
#: Sweeps of expired state run at most this often (on write requests).
SWEEP_INTERVAL = 60


@functools.cache
def shared_schemas() -> SpecSchemas:
    """Validators for the packaged spec, built once per process (they are immutable)."""
    return SpecSchemas(_cached_spec())


class ReferenceService:
    """A stateful, spec-driven fake of the roleplay-service.

    `.app` is the ASGI app; the other public methods are the test-control API (outside the
    public spec): they raise `ProblemError` (404 unknown, 409 wrong state, 422 invalid).
    """

    def __init__(
        self,
        *,
        db_path: str | None = None,
        tokens: TokensSource = None,
        enable_control: bool = False,
        public_base_url: str | None = None,
        upload_max_bytes: int = DEFAULT_UPLOAD_MAX_BYTES,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        clock: Callable[[], float] = time.time,
        signing_key: bytes | None = None,
        rate_limit: int = DEFAULT_RATE_LIMIT,
        rate_window_seconds: int = 60,
        auth_failure_limit: int | None = DEFAULT_AUTH_FAILURE_LIMIT,
        auth_failure_window_seconds: int = 60,
        forwarded_allow_ips: str | list[str] | None = None,
        upload_dir: str | None = None,
        upload_url_ttl: int = 900,
        upload_confirm_grace: int = UPLOAD_CONFIRM_GRACE,
        artifact_url_ttl: int = 900,
        allowed_origin: str = "*",
    ) -> None:
        """`rate_limit`: requests per token per window; `auth_failure_limit`: failed
        authentications per client address per window before 429 (None: never throttle);
        `forwarded_allow_ips`: the proxies (IPs, CIDRs, `*`) whose Host and X-Forwarded-*
        headers are believed; `upload_dir`: where recordings go (default: next to the
        database file, or a temporary directory)."""
        if public_base_url is not None and not public_base_url.startswith(("http://", "https://")):
            raise ValueError("public_base_url must start with http:// or https://")
        self.spec = _cached_spec()
        self.schemas = shared_schemas()
        self.operations = build_operations(self.spec)
        self.tokens = load_tokens(tokens)
        self.store = Store(db_path)
        self.clock = clock
        self.signer = UrlSigner(signing_key or self.store.signing_key(), clock)
        self.rate_limiter = RateLimiter(rate_limit, rate_window_seconds, clock)
        self.auth_failures = (
            RateLimiter(auth_failure_limit, auth_failure_window_seconds, clock)
            if auth_failure_limit
            else None
        )
        self.proxies = TrustedProxies(forwarded_allow_ips)
        if upload_dir is None and db_path not in (None, ":memory:"):
            upload_dir = f"{db_path}.uploads"
        self.files = UploadFiles(upload_dir)
        self.upload_confirm_grace = upload_confirm_grace
        self._last_sweep = clock()
        self.public_base_url = public_base_url.rstrip("/") if public_base_url else None
        self.enable_control = enable_control
        self.upload_max_bytes = upload_max_bytes
        self.max_body_bytes = max_body_bytes
        self.upload_url_ttl = upload_url_ttl
        self.artifact_url_ttl = artifact_url_ttl
        self.allowed_origin = allowed_origin
        #: The fault switch (see _faults.py): fail_next(), slow(), down(), clear().
        self.faults = Faults()
        self._names = {
            (p.org_id, p.user_id): p.display_name for p in self.tokens.values() if p.display_name
        }
        self.app = self._build_app()

    def _build_app(self) -> Starlette:
        extra = list(_files.ROUTES) + (list(_control.ROUTES) if self.enable_control else [])
        dispatcher = Dispatcher(self, extra)

        async def websocket_endpoint(websocket: WebSocket) -> None:
            await live_practice(self, websocket)

        app = Starlette(
            routes=[WebSocketRoute(websocket_path(self.spec), websocket_endpoint)],
            middleware=[Middleware(FaultMiddleware, faults=self.faults)],
        )
        not_found = app.router.default

        async def default(scope: Scope, receive: Receive, send: Send) -> None:
            # Every HTTP request the WebSocket route did not take goes to the dispatcher, whatever
            # its path holds (a Mount's regex would miss paths with an encoded newline and answer
            # Starlette's plain-text 404 instead of a problem).
            handler = dispatcher if scope["type"] == "http" else not_found
            await handler(scope, receive, send)

        app.router.default = default
        app.state.service = self
        return app

    # ---------- used by handlers ----------

    def principal_for(self, token: str | None) -> Principal | None:
        return self.tokens.get(token) if token else None

    def _user_for(self, org_id: str, email: str) -> str:
        """The user_id of a known principal with this email, else the email itself."""
        for principal in self.tokens.values():
            if principal.org_id == org_id and principal.owns(None, email):
                return principal.user_id
        return email

    def display_names(self) -> dict[tuple[str, str], str]:
        return dict(self._names)

    def _now(self) -> str:
        return repo.iso(self.clock())

    # ---------- test-control API ----------

    def complete_session(
        self,
        session_id: str,
        *,
        review: Mapping[str, Any] | None = None,
        turns: list[str] | None = None,
    ) -> dict[str, Any]:
        """Complete an active session, as live practice ending would, and answer its review.

        `turns` (the person's lines) are recorded first, each answered by the counterpart.
        The review is derived from the recorded turns; the keys of `review` that are given
        (`scores`, `feedback`, `recommendations`) replace the derived ones, so a test decides
        what the review says. The result must satisfy the spec's RoleplayReview schema.
        """
        if turns is not None and not isinstance(turns, list):
            raise ProblemError(422, "turns must be a list of the person's lines.")
        if review is not None and not isinstance(review, Mapping):
            raise ProblemError(422, "review must be an object.")
        now = self._now()
        with self.store.transaction() as db:
            row = repo.get_session(db, session_id)
            if row is None:
                raise not_found(f"session {session_id}")
            if row["status"] != "active":
                raise ProblemError(409, f"Session {session_id} is {row['status']}, not active.")
            for text in turns or []:
                problem = self.turn_problem(text)
                if problem:
                    raise ProblemError(422, f"Each turn: {problem}.")
                repo.person_turn(db, row, text, now)
            document = repo.derive_review(db, row)
            for key, value in (review or {}).items():
                if key not in document:
                    raise ProblemError(422, f"A review has no settable field {key!r}.")
                document[key] = value
            candidate = {"session_id": session_id, "status": "completed", **document}
            candidate["completed_at"] = now
            errors = self.schemas.errors("#/components/schemas/RoleplayReview", candidate)
            if errors:
                raise validation_failed(errors)
            repo.complete_session(db, row, now, document)
            return repo.review_json(db, session_id)

    def turn_problem(self, text: object) -> str | None:
        """Why `text` cannot be a turn (None if it can): the spec's `Text` rules, as REST
        fields have them (at most 2000 characters, no NUL), not blank, valid Unicode."""
        if not isinstance(text, str) or not text.strip():
            return "text must be non-empty"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "text must not contain an unpaired surrogate"
        errors = self.schemas.errors("#/components/schemas/Text", text)
        if not errors:
            return None
        if "\x00" in text:
            return "text must not contain NUL (U+0000)"
        return f"text {errors[0].message}"

    # ---------- sweeping ----------

    def sweep(self, now: float | None = None) -> dict[str, int]:
        """Forget what outlived its window: unconfirmed uploads (rows and files) past their
        URL's expiry plus the grace, and idempotency keys older than they are remembered."""
        now = self.clock() if now is None else now
        self._last_sweep = now
        with self.store.transaction() as db:
            stale = [
                r["file"]
                for r in db.execute(
                    "SELECT file FROM uploads WHERE status != 'confirmed' AND expires_at < ?",
                    (now - self.upload_confirm_grace,),
                )
            ]
            uploads = db.execute(
                "DELETE FROM uploads WHERE status != 'confirmed' AND expires_at < ?",
                (now - self.upload_confirm_grace,),
            ).rowcount
            keys = db.execute(
                "DELETE FROM idempotency WHERE created_at < ?", (now - IDEMPOTENCY_TTL,)
            ).rowcount
            named = db.execute("SELECT file FROM uploads WHERE file IS NOT NULL")
            kept = {r["file"] for r in named}
        self.files.remove(stale)
        files = self.files.remove_unreferenced(kept)
        return {"uploads": uploads, "idempotency_keys": keys, "orphan_files": files}

    async def sweep_if_due(self, now: float) -> None:
        """Sweep on a worker thread when SWEEP_INTERVAL has passed since the last sweep."""
        if abs(now - self._last_sweep) >= SWEEP_INTERVAL:
            self._last_sweep = now
            await anyio.to_thread.run_sync(self.sweep, now)

    def complete_session_if_active(self, session_id: str) -> bool:
        """End live practice: complete with the transcript-derived review (False if not active)."""
        try:
            self.complete_session(session_id)
        except ProblemError:
            return False
        return True

    def start_assignment(
        self, assignment_id: str, *, base_url: str | None = None
    ) -> dict[str, Any]:
        """Create the assignee's active session for an open assignment (status in_progress)."""
        now = self._now()
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT * FROM assignments WHERE assignment_id = ?", (assignment_id,)
            ).fetchone()
            if row is None:
                raise not_found(f"assignment {assignment_id}")
            if row["status"] not in repo.ASSIGNABLE:
                raise ProblemError(409, f"Assignment {assignment_id} is {row['status']}.")
            scenario = json.loads(row["scenario"])
            request = {
                "user_id": row["user_id"] or self._user_for(row["org_id"], row["email"]),
                "org_id": row["org_id"],
                "persona_id": scenario["persona_id"],
                "duration_minutes": scenario["duration_minutes"],
                "roleplay_type": scenario["roleplay_type"],
                "brief": scenario["brief"],
                "metadata": {**scenario.get("metadata", {}), "assignment_id": assignment_id},
            }
            session = repo.insert_session(
                db,
                request=request,
                preview=build_preview(request),
                org_id=row["org_id"],
                status="active",
                now=now,
                assignment_id=assignment_id,
            )
            repo.start_assignment(db, assignment_id, session["session_id"], now)
            return repo.session_json(session, base_url or self.public_base_url or DEFAULT_BASE_URL)

    def session_turns(self, session_id: str) -> list[dict[str, str]]:
        """The recorded turns of a session, person and counterpart, in order."""
        with self.store.transaction() as db:
            if repo.get_session(db, session_id) is None:
                raise not_found(f"session {session_id}")
            return repo.turns(db, session_id)

    def _count(self, table: str, org_id: str | None, status: str | None) -> int:
        query = f"SELECT COUNT(*) FROM {table} WHERE 1 = 1"
        args: list[str] = []
        if org_id is not None:
            query += " AND org_id = ?"
            args.append(org_id)
        if status is not None:
            query += " AND status = ?"
            args.append(status)
        with self.store.transaction() as db:
            return int(db.execute(query, args).fetchone()[0])

    def count_sessions(self, org_id: str | None = None, status: str | None = None) -> int:
        return self._count("sessions", org_id, status)

    def count_assignments(self, org_id: str | None = None, status: str | None = None) -> int:
        return self._count("assignments", org_id, status)

    def count_uploads(self, org_id: str | None = None, status: str | None = None) -> int:
        return self._count("uploads", org_id, status)

    def count_idempotency_keys(self) -> int:
        with self.store.transaction() as db:
            return int(db.execute("SELECT COUNT(*) FROM idempotency").fetchone()[0])

    def count_upload_files(self) -> int:
        """Recordings on disk (confirmed or not)."""
        directory = self.files.directory
        return sum(1 for entry in directory.iterdir() if entry.is_file())

    def counts(self, org_id: str | None = None) -> dict[str, int]:
        """Record counts, e.g. to prove retried creating calls created exactly one each."""
        return {
            "sessions": self.count_sessions(org_id),
            "assignments": self.count_assignments(org_id),
            "uploads": self.count_uploads(org_id),
            "completed_reviews": self._count("reviews", org_id, "completed"),
        }

    def reset(self) -> None:
        """Forget every record and file (tokens, settings and the signing key stay)."""
        self.store.reset()
        self.files.clear()

    def close(self) -> None:
        self.store.close()
        self.files.close()


def create_app(
    *,
    db_path: str | None = None,
    tokens: TokensSource = None,
    enable_control: bool = False,
    public_base_url: str | None = None,
    upload_max_bytes: int = DEFAULT_UPLOAD_MAX_BYTES,
    clock: Callable[[], float] = time.time,
    signing_key: bytes | None = None,
    **options: Any,
) -> Starlette:
    """The ASGI app of a new ReferenceService; the service is `app.state.service`.

    Further `options` are those of ReferenceService (max_body_bytes, rate_limit, ...).
    """
    return ReferenceService(
        db_path=db_path,
        tokens=tokens,
        enable_control=enable_control,
        public_base_url=public_base_url,
        upload_max_bytes=upload_max_bytes,
        clock=clock,
        signing_key=signing_key,
        **options,
    ).app
