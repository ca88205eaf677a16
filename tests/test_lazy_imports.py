"""`import roleplay_sdk` defers what a caller may never use (the import-time target, issue 6).

Structural, not timed: the figures come from `scripts/bench`; these tests keep the deferral
from silently regressing and check that every public name still resolves.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import roleplay_sdk

DEFERRED = [
    "asyncio",
    "roleplay_sdk._service_client.models",
    "roleplay_sdk._service_client.api",
    "roleplay_sdk._models",
    "roleplay_sdk._async_client",
    "roleplay_sdk._signals",
    "roleplay_sdk._plan",
    "roleplay_sdk._summaries",
]


def _loaded_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


def test_importing_the_sdk_loads_none_of_the_deferred_modules() -> None:
    loaded = _loaded_after("import roleplay_sdk")
    assert "roleplay_sdk._client" in loaded
    assert sorted(loaded & set(DEFERRED)) == []


def test_the_first_call_path_loads_them() -> None:
    code = (
        "import roleplay_sdk\n"
        "roleplay_sdk.AsyncRoleplayClient\n"
        "roleplay_sdk.RoleplayPreview\n"
        "roleplay_sdk.plan('practice a salary negotiation')\n"
    )
    loaded = _loaded_after(code)
    assert {"asyncio", "roleplay_sdk._models", "roleplay_sdk._signals"} <= loaded


@pytest.mark.parametrize("name", roleplay_sdk.__all__)
def test_every_public_name_resolves_and_is_listed(name: str) -> None:
    value = getattr(roleplay_sdk, name)
    assert value is getattr(roleplay_sdk, name)  # the same object on the second lookup
    assert name in dir(roleplay_sdk)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        roleplay_sdk.no_such_name  # noqa: B018


def test_star_import_gives_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from roleplay_sdk import *", namespace)
    assert set(roleplay_sdk.__all__) <= set(namespace)


def test_a_deferred_model_is_the_class_the_operations_return() -> None:
    from roleplay_sdk import _ops_sessions

    assert _ops_sessions.models.RoleplayPreview is roleplay_sdk.RoleplayPreview
