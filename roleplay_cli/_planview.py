"""`roleplay plan`: what an agent would do with the words first, then the details.

The SDK call is spelled out from the Plan's fields, so a reader sees the method and the
arguments the plan filled, and `<placeholders>` for what the words did not give.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from roleplay_sdk import Plan

#: Older Plan.operation names -> the SDK method they stand for. Kept in this one place: once
#: plan() answers the method names themselves, it maps nothing and can go.
_METHOD_FOR = {"configure": "start", "artifact": "artifact_url", "video_upload": "upload_video"}
#: Operations that never reach the service: the agent asks the person first.
_NO_CALL = frozenset({"ask"})
_AGENTS = {
    "interview": "the Interview Agent",
    "resume": "the Resume Agent",
    "qscore": "the Q Score Agent",
    "grow": "the Grow Agent",
}
#: Fields shown in the headline, not again under "Details".
_HEADLINE = frozenset({"agent", "operation", "reason", "clarifying_questions", "missing"})


def sdk_method(operation: str | None) -> str | None:
    if operation is None or operation in _NO_CALL:
        return None
    return _METHOD_FOR.get(operation, operation)


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if '"' in value else f'"{value}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _one(values: tuple[str, ...], placeholder: str) -> str:
    return _literal(values[0]) if values else placeholder


def _scenario(result: Plan, brief: str) -> list[str]:
    args = [f"brief={brief}"]
    for name in ("roleplay_type", "duration_minutes", "persona_id", "conversation_type"):
        value = getattr(result, name)
        if value is not None:
            args.append(f"{name}={_literal(value)}")
    metadata = {
        key: getattr(result, key)
        for key in ("company", "target_role")
        if getattr(result, key) is not None
    }
    if metadata:
        args.append(f"metadata={_literal(metadata)}")
    return args


def call_text(result: Plan, words: str, *, brief: str | None = None) -> str | None:
    """`client.preview(brief="...", ...)`: the call the plan leads to; None when there is none.

    The brief is the words themselves, shown as `brief` when given (e.g. "<the words above>").
    """
    shown = brief if brief is not None else _literal(words)
    method = sdk_method(result.operation)
    if method is None or result.agent != "roleplay":
        return None
    session = _one(result.session_ids, "<session_id>")
    assignments = (
        _literal(list(result.assignment_ids)) if result.assignment_ids else "<assignment_ids>"
    )
    args: list[str]
    if method in {"preview", "start"}:
        args = _scenario(result, shown)
    elif method == "create_assignments":
        emails = _literal(list(result.emails)) if result.emails else "<assignees>"
        args = [emails, *_scenario(result, shown), "title=<title>"]
    elif method == "edit_questions":
        args = [session, "<prompts>"]
    elif method == "artifact_url":
        args = [session, _literal(result.artifact_type or "session_video")]
    elif method == "upload_video":
        args = [session, "<video file>"]
    elif method in {"approve", "review"}:
        args = [session]
    elif method in {"unassign", "bulk_results"}:
        args = [assignments]
    elif method == "list_assignments":
        args = [f"email={_literal(result.emails[0])}"] if result.emails else []
    else:
        args = []
    return f"client.{method}({', '.join(args)})"


def _value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def plan_lines(result: Plan, words: str, *, brief: str | None = None) -> list[str]:
    """The headline (agent, operation, call, questions), then the non-empty details."""
    lines: list[str] = []
    if result.agent != "roleplay":
        lines.append(
            f"Agent: {result.agent} - routed away to {_AGENTS.get(result.agent, result.agent)};"
            " nothing is sent to the roleplay service."
        )
        lines.append(f"Why: {result.reason}")
    else:
        lines.append(f"Agent: roleplay - {result.operation or 'no operation'}")
        lines.append(f"Why: {result.reason}")
        call = call_text(result, words, brief=brief)
        if call is not None:
            lines.append(f"Call: {call}")
    if result.clarifying_questions:
        lines.append("Ask first:")
        lines.extend(f"  - {question}" for question in result.clarifying_questions)
    if result.missing:
        lines.append(f"Still needs: {', '.join(result.missing)}")
    details = [
        (name, value)
        for name, value in result.to_dict().items()
        if name not in _HEADLINE and value not in (None, [], (), "")
    ]
    if details:
        lines.append("Details:")
        width = max(len(name) for name, _ in details)
        lines.extend(f"  {name:<{width}}  {_value(value)}" for name, value in details)
    return lines
