"""One handler per operationId. Input is already authenticated and schema-valid."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from . import _repo as repo
from ._auth import Principal
from ._content import build_preview
from ._problems import conflict, forbidden, not_found
from ._signing import UrlSigner


class Env(Protocol):
    """What handlers need from the service."""

    signer: UrlSigner
    upload_max_bytes: int
    upload_url_ttl: int
    upload_confirm_grace: int
    artifact_url_ttl: int

    def display_names(self) -> dict[tuple[str, str], str]: ...


@dataclass
class Call:
    """One validated request: who, its parameters by name, its JSON body, where it arrived."""

    principal: Principal
    params: dict[str, Any]
    body: Any
    base_url: str
    now: float

    @property
    def timestamp(self) -> str:
        return repo.iso(self.now)


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Env, sqlite3.Connection, Call], Reply]


def _require_admin(who: Principal, what: str) -> None:
    if not who.is_admin:
        raise forbidden(f"{what} needs an organization admin.")


def _check_actor(who: Principal, body: dict[str, Any]) -> None:
    if body.get("org_id", who.org_id) != who.org_id:
        raise forbidden("org_id names another organization than the token's.")
    if body["user_id"] != who.user_id and not who.is_admin:
        raise forbidden("A member may act only as its own user_id.")


def _create_session(env: Env, db: sqlite3.Connection, call: Call, status: str) -> Reply:
    body, who = call.body, call.principal
    _check_actor(who, body)
    request = {**body, "org_id": who.org_id, "duration_minutes": int(body["duration_minutes"])}
    row = repo.insert_session(
        db,
        request=request,
        preview=build_preview(request),
        org_id=who.org_id,
        status=status,
        now=call.timestamp,
    )
    assignment_id = (body.get("metadata") or {}).get("assignment_id")
    if isinstance(assignment_id, str) and repo.link_assignment(
        db, assignment_id, row["session_id"], who, call.timestamp
    ):
        row = repo.visible_session(db, row["session_id"], who)
    location = f"{call.base_url}/api/v1/roleplays/review/{row['session_id']}"
    return Reply(201, repo.session_json(row, call.base_url), {"Location": location})


def preview_roleplay(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    return _create_session(env, db, call, "draft")


def configure_roleplay(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    return _create_session(env, db, call, "active")


def _draft(db: sqlite3.Connection, call: Call, action: str) -> Any:
    row = repo.visible_session(db, call.body["session_id"], call.principal)
    if row["status"] != "draft":
        raise conflict(
            f"Session {row['session_id']} is {row['status']}, not a draft: only drafts can be "
            f"{action}.",
            kind="not-a-draft",
        )
    return row


def update_roleplay_questions(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    row = _draft(db, call, "edited")
    repo.update_prompts(
        db, row["session_id"], call.body["prompts"], call.body.get("opening_prompt"), call.timestamp
    )
    row = repo.visible_session(db, row["session_id"], call.principal)
    return Reply(200, repo.session_json(row, call.base_url))


def approve_roleplay(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    row = _draft(db, call, "approved")
    repo.set_session_status(db, row["session_id"], "active", call.timestamp)
    row = repo.visible_session(db, row["session_id"], call.principal)
    return Reply(200, repo.session_json(row, call.base_url))


def get_roleplay_review(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    row = repo.visible_session(db, call.params["session_id"], call.principal)
    return Reply(200, repo.review_json(db, row["session_id"]))


def get_roleplay_leaderboard(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    entries = repo.leaderboard(
        db,
        call.principal.org_id,
        call.params["limit"],
        call.params.get("roleplay_type"),
        env.display_names(),
    )
    return Reply(200, {"entries": entries})


def get_artifact(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    row = repo.visible_session(db, call.params["session_id"], call.principal)
    session_id, kind = row["session_id"], call.params["artifact_type"]
    if kind == "session_video":
        upload = db.execute(
            "SELECT upload_id, content_type, size_bytes FROM uploads WHERE session_id = ?"
            " AND status = 'confirmed' ORDER BY confirmed_at DESC, rowid DESC LIMIT 1",
            (session_id,),
        ).fetchone()
        if upload is None:
            raise not_found(f"session_video for session {session_id}")
        ref, content_type, size = upload["upload_id"], upload["content_type"], upload["size_bytes"]
    elif kind == "transcript" and row["status"] == "completed" and repo.turns(db, session_id):
        ref, content_type = session_id, "application/json"
        size = len(transcript_bytes(db, session_id))
    else:
        raise not_found(f"{kind} for session {session_id}")
    signed, expires = env.signer.sign("GET", f"/_artifacts/{kind}/{ref}", env.artifact_url_ttl)
    return Reply(
        200,
        {
            "session_id": session_id,
            "artifact_type": kind,
            "url": call.base_url + signed,
            "expires_at": repo.iso(expires),
            "content_type": content_type,
            "size_bytes": size,
        },
    )


def transcript_bytes(db: sqlite3.Connection, session_id: str) -> bytes:
    """The transcript artifact: the recorded turns as JSON."""
    document = {"session_id": session_id, "turns": repo.turns(db, session_id)}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def create_video_upload_url(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    row = repo.visible_session(db, call.params["session_id"], call.principal)
    if row["status"] not in ("active", "completed"):
        raise conflict(
            f"Session {row['session_id']} is {row['status']}: drafts have no recording.",
            kind="not-recordable",
        )
    # The declared size caps this upload; a size over the service's limit is not refused
    # here: the answer's smaller max_size_bytes tells the caller it cannot be uploaded.
    declared = (call.body or {}).get("size_bytes")
    limit = min(env.upload_max_bytes, int(declared or env.upload_max_bytes))
    upload_id = repo.new_id("upl")
    signed, expires = env.signer.sign("PUT", f"/_uploads/{upload_id}", env.upload_url_ttl)
    db.execute(
        "INSERT INTO uploads (upload_id, session_id, org_id, status, content_type,"
        " declared_size, expires_at, created_at) VALUES (?,?,?, 'pending', 'video/webm', ?, ?, ?)",
        (upload_id, row["session_id"], row["org_id"], limit, expires, call.timestamp),
    )
    return Reply(
        201,
        {
            "session_id": row["session_id"],
            "upload_id": upload_id,
            "upload_url": call.base_url + signed,
            "method": "PUT",
            "upload_headers": {"Content-Type": "video/webm"},
            "content_type": "video/webm",
            "expires_at": repo.iso(expires),
            "max_size_bytes": limit,
        },
    )


def confirm_video_uploaded(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    row = repo.visible_session(db, call.params["session_id"], call.principal)
    upload_id = call.body["upload_id"]
    upload = db.execute(
        "SELECT status, analysis_status, expires_at FROM uploads"
        " WHERE upload_id = ? AND session_id = ?",
        (upload_id, row["session_id"]),
    ).fetchone()
    stale = upload is not None and upload["status"] != "confirmed"
    if upload is None or (stale and upload["expires_at"] < call.now - env.upload_confirm_grace):
        # An unconfirmed upload past its grace is gone, whether or not a sweep removed it yet.
        raise not_found(f"upload {upload_id} for session {row['session_id']}")
    if upload["status"] == "pending":
        raise conflict(f"Nothing was uploaded for {upload_id} yet.", kind="not-uploaded")
    analysis = upload["analysis_status"] or "processing"
    if upload["status"] == "uploaded":
        db.execute(
            "UPDATE uploads SET status = 'confirmed', confirmed_at = ?, analysis_status = ?"
            " WHERE upload_id = ?",
            (call.timestamp, analysis, upload_id),
        )
    body = {
        "session_id": row["session_id"],
        "upload_id": upload_id,
        "artifact_type": "session_video",
        "analysis_status": analysis,
    }
    return Reply(202, body)


def create_assignments(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    who = call.principal
    _require_admin(who, "Creating assignments")
    # JSON Schema lets 15.0 pass as an integer; answer it as the integer the spec describes.
    scenario = {**call.body["scenario"]}
    scenario["duration_minutes"] = int(scenario["duration_minutes"])
    rows = [
        repo.insert_assignment(
            db,
            org_id=who.org_id,
            assignee=assignee,
            scenario=scenario,
            due_at=call.body.get("due_at"),
            now=call.timestamp,
        )
        for assignee in call.body["assignees"]
    ]
    return Reply(201, {"assignments": [repo.assignment_json(r) for r in rows]})


_CURSOR_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_CURSOR_VALUES = {digit: value for value, digit in enumerate(_CURSOR_DIGITS)}
_CURSOR_LENGTH = 11  # 64**11 > 2**63: every position fits
_U64 = (1 << 64) - 1
_POSITION = (1 << 63) - 1


def _encode_cursor(seq: int, mask: int) -> str:
    """The position after the page, masked so cursors do not count the service's rows."""
    value = seq ^ mask
    digits = []
    for _ in range(_CURSOR_LENGTH):
        value, digit = divmod(value, 64)
        digits.append(_CURSOR_DIGITS[digit])
    return "".join(reversed(digits))


def _decode_cursor(cursor: str, mask: int) -> int:
    """Every cursor the spec's pattern allows is a position (so none is refused): listing
    resumes with the assignments older than it, under whatever filters this request has."""
    value = 0
    for digit in cursor:
        value = (value * 64 + _CURSOR_VALUES[digit]) & _U64
    return (value ^ mask) & _POSITION


def list_assignments(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    who, params = call.principal, call.params
    email = params.get("email")
    folded = email.casefold() if email else None
    status = params.get("status")
    limit = params["limit"]
    mask = env.signer.derive_int("listAssignments cursor") & _POSITION
    query = "SELECT * FROM assignments WHERE org_id = ?"
    args: list[Any] = [who.org_id]
    if not who.is_admin:
        query += " AND (user_id = ? OR (email_folded IS NOT NULL AND email_folded = ?))"
        args += [who.user_id, who.email.casefold() if who.email else None]
    if folded:
        query += " AND email_folded = ?"
        args.append(folded)
    if status:
        query += " AND status = ?"
        args.append(status)
    if params.get("cursor"):
        query += " AND seq < ?"
        args.append(_decode_cursor(params["cursor"], mask))
    query += " ORDER BY seq DESC LIMIT ?"
    args.append(limit + 1)
    rows = db.execute(query, args).fetchall()
    page = rows[:limit]
    next_cursor = _encode_cursor(page[-1]["seq"], mask) if len(rows) > limit else None
    return Reply(
        200, {"items": [repo.assignment_json(r) for r in page], "next_cursor": next_cursor}
    )


def unassign_assignments(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    who = call.principal
    _require_admin(who, "Unassigning")
    reason = call.body.get("reason")
    done, missing = [], []
    for assignment_id in call.body["assignment_ids"]:
        row = repo.org_assignment(db, assignment_id, who.org_id)
        if row is None:
            missing.append(assignment_id)
            continue
        if row["status"] != "unassigned":
            db.execute(
                "UPDATE assignments SET status = 'unassigned', reason = ?, updated_at = ?"
                " WHERE seq = ?",
                (reason, call.timestamp, row["seq"]),
            )
            row = repo.org_assignment(db, assignment_id, who.org_id) or row
        done.append(repo.assignment_json(row))
    return Reply(200, {"assignments": done, "not_found": missing})


def bulk_assignment_results(env: Env, db: sqlite3.Connection, call: Call) -> Reply:
    who = call.principal
    _require_admin(who, "Bulk results")
    results = []
    for assignment_id in call.body["assignment_ids"]:
        row = repo.org_assignment(db, assignment_id, who.org_id)
        if row is None:
            results.append(
                {"assignment_id": assignment_id, "found": False, "assignment": None, "review": None}
            )
            continue
        review = repo.review_json(db, row["session_id"]) if row["session_id"] else None
        results.append(
            {
                "assignment_id": assignment_id,
                "found": True,
                "assignment": repo.assignment_json(row),
                "review": review,
            }
        )
    return Reply(200, {"results": results})


HANDLERS: dict[str, Handler] = {
    "previewRoleplay": preview_roleplay,
    "configureRoleplay": configure_roleplay,
    "updateRoleplayQuestions": update_roleplay_questions,
    "approveRoleplay": approve_roleplay,
    "getRoleplayReview": get_roleplay_review,
    "getRoleplayLeaderboard": get_roleplay_leaderboard,
    "getArtifact": get_artifact,
    "createVideoUploadUrl": create_video_upload_url,
    "confirmVideoUploaded": confirm_video_uploaded,
    "createAssignments": create_assignments,
    "listAssignments": list_assignments,
    "unassignAssignments": unassign_assignments,
    "bulkAssignmentResults": bulk_assignment_results,
}
