"""pytest fixtures for a consumer's tests: an in-process reference service and SDK clients.

Enable with `-p roleplay_reference.pytest_plugin`, `pytest_plugins = [...]` in a conftest,
or the `pytest11` entry point. roleplay_sdk is imported only by the client fixtures.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from ._server import BackgroundServer
from ._service import ReferenceService
from .testing import async_http_client, in_process_client

__all__ = [
    "async_roleplay_client",
    "roleplay_admin_client",
    "roleplay_client",
    "roleplay_server",
    "roleplay_service",
]


@pytest.fixture
def roleplay_service() -> Iterator[ReferenceService]:
    """A fresh in-memory ReferenceService (development tokens, control API available)."""
    service = ReferenceService(enable_control=True)
    yield service
    service.close()


@pytest.fixture
def roleplay_client(roleplay_service: ReferenceService) -> Iterator[Any]:
    """roleplay_sdk.RoleplayClient as dev-member-token (user_123@growqr), in-process."""
    client = in_process_client("dev-member-token", service=roleplay_service)
    yield client
    _close(client)


@pytest.fixture
def roleplay_admin_client(roleplay_service: ReferenceService) -> Iterator[Any]:
    """roleplay_sdk.RoleplayClient as dev-admin-token (admin_1@growqr), in-process."""
    client = in_process_client("dev-admin-token", service=roleplay_service)
    yield client
    _close(client)


@pytest.fixture
def async_roleplay_client(roleplay_service: ReferenceService) -> Iterator[Any]:
    """roleplay_sdk.AsyncRoleplayClient as dev-member-token, in-process (httpx.ASGITransport).

    A plain fixture (no event loop needed to build it), usable from async tests.
    """
    from roleplay_sdk import AsyncRoleplayClient

    http = async_http_client(roleplay_service)
    client = AsyncRoleplayClient(
        base_url=str(http.base_url).rstrip("/"),
        api_token="dev-member-token",
        user_id="user_123",
        org_id="growqr",
        http_client=http,
    )
    yield client
    if not http.is_closed:
        asyncio.run(http.aclose())


@pytest.fixture
def roleplay_server() -> Iterator[BackgroundServer]:
    """A reference service over real HTTP on a free loopback port (control routes on)."""
    with BackgroundServer(enable_control=True) as server:
        yield server


def _close(client: Any) -> None:
    close = getattr(client, "close", None)
    if callable(close):
        close()
