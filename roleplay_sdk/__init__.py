"""Python SDK for GrowQR's roleplay-service.

AsyncRoleplayClient, the response models, plan/Plan and the summaries load on first access
(module __getattr__): asyncio, the models' attrs classes and the planner's signal table were
most of the import cost, and a program pays for them only once it uses them.

The values the service accepts, equal to openapi.yaml's enumerations, for a UI's or a command
line's choices (the methods also take them in any case, and with spaces or hyphens for
underscores): PERSONAS (persona_id), DURATIONS (duration_minutes: 5, 15 or 30, never 10),
DEPTHS (depth: "quick" or "deep"), ROLEPLAY_TYPES (roleplay_type), ARTIFACT_TYPES
(artifact_url) and ASSIGNMENT_STATUSES (list_assignments). snap_duration(minutes, depth) is
the duration the SDK sends for a request. FALLBACK_MESSAGE is the sentence that opens a
ServiceUnavailableError's message when the service could not be reached or kept failing
(nothing was produced; offer the person a text-only rehearsal).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from roleplay_sdk._client import RoleplayClient
from roleplay_sdk._exceptions import FALLBACK as FALLBACK_MESSAGE
from roleplay_sdk._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    RoleplayError,
    RoleplayValidationError,
    ServiceUnavailableError,
    UnprocessableEntityError,
)
from roleplay_sdk._normalize import DEPTH_NAMES as DEPTHS
from roleplay_sdk._normalize import (
    DURATIONS,
    PERSONAS,
    ROLEPLAY_TYPES,
    RoleplayRequest,
    compose_brief,
    normalize_request,
    snap_duration,
)
from roleplay_sdk._validate import ARTIFACT_TYPES, ASSIGNMENT_STATUSES

if TYPE_CHECKING:
    from roleplay_sdk._async_client import AsyncRoleplayClient
    from roleplay_sdk._models import (
        ArtifactDownload,
        Assignment,
        AssignmentList,
        AssignmentResult,
        AssignmentScenario,
        BulkResultSet,
        CategoryScore,
        Leaderboard,
        LeaderboardEntry,
        PhrasingSuggestion,
        QScoreContext,
        ReviewFeedback,
        ReviewScores,
        RoleplayPreview,
        RoleplayReview,
        RoleplaySession,
        Scenario,
        UnassignResult,
        VideoUploadConfirmation,
    )
    from roleplay_sdk._plan import Operation, Plan, PlanNotReady, plan
    from roleplay_sdk._summaries import (
        PreviewSummary,
        ReviewDigest,
        review_digest,
        summarize_preview,
    )

# What loads on first access, by module (see the module docstring).
_LAZY_BY_MODULE = {
    "roleplay_sdk._models": (
        "ArtifactDownload",
        "Assignment",
        "AssignmentList",
        "AssignmentResult",
        "AssignmentScenario",
        "BulkResultSet",
        "CategoryScore",
        "Leaderboard",
        "LeaderboardEntry",
        "PhrasingSuggestion",
        "QScoreContext",
        "ReviewFeedback",
        "ReviewScores",
        "RoleplayPreview",
        "RoleplayReview",
        "RoleplaySession",
        "Scenario",
        "UnassignResult",
        "VideoUploadConfirmation",
    ),
    "roleplay_sdk._async_client": ("AsyncRoleplayClient",),
    "roleplay_sdk._plan": (
        "Operation",
        "Plan",
        "PlanNotReady",
        "plan",
    ),
    "roleplay_sdk._summaries": (
        "PreviewSummary",
        "ReviewDigest",
        "review_digest",
        "summarize_preview",
    ),
}
_LAZY = {name: module for module, names in _LAZY_BY_MODULE.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'roleplay_sdk' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "ARTIFACT_TYPES",
    "ASSIGNMENT_STATUSES",
    "DEPTHS",
    "DURATIONS",
    "FALLBACK_MESSAGE",
    "PERSONAS",
    "ROLEPLAY_TYPES",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ArtifactDownload",
    "Assignment",
    "AssignmentList",
    "AssignmentResult",
    "AssignmentScenario",
    "AsyncRoleplayClient",
    "AuthenticationError",
    "BadRequestError",
    "BulkResultSet",
    "CategoryScore",
    "ConflictError",
    "InternalServerError",
    "Leaderboard",
    "LeaderboardEntry",
    "NotFoundError",
    "Operation",
    "PermissionDeniedError",
    "PhrasingSuggestion",
    "Plan",
    "PlanNotReady",
    "PreviewSummary",
    "QScoreContext",
    "RateLimitError",
    "ResponseTooLargeError",
    "ReviewDigest",
    "ReviewFeedback",
    "ReviewScores",
    "RoleplayClient",
    "RoleplayError",
    "RoleplayPreview",
    "RoleplayRequest",
    "RoleplayReview",
    "RoleplaySession",
    "RoleplayValidationError",
    "Scenario",
    "ServiceUnavailableError",
    "UnassignResult",
    "UnprocessableEntityError",
    "VideoUploadConfirmation",
    "compose_brief",
    "normalize_request",
    "plan",
    "review_digest",
    "snap_duration",
    "summarize_preview",
]
