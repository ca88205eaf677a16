"""The `roleplay` CLI against a reference service on a loopback port, as a shell user runs it."""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import SPEC
from typer.testing import CliRunner

import roleplay_sdk
from roleplay_cli import _app
from roleplay_cli._app import app
from roleplay_cli._errors import EXIT_CODES, documented, flag_for
from roleplay_sdk import plan

reference = pytest.importorskip("roleplay_reference")

MEMBER = "dev-member-token"
ADMIN = "dev-admin-token"
ROOT = Path(__file__).resolve().parent.parent
#: The CLI's own environment variables, cleared so the machine's settings never leak in.
CLEAN_ENV = dict.fromkeys(
    ("ROLEPLAY_BASE_URL", "ROLEPLAY_API_TOKEN", "ROLEPLAY_USER_ID", "ROLEPLAY_ORG_ID")
)
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 400


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    with reference.BackgroundServer(enable_control=True) as running:
        yield running


def _invoke(*args: str, env: dict[str, str | None] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env={**CLEAN_ENV, **(env or {})})


@pytest.fixture()
def run(server: Any) -> Any:
    def invoke(
        *args: str, token: str = MEMBER, as_json: bool = False, user: str | None = None
    ) -> Any:
        who = user or ("admin_1" if token == ADMIN else "user_123")
        head = ["--base-url", server.base_url, "--api-token", token, "--user-id", who]
        if as_json:
            head.append("--json")
        return _invoke(*head, *args)

    return invoke


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _error(result: Any) -> dict[str, Any]:
    """The --json error object: exactly one JSON object on stderr, nothing on stdout."""
    assert result.stdout == ""
    data = json.loads(result.stderr)
    assert isinstance(data, dict)
    assert {"type", "status", "request_id", "message"} <= set(data)
    return data


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def _draft(run: Any, brief: str = "Negotiate a raise with my manager") -> str:
    data = _json(run("preview", "--brief", brief, as_json=True))
    assert data["status"] == "draft"
    return str(data["session_id"])


def _active(run: Any, server: Any) -> str:
    sid = _draft(run)
    assert run("approve", sid).exit_code == 0
    server.service.complete_session(sid)
    return sid


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(
    *args: str, env: dict[str, str] | None = None, pipe: str = ""
) -> subprocess.CompletedProcess:
    """The CLI in its own process, stdout a pipe (not a terminal), optionally through `pipe`."""
    command = shlex.join([sys.executable, "-m", "roleplay_cli", *args]) + pipe
    clean = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    return subprocess.run(
        command,
        shell=True,
        capture_output=True,
        text=True,
        env={**clean, **(env or {}), "COLUMNS": "80"},
        cwd=ROOT,
        timeout=60,
        check=False,
    )


# --- the workflow -------------------------------------------------------------------------


def test_preview_readable_and_token_never_printed(run: Any) -> None:
    result = run("preview", "--brief", "Negotiate a raise with my manager", "--duration", "15")
    assert result.exit_code == 0, result.output
    assert "Session rps_" in result.stdout and "Counterpart: Your manager" in result.stdout
    assert result.stderr == ""
    assert MEMBER not in result.output


def test_full_session_flow(run: Any, server: Any, tmp_path: Path) -> None:
    sid = _draft(run)
    edited = _json(run("questions", sid, "Why now?", "What if I say no?", as_json=True))
    assert edited["prompt_outline"] == ["Why now?", "What if I say no?"]
    approved = _json(run("approve", sid, as_json=True))
    assert approved["status"] == "active" and approved["websocket_url"]
    assert _json(run("review", sid, as_json=True))["status"] == "pending"
    server.service.complete_session(sid, turns=["I am looking for 170k base."])
    readable = run("review", sid)
    assert readable.exit_code == 0 and f"Review of session {sid}" in readable.stdout
    board = _json(run("leaderboard", "--limit", "5", as_json=True))
    assert sid in [entry["session_id"] for entry in board["entries"]]
    video = tmp_path / "practice.webm"
    video.write_bytes(WEBM)
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
    assert {a["email"] for a in listed} == {"ana@growqr.ai"}
    assert set(ids) & {a["assignment_id"] for a in listed}
    results = _json(run("results", *ids, "asg_missing", token=ADMIN, as_json=True))
    assert results["missing"] == ["asg_missing"]
    table = run("results", *ids, token=ADMIN)
    assert table.exit_code == 0 and ids[0] in table.stdout
    gone = _json(run("assignments", "unassign", ids[0], token=ADMIN, as_json=True))
    assert [a["assignment_id"] for a in gone["assignments"]] == [ids[0]]
    unassigned = _json(
        run("assignments", "list", "--status", "unassigned", token=ADMIN, as_json=True)
    )
    assert ids[0] in [a["assignment_id"] for a in unassigned]
    assert {a["status"] for a in unassigned} == {"unassigned"}


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


# --- allowed values: listed in --help, named by the error, equal to the spec's ------------


def _enum(name: str) -> tuple[Any, ...]:
    return tuple(SPEC["components"]["schemas"][name]["enum"])


def test_the_allowed_values_are_the_specs() -> None:
    assert _enum("PersonaId") == roleplay_sdk.PERSONAS
    assert _enum("RoleplayType") == roleplay_sdk.ROLEPLAY_TYPES
    assert _enum("AssignmentStatus") == roleplay_sdk.ASSIGNMENT_STATUSES
    assert _enum("ArtifactType") == roleplay_sdk.ARTIFACT_TYPES
    assert _enum("DurationMinutes") == roleplay_sdk.DURATIONS
    # depth is the SDK's own: a name for the shortest and the longest session.
    assert [roleplay_sdk.snap_duration(None, d) for d in roleplay_sdk.DEPTHS] == [5, 30]


@pytest.mark.parametrize(
    ("command", "option", "values"),
    [
        (["preview"], "--depth", roleplay_sdk.DEPTHS),
        (["preview"], "--persona-id", roleplay_sdk.PERSONAS),
        (["start"], "--roleplay-type", roleplay_sdk.ROLEPLAY_TYPES),
        (["leaderboard"], "--roleplay-type", roleplay_sdk.ROLEPLAY_TYPES),
        (["assignments", "list"], "--status", roleplay_sdk.ASSIGNMENT_STATUSES),
        (["artifact"], "--type", roleplay_sdk.ARTIFACT_TYPES),
    ],
)
def test_help_lists_allowed_values_and_the_error_names_them(
    command: list[str], option: str, values: tuple[str, ...]
) -> None:
    shown = _invoke(*command, "--help")
    assert shown.exit_code == 0
    assert f"<{'|'.join(values)}>" in " ".join(shown.stdout.split())
    extra = ["--brief", "b"] if command[0] in {"preview", "start"} else []
    extra += ["rps_1"] if command == ["artifact"] else []
    wrong = _invoke("--api-token", "t", *command, *extra, option, "bottomless")
    assert wrong.exit_code == 2
    message = " ".join(wrong.stderr.split())
    assert f"Invalid value for '{option}': 'bottomless'" in message
    for value in values:
        assert f"'{value}'" in message
    assert "None" not in message


def test_depth_help_says_what_it_does() -> None:
    text = " ".join(_invoke("preview", "--help").stdout.split())
    assert "quick (a 5-minute drill) or deep (a 30-minute simulation)" in text
    assert "light" not in text and "standard" not in text


#: (the command before the option, the option, the SDK call that takes the same value)
LOOSE_OPTIONS: list[tuple[list[str], str, tuple[str, ...], Callable[[Any, str], Any]]] = [
    (
        ["preview", "--brief", "b"],
        "--roleplay-type",
        roleplay_sdk.ROLEPLAY_TYPES,
        lambda c, v: c.preview(brief="b", roleplay_type=v),
    ),
    (
        ["preview", "--brief", "b"],
        "--persona-id",
        roleplay_sdk.PERSONAS,
        lambda c, v: c.preview(brief="b", persona_id=v),
    ),
    (
        ["start", "--brief", "b"],
        "--depth",
        roleplay_sdk.DEPTHS,
        lambda c, v: c.start(brief="b", depth=v),
    ),
    (
        ["leaderboard"],
        "--roleplay-type",
        roleplay_sdk.ROLEPLAY_TYPES,
        lambda c, v: c.leaderboard(roleplay_type=v),
    ),
    (
        ["assignments", "list"],
        "--status",
        roleplay_sdk.ASSIGNMENT_STATUSES,
        lambda c, v: list(c.list_assignments(status=v)),
    ),
    (
        ["artifact", "rps_1"],
        "--type",
        roleplay_sdk.ARTIFACT_TYPES,
        lambda c, v: c.artifact_url("rps_1", v),
    ),
]


def _spellings(value: str) -> list[str]:
    """How a person may type `value`, and near misses (both the SDK and the CLI refuse those)."""
    words = value.split("_")
    return [
        value.upper(),
        " ".join(word.capitalize() for word in words),
        "-".join(words),
        "-".join(words).title(),
        f" {value} ",
        "".join(words) + "x",
        "__".join(words) + "_",
    ]


class _Recorder:
    """A transport that records what reaches it and answers 404 (nothing to parse)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, list[tuple[str, str]], Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        self.sent.append(
            (request.method, request.url.path, sorted(request.url.params.multi_items()), body)
        )
        return httpx.Response(
            404,
            json={"type": "about:blank", "title": "Not Found", "status": 404},
            headers={"Content-Type": "application/problem+json"},
        )


def _client(recorder: _Recorder, **options: Any) -> roleplay_sdk.RoleplayClient:
    options.update(base_url="https://api.example.test", api_token="t", user_id="user_123")
    return roleplay_sdk.RoleplayClient(
        **options, http_client=httpx.Client(transport=httpx.MockTransport(recorder))
    )


@pytest.mark.parametrize(
    ("command", "option", "values", "sdk_call"),
    LOOSE_OPTIONS,
    ids=[f"{' '.join(c[:2])} {o}" for c, o, _, _ in LOOSE_OPTIONS],
)
def test_an_option_takes_every_spelling_the_sdk_takes(
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    option: str,
    values: tuple[str, ...],
    sdk_call: Callable[[Any, str], Any],
) -> None:
    """Same spelling, same outcome: the CLI sends what the SDK sends, or both refuse it."""
    cli_recorder = _Recorder()
    monkeypatch.setattr(_app, "CLIENT_FACTORY", lambda **options: _client(cli_recorder, **options))
    accepted = 0
    for value in values:
        for spelling in [value, *_spellings(value)]:
            sdk_recorder = _Recorder()
            with pytest.raises(roleplay_sdk.RoleplayError), _client(sdk_recorder) as client:
                sdk_call(client, spelling)
            cli_recorder.sent.clear()
            result = _invoke(
                "--api-token", "t", "--user-id", "user_123", *command, option, spelling
            )
            assert cli_recorder.sent == sdk_recorder.sent, (option, spelling, result.output)
            if sdk_recorder.sent:
                accepted += 1
                assert result.exit_code == 1, result.output  # sent, and answered 404
            else:
                assert result.exit_code == 2, (spelling, result.output)
                assert f"Invalid value for '{option}'" in result.stderr
                for allowed in values:
                    assert f"'{allowed}'" in result.stderr
    assert accepted == 6 * len(values)  # the value itself and five other spellings of it


def test_roleplay_type_with_a_hyphen_reaches_the_service(run: Any) -> None:
    data = _json(
        run("preview", "--brief", "b", "--roleplay-type", "customer-success", as_json=True)
    )
    assert data["scenario"]["roleplay_type"] == "customer_success"
    spaced = _json(
        run("preview", "--brief", "b", "--roleplay-type", "Customer Success", as_json=True)
    )
    assert spaced["scenario"]["roleplay_type"] == "customer_success"


def test_choices_are_case_insensitive(run: Any) -> None:
    data = _json(
        run("preview", "--brief", "b", "--persona-id", "JOHN", "--depth", "Quick", as_json=True)
    )
    assert data["scenario"]["persona_id"] == "john"
    assert data["scenario"]["duration_minutes"] == 5


# --- durations -----------------------------------------------------------------------------


def test_duration_10_is_sent_as_15_and_says_so(run: Any) -> None:
    result = run("preview", "--brief", "Ask for a raise", "--duration", "10", as_json=True)
    assert json.loads(result.stdout)["scenario"]["duration_minutes"] == 15
    assert "--duration 10 is sent as 15" in result.stderr
    exact = run("preview", "--brief", "Ask for a raise", "--duration", "30", as_json=True)
    assert exact.exit_code == 0 and exact.stderr == ""


def test_help_examples_never_pass_a_duration_the_service_rejects() -> None:
    for args in (["--help"], ["preview", "--help"], ["start", "--help"]):
        assert "--duration 10" not in _invoke(*args).stdout


def test_a_bad_duration_names_the_flag(run: Any) -> None:
    result = run("preview", "--brief", "b", "--duration", "soon")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --duration: must be a positive number")
    assert "duration_minutes" not in result.stderr


# --- output never wrapped off a terminal --------------------------------------------------


def test_a_presigned_url_survives_a_pipe_intact(run: Any, server: Any, tmp_path: Path) -> None:
    sid = _active(run, server)
    video = tmp_path / "practice.webm"
    video.write_bytes(WEBM)
    assert run("upload-video", sid, str(video)).exit_code == 0
    env = {"ROLEPLAY_BASE_URL": server.base_url, "ROLEPLAY_API_TOKEN": MEMBER}
    # URL=$(roleplay artifact rps_... | head -1); curl "$URL"
    piped = _cli("artifact", sid, env=env, pipe=" | head -1")
    assert piped.returncode == 0, piped.stderr
    url = piped.stdout.removesuffix("\n")
    assert "\n" not in url and len(url) > 80  # longer than a default console line
    fetched = httpx.get(url)  # a wrapped URL loses part of its signature: a 403
    assert fetched.status_code == 200 and fetched.content == WEBM


def test_text_output_is_not_hard_wrapped_off_a_terminal(server: Any) -> None:
    brief = "Negotiate a raise with my manager " + "because I lead the payments team " * 4
    env = {
        "ROLEPLAY_BASE_URL": server.base_url,
        "ROLEPLAY_API_TOKEN": MEMBER,
        "ROLEPLAY_USER_ID": "user_123",
    }
    shown = _cli("preview", "--brief", brief.strip(), env=env)
    assert shown.returncode == 0, shown.stderr
    goal = [text for text in shown.stdout.splitlines() if text.strip().startswith("Goal:")]
    assert goal == [f"  Goal: {brief.strip()}"]
    assert "│" not in shown.stdout and "╭" not in shown.stdout  # no boxes in a pipe


# --- JSON: results without empty "extra", errors as one JSON object ----------------------


def test_json_results_carry_no_empty_extra(run: Any, server: Any) -> None:
    sid = _active(run, server)
    for args in (("preview", "--brief", "b"), ("review", sid), ("leaderboard",)):
        assert "extra" not in set(_keys(_json(run(*args, as_json=True))))


def test_json_service_error_is_a_json_object_on_stderr(run: Any) -> None:
    result = run("review", "rps_doesnotexist", as_json=True)
    assert result.exit_code == 1
    error = _error(result)
    assert error["type"] == "NotFoundError" and error["status"] == 404
    assert error["request_id"] and error["request_id"] in error["message"]


def test_json_validation_error_names_the_flag_and_exits_2(run: Any) -> None:
    result = run("leaderboard", "--limit", "1000", as_json=True)
    assert result.exit_code == 2
    error = _error(result)
    assert error["type"] == "RoleplayValidationError"
    assert error["field"] == "--limit" and error["message"].startswith("--limit: ")
    assert error["status"] is None and error["request_id"] is None


def test_json_usage_error_is_json_too(run: Any) -> None:
    result = run("preview", "--depth", "bottomless", "--brief", "b", as_json=True)
    assert result.exit_code == 2
    assert "--depth" in _error(result)["message"]
    missing = run("preview", as_json=True)
    assert missing.exit_code == 2 and "--brief" in _error(missing)["message"]


def test_plain_errors_stay_plain_text(run: Any) -> None:
    result = run("review", "rps_doesnotexist")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: 404") and not result.stderr.startswith("{")


def test_member_cannot_create_assignments_exit_1(run: Any) -> None:
    result = run("assignments", "create", "a@growqr.ai", "--title", "T", "--brief", "B")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: 403")
    assert MEMBER not in result.output


def test_bad_token_exits_1_without_printing_it(run: Any) -> None:
    result = run("leaderboard", token="secret-token-xyz")
    assert result.exit_code == 1
    assert "secret-token-xyz" not in result.output


# --- environment and flag names ------------------------------------------------------------


def test_user_id_comes_from_the_environment(server: Any) -> None:
    env = {"ROLEPLAY_BASE_URL": server.base_url, "ROLEPLAY_API_TOKEN": MEMBER}
    mine = _invoke("--json", "preview", "--brief", "b", env={**env, "ROLEPLAY_USER_ID": "user_123"})
    assert mine.exit_code == 0, mine.output
    # The member token acts only as user_123: another user from the variable is refused.
    other = _invoke(
        "--json", "preview", "--brief", "b", env={**env, "ROLEPLAY_USER_ID": "user_456"}
    )
    assert other.exit_code == 1 and _error(other)["status"] == 403
    missing = _invoke("preview", "--brief", "b", env=env)
    assert missing.exit_code == 2
    assert "--user-id" in missing.stderr and "ROLEPLAY_USER_ID" in missing.stderr


def test_a_missing_token_is_named_as_the_flag() -> None:
    result = _invoke("--base-url", "http://127.0.0.1:9", "leaderboard")
    assert result.exit_code == 2
    assert "--api-token" in result.stderr and "ROLEPLAY_API_TOKEN" in result.stderr
    assert "api_token" not in result.stderr


@pytest.mark.parametrize(
    ("field", "flag"),
    [
        ("api_token", "--api-token"),
        ("duration_minutes", "--duration"),
        ("persona_id", "--persona-id"),
        ("assignees[2]", "ASSIGNEES[2]"),
        ("artifact_type", "--type"),
        ("metadata.company", "metadata.company"),
    ],
)
def test_fields_map_to_flags(field: str, flag: str) -> None:
    assert flag_for(field) == flag


# --- the service down: a fallback offer only where a rehearsal was asked for --------------


def test_service_down_on_a_read_offers_no_rehearsal() -> None:
    base = f"http://127.0.0.1:{_closed_port()}"
    head = ["--base-url", base, "--api-token", MEMBER, "--user-id", "user_123"]
    result = _invoke(*head, "leaderboard")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: The roleplay service is unavailable right now")
    assert "rehearsal" not in result.stderr and "no session, score" not in result.stderr
    listed = _invoke(*head, "--json", "assignments", "list")
    assert listed.exit_code == 1
    error = _error(listed)
    assert error["type"] == "APIConnectionError" and "rehearsal" not in error["message"]


def test_service_down_on_a_preview_offers_the_text_rehearsal() -> None:
    base = f"http://127.0.0.1:{_closed_port()}"
    result = _invoke(
        "--base-url", base, "--api-token", MEMBER, "--user-id", "u", "preview", "--brief", "b"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {roleplay_sdk.FALLBACK_MESSAGE} (")
    assert "text-only rehearsal" in roleplay_sdk.FALLBACK_MESSAGE


# --- exit codes ----------------------------------------------------------------------------


def test_every_exit_code_is_documented_in_help() -> None:
    text = " ".join(_invoke("--help").stdout.split())
    for code in EXIT_CODES:
        assert f"{code} " in text
    assert documented(3) == 1 and documented(None) == 0 and documented(2) == 2


def test_a_busy_port_exits_1_with_a_clear_message() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = _invoke("serve", "--port", str(port))
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr


def test_a_server_that_exits_3_is_mapped_to_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def uvicorn_gives_up(**_: Any) -> None:
        sys.exit(3)  # what uvicorn does when it cannot bind

    monkeypatch.setattr(reference, "serve", uvicorn_gives_up)
    assert _invoke("serve", "--port", str(_closed_port())).exit_code == 1


# --- plan: what an agent would do first ---------------------------------------------------


def test_plan_shows_the_decision_first_then_only_filled_details() -> None:
    words = "I want to practise asking my manager for a raise, 10 minutes"
    result = _invoke("plan", words)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Agent: roleplay - preview"
    assert lines[1].startswith("Why: ")
    assert lines[2].startswith(f'Call: client.preview(brief="{words}", ')
    assert "duration_minutes=15" in lines[2]
    details = lines[lines.index("Details:") + 1 :]
    assert details and all(len(row.split()) >= 2 for row in details)  # no empty rows
    assert len(lines) < len(plan(words).to_dict())


def test_plan_asks_first_when_the_situation_is_unclear() -> None:
    words = "start a practice session now"
    assert plan(words).operation is roleplay_sdk.Operation.ASK
    result = _invoke("plan", words)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "Agent: roleplay - ask first; no call until the person says what to practise."
    )
    assert lines[1].startswith("Why: ") and lines[2] == "Ask first:"
    questions = plan(words).clarifying_questions
    assert 1 <= len(questions) <= 2
    assert lines[3 : 3 + len(questions)] == [f"  - {question}" for question in questions]
    assert "Call:" not in result.stdout and "Still needs" not in result.stdout


def test_plan_routes_away_without_a_call() -> None:
    result = _invoke("plan", "mock interview for a PM role at Stripe")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first == (
        "Agent: interview - routed away to the Interview Agent; "
        "nothing is sent to the roleplay service."
    )
    assert "Call:" not in result.stdout and "Ask first" not in result.stdout


def test_plan_routing_away_first_names_the_request_that_follows() -> None:
    words = "mock interview at Stripe first, then practise asking my manager for a raise"
    result = _invoke("plan", words)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Agent: interview - routed away to the Interview Agent")
    assert lines[1].endswith("it comes first, then: preview.")
    assert "  later_intents  preview" in lines
    assert "Call:" not in result.stdout


def _client_methods() -> set[str]:
    with roleplay_sdk.RoleplayClient(base_url="https://api.example.test", api_token="t") as c:
        return {name for name in dir(c) if not name.startswith("_") and callable(getattr(c, name))}


_CLIENT_METHODS = _client_methods()


class _Calls:
    """Stands in for the client: `client.method(...)` answers (method, args, kwargs)."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        return lambda *args, **kwargs: (name, args, kwargs)


#: Words whose plan is ready (nothing missing): one for each operation that can be.
READY_WORDS = [
    "I want to practise asking my manager for a raise, 10 minutes",
    "start a renewal call roleplay with a customer right now",
    "assign a sales discovery roleplay to ana@growqr.ai titled Q3 pitch",
    "show the assignments in progress for ana@growqr.ai",
    "send me the transcript of rps_abc",
    "show me the review of rps_abc",
    "show the leaderboard",
    "unassign asg_1 and asg_2",
    "get the results of assignments asg_1 and asg_2",
    "approve the draft rps_abc",
]


def _call_line(words: str) -> str:
    result = _invoke("plan", words)
    assert result.exit_code == 0, result.output
    calls = [text for text in result.stdout.splitlines() if text.startswith("Call: ")]
    assert len(calls) == 1, result.stdout
    return str(calls[0]).removeprefix("Call: ")


def test_plan_shows_the_call_plan_call_would_make() -> None:
    """The Call line, run as Python, is the SDK method and arguments Plan.call() uses."""
    covered = set()
    for words in READY_WORDS:
        decided = plan(words)
        assert decided.ready and decided.operation is not None, words
        method, args, kwargs = eval(_call_line(words), {"client": _Calls()})
        assert method == decided.operation.value  # plan() answers the method name itself
        assert method in _CLIENT_METHODS
        assert (args, kwargs) == decided.arguments()
        covered.add(decided.operation)
    # Every operation but ask, and the two that need what words cannot carry (a file, prompts).
    kinds = roleplay_sdk.Operation
    assert covered == set(kinds) - {kinds.ASK, kinds.UPLOAD_VIDEO, kinds.EDIT_QUESTIONS}


@pytest.mark.parametrize(
    ("words", "call", "needs"),
    [
        (
            "upload the recording for rps_abc",
            'client.upload_video("rps_abc", <video file>)',
            "video",
        ),
        (
            "change the questions of rps_abc",
            'client.edit_questions("rps_abc", <prompts>)',
            "prompts",
        ),
        ("how did my last roleplay go?", "client.review(<session_id>)", "session_id"),
        (
            "show me the review of rps_abc and rps_def",
            "client.review(<one of rps_abc, rps_def>)",
            "one session_id (the words name 2)",
        ),
    ],
)
def test_plan_shows_a_placeholder_for_what_the_words_lack(
    words: str, call: str, needs: str
) -> None:
    assert not plan(words).ready
    assert _call_line(words) == call
    assert f"Still needs: {needs}" in _invoke("plan", words).stdout


def test_every_operation_that_calls_the_service_has_a_call_shape() -> None:
    from roleplay_cli._planview import ARGUMENTS

    kinds = roleplay_sdk.Operation
    assert set(ARGUMENTS) == set(kinds) - {kinds.ASK}
    assert {operation.value for operation in ARGUMENTS} <= _CLIENT_METHODS


def test_plan_questions_that_do_not_hold_up_a_call_say_so() -> None:
    words = "assign the negotiation roleplay to ana@growqr.ai"
    assert plan(words).clarifying_questions and plan(words).ready
    text = _invoke("plan", words).stdout
    assert "Call: client.create_assignments(" in text
    assert "Could also ask (the call need not wait):" in text and "Ask first:" not in text


def test_plan_json_is_the_plan() -> None:
    words = "mock interview for a PM role at Stripe"
    result = _invoke("--json", "plan", words)
    assert json.loads(result.stdout) == plan(words).to_dict()


def test_help_has_examples() -> None:
    for args in ([], ["preview"], ["assignments", "create"], ["upload-video"], ["demo"]):
        result = _invoke(*args, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout
