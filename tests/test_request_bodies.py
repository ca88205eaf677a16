"""The bodies the facade sends are exactly what each generated request model would send.

The facade hands its checked bodies to the generated endpoints' `_get_kwargs` as they are
(_settings.WireBody), instead of building the generated model from each body and comparing
its to_dict() round trip on every call. What that per-call comparison guaranteed is proven
here once per model, over the space of bodies the facade builds (hypothesis over the inputs
normalize_request and the other operations' checks accept):

* the generated model represents the body unchanged: Model.from_dict(body).to_dict() == body;
* the endpoint builds the same request (method, URL, headers, JSON) from the WireBody as from
  that model, so `_get_kwargs` reads its model only through to_dict().

The requests are captured from the operations' flows (their first Send), nothing is sent.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contract_tests.test_normalization_properties import valid_inputs
from roleplay_sdk import RoleplayClient
from roleplay_sdk import _ops_assignments as assignments
from roleplay_sdk import _ops_sessions as sessions
from roleplay_sdk._flow import Flow, Send, Upload
from roleplay_sdk._generated import model
from roleplay_sdk._settings import Settings, WireBody

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ids = st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True)
labels = st.text(
    alphabet=st.characters(exclude_categories=["Cs", "Cc"], min_codepoint=0x20), max_size=60
).filter(lambda text: text.strip())
emails = st.builds(
    lambda user, domain: f"{user}@{domain}.example",
    st.text(string.ascii_letters + string.digits + ".+_-", min_size=1, max_size=20).filter(
        lambda user: not user.startswith(".") and not user.endswith(".") and ".." not in user
    ),
    st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=20),
)
user_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._@:+-]{0,40}", fullmatch=True)
assignees = st.lists(
    st.one_of(
        emails,
        st.fixed_dictionaries({"email": emails}, optional={"user_id": user_ids}),
        st.fixed_dictionaries({"user_id": user_ids}),
    ),
    min_size=1,
    max_size=5,
)
due_dates = st.one_of(
    st.none(),
    st.datetimes(timezones=st.timezones()).filter(lambda moment: moment.utcoffset() is not None),
    st.sampled_from(["2030-01-02T03:04:05Z", "2030-01-02T03:04:05.123456+05:30"]),
)
SCENARIO_FIELDS = (
    "brief",
    "persona_id",
    "duration_minutes",
    "depth",
    "roleplay_type",
    "conversation_type",
    "metadata",
)


@pytest.fixture(scope="module")
def client() -> Iterator[RoleplayClient]:
    def never(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"nothing is sent here, got {request.method} {request.url}")

    http = httpx.Client(transport=httpx.MockTransport(never))
    with RoleplayClient(
        base_url="http://127.0.0.1:9", api_token="tok_bodies", user_id="user_1", http_client=http
    ) as built:
        yield built
    http.close()


def _settings(client: RoleplayClient) -> Settings:
    return client._settings


def first_send(flow: Flow[Any]) -> Send:
    """The first request an operation's flow would send (the flow is then closed)."""
    step = next(flow)
    flow.close()
    assert isinstance(step, Send)
    return step


def carried_unchanged(send: Send) -> dict[str, Any]:
    """Assert the request's body is one its generated model represents exactly; its JSON."""
    body = send.kwargs["body"]
    assert isinstance(body, WireBody)
    sent = body.to_dict()
    generated = model(body.model).from_dict(sent)
    assert generated.to_dict() == sent, f"{body.model} does not carry the body unchanged"
    built = send.endpoint.request(**send.kwargs)
    assert built == send.endpoint.module._get_kwargs(**{**send.kwargs, "body": generated})
    assert built["json"] is sent
    json.dumps(sent, allow_nan=False)  # what httpx would send: plain JSON
    return sent


@PROPERTY
@given(fields=valid_inputs, start=st.booleans())
def test_every_normalized_request_is_a_configure_request_unchanged(
    client: RoleplayClient, fields: dict[str, Any], start: bool
) -> None:
    operation = sessions.start if start else sessions.preview
    sent = carried_unchanged(first_send(operation(_settings(client), **fields)))
    assert set(sent) >= {"user_id", "org_id", "persona_id", "duration_minutes", "roleplay_type"}


@PROPERTY
@given(
    people=assignees,
    title=labels,
    scenario=valid_inputs.map(
        lambda fields: {key: value for key, value in fields.items() if key in SCENARIO_FIELDS}
    ),
    due_at=due_dates,
)
def test_every_checked_assignment_is_a_create_assignments_request_unchanged(
    client: RoleplayClient,
    people: list[Any],
    title: str,
    scenario: dict[str, Any],
    due_at: Any,
) -> None:
    send = first_send(
        assignments.create_assignments(
            _settings(client), people, title=title, due_at=due_at, **scenario
        )
    )
    assert len(carried_unchanged(send)["assignees"]) == len(people)


@PROPERTY
@given(
    session_id=ids,
    prompts=st.lists(labels, min_size=1, max_size=20),
    opening=st.one_of(st.none(), labels),
)
def test_every_checked_edit_is_an_update_questions_request_unchanged(
    client: RoleplayClient, session_id: str, prompts: list[str], opening: str | None
) -> None:
    flow = sessions.edit_questions(_settings(client), session_id, prompts, opening_prompt=opening)
    assert carried_unchanged(first_send(flow))["session_id"] == session_id


@PROPERTY
@given(assignment_ids=st.lists(ids, min_size=1, max_size=100), reason=st.one_of(st.none(), labels))
def test_every_checked_unassign_and_bulk_chunk_is_its_request_unchanged(
    client: RoleplayClient, assignment_ids: list[str], reason: str | None
) -> None:
    flow = assignments.unassign(_settings(client), assignment_ids, reason=reason)
    carried_unchanged(first_send(flow))
    bulk = assignments.bulk_results(_settings(client), assignment_ids)
    gather = next(bulk)
    bulk.close()
    for chunk in gather.flows:  # type: ignore[union-attr]
        carried_unchanged(first_send(chunk))


@PROPERTY
@given(session_id=ids, upload_id=ids, size=st.integers(1, 4096))
def test_every_approve_and_upload_request_is_its_model_unchanged(
    client: RoleplayClient, session_id: str, upload_id: str, size: int
) -> None:
    carried_unchanged(first_send(sessions.approve(_settings(client), session_id)))
    flow = sessions.upload_video(_settings(client), session_id, b"\x1a" * size)
    ask = next(flow)
    assert isinstance(ask, Send)
    assert carried_unchanged(ask) == {"content_type": "video/webm", "size_bytes": size}
    ask.state.response = _answer(
        201,
        {
            "session_id": session_id,
            "upload_id": upload_id,
            "upload_url": "https://files.example.test/u?sig=abcdefghijkl",
            "method": "PUT",
            "upload_headers": {"Content-Type": "video/webm"},
            "content_type": "video/webm",
            "expires_at": "2030-01-01T00:00:00Z",
            "max_size_bytes": 1 << 20,
        },
    )
    put = flow.send(None)
    assert isinstance(put, Upload)
    put.state.response = _answer(200, {})
    confirm = flow.send(None)
    flow.close()
    assert isinstance(confirm, Send)
    assert carried_unchanged(confirm) == {"upload_id": upload_id}


def _answer(status: int, body: object) -> httpx.Response:
    return httpx.Response(status, json=body, request=httpx.Request("POST", "http://127.0.0.1:9"))


# --- teeth: a body a generated model would not send unchanged is caught ----------------------


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda body: body.update(duration_minutes=10), id="duration 10"),
        pytest.param(lambda body: body.update(persona_id="bob"), id="unknown persona"),
        pytest.param(lambda body: body.update(surprise=1), id="a field the model drops"),
        pytest.param(lambda body: body.update(roleplay_type="enterprise"), id="unknown type"),
        pytest.param(lambda body: body.pop("user_id"), id="a required field missing"),
    ],
)
def test_a_body_the_generated_model_would_change_is_caught(
    client: RoleplayClient, change: Any
) -> None:
    send = first_send(sessions.preview(_settings(client), brief="Negotiate my salary"))
    change(send.kwargs["body"].to_dict())
    with pytest.raises((AssertionError, ValueError, KeyError)):
        carried_unchanged(send)
