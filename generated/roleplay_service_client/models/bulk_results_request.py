from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BulkResultsRequest")


@_attrs_define
class BulkResultsRequest:
    """
    Attributes:
        assignment_ids (list[str]):
    """

    assignment_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        assignment_ids = self.assignment_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignment_ids": assignment_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        assignment_ids = cast(list[str], d.pop("assignment_ids"))

        bulk_results_request = cls(
            assignment_ids=assignment_ids,
        )

        return bulk_results_request
