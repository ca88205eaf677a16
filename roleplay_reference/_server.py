"""Serving with uvicorn: in the foreground (`serve`) or on a thread (`BackgroundServer`)."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

import uvicorn

from ._logging import log_config
from ._service import HARNESS_LIMITS, ReferenceService
from ._ws import MAX_MESSAGE_BYTES

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


def uvicorn_config(
    service: ReferenceService, host: str, port: int, log_level: str = "info", **extra: Any
) -> uvicorn.Config:
    """How the service is served: logs that never carry a secret (at any level), proxy
    headers left to the service (it trusts only its configured proxies), small frames."""
    level = log_level.lower()
    if level not in LOG_LEVELS:
        raise ValueError(f"log_level must be one of {', '.join(LOG_LEVELS)}")
    return uvicorn.Config(
        service.app,
        host=host,
        port=port,
        log_level=level,
        log_config=log_config(level, service.tokens),
        ws="websockets-sansio",
        ws_max_size=4 * MAX_MESSAGE_BYTES,
        proxy_headers=False,
        server_header=False,
        **extra,
    )


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    db_path: str | None = None,
    tokens_file: str | None = None,
    enable_control: bool = False,
    *,
    public_base_url: str | None = None,
    log_level: str = "info",
    **options: Any,
) -> None:
    """Run the reference service until interrupted (what `roleplay serve` calls).

    Further `options` are those of ReferenceService (rate_limit, auth_failure_limit,
    forwarded_allow_ips, ...).
    """
    service = ReferenceService(
        db_path=db_path,
        tokens=tokens_file,
        enable_control=enable_control,
        public_base_url=public_base_url,
        **options,
    )
    try:
        uvicorn.Server(uvicorn_config(service, host, port, log_level)).run()
    finally:
        service.close()


class BackgroundServer:
    """A reference service on a free loopback port in a daemon thread, for demos and tests.

        with BackgroundServer(enable_control=True) as server:
            client = RoleplayClient(base_url=server.base_url, api_token="dev-member-token")

    Options are those of ReferenceService; `server.service` is the running service. Being a
    harness for demos and tests (which make many calls, and probe with forged tokens), it
    lifts the per-token rate limit and the failed-authentication throttle unless `rate_limit`
    or `auth_failure_limit` are given.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, **options: Any) -> None:
        self.host = host
        self.port = port
        self.service = ReferenceService(**{**HARNESS_LIMITS, **options})
        config = uvicorn_config(self.service, host, port, "warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def base_url(self) -> str:
        """`http://host:port` of the running server."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> BackgroundServer:
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the reference service failed to start")
            self._thread.join(0.01)
        self.port = int(self._server.servers[0].sockets[0].getsockname()[1])
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(10)
        self.service.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
