"""Routes outside the spec that presigned URLs and frontend_url point at.

They take no bearer token: the signature in the URL is the authorization.
"""

from __future__ import annotations

import hashlib
import html
import re
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from ._dispatch import ExtraRoute
from ._handlers import transcript_bytes
from ._http import media_type, read_body
from ._problems import ProblemError

if TYPE_CHECKING:
    from ._service import ReferenceService

_ID = r"[A-Za-z0-9_-]{1,64}"


async def put_upload(
    service: ReferenceService, request: Request, params: dict[str, str]
) -> Response:
    """PUT the recording: video/webm only, at most upload_max_bytes, before the URL expires."""
    path = request.url.path
    query = request.query_params
    service.signer.check("PUT", path, query.get("expires"), query.get("signature"))
    if media_type(request) != "video/webm":
        raise ProblemError(415, "Upload video/webm.", kind="unsupported-media-type")
    upload_id = params["upload_id"]
    with service.store.transaction() as db:
        row = db.execute("SELECT status FROM uploads WHERE upload_id = ?", (upload_id,)).fetchone()
    if row is None:
        raise ProblemError(404, f"No upload {upload_id}.")
    if row["status"] == "confirmed":
        raise ProblemError(409, f"Upload {upload_id} is already confirmed.")
    data = await read_body(request, service.upload_max_bytes)
    if not data:
        raise ProblemError(400, "The upload is empty.")
    with service.store.transaction() as db:
        changed = db.execute(
            "UPDATE uploads SET data = ?, size_bytes = ?, status = 'uploaded'"
            " WHERE upload_id = ? AND status != 'confirmed'",
            (data, len(data), upload_id),
        ).rowcount
    if not changed:
        raise ProblemError(409, f"Upload {upload_id} is already confirmed.")
    etag = hashlib.sha256(data).hexdigest()[:32]
    return Response(status_code=200, headers={"ETag": f'"{etag}"'})


async def get_artifact_file(
    service: ReferenceService, request: Request, params: dict[str, str]
) -> Response:
    """The bytes behind a presigned artifact URL."""
    query = request.query_params
    service.signer.check("GET", request.url.path, query.get("expires"), query.get("signature"))
    kind, ref = params["kind"], params["ref"]
    with service.store.transaction() as db:
        if kind == "session_video":
            row = db.execute(
                "SELECT data, content_type FROM uploads"
                " WHERE upload_id = ? AND status = 'confirmed'",
                (ref,),
            ).fetchone()
            if row is None:
                raise ProblemError(404, "The artifact is gone.")
            data, content_type = bytes(row["data"]), str(row["content_type"])
        elif kind == "transcript":
            data, content_type = transcript_bytes(db, ref), "application/json"
        else:
            raise ProblemError(404, "No such artifact.")
    return Response(data, status_code=200, media_type=content_type)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Roleplay {session_id}</title></head>
<body>
<h1>Roleplay practice</h1>
<p>Session <code>{session_id}</code>. Open with <code>?token=YOUR_TOKEN</code>.</p>
<ol id="log"></ol>
<form id="f"><input id="t" size="80" autofocus> <button>Say</button>
<button type="button" id="end">End</button></form>
<script>
const q = new URLSearchParams(location.search);
const ws = new WebSocket(location.origin.replace(/^http/, "ws") +
  "/api/v1/roleplays/session/{session_id}?token=" + encodeURIComponent(q.get("token") || ""));
const log = (who, text) => {{ const li = document.createElement("li");
  li.textContent = who + ": " + text; document.getElementById("log").append(li); }};
ws.onmessage = (e) => {{ const m = JSON.parse(e.data);
  log(m.speaker || m.type, m.text || m.status || ""); }};
ws.onclose = (e) => log("closed", e.code);
document.getElementById("f").onsubmit = (e) => {{ e.preventDefault();
  const t = document.getElementById("t"); log("you", t.value);
  ws.send(JSON.stringify({{type: "turn", text: t.value}})); t.value = ""; }};
document.getElementById("end").onclick = () => ws.send(JSON.stringify({{type: "end"}}));
</script>
</body></html>
"""


async def frontend_page(
    service: ReferenceService, request: Request, params: dict[str, str]
) -> Response:
    """A minimal page that opens the live-practice WebSocket (what frontend_url points at)."""
    page = _PAGE.format(session_id=html.escape(params["session_id"]))
    return Response(page, media_type="text/html; charset=utf-8")


ROUTES = [
    ExtraRoute("PUT", re.compile(rf"^/_uploads/(?P<upload_id>{_ID})$"), put_upload),
    ExtraRoute(
        "GET",
        re.compile(rf"^/_artifacts/(?P<kind>[a-z_]{{1,32}})/(?P<ref>{_ID})$"),
        get_artifact_file,
    ),
    ExtraRoute("GET", re.compile(rf"^/roleplay/(?P<session_id>{_ID})$"), frontend_page),
]
