"""The served reference service (`python -m roleplay_reference serve`) under abuse: its log
never holds a token or a signature, bad WebSocket frames get an answer or a proper close
code (never a dropped connection or an ERROR traceback), and big uploads stream to disk."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from roleplay_reference import ServiceProcess

MEMBER, ADMIN = "dev-member-token", "dev-admin-token"
BEARER = {"Authorization": f"Bearer {MEMBER}"}
BODY = {
    "user_id": "user_123",
    "persona_id": "john",
    "duration_minutes": 5,
    "roleplay_type": "sales",
    "brief": "Handle a CFO's pricing objection on a renewal.",
}
WEBM = b"\x1a\x45\xdf\xa3" + os.urandom(2048)


def _close_code(ws: object) -> int | None:
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            ws.recv(timeout=10)  # type: ignore[attr-defined]
    received = closed.value.rcvd
    return received.code if received is not None else None


def _practise_badly(ws_url: str) -> list[dict[str, object]]:
    """Every kind of bad message on one socket, then a good turn; answers what came back."""
    answers = []
    nested = "[" * 1000 + "]" * 1000
    bad = [
        "not json",
        '{"type": "turn", "text": "\\ud800 dangling"}',
        nested,
        json.dumps({"type": "turn", "text": "x" * 20_000}),
        json.dumps({"type": "turn", "text": "a NUL \u0000 inside"}),
        json.dumps({"type": "turn", "text": "   "}),
        json.dumps({"type": "dance"}),
    ]
    with connect(f"{ws_url}?token={MEMBER}", max_size=None) as ws:
        for message in bad:
            ws.send(message)
            answers.append(json.loads(ws.recv(timeout=10)))
        ws.send(json.dumps({"type": "turn", "text": "We can do 10% if you sign today."}))
        answers.append(json.loads(ws.recv(timeout=10)))
    return answers


@pytest.mark.parametrize("level", ["debug", "trace"])
def test_at_any_level_the_log_holds_no_token_and_no_signature(tmp_path: Path, level: str) -> None:
    log_file = tmp_path / "service.log"
    with ServiceProcess(log_level=level, log_file=log_file, auth_failure_limit=30) as service:
        http = httpx.Client(base_url=service.base_url, timeout=30)
        session = http.post("/api/v1/roleplays/configure", json=BODY, headers=BEARER).json()
        sid = session["session_id"]
        page = http.get(f"{session['frontend_url']}?token={MEMBER}")
        assert page.status_code == 200
        answers = _practise_badly(session["websocket_url"])
        assert [a["type"] for a in answers] == ["error"] * 7 + ["turn"]
        assert "NUL" in str(answers[4]["message"]) or "\\x00" in str(answers[4]["message"])
        with connect(f"{session['websocket_url']}?token={MEMBER}", max_size=None) as ws:
            ws.send("x" * (100 * 1024))  # past the 64 KiB frame limit
            assert _close_code(ws) == 1009
        with connect(f"{session['websocket_url']}?token={MEMBER}") as ws:
            ws.send(b"\xed\xa0\x80 not UTF-8", text=True)
            assert _close_code(ws) == 1007
        with connect(f"{session['websocket_url']}?token=wrong-{ADMIN}") as ws:
            assert _close_code(ws) == 4401
        with connect(session["websocket_url"], additional_headers=BEARER) as ws:
            ws.send(json.dumps({"type": "end"}))
            assert json.loads(ws.recv(timeout=10))["status"] == "completed"
        turns = http.get(f"/_control/sessions/{sid}/turns").json()["turns"]
        assert [t["speaker"] for t in turns] == ["person", "counterpart"], "bad turns recorded"
        assert "\u0000" not in json.dumps(turns)

        target = http.post(
            f"/api/v1/sessions/{sid}/video/upload-url",
            json={"size_bytes": len(WEBM)},
            headers=BEARER,
        ).json()
        put = httpx.put(target["upload_url"], content=WEBM, headers=target["upload_headers"])
        assert put.status_code == 200
        http.post(
            f"/api/v1/sessions/{sid}/video/uploaded",
            json={"upload_id": target["upload_id"]},
            headers=BEARER,
        )
        artifact = http.get(f"/api/v1/artifacts/{sid}/session_video", headers=BEARER).json()
        assert httpx.get(artifact["url"]).content == WEBM
        http.get("/api/v1/roleplays/leaderboard", headers={"Authorization": "Bearer guessed-1"})
        http.close()
    log = log_file.read_text(encoding="utf-8", errors="replace")
    signatures = [
        parse_qs(urlsplit(url).query)["signature"][0]
        for url in (target["upload_url"], artifact["url"])
    ]
    assert "/_uploads/" in log and "WebSocket" in log and "/roleplay/" in log, log[-2000:]
    for secret in [MEMBER, ADMIN, "guessed-1", *signatures]:
        assert secret not in log, f"{secret[:12]}... is in the {level} log"
    assert not re.search(r"(?i)(token|signature)=(?!\[redacted\])[^&\s\"']", log)
    assert "Traceback" not in log and " ERROR " not in log.upper().replace("ERROR:", " ERROR ")


def _rss_peak_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]


#: The browsers: 8 concurrent PUTs of `size` bytes each, in a process of their own, so the
#: review latency measured here is the service's, not this process's sending.
UPLOADER = """
import asyncio, json, sys
import httpx

targets, size = json.load(sys.stdin)
chunk = b"\\x1a\\x45\\xdf\\xa3" + b"\\x00" * (1024 * 1024 - 4)

async def body():
    for _ in range(size // len(chunk)):
        yield chunk

async def upload(target):
    headers = {**target["upload_headers"], "Content-Length": str(size)}
    async with httpx.AsyncClient(timeout=120) as browser:
        response = await browser.put(target["upload_url"], content=body(), headers=headers)
    return response.status_code

async def main():
    print(json.dumps(await asyncio.gather(*(upload(t) for t in targets))))

asyncio.run(main())
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_eight_concurrent_maximum_uploads_stream_to_disk_and_reviews_stay_fast() -> None:
    """8 x the 50 MiB maximum at once: peak memory grows < 150 MB, reviews keep answering."""
    size = 50 * 1024 * 1024
    with ServiceProcess() as service:
        assert service.pid is not None
        http = httpx.Client(base_url=service.base_url, headers=BEARER, timeout=60)
        sid = http.post("/api/v1/roleplays/configure", json=BODY).json()["session_id"]
        review = f"/api/v1/roleplays/review/{sid}"
        asking = {"size_bytes": size}
        targets = [
            http.post(f"/api/v1/sessions/{sid}/video/upload-url", json=asking).json()
            for _ in range(8)
        ]
        http.get(review)
        before = _rss_peak_kib(service.pid)
        started = time.perf_counter()
        uploader = subprocess.Popen(
            [sys.executable, "-c", UPLOADER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert uploader.stdin is not None
        uploader.stdin.write(json.dumps([targets, size]))
        uploader.stdin.close()
        latencies: list[float] = []
        while uploader.poll() is None:
            asked = time.perf_counter()
            assert http.get(review).status_code == 200
            latencies.append(time.perf_counter() - asked)
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        assert uploader.stdout is not None
        statuses = json.loads(uploader.stdout.read())
        growth_mb = (_rss_peak_kib(service.pid) - before) * 1024 / 1e6
        stored = sum(f.stat().st_size for f in Path(f"{service.db_path}.uploads").iterdir())
        http.close()
    print(
        f"\n8 x 50 MiB uploads in {elapsed:.1f} s; service peak RSS +{growth_mb:.0f} MB; "
        f"review latency during them: median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p90 {statistics.quantiles(latencies, n=10)[-1] * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms over {len(latencies)} reviews"
    )
    assert statuses == [200] * 8
    assert stored == 8 * size, "every upload is on disk, whole"
    assert growth_mb < 150
    assert max(latencies) < 2.0  # generous: the event loop never waits on the uploads
