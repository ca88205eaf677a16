from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.duration_minutes import DurationMinutes
from ..models.persona_id import PersonaId
from ..models.roleplay_type import RoleplayType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Scenario")


@_attrs_define
class Scenario:
    """The scenario the session is built on.

    Attributes:
        title (str): A short label or name.
        counterpart (str): A short label or name.
        goal (str): Free text, up to 2000 characters.
        persona_id (PersonaId): The AI counterpart's persona.
        duration_minutes (DurationMinutes): Length of the practice in minutes. Exactly 5, 15 or 30; 10 is not a value.
        roleplay_type (RoleplayType): `custom` for salary and offer negotiation, recruiter, manager and promotion
            conversations, networking and workplace conflict; `sales` for discovery, demos,
            objection handling and closing; `customer_success` for renewal, onboarding, expansion
            and customer health; `support` for troubleshooting, escalation and service recovery.
        setting (None | str | Unset):
        stakes (None | str | Unset):
        likely_objections (list[str] | Unset):
        desired_outcome (None | str | Unset):
    """

    title: str
    counterpart: str
    goal: str
    persona_id: PersonaId
    duration_minutes: DurationMinutes
    roleplay_type: RoleplayType
    setting: None | str | Unset = UNSET
    stakes: None | str | Unset = UNSET
    likely_objections: list[str] | Unset = UNSET
    desired_outcome: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        counterpart = self.counterpart

        goal = self.goal

        persona_id = self.persona_id.value

        duration_minutes = self.duration_minutes.value

        roleplay_type = self.roleplay_type.value

        setting: None | str | Unset
        if isinstance(self.setting, Unset):
            setting = UNSET
        else:
            setting = self.setting

        stakes: None | str | Unset
        if isinstance(self.stakes, Unset):
            stakes = UNSET
        else:
            stakes = self.stakes

        likely_objections: list[str] | Unset = UNSET
        if not isinstance(self.likely_objections, Unset):
            likely_objections = self.likely_objections

        desired_outcome: None | str | Unset
        if isinstance(self.desired_outcome, Unset):
            desired_outcome = UNSET
        else:
            desired_outcome = self.desired_outcome

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "counterpart": counterpart,
                "goal": goal,
                "persona_id": persona_id,
                "duration_minutes": duration_minutes,
                "roleplay_type": roleplay_type,
            }
        )
        if setting is not UNSET:
            field_dict["setting"] = setting
        if stakes is not UNSET:
            field_dict["stakes"] = stakes
        if likely_objections is not UNSET:
            field_dict["likely_objections"] = likely_objections
        if desired_outcome is not UNSET:
            field_dict["desired_outcome"] = desired_outcome

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        counterpart = d.pop("counterpart")

        goal = d.pop("goal")

        persona_id = PersonaId(d.pop("persona_id"))

        duration_minutes = DurationMinutes(d.pop("duration_minutes"))

        roleplay_type = RoleplayType(d.pop("roleplay_type"))

        def _parse_setting(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        setting = _parse_setting(d.pop("setting", UNSET))

        def _parse_stakes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stakes = _parse_stakes(d.pop("stakes", UNSET))

        likely_objections = cast(list[str], d.pop("likely_objections", UNSET))

        def _parse_desired_outcome(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        desired_outcome = _parse_desired_outcome(d.pop("desired_outcome", UNSET))

        scenario = cls(
            title=title,
            counterpart=counterpart,
            goal=goal,
            persona_id=persona_id,
            duration_minutes=duration_minutes,
            roleplay_type=roleplay_type,
            setting=setting,
            stakes=stakes,
            likely_objections=likely_objections,
            desired_outcome=desired_outcome,
        )

        scenario.additional_properties = d
        return scenario

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
