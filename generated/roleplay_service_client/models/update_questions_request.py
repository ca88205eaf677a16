from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateQuestionsRequest")


@_attrs_define
class UpdateQuestionsRequest:
    """New prompts for a draft (and optionally a new opening prompt).

    Attributes:
        session_id (str): A roleplay session.
        prompts (list[str]):
        opening_prompt (str | Unset): One prompt or question of the outline.
    """

    session_id: str
    prompts: list[str]
    opening_prompt: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        prompts = self.prompts

        opening_prompt = self.opening_prompt

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "session_id": session_id,
                "prompts": prompts,
            }
        )
        if opening_prompt is not UNSET:
            field_dict["opening_prompt"] = opening_prompt

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        session_id = d.pop("session_id")

        prompts = cast(list[str], d.pop("prompts"))

        opening_prompt = d.pop("opening_prompt", UNSET)

        update_questions_request = cls(
            session_id=session_id,
            prompts=prompts,
            opening_prompt=opening_prompt,
        )

        return update_questions_request
