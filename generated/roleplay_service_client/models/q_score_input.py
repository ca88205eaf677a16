from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QScoreInput")


@_attrs_define
class QScoreInput:
    """The person's Q Score, only when available. `q_score` is required and numeric.

    Attributes:
        q_score (float):
    """

    q_score: float
    additional_properties: dict[str, bool | float | list[bool | float | None | str] | None | str] = _attrs_field(
        init=False, factory=dict
    )

    def to_dict(self) -> dict[str, Any]:
        q_score = self.q_score

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

        field_dict.update(
            {
                "q_score": q_score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        q_score = d.pop("q_score")

        q_score_input = cls(
            q_score=q_score,
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

        q_score_input.additional_properties = additional_properties
        return q_score_input

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
