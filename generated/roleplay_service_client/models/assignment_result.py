from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.assignment import Assignment
    from ..models.roleplay_review import RoleplayReview


T = TypeVar("T", bound="AssignmentResult")


@_attrs_define
class AssignmentResult:
    """One requested ID's answer. When `found` is false, `assignment` and `review` are null.

    Attributes:
        assignment_id (str): An assignment.
        found (bool):
        assignment (Assignment | None):
        review (None | RoleplayReview):
    """

    assignment_id: str
    found: bool
    assignment: Assignment | None
    review: None | RoleplayReview
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.assignment import Assignment
        from ..models.roleplay_review import RoleplayReview

        assignment_id = self.assignment_id

        found = self.found

        assignment: dict[str, Any] | None
        if isinstance(self.assignment, Assignment):
            assignment = self.assignment.to_dict()
        else:
            assignment = self.assignment

        review: dict[str, Any] | None
        if isinstance(self.review, RoleplayReview):
            review = self.review.to_dict()
        else:
            review = self.review

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignment_id": assignment_id,
                "found": found,
                "assignment": assignment,
                "review": review,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assignment import Assignment
        from ..models.roleplay_review import RoleplayReview

        d = dict(src_dict)
        assignment_id = d.pop("assignment_id")

        found = d.pop("found")

        def _parse_assignment(data: object) -> Assignment | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                assignment_type_0 = Assignment.from_dict(data)

                return assignment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Assignment | None, data)

        assignment = _parse_assignment(d.pop("assignment"))

        def _parse_review(data: object) -> None | RoleplayReview:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_type_0 = RoleplayReview.from_dict(data)

                return review_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoleplayReview, data)

        review = _parse_review(d.pop("review"))

        assignment_result = cls(
            assignment_id=assignment_id,
            found=found,
            assignment=assignment,
            review=review,
        )

        assignment_result.additional_properties = d
        return assignment_result

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
