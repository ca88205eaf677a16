from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.roleplay_type import RoleplayType
from ..types import UNSET, Unset

T = TypeVar("T", bound="LeaderboardEntry")


@_attrs_define
class LeaderboardEntry:
    """
    Attributes:
        rank (int):
        session_id (str): A roleplay session.
        user_id (str): A GrowQR user.
        roleplay_type (RoleplayType): `custom` for salary and offer negotiation, recruiter, manager and promotion
            conversations, networking and workplace conflict; `sales` for discovery, demos,
            objection handling and closing; `customer_success` for renewal, onboarding, expansion
            and customer health; `support` for troubleshooting, escalation and service recovery.
        overall_score (float):
        completed_at (datetime.datetime):
        display_name (None | str | Unset):
    """

    rank: int
    session_id: str
    user_id: str
    roleplay_type: RoleplayType
    overall_score: float
    completed_at: datetime.datetime
    display_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rank = self.rank

        session_id = self.session_id

        user_id = self.user_id

        roleplay_type = self.roleplay_type.value

        overall_score = self.overall_score

        completed_at = self.completed_at.isoformat()

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rank": rank,
                "session_id": session_id,
                "user_id": user_id,
                "roleplay_type": roleplay_type,
                "overall_score": overall_score,
                "completed_at": completed_at,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rank = d.pop("rank")

        session_id = d.pop("session_id")

        user_id = d.pop("user_id")

        roleplay_type = RoleplayType(d.pop("roleplay_type"))

        overall_score = d.pop("overall_score")

        completed_at = datetime.datetime.fromisoformat(d.pop("completed_at"))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        leaderboard_entry = cls(
            rank=rank,
            session_id=session_id,
            user_id=user_id,
            roleplay_type=roleplay_type,
            overall_score=overall_score,
            completed_at=completed_at,
            display_name=display_name,
        )

        leaderboard_entry.additional_properties = d
        return leaderboard_entry

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
