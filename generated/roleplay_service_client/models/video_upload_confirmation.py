from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.analysis_status import AnalysisStatus
from ..models.artifact_type import ArtifactType

T = TypeVar("T", bound="VideoUploadConfirmation")


@_attrs_define
class VideoUploadConfirmation:
    """
    Attributes:
        session_id (str): A roleplay session.
        upload_id (str): One video upload.
        artifact_type (ArtifactType): A kind of session artifact.
        analysis_status (AnalysisStatus): Video analysis: `processing`, then `completed` or `failed`. May grow.
    """

    session_id: str
    upload_id: str
    artifact_type: ArtifactType
    analysis_status: AnalysisStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        upload_id = self.upload_id

        artifact_type = self.artifact_type.value

        analysis_status = self.analysis_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "upload_id": upload_id,
                "artifact_type": artifact_type,
                "analysis_status": analysis_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        session_id = d.pop("session_id")

        upload_id = d.pop("upload_id")

        artifact_type = ArtifactType(d.pop("artifact_type"))

        analysis_status = AnalysisStatus(d.pop("analysis_status"))

        video_upload_confirmation = cls(
            session_id=session_id,
            upload_id=upload_id,
            artifact_type=artifact_type,
            analysis_status=analysis_status,
        )

        video_upload_confirmation.additional_properties = d
        return video_upload_confirmation

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
