"""`roleplay demo`: the whole workflow through the SDK against an embedded reference service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.panel import Panel

from roleplay_cli._render import out, table
from roleplay_sdk import RoleplayClient, review_digest, summarize_preview

MEMBER, ADMIN = "dev-member-token", "dev-admin-token"
#: A few bytes are enough: the reference service stores uploads, it does not decode them.
VIDEO = b"\x1a\x45\xdf\xa3demo-recording" * 64


class Report:
    """Steps run and their outcome, for the closing summary."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def step(self, name: str, action: Callable[[], Any]) -> Any:
        try:
            value = action()
        except Exception as exc:  # a demo reports every failure and goes on
            self.rows.append((name, "FAILED", f"{type(exc).__name__}: {exc}"))
            return None
        detail = f"{value} case{'' if value == 1 else 's'}" if isinstance(value, int) else ""
        self.rows.append((name, "ok", detail))
        return value

    @property
    def failed(self) -> int:
        return sum(1 for row in self.rows if row[1] != "ok")


def _workflow(base_url: str, service: Any, report: Report) -> None:
    member = RoleplayClient(base_url=base_url, api_token=MEMBER, user_id="user_123")
    admin = RoleplayClient(base_url=base_url, api_token=ADMIN, user_id="admin_1")
    with member, admin:
        draft = report.step(
            "preview",
            lambda: member.preview(
                brief="Mock interview for a PM role at Stripe", duration_minutes=10
            ),
        )
        if draft is None:
            return
        out.print(Panel(summarize_preview(draft).as_text(), title="preview"), markup=False)
        sid = draft.session_id
        prompts = ["Why product management?", "Tell me about a launch that failed."]
        report.step("edit questions", lambda: member.edit_questions(sid, prompts))
        session = report.step("approve", lambda: member.approve(sid))
        if session is not None:
            out.print(f"approved: practise at {session.frontend_url or session.websocket_url}")
        report.step("complete (reference control API)", lambda: service.complete_session(sid))
        result = report.step("review", lambda: member.review(sid))
        if result is not None:
            out.print(Panel(review_digest(result).as_text(), title="review"), markup=False)
        board = report.step("leaderboard", lambda: member.leaderboard(limit=5))
        if board is not None:
            rows = [(e.rank, e.display_name or e.user_id, e.overall_score) for e in board.entries]
            out.print(table("leaderboard", ("#", "who", "score"), rows))
        upload = report.step("upload video", lambda: member.upload_video(sid, VIDEO))
        if upload is not None:
            out.print(f"uploaded {len(VIDEO)} bytes; analysis {upload.analysis_status}")
        link = report.step("artifact URL", lambda: member.artifact_url(sid))
        if link is not None:
            out.print(f"artifact: {link.url}", markup=False)
        people = ["ana@growqr.ai", "ben@growqr.ai", "chloe@growqr.ai"]
        created = report.step(
            "create assignments (admin)",
            lambda: admin.create_assignments(
                people, title="Q3 discovery call", brief="Discovery call with a CFO"
            ),
        )
        listed = report.step("list assignments", lambda: list(admin.list_assignments()))
        if listed is not None:
            out.print(f"{len(listed)} assignments in the organization")
        if created is not None:
            ids = [a.assignment_id for a in created.assignments] + ["as_does_not_exist"]
            bulk = report.step("bulk results", lambda: admin.bulk_results(ids))
            if bulk is not None:
                bulk_rows = [
                    (r.assignment_id, r.assignment.status if r.assignment else "not found")
                    for r in bulk.results
                ]
                out.print(table("bulk results", ("assignment", "status"), bulk_rows))
            report.step("unassign", lambda: admin.unassign(ids[:1], reason="demo"))


def _examples(run: Callable[[Any, str], int], contract: Any, op_id: str) -> Callable[[], int]:
    return lambda: run(contract, op_id)


def _conformance(base_url: str, report: Report) -> None:
    """The spec's examples and schemathesis' coverage phase for every operation (~10 s)."""
    try:
        from contract_tests._target import server_target
        from contract_tests.conformance import (
            load_schema,
            run_coverage,
            run_examples,
            spec_operation_ids,
        )
    except ImportError:
        out.print("conformance: skipped (the contract suite needs a checkout of the repository)")
        return
    target = server_target(
        base_url,
        MEMBER,
        admin_token=ADMIN,
        other_org_token="dev-other-org-token",
    )
    contract = load_schema(target)
    for op_id in spec_operation_ids():
        report.step(f"conformance: examples of {op_id}", _examples(run_examples, contract, op_id))
        report.step(f"conformance: coverage of {op_id}", _examples(run_coverage, contract, op_id))


def run_demo() -> int:
    """Run everything; the exit status is 1 when any step failed."""
    try:
        from roleplay_reference import BackgroundServer
    except ImportError as exc:
        out.print(f"demo needs the reference service (the `fake` extra): {exc}")
        return 1
    report = Report()
    with BackgroundServer(enable_control=True) as server:
        out.print(f"reference service at {server.base_url}")
        _workflow(server.base_url, server.service, report)
        _conformance(server.base_url, report)
    out.print(table("demo report", ("step", "result", "detail"), report.rows))
    passed = len(report.rows) - report.failed
    out.print(f"{passed} passed, {report.failed} failed")
    return 1 if report.failed else 0
