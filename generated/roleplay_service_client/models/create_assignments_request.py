from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assignee import Assignee
    from ..models.assignment_scenario import AssignmentScenario


T = TypeVar("T", bound="CreateAssignmentsRequest")


@_attrs_define
class CreateAssignmentsRequest:
    """
    Attributes:
        assignees (list[Assignee]):
        scenario (AssignmentScenario): The roleplay every assignee will practise.
        due_at (datetime.datetime | Unset):
    """

    assignees: list[Assignee]
    scenario: AssignmentScenario
    due_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        assignees = []
        for assignees_item_data in self.assignees:
            assignees_item = assignees_item_data.to_dict()
            assignees.append(assignees_item)

        scenario = self.scenario.to_dict()

        due_at: str | Unset = UNSET
        if not isinstance(self.due_at, Unset):
            due_at = self.due_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignees": assignees,
                "scenario": scenario,
            }
        )
        if due_at is not UNSET:
            field_dict["due_at"] = due_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assignee import Assignee
        from ..models.assignment_scenario import AssignmentScenario

        d = dict(src_dict)
        assignees = []
        _assignees = d.pop("assignees")
        for assignees_item_data in _assignees:
            assignees_item = Assignee.from_dict(assignees_item_data)

            assignees.append(assignees_item)

        scenario = AssignmentScenario.from_dict(d.pop("scenario"))

        _due_at = d.pop("due_at", UNSET)
        due_at: datetime.datetime | Unset
        if isinstance(_due_at, Unset):
            due_at = UNSET
        else:
            due_at = datetime.datetime.fromisoformat(_due_at)

        create_assignments_request = cls(
            assignees=assignees,
            scenario=scenario,
            due_at=due_at,
        )

        return create_assignments_request
