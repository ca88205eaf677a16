"""Security checks not covered by test_client_security.py: TLS on by default, bandit clean."""

from __future__ import annotations

import json
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from roleplay_sdk import AsyncRoleplayClient, RoleplayClient

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "sk-security-sdk-test-token"


def _ssl_context(http: httpx.Client | httpx.AsyncClient) -> ssl.SSLContext:
    # httpx keeps the context on the connection pool of its default transport.
    pool: Any = http._transport._pool  # type: ignore[union-attr]
    ctx = pool._ssl_context
    assert isinstance(ctx, ssl.SSLContext)
    return ctx


def test_the_sync_client_verifies_tls_by_default() -> None:
    client = RoleplayClient(base_url="https://api.example.test", api_token=TOKEN)
    try:
        ctx = _ssl_context(client._http)
        assert ctx.verify_mode == ssl.CERT_REQUIRED
        assert ctx.check_hostname is True
    finally:
        client.close()


async def test_the_async_client_verifies_tls_by_default() -> None:
    client = AsyncRoleplayClient(base_url="https://api.example.test", api_token=TOKEN)
    try:
        ctx = _ssl_context(client._http)
        assert ctx.verify_mode == ssl.CERT_REQUIRED
        assert ctx.check_hostname is True
    finally:
        await client.close()


def test_bandit_finds_no_high_severity_issue_in_the_sdk() -> None:
    bandit = Path(sys.executable).parent / "bandit"
    if not bandit.exists():
        pytest.skip("bandit is not installed (dev extra)")
    done = subprocess.run(
        [str(bandit), "-r", "roleplay_sdk", "-lll", "-q", "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert report["results"] == [], report["results"]
    assert report["metrics"]["_totals"]["SEVERITY.HIGH"] == 0
    # It did scan the package: more than a handful of lines.
    assert report["metrics"]["_totals"]["loc"] > 100
