"""plan(): the roleplay agent's decision about a person's words, as a deterministic function.

A small scorer over roleplay_sdk._signals.SIGNALS: every intent the words carry becomes a
candidate; the strongest candidates compete on the order the person will act on them; the
winner's fields are filled from the same table. No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from roleplay_sdk._exceptions import RoleplayValidationError
from roleplay_sdk._normalize import DEEP, DEFAULT_DURATION, PERSONAS, QUICK, snap_duration
from roleplay_sdk._signals import (
    Hit,
    best_roleplay_type,
    intent_of,
    normalize_text,
    scan,
    wordset,
)

AGENTS = ("roleplay", "interview", "resume", "qscore", "grow")
OPERATIONS = (
    "preview",
    "configure",
    "edit_questions",
    "approve",
    "review",
    "leaderboard",
    "artifact",
    "video_upload",
    "create_assignments",
    "list_assignments",
    "unassign",
    "bulk_results",
)
MAX_UTTERANCE_LENGTH = 10_000
STRONG = 2  # a candidate with a hit this heavy is something the person asks for

SCENARIO_OPERATIONS = frozenset({"preview", "configure", "create_assignments"})
SESSION_OPERATIONS = frozenset({"edit_questions", "approve", "review", "artifact", "video_upload"})
ASSIGNMENT_OPERATIONS = frozenset({"unassign", "bulk_results"})

QUESTION_SITUATION = "What conversation do you want to practise, and what is it about?"
QUESTION_COUNTERPART = (
    "Who will you be talking to (for example a recruiter, your manager or a customer)?"
)
QUESTION_OUTCOME = "What outcome do you want from the conversation?"

REASONS = {
    "interview": "Mock interviews and interview questions belong to the Interview Agent.",
    "resume": "Resumes, tailoring, ATS and cover letters belong to the Resume Agent.",
    "qscore": "A career readiness (Q) score or its changes belong to the Q Score Agent.",
    "grow": "General career advice without a practice scenario belongs to the Grow Agent.",
    "nothing": "Nothing asks for practice or a roleplay operation, so the Grow Agent answers.",
    "preview": "A scenario was asked for without an explicit start, so preview a draft first.",
    "held": "The start is negated or deferred, so preview a draft first.",
    "configure": "The person explicitly asked to start now, so create the session immediately.",
    "start_draft": "Starting an existing draft means approving it.",
    "edit_questions": "The person wants to change a draft's questions before approval.",
    "approve": "The person approved the draft, so activate its session.",
    "review": "The person asked how a roleplay went: its review, scores and feedback.",
    "leaderboard": "The person asked for the top completed roleplay reviews.",
    "artifact": "The person asked for a session's recording or transcript file.",
    "video_upload": "The person wants to upload a session recording for analysis.",
    "create_assignments": "The person wants to assign a roleplay to other people.",
    "list_assignments": "The person asked which roleplays are assigned.",
    "unassign": "The person wants assignments removed.",
    "bulk_results": "The person asked for the results of several assignments.",
}


@attrs.frozen(slots=True)
class Plan:
    """What to do with a person's words; fields a call needs are filled when the words give them.

    agent is "roleplay" or where the request belongs instead (operation is then None).
    roleplay_type, duration_minutes, clarifying_questions (at most two) and conversation_type
    are set for the operations that create a scenario: preview, configure, create_assignments.
    session_ids/assignment_ids/emails come from the words, else from context when the
    operation needs them; `missing` names what the call still needs (e.g. "session_id").
    later_intents are further requests in the same words, in the order they come after this
    one; signals names the table rows that matched (for explaining a decision).
    """

    agent: str
    operation: str | None
    reason: str
    roleplay_type: str | None = None
    duration_minutes: int | None = None
    clarifying_questions: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    session_ids: tuple[str, ...] = ()
    assignment_ids: tuple[str, ...] = ()
    persona_id: str | None = None
    company: str | None = None
    target_role: str | None = None
    conversation_type: str | None = None
    artifact_type: str | None = None
    missing: tuple[str, ...] = ()
    later_intents: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()

    @property
    def needs_clarification(self) -> bool:
        return bool(self.clarifying_questions)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples as lists)."""
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in attrs.asdict(self, recurse=False).items()
        }


# --- candidates --------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Candidate:
    key: str  # an agent routed to, "create" (preview/configure), an operation, or "grow"
    hits: tuple[Hit, ...]

    @property
    def weight(self) -> int:
        return max(hit.signal.weight for hit in self.hits)

    @property
    def order(self) -> tuple[int, int]:
        """(clause rank, position) of the first strong hit: the order the person acts in."""
        strong = [hit for hit in self.hits if hit.signal.weight >= STRONG] or list(self.hits)
        return (strong[0].rank, strong[0].start)

    @property
    def starts(self) -> bool:
        return any(hit.signal.kind == "start" for hit in self.hits)

    @property
    def label(self) -> str:
        if self.key == "create":
            return "configure" if self.starts else "preview"
        return self.key


def _serves_route_away(hit: Hit, hits: Sequence[Hit]) -> bool:
    """A practise/start word in the same clause as a route-away topic is about that topic
    ("rehearse my answers for a panel interview"), unless the clause names a practice scenario."""
    if intent_of(hit.signal) != "create":
        return False
    same_clause = [other for other in hits if other.clause == hit.clause]
    return any(other.signal.kind == "agent" for other in same_clause) and not any(
        other.signal.kind == "roleplay_type" and other.signal.weight >= STRONG
        for other in same_clause
    )


def _candidates(hits: Sequence[Hit]) -> list[_Candidate]:
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        if _serves_route_away(hit, hits):
            continue
        key = intent_of(hit.signal)
        if key is not None:
            grouped.setdefault(key, []).append(hit)
    return [_Candidate(key, tuple(found)) for key, found in grouped.items()]


def _choose(candidates: list[_Candidate], hits: Sequence[Hit]) -> tuple[str, list[_Candidate]]:
    """The candidate acted on first, and the other strong ones in the order they come after it."""
    acting = [c for c in candidates if c.key != "grow"]
    strong = sorted((c for c in acting if c.weight >= STRONG), key=lambda c: (*c.order, -c.weight))
    if strong:
        return strong[0].key, strong[1:]
    if acting:
        return max(acting, key=lambda c: (c.weight, -c.order[1])).key, []
    if any(c.key == "grow" for c in candidates):
        return "grow", []
    scenario_weight = sum(hit.signal.weight for hit in hits if hit.signal.kind == "roleplay_type")
    return ("create" if scenario_weight >= STRONG else "nothing"), []


# --- what the words name ---------------------------------------------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_SESSION_ID = re.compile(
    r"(?<![A-Za-z0-9_-])(rps_[A-Za-z0-9_-]+)|\bsessions?\s+(?:id\s+)?([A-Za-z0-9-]*[0-9_][A-Za-z0-9_-]*)"
)
_ASSIGNMENT_ID = re.compile(
    r"(?<![A-Za-z0-9_-])(asg_[A-Za-z0-9_-]+)|\bassignments?\s+(?:id\s+)?([A-Za-z0-9-]*[0-9_][A-Za-z0-9_-]*)"
)
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_NAME = r"[A-Z][A-Za-z0-9&]*(?:[.&-][A-Za-z0-9&]+)*"
_COMPANY_AFTER = re.compile(
    rf"\b(at|from|with|for|joining|join)\s+({_NAME}(?:\s+{_NAME}){{0,3}})(?:'s)?(?:\s+(\w+))?"
)
_COMPANY_BEFORE_ROLE = re.compile(
    rf"\b(?:[Tt]he\s+({_NAME})|({_NAME})'s)\s+"
    r"(?i:recruiter|hiring manager|manager|cfo|ceo|cto|vp|team|buyer|procurement|account)\b"
)
_NOT_COMPANIES = wordset(
    "i i'm q pm ats cv pdf hr vp ceo cto cfo coo sla qbr ai lgtm ok okay the a an my"
    " monday tuesday wednesday thursday friday saturday sunday january february march"
    " april may june july august september october november december senior staff junior"
) | frozenset(PERSONAS)
# After "with <Name>", these words suggest a person ("with Priya about ..."), not a company.
_PERSON_FOLLOWERS = frozenset({"from", "at", "about", "as", "who", "on", "to", "and"})
_ROLE_SUFFIX = r"(?i:role|position|job|opening)"
_TARGET_ROLE = re.compile(
    r"\b(?:for|as|about|into)\s+(?:an?|the|my|this)\s+((?:[A-Za-z][\w/+.&-]*\s+){0,4}?[A-Za-z][\w/+.&-]*)\s+"
    + _ROLE_SUFFIX
    + r"\b"
    r"|(?i:\bas\s+an?\s+((?:[a-z][\w/+-]*\s+){0,3}?(?:engineer|manager|scientist|analyst|designer|developer"
    r"|pm|lead|director|consultant|executive|representative|rep|specialist|architect|marketer"
    r"|recruiter|accountant|officer|associate|intern))\b)"
    r"|(?i:\btarget role\s*[:=]?\s*([^,.;]+))"
)
_NOT_ROLES = wordset(
    "senior junior new better different higher bigger next similar good great dream first"
)
_MINUTES = re.compile(
    r"\b(\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|hrs?)\b"
    r"|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|twenty five"
    r"|thirty|forty|forty five|sixty)\s+(minutes?|mins?)\b"
    r"|\b(half (?:an )?hour)\b|\b((?:an|one) hour|hour long)\b"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty five": 25,
    "thirty": 30, "forty": 40, "forty five": 45, "sixty": 60,
}  # fmt: skip
_ARTIFACT_TYPES = (
    (re.compile(r"\baudio\b"), "session_audio"),
    (re.compile(r"\btranscripts?\b"), "transcript"),
    (re.compile(r"\b(?:video|recording|webm)s?\b"), "session_video"),
)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _ids(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    found = (match.group(1) or match.group(2) for match in pattern.finditer(text))
    return _unique(value for value in found if value and _ID.fullmatch(value))


def _company(text: str) -> str | None:
    candidates: list[tuple[int, str]] = []
    for match in _COMPANY_AFTER.finditer(text):
        preposition, name, follower = match.group(1), match.group(2), match.group(3)
        if preposition == "with" and follower is not None and follower in _PERSON_FOLLOWERS:
            continue
        candidates.append((match.start(2), name))
    for match in _COMPANY_BEFORE_ROLE.finditer(text):
        name = match.group(1) or match.group(2)
        candidates.append((match.start(), name))
    for _, name in sorted(candidates):
        if name.lower() not in _NOT_COMPANIES:
            return name
    return None


def _target_role(text: str) -> str | None:
    for match in _TARGET_ROLE.finditer(text):
        role = next(group for group in match.groups() if group is not None).strip()
        if role.lower() not in _NOT_ROLES:
            return role
    return None


def _minutes(normalized: str) -> float | None:
    match = _MINUTES.search(normalized)
    if match is None:
        return None
    number, unit, word, _word_unit, half, _hour = match.groups()
    if number is not None:
        value = float(number)
        return value * 60 if unit.startswith(("hour", "hr")) else value
    if word is not None:
        return float(_NUMBER_WORDS[word])
    return 30.0 if half is not None else 60.0


def _duration(normalized: str, hits: Sequence[Hit], context: Mapping[str, Any]) -> int:
    """An explicit number snapped like normalize_request; else quick 5 / deep 30; else 15."""
    minutes = _minutes(normalized)
    if minutes is not None and minutes > 0:
        return snap_duration(minutes)
    votes = {QUICK: 0, DEEP: 0}
    for hit in hits:
        if hit.signal.kind == "duration":
            votes[int(hit.signal.value)] += hit.signal.weight
    if votes[QUICK] != votes[DEEP]:
        return QUICK if votes[QUICK] > votes[DEEP] else DEEP
    if context.get("duration_minutes") is not None:
        try:
            return snap_duration(context["duration_minutes"])
        except RoleplayValidationError as error:
            raise RoleplayValidationError("context.duration_minutes", str(error)) from None
    return DEFAULT_DURATION


def _questions(hits: Sequence[Hit], context: Mapping[str, Any]) -> tuple[str, ...]:
    """At most two, and only when the situation or the counterpart is unclear."""
    if context.get("conversation_type"):
        hits = (*hits, *scan(str(context["conversation_type"]).replace("_", " ")))
    kinds = {hit.signal.kind for hit in hits}
    situation = "roleplay_type" in kinds or bool(
        context.get("conversation_type") or context.get("brief")
    )
    counterpart = (
        "counterpart" in kinds
        or any(hit.signal.implies_counterpart for hit in hits)
        or bool(context.get("counterpart") or context.get("brief"))
    )
    if situation and counterpart:
        return ()
    questions = []
    if not situation:
        questions.append(QUESTION_SITUATION)
    if not counterpart:
        questions.append(QUESTION_COUNTERPART)
    if "outcome" not in kinds:
        questions.append(QUESTION_OUTCOME)
    return tuple(questions[:2])


def _conversation_type(hits: Sequence[Hit], roleplay_type: str) -> str | None:
    typed = [
        hit
        for hit in hits
        if hit.signal.kind == "roleplay_type" and hit.signal.value == roleplay_type
    ]
    if not typed:
        return None
    return max(typed, key=lambda hit: (hit.signal.weight, -hit.start)).signal.name.replace(" ", "_")


# --- context ---------------------------------------------------------------------------------


def _context_strings(context: Mapping[str, Any], single: str, plural: str) -> tuple[str, ...]:
    values: list[str] = []
    if context.get(single) is not None:
        values.append(context[single])
    if context.get(plural) is not None:
        many = context[plural]
        if isinstance(many, str) or not isinstance(many, Iterable):
            raise RoleplayValidationError(f"context.{plural}", "must be a list of strings")
        values.extend(many)
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise RoleplayValidationError(
                f"context.{plural}", f"must hold non-blank strings, got {value!r}"
            )
        if plural != "emails" and not _ID.fullmatch(value.strip()):
            raise RoleplayValidationError(
                f"context.{plural}", f"IDs must match ^[A-Za-z0-9_-]{{1,64}}$, got {value[:80]!r}"
            )
    return _unique(value.strip() for value in values)


_CONTEXT_STRINGS = (
    "persona_id",
    "company",
    "target_role",
    "conversation_type",
    "brief",
    "counterpart",
)


def _context(context: object) -> Mapping[str, Any]:
    if context is None:
        return {}
    if not isinstance(context, Mapping):
        raise RoleplayValidationError("context", "must be a mapping (or None)")
    for key in _CONTEXT_STRINGS:
        value = context.get(key)
        if value is not None and not isinstance(value, str):
            raise RoleplayValidationError(f"context.{key}", "must be a string")
    return context


def _context_persona(context: Mapping[str, Any]) -> str | None:
    value = context.get("persona_id")
    if value is None:
        return None
    persona = str(value).strip().lower()
    if persona not in PERSONAS:
        raise RoleplayValidationError("context.persona_id", f"must be one of {', '.join(PERSONAS)}")
    return persona


# --- plan ------------------------------------------------------------------------------------


def plan(utterance: str, *, context: Mapping[str, Any] | None = None) -> Plan:
    """Decide what the roleplay agent does with a person's words (see the seed).

    `context` may carry what the words refer to: session_id(s), assignment_id(s), emails,
    persona_id, company, target_role, conversation_type, brief, duration_minutes.
    """
    if not isinstance(utterance, str):
        raise RoleplayValidationError("utterance", "must be a string")
    if len(utterance) > MAX_UTTERANCE_LENGTH:
        raise RoleplayValidationError(
            "utterance", f"must be at most {MAX_UTTERANCE_LENGTH} characters"
        )
    ctx = _context(context)
    hits = scan(utterance)
    normalized = normalize_text(utterance)
    candidates = _candidates(hits)
    chosen, later = _choose(candidates, hits)
    by_key = {candidate.key: candidate for candidate in candidates}

    emails = _unique(_EMAIL.findall(utterance))
    session_ids = _ids(_SESSION_ID, utterance)
    assignment_ids = _ids(_ASSIGNMENT_ID, utterance)
    personas = [hit.signal.value for hit in hits if hit.signal.kind == "persona"]
    found_type = best_roleplay_type(hits)
    common: dict[str, Any] = {
        "emails": emails,
        "persona_id": personas[0] if personas else _context_persona(ctx),
        "company": _company(utterance) or ctx.get("company"),
        "target_role": _target_role(utterance) or ctx.get("target_role"),
        "signals": _unique(hit.signal.name for hit in hits),
        "later_intents": tuple(candidate.label for candidate in later),
    }

    if chosen in {"interview", "resume", "qscore", "grow", "nothing"}:
        agent = "grow" if chosen == "nothing" else chosen
        return Plan(
            agent=agent,
            operation=None,
            reason=REASONS[chosen],
            session_ids=session_ids,
            assignment_ids=assignment_ids,
            **common,
        )

    operation = chosen
    reason_key = chosen
    if chosen == "create":
        create = by_key.get("create")
        starts = create is not None and create.starts
        held = any(hit.signal.kind == "hold" for hit in (create.hits if create else ()))
        operation = "configure" if starts else "preview"
        reason_key = operation if starts or not held else "held"
        if starts and session_ids:
            operation, reason_key = "approve", "start_draft"

    if not session_ids and operation in SESSION_OPERATIONS:
        session_ids = _context_strings(ctx, "session_id", "session_ids")
    if not assignment_ids and operation in ASSIGNMENT_OPERATIONS:
        assignment_ids = _context_strings(ctx, "assignment_id", "assignment_ids")
    if not emails and operation == "create_assignments":
        common["emails"] = _context_strings(ctx, "email", "emails")

    missing: list[str] = []
    if operation in SESSION_OPERATIONS and not session_ids:
        missing.append("session_id")
    if operation in ASSIGNMENT_OPERATIONS and not assignment_ids:
        missing.append("assignment_ids")
    if operation == "create_assignments" and not common["emails"]:
        missing.append("assignees")
    if operation == "edit_questions":
        missing.append("prompts")

    scenario: dict[str, Any] = {}
    if operation in SCENARIO_OPERATIONS:
        roleplay_type = found_type
        if roleplay_type is None and ctx.get("conversation_type"):
            given = str(ctx["conversation_type"]).replace("_", " ")
            roleplay_type = best_roleplay_type(scan(given))
        roleplay_type = roleplay_type or "custom"
        scenario = {
            "roleplay_type": roleplay_type,
            "duration_minutes": _duration(normalized, hits, ctx),
            "clarifying_questions": _questions(hits, ctx),
            "conversation_type": _conversation_type(hits, roleplay_type)
            or ctx.get("conversation_type"),
        }
    artifact_type = None
    if operation == "artifact":
        artifact_type = next(
            (kind for pattern, kind in _ARTIFACT_TYPES if pattern.search(normalized)),
            "session_video",
        )

    reason = REASONS[reason_key]
    if later:
        names = ", ".join(candidate.label for candidate in later)
        reason = f"{reason[:-1]}; it comes first, then: {names}."
    return Plan(
        agent="roleplay",
        operation=operation,
        reason=reason,
        session_ids=session_ids,
        assignment_ids=assignment_ids,
        artifact_type=artifact_type,
        missing=tuple(missing),
        **scenario,
        **common,
    )
