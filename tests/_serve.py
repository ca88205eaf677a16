"""Servers for the tests that drive installed commands: `roleplay serve`, or a broken variant.

    with serving(roleplay_serve_command()) as base_url: ...
    with serving(broken_variant_command("duration-10")) as base_url: ...

Each runs in its own process on a free loopback port (`{port}` in the command), is waited for
until it answers, and is stopped (terminated, then killed) when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
START_TIMEOUT = 60.0

#: Serves one of contract_tests/broken_variants.py's variants around an honest reference
#: service over HTTP, with the control routes: a deployment the suite must fail.
_BROKEN_LAUNCHER = """
import sys
import uvicorn
from contract_tests.broken_variants import VARIANTS
from roleplay_reference import HARNESS_LIMITS, ReferenceService

variant = next(v for v in VARIANTS if v.name == sys.argv[1])
service = ReferenceService(enable_control=True, **HARNESS_LIMITS)
uvicorn.run(variant(service.app), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def broken_variant_command(name: str) -> list[str]:
    """The command serving broken variant `name` of contract_tests/broken_variants.py."""
    return [sys.executable, "-c", _BROKEN_LAUNCHER, name, "{port}"]


#: What a contract run needs of the service it checks: the suite sends thousands of requests a
#: minute with one token and probes authentication on every operation, which a served
#: service's default limits (600 a minute, 30 failed authentications) would answer 429.
CONTRACT_RUN_LIMITS = ("--rate-limit", "1000000", "--auth-failure-limit", "0")


def roleplay_serve_command(*options: str) -> list[str]:
    """`roleplay serve --enable-control` of this venv, on the free port, limits lifted for a
    contract run."""
    return [
        str(BIN / "roleplay"),
        "serve",
        "--enable-control",
        "--port",
        "{port}",
        *CONTRACT_RUN_LIMITS,
        *options,
    ]


@contextlib.contextmanager
def serving(command: Sequence[str], *, log: Path | None = None) -> Iterator[str]:
    """Run `command` in the checkout and answer its base URL once it answers."""
    port = free_port()
    sink = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        [part.replace("{port}", str(port)) for part in command],
        cwd=ROOT,
        stdout=sink,
        stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_it_answers(process, base_url)
        yield base_url
    finally:
        _stop(process)
        if log is not None and not isinstance(sink, int):
            sink.close()


def _wait_until_it_answers(process: subprocess.Popen[bytes], base_url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            httpx.get(f"{base_url}/api/v1/roleplays/leaderboard", timeout=2.0)
        except httpx.TransportError:
            time.sleep(0.1)
            continue
        return
    raise RuntimeError(f"the server did not answer at {base_url} within {START_TIMEOUT} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
