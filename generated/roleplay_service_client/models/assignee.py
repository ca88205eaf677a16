from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Assignee")


@_attrs_define
class Assignee:
    """A person, by email and/or user ID (at least one).

    Attributes:
        email (str | Unset): An email address: a dot-atom local part, `@`, and a domain of at least two labels. The
            pattern is a strict subset of `format: email`, so every validator, format-asserting or
            not, accepts exactly the addresses the pattern does.
        user_id (str | Unset): A GrowQR user.
    """

    email: str | Unset = UNSET
    user_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email", UNSET)

        user_id = d.pop("user_id", UNSET)

        assignee = cls(
            email=email,
            user_id=user_id,
        )

        return assignee
