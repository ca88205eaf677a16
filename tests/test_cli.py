"""The `roleplay` CLI against a reference service on a loopback port."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roleplay_cli._app import app

reference = pytest.importorskip("roleplay_reference")

MEMBER = "dev-member-token"
ADMIN = "dev-admin-token"


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    with reference.BackgroundServer(enable_control=True) as running:
        yield running


@pytest.fixture()
def run(server: Any) -> Any:
    runner = CliRunner()

    def invoke(*args: str, token: str = MEMBER, as_json: bool = False) -> Any:
        head = ["--base-url", server.base_url, "--api-token", token, "--user-id", "user_123"]
        if token == ADMIN:
            head[-1] = "admin_1"
        if as_json:
            head.append("--json")
        return runner.invoke(app, [*head, *args])

    return invoke


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _draft(run: Any) -> str:
    data = _json(run("preview", "--brief", "Mock interview for a PM role", as_json=True))
    assert data["status"] == "draft"
    assert isinstance(data["extra"], dict)
    return str(data["session_id"])


def test_preview_readable_and_token_never_printed(run: Any) -> None:
    result = run("preview", "--brief", "Negotiate a raise with my manager", "--duration", "10")
    assert result.exit_code == 0, result.output
    assert "Session rps_" in result.stdout and "Roleplay" in result.stdout
    assert MEMBER not in result.output


def test_full_session_flow(run: Any, server: Any, tmp_path: Path) -> None:
    sid = _draft(run)
    edited = _json(run("questions", sid, "Why PM?", "A failed launch?", as_json=True))
    assert [p for p in edited["prompt_outline"]][:2] == ["Why PM?", "A failed launch?"]
    approved = _json(run("approve", sid, as_json=True))
    assert approved["status"] == "active"
    assert _json(run("review", sid, as_json=True))["status"] == "pending"
    server.service.complete_session(sid, turns=["I am looking for 170k base."])
    readable = run("review", sid)
    assert readable.exit_code == 0 and "Overall score" in readable.stdout
    board = _json(run("leaderboard", "--limit", "5", as_json=True))
    assert sid in [entry["session_id"] for entry in board["entries"]]
    video = tmp_path / "practice.webm"
    video.write_bytes(b"\x1a\x45\xdf\xa3" * 100)
    upload = _json(run("upload-video", sid, str(video), as_json=True))
    assert upload["session_id"] == sid
    link = _json(run("artifact", sid, as_json=True))
    assert link["url"].startswith("http")


def test_start_returns_active_session(run: Any) -> None:
    data = _json(run("start", "--brief", "Cold call a procurement lead", as_json=True))
    assert data["status"] == "active" and data["websocket_url"]


def test_assignments_and_results(run: Any) -> None:
    created = _json(
        run(
            "assignments",
            "create",
            "ana@growqr.ai",
            "ben@growqr.ai",
            "--title",
            "Q3 pitch",
            "--brief",
            "Pitch to a CFO",
            token=ADMIN,
            as_json=True,
        )
    )
    ids = [a["assignment_id"] for a in created["assignments"]]
    assert len(ids) == 2
    listed = _json(
        run("assignments", "list", "--email", "ana@growqr.ai", token=ADMIN, as_json=True)
    )
    assert ids[0] in [a["assignment_id"] for a in listed] or ids[1] in [
        a["assignment_id"] for a in listed
    ]
    results = _json(run("results", *ids, "asg_missing", token=ADMIN, as_json=True))
    assert results["missing"] == ["asg_missing"]
    table = run("results", *ids, token=ADMIN)
    assert table.exit_code == 0 and ids[0] in table.stdout
    gone = _json(run("assignments", "unassign", ids[0], token=ADMIN, as_json=True))
    assert [a["assignment_id"] for a in gone["assignments"]] == [ids[0]]


def test_member_cannot_create_assignments_exit_1(run: Any) -> None:
    result = run("assignments", "create", "a@growqr.ai", "--title", "T", "--brief", "B")
    assert result.exit_code == 1
    assert "error:" in result.stderr
    assert MEMBER not in result.output


def test_bad_input_exits_2(run: Any) -> None:
    assert run("preview", "--brief", "x", "--depth", "bottomless").exit_code == 2
    assert run("leaderboard", "--limit", "1000").exit_code == 2
    assert run("preview").exit_code == 2  # usage error: --brief missing


def test_unknown_session_exits_1(run: Any) -> None:
    result = run("review", "rps_doesnotexist")
    assert result.exit_code == 1 and "error:" in result.stderr


def test_bad_token_exits_1_without_printing_it(run: Any) -> None:
    result = run("leaderboard", token="secret-token-xyz")
    assert result.exit_code == 1
    assert "secret-token-xyz" not in result.output


def test_plan_offline() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--json", "plan", "mock interview for a PM role at Stripe"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    readable = runner.invoke(app, ["plan", "mock interview for a PM role at Stripe"])
    assert readable.exit_code == 0
    assert isinstance(data, dict) and data
    assert str(next(iter(sorted(data)))) in readable.stdout


def test_help_has_examples() -> None:
    runner = CliRunner()
    for args in ([], ["preview"], ["assignments", "create"], ["upload-video"], ["demo"]):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.stdout


def test_demo_succeeds() -> None:
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.stdout


def test_options_after_the_subcommand_are_hoisted() -> None:
    from roleplay_cli.__main__ import hoist_global_options

    argv = ["preview", "--brief", "B", "--base-url", "http://h", "--json", "--api-token=t"]
    assert hoist_global_options(argv) == [
        "--base-url",
        "http://h",
        "--json",
        "--api-token=t",
        "preview",
        "--brief",
        "B",
    ]
    assert hoist_global_options(["questions", "s", "--", "--json"]) == [
        "questions",
        "s",
        "--",
        "--json",
    ]


def test_demo_report_counts_failures() -> None:
    from roleplay_cli._demo import Report

    report = Report()
    assert report.step("fine", lambda: 3) == 3

    def broken() -> None:
        raise RuntimeError("boom")

    assert report.step("broken", broken) is None
    assert report.failed == 1
    assert report.rows[0] == ("fine", "ok", "3 cases")
    assert report.rows[1][:2] == ("broken", "FAILED") and "boom" in report.rows[1][2]
