from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.phrasing_suggestion import PhrasingSuggestion


T = TypeVar("T", bound="ReviewFeedback")


@_attrs_define
class ReviewFeedback:
    """Transcript-derived, practical feedback.

    Attributes:
        summary (str): Free text, up to 2000 characters.
        better_phrasing (list[PhrasingSuggestion]):
        likely_pushback (list[str]):
        confidence_cues (list[str]):
        next_step (None | str):
    """

    summary: str
    better_phrasing: list[PhrasingSuggestion]
    likely_pushback: list[str]
    confidence_cues: list[str]
    next_step: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary

        better_phrasing = []
        for better_phrasing_item_data in self.better_phrasing:
            better_phrasing_item = better_phrasing_item_data.to_dict()
            better_phrasing.append(better_phrasing_item)

        likely_pushback = self.likely_pushback

        confidence_cues = self.confidence_cues

        next_step: None | str
        next_step = self.next_step

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "summary": summary,
                "better_phrasing": better_phrasing,
                "likely_pushback": likely_pushback,
                "confidence_cues": confidence_cues,
                "next_step": next_step,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.phrasing_suggestion import PhrasingSuggestion

        d = dict(src_dict)
        summary = d.pop("summary")

        better_phrasing = []
        _better_phrasing = d.pop("better_phrasing")
        for better_phrasing_item_data in _better_phrasing:
            better_phrasing_item = PhrasingSuggestion.from_dict(better_phrasing_item_data)

            better_phrasing.append(better_phrasing_item)

        likely_pushback = cast(list[str], d.pop("likely_pushback"))

        confidence_cues = cast(list[str], d.pop("confidence_cues"))

        def _parse_next_step(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_step = _parse_next_step(d.pop("next_step"))

        review_feedback = cls(
            summary=summary,
            better_phrasing=better_phrasing,
            likely_pushback=likely_pushback,
            confidence_cues=confidence_cues,
            next_step=next_step,
        )

        review_feedback.additional_properties = d
        return review_feedback

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
