"""`roleplay plan`: what an agent would do with the words first, then the details.

plan() answers the RoleplayClient method itself (roleplay_sdk.Operation); the call is spelled
out from the Plan's fields, so a reader sees the method and the arguments the plan filled,
and `<placeholders>` for what the words did not give. A plan that asks first or routes away
makes no call: it says so, and what to ask or where the words belong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from roleplay_sdk import Operation, Plan

_AGENTS = {
    "interview": "the Interview Agent",
    "resume": "the Resume Agent",
    "qscore": "the Q Score Agent",
    "grow": "the Grow Agent",
}
_VIDEO = "session_video"  # artifact_url's default artifact_type
#: Fields shown in the headline, not again under "Details".
_HEADLINE = frozenset({"agent", "operation", "reason", "clarifying_questions", "missing"})


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if '"' in value else f'"{value}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _session(result: Plan) -> str:
    if len(result.session_ids) > 1:
        return f"<one of {', '.join(result.session_ids)}>"
    return _literal(result.session_ids[0]) if result.session_ids else "<session_id>"


def _assignments(result: Plan) -> str:
    return _literal(list(result.assignment_ids)) if result.assignment_ids else "<assignment_ids>"


def _scenario(result: Plan, brief: str | None) -> list[str]:
    shown = brief or (_literal(result.brief) if result.brief is not None else "<brief>")
    args = [f"brief={shown}"]
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


def _assign(result: Plan, brief: str | None) -> list[str]:
    emails = _literal(list(result.emails)) if result.emails else "<assignees>"
    title = _literal(result.title) if result.title is not None else "<title>"
    return [emails, *_scenario(result, brief), f"title={title}"]


def _list_filters(result: Plan, brief: str | None) -> list[str]:
    filters = [f"email={_literal(result.emails[0])}"] if result.emails else []
    if result.status is not None:
        filters.append(f"status={_literal(result.status)}")
    return filters


#: Each operation that calls the service -> its arguments, `<placeholders>` for what the plan
#: lacks. Used for the plans that are not ready; a ready plan shows Plan.arguments() itself.
ARGUMENTS: dict[Operation, Callable[[Plan, str | None], list[str]]] = {
    Operation.PREVIEW: _scenario,
    Operation.START: _scenario,
    Operation.CREATE_ASSIGNMENTS: _assign,
    Operation.EDIT_QUESTIONS: lambda r, _: [_session(r), "<prompts>"],
    Operation.APPROVE: lambda r, _: [_session(r)],
    Operation.REVIEW: lambda r, _: [_session(r)],
    Operation.LEADERBOARD: lambda r, _: [],
    Operation.ARTIFACT_URL: lambda r, _: [_session(r), _literal(r.artifact_type or _VIDEO)],
    Operation.UPLOAD_VIDEO: lambda r, _: [_session(r), "<video file>"],
    Operation.LIST_ASSIGNMENTS: _list_filters,
    Operation.UNASSIGN: lambda r, _: [_assignments(r)],
    Operation.BULK_RESULTS: lambda r, _: [_assignments(r)],
}


def call_text(result: Plan, *, brief: str | None = None) -> str | None:
    """`client.preview(brief="...", ...)`: the call the plan leads to; None when there is none.

    A ready plan shows exactly what Plan.call() runs (Plan.arguments()); one that lacks an
    argument shows a `<placeholder>` for it. `brief`, when given, is shown in place of the
    plan's brief (e.g. "<the words above>").
    """
    if result.agent != "roleplay" or result.operation is None:
        return None
    placeholders = ARGUMENTS.get(result.operation)
    if placeholders is None:  # Operation.ASK: the person is asked first
        return None
    if result.ready:
        args, kwargs = result.arguments()
        shown = [_literal(value) for value in args]
        shown += [
            f"{name}={brief if name == 'brief' and brief else _literal(value)}"
            for name, value in kwargs.items()
        ]
    else:
        shown = placeholders(result, brief)
    return f"client.{result.operation.value}({', '.join(shown)})"


def _value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _headline(result: Plan, call: str | None) -> list[str]:
    if result.agent != "roleplay" or result.operation is None:
        where = _AGENTS.get(result.agent, result.agent)
        return [
            f"Agent: {result.agent} - routed away to {where}; "
            "nothing is sent to the roleplay service.",
            f"Why: {result.reason}",
        ]
    if result.operation is Operation.ASK:
        return [
            "Agent: roleplay - ask first; no call until the person says what to practise.",
            f"Why: {result.reason}",
        ]
    return [
        f"Agent: roleplay - {result.operation.value}",
        f"Why: {result.reason}",
        f"Call: {call}",
    ]


def plan_lines(result: Plan, *, brief: str | None = None) -> list[str]:
    """The headline (agent, operation, call, questions), then the non-empty details."""
    call = call_text(result, brief=brief)
    lines = _headline(result, call)
    if result.clarifying_questions:
        # Only an "ask" plan waits for the answers; otherwise they refine a call that can go
        # ahead ("if enough context exists, create a preview rather than stalling").
        asks = result.operation is Operation.ASK
        lines.append("Ask first:" if asks else "Could also ask (the call need not wait):")
        lines.extend(f"  - {question}" for question in result.clarifying_questions)
    if result.missing and result.operation is not Operation.ASK:
        lines.append(f"Still needs: {', '.join(result.missing)}")
    elif call is not None and not result.ready and len(result.session_ids) > 1:
        lines.append(f"Still needs: one session_id (the words name {len(result.session_ids)})")
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
