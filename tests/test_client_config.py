"""Construction, with_options(), context managers, ownership, and argument checks."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import BASE, SPEC, TOKEN, Api, StandIn

from roleplay_sdk import AsyncRoleplayClient, RoleplayClient, RoleplayError, RoleplayValidationError
from roleplay_sdk._validate import (
    ARTIFACT_TYPES,
    ASSIGNMENT_STATUSES,
    EMAIL_PATTERN,
    ID_PATTERN,
    IDEMPOTENCY_KEY_PATTERN,
    USER_ID_PATTERN,
)

BRIEF = "Practise a support escalation call."
NAIVE = datetime.datetime(2026, 1, 1)  # no timezone


def test_defaults_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEPLAY_BASE_URL", "https://staging-api.example.test")
    monkeypatch.setenv("ROLEPLAY_API_TOKEN", TOKEN)
    client = RoleplayClient()
    assert client.base_url == httpx.URL("https://staging-api.example.test")
    assert client.org_id == "growqr" and client.user_id is None
    assert client.max_retries == 2
    assert client.timeout == httpx.Timeout(30.0, connect=5.0)
    client.close()


def test_without_anything_the_production_server_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROLEPLAY_BASE_URL", raising=False)
    client = RoleplayClient(api_token=TOKEN)
    assert client.base_url == httpx.URL("https://api.growqr.ai")
    client.close()


def test_http_client_base_url_is_used_when_nothing_else_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROLEPLAY_BASE_URL", raising=False)
    http = httpx.Client(base_url="https://mine.example.test")
    assert RoleplayClient(api_token=TOKEN, http_client=http).base_url.host == "mine.example.test"


@pytest.mark.parametrize("token", [None, "", "   ", "two words", "line\nbreak"])
def test_a_missing_or_malformed_token_is_refused(
    monkeypatch: pytest.MonkeyPatch, token: str | None
) -> None:
    monkeypatch.delenv("ROLEPLAY_API_TOKEN", raising=False)
    with pytest.raises(RoleplayValidationError) as raised:
        RoleplayClient(base_url=BASE, api_token=token)
    assert raised.value.field == "api_token"
    if token and token.strip():
        assert token not in str(raised.value)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
        ({"max_retries": 11}, "max_retries"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": float("inf")}, "timeout"),
        ({"timeout": "30"}, "timeout"),
        ({"user_id": "bad user"}, "user_id"),
        ({"org_id": "-bad"}, "org_id"),
        ({"allow_insecure_http": "yes"}, "allow_insecure_http"),
    ],
)
def test_constructor_options_are_checked(options: dict[str, Any], field: str) -> None:
    with pytest.raises(RoleplayValidationError) as raised:
        RoleplayClient(base_url=BASE, api_token=TOKEN, **options)
    assert raised.value.field == field


def test_blank_org_means_growqr() -> None:
    assert RoleplayClient(base_url=BASE, api_token=TOKEN, org_id=" ").org_id == "growqr"


async def test_with_options_copies_and_shares_the_http_client(
    make_client: Any, svc: StandIn, kind: str
) -> None:
    client = make_client(kind)
    copy = client.with_options(api_token="tok_other_user", user_id="user_9", org_id="acme")
    assert type(copy) is type(client)
    assert (copy.user_id, copy.org_id) == ("user_9", "acme")
    assert (client.user_id, client.org_id) == ("user_123", "growqr")
    assert copy._http is client._http
    svc.token = "tok_other_user"
    await Api(copy)("preview", brief=BRIEF)
    svc.token = TOKEN
    await Api(client)("preview", brief=BRIEF)
    first, second = svc.calls("previewRoleplay")
    assert first["headers"]["authorization"] == "Bearer tok_other_user"
    assert (first["json"]["user_id"], first["json"]["org_id"]) == ("user_9", "acme")
    assert second["headers"]["authorization"] == f"Bearer {TOKEN}"
    assert second["json"]["user_id"] == "user_123"


def test_closing_closes_only_what_the_client_created() -> None:
    given = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200)))
    with RoleplayClient(base_url=BASE, api_token=TOKEN, http_client=given) as client:
        pass
    assert not given.is_closed
    own = RoleplayClient(base_url=BASE, api_token=TOKEN)
    copy = own.with_options(timeout=5)
    copy.close()
    assert not own._http.is_closed  # a copy never closes what it shares
    uploader = own._upload_client()
    own.close()
    assert own._http.is_closed and uploader.is_closed
    moved = own.with_options(base_url="https://other.example.test")
    assert moved._http is not own._http
    moved.close()
    assert moved._http.is_closed
    assert client.base_url == httpx.URL(BASE)


async def test_async_context_manager_closes_its_clients() -> None:
    async with AsyncRoleplayClient(base_url=BASE, api_token=TOKEN) as client:
        uploader = client._upload_client()
    assert client._http.is_closed and uploader.is_closed


def test_a_given_http_clients_base_url_cannot_be_swapped_alone() -> None:
    client = RoleplayClient(base_url=BASE, api_token=TOKEN, http_client=httpx.Client())
    with pytest.raises(RoleplayValidationError, match="http_client"):
        client.with_options(base_url="https://other.example.test")
    other = httpx.Client()
    assert (
        client.with_options(base_url="https://other.example.test", http_client=other)._http is other
    )


def test_repr_shows_the_configuration() -> None:
    client = RoleplayClient(base_url=BASE, api_token=TOKEN, user_id="user_1")
    assert repr(client) == (
        "RoleplayClient(base_url='https://api.example.test', user_id='user_1', org_id='growqr')"
    )


# --- argument checks: rejected before anything is sent ----------------------------------------

BAD_CALLS = [
    ("preview", (), {}),  # no brief
    ("preview", (), {"brief": BRIEF, "persona_id": "zara"}),
    ("preview", (), {"brief": BRIEF, "duration_minutes": 0}),
    ("preview", (), {"brief": BRIEF, "idempotency_key": "short"}),
    ("preview", (), {"brief": BRIEF, "idempotency_key": "has spaces in it"}),
    ("preview", (), {"brief": BRIEF, "timeout": -1}),
    ("start", (), {"brief": BRIEF, "roleplay_type": "negotiation"}),
    ("create_roleplay", (), {"brief": BRIEF, "start": "yes"}),
    ("edit_questions", ("rps 1", ["Ask."]), {}),
    ("edit_questions", ("rps_1", "Ask."), {}),
    ("edit_questions", ("rps_1", []), {}),
    ("edit_questions", ("rps_1", ["Ask."] * 21), {}),
    ("edit_questions", ("rps_1", ["x" * 501]), {}),
    ("edit_questions", ("rps_1", ["Ask.", "  "]), {}),
    ("edit_questions", ("rps_1", ["Ask."]), {"opening_prompt": ""}),
    ("approve", ("../etc",), {}),
    ("approve", ("x" * 65,), {}),
    ("review", ("",), {}),
    ("review", (None,), {}),
    ("leaderboard", (), {"limit": 0}),
    ("leaderboard", (), {"limit": 101}),
    ("leaderboard", (), {"limit": True}),
    ("leaderboard", (), {"roleplay_type": "negotiation"}),
    ("artifact_url", ("rps_1", "screenshot"), {}),
    ("upload_video", ("rps_1", b""), {}),
    ("upload_video", ("rps_1", b"webm"), {"content_type": "video/mp4"}),
    ("upload_video", ("rps_1", "/no/such/file.webm"), {}),
    ("upload_video", ("rps_1", io.StringIO("text")), {}),
    ("upload_video", ("rps_1", 42), {}),
    ("upload_video", ("rps_1", b"webm"), {"idempotency_key": "k" * 121}),
    ("create_assignments", ([],), {"title": "T", "brief": BRIEF}),
    ("create_assignments", (["a@example.com"] * 101,), {"title": "T", "brief": BRIEF}),
    ("create_assignments", (["not-an-email"],), {"title": "T", "brief": BRIEF}),
    ("create_assignments", ("a@example.com",), {"title": "T", "brief": BRIEF}),
    ("create_assignments", ([{}],), {"title": "T", "brief": BRIEF}),
    ("create_assignments", ([{"name": "Priya"}],), {"title": "T", "brief": BRIEF}),
    ("create_assignments", (["a@example.com"],), {"title": " ", "brief": BRIEF}),
    ("create_assignments", (["a@example.com"],), {"title": "T", "brief": ""}),
    ("create_assignments", (["a@example.com"],), {"title": "T", "brief": BRIEF, "due_at": "soon"}),
    ("create_assignments", (["a@example.com"],), {"title": "T", "brief": BRIEF, "due_at": NAIVE}),
    ("unassign", ([],), {}),
    ("unassign", ([f"asg_{n}" for n in range(101)],), {}),
    ("unassign", ("asg_1",), {}),
    ("unassign", (["asg_1"],), {"reason": "x" * 201}),
    ("bulk_results", (["asg 1"],), {}),
    ("bulk_results", ("asg_1",), {}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "args", "kwargs"), BAD_CALLS)
async def test_bad_arguments_are_rejected_before_sending(
    api: Api, svc: StandIn, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(RoleplayValidationError) as raised:
        await api(method, *args, **kwargs)
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, RoleplayError)
    assert svc.requests == [] and svc.puts == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"email": "nobody"}, "email"), ({"status": "lost"}, "status"), ({"limit": 0}, "limit")],
)
async def test_list_assignments_checks_its_filters_at_once(
    api: Api, svc: StandIn, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(RoleplayValidationError) as raised:
        api.client.list_assignments(**kwargs)  # raised when called, before iterating
    assert raised.value.field == field and svc.requests == []


async def test_an_unknown_keyword_is_a_type_error(api: Api) -> None:
    with pytest.raises(TypeError):
        await api("preview", brief=BRIEF, colour="blue")


async def test_a_video_over_the_urls_limit_is_not_sent(api: Api, svc: StandIn) -> None:
    svc.max_upload_bytes = 10
    session = await api("start", brief=BRIEF)
    with pytest.raises(RoleplayValidationError, match="at most 10"):
        await api("upload_video", session.session_id, b"x" * 11)
    assert svc.puts == [] and not svc.calls("confirmVideoUploaded")


async def test_an_unseekable_file_is_read_once_and_can_be_retried(
    api: Api, svc: StandIn, tmp_path: Path
) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.data = io.BytesIO(b"piped-webm")

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            return self.data.readinto(buffer)

    session = await api("start", brief=BRIEF)
    await api("upload_video", session.session_id, Pipe())
    assert svc.puts[0]["content"] == b"piped-webm"


def test_the_checks_use_the_specs_patterns_and_values() -> None:
    schemas = SPEC["components"]["schemas"]
    assert schemas["SessionId"]["pattern"] == ID_PATTERN
    assert schemas["AssignmentId"]["pattern"] == ID_PATTERN
    assert schemas["UserId"]["pattern"] == USER_ID_PATTERN
    assert schemas["Email"]["pattern"] == EMAIL_PATTERN
    assert tuple(schemas["ArtifactType"]["enum"]) == ARTIFACT_TYPES
    assert tuple(schemas["AssignmentStatus"]["enum"]) == ASSIGNMENT_STATUSES
    parameters = SPEC["components"]["parameters"]
    assert parameters["IdempotencyKey"]["schema"]["pattern"] == IDEMPOTENCY_KEY_PATTERN
    assert schemas["AssignmentIdList"]["maxItems"] == 100
