"""pytest fixtures for a consumer's tests: an in-process reference service and SDK clients.

Enable with `-p roleplay_reference.pytest_plugin` or `pytest_plugins =
["roleplay_reference.pytest_plugin"]` in a conftest: opt-in, so installing the `fake` extra
changes no one's test run. Every fixture closes what it created when its test ends.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from roleplay_sdk import AsyncRoleplayClient, RoleplayClient

from ._server import BackgroundServer
from ._service import HARNESS_LIMITS, ReferenceService
from .testing import in_process_async_client, in_process_client

__all__ = [
    "async_roleplay_client",
    "roleplay_admin_client",
    "roleplay_client",
    "roleplay_server",
    "roleplay_service",
]


@pytest.fixture
def roleplay_service() -> Iterator[ReferenceService]:
    """A fresh in-memory ReferenceService (development tokens, control API available, no rate
    limits: see HARNESS_LIMITS).

    Drive it from the test: `complete_session(id, review=..., turns=[...])`, `counts()`,
    and the fault switch `faults.fail_next(503)`, `faults.slow(s)`, `faults.down()`.
    """
    service = ReferenceService(enable_control=True, **HARNESS_LIMITS)
    yield service
    service.close()


@pytest.fixture
def roleplay_client(roleplay_service: ReferenceService) -> Iterator[RoleplayClient]:
    """RoleplayClient as dev-member-token (user_123@growqr) on roleplay_service, in-process."""
    with in_process_client("dev-member-token", service=roleplay_service) as client:
        yield client


@pytest.fixture
def roleplay_admin_client(roleplay_service: ReferenceService) -> Iterator[RoleplayClient]:
    """RoleplayClient as dev-admin-token (admin_1@growqr) on roleplay_service, in-process."""
    with in_process_client("dev-admin-token", service=roleplay_service) as client:
        yield client


@pytest.fixture
def async_roleplay_client(roleplay_service: ReferenceService) -> Iterator[AsyncRoleplayClient]:
    """AsyncRoleplayClient as dev-member-token on roleplay_service, in-process.

    A plain fixture (no event loop needed to build it), usable from async tests.
    """
    client = in_process_async_client("dev-member-token", service=roleplay_service)
    yield client
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(client.close())
    # else torn down inside another plugin's running loop: the client's finalizer releases it.


@pytest.fixture
def roleplay_server() -> Iterator[BackgroundServer]:
    """A reference service over real HTTP on a free loopback port (control routes on)."""
    with BackgroundServer(enable_control=True) as server:
        yield server
