"""The built wheel, installed the way its users install it: fresh venvs, no checkout in sight.

The wheel is built once per session. One fresh venv holds the wheel alone (the SDK-only
install), another the wheel with the `contract` extra; every command runs with `-I` or from an
empty folder outside the checkout, so only what the wheel installed can be imported. pip
fetches hatchling for the isolated build and the dependencies from the package index (its
cache is warm). Deselect with `-m "not packaging"`.

The run against `roleplay serve` uses `--contract-scale 0.05` and leaves out the SDK's
normalization properties (in-process Hypothesis properties, no deployment involved, which
`pytest contract_tests` runs in make test): the spec's examples and the coverage phase in
full, 5 generated examples per operation and mode, 30 stateful scenarios (the suite's floor),
every semantic check and the SDK end to end, all over HTTP. The run against a broken variant
is narrowed with -k to two tests that must both catch it.
"""

from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import textwrap
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from _serve import broken_variant_command, roleplay_serve_command, serving

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
TIMEOUT = 300
TOP_LEVEL = {"roleplay_sdk", "roleplay_reference", "roleplay_cli", "roleplay_contract"}
DEV_TOKENS = ("dev-member-token", "dev-admin-token", "dev-other-admin-token")
#: Tokens through the environment, as the README's CI recipe passes its secrets.
TOKEN_ENV = {
    "ROLEPLAY_API_TOKEN": "dev-member-token",
    "ROLEPLAY_ADMIN_TOKEN": "dev-admin-token",
    "ROLEPLAY_OTHER_ORG_TOKEN": "dev-other-admin-token",
}

pytestmark = pytest.mark.packaging


def _env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "ROLEPLAY_BASE_URL", *TOKEN_ENV}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, **(extra or {})}


def _run(
    *args: str | Path,
    cwd: Path,
    check: bool = True,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=_env(env),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if check:
        assert result.returncode == 0, (
            f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheelhouse")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT, cwd=out)
    wheels = sorted(out.glob(f"roleplay_sdk-{VERSION}-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _fresh_venv(tmp_path_factory: pytest.TempPathFactory, name: str, requirement: str) -> Path:
    """A new venv (without pip: the checkout's pip installs into it) holding `requirement`."""
    venv_dir = tmp_path_factory.mktemp(name)
    _run(sys.executable, "-m", "venv", "--without-pip", venv_dir, cwd=venv_dir)
    python = venv_dir / "bin" / "python"
    _run(
        sys.executable, "-m", "pip", "--python", python, "install", "-q", requirement, cwd=venv_dir
    )
    return venv_dir / "bin"


@pytest.fixture(scope="session")
def sdk_only(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a fresh venv with the wheel and its runtime dependencies only."""
    return _fresh_venv(tmp_path_factory, "venv-sdk-only", str(wheel))


@pytest.fixture(scope="session")
def with_contract(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of a fresh venv with `wheel[contract]`."""
    return _fresh_venv(tmp_path_factory, "venv-contract", f"{wheel}[contract]")


# ---------- what the wheel holds ----------


def test_the_readme_names_the_wheel_by_a_glob_that_matches_it(wheel: Path) -> None:
    """A file name with a version in it goes stale at the next release; a glob does not."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"roleplay_sdk-\d[\w.]*-py3", text) == []
    globs = set(re.findall(r"dist/(roleplay_sdk-\S*?\.whl)", text))
    assert globs and all("*" in name for name in globs), globs
    assert all(wheel.match(name) for name in globs), (wheel.name, globs)


def test_wheel_layout(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        spec = archive.read("roleplay_reference/openapi.yaml")
        contract_spec = archive.read("roleplay_contract/openapi.yaml")
        entry_points = next(
            archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")
        )
    assert spec == contract_spec == (ROOT / "openapi.yaml").read_bytes()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == TOP_LEVEL  # no generic roleplay_service_client, contract_tests or generated
    for expected in (
        "roleplay_sdk/__init__.py",
        "roleplay_sdk/py.typed",
        "roleplay_sdk/_phrasing_model.json",
        "roleplay_sdk/_service_client/__init__.py",
        "roleplay_sdk/_service_client/client.py",
        "roleplay_sdk/_service_client/api/reviews/get_roleplay_review.py",
        "roleplay_sdk/_service_client/py.typed",
        "roleplay_reference/py.typed",
        "roleplay_reference/testing.py",
        "roleplay_cli/__main__.py",
        "roleplay_contract/__main__.py",
        "roleplay_contract/conftest.py",
        "roleplay_contract/test_semantics.py",
    ):
        assert expected in names
    generated = {
        path.relative_to(ROOT / "generated" / "roleplay_service_client").as_posix()
        for path in (ROOT / "generated" / "roleplay_service_client").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert {f"roleplay_sdk/_service_client/{name}" for name in generated} <= names
    assert "roleplay = roleplay_cli.__main__:main" in entry_points
    assert "roleplay-contract = roleplay_contract.__main__:main" in entry_points


def test_wheel_runtime_dependencies(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode())
    runtime = sorted(
        requirement.split(">")[0].split("<")[0].split("=")[0].strip()
        for requirement in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in requirement
    )
    assert runtime == ["attrs", "httpx"]
    assert set(metadata.get_all("Provides-Extra") or []) == {"fake", "cli", "contract", "dev"}


# ---------- the SDK alone ----------

SDK_ONLY_SCRIPT = textwrap.dedent(
    """
    import importlib, json, pathlib, sys
    import httpx
    import roleplay_sdk
    from roleplay_sdk import RoleplayClient

    # The generated client is used from inside the wheel, through a real SDK call.
    def answer(request):
        assert request.url.path == "/api/v1/roleplays/review/rps_1", request.url
        return httpx.Response(200, json={
            "session_id": "rps_1", "status": "pending", "scores": None, "feedback": None,
            "recommendations": [], "completed_at": None,
        })

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with RoleplayClient(base_url="https://api.example.test", api_token="t", http_client=http) as c:
        assert c.review("rps_1").status == "pending"
    generated = sys.modules["roleplay_sdk._service_client.api.reviews.get_roleplay_review"]
    assert "roleplay_service_client" not in sys.modules
    # plan()'s phrasing model is package data: it loads from the installed wheel.
    from importlib import resources
    from roleplay_sdk import _phrasing_model
    model_file = resources.files("roleplay_sdk").joinpath(_phrasing_model.MODEL_FILE)
    assert "roleplay:review" in _phrasing_model.load().intent.labels

    outcomes = {}
    for name in sys.argv[1:]:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            outcomes[name] = "ImportError: " + str(exc)
        else:
            outcomes[name] = "imported " + str(pathlib.Path(module.__file__).parent)
    files = [roleplay_sdk.__file__, generated.__file__, str(model_file)]
    print(json.dumps({"outcomes": outcomes, "prefix": sys.prefix, "files": files}))
    """
)


def test_the_sdk_alone_imports_and_every_other_module_names_its_extra(
    sdk_only: Path, wheel: Path, tmp_path: Path
) -> None:
    import json

    # -I: ignore the checkout, PYTHONPATH and the user site; run from an empty folder.
    result = _run(
        sdk_only / "python", "-I", "-c", SDK_ONLY_SCRIPT, *sorted(TOP_LEVEL), cwd=tmp_path
    )
    report = json.loads(result.stdout)
    for path in report["files"]:
        assert Path(path).is_relative_to(report["prefix"]), path
    outcomes = report["outcomes"]
    assert outcomes["roleplay_sdk"].startswith("imported ")
    assert outcomes["roleplay_reference"] == (
        'ImportError: roleplay_reference needs the "fake" extra: pip install '
        '"roleplay-sdk[fake]" (missing: starlette, uvicorn, websockets, jsonschema, yaml)'
    )
    # These import (stdlib only) so that their commands can name the extra.
    assert outcomes["roleplay_cli"].startswith("imported ")
    assert outcomes["roleplay_contract"].startswith("imported ")
    for name, outcome in outcomes.items():
        assert outcome.startswith("imported ") or '"roleplay-sdk[' in outcome, (name, outcome)


@pytest.mark.parametrize(
    ("command", "extra"),
    [
        (("roleplay", "--help"), "cli"),
        (("roleplay-contract", "--help"), "contract"),
        (("python", "-I", "-m", "roleplay_cli", "--help"), "cli"),
        (("python", "-I", "-m", "roleplay_contract", "--help"), "contract"),
        (("python", "-I", "-m", "roleplay_reference", "serve"), "fake"),
        (("python", "-I", "-m", "roleplay_reference", "--help"), "fake"),
        (("python", "-I", "-m", "roleplay_reference.__main__", "serve"), "fake"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else value,
)
def test_commands_without_their_extra_name_it_in_one_line(
    sdk_only: Path, tmp_path: Path, command: tuple[str, ...], extra: str
) -> None:
    result = _run(sdk_only / command[0], *command[1:], cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert f'needs the "{extra}" extra: pip install "roleplay-sdk[{extra}]"' in lines[0]
    assert "Traceback" not in result.stderr


# ---------- the contract suite as an installed tool ----------


def _junit_totals(path: Path) -> tuple[dict[str, int], set[str]]:
    root = ET.parse(path).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    assert suite is not None
    totals = {key: int(suite.get(key, "0")) for key in ("tests", "failures", "errors", "skipped")}
    modules = {case.get("classname", "").split(".")[0] for case in suite.iter("testcase")}
    return totals, modules


def test_roleplay_contract_passes_against_roleplay_serve(
    with_contract: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    empty = tmp_path_factory.mktemp("ci-workspace")
    with serving(roleplay_serve_command()) as base_url:
        result = _run(
            with_contract / "roleplay-contract",
            "--base-url",
            base_url,
            "--junitxml",
            "contract.xml",
            "--contract-scale",
            "0.05",
            "--user-id",  # a deployment's token: its user is not a known development token
            "user_123",
            "-k",
            "not normalization_properties",
            cwd=empty,
            check=False,
            env=TOKEN_ENV,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    # The installed suite ran, not the checkout's.
    assert f"rootdir: {with_contract.parent}" in output, output[:2000]
    totals, modules = _junit_totals(empty / "contract.xml")
    assert totals["failures"] == totals["errors"] == 0
    assert totals["tests"] >= 60, totals
    # Only what no remote deployment offers: moving its clock (two checks), a 50 MiB upload,
    # and a burst of failed authentications (it would lock the runner's address out).
    skips = re.findall(r"^SKIPPED \[\d+\] \S+: (.*)$", output, flags=re.M)
    assert totals["skipped"] == len(skips), output[-3000:]
    allowed = ("cannot move a running server's clock", "too large to send", "lock this runner")
    assert all(any(reason in skip for reason in allowed) for skip in skips), skips
    assert {"test_conformance", "test_semantics", "test_sdk_end_to_end"} <= modules
    assert "test_suite_has_teeth" not in modules
    assert sorted(path.name for path in empty.iterdir()) == ["contract.xml"]
    for token in DEV_TOKENS:
        assert token not in output
        assert token not in (empty / "contract.xml").read_text(encoding="utf-8")


def test_roleplay_contract_fails_a_broken_deployment_and_says_why(
    with_contract: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    empty = tmp_path_factory.mktemp("ci-workspace-broken")
    tokens = [
        "--api-token",
        DEV_TOKENS[0],
        "--admin-token",
        DEV_TOKENS[1],
        "--other-org-token",
        DEV_TOKENS[2],
        "--user-id",
        "user_123",
    ]
    # The variant answers scenarios of 10 minutes; the run is narrowed (pytest's -k, passed
    # through) to a semantic check and a fuzzing test that must both catch it.
    selected = "duration_10_is_refused_and_never_answered or configureRoleplay-positive"
    with serving(broken_variant_command("duration-10")) as base_url:
        result = _run(
            with_contract / "roleplay-contract",
            "--base-url",
            base_url,
            *tokens,
            "--junitxml",
            "contract.xml",
            "-k",
            selected,
            cwd=empty,
            check=False,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-6000:]
    totals, _ = _junit_totals(empty / "contract.xml")
    assert totals["tests"] == totals["failures"] == 2, totals
    assert "test_semantic_contract[duration_10_is_refused_and_never_answered]" in output
    # The rule, the operation and a reproducing request with the token filtered.
    assert "duration_minutes is exactly 5, 15 or 30" in output
    assert "previewRoleplay -> 201" in output
    assert "curl -X POST http" in output and "Authorization: Bearer [Filtered]" in output
    assert "Response violates schema" in output  # schemathesis' own report, with its curl
    xml = (empty / "contract.xml").read_text(encoding="utf-8")
    assert "[Filtered]" in xml
    for token in DEV_TOKENS:
        assert token not in output and token not in xml
