"""The values the CLI's options accept, taken from the SDK (which copies them from the spec).

One place, so `--help`, the usage errors and the SDK agree; tests/test_cli.py checks them
against openapi.yaml's enumerations.
"""

from __future__ import annotations

import re
from typing import Any

import click

from roleplay_sdk._normalize import DEPTHS, DURATIONS, PERSONAS, ROLEPLAY_TYPES, snap_duration
from roleplay_sdk._validate import ARTIFACT_TYPES, ASSIGNMENT_STATUSES

__all__ = [
    "ARTIFACT_TYPES",
    "ASSIGNMENT_STATUSES",
    "DEPTH_NAMES",
    "DURATIONS",
    "PERSONAS",
    "ROLEPLAY_TYPES",
    "Choice",
    "snapped_duration",
]

DEPTH_NAMES = tuple(DEPTHS)  # ("quick", "deep")
_SEPARATORS = re.compile(r"[\s-]+")


class Choice(click.Choice):  # type: ignore[type-arg]
    """A case-insensitive choice that also takes spaces or hyphens for underscores."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        super().__init__(choices, case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            value = _SEPARATORS.sub("_", value.strip())
        return super().convert(value, param, ctx)


def snapped_duration(duration: str | None, depth: str | None) -> int | None:
    """The minutes the SDK will send for --duration (None when it is absent or invalid)."""
    if duration is None:
        return None
    try:
        return snap_duration(duration, depth)
    except ValueError:
        return None  # the call itself reports it, naming --duration
