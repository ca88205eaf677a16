"""roleplay-contract's own surface: where the target comes from, an unreachable one, and the
curl commands a failure prints (credentials filtered, never what reproduces the request)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("schemathesis")

from contract_tests.__main__ import NOT_RUN, main, pytest_arguments
from contract_tests._target import in_process_target
from contract_tests.conformance import get_operation, load_schema

ROOT = Path(__file__).resolve().parent.parent


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_base_url_and_tokens_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ROLEPLAY_BASE_URL", "https://staging.example")
    monkeypatch.setenv("ROLEPLAY_API_TOKEN", "member-t")
    monkeypatch.setenv("ROLEPLAY_ADMIN_TOKEN", "admin-t")
    arguments = pytest_arguments([])
    assert arguments[arguments.index("--base-url") + 1] == "https://staging.example"
    assert arguments[arguments.index("--api-token") + 1] == "member-t"
    assert arguments[arguments.index("--admin-token") + 1] == "admin-t"
    given = pytest_arguments(["--base-url", "http://127.0.0.1:9"])  # the option wins
    assert given[given.index("--base-url") + 1] == "http://127.0.0.1:9"


def test_without_a_base_url_anywhere_it_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ROLEPLAY_BASE_URL", raising=False)
    with pytest.raises(SystemExit) as exited:
        pytest_arguments(["--api-token", "t"])
    assert exited.value.code == 2
    assert "--base-url (or $ROLEPLAY_BASE_URL) is required" in capsys.readouterr().err


def test_an_unreachable_base_url_is_one_line_and_nothing_runs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(SystemExit) as exited:
        main(["--base-url", url, "--api-token", "t"])
    assert exited.value.code == NOT_RUN != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"roleplay-contract: cannot reach {url}: [Errno 111] Connection refused"
    ]


def test_an_unreachable_base_url_in_a_shell_prints_no_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "contract_tests", "--base-url", "http://nosuch.invalid"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"ROLEPLAY_API_TOKEN": "t", "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )
    assert result.returncode == NOT_RUN
    assert result.stderr.startswith("roleplay-contract: cannot reach http://nosuch.invalid: ")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_pytest_on_an_unreachable_base_url_stops_before_any_test_with_one_error() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "contract_tests", "--base-url", url, "--api-token", "t"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert f"ERROR: cannot reach {url}: [Errno 111] Connection refused" in result.stderr
    assert " passed" not in result.stdout and " failed" not in result.stdout


def test_schemathesis_curl_keeps_what_reproduces_the_request_and_filters_credentials() -> None:
    local, service = in_process_target()
    try:
        operation = get_operation(load_schema(local).schema, "previewRoleplay")
        case = operation.Case(
            body={"user_id": "user_123", "brief": "Ask for a raise", "session_note": "kept"},
            headers={"Idempotency-Key": "ct-0123456789abcdef"},
        )
        command = case.as_curl_command(headers={"Authorization": "Bearer the-secret"})
    finally:
        local.close()
        service.close()
    assert "Idempotency-Key: ct-0123456789abcdef" in command
    assert '"session_note": "kept"' in command
    assert "the-secret" not in command and "Authorization: [Filtered]" in command


def test_the_suite_s_readme_describes_every_test_module() -> None:
    text = (ROOT / "contract_tests" / "README.md").read_text(encoding="utf-8")
    modules = sorted(path.name for path in (ROOT / "contract_tests").glob("test_*.py"))
    assert "test_normalization_properties.py" in modules
    assert [name for name in modules if f"* `{name}`" not in text] == []
