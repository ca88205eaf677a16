"""The SDK's error hierarchy: every error the SDK raises is a RoleplayError."""

from __future__ import annotations


class RoleplayError(Exception):
    """Base class of every error raised by roleplay_sdk."""


class RoleplayValidationError(RoleplayError, ValueError):
    """Input rejected before anything was sent; the message names the field and what is allowed."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")
