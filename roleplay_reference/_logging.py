"""Logging that never carries a secret, at any level.

Browsers send the bearer token as `?token=` on the WebSocket and on the frontend page, and a
presigned URL's query is its authorization, so uvicorn's access and WebSocket lines (and its
TRACE dumps of ASGI scopes) would write them out. A filter on every handler rewrites each
record before it is formatted: secret query values, `Bearer` credentials and the service's
known tokens become `[redacted]`, in the message, its arguments and any traceback.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted]"

_SECRET_QUERY = re.compile(
    r"(?i)\b(token|access_token|signature|sig|api_key|x-amz-signature|x-amz-credential)"
    r"(=|%3D)[^&\s'\"#<>]*"
)
_BEARER = re.compile(r"(?i)\b(bearer)(\s+|%20|\+)[^\s'\",;)\]}]+")
_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "roleplay_reference")
#: uvicorn logs these client faults at ERROR with a traceback; they are the client's doing
#: (the socket is closed with the proper code), so they are written as one WARNING line.
_CLIENT_FAULTS = frozenset({"Invalid UTF-8 sequence received from client."})


class Redactor:
    """Replaces secrets in text: credential-like query values, bearer tokens, known tokens."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        known = sorted({s for s in secrets if s}, key=len, reverse=True)
        self._known = re.compile("|".join(map(re.escape, known))) if known else None

    def __call__(self, text: str) -> str:
        text = _SECRET_QUERY.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
        text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
        if self._known is not None:
            text = self._known.sub(REDACTED, text)
        return text


class RedactingFilter(logging.Filter):
    """A handler filter: the record it lets through holds no secret (see the module docstring)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.redact = Redactor(secrets)
        self._formatter = logging.Formatter()

    def _arg(self, value: Any) -> Any:
        if isinstance(value, bool | int | float) or value is None:
            return value  # %d and friends keep working
        return self.redact(value if isinstance(value, str) else str(value))

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg in _CLIENT_FAULTS:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info, record.exc_text = None, None
        if isinstance(record.msg, str):
            record.msg = self.redact(record.msg)
        else:
            record.msg = self.redact(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(self._arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: self._arg(v) for k, v in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def log_config(level: str | int, secrets: Iterable[str] = ()) -> dict[str, Any]:
    """uvicorn's logging configuration, with the redacting filter on every handler and the
    service's own `roleplay_reference` logger going where uvicorn's error log goes."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    known = list(secrets)
    config["filters"] = {"redact": {"()": lambda: RedactingFilter(known)}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    config["loggers"]["roleplay_reference"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": True,
    }
    numeric = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    if isinstance(numeric, int):
        for name in _LOGGERS:
            config["loggers"].setdefault(name, {})["level"] = numeric
    return config
