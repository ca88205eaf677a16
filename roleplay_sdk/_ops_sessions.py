"""Roleplay session operations, written once as flows (see _flow.py) for both clients.

Each function checks its arguments at once (so a bad argument raises before any I/O),
builds the body, and returns the flow that sends it and parses the answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from os import PathLike
from typing import IO, TYPE_CHECKING, Any, Required, TypedDict, Unpack

import httpx

from roleplay_sdk import _validate as check
from roleplay_sdk._exceptions import Malformed, RoleplayValidationError
from roleplay_sdk._flow import CallSettings, Flow, call, upload
from roleplay_sdk._generated import LazyEndpoint, model
from roleplay_sdk._http import insecure
from roleplay_sdk._lazy import models
from roleplay_sdk._limits import NOT_GIVEN, NotGiven
from roleplay_sdk._normalize import RoleplayRequest, normalize_request
from roleplay_sdk._settings import Settings, wire
from roleplay_sdk._video import VideoSource, video_source
from roleplay_sdk._video import content_type as checked_content_type

if TYPE_CHECKING:
    from roleplay_sdk._models import (
        ArtifactDownload,
        Leaderboard,
        RoleplayPreview,
        RoleplayReview,
        RoleplaySession,
        VideoUploadConfirmation,
        VideoUploadTarget,
    )

# The generated endpoints, imported on first use (see _generated.py).
preview_roleplay = LazyEndpoint("roleplays", "preview_roleplay")
configure_roleplay = LazyEndpoint("roleplays", "configure_roleplay")
update_roleplay_questions = LazyEndpoint("roleplays", "update_roleplay_questions")
approve_roleplay = LazyEndpoint("roleplays", "approve_roleplay")
get_roleplay_review = LazyEndpoint("reviews", "get_roleplay_review")
get_roleplay_leaderboard = LazyEndpoint("reviews", "get_roleplay_leaderboard")
get_artifact = LazyEndpoint("artifacts", "get_artifact")
create_video_upload_url = LazyEndpoint("artifacts", "create_video_upload_url")
confirm_video_uploaded = LazyEndpoint("artifacts", "confirm_video_uploaded")

Timeout = float | httpx.Timeout | None
Deadline = float | NotGiven | None
Video = bytes | bytearray | memoryview | str | PathLike[str] | IO[bytes]
# A caller's key gets these suffixes for the two creating POSTs of an upload.
UPLOAD_KEY_SUFFIXES = (":url", ":confirm")
UPLOAD_KEY_MAX_LENGTH = 128 - max(len(suffix) for suffix in UPLOAD_KEY_SUFFIXES)


class ScenarioFields(TypedDict, total=False):
    """The scenario part of normalize_request's fields, and the per-call options."""

    brief: Required[str]
    persona_id: str | None
    duration_minutes: int | float | str | None
    depth: str | None
    roleplay_type: str | None
    metadata: Mapping[str, Any] | None
    conversation_type: str | None
    idempotency_key: str | None
    timeout: Timeout
    deadline: float | None


class RoleplayFields(ScenarioFields, total=False):
    """preview/start/create_roleplay: all of normalize_request's fields and the options."""

    user_id: str | None
    org_id: str | None
    qscore: Mapping[str, Any] | None


def _configure(
    settings: Settings, endpoint: Any, parse: Any, fields: Mapping[str, Any]
) -> Flow[Any]:
    options = dict(fields)
    key = check.idempotency_key(options.pop("idempotency_key", None))
    per_call = settings.for_call(options.pop("timeout", None), options.pop("deadline", NOT_GIVEN))
    options["user_id"] = options.get("user_id") or settings.user_id
    options["org_id"] = options.get("org_id") or settings.org_id
    request: RoleplayRequest = normalize_request(**options)
    kwargs = {
        "body": wire("ConfigureRequest", request.to_body()),
        "idempotency_key": settings.key(key),
    }
    return call(per_call, endpoint, kwargs, parse, repeatable=True)


def preview(settings: Settings, **fields: Unpack[RoleplayFields]) -> Flow[RoleplayPreview]:
    """Create a draft scenario to review (the default): it is never live until approved.

    Takes normalize_request's fields (user_id defaults to the client's user_id, org_id to its
    org_id), plus idempotency_key (generated when not given), timeout (per attempt) and
    deadline (the whole call, retries included; None for no limit).
    """
    return _configure(settings, preview_roleplay, models.RoleplayPreview.from_json, fields)


def start(settings: Settings, **fields: Unpack[RoleplayFields]) -> Flow[RoleplaySession]:
    """Create an active session at once; only when the person asked to start now.

    Same fields as preview(); the answer carries websocket_url and frontend_url.
    """
    return _configure(settings, configure_roleplay, models.RoleplaySession.from_json, fields)


def create_roleplay(
    settings: Settings, *, start: bool = False, **fields: Unpack[RoleplayFields]
) -> Flow[RoleplayPreview]:
    """The preview-first entry point: a draft to review, or an active session if start=True.

    Started sessions come back as RoleplaySession (a RoleplayPreview with live-practice URLs).
    """
    if not isinstance(start, bool):
        raise RoleplayValidationError("start", f"must be True or False, got {start!r}")
    if start:
        return _configure(settings, configure_roleplay, models.RoleplaySession.from_json, fields)
    return _configure(settings, preview_roleplay, models.RoleplayPreview.from_json, fields)


def edit_questions(
    settings: Settings,
    session_id: str,
    prompts: Sequence[str],
    *,
    opening_prompt: str | None = None,
    timeout: Timeout = None,
    deadline: Deadline = NOT_GIVEN,
) -> Flow[RoleplayPreview]:
    """Replace a draft's prompt outline (1 to 20 prompts) and optionally its opening prompt."""
    body: dict[str, Any] = {
        "session_id": check.identifier("session_id", session_id),
        "prompts": check.prompts(prompts),
    }
    if opening_prompt is not None:
        body["opening_prompt"] = check.prompt("opening_prompt", opening_prompt)
    kwargs = {"body": wire("UpdateQuestionsRequest", body)}
    # The spec: "Repeating the same edit is harmless", so a retry is safe without a key.
    return settings.send(
        update_roleplay_questions, kwargs, models.RoleplayPreview.from_json, timeout, deadline
    )


def approve(
    settings: Settings,
    session_id: str,
    *,
    idempotency_key: str | None = None,
    timeout: Timeout = None,
    deadline: Deadline = NOT_GIVEN,
) -> Flow[RoleplaySession]:
    """Approve a draft: it becomes an active session with its live-practice URLs."""
    body = {"session_id": check.identifier("session_id", session_id)}
    key = settings.key(check.idempotency_key(idempotency_key))
    kwargs = {"body": wire("ApproveRequest", body), "idempotency_key": key}
    return settings.send(
        approve_roleplay, kwargs, models.RoleplaySession.from_json, timeout, deadline
    )


def review(
    settings: Settings, session_id: str, *, timeout: Timeout = None, deadline: Deadline = NOT_GIVEN
) -> Flow[RoleplayReview]:
    """A session's review: `pending` with no scores until the session is completed."""
    kwargs = {"session_id": check.identifier("session_id", session_id)}
    return settings.send(
        get_roleplay_review, kwargs, models.RoleplayReview.from_json, timeout, deadline
    )


def leaderboard(
    settings: Settings,
    *,
    limit: int | None = None,
    roleplay_type: str | None = None,
    timeout: Timeout = None,
    deadline: Deadline = NOT_GIVEN,
) -> Flow[Leaderboard]:
    """The organization's best completed reviews (limit 1 to 100; the service's default is 10)."""
    kwargs: dict[str, Any] = {}
    if limit is not None:
        kwargs["limit"] = check.bounded_int("limit", limit, check.LEADERBOARD_LIMIT)
    if roleplay_type is not None:
        kwargs["roleplay_type"] = model("RoleplayType")(check.roleplay_type(roleplay_type))
    return settings.send(
        get_roleplay_leaderboard, kwargs, models.Leaderboard.from_json, timeout, deadline
    )


def artifact_url(
    settings: Settings,
    session_id: str,
    artifact_type: str = "session_video",
    *,
    timeout: Timeout = None,
    deadline: Deadline = NOT_GIVEN,
) -> Flow[ArtifactDownload]:
    """A presigned, expiring download URL (send it no Authorization header)."""
    kwargs = {
        "session_id": check.identifier("session_id", session_id),
        "artifact_type": model("ArtifactType")(
            check.choice("artifact_type", artifact_type, check.ARTIFACT_TYPES)
        ),
    }
    return settings.send(get_artifact, kwargs, models.ArtifactDownload.from_json, timeout, deadline)


def upload_video(
    settings: Settings,
    session_id: str,
    video: Video,
    *,
    content_type: str = "video/webm",
    idempotency_key: str | None = None,
    timeout: Timeout = None,
    deadline: Deadline = NOT_GIVEN,
) -> Flow[VideoUploadConfirmation]:
    """Upload a session recording the way the browser does, and confirm it.

    Asks for an upload URL, PUTs the bytes there with exactly the returned upload_headers and
    no Authorization header (a separate, credential-free httpx client), then confirms the
    upload, which starts its analysis. `video` is bytes, a path or a binary file. A caller's
    idempotency_key is sent as `<key>:url` and `<key>:confirm` on the two creating POSTs.
    `deadline` bounds the three requests together; when not given, the client's deadline
    grows by a second per MiB of recording (a slow uplink still gets the bytes through).
    """
    sid = check.identifier("session_id", session_id)
    media_type = checked_content_type(content_type)
    key = check.idempotency_key(idempotency_key)
    if key is not None and len(key) > UPLOAD_KEY_MAX_LENGTH:
        raise RoleplayValidationError(
            "idempotency_key", f"must be at most {UPLOAD_KEY_MAX_LENGTH} characters for uploads"
        )
    source = video_source(video)
    url_key, confirm_key = (
        (key + UPLOAD_KEY_SUFFIXES[0], key + UPLOAD_KEY_SUFFIXES[1])
        if key is not None
        else (settings.new_key(), settings.new_key())
    )
    ask = {
        "session_id": sid,
        "body": wire("VideoUploadRequest", {"content_type": media_type, "size_bytes": source.size}),
        "idempotency_key": url_key,
    }
    per_call = settings.for_call(timeout, deadline, upload_bytes=source.size)
    return _upload_flow(settings, per_call, ask, source, confirm_key)


def _upload_flow(
    settings: Settings,
    per_call: CallSettings,
    ask: Mapping[str, Any],
    source: VideoSource,
    confirm_key: str,
) -> Flow[VideoUploadConfirmation]:
    def parse_target(data: object) -> VideoUploadTarget:
        target = models.VideoUploadTarget.from_json(data)
        if target.method.upper() not in {"PUT", "POST"}:
            raise Malformed("$.method", f"is {target.method!r}; only PUT uploads are supported")
        url = httpx.URL(target.upload_url)
        if url.scheme not in {"http", "https"} or not url.host:
            raise Malformed("$.upload_url", "is not an absolute http(s) URL")
        if insecure(url) and not settings.allow_insecure_http:
            raise Malformed("$.upload_url", "is plain http to a non-loopback host; not uploading")
        return target

    target = yield from call(per_call, create_video_upload_url, ask, parse_target, repeatable=True)
    if source.size > target.max_size_bytes:
        raise RoleplayValidationError(
            "video",
            f"is {source.size} bytes; this upload URL takes at most {target.max_size_bytes}",
        )
    yield from upload(
        per_call, target.method.upper(), target.upload_url, target.upload_headers, source
    )
    confirm = {
        "session_id": ask["session_id"],
        "body": wire("VideoUploadedRequest", {"upload_id": target.upload_id}),
        "idempotency_key": confirm_key,
    }
    return (
        yield from call(
            per_call,
            confirm_video_uploaded,
            confirm,
            models.VideoUploadConfirmation.from_json,
            repeatable=True,
        )
    )
