from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VideoUploadedRequest")


@_attrs_define
class VideoUploadedRequest:
    """The upload being confirmed.

    Attributes:
        upload_id (str): One video upload.
    """

    upload_id: str

    def to_dict(self) -> dict[str, Any]:
        upload_id = self.upload_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "upload_id": upload_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        upload_id = d.pop("upload_id")

        video_uploaded_request = cls(
            upload_id=upload_id,
        )

        return video_uploaded_request
