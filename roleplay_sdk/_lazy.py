"""A module that is imported on first attribute access, not where it is named.

Why: the response models (roleplay_sdk._models, ~15 ms of attrs class building) are needed
only once an answer is parsed. Operations refer to them as `models.RoleplayPreview` through a
LazyModule, and import the real module under TYPE_CHECKING, so mypy still sees every type.
importlib's lock makes the first import thread-safe, unlike importlib.util.LazyLoader on 3.11.
"""

from __future__ import annotations

import importlib
from typing import Any


class LazyModule:
    """Stands for the module `name`; each attribute read is answered by the real module."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"
