"""Small HTTP helpers the semantic checks share: request bodies, expectations, URLs, time."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from ._target import Target

PREVIEW = "/api/v1/roleplays/configure/preview"
CONFIGURE = "/api/v1/roleplays/configure"
QUESTIONS = "/api/v1/roleplays/configure/questions"
APPROVE = "/api/v1/roleplays/configure/approve"
LEADERBOARD = "/api/v1/roleplays/leaderboard"
ASSIGNMENTS = "/api/v1/roleplays/assignments"
UNASSIGN = "/api/v1/roleplays/assignments/unassign"
BULK = "/api/v1/roleplays/results:bulk"


def review_path(session_id: str) -> str:
    return f"/api/v1/roleplays/review/{session_id}"


def artifact_path(session_id: str, artifact_type: str = "session_video") -> str:
    return f"/api/v1/artifacts/{session_id}/{artifact_type}"


def upload_url_path(session_id: str) -> str:
    return f"/api/v1/sessions/{session_id}/video/upload-url"


def uploaded_path(session_id: str) -> str:
    return f"/api/v1/sessions/{session_id}/video/uploaded"


def unique(prefix: str = "ct") -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


def unique_email() -> str:
    return f"{unique()}@contract-tests.example"


def idempotency_key() -> str:
    return f"ct-{secrets.token_hex(16)}"


def describe(response: httpx.Response) -> str:
    text = response.text
    return (
        f"{response.request.method} {response.request.url} -> {response.status_code}: "
        f"{text[:600]}{'...' if len(text) > 600 else ''}"
    )


def expect(response: httpx.Response, *statuses: int) -> Any:
    """Assert the status; answer the JSON body (None when the answer is not JSON)."""
    assert response.status_code in statuses, f"expected {statuses}, got {describe(response)}"
    if not response.content or "json" not in response.headers.get("content-type", ""):
        return None
    return response.json()


def expect_problem(response: httpx.Response, *statuses: int) -> dict[str, Any]:
    """Assert an RFC 9457 problem answer with one of `statuses`."""
    assert response.status_code in statuses, f"expected {statuses}, got {describe(response)}"
    media = response.headers.get("content-type", "").split(";")[0].strip()
    assert media == "application/problem+json", f"not a problem+json answer: {describe(response)}"
    problem: dict[str, Any] = response.json()
    assert problem.get("status") == response.status_code, f"problem status: {describe(response)}"
    assert isinstance(problem.get("title"), str), f"problem without title: {describe(response)}"
    return problem


def configure_body(target: Target, **changes: Any) -> dict[str, Any]:
    """A valid ConfigureRequest acting as the api token's user."""
    body: dict[str, Any] = {
        "user_id": target.require_user_id(),
        "org_id": target.org_id,
        "persona_id": "emma",
        "duration_minutes": 15,
        "roleplay_type": "custom",
        "brief": (
            "Goal: negotiate a senior PM offer from 150k to 170k base. Counterpart: the "
            f"recruiter. Stakes: the offer expires Friday. Ref {unique()}."
        ),
        "metadata": {"conversation_type": "salary_negotiation", "source": "contract_tests"},
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def create_draft(target: Target, **changes: Any) -> dict[str, Any]:
    response = target.client(target.api_token).post(PREVIEW, json=configure_body(target, **changes))
    draft: dict[str, Any] = expect(response, 201)
    return draft


def create_active(target: Target, **changes: Any) -> dict[str, Any]:
    body = configure_body(target, **changes)
    response = target.client(target.api_token).post(CONFIGURE, json=body)
    session: dict[str, Any] = expect(response, 201)
    return session


def assignment_scenario(**changes: Any) -> dict[str, Any]:
    scenario: dict[str, Any] = {
        "title": "Renewal call with an at-risk customer",
        "brief": "Renew a customer whose usage dropped 40%; they are evaluating a competitor.",
        "persona_id": "john",
        "duration_minutes": 15,
        "roleplay_type": "customer_success",
    }
    scenario.update(changes)
    return scenario


def create_assignments(target: Target, emails: list[str]) -> list[dict[str, Any]]:
    """Assign one scenario to each email (admin token); answers the assignments in order."""
    admin = target.client(target.require_admin())
    body = {"assignees": [{"email": email} for email in emails], "scenario": assignment_scenario()}
    created: dict[str, Any] = expect(admin.post(ASSIGNMENTS, json=body), 201)
    assignments: list[dict[str, Any]] = created["assignments"]
    assert len(assignments) == len(emails), f"one assignment per assignee: {created}"
    return assignments


def list_all(client: httpx.Client, **params: Any) -> list[list[dict[str, Any]]]:
    """Every page of listAssignments with `params`, following next_cursor to the end."""
    pages: list[list[dict[str, Any]]] = []
    query = {k: v for k, v in params.items() if v is not None}
    for _ in range(1000):
        page = expect(client.get(ASSIGNMENTS, params=query), 200)
        pages.append(page["items"])
        if page["next_cursor"] is None:
            return pages
        query["cursor"] = page["next_cursor"]
    raise AssertionError("listAssignments never answered next_cursor null (1000 pages)")


def parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.tzinfo is not None, f"timestamp without a zone: {value!r}"
    return parsed


def answer_time(response: httpx.Response) -> datetime:
    """When the server answered: its Date header, else this machine's clock."""
    date = response.headers.get("date")
    if date:
        try:
            return parsedate_to_datetime(date)
        except (TypeError, ValueError):
            pass
    return datetime.now(UTC)


def assert_absolute_url(url: str, schemes: tuple[str, ...]) -> None:
    parts = urlsplit(url)
    assert parts.scheme in schemes, f"{url!r}: scheme not one of {schemes}"
    assert parts.netloc, f"{url!r} is not absolute"


def upload_recording(
    target: Target, session_id: str, content: bytes
) -> tuple[dict[str, Any], httpx.Response]:
    """Ask for an upload URL and PUT `content` to it the way a browser does (no token)."""
    client = target.client(target.api_token)
    upload: dict[str, Any] = expect(
        client.post(upload_url_path(session_id), json={"content_type": "video/webm"}), 201
    )
    put = target.client(None).request(
        upload["method"], upload["upload_url"], headers=upload["upload_headers"], content=content
    )
    return upload, put
