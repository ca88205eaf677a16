from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.artifact_type import ArtifactType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ArtifactDownload")


@_attrs_define
class ArtifactDownload:
    """A presigned download URL. Send it no Authorization header.

    Attributes:
        session_id (str): A roleplay session.
        artifact_type (ArtifactType): A kind of session artifact.
        url (str): An absolute http(s) URL with a host (no user info), as a browser fetches it.
        expires_at (datetime.datetime):
        content_type (str):
        size_bytes (int | None | Unset):
    """

    session_id: str
    artifact_type: ArtifactType
    url: str
    expires_at: datetime.datetime
    content_type: str
    size_bytes: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        artifact_type = self.artifact_type.value

        url = self.url

        expires_at = self.expires_at.isoformat()

        content_type = self.content_type

        size_bytes: int | None | Unset
        if isinstance(self.size_bytes, Unset):
            size_bytes = UNSET
        else:
            size_bytes = self.size_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "artifact_type": artifact_type,
                "url": url,
                "expires_at": expires_at,
                "content_type": content_type,
            }
        )
        if size_bytes is not UNSET:
            field_dict["size_bytes"] = size_bytes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        session_id = d.pop("session_id")

        artifact_type = ArtifactType(d.pop("artifact_type"))

        url = d.pop("url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        content_type = d.pop("content_type")

        def _parse_size_bytes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        size_bytes = _parse_size_bytes(d.pop("size_bytes", UNSET))

        artifact_download = cls(
            session_id=session_id,
            artifact_type=artifact_type,
            url=url,
            expires_at=expires_at,
            content_type=content_type,
            size_bytes=size_bytes,
        )

        artifact_download.additional_properties = d
        return artifact_download

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
