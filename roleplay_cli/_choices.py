"""Options that take one of the SDK's allowed values (roleplay_sdk.PERSONAS, DEPTHS, ...).

The values are the SDK's public tuples, so `--help`, the usage errors and the SDK agree
(tests/test_cli.py checks them against openapi.yaml's enumerations). An option takes what the
SDK takes: any case, and spaces
or hyphens for underscores (`--roleplay-type customer-success`); --help and the usage error
list the canonical values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer

from roleplay_sdk import snap_duration

_SEPARATORS = re.compile(r"[\s-]+")


def canonical(value: str, values: tuple[str, ...]) -> str | None:
    """The allowed value `value` spells ("Customer-Success" -> "customer_success"), or None."""
    folded = _SEPARATORS.sub("_", value.strip().lower())
    return folded if folded in values else None


def _parser(values: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        found = canonical(value, values)
        if found is None:
            allowed = ", ".join(repr(item) for item in values)
            raise typer.BadParameter(f"{value!r} is not one of {allowed}.")
        return found

    return parse


def _completion(values: tuple[str, ...]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [value for value in values if value.startswith(incomplete.lower())]

    return complete


def choice_option(values: tuple[str, ...], *flags: str, help: str) -> Any:
    """A typer.Option taking one of `values` as the SDK spells them loosely.

    A parser rather than an Enum: click's Choice folds case only, so `customer-success`
    would be a usage error although the SDK takes it.
    """
    return typer.Option(
        *flags,
        parser=_parser(values),
        metavar=f"<{'|'.join(values)}>",
        autocompletion=_completion(values),
        help=help,
    )


def snapped_duration(duration: str | None, depth: str | None) -> int | None:
    """The minutes the SDK will send for --duration (None when it is absent or invalid)."""
    if duration is None:
        return None
    try:
        return snap_duration(duration, depth)
    except ValueError:
        return None  # the call itself reports it, naming --duration
