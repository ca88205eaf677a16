"""A module that is imported on first attribute access, not where it is named.

Why: the response models (roleplay_sdk._models, ~15 ms of attrs class building) are needed
only once an answer is parsed. Operations import `models` from here and write
`models.RoleplayPreview`; mypy sees the real module, the running code a LazyModule.
importlib's lock makes the first import thread-safe, unlike importlib.util.LazyLoader on 3.11.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = ["LazyModule", "models"]


class LazyModule:
    """Stands for the module `name`; each attribute read is answered by the real module."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            # Kept once imported (a module is not reloaded under a running client): later
            # reads skip importlib's machinery, a few functions on every call otherwise.
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


if TYPE_CHECKING:
    from roleplay_sdk import _models as models
else:
    models = LazyModule("roleplay_sdk._models")
