"""The facade's result values, parsed from the raw JSON by the facade itself.

Why not the generated models: they turn response enums into Python Enums that raise on a
value the spec does not list yet, and they drop nothing but also type nothing loosely. The
contract says enumerations and objects in responses may grow, so here documented fields are
typed, enumerations are plain `str` (an unknown value is kept as it came; `known_values` lists
the spec's values of today), and unknown fields are kept in `extra`. A missing required field
or a wrong type is not guessed around: it raises Malformed, which the client turns into
APIResponseValidationError.

Written by hand beside openapi.yaml, not generated from it: tests/test_spec_drift.py walks
every response schema of the spec and fails, naming the model and field, when the two differ.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple, Self, TypeVar

import attrs

from roleplay_sdk._exceptions import Malformed
from roleplay_sdk._normalize import DURATIONS, PERSONAS, ROLEPLAY_TYPES

T = TypeVar("T")
Parser = Callable[[object, str], T]
_EMPTY: Mapping[str, Any] = MappingProxyType({})

# The values openapi.yaml lists today for its response enumerations. They may grow: a value
# not listed here is kept as it came.
SESSION_STATUSES = ("draft", "active", "completed", "cancelled")
REVIEW_STATUSES = ("pending", "completed")
ASSIGNMENT_STATUSES = ("assigned", "in_progress", "completed", "unassigned")
ANALYSIS_STATUSES = ("processing", "completed", "failed")
ARTIFACT_TYPES = ("session_video", "session_audio", "transcript")
VIDEO_CONTENT_TYPES = ("video/webm",)
UPLOAD_METHODS = ("PUT",)


# --- field parsers: (value, path) -> typed value ---------------------------------------------


def text(value: object, path: str) -> str:
    if isinstance(value, str):
        return value
    raise Malformed(path, f"must be a string, not {type(value).__name__}")


def integer(value: object, path: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Malformed(path, f"must be an integer, not {type(value).__name__}")


def number(value: object, path: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise Malformed(path, f"must be a number, not {type(value).__name__}")


def boolean(value: object, path: str) -> bool:
    if isinstance(value, bool):
        return value
    raise Malformed(path, f"must be true or false, not {type(value).__name__}")


def timestamp(value: object, path: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(text(value, path))
    except ValueError:
        raise Malformed(path, f"is not an RFC 3339 date-time: {value!r}") from None


def json_object(value: object, path: str) -> Mapping[str, Any]:
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return MappingProxyType(dict(value))
    raise Malformed(path, "must be a JSON object")


def string_map(value: object, path: str) -> Mapping[str, str]:
    mapping = json_object(value, path)
    return MappingProxyType({key: text(item, f"{path}.{key}") for key, item in mapping.items()})


# The parsers that return a value of these exact types as it is. from_json and list_of take
# such a value without calling the parser (nor building its path, needed only for an error):
# the type alone decides, so nothing passes that the parser would refuse.
KEEPS: dict[Parser[Any], frozenset[type]] = {
    text: frozenset({str}),
    integer: frozenset({int}),
    boolean: frozenset({bool}),
}
_NO_KEEP: frozenset[type] = frozenset()


def nullable(parse: Parser[T]) -> Parser[T | None]:
    def parse_nullable(value: object, path: str) -> T | None:
        return None if value is None else parse(value, path)

    if parse in KEEPS:
        KEEPS[parse_nullable] = KEEPS[parse] | {type(None)}
    return parse_nullable


def list_of(parse: Parser[T]) -> Parser[tuple[T, ...]]:
    keeps = KEEPS.get(parse, _NO_KEEP)

    def parse_list(value: object, path: str) -> tuple[T, ...]:
        if not isinstance(value, list):
            raise Malformed(path, f"must be a list, not {type(value).__name__}")
        for item in value:
            if type(item) not in keeps:
                break
        else:
            return tuple(value)
        return tuple(parse(item, f"{path}[{index}]") for index, item in enumerate(value))

    return parse_list


def model(cls: type[M]) -> Parser[M]:
    return cls.from_json


# --- the base class --------------------------------------------------------------------------


def required(parse: Parser[Any], *, known: tuple[object, ...] = ()) -> dict[str, Any]:
    """Field metadata: every answer carries the field (possibly null if `parse` is nullable).

    `known` lists an enumeration's values of today (the field may carry others).
    """
    return {"parse": parse, "required": True, "known": known}


def optional(parse: Parser[Any], *, known: tuple[object, ...] = ()) -> dict[str, Any]:
    """Field metadata: the spec does not require the field; absent means the default."""
    return {"parse": parse, "required": False, "known": known}


@attrs.frozen(kw_only=True)
class Model:
    """A response object: documented fields typed, unknown ones kept in `extra`."""

    extra: Mapping[str, Any] = attrs.field(default=_EMPTY, repr=False)

    _plans: ClassVar[dict[type, _Plan]] = {}

    @classmethod
    def from_json(cls, data: object, path: str = "$") -> Self:
        """Parse a decoded JSON value; raises Malformed with the offending path."""
        if not isinstance(data, dict):
            raise Malformed(path, f"must be a JSON object, not {type(data).__name__}")
        plan = Model._plans.get(cls) or cls._plan()
        values: dict[str, Any] = {}
        for name, parse, is_required, keeps in plan.fields:
            if name in data:
                value = data[name]
                values[name] = value if type(value) in keeps else parse(value, f"{path}.{name}")
            elif is_required:
                raise Malformed(f"{path}.{name}", "is required but missing")
        if len(values) == len(data):  # every key is a documented field: nothing extra
            return cls(**values)
        names = plan.names
        extra = {key: value for key, value in data.items() if key not in names}
        return cls(**values, extra=MappingProxyType(extra))

    @classmethod
    def known_values(cls, name: str) -> tuple[object, ...]:
        """The values the spec lists today for the enumeration field `name` (it may grow)."""
        return tuple(attrs.fields_dict(cls)[name].metadata.get("known", ()))

    @classmethod
    def _plan(cls) -> _Plan:
        """The class's fields with their parsers, read from attrs once per class."""
        fields = tuple(
            (
                field.name,
                field.metadata["parse"],
                field.metadata["required"],
                KEEPS.get(field.metadata["parse"], _NO_KEEP),
            )
            for field in attrs.fields(cls)
            if "parse" in field.metadata
        )
        plan = _Plan(fields, frozenset(field[0] for field in fields))
        Model._plans[cls] = plan
        return plan


class _Plan(NamedTuple):
    """How Model.from_json parses one class: the names of its fields, and for each field
    (name, parser, required, the types the parser keeps as they are)."""

    fields: tuple[tuple[str, Parser[Any], bool, frozenset[type]], ...]
    names: frozenset[str]


M = TypeVar("M", bound=Model)


# --- roleplays -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Scenario(Model):
    """The scenario a session is built on. persona_id and roleplay_type are kept as sent."""

    title: str = attrs.field(metadata=required(text))
    counterpart: str = attrs.field(metadata=required(text))
    goal: str = attrs.field(metadata=required(text))
    persona_id: str = attrs.field(metadata=required(text, known=PERSONAS))
    duration_minutes: int = attrs.field(metadata=required(integer, known=DURATIONS))
    roleplay_type: str = attrs.field(metadata=required(text, known=ROLEPLAY_TYPES))
    setting: str | None = attrs.field(default=None, metadata=optional(nullable(text)))
    stakes: str | None = attrs.field(default=None, metadata=optional(nullable(text)))
    likely_objections: tuple[str, ...] = attrs.field(default=(), metadata=optional(list_of(text)))
    desired_outcome: str | None = attrs.field(default=None, metadata=optional(nullable(text)))


@attrs.frozen(kw_only=True)
class QScoreContext(Model):
    """How the person's Q Score shaped the scenario."""

    q_score: float = attrs.field(metadata=required(number))
    summary: str | None = attrs.field(default=None, metadata=optional(nullable(text)))


@attrs.frozen(kw_only=True)
class RoleplayPreview(Model):
    """A session as the service reports it; a preview is a draft that needs approval.

    `status` is one of `known_values("status")` (draft, active, ...) today, and may grow.
    """

    session_id: str = attrs.field(metadata=required(text))
    scenario_id: str = attrs.field(metadata=required(text))
    status: str = attrs.field(metadata=required(text, known=SESSION_STATUSES))
    needs_approval: bool = attrs.field(metadata=required(boolean))
    opening_prompt: str | None = attrs.field(metadata=required(nullable(text)))
    prompt_outline: tuple[str, ...] = attrs.field(metadata=required(list_of(text)))
    scenario: Scenario | None = attrs.field(metadata=required(nullable(model(Scenario))))
    qscore_context: QScoreContext | None = attrs.field(
        metadata=required(nullable(model(QScoreContext)))
    )
    candidate_brief: str | None = attrs.field(metadata=required(nullable(text)))
    created_at: datetime.datetime = attrs.field(metadata=required(timestamp))


@attrs.frozen(kw_only=True)
class RoleplaySession(RoleplayPreview):
    """An active (or later) session, with where the frontend opens live practice."""

    websocket_url: str = attrs.field(metadata=required(text))
    frontend_url: str | None = attrs.field(metadata=required(nullable(text)))


# --- reviews ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CategoryScore(Model):
    name: str = attrs.field(metadata=required(text))
    score: float = attrs.field(metadata=required(number))
    comment: str | None = attrs.field(default=None, metadata=optional(nullable(text)))


@attrs.frozen(kw_only=True)
class ReviewScores(Model):
    """Scores from 0 to 100."""

    overall: float = attrs.field(metadata=required(number))
    categories: tuple[CategoryScore, ...] = attrs.field(
        metadata=required(list_of(model(CategoryScore)))
    )


@attrs.frozen(kw_only=True)
class PhrasingSuggestion(Model):
    original: str = attrs.field(metadata=required(text))
    suggested: str = attrs.field(metadata=required(text))
    why: str | None = attrs.field(default=None, metadata=optional(nullable(text)))


@attrs.frozen(kw_only=True)
class ReviewFeedback(Model):
    """Transcript-derived, practical feedback."""

    summary: str = attrs.field(metadata=required(text))
    better_phrasing: tuple[PhrasingSuggestion, ...] = attrs.field(
        metadata=required(list_of(model(PhrasingSuggestion)))
    )
    likely_pushback: tuple[str, ...] = attrs.field(metadata=required(list_of(text)))
    confidence_cues: tuple[str, ...] = attrs.field(metadata=required(list_of(text)))
    next_step: str | None = attrs.field(metadata=required(nullable(text)))


@attrs.frozen(kw_only=True)
class RoleplayReview(Model):
    """A session's review: `pending` (nothing scored yet) until the session is completed.

    A pending review that carries scores, feedback, completed_at or recommendations breaks the
    contract: it is rejected (APIResponseValidationError), never exposed.
    """

    session_id: str = attrs.field(metadata=required(text))
    status: str = attrs.field(metadata=required(text, known=REVIEW_STATUSES))
    scores: ReviewScores | None = attrs.field(metadata=required(nullable(model(ReviewScores))))
    feedback: ReviewFeedback | None = attrs.field(
        metadata=required(nullable(model(ReviewFeedback)))
    )
    recommendations: tuple[str, ...] = attrs.field(metadata=required(list_of(text)))
    completed_at: datetime.datetime | None = attrs.field(metadata=required(nullable(timestamp)))

    @property
    def is_pending(self) -> bool:
        return self.status == "pending"

    @classmethod
    def from_json(cls, data: object, path: str = "$") -> Self:
        review = super().from_json(data, path)
        if review.is_pending:
            scored = [
                name
                for name in ("scores", "feedback", "completed_at", "recommendations")
                if getattr(review, name)
            ]
            if scored:
                raise Malformed(
                    f"{path}.{scored[0]}",
                    f"is set on a pending review ({', '.join(scored)}); nothing is scored "
                    "before the session is completed",
                )
        return review

    @property
    def is_scored(self) -> bool:
        """False while pending, and for a completed practice that recorded no turn (the
        service gives it no score and no leaderboard rank rather than inventing one)."""
        return self.scores is not None


@attrs.frozen(kw_only=True)
class LeaderboardEntry(Model):
    rank: int = attrs.field(metadata=required(integer))
    session_id: str = attrs.field(metadata=required(text))
    user_id: str = attrs.field(metadata=required(text))
    roleplay_type: str = attrs.field(metadata=required(text, known=ROLEPLAY_TYPES))
    overall_score: float = attrs.field(metadata=required(number))
    completed_at: datetime.datetime = attrs.field(metadata=required(timestamp))
    display_name: str | None = attrs.field(default=None, metadata=optional(nullable(text)))


@attrs.frozen(kw_only=True)
class Leaderboard(Model):
    """The organization's best completed reviews, best first."""

    entries: tuple[LeaderboardEntry, ...] = attrs.field(
        metadata=required(list_of(model(LeaderboardEntry)))
    )


# --- artifacts and video ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ArtifactDownload(Model):
    """A presigned download URL: fetch it without the service's Authorization header."""

    session_id: str = attrs.field(metadata=required(text))
    artifact_type: str = attrs.field(metadata=required(text, known=ARTIFACT_TYPES))
    url: str = attrs.field(metadata=required(text))
    expires_at: datetime.datetime = attrs.field(metadata=required(timestamp))
    content_type: str = attrs.field(metadata=required(text))
    size_bytes: int | None = attrs.field(default=None, metadata=optional(nullable(integer)))


@attrs.frozen(kw_only=True)
class VideoUploadTarget(Model):
    """Where to PUT the recording, with exactly which headers."""

    session_id: str = attrs.field(metadata=required(text))
    upload_id: str = attrs.field(metadata=required(text))
    upload_url: str = attrs.field(metadata=required(text))
    method: str = attrs.field(metadata=required(text, known=UPLOAD_METHODS))
    upload_headers: Mapping[str, str] = attrs.field(metadata=required(string_map))
    content_type: str = attrs.field(metadata=required(text, known=VIDEO_CONTENT_TYPES))
    expires_at: datetime.datetime = attrs.field(metadata=required(timestamp))
    max_size_bytes: int = attrs.field(metadata=required(integer))


@attrs.frozen(kw_only=True)
class VideoUploadConfirmation(Model):
    """The upload is confirmed; `analysis_status` is one of `known_values(...)` (may grow)."""

    session_id: str = attrs.field(metadata=required(text))
    upload_id: str = attrs.field(metadata=required(text))
    artifact_type: str = attrs.field(metadata=required(text, known=ARTIFACT_TYPES))
    analysis_status: str = attrs.field(metadata=required(text, known=ANALYSIS_STATUSES))


# --- assignments -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AssignmentScenario(Model):
    title: str = attrs.field(metadata=required(text))
    brief: str = attrs.field(metadata=required(text))
    persona_id: str = attrs.field(metadata=required(text, known=PERSONAS))
    duration_minutes: int = attrs.field(metadata=required(integer, known=DURATIONS))
    roleplay_type: str = attrs.field(metadata=required(text, known=ROLEPLAY_TYPES))
    # None when the answer has no metadata (the spec never sends null here).
    metadata: Mapping[str, Any] | None = attrs.field(default=None, metadata=optional(json_object))


@attrs.frozen(kw_only=True)
class Assignment(Model):
    """`status` is one of `known_values("status")` (assigned, ...) today, and may grow."""

    assignment_id: str = attrs.field(metadata=required(text))
    org_id: str = attrs.field(metadata=required(text))
    email: str | None = attrs.field(metadata=required(nullable(text)))
    user_id: str | None = attrs.field(metadata=required(nullable(text)))
    status: str = attrs.field(metadata=required(text, known=ASSIGNMENT_STATUSES))
    scenario: AssignmentScenario = attrs.field(metadata=required(model(AssignmentScenario)))
    session_id: str | None = attrs.field(metadata=required(nullable(text)))
    created_at: datetime.datetime = attrs.field(metadata=required(timestamp))
    updated_at: datetime.datetime = attrs.field(metadata=required(timestamp))
    due_at: datetime.datetime | None = attrs.field(metadata=required(nullable(timestamp)))


@attrs.frozen(kw_only=True)
class AssignmentList(Model):
    """The created assignments, one per assignee, in request order."""

    assignments: tuple[Assignment, ...] = attrs.field(metadata=required(list_of(model(Assignment))))


@attrs.frozen(kw_only=True)
class AssignmentPage(Model):
    items: tuple[Assignment, ...] = attrs.field(metadata=required(list_of(model(Assignment))))
    next_cursor: str | None = attrs.field(metadata=required(nullable(text)))


@attrs.frozen(kw_only=True)
class UnassignResult(Model):
    """The unassigned assignments, and the IDs the service did not find."""

    assignments: tuple[Assignment, ...] = attrs.field(metadata=required(list_of(model(Assignment))))
    not_found: tuple[str, ...] = attrs.field(metadata=required(list_of(text)))


@attrs.frozen(kw_only=True)
class AssignmentResult(Model):
    """One requested ID's answer; `assignment` and `review` are None when `found` is false."""

    assignment_id: str = attrs.field(metadata=required(text))
    found: bool = attrs.field(metadata=required(boolean))
    assignment: Assignment | None = attrs.field(metadata=required(nullable(model(Assignment))))
    review: RoleplayReview | None = attrs.field(metadata=required(nullable(model(RoleplayReview))))


@attrs.frozen(kw_only=True)
class BulkResults(Model):
    results: tuple[AssignmentResult, ...] = attrs.field(
        metadata=required(list_of(model(AssignmentResult)))
    )


@attrs.frozen
class BulkResultSet:
    """bulk_results' answer: one result per ID the caller gave, in that order.

    `missing` lists (once each, in first-seen order) the IDs the service had no assignment
    for (`found: false`).
    """

    results: tuple[AssignmentResult, ...]
    missing: tuple[str, ...]

    @property
    def by_id(self) -> Mapping[str, AssignmentResult]:
        return MappingProxyType({result.assignment_id: result for result in self.results})
