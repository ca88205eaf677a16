from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_status import ReviewStatus

if TYPE_CHECKING:
    from ..models.review_feedback import ReviewFeedback
    from ..models.review_scores import ReviewScores


T = TypeVar("T", bound="RoleplayReview")


@_attrs_define
class RoleplayReview:
    """A session's review. While `status` is `pending`, `scores`, `feedback` and `completed_at`
    are `null` and `recommendations` is empty: no score appears before completion. A
    completed review whose practice recorded no turn has `scores: null` (there was nothing
    to score), a `feedback.summary` that says so, and no leaderboard entry.

        Attributes:
            session_id (str): A roleplay session.
            status (ReviewStatus): `pending` until the session is completed, then `completed`. May grow.
            scores (None | ReviewScores):
            feedback (None | ReviewFeedback):
            recommendations (list[str]):
            completed_at (datetime.datetime | None):
    """

    session_id: str
    status: ReviewStatus
    scores: None | ReviewScores
    feedback: None | ReviewFeedback
    recommendations: list[str]
    completed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.review_feedback import ReviewFeedback
        from ..models.review_scores import ReviewScores

        session_id = self.session_id

        status = self.status.value

        scores: dict[str, Any] | None
        if isinstance(self.scores, ReviewScores):
            scores = self.scores.to_dict()
        else:
            scores = self.scores

        feedback: dict[str, Any] | None
        if isinstance(self.feedback, ReviewFeedback):
            feedback = self.feedback.to_dict()
        else:
            feedback = self.feedback

        recommendations = self.recommendations

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "status": status,
                "scores": scores,
                "feedback": feedback,
                "recommendations": recommendations,
                "completed_at": completed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.review_feedback import ReviewFeedback
        from ..models.review_scores import ReviewScores

        d = dict(src_dict)
        session_id = d.pop("session_id")

        status = ReviewStatus(d.pop("status"))

        def _parse_scores(data: object) -> None | ReviewScores:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scores_type_0 = ReviewScores.from_dict(data)

                return scores_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewScores, data)

        scores = _parse_scores(d.pop("scores"))

        def _parse_feedback(data: object) -> None | ReviewFeedback:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                feedback_type_0 = ReviewFeedback.from_dict(data)

                return feedback_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewFeedback, data)

        feedback = _parse_feedback(d.pop("feedback"))

        recommendations = cast(list[str], d.pop("recommendations"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        roleplay_review = cls(
            session_id=session_id,
            status=status,
            scores=scores,
            feedback=feedback,
            recommendations=recommendations,
            completed_at=completed_at,
        )

        roleplay_review.additional_properties = d
        return roleplay_review

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
