"""Errors as a shell user reads them: CLI flag names, documented exit codes, JSON with --json.

Exit status: 0 success; 1 the service (or the upload URL) failed or refused the call, or the
reference service could not start; 2 bad input or usage, nothing was sent; 130 interrupted.
Any other status a library might raise (uvicorn exits 3 when it cannot bind) becomes 1.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from roleplay_cli._render import emit_json_error, warn
from roleplay_sdk import (
    FALLBACK_MESSAGE,
    APIResponseValidationError,
    APIStatusError,
    RoleplayError,
    RoleplayValidationError,
    ServiceUnavailableError,
)

OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130
EXIT_CODES = (OK, FAILED, USAGE, INTERRUPTED)

#: SDK parameter -> the CLI's flag (or argument) for it, so messages name what the user typed.
FLAGS = {
    "api_token": "--api-token",
    "base_url": "--base-url",
    "user_id": "--user-id",
    "org_id": "--org-id",
    "brief": "--brief",
    "persona_id": "--persona-id",
    "duration_minutes": "--duration",
    "depth": "--depth",
    "roleplay_type": "--roleplay-type",
    "conversation_type": "--conversation-type",
    "limit": "--limit",
    "email": "--email",
    "status": "--status",
    "title": "--title",
    "due_at": "--due-at",
    "opening_prompt": "--opening-prompt",
    "reason": "--reason",
    "artifact_type": "--type",
    "content_type": "--content-type",
    "session_id": "SESSION_ID",
    "prompts": "PROMPTS",
    "assignees": "ASSIGNEES",
    "assignment_ids": "ASSIGNMENT_IDS",
    "video": "VIDEO",
    "utterance": "WORDS",
}
#: Flags that an environment variable can stand in for.
ENVIRONMENT = {
    "--api-token": "ROLEPLAY_API_TOKEN",
    "--base-url": "ROLEPLAY_BASE_URL",
    "--user-id": "ROLEPLAY_USER_ID",
    "--org-id": "ROLEPLAY_ORG_ID",
}
#: Commands whose call would have produced a rehearsal: only they offer the text-only fallback.
REHEARSAL_COMMANDS = frozenset({"preview", "start", "questions", "approve"})
_PYTHON_ARGUMENT = re.compile(r"\b([a-z_]+)=")
_UNAVAILABLE = "The roleplay service is unavailable right now"


def flag_for(field: str) -> str:
    """ "duration_minutes" -> "--duration"; "assignees[2]" -> "ASSIGNEES[2]"."""
    head = re.match(r"[a-z_]+", field)
    if head is None or head.group(0) not in FLAGS:
        return field
    return FLAGS[head.group(0)] + field[head.end() :]


def _validation_message(exc: RoleplayValidationError) -> tuple[str, str]:
    field = flag_for(exc.field)
    text = str(exc).removeprefix(f"{exc.field}: ")
    text = _PYTHON_ARGUMENT.sub(
        lambda m: FLAGS[m.group(1)] if m.group(1) in FLAGS else m.group(0), text
    )
    env = ENVIRONMENT.get(field)
    if env is not None and env not in text:
        text += f" (or set {env})"
    return field, f"{field}: {text}"


def _unavailable_message(exc: ServiceUnavailableError, command: str | None) -> str:
    """The fallback offer only where a rehearsal was asked for; reads just say it is down."""
    text = str(exc)
    if command in REHEARSAL_COMMANDS or not text.startswith(FALLBACK_MESSAGE):
        return text
    detail = text.removeprefix(FALLBACK_MESSAGE).strip()
    return f"{_UNAVAILABLE}; nothing was read or changed. {detail}".rstrip()


def describe(exc: RoleplayError, command: str | None) -> tuple[int, dict[str, Any]]:
    """(exit status, the JSON error object) of an SDK error raised by `command`."""
    info: dict[str, Any] = {
        "type": type(exc).__name__,
        "status": None,
        "request_id": None,
        "message": str(exc),
    }
    code = FAILED
    if isinstance(exc, RoleplayValidationError):
        info["field"], info["message"] = _validation_message(exc)
        code = USAGE
    elif isinstance(exc, ServiceUnavailableError):
        info["message"] = _unavailable_message(exc, command)
    if isinstance(exc, APIStatusError):
        info["status"] = exc.status_code
        info["request_id"] = exc.request_id
        if exc.errors:
            info["errors"] = [dict(item) for item in exc.errors]
    elif isinstance(exc, APIResponseValidationError):
        info["status"] = exc.status_code
    return code, info


def report(info: Mapping[str, Any], *, as_json: bool) -> None:
    if as_json:
        emit_json_error(info)
    else:
        warn(f"error: {info['message']}")


def documented(code: object) -> int:
    """An exit status in the documented set (see the module docstring)."""
    if code is None:
        return OK
    if isinstance(code, int) and not isinstance(code, bool):
        return code if code in EXIT_CODES else FAILED
    return FAILED  # sys.exit("message") and the like


def _wants_json(args: Sequence[str]) -> bool:
    before = list(args)[: list(args).index("--")] if "--" in args else list(args)
    return "--json" in before


class RoleplayGroup(TyperGroup):
    """The root command: usage errors as JSON under --json, and only documented exit codes."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(argv, prog_name, complete_var, False, **extra)
        except typer.Abort:
            warn("Aborted.")
            sys.exit(FAILED)
        except SystemExit as exc:
            sys.exit(documented(exc.code))
        except Exception as exc:
            # click's ClickException (usage errors): duck-typed, as typer may vendor click.
            show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
            if not callable(show) or not isinstance(code, int):
                raise
            if _wants_json(argv):
                formatter = getattr(exc, "format_message", None)
                message = formatter() if callable(formatter) else str(exc)
                emit_json_error(
                    {
                        "type": type(exc).__name__,
                        "status": None,
                        "request_id": None,
                        "message": message,
                    }
                )
            else:
                show()
            sys.exit(documented(code))
        sys.exit(documented(result if isinstance(result, int) else None))
