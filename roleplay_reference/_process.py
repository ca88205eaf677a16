"""The reference service in its own process on loopback, for load runs and benchmarks.

A separate process (`python -m roleplay_reference serve`) keeps the service off the caller's
GIL, so figures measure the client and the service, not two of them sharing one core; and it
can be killed and started again on the same port and SQLite file to prove that what was
committed survives a restart.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS says is free now (another process may still take it before we bind)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class ServiceProcess:
    """`python -m roleplay_reference serve --enable-control` on a loopback port and a file DB.

        with ServiceProcess() as service:
            client = RoleplayClient(base_url=service.base_url, api_token="dev-member-token")
            ...
            service.restart()          # SIGKILL, then the same port and database file
            service.counts()           # GET /_control/counts

    Without `db_path` the database lives in a temporary directory removed on stop(). Being
    for load runs and benchmarks, it serves with the per-token rate limit and the throttle
    of failed authentications lifted (`rate_limit`, `auth_failure_limit`: 0 is off); its log
    (at `log_level`) goes to `log_file` when given, else to this process's stderr.
    """

    def __init__(
        self,
        *,
        port: int | None = None,
        db_path: str | Path | None = None,
        host: str = "127.0.0.1",
        startup_timeout: float = 30.0,
        extra_args: tuple[str, ...] = (),
        rate_limit: int = 1_000_000,
        auth_failure_limit: int = 0,
        log_level: str = "warning",
        log_file: str | Path | None = None,
    ) -> None:
        self.host = host
        self.port = port or free_port(host)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if db_path is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="roleplay-ref-")
            db_path = Path(self._tmp.name) / "service.sqlite3"
        self.db_path = Path(db_path)
        self.startup_timeout = startup_timeout
        self.extra_args = extra_args
        self.rate_limit = rate_limit
        self.auth_failure_limit = auth_failure_limit
        self.log_level = log_level
        self.log_file = Path(log_file) if log_file is not None else None
        self.restarts = 0
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """The running service's process id (None when stopped)."""
        return self._proc.pid if self._proc is not None else None

    def start(self) -> ServiceProcess:
        """Start the process and wait until it answers /_control/counts."""
        command = [
            sys.executable,
            "-m",
            "roleplay_reference",
            "serve",
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--db",
            str(self.db_path),
            "--enable-control",
            "--log-level",
            self.log_level,
            "--rate-limit",
            str(self.rate_limit),
            "--auth-failure-limit",
            str(self.auth_failure_limit),
            *self.extra_args,
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if self.log_file is None:
            self._proc = subprocess.Popen(command, env=env)
        else:
            with self.log_file.open("ab") as log:
                self._proc = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"the reference service exited with {self._proc.returncode}")
            with contextlib.suppress(httpx.TransportError):
                httpx.get(f"{self.base_url}/_control/counts", timeout=1.0).raise_for_status()
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the reference service did not answer within {self.startup_timeout}s")

    def kill(self) -> None:
        """Stop the process at once (SIGKILL: no graceful shutdown, like a crash)."""
        self._terminate(signal.SIGKILL)

    def restart(self, *, downtime: float = 0.0) -> None:
        """Kill the process, wait `downtime` seconds, start it again on the same port and DB."""
        self.kill()
        time.sleep(downtime)
        self.restarts += 1
        self.start()

    def counts(self) -> dict[str, int]:
        """Sessions, assignments and uploads the service holds (its /_control/counts)."""
        response = httpx.get(f"{self.base_url}/_control/counts", timeout=10.0)
        response.raise_for_status()
        return {str(k): int(v) for k, v in response.json().items()}

    def stop(self) -> None:
        """Stop gracefully (SIGTERM), and remove the temporary database if we made it."""
        self._terminate(signal.SIGTERM)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def _terminate(self, how: signal.Signals) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(how)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)

    def __enter__(self) -> ServiceProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
