"""Routes outside the spec that presigned URLs and frontend_url point at.

They take no bearer token: the signature in the URL is the authorization.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import sqlite3
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from . import _blobs as blobs
from ._dispatch import ExtraRoute, base_url
from ._handlers import transcript_bytes
from ._http import media_type
from ._problems import ProblemError

if TYPE_CHECKING:
    from ._service import ReferenceService

_ID = r"[A-Za-z0-9_-]{1,64}"


async def put_upload(
    service: ReferenceService, request: Request, params: dict[str, str]
) -> Response:
    """PUT the recording: WebM only, at most the declared size, once, before the URL expires.

    The body streams to a file (never into memory). The URL takes one recording: the same
    bytes again (a retry whose answer was lost) answer the same; other bytes are a 409.
    """
    path = request.url.path
    query = request.query_params
    service.signer.check("PUT", path, query.get("expires"), query.get("signature"))
    if media_type(request) != "video/webm":
        raise ProblemError(415, "Upload video/webm.", kind="unsupported-media-type")
    upload_id = params["upload_id"]
    row = await service.store.run(_upload_row, upload_id)
    if row is None:
        raise ProblemError(404, f"No upload {upload_id}.")
    limit = min(int(row["declared_size"] or service.upload_max_bytes), service.upload_max_bytes)
    length = _content_length(request, limit)
    if row["status"] != "pending":
        if length is not None and length != row["size_bytes"]:
            raise ProblemError(409, f"Upload {upload_id} already has its recording.")
        size, digest = await blobs.digest_of(request, limit)
        if (size, digest) != (row["size_bytes"], row["sha256"]):
            raise ProblemError(409, f"Upload {upload_id} already has its recording.")
        return _stored(digest)
    name, size, digest = await service.files.receive(request, upload_id, limit)
    stored = await service.store.run(_store_upload, upload_id, name, size, digest)
    if not stored:
        service.files.remove([name])
        raise ProblemError(409, f"Upload {upload_id} already has its recording.")
    return _stored(digest)


def _content_length(request: Request, limit: int) -> int | None:
    declared = request.headers.get("content-length")
    if declared is None:
        return None
    if not declared.isdigit() or len(declared) > 18:
        raise ProblemError(400, "Content-Length is not a number.")
    if int(declared) > limit:
        raise ProblemError(413, f"The upload exceeds {limit} bytes (the size declared for it).")
    return int(declared)


def _upload_row(db: sqlite3.Connection, upload_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(
        "SELECT status, declared_size, size_bytes, sha256 FROM uploads WHERE upload_id = ?",
        (upload_id,),
    ).fetchone()
    return row


def _store_upload(
    db: sqlite3.Connection, upload_id: str, name: str, size: int, digest: str
) -> bool:
    changed = db.execute(
        "UPDATE uploads SET file = ?, size_bytes = ?, sha256 = ?, status = 'uploaded'"
        " WHERE upload_id = ? AND status = 'pending'",
        (name, size, digest, upload_id),
    ).rowcount
    return bool(changed)


def _stored(digest: str) -> Response:
    return Response(status_code=200, headers={"ETag": f'"{digest[:32]}"'})


#: Served files are downloads: never sniffed, never rendered as a page, no Referer.
FILE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-store",
}
_EXTENSIONS = {"video/webm": "webm", "application/json": "json"}


async def get_artifact_file(
    service: ReferenceService, request: Request, params: dict[str, str]
) -> Response:
    """The bytes behind a presigned artifact URL, as an attachment."""
    query = request.query_params
    service.signer.check("GET", request.url.path, query.get("expires"), query.get("signature"))
    kind, ref = params["kind"], params["ref"]
    found = await service.store.run(_artifact, kind, ref)
    if found is None:
        raise ProblemError(404, "The artifact is gone.")
    content, content_type = found
    filename = f"{ref}-{kind}.{_EXTENSIONS.get(content_type, 'bin')}"
    if isinstance(content, bytes):
        disposition = f'attachment; filename="{filename}"'
        headers = {**FILE_HEADERS, "Content-Disposition": disposition}
        return Response(content, status_code=200, media_type=content_type, headers=headers)
    file = service.files.path(content)
    if not file.is_file():
        raise ProblemError(404, "The artifact is gone.")
    return FileResponse(file, media_type=content_type, filename=filename, headers=FILE_HEADERS)


def _artifact(db: sqlite3.Connection, kind: str, ref: str) -> tuple[bytes | str, str] | None:
    """(bytes, or the name of the file holding them; content type), or None."""
    if kind == "session_video":
        row = db.execute(
            "SELECT file, content_type FROM uploads WHERE upload_id = ? AND status = 'confirmed'",
            (ref,),
        ).fetchone()
        return None if row is None or not row["file"] else (row["file"], row["content_type"])
    if kind == "transcript":
        return transcript_bytes(db, ref), "application/json"
    return None


_SCRIPT = """
const q = new URLSearchParams(location.search);
const token = q.get("token") || "";
history.replaceState(null, "", location.pathname);
const path = document.body.dataset.sessionPath;
const ws = new WebSocket(location.origin.replace(/^http/, "ws") + path +
  "?token=" + encodeURIComponent(token));
const log = (who, text) => { const li = document.createElement("li");
  li.textContent = who + ": " + text; document.getElementById("log").append(li); };
ws.onmessage = (e) => { const m = JSON.parse(e.data);
  log(m.speaker || m.type, m.text || m.message || m.status || ""); };
ws.onclose = (e) => log("closed", e.code);
document.getElementById("f").onsubmit = (e) => { e.preventDefault();
  const t = document.getElementById("t"); log("you", t.value);
  ws.send(JSON.stringify({type: "turn", text: t.value})); t.value = ""; };
document.getElementById("end").onclick = () => ws.send(JSON.stringify({type: "end"}));
"""
#: The page runs this one script and nothing else: the CSP allows it by its hash.
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Roleplay {session_id}</title></head>
<body data-session-path="/api/v1/roleplays/session/{session_id}">
<h1>Roleplay practice</h1>
<p>Session <code>{session_id}</code>. Open with <code>?token=YOUR_TOKEN</code>.</p>
<ol id="log"></ol>
<form id="f"><input id="t" size="80" autofocus> <button>Say</button>
<button type="button" id="end">End</button></form>
<script>{script}</script>
</body></html>
"""


def page_headers(ws_origin: str) -> dict[str, str]:
    """The page's URL carries a token: no Referer, no caching, no framing, only its script."""
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; script-src 'sha256-{_SCRIPT_HASH}'; "
            f"connect-src 'self' {ws_origin}; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        ),
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Frame-Options": "DENY",
    }


async def frontend_page(
    service: ReferenceService, request: Request, params: dict[str, str]
) -> Response:
    """A minimal page that opens the live-practice WebSocket (what frontend_url points at)."""
    page = _PAGE.format(session_id=html.escape(params["session_id"]), script=_SCRIPT)
    ws_origin = "ws" + base_url(service, request).removeprefix("http")
    return Response(page, media_type="text/html; charset=utf-8", headers=page_headers(ws_origin))


ROUTES = [
    ExtraRoute("PUT", re.compile(rf"^/_uploads/(?P<upload_id>{_ID})$"), put_upload),
    ExtraRoute(
        "GET",
        re.compile(rf"^/_artifacts/(?P<kind>[a-z_]{{1,32}})/(?P<ref>{_ID})$"),
        get_artifact_file,
        cors=False,
    ),
    ExtraRoute("GET", re.compile(rf"^/roleplay/(?P<session_id>{_ID})$"), frontend_page, cors=False),
]
