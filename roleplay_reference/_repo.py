"""Rows <-> the JSON the spec describes. Every function takes an open transaction."""

from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import UTC, datetime
from typing import Any

from ._auth import Principal
from ._content import build_review, counterpart_turn
from ._problems import ProblemError, not_found

ASSIGNABLE = ("assigned", "in_progress")


def iso(epoch: float) -> str:
    """RFC 3339 UTC timestamp with second precision, as the examples show."""
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def _load(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# ---------- sessions ----------


def session_json(row: sqlite3.Row, base_url: str) -> dict[str, Any]:
    """A RoleplayPreview (drafts) or RoleplaySession (active and later) document."""
    data: dict[str, Any] = {
        "session_id": row["session_id"],
        "scenario_id": row["scenario_id"],
        "status": row["status"],
        "needs_approval": row["status"] == "draft",
        "opening_prompt": row["opening_prompt"],
        "prompt_outline": _load(row["prompt_outline"]),
        "scenario": _load(row["scenario"]),
        "qscore_context": _load(row["qscore_context"]),
        "candidate_brief": row["candidate_brief"],
        "created_at": row["created_at"],
    }
    if row["status"] != "draft":
        ws_base = "ws" + base_url.removeprefix("http")
        data["websocket_url"] = f"{ws_base}/api/v1/roleplays/session/{row['session_id']}"
        data["frontend_url"] = f"{base_url}/roleplay/{row['session_id']}"
    return data


def get_session(db: sqlite3.Connection, session_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM sessions WHERE session_id = ?", (session_id,)
    ).fetchone()
    return row


def visible_session(db: sqlite3.Connection, session_id: str, who: Principal) -> sqlite3.Row:
    """The session if the caller may see it: same organization, and its own unless admin."""
    row = get_session(db, session_id)
    if row is None or row["org_id"] != who.org_id or not (who.is_admin or who.owns(row["user_id"])):
        raise not_found(f"session {session_id}")
    return row


def insert_session(
    db: sqlite3.Connection,
    *,
    request: dict[str, Any],
    preview: dict[str, Any],
    org_id: str,
    status: str,
    now: str,
    assignment_id: str | None = None,
) -> sqlite3.Row:
    session_id = new_id("rps")
    db.execute(
        "INSERT INTO sessions (session_id, org_id, user_id, scenario_id, status, roleplay_type,"
        " request, opening_prompt, prompt_outline, scenario, qscore_context, candidate_brief,"
        " assignment_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            session_id,
            org_id,
            request["user_id"],
            preview["scenario_id"],
            status,
            request["roleplay_type"],
            dump(request),
            preview["opening_prompt"],
            dump(preview["prompt_outline"]),
            dump(preview["scenario"]),
            None if preview["qscore_context"] is None else dump(preview["qscore_context"]),
            preview["candidate_brief"],
            assignment_id,
            now,
            now,
        ),
    )
    db.execute(
        "INSERT INTO reviews (session_id, org_id, user_id, roleplay_type, status,"
        " recommendations) VALUES (?,?,?,?, 'pending', '[]')",
        (session_id, org_id, request["user_id"], request["roleplay_type"]),
    )
    row = get_session(db, session_id)
    assert row is not None
    return row


def set_session_status(db: sqlite3.Connection, session_id: str, status: str, now: str) -> None:
    db.execute(
        "UPDATE sessions SET status = ?, updated_at = ? WHERE session_id = ?",
        (status, now, session_id),
    )


def update_prompts(
    db: sqlite3.Connection, session_id: str, prompts: list[str], opening: str | None, now: str
) -> None:
    if opening is None:
        db.execute(
            "UPDATE sessions SET prompt_outline = ?, updated_at = ? WHERE session_id = ?",
            (dump(prompts), now, session_id),
        )
    else:
        db.execute(
            "UPDATE sessions SET prompt_outline = ?, opening_prompt = ?, updated_at = ?"
            " WHERE session_id = ?",
            (dump(prompts), opening, now, session_id),
        )


# ---------- turns and reviews ----------


def turns(db: sqlite3.Connection, session_id: str) -> list[dict[str, str]]:
    rows = db.execute(
        "SELECT speaker, text FROM turns WHERE session_id = ? ORDER BY idx", (session_id,)
    )
    return [{"speaker": r["speaker"], "text": r["text"]} for r in rows]


def add_turn(db: sqlite3.Connection, session_id: str, speaker: str, text: str, now: str) -> None:
    db.execute(
        "INSERT INTO turns (session_id, idx, speaker, text, created_at) VALUES (?,"
        " (SELECT COALESCE(MAX(idx), -1) + 1 FROM turns WHERE session_id = ?), ?, ?, ?)",
        (session_id, session_id, speaker, text, now),
    )


def person_turn(db: sqlite3.Connection, row: sqlite3.Row, text: str, now: str) -> str:
    """Record the person's turn and the counterpart's deterministic answer; answer it."""
    index = db.execute(
        "SELECT COUNT(*) FROM turns WHERE session_id = ? AND speaker = 'person'",
        (row["session_id"],),
    ).fetchone()[0]
    reply = counterpart_turn(_load(row["prompt_outline"]), index, text)
    add_turn(db, row["session_id"], "person", text, now)
    add_turn(db, row["session_id"], "counterpart", reply, now)
    return reply


def review_json(db: sqlite3.Connection, session_id: str) -> dict[str, Any]:
    row = db.execute("SELECT * FROM reviews WHERE session_id = ?", (session_id,)).fetchone()
    if row is None or row["status"] != "completed":
        return {
            "session_id": session_id,
            "status": "pending",
            "scores": None,
            "feedback": None,
            "recommendations": [],
            "completed_at": None,
        }
    return {
        "session_id": session_id,
        "status": "completed",
        "scores": _load(row["scores"]),
        "feedback": _load(row["feedback"]),
        "recommendations": _load(row["recommendations"]),
        "completed_at": row["completed_at"],
    }


def derive_review(db: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """Scores, feedback and recommendations derived from the session's recorded turns."""
    person = [t["text"] for t in turns(db, row["session_id"]) if t["speaker"] == "person"]
    return build_review(person, _load(row["scenario"]))


def complete_session(
    db: sqlite3.Connection, row: sqlite3.Row, now: str, review: dict[str, Any]
) -> None:
    """Complete an active session with `review` (scores, feedback, recommendations)."""
    if row["status"] != "active":
        raise ProblemError(409, f"Session {row['session_id']} is {row['status']}, not active.")
    scores = review["scores"]
    db.execute(
        "UPDATE reviews SET status = 'completed', overall = ?, scores = ?, feedback = ?,"
        " recommendations = ?, completed_at = ?,"
        " completed_seq = (SELECT COALESCE(MAX(completed_seq), 0) + 1 FROM reviews)"
        " WHERE session_id = ?",
        (
            None if scores is None else scores["overall"],
            None if scores is None else dump(scores),
            None if review["feedback"] is None else dump(review["feedback"]),
            dump(review["recommendations"]),
            now,
            row["session_id"],
        ),
    )
    set_session_status(db, row["session_id"], "completed", now)
    if row["assignment_id"]:
        # Whichever of the sessions started for an open assignment is completed first
        # completes it (a double-clicked start must not strand it in progress), and the
        # assignment then names that session, whose review is its result.
        db.execute(
            "UPDATE assignments SET status = 'completed', session_id = ?, updated_at = ?"
            " WHERE assignment_id = ? AND status IN ('assigned', 'in_progress')",
            (row["session_id"], now, row["assignment_id"]),
        )


def leaderboard(
    db: sqlite3.Connection,
    org_id: str,
    limit: int,
    roleplay_type: str | None,
    names: dict[tuple[str, str], str],
) -> list[dict[str, Any]]:
    query = (
        "SELECT session_id, user_id, roleplay_type, overall, completed_at FROM reviews"
        " WHERE org_id = ? AND status = 'completed' AND overall IS NOT NULL"
    )
    args: list[Any] = [org_id]
    if roleplay_type:
        query += " AND roleplay_type = ?"
        args.append(roleplay_type)
    query += " ORDER BY overall DESC, completed_at ASC, completed_seq ASC LIMIT ?"
    args.append(limit)
    return [
        {
            "rank": rank,
            "session_id": r["session_id"],
            "user_id": r["user_id"],
            "display_name": names.get((org_id, r["user_id"])),
            "roleplay_type": r["roleplay_type"],
            "overall_score": r["overall"],
            "completed_at": r["completed_at"],
        }
        for rank, r in enumerate(db.execute(query, args), start=1)
    ]


# ---------- assignments ----------


def assignment_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "assignment_id": row["assignment_id"],
        "org_id": row["org_id"],
        "email": row["email"],
        "user_id": row["user_id"],
        "status": row["status"],
        "scenario": _load(row["scenario"]),
        "session_id": row["session_id"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "due_at": row["due_at"],
    }


def org_assignment(db: sqlite3.Connection, assignment_id: str, org_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM assignments WHERE assignment_id = ? AND org_id = ?", (assignment_id, org_id)
    ).fetchone()
    return row


def insert_assignment(
    db: sqlite3.Connection,
    *,
    org_id: str,
    assignee: dict[str, str],
    scenario: dict[str, Any],
    due_at: str | None,
    now: str,
) -> sqlite3.Row:
    assignment_id = new_id("asg")
    email = assignee.get("email")
    db.execute(
        "INSERT INTO assignments (assignment_id, org_id, email, email_folded, user_id, status,"
        " scenario, created_at, updated_at, due_at) VALUES (?,?,?,?,?, 'assigned', ?,?,?,?)",
        (
            assignment_id,
            org_id,
            email,
            email.casefold() if email else None,
            assignee.get("user_id"),
            dump(scenario),
            now,
            now,
            due_at,
        ),
    )
    row = org_assignment(db, assignment_id, org_id)
    assert row is not None
    return row


def link_assignment(
    db: sqlite3.Connection, assignment_id: str, session_id: str, who: Principal, now: str
) -> bool:
    """Tie a new session to an open assignment the caller may work on (status in_progress)."""
    row = org_assignment(db, assignment_id, who.org_id)
    if row is None or row["status"] not in ASSIGNABLE:
        return False
    if not (who.is_admin or who.owns(row["user_id"], row["email"])):
        return False
    start_assignment(db, assignment_id, session_id, now)
    db.execute(
        "UPDATE sessions SET assignment_id = ? WHERE session_id = ?", (assignment_id, session_id)
    )
    return True


def start_assignment(db: sqlite3.Connection, assignment_id: str, session_id: str, now: str) -> None:
    """The assignment is in progress with `session_id`, its most recently started session."""
    db.execute(
        "UPDATE assignments SET status = 'in_progress', session_id = ?, updated_at = ?"
        " WHERE assignment_id = ?",
        (session_id, now, assignment_id),
    )
