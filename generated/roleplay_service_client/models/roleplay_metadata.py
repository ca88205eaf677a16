from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoleplayMetadata")


@_attrs_define
class RoleplayMetadata:
    """Structured context. The named keys are the ones the service understands; other keys
    are kept as they are (at most 32 keys in all; values are scalars or short lists).

        Attributes:
            target_role (str | Unset): A short label or name.
            company (str | Unset): A short label or name.
            difficulty (str | Unset): e.g. easy, medium, hard.
            conversation_type (str | Unset): What kind of conversation, e.g. salary_negotiation, renewal, escalation.
            source (str | Unset): Where the request came from, e.g. grow_agent, assignment.
            assignment_id (str | Unset): An assignment.
            workflow_id (str | Unset):
    """

    target_role: str | Unset = UNSET
    company: str | Unset = UNSET
    difficulty: str | Unset = UNSET
    conversation_type: str | Unset = UNSET
    source: str | Unset = UNSET
    assignment_id: str | Unset = UNSET
    workflow_id: str | Unset = UNSET
    additional_properties: dict[str, bool | float | list[bool | float | None | str] | None | str] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:
        target_role = self.target_role

        company = self.company

        difficulty = self.difficulty

        conversation_type = self.conversation_type

        source = self.source

        assignment_id = self.assignment_id

        workflow_id = self.workflow_id

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, list):
                field_dict[prop_name] = []
                for componentsschemas_metadata_value_type_1_item_data in prop:
                    componentsschemas_metadata_value_type_1_item: bool | float | None | str
                    componentsschemas_metadata_value_type_1_item = componentsschemas_metadata_value_type_1_item_data
                    field_dict[prop_name].append(componentsschemas_metadata_value_type_1_item)

            else:
                field_dict[prop_name] = prop

        field_dict.update({})
        if target_role is not UNSET:
            field_dict["target_role"] = target_role
        if company is not UNSET:
            field_dict["company"] = company
        if difficulty is not UNSET:
            field_dict["difficulty"] = difficulty
        if conversation_type is not UNSET:
            field_dict["conversation_type"] = conversation_type
        if source is not UNSET:
            field_dict["source"] = source
        if assignment_id is not UNSET:
            field_dict["assignment_id"] = assignment_id
        if workflow_id is not UNSET:
            field_dict["workflow_id"] = workflow_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        target_role = d.pop("target_role", UNSET)

        company = d.pop("company", UNSET)

        difficulty = d.pop("difficulty", UNSET)

        conversation_type = d.pop("conversation_type", UNSET)

        source = d.pop("source", UNSET)

        assignment_id = d.pop("assignment_id", UNSET)

        workflow_id = d.pop("workflow_id", UNSET)

        roleplay_metadata = cls(
            target_role=target_role,
            company=company,
            difficulty=difficulty,
            conversation_type=conversation_type,
            source=source,
            assignment_id=assignment_id,
            workflow_id=workflow_id,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> bool | float | list[bool | float | None | str] | None | str:
                if data is None:
                    return data
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    componentsschemas_metadata_value_type_1 = []
                    _componentsschemas_metadata_value_type_1 = data
                    for componentsschemas_metadata_value_type_1_item_data in _componentsschemas_metadata_value_type_1:

                        def _parse_componentsschemas_metadata_value_type_1_item(
                            data: object,
                        ) -> bool | float | None | str:
                            if data is None:
                                return data
                            return cast(bool | float | None | str, data)

                        componentsschemas_metadata_value_type_1_item = (
                            _parse_componentsschemas_metadata_value_type_1_item(
                                componentsschemas_metadata_value_type_1_item_data
                            )
                        )

                        componentsschemas_metadata_value_type_1.append(componentsschemas_metadata_value_type_1_item)

                    return componentsschemas_metadata_value_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(bool | float | list[bool | float | None | str] | None | str, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        roleplay_metadata.additional_properties = additional_properties
        return roleplay_metadata

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> bool | float | list[bool | float | None | str] | None | str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: bool | float | list[bool | float | None | str] | None | str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
