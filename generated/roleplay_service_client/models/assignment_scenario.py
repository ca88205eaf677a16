from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.duration_minutes import DurationMinutes
from ..models.persona_id import PersonaId
from ..models.roleplay_type import RoleplayType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.roleplay_metadata import RoleplayMetadata


T = TypeVar("T", bound="AssignmentScenario")


@_attrs_define
class AssignmentScenario:
    """The roleplay every assignee will practise.

    Attributes:
        title (str): A short label or name.
        brief (str): A concise scenario brief: the person's goal, the counterpart, the stakes, likely
            objections and the desired outcome. At least one non-space character, at most 4000.
            "Space" is whitespace in either ECMA-262 or Unicode's sense (U+001C-U+001F, U+0085 and
            U+FEFF included), so every regex engine reads the pattern the same way.
        persona_id (PersonaId): The AI counterpart's persona.
        duration_minutes (DurationMinutes): Length of the practice in minutes. Exactly 5, 15 or 30; 10 is not a value.
        roleplay_type (RoleplayType): `custom` for salary and offer negotiation, recruiter, manager and promotion
            conversations, networking and workplace conflict; `sales` for discovery, demos,
            objection handling and closing; `customer_success` for renewal, onboarding, expansion
            and customer health; `support` for troubleshooting, escalation and service recovery.
        metadata (RoleplayMetadata | Unset): Structured context. The named keys are the ones the service understands;
            other keys
            are kept as they are (at most 32 keys in all; values are scalars or short lists).
    """

    title: str
    brief: str
    persona_id: PersonaId
    duration_minutes: DurationMinutes
    roleplay_type: RoleplayType
    metadata: RoleplayMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        brief = self.brief

        persona_id = self.persona_id.value

        duration_minutes = self.duration_minutes.value

        roleplay_type = self.roleplay_type.value

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "brief": brief,
                "persona_id": persona_id,
                "duration_minutes": duration_minutes,
                "roleplay_type": roleplay_type,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.roleplay_metadata import RoleplayMetadata

        d = dict(src_dict)
        title = d.pop("title")

        brief = d.pop("brief")

        persona_id = PersonaId(d.pop("persona_id"))

        duration_minutes = DurationMinutes(d.pop("duration_minutes"))

        roleplay_type = RoleplayType(d.pop("roleplay_type"))

        _metadata = d.pop("metadata", UNSET)
        metadata: RoleplayMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RoleplayMetadata.from_dict(_metadata)

        assignment_scenario = cls(
            title=title,
            brief=brief,
            persona_id=persona_id,
            duration_minutes=duration_minutes,
            roleplay_type=roleplay_type,
            metadata=metadata,
        )

        return assignment_scenario
