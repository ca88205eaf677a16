from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.duration_minutes import DurationMinutes
from ..models.persona_id import PersonaId
from ..models.roleplay_type import RoleplayType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.q_score_input import QScoreInput
    from ..models.roleplay_metadata import RoleplayMetadata


T = TypeVar("T", bound="ConfigureRequest")


@_attrs_define
class ConfigureRequest:
    """What `previewRoleplay` and `configureRoleplay` take. `org_id` defaults to `growqr`;
    `qscore` is sent only when available.

        Attributes:
            user_id (str): A GrowQR user.
            persona_id (PersonaId): The AI counterpart's persona.
            duration_minutes (DurationMinutes): Length of the practice in minutes. Exactly 5, 15 or 30; 10 is not a value.
            roleplay_type (RoleplayType): `custom` for salary and offer negotiation, recruiter, manager and promotion
                conversations, networking and workplace conflict; `sales` for discovery, demos,
                objection handling and closing; `customer_success` for renewal, onboarding, expansion
                and customer health; `support` for troubleshooting, escalation and service recovery.
            brief (str): A concise scenario brief: the person's goal, the counterpart, the stakes, likely
                objections and the desired outcome. At least one non-space character, at most 4000.
                "Space" is whitespace in either ECMA-262 or Unicode's sense (U+001C-U+001F, U+0085 and
                U+FEFF included), so every regex engine reads the pattern the same way.
            org_id (str | Unset): An organization; `growqr` unless the caller belongs to another one.
            metadata (RoleplayMetadata | Unset): Structured context. The named keys are the ones the service understands;
                other keys
                are kept as they are (at most 32 keys in all; values are scalars or short lists).
            qscore (QScoreInput | Unset): The person's Q Score, only when available. `q_score` is required and numeric.
    """

    user_id: str
    persona_id: PersonaId
    duration_minutes: DurationMinutes
    roleplay_type: RoleplayType
    brief: str
    org_id: str | Unset = UNSET
    metadata: RoleplayMetadata | Unset = UNSET
    qscore: QScoreInput | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        persona_id = self.persona_id.value

        duration_minutes = self.duration_minutes.value

        roleplay_type = self.roleplay_type.value

        brief = self.brief

        org_id = self.org_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        qscore: dict[str, Any] | Unset = UNSET
        if not isinstance(self.qscore, Unset):
            qscore = self.qscore.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "persona_id": persona_id,
                "duration_minutes": duration_minutes,
                "roleplay_type": roleplay_type,
                "brief": brief,
            }
        )
        if org_id is not UNSET:
            field_dict["org_id"] = org_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if qscore is not UNSET:
            field_dict["qscore"] = qscore

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.q_score_input import QScoreInput
        from ..models.roleplay_metadata import RoleplayMetadata

        d = dict(src_dict)
        user_id = d.pop("user_id")

        persona_id = PersonaId(d.pop("persona_id"))

        duration_minutes = DurationMinutes(d.pop("duration_minutes"))

        roleplay_type = RoleplayType(d.pop("roleplay_type"))

        brief = d.pop("brief")

        org_id = d.pop("org_id", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: RoleplayMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RoleplayMetadata.from_dict(_metadata)

        _qscore = d.pop("qscore", UNSET)
        qscore: QScoreInput | Unset
        if isinstance(_qscore, Unset):
            qscore = UNSET
        else:
            qscore = QScoreInput.from_dict(_qscore)

        configure_request = cls(
            user_id=user_id,
            persona_id=persona_id,
            duration_minutes=duration_minutes,
            roleplay_type=roleplay_type,
            brief=brief,
            org_id=org_id,
            metadata=metadata,
            qscore=qscore,
        )

        return configure_request
