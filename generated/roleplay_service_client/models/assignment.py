from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignment_status import AssignmentStatus

if TYPE_CHECKING:
    from ..models.assignment_scenario import AssignmentScenario


T = TypeVar("T", bound="Assignment")


@_attrs_define
class Assignment:
    """
    Attributes:
        assignment_id (str): An assignment.
        org_id (str): An organization; `growqr` unless the caller belongs to another one.
        email (None | str):
        user_id (None | str):
        status (AssignmentStatus): `assigned`, `in_progress`, `completed`, or `unassigned` (soft-removed, record kept).
            May grow.
        scenario (AssignmentScenario): The roleplay every assignee will practise.
        session_id (None | str): The session working on the assignment: the most recently started one while it is in
            progress, and the one that completed it once completed (its review is the result).
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        due_at (datetime.datetime | None):
    """

    assignment_id: str
    org_id: str
    email: None | str
    user_id: None | str
    status: AssignmentStatus
    scenario: AssignmentScenario
    session_id: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    due_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assignment_id = self.assignment_id

        org_id = self.org_id

        email: None | str
        email = self.email

        user_id: None | str
        user_id = self.user_id

        status = self.status.value

        scenario = self.scenario.to_dict()

        session_id: None | str
        session_id = self.session_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignment_id": assignment_id,
                "org_id": org_id,
                "email": email,
                "user_id": user_id,
                "status": status,
                "scenario": scenario,
                "session_id": session_id,
                "created_at": created_at,
                "updated_at": updated_at,
                "due_at": due_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assignment_scenario import AssignmentScenario

        d = dict(src_dict)
        assignment_id = d.pop("assignment_id")

        org_id = d.pop("org_id")

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        status = AssignmentStatus(d.pop("status"))

        scenario = AssignmentScenario.from_dict(d.pop("scenario"))

        def _parse_session_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        session_id = _parse_session_id(d.pop("session_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))

        assignment = cls(
            assignment_id=assignment_id,
            org_id=org_id,
            email=email,
            user_id=user_id,
            status=status,
            scenario=scenario,
            session_id=session_id,
            created_at=created_at,
            updated_at=updated_at,
            due_at=due_at,
        )

        assignment.additional_properties = d
        return assignment

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
