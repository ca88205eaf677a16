"""Assignment operations, written once as flows (see _flow.py) for both clients."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Required, Unpack

import attrs

from roleplay_sdk import _validate as check
from roleplay_sdk._exceptions import Malformed
from roleplay_sdk._flow import CallSettings, Flow, Gather, call
from roleplay_sdk._generated import LazyEndpoint, model
from roleplay_sdk._lazy import models
from roleplay_sdk._limits import NOT_GIVEN
from roleplay_sdk._normalize import normalize_request
from roleplay_sdk._ops_sessions import Deadline, ScenarioFields, Timeout
from roleplay_sdk._settings import Settings, wire

if TYPE_CHECKING:
    from roleplay_sdk._models import (
        AssignmentList,
        AssignmentPage,
        AssignmentResult,
        BulkResults,
        BulkResultSet,
        UnassignResult,
    )

# The generated endpoints, imported on first use (see _generated.py).
create_assignments_endpoint = LazyEndpoint("assignments", "create_assignments")
list_assignments_endpoint = LazyEndpoint("assignments", "list_assignments")
unassign_assignments = LazyEndpoint("assignments", "unassign_assignments")
bulk_assignment_results = LazyEndpoint("assignments", "bulk_assignment_results")

# normalize_request checks a ConfigureRequest, whose user_id an assignment scenario does not
# have; this stand-in satisfies that one check and is dropped from what is sent.
_SCENARIO_USER = "assignment-scenario"


class AssignmentFields(ScenarioFields, total=False):
    """create_assignments: the scenario's title and fields, and an optional due date."""

    title: Required[str]
    due_at: datetime.datetime | str | None


def create_assignments(
    settings: Settings,
    assignees: Iterable[str | Mapping[str, str]],
    **fields: Unpack[AssignmentFields],
) -> Flow[AssignmentList]:
    """Assign one scenario to 1 to 100 people (emails, or {email, user_id} mappings).

    Takes title, due_at and preview()'s scenario fields (brief, persona_id,
    duration_minutes, depth, roleplay_type, metadata, conversation_type), normalized the same
    way, plus idempotency_key, timeout and deadline. Needs an organization admin.
    """
    people = check.assignees(assignees)
    options: dict[str, Any] = dict(fields)
    title = options.pop("title", None)
    due_at = options.pop("due_at", None)
    idempotency_key = options.pop("idempotency_key", None)
    timeout = options.pop("timeout", None)
    deadline = options.pop("deadline", NOT_GIVEN)
    normalized = normalize_request(user_id=_SCENARIO_USER, **options).to_body()
    scenario: dict[str, Any] = {"title": check.short_text("title", title)}
    for field in ("brief", "persona_id", "duration_minutes", "roleplay_type"):
        scenario[field] = normalized[field]
    if normalized["metadata"]:
        scenario["metadata"] = normalized["metadata"]
    body: dict[str, Any] = {"assignees": people, "scenario": scenario}
    if due_at is not None:
        body["due_at"] = check.timestamp("due_at", due_at)
    key = settings.key(check.idempotency_key(idempotency_key))
    kwargs = {"body": wire("CreateAssignmentsRequest", body), "idempotency_key": key}
    return settings.send(
        create_assignments_endpoint, kwargs, models.AssignmentList.from_json, timeout, deadline
    )


@attrs.frozen
class Pages:
    """Fetches the pages of listAssignments; the clients only loop over it.

    Each page is a logical call of its own: its deadline starts when it is fetched, so the
    time a caller spends on the items between pages does not count.
    """

    settings: CallSettings
    query: Mapping[str, Any]

    def fetch(self, cursor: str | None = None) -> Flow[AssignmentPage]:
        kwargs = dict(self.query) if cursor is None else {**self.query, "cursor": cursor}
        return call(
            self.settings.started(),
            list_assignments_endpoint,
            kwargs,
            models.AssignmentPage.from_json,
            repeatable=True,
        )

    def after(self, page: AssignmentPage) -> Flow[AssignmentPage] | None:
        """The flow for the next page, or None after the last one."""
        return None if page.next_cursor is None else self.fetch(page.next_cursor)


def list_assignments(
    settings: Settings,
    *,
    email: str | None = None,
    status: str | None = None,
    limit: int | None = None,
    timeout: Timeout = None,
    deadline: Deadline = NOT_GIVEN,
) -> Pages:
    """Iterate over every assignment (newest first), following the pages to the last one.

    `email` and `status` filter; `limit` is the page size (1 to 100; the service's default 20).
    Members see only their own assignments. `deadline` bounds each page's request.
    """
    query: dict[str, Any] = {}
    if email is not None:
        query["email"] = check.email("email", email)
    if status is not None:
        query["status"] = model("AssignmentStatus")(
            check.choice("status", status, check.ASSIGNMENT_STATUSES)
        )
    if limit is not None:
        query["limit"] = check.bounded_int("limit", limit, check.PAGE_LIMIT)
    return Pages(settings.for_call(timeout, deadline), query)


def unassign(
    settings: Settings,
    assignment_ids: Iterable[str],
    *,
    reason: str | None = None,
    timeout: Timeout = None,
    deadline: Deadline = NOT_GIVEN,
) -> Flow[UnassignResult]:
    """Soft-unassign 1 to 100 assignments (records stay); unknown IDs come back in not_found."""
    ids = list(dict.fromkeys(check.identifiers("assignment_ids", assignment_ids)))
    body: dict[str, Any] = {"assignment_ids": ids}
    if reason is not None:
        body["reason"] = check.short_text("reason", reason)
    # The spec: "Unassigning twice is harmless", so a retry is safe without a key.
    return settings.send(
        unassign_assignments,
        {"body": wire("UnassignRequest", body)},
        models.UnassignResult.from_json,
        timeout,
        deadline,
    )


def bulk_results(
    settings: Settings,
    assignment_ids: Iterable[str],
    *,
    timeout: Timeout = None,
    deadline: Deadline = NOT_GIVEN,
) -> Flow[BulkResultSet]:
    """Results of any number of assignments, in the caller's order, with the ones not found.

    The IDs are de-duplicated and sent in chunks of 100 (the spec's bound), concurrently on
    the async client. `results[i]` answers `assignment_ids[i]`; `missing` lists the IDs the
    service has no assignment for. `deadline` bounds all the chunks together.
    """
    ids = check.identifiers("assignment_ids", assignment_ids, max_items=None)
    unique = list(dict.fromkeys(ids))
    per_call = settings.for_call(timeout, deadline)
    chunks = [unique[at : at + check.MAX_IDS] for at in range(0, len(unique), check.MAX_IDS)]
    return _bulk_flow(ids, tuple(_bulk_chunk(per_call, chunk) for chunk in chunks))


def _bulk_chunk(per_call: CallSettings, chunk: list[str]) -> Flow[BulkResults]:
    def parse(data: object) -> BulkResults:
        answer = models.BulkResults.from_json(data)
        answered = [result.assignment_id for result in answer.results]
        if sorted(answered) != sorted(chunk):
            raise Malformed("$.results", "does not answer each requested ID exactly once")
        return answer

    kwargs = {"body": wire("BulkResultsRequest", {"assignment_ids": chunk})}
    # Reading results changes nothing, so retries are safe.
    return call(per_call, bulk_assignment_results, kwargs, parse, repeatable=True)


def _bulk_flow(ids: list[str], chunks: tuple[Flow[BulkResults], ...]) -> Flow[BulkResultSet]:
    answers: list[BulkResults] = (yield Gather(chunks)) if chunks else []
    found: dict[str, AssignmentResult] = {
        result.assignment_id: result for answer in answers for result in answer.results
    }
    missing = tuple(dict.fromkeys(item for item in ids if not found[item].found))
    return models.BulkResultSet(results=tuple(found[item] for item in ids), missing=missing)
