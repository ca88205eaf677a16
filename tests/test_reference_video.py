"""Video: signed, expiring upload and download URLs on the service itself."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from _fakes import FakeClock

from roleplay_reference import ReferenceService
from roleplay_reference.testing import checked_client, sync_http_client

MEMBER = "dev-member-token"
BODY = {
    "user_id": "user_123",
    "persona_id": "emma",
    "duration_minutes": 5,
    "roleplay_type": "sales",
    "brief": "Demo the product to a head of operations.",
}
WEBM = b"\x1a\x45\xdf\xa3" + b"webm-bytes" * 100


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(clock: FakeClock) -> ReferenceService:
    return ReferenceService(upload_max_bytes=4096, clock=clock)


@pytest.fixture
def client(service: ReferenceService):
    return checked_client(service, MEMBER)


@pytest.fixture
def anonymous(service: ReferenceService):
    """No Authorization header: presigned URLs must work without one."""
    return sync_http_client(service)


@pytest.fixture
def session_id(client) -> str:
    return str(client.post("/api/v1/roleplays/configure", json=BODY).json()["session_id"])


def upload_target(client, session_id: str, body: object = None) -> dict:
    response = client.post(f"/api/v1/sessions/{session_id}/video/upload-url", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_the_upload_url_is_signed_expiring_and_on_the_service(
    client, session_id: str, clock
) -> None:
    target = upload_target(client, session_id, {"content_type": "video/webm", "size_bytes": 1000})
    url = urlsplit(target["upload_url"])
    assert (url.scheme, url.netloc, url.path) == (
        "http",
        "localhost",
        f"/_uploads/{target['upload_id']}",
    )
    query = parse_qs(url.query)
    assert int(query["expires"][0]) == int(clock.now) + 900
    assert len(query["signature"][0]) == 64
    assert target["method"] == "PUT"
    assert target["upload_headers"] == {"Content-Type": "video/webm"}
    assert target["content_type"] == "video/webm"
    assert target["max_size_bytes"] == 1000  # the declared size caps this upload
    assert target["expires_at"] == "2027-01-15T08:15:00Z"


def test_the_body_of_upload_url_is_optional(client, session_id: str) -> None:
    response = client.post(f"/api/v1/sessions/{session_id}/video/upload-url")
    assert response.status_code == 201


def test_drafts_have_no_recording(client) -> None:
    draft = client.post("/api/v1/roleplays/configure/preview", json=BODY).json()
    response = client.post(f"/api/v1/sessions/{draft['session_id']}/video/upload-url")
    assert response.status_code == 409


def test_upload_confirm_and_download_the_video(client, anonymous, session_id: str, service) -> None:
    target = upload_target(client, session_id)
    put = anonymous.put(target["upload_url"], content=WEBM, headers=target["upload_headers"])
    assert put.status_code == 200
    assert put.headers["etag"]
    confirm = client.post(
        f"/api/v1/sessions/{session_id}/video/uploaded", json={"upload_id": target["upload_id"]}
    )
    assert confirm.status_code == 202
    assert confirm.json() == {
        "session_id": session_id,
        "upload_id": target["upload_id"],
        "artifact_type": "session_video",
        "analysis_status": "processing",
    }
    again = client.post(
        f"/api/v1/sessions/{session_id}/video/uploaded", json={"upload_id": target["upload_id"]}
    )
    assert (again.status_code, again.json()) == (202, confirm.json())

    artifact = client.get(f"/api/v1/artifacts/{session_id}/session_video")
    assert artifact.status_code == 200
    download = artifact.json()
    assert download["content_type"] == "video/webm"
    assert download["size_bytes"] == len(WEBM)
    assert download["url"].startswith("http://localhost/_artifacts/session_video/")
    got = anonymous.get(download["url"])
    assert (got.status_code, got.content, got.headers["content-type"]) == (200, WEBM, "video/webm")
    assert service.count_uploads(status="confirmed") == 1


def test_artifacts_without_a_video_are_404(client, session_id: str) -> None:
    assert client.get(f"/api/v1/artifacts/{session_id}/session_video").status_code == 404
    upload_target(client, session_id)  # asked for a URL, never uploaded
    assert client.get(f"/api/v1/artifacts/{session_id}/session_video").status_code == 404
    assert client.get(f"/api/v1/artifacts/{session_id}/session_audio").status_code == 404
    assert client.get(f"/api/v1/artifacts/{session_id}/transcript").status_code == 404


def test_the_transcript_artifact_serves_the_recorded_turns(
    client, anonymous, session_id, service
) -> None:
    service.complete_session(session_id, turns=["We cut onboarding from 6 weeks to 2."])
    artifact = client.get(f"/api/v1/artifacts/{session_id}/transcript").json()
    assert artifact["content_type"] == "application/json"
    document = anonymous.get(artifact["url"]).json()
    assert document["session_id"] == session_id
    assert [t["speaker"] for t in document["turns"]] == ["person", "counterpart"]
    assert artifact["size_bytes"] == len(json.dumps(document, ensure_ascii=False).encode())


def test_confirming_before_anything_was_uploaded_is_409(client, session_id: str) -> None:
    target = upload_target(client, session_id)
    response = client.post(
        f"/api/v1/sessions/{session_id}/video/uploaded", json={"upload_id": target["upload_id"]}
    )
    assert response.status_code == 409


def test_confirming_an_unknown_upload_or_another_sessions_upload_is_404(client, session_id) -> None:
    other = str(client.post("/api/v1/roleplays/configure", json=BODY).json()["session_id"])
    target = upload_target(client, other)
    for upload_id in ("upl_unknown", target["upload_id"]):
        response = client.post(
            f"/api/v1/sessions/{session_id}/video/uploaded", json={"upload_id": upload_id}
        )
        assert response.status_code == 404


def tamper(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | changes
    query = {k: v for k, v in query.items() if v}
    return parts._replace(query="&".join(f"{k}={v}" for k, v in query.items())).geturl()


@pytest.mark.parametrize(
    "change",
    [
        {"signature": "0" * 64},
        {"signature": ""},
        {"expires": "9999999999"},
        {"expires": ""},
        {"signature": "é"},
    ],
    ids=["forged-signature", "no-signature", "extended-expiry", "no-expiry", "non-ascii"],
)
def test_a_tampered_upload_url_is_403(client, anonymous, session_id: str, change) -> None:
    target = upload_target(client, session_id)
    response = anonymous.put(
        tamper(target["upload_url"], **change), content=WEBM, headers=target["upload_headers"]
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_an_upload_url_for_another_upload_is_403(client, anonymous, session_id: str) -> None:
    first, second = upload_target(client, session_id), upload_target(client, session_id)
    swapped = second["upload_url"].replace(second["upload_id"], first["upload_id"])
    assert anonymous.put(swapped, content=WEBM, headers=first["upload_headers"]).status_code == 403


def test_an_expired_upload_url_is_403(client, anonymous, session_id: str, clock) -> None:
    target = upload_target(client, session_id)
    clock.now += 901
    response = anonymous.put(target["upload_url"], content=WEBM, headers=target["upload_headers"])
    assert response.status_code == 403
    assert response.json()["detail"] == "The URL has expired."


@pytest.mark.parametrize("content_type", ["video/mp4", "application/octet-stream", None])
def test_only_webm_is_accepted(client, anonymous, session_id: str, content_type) -> None:
    target = upload_target(client, session_id)
    headers = {"Content-Type": content_type} if content_type else {}
    assert anonymous.put(target["upload_url"], content=WEBM, headers=headers).status_code == 415


def test_uploads_over_the_stated_size_are_413(client, anonymous, session_id: str) -> None:
    target = upload_target(client, session_id)
    too_big = b"x" * (target["max_size_bytes"] + 1)
    response = anonymous.put(
        target["upload_url"], content=too_big, headers=target["upload_headers"]
    )
    assert response.status_code == 413
    exact = WEBM[:4] + b"x" * (target["max_size_bytes"] - 4)
    assert (
        anonymous.put(
            target["upload_url"], content=exact, headers=target["upload_headers"]
        ).status_code
        == 200
    )


def test_an_empty_upload_is_400(client, anonymous, session_id: str) -> None:
    target = upload_target(client, session_id)
    assert (
        anonymous.put(
            target["upload_url"], content=b"", headers=target["upload_headers"]
        ).status_code
        == 400
    )


def test_a_confirmed_upload_cannot_be_overwritten(client, anonymous, session_id: str) -> None:
    target = upload_target(client, session_id)
    anonymous.put(target["upload_url"], content=WEBM, headers=target["upload_headers"])
    client.post(
        f"/api/v1/sessions/{session_id}/video/uploaded", json={"upload_id": target["upload_id"]}
    )
    again = anonymous.put(target["upload_url"], content=b"other", headers=target["upload_headers"])
    assert again.status_code == 409


def test_a_tampered_or_expired_download_url_is_403(
    client, anonymous, session_id: str, clock
) -> None:
    target = upload_target(client, session_id)
    anonymous.put(target["upload_url"], content=WEBM, headers=target["upload_headers"])
    client.post(
        f"/api/v1/sessions/{session_id}/video/uploaded", json={"upload_id": target["upload_id"]}
    )
    url = client.get(f"/api/v1/artifacts/{session_id}/session_video").json()["url"]
    assert anonymous.get(tamper(url, signature="f" * 64)).status_code == 403
    assert anonymous.get(url.replace("session_video", "transcript", 1)).status_code == 403
    clock.now += 901
    assert anonymous.get(url).status_code == 403


def test_signed_urls_survive_a_restart_on_the_same_file(tmp_path) -> None:
    db = str(tmp_path / "video.db")
    first = ReferenceService(db_path=db)
    session_id = (
        checked_client(first, MEMBER)
        .post("/api/v1/roleplays/configure", json=BODY)
        .json()["session_id"]
    )
    target = upload_target(checked_client(first, MEMBER), session_id)
    first.close()
    second = ReferenceService(db_path=db)
    response = sync_http_client(second).put(
        target["upload_url"], content=WEBM, headers=target["upload_headers"]
    )
    assert response.status_code == 200
    second.close()


def test_the_declared_size_caps_the_upload_up_front_and_while_streaming(
    client, anonymous, session_id: str, service
) -> None:
    target = upload_target(client, session_id, {"size_bytes": 100})
    assert target["max_size_bytes"] == 100
    headers = target["upload_headers"]
    told = anonymous.put(target["upload_url"], content=WEBM[:101], headers=headers)
    assert told.status_code == 413  # Content-Length says so: refused before any byte is read

    def chunks():  # no Content-Length: counted while streaming
        yield WEBM[:60]
        yield WEBM[60:120]

    streamed = anonymous.put(target["upload_url"], content=chunks(), headers=headers)
    assert streamed.status_code == 413
    assert service.count_upload_files() == 0, "a refused upload leaves no file"
    assert (
        anonymous.put(target["upload_url"], content=WEBM[:100], headers=headers).status_code == 200
    )


def test_a_size_over_the_service_limit_gets_the_smaller_limit(client, session_id: str) -> None:
    target = upload_target(client, session_id, {"size_bytes": 10**9})
    assert target["max_size_bytes"] == 4096


def test_a_body_that_is_not_webm_is_415_whatever_its_label(
    client, anonymous, session_id: str, service
) -> None:
    target = upload_target(client, session_id)
    for body in (b"<html><script>alert(1)</script></html>", b"\x1a\x45", b"RIFF....WEBP"):
        response = anonymous.put(
            target["upload_url"], content=body, headers=target["upload_headers"]
        )
        assert response.status_code == 415, body
        assert response.json()["type"].endswith("/not-webm")
    assert service.count_upload_files() == 0


def test_an_upload_url_takes_one_recording_and_a_retry_of_it(
    client, anonymous, session_id: str, service
) -> None:
    target = upload_target(client, session_id)
    headers = target["upload_headers"]
    first = anonymous.put(target["upload_url"], content=WEBM, headers=headers)
    retry = anonymous.put(target["upload_url"], content=WEBM, headers=headers)
    assert (first.status_code, retry.status_code) == (200, 200)
    assert first.headers["etag"] == retry.headers["etag"]
    other = WEBM[:-1] + b"!"
    assert anonymous.put(target["upload_url"], content=other, headers=headers).status_code == 409
    shorter = WEBM[:-10]
    assert anonymous.put(target["upload_url"], content=shorter, headers=headers).status_code == 409
    assert service.count_upload_files() == 1, "a retry or a refused PUT stores nothing"
    confirm = {"upload_id": target["upload_id"]}
    client.post(f"/api/v1/sessions/{session_id}/video/uploaded", json=confirm)
    download = client.get(f"/api/v1/artifacts/{session_id}/session_video").json()
    assert anonymous.get(download["url"]).content == WEBM


def test_recordings_are_files_not_database_blobs(client, anonymous, session_id, service) -> None:
    target = upload_target(client, session_id)
    anonymous.put(target["upload_url"], content=WEBM, headers=target["upload_headers"])
    with service.store.transaction() as db:
        row = db.execute("SELECT data, file, size_bytes FROM uploads").fetchone()
    assert row["data"] is None and row["size_bytes"] == len(WEBM)
    assert (service.files.directory / row["file"]).read_bytes() == WEBM


def test_an_interrupted_upload_leaves_no_file_and_the_url_usable(
    client, anonymous, session_id: str, service
) -> None:
    import asyncio

    target = upload_target(client, session_id)
    url = urlsplit(target["upload_url"])
    messages = [
        {"type": "http.request", "body": WEBM[:50], "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[dict] = []

    async def receive() -> dict:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "PUT",
        "path": url.path,
        "raw_path": url.path.encode(),
        "query_string": url.query.encode(),
        "headers": [(b"content-type", b"video/webm"), (b"content-length", b"1000")],
        "client": ("127.0.0.1", 1),
        "server": ("localhost", 80),
        "scheme": "http",
    }
    asyncio.run(service.app(scope, receive, send))
    assert sent[0]["status"] == 400
    assert service.count_upload_files() == 0
    put = anonymous.put(target["upload_url"], content=WEBM, headers=target["upload_headers"])
    assert put.status_code == 200
