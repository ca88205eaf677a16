"""Checks of method arguments before anything is sent; each failure names the field.

Patterns and bounds are openapi.yaml's (components.schemas / parameters); the client tests
compare them with the spec so the two cannot drift apart silently.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import httpx

from roleplay_sdk._exceptions import RoleplayValidationError
from roleplay_sdk._normalize import ROLEPLAY_TYPES

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
USER_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}$"
EMAIL_PATTERN = (
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
EMAIL_MIN_LENGTH, EMAIL_MAX_LENGTH = 3, 254
IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9_.:-]{8,128}$"
SHORT_TEXT_MAX_LENGTH = 200
SHORT_TEXT_PATTERN = r"^[^\u0000-\u001f]*$"
PROMPT_MAX_LENGTH = 500
PROMPTS_MAX_ITEMS = 20
MAX_IDS = 100
ARTIFACT_TYPES = ("session_video", "session_audio", "transcript")
ASSIGNMENT_STATUSES = ("assigned", "in_progress", "completed", "unassigned")
LEADERBOARD_LIMIT = (1, 100)
PAGE_LIMIT = (1, 100)
VIDEO_CONTENT_TYPES = ("video/webm",)
VIDEO_MAX_BYTES = 2147483648
T = TypeVar("T")


def _fullmatch(pattern: str, value: str) -> bool:
    return re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value) is not None


def identifier(field: str, value: object, pattern: str = ID_PATTERN) -> str:
    """A session, assignment or upload ID (or a user ID with USER_ID_PATTERN)."""
    if not isinstance(value, str) or not _fullmatch(pattern, value):
        raise RoleplayValidationError(field, f"must be a string matching {pattern}, got {value!r}")
    return value


def items(
    field: str, values: object, check: Callable[[str, Any], T], *, most: int | None, noun: str
) -> list[T]:
    """A list (any non-string, non-mapping iterable) of 1 to `most` checked items.

    `most=None` allows any number, none included.
    """
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise RoleplayValidationError(field, f"must be a list of {noun}, not a single value")
    checked = [check(f"{field}[{index}]", value) for index, value in enumerate(values)]
    if most is not None and not 1 <= len(checked) <= most:
        raise RoleplayValidationError(field, f"must hold 1 to {most} {noun}, got {len(checked)}")
    return checked


def identifiers(field: str, values: object, *, max_items: int | None = MAX_IDS) -> list[str]:
    """IDs matching ID_PATTERN: 1 to max_items of them (any number if None)."""
    return items(field, values, identifier, most=max_items, noun="IDs")


def email(field: str, value: object) -> str:
    if (
        not isinstance(value, str)
        or not EMAIL_MIN_LENGTH <= len(value) <= EMAIL_MAX_LENGTH
        or not _fullmatch(EMAIL_PATTERN, value)
    ):
        raise RoleplayValidationError(
            field, f"must be an email address like name@example.com, got {value!r}"
        )
    return value


def bounded_int(field: str, value: object, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RoleplayValidationError(
            field, f"must be an integer from {low} to {high}, got {value!r}"
        )
    return value


def choice(field: str, value: object, allowed: tuple[str, ...]) -> str:
    """One of `allowed`, compared case-insensitively with spaces or hyphens for underscores."""
    if isinstance(value, str):
        folded = re.sub(r"[\s-]+", "_", value.strip().lower())
        if folded in allowed:
            return folded
    raise RoleplayValidationError(field, f"must be one of {', '.join(allowed)}; got {value!r}")


def roleplay_type(value: object) -> str:
    return choice("roleplay_type", value, ROLEPLAY_TYPES)


def short_text(field: str, value: object) -> str:
    """A non-blank label of at most 200 characters without control characters."""
    if not isinstance(value, str) or not value.strip():
        raise RoleplayValidationError(field, "must be a non-blank string")
    text = value.strip()
    if len(text) > SHORT_TEXT_MAX_LENGTH or not _fullmatch(SHORT_TEXT_PATTERN, text):
        raise RoleplayValidationError(
            field, f"must be at most {SHORT_TEXT_MAX_LENGTH} characters without control characters"
        )
    return text


def prompt(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RoleplayValidationError(field, "must be a non-blank string")
    text = value.strip()
    if len(text) > PROMPT_MAX_LENGTH:
        raise RoleplayValidationError(
            field, f"must be at most {PROMPT_MAX_LENGTH} characters, got {len(text)}"
        )
    return text


def prompts(values: object) -> list[str]:
    return items("prompts", values, prompt, most=PROMPTS_MAX_ITEMS, noun="prompts")


def idempotency_key(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _fullmatch(IDEMPOTENCY_KEY_PATTERN, value):
        raise RoleplayValidationError(
            "idempotency_key", f"must match {IDEMPOTENCY_KEY_PATTERN} (e.g. a UUID), got {value!r}"
        )
    return value


def timeout(value: object, default: httpx.Timeout) -> httpx.Timeout:
    """None (the client's default), seconds > 0, or an httpx.Timeout."""
    if value is None:
        return default
    if isinstance(value, httpx.Timeout):
        return value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    ):
        return httpx.Timeout(float(value), connect=min(float(value), default.connect or value))
    raise RoleplayValidationError(
        "timeout", f"must be seconds > 0 or an httpx.Timeout, got {value!r}"
    )


def timestamp(field: str, value: object) -> str:
    """A timezone-aware datetime or an RFC 3339 string, sent as ISO 8601."""
    parsed = value
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            parsed = None
    if not isinstance(parsed, datetime.datetime) or parsed.utcoffset() is None:
        raise RoleplayValidationError(
            field, f"must be a timezone-aware datetime or RFC 3339 string, got {value!r}"
        )
    return parsed.isoformat()


def assignees(values: object) -> list[dict[str, str]]:
    """Emails (plain strings) or mappings with `email` and/or `user_id`: 1 to 100 of them."""
    return items("assignees", values, _assignee, most=MAX_IDS, noun="assignees")


def _assignee(field: str, value: object) -> dict[str, str]:
    if isinstance(value, str):
        return {"email": email(field, value)}
    if isinstance(value, Mapping) and value and set(value) <= {"email", "user_id"}:
        person: dict[str, Any] = dict(value)
        if "email" in person:
            person["email"] = email(f"{field}.email", person["email"])
        if "user_id" in person:
            person["user_id"] = identifier(f"{field}.user_id", person["user_id"], USER_ID_PATTERN)
        return person
    raise RoleplayValidationError(
        field, f"must be an email or a mapping with email and/or user_id, got {value!r}"
    )
