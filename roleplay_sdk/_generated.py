"""The generated client's endpoints and models, imported when first used, not with roleplay_sdk.

Why: `roleplay_service_client.models` imports every generated model at once, and importing
all thirteen endpoint modules up front was the largest share of `import roleplay_sdk` (~50 ms
of ~295 ms). A service pays it once, on its first call, instead of at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs

_API = "roleplay_service_client.api"
_MODELS = "roleplay_service_client.models"


@attrs.frozen
class LazyEndpoint:
    """Stands for `roleplay_service_client.api.<tag>.<name>` (a _flow.Endpoint)."""

    tag: str
    name: str

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(f"{_API}.{self.tag}.{self.name}")

    @property
    def sync_detailed(self) -> Callable[..., Any]:
        function: Callable[..., Any] = self.module.sync_detailed
        return function

    @property
    def asyncio_detailed(self) -> Callable[..., Any]:
        function: Callable[..., Any] = self.module.asyncio_detailed
        return function


def model(name: str) -> Any:
    """A generated model or enum class by name, e.g. model("ConfigureRequest")."""
    return getattr(importlib.import_module(_MODELS), name)
