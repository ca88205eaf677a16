"""The READMEs are true: every Python and shell block in them runs, so one that stops working
fails `make test`.

* ```python blocks run with pytest-examples (also linted with ruff), in a scratch folder that
  holds a `recording.webm`, with ROLEPLAY_BASE_URL pointing at a reference service on a free
  loopback port and ROLEPLAY_API_TOKEN / ROLEPLAY_ADMIN_TOKEN set to its development tokens.
  A block that defines `test_*` functions is a consumer's test file: it is run by pytest with
  the roleplay_reference plugin, as its README says.
* ```sh blocks run with bash, the venv first on PATH: README.md's in an empty folder, as a
  user would, contract_tests/README.md's in the checkout, whose paths they name. A line that
  starts the reference service in the background (`roleplay serve ... &`) is started here
  instead, on a free port that replaces 8000 in the block, and waited for. Commands that run
  the contract suite (`roleplay-contract`, `pytest contract_tests`) get `--collect-only`
  appended: their options must parse and the suite must collect; the full runs are the
  suite's own in `make test` and tests/test_packaging.py's (against `roleplay serve`).
* ```console and ```text blocks are illustrations (installs into the reader's environment,
  `make test` itself); the ```yaml block is the CI recipe, checked here against the command it
  runs.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from _consumer import run_consumer_tests
from _serve import serving
from pytest_examples import CodeExample, EvalExample, find_examples

from roleplay_reference import BackgroundServer

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
READMES = [ROOT / "README.md", ROOT / "contract_tests" / "README.md"]
EXECUTED = {"python", "sh"}
ILLUSTRATIONS = {"console", "text", "yaml"}
FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
WEBM_BYTES = b"\x1a\x45\xdf\xa3" + b"\x00" * 60


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    lang: str
    body: str

    @property
    def label(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks() -> list[Block]:
    found = []
    for path in READMES:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text[: match.start()].count("\n") + 1
            found.append(Block(path, line, match["lang"], match["body"]))
    return found


def python_examples() -> list[CodeExample]:
    return [example for path in READMES for example in find_examples(path)]


def shell_blocks() -> list[Block]:
    return [block for block in blocks() if block.lang == "sh"]


def test_every_block_is_executed_or_an_illustration() -> None:
    langs = [block.lang for block in blocks()]
    assert set(langs) <= EXECUTED | ILLUSTRATIONS, langs
    # The collectors find what the files hold (a fence they missed would silently pass).
    assert len(python_examples()) == langs.count("python") >= 5
    assert len(shell_blocks()) == langs.count("sh") >= 3
    assert langs.count("yaml") == 1


# ---------- Python ----------


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    with BackgroundServer(enable_control=True) as running:
        yield running


@pytest.fixture
def readme_environment(
    server: BackgroundServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.setenv("ROLEPLAY_BASE_URL", server.base_url)
    monkeypatch.setenv("ROLEPLAY_API_TOKEN", "dev-member-token")
    monkeypatch.setenv("ROLEPLAY_ADMIN_TOKEN", "dev-admin-token")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "recording.webm").write_bytes(WEBM_BYTES)
    return tmp_path


def _is_test_file(example: CodeExample) -> bool:
    return re.search(r"^def test_", example.source, re.M) is not None


@pytest.mark.parametrize("example", python_examples(), ids=str)
def test_python_block(
    example: CodeExample,
    eval_example: EvalExample,
    readme_environment: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Linted with the project's own ruff configuration (found from the checkout).
    eval_example.set_config(line_length=100, target_version="py311")  # type: ignore[arg-type]
    monkeypatch.chdir(ROOT)
    eval_example.lint_ruff(example)
    monkeypatch.chdir(readme_environment)
    if not _is_test_file(example):
        eval_example.run(example)
        return
    test_file = readme_environment / "test_from_readme.py"
    test_file.write_text(example.source, encoding="utf-8")
    result = run_consumer_tests(readme_environment, test_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b\d+ passed\b", result.stdout), result.stdout


def test_the_async_example_runs_in_process_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The async example, its upload included, on in_process_async_client instead of a server:
    what a consumer's test of that code does."""
    import roleplay_sdk
    from roleplay_reference import ReferenceService
    from roleplay_reference.testing import in_process_async_client

    (example,) = [e for e in python_examples() if "AsyncRoleplayClient(user_id=" in e.source]
    service = ReferenceService()

    def in_process(**options: object) -> roleplay_sdk.AsyncRoleplayClient:
        return in_process_async_client("dev-member-token", service=service, **options)

    monkeypatch.setattr(roleplay_sdk, "AsyncRoleplayClient", in_process)
    monkeypatch.setenv("ROLEPLAY_ADMIN_TOKEN", "dev-admin-token")
    monkeypatch.delenv("ROLEPLAY_BASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "recording.webm").write_bytes(WEBM_BYTES)
    exec(compile(example.source, str(example.path), "exec"), {"__name__": "__main__"})
    assert service.counts()["uploads"] == 1
    service.close()


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return " ".join(text[start : end if end != -1 else None].split())


def test_the_testing_section_says_what_a_consumer_s_tests_need() -> None:
    from roleplay_reference import DEV_TOKENS, BackgroundServer

    section = _section("Testing your code against the reference service")
    assert "pytest-asyncio" in section and "@pytest.mark.asyncio" in section
    assert "a `BackgroundServer`" in section
    unstarted = BackgroundServer()
    try:
        for attribute in ("base_url", "host", "port", "service"):
            assert hasattr(unstarted, attribute) and f"`{attribute}`" in section
    finally:
        unstarted.service.close()
    assert "`roleplay_reference.DEV_TOKENS`" in section
    for token, principal in DEV_TOKENS.items():
        assert f"`{token}` ({principal['user_id']}, {principal['role']})" in section
    assert "upload_video" in section and "sync_http_client(service)" in section


def test_the_sdk_section_says_a_route_away_plan_has_no_operation() -> None:
    from roleplay_sdk import plan

    section = _section("Using the SDK")
    sentence = r'`plan\("([^"]+)"\)` has `agent == "(\w+)"`, `operation` `None`'
    words = re.search(sentence, section)
    assert words is not None, "the route-away sentence"
    routed = plan(words[1])
    assert routed.agent == words[2] and routed.operation is None


# ---------- shell ----------

SERVER_LINE = re.compile(r"^(?P<command>(roleplay|python -m roleplay_reference) serve\b.*?)\s*&$")
CONTRACT_COMMAND = re.compile(r"^(\S*/)?(roleplay-contract|python -m pytest contract_tests)\b")
PORT = re.compile(r"(?<=127\.0\.0\.1:)8000\b|(?<=localhost:)8000\b|(?<=--port )8000\b")


def logical_lines(body: str) -> list[str]:
    """The block's commands, continuation lines joined; comments and blank lines dropped."""
    joined = re.sub(r"\s*\\\n\s*", " ", body)
    return [line.strip() for line in joined.splitlines() if line.strip() and line[0] != "#"]


def _server_command(line: str) -> list[str]:
    words = shlex.split(PORT.sub("{port}", line))
    if words[0] == "python":
        words[0] = sys.executable
    elif (BIN / words[0]).exists():
        words[0] = str(BIN / words[0])
    return words


@pytest.mark.parametrize("block", shell_blocks(), ids=lambda block: block.label)
def test_shell_block(block: Block, tmp_path: Path) -> None:
    lines = logical_lines(block.body)
    servers = [m["command"] for line in lines if (m := SERVER_LINE.match(line))]
    assert len(servers) <= 1, "one background server per block"
    commands = [line for line in lines if not SERVER_LINE.match(line)]
    commands = [
        f"{line} --collect-only -q" if CONTRACT_COMMAND.match(line) else line for line in commands
    ]
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update({"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"})

    in_checkout = block.path.parent != ROOT
    cwd = ROOT if in_checkout else tmp_path / "workdir"
    cwd.mkdir(exist_ok=True)

    def run(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", "set -euo pipefail\n" + script],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    if servers:
        with serving(_server_command(servers[0]), log=tmp_path / "server.log") as base_url:
            port = base_url.rsplit(":", 1)[1]
            result = run("\n".join(PORT.sub(port, line) for line in commands))
    else:
        result = run("\n".join(commands))
    assert result.returncode == 0, f"{block.label}:\n{result.stdout[-3000:]}\n{result.stderr}"
    assert result.stdout.strip(), f"{block.label} printed nothing"


# ---------- the CI recipe ----------


def test_the_ci_recipe_runs_roleplay_contract_and_uploads_its_report() -> None:
    from contract_tests.__main__ import TOKEN_OPTIONS, pytest_arguments

    (recipe,) = [block for block in blocks() if block.lang == "yaml"]
    workflow = yaml.safe_load(recipe.body)
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    (contract,) = [step for step in steps if "roleplay-contract" in step.get("run", "")]
    # Every token comes from a secret, through the variables the command reads.
    assert set(contract["env"]) == {variable for _, variable, _ in TOKEN_OPTIONS}
    assert all("secrets." in value for value in contract["env"].values())
    command = re.sub(r"\$\{\{[^}]*\}\}", "placeholder", contract["run"])
    words = shlex.split(command)
    assert words[0] == "roleplay-contract"
    env_tokens = {variable: "t" for _, variable, _ in TOKEN_OPTIONS}
    with pytest.MonkeyPatch.context() as patch:
        for variable, value in env_tokens.items():
            patch.setenv(variable, value)
        arguments = pytest_arguments(words[1:])
    junit = arguments[arguments.index("--junitxml") + 1]
    (upload,) = [step for step in steps if step.get("uses", "").startswith("actions/upload")]
    assert re.sub(r"\$\{\{[^}]*\}\}", "placeholder", upload["with"]["path"]) == junit
    assert upload["if"] == "always()"  # the report of a failed run is the one that matters
    assert "[contract]" in " ".join(step.get("run", "") for step in steps)


def test_the_shell_runner_really_fails_a_broken_block(tmp_path: Path) -> None:
    broken = Block(ROOT / "README.md", 0, "sh", "roleplay plan\nfalse\n")
    with pytest.raises(AssertionError):
        test_shell_block(broken, tmp_path)
    assert logical_lines("a \\\n  b\n# c\n\nd\n") == ["a b", "d"]
    assert PORT.sub("9", "--port 8000 http://127.0.0.1:8000/x 18000") == (
        "--port 9 http://127.0.0.1:9/x 18000"
    )
