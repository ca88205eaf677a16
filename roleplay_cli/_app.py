"""The `roleplay` typer app: one subcommand per RoleplayClient operation, plus plan/serve/demo."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from roleplay_cli._choices import choice_option, snapped_duration
from roleplay_cli._errors import FAILED, RoleplayGroup, describe, report
from roleplay_cli._planview import plan_lines
from roleplay_cli._render import emit_json, err, line, panel, show_table, warn
from roleplay_sdk import (
    ARTIFACT_TYPES,
    ASSIGNMENT_STATUSES,
    DEPTHS,
    PERSONAS,
    ROLEPLAY_TYPES,
    Assignment,
    RoleplayClient,
    RoleplayError,
    plan,
    review_digest,
    summarize_preview,
)

T = TypeVar("T")

#: Tests may replace this to inject a client (e.g. one over the in-process reference service).
CLIENT_FACTORY: Callable[..., RoleplayClient] = RoleplayClient

_EXIT_CODES = (
    "Exit status: 0 success; 1 the service refused or failed the call (or `serve` could not "
    "start); 2 bad input or usage, nothing was sent; 130 interrupted. With --json, results are "
    "JSON on stdout and errors one JSON object on stderr "
    "(type, status, request_id, message)."
)

app = typer.Typer(
    cls=RoleplayGroup,
    help=(
        "Command line for GrowQR's roleplay-service.\n\n"
        "Connection options: --base-url ($ROLEPLAY_BASE_URL), --api-token ($ROLEPLAY_API_TOKEN), "
        "--user-id ($ROLEPLAY_USER_ID), --org-id ($ROLEPLAY_ORG_ID, default growqr); they may "
        "also follow the subcommand.\n\n"
        "Examples:\n\n"
        "  roleplay serve &\n\n"
        '  roleplay plan "I want to practise asking my manager for a raise"\n\n'
        "  export ROLEPLAY_BASE_URL=http://127.0.0.1:8000 ROLEPLAY_API_TOKEN=dev-member-token "
        "ROLEPLAY_USER_ID=user_123\n\n"
        '  roleplay preview --brief "Negotiate a raise with my manager" --duration 15'
    ),
    epilog=_EXIT_CODES,
    no_args_is_help=True,
    rich_markup_mode=None,
)
assignments_app = typer.Typer(
    help="Organization assignments (create needs an admin token).\n\n"
    "Example: roleplay assignments list --status assigned",
    no_args_is_help=True,
)
app.add_typer(assignments_app, name="assignments")


class Options:
    """The connection options of the top-level callback."""

    def __init__(
        self,
        base_url: str | None,
        api_token: str | None,
        user_id: str | None,
        org_id: str | None,
        as_json: bool,
    ) -> None:
        self.base_url = base_url
        self.api_token = api_token
        self.user_id = user_id
        self.org_id = org_id
        self.as_json = as_json

    def client(self) -> RoleplayClient:
        options: dict[str, Any] = {
            "base_url": self.base_url,
            "api_token": self.api_token,
            "user_id": self.user_id,
        }
        if self.org_id is not None:
            options["org_id"] = self.org_id
        return CLIENT_FACTORY(**options)


@app.callback()
def _main(
    ctx: typer.Context,
    base_url: Annotated[
        str | None,
        typer.Option(envvar="ROLEPLAY_BASE_URL", help="Service URL ($ROLEPLAY_BASE_URL)."),
    ] = None,
    api_token: Annotated[
        str | None,
        typer.Option(
            envvar="ROLEPLAY_API_TOKEN",
            help="Bearer token ($ROLEPLAY_API_TOKEN); never printed.",
            show_default=False,
            show_envvar=False,
        ),
    ] = None,
    user_id: Annotated[
        str | None,
        typer.Option(envvar="ROLEPLAY_USER_ID", help="Caller's user_id ($ROLEPLAY_USER_ID)."),
    ] = None,
    org_id: Annotated[
        str | None,
        typer.Option(
            envvar="ROLEPLAY_ORG_ID", help="Caller's organization ($ROLEPLAY_ORG_ID; growqr)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    ctx.obj = Options(base_url, api_token, user_id, org_id, as_json)


def _options(ctx: typer.Context) -> Options:
    options = ctx.find_root().obj
    assert isinstance(options, Options)
    return options


@contextlib.contextmanager
def _errors(ctx: typer.Context) -> Iterator[None]:
    """Exit 2 on input the SDK refused, 1 on any other SDK error; print what went wrong.

    Messages name the CLI's flags (--api-token, not api_token=); with --json the error is one
    JSON object on stderr.
    """
    try:
        yield
    except RoleplayError as exc:
        code, info = describe(exc, ctx.command.name)
        report(info, as_json=_options(ctx).as_json)
        raise typer.Exit(code) from None


def _call(ctx: typer.Context, action: Callable[[RoleplayClient], T]) -> T:
    with _errors(ctx), _options(ctx).client() as client:
        return action(client)


def _status(message: str) -> Any:
    """A spinner on stderr while a slow call runs, on a terminal only (stdout stays clean)."""
    return err.status(message) if err.is_terminal else contextlib.nullcontext()


Brief = Annotated[str, typer.Option(help="What to practise, in plain words.")]
Persona = Annotated[
    str | None,
    choice_option(PERSONAS, "--persona-id", help="The counterpart's persona (emma)."),
]
Duration = Annotated[
    str | None,
    typer.Option(
        "--duration",
        help="Minutes: 5, 15 or 30; another number is sent as the nearest of those (10 as 15), "
        "and the CLI says so on stderr.",
    ),
]
Depth = Annotated[
    str | None,
    choice_option(
        DEPTHS,
        "--depth",
        help="Without --duration: quick (a 5-minute drill) or deep (a 30-minute simulation); "
        "neither gives 15 minutes.",
    ),
]
Kind = Annotated[
    str | None,
    choice_option(
        ROLEPLAY_TYPES,
        "--roleplay-type",
        help="Scenario type (default: inferred from the brief; custom for negotiation, "
        "recruiter, manager and promotion talks).",
    ),
]


def _fields(
    brief: str,
    persona_id: str | None,
    duration: str | None,
    depth: str | None,
    kind: str | None,
) -> dict[str, Any]:
    fields: dict[str, Any] = {"brief": brief}
    for name, value in (
        ("persona_id", persona_id),
        ("duration_minutes", duration),
        ("depth", depth),
        ("roleplay_type", kind),
    ):
        if value is not None:
            fields[name] = value
    return fields


def _say_snapped(duration: str | None, depth: str | None) -> None:
    """--duration 10 is sent as 15: say so, on stderr, before sending."""
    sent = snapped_duration(duration, depth)
    if sent is not None and duration is not None and duration.strip() != str(sent):
        warn(
            f"note: --duration {duration.strip()} is sent as {sent} (the service takes 5, 15 or 30)"
        )


def _show_preview(ctx: typer.Context, result: Any) -> None:
    if _options(ctx).as_json:
        emit_json(result)
        return
    panel("Roleplay", summarize_preview(result).as_text())
    for name in ("websocket_url", "frontend_url"):
        if getattr(result, name, None):
            line(f"{name}: {getattr(result, name)}")


@app.command()
def preview(
    ctx: typer.Context,
    brief: Brief,
    persona_id: Persona = None,
    duration: Duration = None,
    depth: Depth = None,
    roleplay_type: Kind = None,
) -> None:
    """Draft a roleplay for review (nothing starts).

    Example: roleplay preview --brief "Negotiate a raise with my manager" --duration 15
    """
    fields = _fields(brief, persona_id, duration, depth, roleplay_type)
    _say_snapped(duration, depth)
    _show_preview(ctx, _call(ctx, lambda c: c.preview(**fields)))


@app.command()
def start(
    ctx: typer.Context,
    brief: Brief,
    persona_id: Persona = None,
    duration: Duration = None,
    depth: Depth = None,
    roleplay_type: Kind = None,
) -> None:
    """Create and start a session right away (no review step).

    Example: roleplay start --brief "Cold call a hospital procurement lead"
    """
    fields = _fields(brief, persona_id, duration, depth, roleplay_type)
    _say_snapped(duration, depth)
    _show_preview(ctx, _call(ctx, lambda c: c.start(**fields)))


@app.command()
def questions(
    ctx: typer.Context,
    session_id: str,
    prompts: Annotated[list[str], typer.Argument(help="The new prompts, in order.")],
    opening_prompt: Annotated[str | None, typer.Option(help="New opening line.")] = None,
) -> None:
    """Replace a draft's prompts before approving it.

    Example: roleplay questions rp_123 "Why this role?" "Tell me about a conflict"
    """
    result = _call(
        ctx, lambda c: c.edit_questions(session_id, prompts, opening_prompt=opening_prompt)
    )
    _show_preview(ctx, result)


@app.command()
def approve(ctx: typer.Context, session_id: str) -> None:
    """Approve a draft: it becomes an active session with its live-practice URLs.

    Example: roleplay approve rp_123
    """
    _show_preview(ctx, _call(ctx, lambda c: c.approve(session_id)))


@app.command()
def review(ctx: typer.Context, session_id: str) -> None:
    """Show a session's review (pending until the practice is completed).

    Example: roleplay review rp_123
    """
    result = _call(ctx, lambda c: c.review(session_id))
    if _options(ctx).as_json:
        emit_json(result)
    else:
        panel("Review", review_digest(result).as_text())


@app.command()
def leaderboard(
    ctx: typer.Context,
    limit: Annotated[int | None, typer.Option(help="How many entries (1-100).")] = None,
    roleplay_type: Kind = None,
) -> None:
    """The organization's leaderboard.

    Example: roleplay leaderboard --limit 5
    """
    result = _call(ctx, lambda c: c.leaderboard(limit=limit, roleplay_type=roleplay_type))
    if _options(ctx).as_json:
        emit_json(result)
        return
    rows = [
        (e.rank, e.display_name or e.user_id, e.roleplay_type, e.overall_score, e.session_id)
        for e in result.entries
    ]
    show_table("Leaderboard", ("#", "who", "type", "score", "session"), rows)


@app.command()
def artifact(
    ctx: typer.Context,
    session_id: str,
    artifact_type: Annotated[
        str, choice_option(ARTIFACT_TYPES, "--type", help="Artifact type.")
    ] = "session_video",
) -> None:
    """A short-lived download URL of a session's artifact.

    The URL is the first line, never wrapped: URL=$(roleplay artifact rps_123 | head -1)

    Example: roleplay artifact rps_123 --type session_video
    """
    result = _call(ctx, lambda c: c.artifact_url(session_id, artifact_type))
    if _options(ctx).as_json:
        emit_json(result)
    else:
        line(result.url)
        line(f"(expires {result.expires_at.isoformat()})")


@app.command("upload-video")
def upload_video(
    ctx: typer.Context,
    session_id: str,
    video: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Recording.")],
    content_type: Annotated[str, typer.Option(help="Media type.")] = "video/webm",
) -> None:
    """Upload a session recording and confirm it (starts its analysis).

    Example: roleplay upload-video rp_123 ./practice.webm
    """
    size = video.stat().st_size
    with _status(f"Uploading {video.name} ({size} bytes)..."):
        result = _call(ctx, lambda c: c.upload_video(session_id, video, content_type=content_type))
    if _options(ctx).as_json:
        emit_json(result)
    else:
        line(f"Uploaded {size} bytes as {result.upload_id}; analysis {result.analysis_status}.")


def _assignment_rows(items: Any) -> list[tuple[Any, ...]]:
    return [
        (a.assignment_id, a.email or a.user_id, a.status, a.scenario.title, a.session_id)
        for a in items
    ]


_COLUMNS = ("assignment", "who", "status", "title", "session")


@assignments_app.command("create")
def assignments_create(
    ctx: typer.Context,
    assignees: Annotated[list[str], typer.Argument(help="Emails of the people to assign.")],
    title: Annotated[str, typer.Option(help="Assignment title.")],
    brief: Brief,
    duration: Duration = None,
    roleplay_type: Kind = None,
    due_at: Annotated[str | None, typer.Option(help="ISO 8601 due time.")] = None,
) -> None:
    """Assign one scenario to 1-100 people (admin token).

    Example: roleplay assignments create a@x.com b@x.com --title "Q3 pitch" --brief "Pitch"
    """
    fields = _fields(brief, None, duration, None, roleplay_type)
    _say_snapped(duration, None)
    fields["title"] = title
    if due_at is not None:
        fields["due_at"] = due_at
    result = _call(ctx, lambda c: c.create_assignments(assignees, **fields))
    if _options(ctx).as_json:
        emit_json(result)
    else:
        show_table("Assignments created", _COLUMNS, _assignment_rows(result.assignments))


@assignments_app.command("list")
def assignments_list(
    ctx: typer.Context,
    email: Annotated[str | None, typer.Option(help="Only this person's.")] = None,
    status: Annotated[
        str | None, choice_option(ASSIGNMENT_STATUSES, "--status", help="Only this status.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Page size (1-100).")] = None,
) -> None:
    """Every assignment you can see, newest first (follows all pages).

    Example: roleplay assignments list --email a@x.com
    """
    items: list[Assignment] = _call(
        ctx, lambda c: list(c.list_assignments(email=email, status=status, limit=limit))
    )
    if _options(ctx).as_json:
        emit_json(items)
    else:
        show_table(f"Assignments ({len(items)})", _COLUMNS, _assignment_rows(items))


@assignments_app.command("unassign")
def assignments_unassign(
    ctx: typer.Context,
    assignment_ids: list[str],
    reason: Annotated[str | None, typer.Option(help="Why (kept on record).")] = None,
) -> None:
    """Soft-unassign assignments (records stay).

    Example: roleplay assignments unassign as_1 as_2 --reason "left the team"
    """
    result = _call(ctx, lambda c: c.unassign(assignment_ids, reason=reason))
    if _options(ctx).as_json:
        emit_json(result)
        return
    show_table("Unassigned", _COLUMNS, _assignment_rows(result.assignments))
    if result.not_found:
        line(f"Not found: {', '.join(result.not_found)}")


@app.command()
def results(ctx: typer.Context, assignment_ids: list[str]) -> None:
    """Results (assignment and review) of many assignments at once.

    Example: roleplay results as_1 as_2 as_3
    """
    with _status(f"Fetching {len(assignment_ids)} results..."):
        result = _call(ctx, lambda c: c.bulk_results(assignment_ids))
    if _options(ctx).as_json:
        emit_json(result)
        return
    rows = []
    for item in result.results:
        a, r = item.assignment, item.review
        rows.append(
            (
                item.assignment_id,
                (a.email or a.user_id) if a else "",
                a.status if a else "not found",
                r.status if r else "",
                review_digest(r).overall_score if r else "",
            )
        )
    show_table("Results", ("assignment", "who", "status", "review", "score"), rows)


@app.command("plan")
def plan_command(
    ctx: typer.Context, words: Annotated[list[str], typer.Argument(help="What the user said.")]
) -> None:
    """What an agent would do with these words: where they go, the call, what to ask first.

    Offline: nothing is sent. --json prints the whole Plan.

    Example: roleplay plan "I want to practise asking my manager for a raise, 10 minutes"
    """
    utterance = " ".join(words)
    with _errors(ctx):
        result = plan(utterance)
    if _options(ctx).as_json:
        emit_json(result.to_dict())
        return
    for text in plan_lines(result):
        line(text)


def _refuse_busy_port(host: str, port: int) -> None:
    """Exit 1 with a clear message when the port is taken (uvicorn would exit 3)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError:
        return  # let uvicorn report an unusable host
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            warn(f"error: cannot listen on {host}:{port}: {exc.strerror}; pick another --port")
            raise typer.Exit(FAILED) from None


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    db: Annotated[str | None, typer.Option(help="SQLite file (default: in memory).")] = None,
    tokens: Annotated[str | None, typer.Option(help="Tokens file (default: dev tokens).")] = None,
    enable_control: Annotated[bool, typer.Option(help="Expose /_control (tests).")] = False,
    public_base_url: Annotated[
        str | None,
        typer.Option(help="Base of the absolute URLs it answers (default: the bound address)."),
    ] = None,
    log_level: Annotated[
        str,
        typer.Option(
            help="critical, error, warning, info, debug or trace; none logs a token or a "
            "presigned URL's signature."
        ),
    ] = "info",
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated proxy IPs/CIDRs (or *) whose Host and X-Forwarded-* "
            "headers are trusted (default: none)."
        ),
    ] = None,
    rate_limit: Annotated[int, typer.Option(help="Requests per token per minute.")] = 600,
    auth_failure_limit: Annotated[
        int,
        typer.Option(
            help="Failed authentications per client address per minute before 429 (0: off)."
        ),
    ] = 30,
) -> None:
    """Run the reference service (needs the `fake` extra).

    Example: roleplay serve --port 8000 --enable-control &
    """
    _refuse_busy_port(host, port)
    try:
        from roleplay_reference import serve as run
    except ImportError as exc:
        err.print(f"error: the reference service is not installed ({exc})", markup=False)
        raise typer.Exit(1) from None
    try:
        run(
            host=host,
            port=port,
            db_path=db,
            tokens_file=tokens,
            enable_control=enable_control,
            public_base_url=public_base_url,
            log_level=log_level,
            forwarded_allow_ips=forwarded_allow_ips,
            rate_limit=rate_limit,
            auth_failure_limit=auth_failure_limit or None,
        )
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


@app.command()
def demo() -> None:
    """Walk the whole workflow against an embedded reference service, then check the contract.

    Example: roleplay demo
    """
    from roleplay_cli._demo import run_demo

    raise typer.Exit(run_demo())
