"""Every facade operation as one row: how to set it up, call it, and what it may create.

A row is driver-neutral: `setup` runs on a clean sync client, `call` names the facade method
and its arguments, and the sync and async drivers both invoke it the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import httpx

import roleplay_sdk as m
from roleplay_sdk import RoleplayClient

MEMBER = "dev-member-token"
ADMIN = "dev-admin-token"
BRIEF = "Negotiate my offer with the recruiter: they offered 150k and I want 170k base."
VIDEO = b"\x1a\x45\xdf\xa3" * 256
PEOPLE = ["a@example.com", "b@example.com", "c@example.com"]
UNKNOWN_IDS = [f"asg_unknown{n:03d}" for n in range(110)]  # with 3 known: two chunks of <=100

Ctx = dict[str, Any]


@attrs.frozen
class Counts:
    """Sessions, assignments and uploads in the reference service."""

    sessions: int = 0
    assignments: int = 0
    uploads: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.sessions + other.sessions,
            self.assignments + other.assignments,
            self.uploads + other.uploads,
        )

    def __str__(self) -> str:
        return f"{self.sessions}/{self.assignments}/{self.uploads}"


NONE = Counts()


def counts_of(service: Any) -> Counts:
    found = service.counts()
    return Counts(found["sessions"], found["assignments"], found["uploads"])


def _any(_request: httpx.Request) -> bool:
    return True


def _path_ends(suffix: str) -> Callable[[httpx.Request], bool]:
    return lambda request: request.url.path.endswith(suffix)


def _is_put(request: httpx.Request) -> bool:
    return request.method == "PUT"


@attrs.frozen
class Op:
    """One operation under test.

    `created`: what a successful call adds. `failed_reached` / `failed_unreached`: what a
    call that failed adds, when the faulted request did / did not reach the server (earlier
    requests of the same call, e.g. the upload URL before the PUT, count too).
    `witness`: "replay" sends the call's last request again without faults (a read, an
    idempotent write, or a keyed POST the service replays) and the answer must equal the
    result; "again" makes the whole call again on a clean client (multi-request reads).
    """

    name: str
    method: str
    args: Callable[[Ctx], tuple[tuple[Any, ...], dict[str, Any]]]
    model: Any = None
    setup: Callable[[RoleplayClient, Any], Ctx] = lambda _client, _service: {}
    token: str = MEMBER
    created: Counts = NONE
    failed_reached: Counts = NONE
    failed_unreached: Counts = NONE
    match: Callable[[httpx.Request], bool] = _any
    witness: str = "replay"
    paged: bool = False
    reads_body: bool = True  # False: the answer's body is never parsed (the storage PUT)


def _draft(client: RoleplayClient, _service: Any) -> Ctx:
    return {"sid": client.preview(brief=BRIEF, conversation_type="offer negotiation").session_id}


def _active(client: RoleplayClient, _service: Any) -> Ctx:
    return {"sid": client.start(brief=BRIEF, conversation_type="offer negotiation").session_id}


def _completed(client: RoleplayClient, service: Any) -> Ctx:
    ctx = _active(client, service)
    service.complete_session(ctx["sid"], turns=["I'd like 170k base.", "That's my ask."])
    return ctx


def _uploaded(client: RoleplayClient, service: Any) -> Ctx:
    ctx = _active(client, service)
    client.upload_video(ctx["sid"], VIDEO)
    return ctx


def _assigned(n: int) -> Callable[[RoleplayClient, Any], Ctx]:
    def setup(client: RoleplayClient, _service: Any) -> Ctx:
        created = client.create_assignments(
            [f"p{i}@example.com" for i in range(n)],
            title="Renewal call",
            brief="Renew a customer whose usage dropped 40%.",
            conversation_type="renewal",
        )
        return {"ids": [a.assignment_id for a in created.assignments]}

    return setup


def _scenario(**extra: Any) -> Callable[[Ctx], tuple[tuple[Any, ...], dict[str, Any]]]:
    return lambda _ctx: ((), {"brief": BRIEF, "conversation_type": "offer negotiation", **extra})


def _upload(ctx: Ctx) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return (ctx["sid"], VIDEO), {}


def _operations() -> tuple[Op, ...]:
    session = Counts(sessions=1)
    upload = Counts(uploads=1)
    upload_row = {
        "method": "upload_video",
        "args": _upload,
        "model": m.VideoUploadConfirmation,
        "setup": _active,
        "created": upload,
        "failed_reached": upload,
    }
    return (
        Op(
            "preview",
            "preview",
            _scenario(),
            m.RoleplayPreview,
            created=session,
            failed_reached=session,
        ),
        Op(
            "start (configure)",
            "start",
            _scenario(),
            m.RoleplaySession,
            created=session,
            failed_reached=session,
        ),
        Op(
            "create_roleplay",
            "create_roleplay",
            _scenario(),
            m.RoleplayPreview,
            created=session,
            failed_reached=session,
        ),
        Op(
            "edit_questions",
            "edit_questions",
            lambda c: ((c["sid"], ["What is your range?", "Why 170k?"]), {}),
            m.RoleplayPreview,
            setup=_draft,
        ),
        Op("approve", "approve", lambda c: ((c["sid"],), {}), m.RoleplaySession, setup=_draft),
        Op("review", "review", lambda c: ((c["sid"],), {}), m.RoleplayReview, setup=_completed),
        Op(
            "leaderboard",
            "leaderboard",
            lambda _c: ((), {"limit": 5}),
            m.Leaderboard,
            setup=_completed,
        ),
        Op(
            "artifact_url",
            "artifact_url",
            lambda c: ((c["sid"],), {}),
            m.ArtifactDownload,
            setup=_uploaded,
        ),
        Op("upload_video (all 3)", **upload_row, failed_unreached=NONE),
        Op("  upload URL", **upload_row, match=_path_ends("/video/upload-url")),
        Op("  upload PUT", **upload_row, failed_unreached=upload, match=_is_put, reads_body=False),
        Op(
            "  upload confirm",
            **upload_row,
            failed_unreached=upload,
            match=_path_ends("/video/uploaded"),
        ),
        Op(
            "create_assignments",
            "create_assignments",
            lambda _c: (
                (PEOPLE,),
                {
                    "title": "Renewal call",
                    "brief": "Renew a customer whose usage dropped 40%.",
                    "conversation_type": "renewal",
                },
            ),
            m.AssignmentList,
            token=ADMIN,
            created=Counts(assignments=3),
            failed_reached=Counts(assignments=3),
        ),
        Op(
            "list_assignments (3 pages)",
            "list_assignments",
            lambda _c: ((), {"limit": 2}),
            token=ADMIN,
            setup=_assigned(5),
            witness="again",
            paged=True,
        ),
        Op(
            "unassign",
            "unassign",
            lambda c: (([*c["ids"][:2], "asg_unknown"],), {"reason": "left the team"}),
            m.UnassignResult,
            token=ADMIN,
            setup=_assigned(3),
        ),
        Op(
            "bulk_results (2 chunks)",
            "bulk_results",
            lambda c: ((c["ids"] + UNKNOWN_IDS,), {}),
            token=ADMIN,
            setup=_assigned(3),
            witness="again",
        ),
    )


OPERATIONS = _operations()
