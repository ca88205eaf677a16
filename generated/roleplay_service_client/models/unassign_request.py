from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UnassignRequest")


@_attrs_define
class UnassignRequest:
    """
    Attributes:
        assignment_ids (list[str]):
        reason (str | Unset): A short label or name.
    """

    assignment_ids: list[str]
    reason: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        assignment_ids = self.assignment_ids

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignment_ids": assignment_ids,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        assignment_ids = cast(list[str], d.pop("assignment_ids"))

        reason = d.pop("reason", UNSET)

        unassign_request = cls(
            assignment_ids=assignment_ids,
            reason=reason,
        )

        return unassign_request
