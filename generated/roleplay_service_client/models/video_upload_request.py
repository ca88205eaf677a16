from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.video_content_type import VideoContentType
from ..types import UNSET, Unset

T = TypeVar("T", bound="VideoUploadRequest")


@_attrs_define
class VideoUploadRequest:
    """What will be uploaded (optional).

    Attributes:
        content_type (VideoContentType | Unset): The only accepted upload type.
        size_bytes (int | Unset): The recording's size; the upload URL then takes at most this many bytes.
    """

    content_type: VideoContentType | Unset = UNSET
    size_bytes: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content_type: str | Unset = UNSET
        if not isinstance(self.content_type, Unset):
            content_type = self.content_type.value

        size_bytes = self.size_bytes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if size_bytes is not UNSET:
            field_dict["size_bytes"] = size_bytes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _content_type = d.pop("content_type", UNSET)
        content_type: VideoContentType | Unset
        if isinstance(_content_type, Unset):
            content_type = UNSET
        else:
            content_type = VideoContentType(_content_type)

        size_bytes = d.pop("size_bytes", UNSET)

        video_upload_request = cls(
            content_type=content_type,
            size_bytes=size_bytes,
        )

        return video_upload_request
