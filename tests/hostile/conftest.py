"""Fixtures of the hostile-server tests: the server, and a client of each kind on it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import Api

from hostile._server import HostileServer
from roleplay_sdk import AsyncRoleplayClient, RoleplayClient

TOKEN = "sk-hostile-7c1e9a4f2b6d8e0a3c5f"


class Driver(Api):
    """conftest.Api (a method called the same way on either client kind) that also times it."""

    async def timed(self, name: str, *args: Any, **kwargs: Any) -> tuple[Any, float]:
        """(result or the exception raised, seconds it took)."""
        began = time.monotonic()
        try:
            outcome = await self(name, *args, **kwargs)
        except Exception as exc:
            outcome = exc
        return outcome, time.monotonic() - began


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def make_driver(server: HostileServer, kind: str) -> Any:
    """make_driver(**options): a client of this test's kind on the hostile server.

    The SDK creates its own httpx client (real sockets on loopback) unless the options give
    one; options override the defaults (token, base_url).
    """
    made: list[Driver] = []

    def make(**options: Any) -> Driver:
        options.setdefault("base_url", server.base_url)
        options.setdefault("api_token", TOKEN)
        cls = RoleplayClient if kind == "sync" else AsyncRoleplayClient
        driver = Driver(cls(**options))
        made.append(driver)
        return driver

    yield make
    for driver in made:
        await driver.close()


def no_sleep(kind: str) -> Callable[[float], Any]:
    """A sleep for the client of `kind` that records nothing and returns at once."""
    if kind == "sync":
        return lambda _seconds: None

    async def skip(_seconds: float) -> None:
        return None

    return skip
