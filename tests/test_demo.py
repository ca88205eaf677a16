"""`roleplay demo` (what `make demo` runs): a real rehearsal, end to end.

One test runs the demo as `make demo | grep` would (its own process, stdout a pipe) and reads
what a person sees; the other runs the rehearsal against a service the test holds, to check
that the turns really went over the WebSocket and the review was derived from them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from roleplay_cli import _demo
from roleplay_cli._live import Turn

reference = pytest.importorskip("roleplay_reference")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo_output() -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLEPLAY_")}
    done = subprocess.run(
        [sys.executable, "-m", "roleplay_cli", "demo"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "COLUMNS": "80"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stderr == ""  # no progress noise when stderr is not a terminal
    return done.stdout


@pytest.fixture()
def rehearsal() -> Iterator[tuple[Any, _demo.Outcome, _demo.Report]]:
    with reference.BackgroundServer() as server:
        report = _demo.Report()
        outcome = _demo.rehearse(server.base_url, report, _demo.Progress(total=10))
        yield server, outcome, report


def test_the_demo_passes_and_ends_with_the_conformance_summary(demo_output: str) -> None:
    lines = demo_output.splitlines()
    assert lines[-1].endswith(" passed, 0 failed")
    assert any(line.startswith("conformance: coverage of previewRoleplay") for line in lines)
    assert "FAILED" not in demo_output


def test_interview_appears_only_in_the_route_away_line(demo_output: str) -> None:
    # `make demo | grep -i interview` shows only the route-away line.
    found = [line for line in demo_output.splitlines() if "interview" in line.lower()]
    assert len(found) == 1
    assert found[0].strip().startswith("rule, routing:")
    assert "agent=interview, operation=None" in found[0]


def test_the_demo_is_a_salary_talk_with_a_manager_at_15_minutes(demo_output: str) -> None:
    assert "Counterpart: Your manager" in demo_output
    assert "Likely objections: The budget is frozen this year" in demo_output
    assert "Persona emma, 15 minutes, custom" in demo_output
    assert "duration_minutes=15 (the service takes 5, 15 or 30 minutes; 10 is never sent)" in (
        demo_output
    )
    assert "duration_minutes=10" not in demo_output
    assert "Overall score: 0/100" not in demo_output and "No turns were recorded" not in demo_output


def test_the_demo_prints_every_scripted_turn_and_each_answer(demo_output: str) -> None:
    said = [
        line.split(None, 1)[1] for line in demo_output.splitlines() if line.startswith("   you ")
    ]
    assert said == list(_demo.TURNS)


def test_the_artifact_url_is_one_unbroken_line(demo_output: str) -> None:
    lines = demo_output.splitlines()
    at = next(
        i for i, line in enumerate(lines) if line.strip().startswith("session_video (expires")
    )
    url = lines[at + 1]
    assert url.startswith("http://127.0.0.1:") and "signature=" in url
    assert len(url.rsplit("signature=", 1)[1]) == 64  # the whole signature, on this line


def test_turns_go_over_the_websocket_and_the_review_is_derived_from_them(
    rehearsal: tuple[Any, _demo.Outcome, _demo.Report],
) -> None:
    server, outcome, report = rehearsal
    assert [row[1] for row in report.rows] == ["ok"] * len(report.rows), report.rows
    sid = outcome.session_id
    assert sid is not None
    # What the service recorded is exactly what was said and answered on the socket.
    recorded = [Turn(t["speaker"], t["text"]) for t in server.service.session_turns(sid)]
    assert recorded == outcome.transcript
    assert [t.text for t in recorded if t.speaker == "person"] == list(_demo.TURNS)
    assert all(t.text for t in recorded if t.speaker == "counterpart")
    # The counterpart asked the question the person put in the edited outline.
    assert _demo.OPENING_QUESTION in recorded[1].text
    # Ending on the socket completed the session; the review quotes and counts what was said.
    review = outcome.review
    assert review.status == "completed" and review.scores is not None
    assert review.feedback.summary.startswith(f"{len(_demo.TURNS)} turns recorded")
    originals = [item.original for item in review.feedback.better_phrasing]
    assert originals and set(originals) <= set(_demo.TURNS)
    assert any("maybe" in original for original in originals)
    assert review.scores.overall > 0


def test_the_upload_is_webm_and_the_artifact_serves_it(
    rehearsal: tuple[Any, _demo.Outcome, _demo.Report],
) -> None:
    server, outcome, _ = rehearsal
    from roleplay_sdk import RoleplayClient

    with RoleplayClient(
        base_url=server.base_url, api_token=_demo.MEMBER, user_id=_demo.USER
    ) as client:
        link = client.artifact_url(outcome.session_id)
    body = httpx.get(link.url).content
    assert body == _demo.demo_recording()
    assert (
        body.startswith(b"\x1a\x45\xdf\xa3") and b"\x42\x82" in body[:100] and b"webm" in body[:100]
    )
