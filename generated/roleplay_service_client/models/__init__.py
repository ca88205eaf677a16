"""Contains all the data models used in inputs/outputs"""

from .analysis_status import AnalysisStatus
from .approve_request import ApproveRequest
from .artifact_download import ArtifactDownload
from .artifact_type import ArtifactType
from .assignee import Assignee
from .assignment import Assignment
from .assignment_list import AssignmentList
from .assignment_page import AssignmentPage
from .assignment_result import AssignmentResult
from .assignment_scenario import AssignmentScenario
from .assignment_status import AssignmentStatus
from .bulk_results import BulkResults
from .bulk_results_request import BulkResultsRequest
from .category_score import CategoryScore
from .configure_request import ConfigureRequest
from .create_assignments_request import CreateAssignmentsRequest
from .duration_minutes import DurationMinutes
from .field_error import FieldError
from .leaderboard import Leaderboard
from .leaderboard_entry import LeaderboardEntry
from .persona_id import PersonaId
from .phrasing_suggestion import PhrasingSuggestion
from .problem import Problem
from .q_score_context import QScoreContext
from .q_score_input import QScoreInput
from .review_feedback import ReviewFeedback
from .review_scores import ReviewScores
from .review_status import ReviewStatus
from .roleplay_metadata import RoleplayMetadata
from .roleplay_preview import RoleplayPreview
from .roleplay_review import RoleplayReview
from .roleplay_session import RoleplaySession
from .roleplay_type import RoleplayType
from .scenario import Scenario
from .session_status import SessionStatus
from .unassign_request import UnassignRequest
from .unassign_result import UnassignResult
from .update_questions_request import UpdateQuestionsRequest
from .video_content_type import VideoContentType
from .video_upload_confirmation import VideoUploadConfirmation
from .video_upload_request import VideoUploadRequest
from .video_upload_target import VideoUploadTarget
from .video_upload_target_method import VideoUploadTargetMethod
from .video_upload_target_upload_headers import VideoUploadTargetUploadHeaders
from .video_uploaded_request import VideoUploadedRequest

__all__ = (
    "AnalysisStatus",
    "ApproveRequest",
    "ArtifactDownload",
    "ArtifactType",
    "Assignee",
    "Assignment",
    "AssignmentList",
    "AssignmentPage",
    "AssignmentResult",
    "AssignmentScenario",
    "AssignmentStatus",
    "BulkResults",
    "BulkResultsRequest",
    "CategoryScore",
    "ConfigureRequest",
    "CreateAssignmentsRequest",
    "DurationMinutes",
    "FieldError",
    "Leaderboard",
    "LeaderboardEntry",
    "PersonaId",
    "PhrasingSuggestion",
    "Problem",
    "QScoreContext",
    "QScoreInput",
    "ReviewFeedback",
    "ReviewScores",
    "ReviewStatus",
    "RoleplayMetadata",
    "RoleplayPreview",
    "RoleplayReview",
    "RoleplaySession",
    "RoleplayType",
    "Scenario",
    "SessionStatus",
    "UnassignRequest",
    "UnassignResult",
    "UpdateQuestionsRequest",
    "VideoContentType",
    "VideoUploadConfirmation",
    "VideoUploadRequest",
    "VideoUploadTarget",
    "VideoUploadTargetMethod",
    "VideoUploadTargetUploadHeaders",
    "VideoUploadedRequest",
)
