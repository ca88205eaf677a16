"""`roleplay demo`: one rehearsal end to end, through the SDK, against an embedded service.

A person asks to rehearse a salary talk with their manager. plan() decides what the agent
does (with two of the policy's rules shown on their own: routing a mock interview away, and
10 minutes sent as 15), the draft is previewed, its questions edited and approved, the
practice happens live over the session's WebSocket, and the review, the leaderboard, the
video and a team lead's assignments follow. The contract's conformance summary closes it.
Nothing is made up here: every score, turn and URL shown is what the service returned.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from roleplay_cli._live import Turn, practise
from roleplay_cli._planview import plan_lines
from roleplay_cli._render import err, is_terminal, line, panel, show_table
from roleplay_cli._webm import demo_recording
from roleplay_sdk import Operation, Plan, RoleplayClient, plan, review_digest, summarize_preview

MEMBER, ADMIN = "dev-member-token", "dev-admin-token"
USER, LEAD = "user_123", "admin_1"

#: What the person says, as they would say it to the agent.
WORDS = (
    "I'd like to practise negotiating my salary with my manager. I'm on 150k and I want to ask "
    "for 170k, because I took over the payments team in March. Budgets lock at the end of the "
    "month, so if I don't ask now I wait another year. She'll probably say the budget is frozen "
    "this year, or that raises only happen in the annual cycle. I'd settle for 165k with a "
    "title change."
)
#: Two of the policy's rules, shown on their own (and labelled as such).
ROUTED_AWAY = "Can you set up a mock interview for a PM role at Stripe?"
TEN_MINUTES = "Give me 10 minutes of practice asking a recruiter to move the offer up"
#: The question the person wants the counterpart to ask, in place of the draft's generic
#: opening step.
OPENING_QUESTION = "What have you delivered this year that justifies 170k?"
#: What the person says in the live practice, one turn per message.
TURNS = (
    "Thanks for making time. I'd like to talk about my salary: I'm asking for 170k, up from 150k.",
    "Since March I have led the payments team, and we shipped the new checkout two weeks early, "
    "which lifted conversion by 4%.",
    "I understand the budget is tight. I was just hoping maybe we could find room before the "
    "budgets lock.",
    "Could we agree on 170k from next month, or 165k with a title change now?",
    "What would you need to see from me to approve it before the budgets lock?",
)
ASSIGNEES = ("ana@growqr.ai", "ben@growqr.ai", "chloe@growqr.ai")


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


@attrs.define
class Outcome:
    """What the rehearsal produced, for tests of the demo itself."""

    session_id: str | None = None
    transcript: list[Turn] = attrs.field(factory=list)
    review: Any = None


class Progress:
    """Where the demo is, on stderr: a transient bar on a terminal, plain lines if only
    stderr is one, nothing when stderr is redirected too (stdout stays the demo's text)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self._bar: Any = None
        self._task: Any = None

    @contextlib.contextmanager
    def running(self) -> Iterator[Progress]:
        if err.is_terminal and is_terminal():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err,
                transient=True,
            ) as bar:
                self._bar, self._task = bar, bar.add_task("demo", total=self.total)
                yield self
            self._bar = None
            return
        yield self

    def advance(self, label: str) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, description=label)
        elif err.is_terminal:
            err.print(f"[{self.done}/{self.total}] {label}", soft_wrap=True)


def _heading(number: int, text: str) -> None:
    line()
    line(f"{number}. {text}")


def _show_plan(result: Plan) -> None:
    for text in plan_lines(result, brief="<the words above>"):
        if not text.startswith("  signals"):
            line(f"   {text}")


def _rules() -> None:
    """The two labelled rule demonstrations; the interview appears on exactly one line."""
    away = plan(ROUTED_AWAY)
    line(
        f'   rule, routing: "{ROUTED_AWAY}" -> agent={away.agent}, operation={away.operation}: '
        f"{away.reason} Nothing is sent to the roleplay service."
    )
    snapped = plan(TEN_MINUTES)
    line(
        f'   rule, duration: "{TEN_MINUTES}" -> duration_minutes={snapped.duration_minutes} '
        "(the service takes 5, 15 or 30 minutes; 10 is never sent)."
    )


def _scenario_fields(result: Plan) -> dict[str, Any]:
    """preview()'s arguments from the plan: the person's words are the brief."""
    fields: dict[str, Any] = {"brief": WORDS, "metadata": {"source": "roleplay demo"}}
    for name in ("roleplay_type", "duration_minutes", "persona_id", "conversation_type"):
        if getattr(result, name) is not None:
            fields[name] = getattr(result, name)
    return fields


def _edited(outline: Sequence[str]) -> list[str]:
    """The draft's outline with its generic opening step replaced by the person's question."""
    rest = [step for step in outline if not step.startswith("Open by")]
    return [OPENING_QUESTION, *rest][:20]


def _show_transcript(transcript: Sequence[Turn], counterpart: str) -> None:
    width = max(len("you"), len(counterpart))
    for turn in transcript:
        who = "you" if turn.speaker == "person" else counterpart
        line(f"   {who:<{width}}  {turn.text}")


def _show_review(result: Any) -> None:
    panel("review", review_digest(result).as_text())
    if result.scores is not None:
        rows = [(c.name, c.score, c.comment) for c in result.scores.categories]
        show_table("scores by category", ("category", "score", "comment"), rows)


def rehearse(base_url: str, report: Report, progress: Progress) -> Outcome:
    """The person's rehearsal, then the team lead's assignments; each step goes in `report`."""
    outcome = Outcome()
    member = RoleplayClient(base_url=base_url, api_token=MEMBER, user_id=USER)
    admin = RoleplayClient(base_url=base_url, api_token=ADMIN, user_id=LEAD)
    with member, admin:
        _heading(1, "What the person says")
        line(f'   "{WORDS}"')
        _heading(2, "plan(): what the agent does first")
        decided = report.step("plan", lambda: plan(WORDS))
        progress.advance("plan")
        if decided is None:
            return outcome
        _show_plan(decided)
        _rules()
        if decided.agent != "roleplay" or decided.operation is not Operation.PREVIEW:
            report.rows.append(("plan chose preview", "FAILED", f"got {decided.operation}"))
            return outcome

        _heading(3, "Preview: a draft to review (nothing is live yet)")
        draft = report.step("preview", lambda: member.preview(**_scenario_fields(decided)))
        progress.advance("preview")
        if draft is None:
            return outcome
        sid = outcome.session_id = draft.session_id
        panel("preview", summarize_preview(draft).as_text())

        _heading(4, "The person edits the questions before approving")
        prompts = _edited(draft.prompt_outline)
        edited = report.step("edit questions", lambda: member.edit_questions(sid, prompts))
        progress.advance("edit questions")
        if edited is not None:
            for number, step in enumerate(edited.prompt_outline, 1):
                line(f"   {number}. {step}")

        _heading(5, "Approve: the session becomes active")
        session = report.step("approve", lambda: member.approve(sid))
        progress.advance("approve")
        if session is None or not session.websocket_url:
            return outcome
        line(f"   status: {session.status}")
        line(f"   websocket_url: {session.websocket_url}")
        line(f"   frontend_url: {session.frontend_url}")

        _heading(6, f"Live practice over the WebSocket ({len(TURNS)} turns, then end)")
        url = session.websocket_url
        transcript = report.step("live practice (WebSocket)", lambda: practise(url, MEMBER, TURNS))
        progress.advance("live practice")
        if transcript is None:
            return outcome
        outcome.transcript = transcript
        scenario = draft.scenario
        _show_transcript(transcript, scenario.counterpart if scenario else "counterpart")

        _heading(7, "The review, derived from those turns")
        outcome.review = report.step("review", lambda: member.review(sid))
        progress.advance("review")
        if outcome.review is not None:
            _show_review(outcome.review)

        _heading(8, "Leaderboard")
        board = report.step("leaderboard", lambda: member.leaderboard(limit=5))
        progress.advance("leaderboard")
        if board is not None:
            rows = [
                (e.rank, e.display_name or e.user_id, e.overall_score, e.session_id)
                for e in board.entries
            ]
            show_table("leaderboard", ("#", "who", "score", "session"), rows)

        _heading(9, "The recording: upload it, then fetch its artifact URL")
        video = demo_recording()
        upload = report.step("upload video", lambda: member.upload_video(sid, video))
        progress.advance("upload video")
        if upload is not None:
            line(f"   uploaded {len(video)} bytes of WebM as {upload.upload_id}")
            line(f"   analysis: {upload.analysis_status}")
        link = report.step("artifact URL", lambda: member.artifact_url(sid))
        progress.advance("artifact URL")
        if link is not None:
            line(f"   session_video (expires {link.expires_at.isoformat()}):")
            line(link.url)

        _heading(10, "A team lead assigns the same rehearsal (admin token)")
        _assignments(admin, decided, report)
        progress.advance("assignments")
    return outcome


def _assignments(admin: RoleplayClient, decided: Plan, report: Report) -> None:
    fields = _scenario_fields(decided)
    fields.pop("persona_id", None)
    created = report.step(
        "create assignments (admin)",
        lambda: admin.create_assignments(
            list(ASSIGNEES), title="Ask for the raise you have earned", **fields
        ),
    )
    listed = report.step(
        "list assignments", lambda: list(admin.list_assignments(status="assigned"))
    )
    if listed is not None:
        assigned = [(a.assignment_id, a.email, a.status, a.scenario.title) for a in listed]
        show_table("assigned", ("assignment", "who", "status", "title"), assigned)
    if created is None:
        return
    ids = [a.assignment_id for a in created.assignments]
    gone = report.step("unassign", lambda: admin.unassign(ids[-1:], reason="moved teams"))
    if gone is not None:
        line(f"   unassigned {ids[-1]} (the record stays, status unassigned)")
    asked = [*ids, "asg_does_not_exist"]
    bulk = report.step("bulk results", lambda: admin.bulk_results(asked))
    if bulk is not None:
        results = [
            (
                r.assignment_id,
                r.assignment.status if r.assignment else "not found",
                r.review.status if r.review else "",
            )
            for r in bulk.results
        ]
        show_table("bulk results", ("assignment", "status", "review"), results)


def _examples(run: Callable[[Any, str], int], contract: Any, op_id: str) -> Callable[[], int]:
    return lambda: run(contract, op_id)


def _conformance(base_url: str, report: Report, progress: Progress) -> None:
    """The spec's examples and schemathesis' coverage phase for every operation (~10 s)."""
    try:
        from roleplay_contract.conformance import (
            load_schema,
            run_coverage,
            run_examples,
            server_target,
            spec_operation_ids,
        )
    except ImportError:
        line('conformance: skipped (it needs the extra: pip install "roleplay-sdk[contract]")')
        progress.advance("conformance (skipped)")
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
    progress.advance("conformance")


def run_demo(*, conformance: bool = True) -> int:
    """Run everything; the exit status is 1 when any step failed."""
    try:
        from roleplay_reference import BackgroundServer
    except ImportError as exc:
        line(f"demo needs the reference service (the `fake` extra): {exc}")
        return 1
    report = Report()
    progress = Progress(total=11 if conformance else 10)
    with progress.running(), BackgroundServer(enable_control=True) as server:
        line(f"roleplay demo: one rehearsal end to end; reference service at {server.base_url}")
        rehearse(server.base_url, report, progress)
        if conformance:
            line()
            line("Conformance: the spec's examples and schemathesis' coverage phase, per operation")
            _conformance(server.base_url, report, progress)
    line()
    show_table("demo report", ("step", "result", "detail"), report.rows)
    passed = len(report.rows) - report.failed
    line(f"{passed} passed, {report.failed} failed")
    return 1 if report.failed else 0
