from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_status import SessionStatus

if TYPE_CHECKING:
    from ..models.q_score_context import QScoreContext
    from ..models.scenario import Scenario


T = TypeVar("T", bound="RoleplaySession")


@_attrs_define
class RoleplaySession:
    """An active (or later) session, as `configureRoleplay` and `approveRoleplay` return it:
    everything a preview has, plus where the frontend opens live practice.

        Attributes:
            session_id (str): A roleplay session.
            scenario_id (str): The scenario a session was built from.
            status (SessionStatus): `draft` (preview, needs approval), `active` (live practice possible), `completed`,
                `cancelled`. May grow.
            needs_approval (bool): True while the session is a draft.
            opening_prompt (None | str):
            prompt_outline (list[str]): The prompts the counterpart will work through, in order (at most 20).
            scenario (None | Scenario):
            qscore_context (None | QScoreContext):
            candidate_brief (None | str):
            created_at (datetime.datetime):
            websocket_url (str): An absolute http(s) or ws(s) URL with a host (no user info).
            frontend_url (None | str):
    """

    session_id: str
    scenario_id: str
    status: SessionStatus
    needs_approval: bool
    opening_prompt: None | str
    prompt_outline: list[str]
    scenario: None | Scenario
    qscore_context: None | QScoreContext
    candidate_brief: None | str
    created_at: datetime.datetime
    websocket_url: str
    frontend_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.q_score_context import QScoreContext
        from ..models.scenario import Scenario

        session_id = self.session_id

        scenario_id = self.scenario_id

        status = self.status.value

        needs_approval = self.needs_approval

        opening_prompt: None | str
        opening_prompt = self.opening_prompt

        prompt_outline = self.prompt_outline

        scenario: dict[str, Any] | None
        if isinstance(self.scenario, Scenario):
            scenario = self.scenario.to_dict()
        else:
            scenario = self.scenario

        qscore_context: dict[str, Any] | None
        if isinstance(self.qscore_context, QScoreContext):
            qscore_context = self.qscore_context.to_dict()
        else:
            qscore_context = self.qscore_context

        candidate_brief: None | str
        candidate_brief = self.candidate_brief

        created_at = self.created_at.isoformat()

        websocket_url = self.websocket_url

        frontend_url: None | str
        frontend_url = self.frontend_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "scenario_id": scenario_id,
                "status": status,
                "needs_approval": needs_approval,
                "opening_prompt": opening_prompt,
                "prompt_outline": prompt_outline,
                "scenario": scenario,
                "qscore_context": qscore_context,
                "candidate_brief": candidate_brief,
                "created_at": created_at,
                "websocket_url": websocket_url,
                "frontend_url": frontend_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.q_score_context import QScoreContext
        from ..models.scenario import Scenario

        d = dict(src_dict)
        session_id = d.pop("session_id")

        scenario_id = d.pop("scenario_id")

        status = SessionStatus(d.pop("status"))

        needs_approval = d.pop("needs_approval")

        def _parse_opening_prompt(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        opening_prompt = _parse_opening_prompt(d.pop("opening_prompt"))

        prompt_outline = cast(list[str], d.pop("prompt_outline"))

        def _parse_scenario(data: object) -> None | Scenario:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scenario_type_0 = Scenario.from_dict(data)

                return scenario_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Scenario, data)

        scenario = _parse_scenario(d.pop("scenario"))

        def _parse_qscore_context(data: object) -> None | QScoreContext:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                qscore_context_type_0 = QScoreContext.from_dict(data)

                return qscore_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QScoreContext, data)

        qscore_context = _parse_qscore_context(d.pop("qscore_context"))

        def _parse_candidate_brief(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        candidate_brief = _parse_candidate_brief(d.pop("candidate_brief"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        websocket_url = d.pop("websocket_url")

        def _parse_frontend_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        frontend_url = _parse_frontend_url(d.pop("frontend_url"))

        roleplay_session = cls(
            session_id=session_id,
            scenario_id=scenario_id,
            status=status,
            needs_approval=needs_approval,
            opening_prompt=opening_prompt,
            prompt_outline=prompt_outline,
            scenario=scenario,
            qscore_context=qscore_context,
            candidate_brief=candidate_brief,
            created_at=created_at,
            websocket_url=websocket_url,
            frontend_url=frontend_url,
        )

        roleplay_session.additional_properties = d
        return roleplay_session

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
