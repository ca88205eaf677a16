from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.video_content_type import VideoContentType
from ..models.video_upload_target_method import VideoUploadTargetMethod

if TYPE_CHECKING:
    from ..models.video_upload_target_upload_headers import VideoUploadTargetUploadHeaders


T = TypeVar("T", bound="VideoUploadTarget")


@_attrs_define
class VideoUploadTarget:
    """Where the browser uploads the video: send `method` to `upload_url` with exactly
    `upload_headers` (which include `Content-Type: video/webm`) and no Authorization header,
    at most `max_size_bytes`, before `expires_at`.

        Attributes:
            session_id (str): A roleplay session.
            upload_id (str): One video upload.
            upload_url (str): An absolute http(s) URL with a host (no user info), as a browser fetches it.
            method (VideoUploadTargetMethod):
            upload_headers (VideoUploadTargetUploadHeaders):
            content_type (VideoContentType): The only accepted upload type.
            expires_at (datetime.datetime):
            max_size_bytes (int):
    """

    session_id: str
    upload_id: str
    upload_url: str
    method: VideoUploadTargetMethod
    upload_headers: VideoUploadTargetUploadHeaders
    content_type: VideoContentType
    expires_at: datetime.datetime
    max_size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        upload_id = self.upload_id

        upload_url = self.upload_url

        method = self.method.value

        upload_headers = self.upload_headers.to_dict()

        content_type = self.content_type.value

        expires_at = self.expires_at.isoformat()

        max_size_bytes = self.max_size_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "upload_id": upload_id,
                "upload_url": upload_url,
                "method": method,
                "upload_headers": upload_headers,
                "content_type": content_type,
                "expires_at": expires_at,
                "max_size_bytes": max_size_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.video_upload_target_upload_headers import (
            VideoUploadTargetUploadHeaders,
        )

        d = dict(src_dict)
        session_id = d.pop("session_id")

        upload_id = d.pop("upload_id")

        upload_url = d.pop("upload_url")

        method = VideoUploadTargetMethod(d.pop("method"))

        upload_headers = VideoUploadTargetUploadHeaders.from_dict(d.pop("upload_headers"))

        content_type = VideoContentType(d.pop("content_type"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        max_size_bytes = d.pop("max_size_bytes")

        video_upload_target = cls(
            session_id=session_id,
            upload_id=upload_id,
            upload_url=upload_url,
            method=method,
            upload_headers=upload_headers,
            content_type=content_type,
            expires_at=expires_at,
            max_size_bytes=max_size_bytes,
        )

        video_upload_target.additional_properties = d
        return video_upload_target

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
