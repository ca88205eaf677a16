"""plan(): focused tests of the seed's policy, the fields a plan carries, and Plan.call().

Accuracy over the labelled phrasings is tests/test_plan_corpus.py. Here: the precedence rule
by rule (preview first, explicit starts only, ask without a scenario, route away, two
intents), what the words name, `missing`, and running plans on the reference service.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from roleplay_reference import ReferenceService
from roleplay_reference.testing import in_process_async_client, in_process_client
from roleplay_sdk import (
    AsyncRoleplayClient,
    Operation,
    Plan,
    PlanNotReady,
    RoleplayClient,
    RoleplayError,
    plan,
)
from roleplay_sdk._exceptions import RoleplayValidationError
from roleplay_sdk._normalize import (
    DURATIONS,
    ROLEPLAY_TYPES,
    infer_roleplay_type,
    snap_duration,
)
from roleplay_sdk._plan import AGENTS, OPERATIONS
from roleplay_sdk._signals import (
    CAPABILITIES,
    DURATION,
    INTENTS,
    KINDS,
    MAPPING,
    NORMALIZATION,
    ORDER,
    ROUTE_AWAY,
    SIGNALS,
    STRATEGY,
    WORKFLOW,
    compile_rows,
    correct_word,
    expand,
    literal_prefix,
    scan,
)

CASES_PATH = Path(__file__).resolve().parent / "data" / "plan_cases.jsonl"
THRESHOLD = 0.95
SESSION = "rps_8f14e45fceea167a"
ADMIN = "dev-admin-token"


def _load() -> list[dict[str, Any]]:
    lines = CASES_PATH.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


CASES = _load()


def _text(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


# The fields beyond the four the corpus test scores: how to read each from a Plan and its
# empty value (a field a case leaves out is expected empty, so a wrong extraction counts).
FIELDS: dict[str, tuple[Callable[[Plan], Any], Any]] = {
    "clarify": (lambda p: p.needs_clarification, False),
    "emails": (lambda p: list(p.emails), []),
    "session_ids": (lambda p: list(p.session_ids), []),
    "assignment_ids": (lambda p: list(p.assignment_ids), []),
    "persona_id": (lambda p: p.persona_id, None),
    "company": (lambda p: _text(p.company), None),
    "target_role": (lambda p: _text(p.target_role), None),
}


def test_what_the_words_name_is_extracted_over_the_corpus() -> None:
    """Emails, IDs, persona, company and role: >= 95% per field over our own corpus."""
    right = dict.fromkeys(FIELDS, 0)
    misses: dict[str, list[str]] = {field: [] for field in FIELDS}
    checked = [case for case in CASES if "added" not in case["tags"]]
    for case in checked:
        result = plan(case["text"], context=case.get("context"))
        for field, (read, empty) in FIELDS.items():
            expected = _text(case["expect"].get(field, empty))
            if field == "clarify" and "clarify" not in case["expect"]:
                continue  # only the cases that say whether a question is due
            if read(result) == expected:
                right[field] += 1
            else:
                misses[field].append(
                    f"{case['text']!r}: expected {expected!r}, got {read(result)!r}"
                )
    counted = {f: len(checked) for f in FIELDS}
    counted["clarify"] = sum("clarify" in case["expect"] for case in checked)
    low = {f: right[f] / counted[f] for f in FIELDS if right[f] / counted[f] < THRESHOLD}
    details = "\n".join(f"  {f}: {miss}" for f in low for miss in misses[f])
    assert not low, f"below {THRESHOLD:.0%}: {low}\n{details}"


# --- the preview-first policy ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Let's practise a renewal call with a customer.",
        "Could I see what a salary negotiation with my recruiter would look like?",
        "Prepare a scenario for a support escalation with an angry client.",
        "I'm thinking of rehearsing a demo for a prospect.",
    ],
)
def test_without_an_explicit_start_it_previews(text: str) -> None:
    result = plan(text)
    assert (result.agent, result.operation) == ("roleplay", "preview")
    assert "preview" in result.reason


@pytest.mark.parametrize(
    "text",
    [
        "Start a renewal call with a customer.",
        "Launch the sales demo roleplay with a prospect.",
        "Begin a recruiter call practice.",
        "I want to practise my offer negotiation with the recruiter now.",
        "Kick off an escalation drill with a customer right away.",
    ],
)
def test_an_explicit_start_starts(text: str) -> None:
    result = plan(text)
    assert (result.agent, result.operation) == ("roleplay", "start")
    assert "start" in result.reason


@pytest.mark.parametrize(
    "text",
    [
        "Don't start yet, set up a renewal call with a customer.",
        "Do not launch it; I want a sales demo with a prospect.",
        "Before we begin, show me the recruiter call scenario.",
        "I'll start later, prepare the escalation call with a customer.",
        "Not now, but I want to practise a renewal call with a customer.",
        "Wait to start until I have seen the promotion talk with my manager.",
        "We will begin tomorrow: a discovery call with a prospect.",
    ],
)
def test_a_negated_or_deferred_start_previews(text: str) -> None:
    result = plan(text)
    assert (result.agent, result.operation) == ("roleplay", "preview")
    assert result.reason == "The start is negated or deferred, so preview a draft first."


def test_starting_a_named_draft_approves_it() -> None:
    result = plan("Start session rps_1234 please.")
    assert (result.operation, result.session_ids) == ("approve", ("rps_1234",))
    assert "asked to start it" in result.reason


# --- scores, route away, grow -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What score did I get on the renewal roleplay?",
        "Show the scores for rps_1234.",
        "How did my practice session score?",
    ],
)
def test_the_score_of_a_roleplay_is_a_review(text: str) -> None:
    assert (plan(text).agent, plan(text).operation) == ("roleplay", "review")


@pytest.mark.parametrize(
    ("text", "agent", "word"),
    [
        ("What is my Q score now?", "qscore", "Q Score Agent"),
        ("Has my career readiness score changed?", "qscore", "Q Score Agent"),
        ("Let's do a mock interview.", "interview", "Interview Agent"),
        ("Give me interview questions for a PM job.", "interview", "Interview Agent"),
        ("Tailor my resume to this posting.", "resume", "Resume Agent"),
        ("Write me a cover letter.", "resume", "Resume Agent"),
        ("Should I ask for a promotion this year?", "grow", "Grow Agent"),
    ],
)
def test_route_away(text: str, agent: str, word: str) -> None:
    result = plan(text)
    assert (result.agent, result.operation) == (agent, None)
    assert (result.roleplay_type, result.duration_minutes) == (None, None)
    assert word in result.reason


def test_advice_becomes_practice_when_the_person_asks_to_rehearse() -> None:
    assert plan("How should I ask my manager for a promotion?").agent == "grow"
    rehearsed = plan("How should I ask my manager for a promotion? Let's rehearse it.")
    assert (rehearsed.agent, rehearsed.operation) == ("roleplay", "preview")


def test_a_negated_route_away_topic_does_not_route_away() -> None:
    result = plan("Not a mock interview, just a renewal call with a customer to practise.")
    assert (result.agent, result.operation, result.roleplay_type) == (
        "roleplay",
        "preview",
        "customer_success",
    )


def test_nothing_recognisable_goes_to_the_grow_agent() -> None:
    for text in ["", "   ", "hello there", "thanks!"]:
        result = plan(text)
        assert (result.agent, result.operation) == ("grow", None)


# --- two intents ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "later"),
    [
        ("Show the leaderboard, then start a renewal call.", "leaderboard", ("start",)),
        ("Start a renewal call, then show the leaderboard.", "start", ("leaderboard",)),
        ("Before the leaderboard, review rps_1.", "review", ("leaderboard",)),
        ("Review rps_1 after you show me the leaderboard.", "leaderboard", ("review",)),
        ("Practise a demo with a prospect later, first check the feedback on rps_1.", "review",
         ("preview",)),
    ],
)  # fmt: skip
def test_two_intents_pick_the_one_acted_on_first(
    text: str, first: str, later: tuple[str, ...]
) -> None:
    result = plan(text)
    assert result.operation == first
    assert result.later_intents == later
    assert "comes first" in result.reason and later[0] in result.reason


def test_a_route_away_request_can_come_first() -> None:
    result = plan("Fix my resume, then set up a renewal call with a customer.")
    assert (result.agent, result.later_intents) == ("resume", ("preview",))


# --- duration ------------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [1, 3, 5, 7, 9, 10, 11, 12, 15, 20, 22, 23, 25, 30, 45, 60, 90])
def test_an_explicit_number_snaps_like_normalize_request(minutes: int) -> None:
    result = plan(f"Practise a {minutes} minute renewal call with a customer.")
    assert result.duration_minutes == snap_duration(minutes)
    assert result.duration_minutes != 10


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Practise a renewal call with a customer.", 15),
        ("A quick renewal drill with a customer.", 5),
        ("A deeper, longer renewal simulation with a customer.", 30),
        ("Not a quick one: a renewal call with a customer.", 15),
        ("Half an hour renewal call with a customer.", 30),
        ("A 2-hour renewal call with a customer.", 30),
        ("A quick 30 minute renewal call with a customer.", 30),
    ],
)
def test_duration_words(text: str, minutes: int) -> None:
    assert plan(text).duration_minutes == minutes


def test_context_duration_is_used_when_the_words_give_none() -> None:
    assert plan("Practise a renewal call.", context={"duration_minutes": 10}).duration_minutes == 15
    assert plan("A quick renewal call.", context={"duration_minutes": 30}).duration_minutes == 5


# --- clarifying questions --------------------------------------------------------------------


def test_no_questions_when_situation_and_counterpart_are_known() -> None:
    assert plan("Practise a salary negotiation with my recruiter.").clarifying_questions == ()
    assert plan("Practise a renewal call.").clarifying_questions == ()  # implies a customer


def test_questions_when_the_situation_is_unclear() -> None:
    result = plan("Let's do a roleplay.")
    assert result.operation == "ask"
    assert len(result.clarifying_questions) == 2
    assert result.clarifying_questions[0].startswith("What conversation")


def test_questions_when_only_the_counterpart_is_unclear() -> None:
    questions = plan("Practise a salary negotiation.").clarifying_questions
    assert questions[0].startswith("Who will you be talking to")
    assert len(questions) == 2  # and the desired outcome, which is not given either
    assert len(plan("Practise a salary negotiation, I want 170k.").clarifying_questions) == 1


def test_context_can_supply_the_situation() -> None:
    context = {"conversation_type": "renewal"}
    result = plan("Let's start.", context=context)
    assert (result.operation, result.roleplay_type, result.clarifying_questions) == (
        "start",
        "customer_success",
        (),
    )


def test_never_more_than_two_questions() -> None:
    for case in CASES:
        assert len(plan(case["text"], context=case.get("context")).clarifying_questions) <= 2


# --- what the words name, and context --------------------------------------------------------


def test_context_supplies_the_session_the_words_refer_to() -> None:
    result = plan("Approve it.", context={"session_id": SESSION, "user_id": "user_123"})
    assert (result.operation, result.session_ids, result.missing) == ("approve", (SESSION,), ())


def test_an_id_in_the_words_wins_over_context() -> None:
    result = plan("Review rps_other1.", context={"session_id": SESSION})
    assert result.session_ids == ("rps_other1",)


def test_a_missing_session_is_reported() -> None:
    result = plan("Approve it.")
    assert (result.operation, result.session_ids, result.missing) == (
        "approve",
        (),
        ("session_id",),
    )


def test_context_ids_are_not_attached_to_unrelated_operations() -> None:
    result = plan(
        "Show the leaderboard.", context={"session_id": SESSION, "assignment_ids": ["a1"]}
    )
    assert (result.session_ids, result.assignment_ids) == ((), ())


def test_assignment_ids_emails_and_missing_assignees() -> None:
    result = plan("Unassign those.", context={"assignment_ids": ["asg_1", "asg_2"]})
    assert (result.operation, result.assignment_ids) == ("unassign", ("asg_1", "asg_2"))
    created = plan("Assign a renewal roleplay to a@x.io, b@x.io and a@x.io.")
    assert created.emails == ("a@x.io", "b@x.io")
    assert plan("Assign a renewal roleplay.").missing == ("assignees",)
    with_context = plan("Assign a renewal roleplay.", context={"emails": ["c@x.io"]})
    assert (with_context.emails, with_context.missing) == (("c@x.io",), ())


@pytest.mark.parametrize(
    ("text", "artifact_type"),
    [
        ("Download the video of rps_1.", "session_video"),
        ("Send me the audio for rps_1.", "session_audio"),
        ("Get the transcript file of rps_1.", "transcript"),
    ],
)
def test_artifact_type(text: str, artifact_type: str) -> None:
    result = plan(text)
    assert (result.operation, result.artifact_type) == (Operation.ARTIFACT_URL, artifact_type)


def test_persona_company_role_and_conversation_type() -> None:
    result = plan("Practise a renewal call with Globex, as Payal, for the account manager role.")
    assert (result.persona_id, result.company, result.target_role) == (
        "payal",
        "Globex",
        "account manager",
    )
    assert result.conversation_type == "renewal"
    # "with <Name> as/about/from ..." reads as a person, not a company: a known limitation.
    assert plan("Practise a renewal call with Globex as Payal.").company is None
    assert plan("Practise a recruiter call with Priya about the offer.").company is None
    assert plan("Practise a renewal, not with emma.").persona_id is None
    assert plan("Practise a renewal.", context={"persona_id": " John"}).persona_id == "john"


# --- the value and its inputs ------------------------------------------------------------------


def test_plan_is_deterministic_immutable_and_json_ready() -> None:
    first = plan("Start a renewal call with Globex now, then show the leaderboard.")
    assert first == plan("Start a renewal call with Globex now, then show the leaderboard.")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.operation = "preview"  # type: ignore[misc]
    data = json.loads(json.dumps(first.to_dict()))
    assert data["operation"] == "start" and data["later_intents"] == ["leaderboard"]


@pytest.mark.parametrize(
    ("utterance", "context", "field"),
    [
        (None, None, "utterance"),
        (b"start", None, "utterance"),
        ("x" * 10_001, None, "utterance"),
        ("approve", ["rps_1"], "context"),
        ("approve", {"session_ids": "rps_1"}, "context.session_ids"),
        ("approve", {"session_ids": [1]}, "context.session_ids"),
        ("approve", {"session_id": " "}, "context.session_ids"),
        ("approve", {"session_id": "rps 1"}, "context.session_ids"),
        ("unassign", {"assignment_ids": ["asg_1", "a/b"]}, "context.assignment_ids"),
        ("practise a renewal", {"duration_minutes": "ten"}, "context.duration_minutes"),
        ("preview", {"company": 5}, "context.company"),
        ("preview", {"persona_id": "bob"}, "context.persona_id"),
    ],
)
def test_bad_input_is_a_validation_error(utterance: object, context: object, field: str) -> None:
    with pytest.raises(RoleplayValidationError) as caught:
        plan(utterance, context=context)  # type: ignore[arg-type]
    assert caught.value.field == field


# --- the table of signals ------------------------------------------------------------------


def test_every_signal_row_serves_a_seed_rule_and_a_known_value() -> None:
    rules = {MAPPING, ROUTE_AWAY, INTENTS, WORKFLOW, CAPABILITIES, DURATION, STRATEGY,
             NORMALIZATION, ORDER}  # fmt: skip
    operations = {str(operation) for operation in OPERATIONS}
    for signal in SIGNALS:
        assert signal.rule in rules, signal.name
        assert signal.kind in KINDS, signal.name
        assert signal.weight >= 1 and signal.patterns, signal.name
        for written in signal.patterns:
            for pattern in expand(written):
                assert literal_prefix(pattern), (signal.name, pattern)  # the trie's index
        if signal.kind == "roleplay_type":
            assert signal.value in ROLEPLAY_TYPES and signal.rule == MAPPING, signal.name
        if signal.kind == "route":
            assert signal.value in AGENTS and signal.rule == ROUTE_AWAY, signal.name
        if signal.kind == "op":
            assert signal.value in operations, signal.name
        if signal.kind == "duration" or signal.implies_minutes is not None:
            assert int(signal.implies_minutes or signal.value) in DURATIONS, signal.name
    assert len({signal.name for signal in SIGNALS}) == len(SIGNALS)


def test_the_table_is_one_regex_and_each_row_is_reachable() -> None:
    regex, owners, plain = compile_rows(SIGNALS)
    assert regex.groups == len(owners)  # one group per non-plain pattern, none inside rows
    assert {row.name for row in owners} | {row.name for row in plain.values()} == {
        row.name for row in SIGNALS
    }


def test_normalization_and_plan_share_the_mapping() -> None:
    """normalize_request infers with the roleplay_type rows alone; plan() reads the whole
    table: no other row may take a roleplay_type's words, so the two agree."""
    for case in CASES:
        result = plan(case["text"], context=case.get("context"))
        if result.operation in {"preview", "start"} and any(
            hit.signal.kind == "roleplay_type" for hit in scan(case["text"]).hits
        ):
            assert infer_roleplay_type(None, case["text"]) == result.roleplay_type, case["text"]


@pytest.mark.parametrize(
    ("word", "fixed"),
    [
        ("salery", "salary"),
        ("negotiaton", "negotiation"),
        ("leaderbaord", "leaderboard"),
        ("strat", "start"),
        ("aprove", "approve"),
        ("lunch", "lunch"),
        ("smart", "smart"),
        ("practical", "practical"),
        ("through", "through"),
        ("objective", "objective"),
        ("started", "started"),
        ("globex", "globex"),
    ],
)
def test_typo_correction_is_narrow(word: str, fixed: str) -> None:
    assert correct_word(word) == fixed


# --- operations are the SDK's methods; what a plan still misses ---------------------------


def test_operations_are_the_client_method_names_plus_ask() -> None:
    assert [str(op) for op in Operation] == [
        "preview", "start", "edit_questions", "approve", "review", "leaderboard",
        "artifact_url", "upload_video", "create_assignments", "list_assignments", "unassign",
        "bulk_results", "ask",
    ]  # fmt: skip
    for operation in Operation:
        if operation is not Operation.ASK:
            assert hasattr(RoleplayClient, str(operation)), operation
            assert hasattr(AsyncRoleplayClient, str(operation)), operation
    assert plan("Show the leaderboard.").operation == "leaderboard"  # a str enum
    assert json.loads(json.dumps(plan("Show the leaderboard.").to_dict()))["operation"] == (
        "leaderboard"
    )


@pytest.mark.parametrize(
    ("text", "operation", "missing"),
    [
        ("Practise a renewal call with a customer.", "preview", ()),
        ("Start a renewal call with a customer now.", "start", ()),
        ("Let's practise!", "ask", ("brief",)),
        ("Change the second question to ask about equity.", "edit_questions",
         ("session_id", "prompts")),
        ("Approve it.", "approve", ("session_id",)),
        ("How did I do in my last roleplay?", "review", ("session_id",)),
        ("Show the leaderboard.", "leaderboard", ()),
        ("Download the video of my last session.", "artifact_url", ("session_id",)),
        ("Upload my recording for rps_1.", "upload_video", ("video",)),
        ("Assign a renewal roleplay.", "create_assignments", ("assignees",)),
        ("Create an assignment for mia@example.com.", "create_assignments", ("title", "brief")),
        ("Assign it to mia@example.com.", "create_assignments", ("title", "brief")),
        ("List my assignments.", "list_assignments", ()),
        ("Unassign ben@x.io from the discovery call roleplay.", "unassign", ("assignment_ids",)),
        ("Bulk results please", "bulk_results", ("assignment_ids",)),
    ],
)  # fmt: skip
def test_missing_names_every_argument_the_method_needs(
    text: str, operation: str, missing: tuple[str, ...]
) -> None:
    result = plan(text)
    assert (result.operation, result.missing) == (operation, missing)
    assert result.ready is (not missing and operation != "ask")


def test_a_create_assignments_plan_carries_title_and_brief() -> None:
    result = plan("Assign the 'angry customer with a broken router' troubleshooting roleplay to "
                  "nina@isp.net and omar@isp.net")  # fmt: skip
    assert result.title == "angry customer with a broken router"
    assert result.brief is not None and "broken router" in result.brief
    assert (result.emails, result.missing) == (("nina@isp.net", "omar@isp.net"), ())
    named = plan("Assign the renewal roleplay to priya@example.com.")
    assert (named.title, named.roleplay_type) == ("Renewal roleplay", "customer_success")


# --- the words nobody here wrote (the failure kinds that broke the seed's rules) ----------


@pytest.mark.parametrize(
    "text",
    [
        "Now that I got the offer, help me negotiate it",
        "right now my manager ignores my ideas; help me practise raising it with her",
        "I start a new job Monday; help me rehearse introducing myself",
        "The customer started yelling last time; help me prepare the follow-up call",
        "We just launched a new product and customers are confused; build a support scenario",
        "The sales quarter begins Monday and I want to practise my discovery opener",
        "I've uploaded the video, please confirm it and start the analysis",
    ],
)
def test_start_or_now_inside_another_phrase_is_not_a_start(text: str) -> None:
    assert plan(text).operation != "start"


@pytest.mark.parametrize(
    "text",
    ["can we begin?", "Start now.", "Start a roleplay now.", "Begin a session with Emma now."],
)
def test_a_start_with_nothing_to_practise_asks_first(text: str) -> None:
    result = plan(text)
    assert (result.agent, result.operation) == ("roleplay", "ask")
    assert 1 <= len(result.clarifying_questions) <= 2
    assert (result.roleplay_type, result.duration_minutes) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "I want to practice for my interview with Google tomorrow",
        "I have an interview next week, can we practise?",
        "help me practise my answer to 'why do you want this job' for a job interview",
        "start a mock interview now",
        "Can you roleplay the hiring manager in a job interview for a data analyst position?",
    ],
)
def test_interview_practice_goes_to_the_interview_agent_however_phrased(text: str) -> None:
    assert (plan(text).agent, plan(text).operation) == ("interview", None)


def test_a_mixed_request_acts_on_the_first_and_keeps_the_rest() -> None:
    result = plan("review my resume and then let's roleplay a salary negotiation")
    assert (result.agent, result.operation, result.later_intents) == ("resume", None, ("preview",))


# --- Plan.call: an agent runs the plan, it cannot mistranslate it ---------------------------


@pytest.fixture
def service() -> ReferenceService:
    return ReferenceService()


def test_call_runs_each_operation_on_the_reference_service(service: ReferenceService) -> None:
    member = in_process_client(service=service)
    admin = in_process_client(ADMIN, service=service)
    draft = plan("Practise a salary negotiation with my recruiter, about 30 minutes.").call(member)
    assert (draft.status, draft.needs_approval) == ("draft", True)
    assert draft.scenario.duration_minutes == 30
    session = plan("Start a renewal call with a customer now.").call(member)
    assert session.status == "active" and session.scenario.roleplay_type == "customer_success"
    approved = plan("Approve it.", context={"session_id": draft.session_id}).call(member)
    assert (approved.session_id, approved.status) == (draft.session_id, "active")
    edited_draft = plan("Prepare a renewal call with a customer.").call(member)
    edited = plan(
        "Change the questions.",
        context={"session_id": edited_draft.session_id, "prompts": ["Why renew now?"]},
    ).call(member)
    assert list(edited.prompt_outline) == ["Why renew now?"]
    review = plan(f"How did I do on {session.session_id}?").call(member)
    assert review.session_id == session.session_id and review.status == "pending"
    assert plan("Show the leaderboard.").call(member).entries == ()
    created = plan("Assign the renewal roleplay to priya@example.com and sam@example.com.").call(
        admin
    )
    ids = [assignment.assignment_id for assignment in created.assignments]
    assert len(ids) == 2
    listed = list(plan("List the assignments.").call(admin))
    assert {a.assignment_id for a in listed} >= set(ids)
    results = plan(f"Results for assignments {ids[0]} and {ids[1]}").call(admin)
    assert [r.assignment_id for r in results.results] == ids
    removed = plan(f"Unassign {ids[0]}.", context={"assignment_ids": [ids[0]]}).call(admin)
    assert [a.assignment_id for a in removed.assignments] == [ids[0]]


@pytest.mark.parametrize(
    ("text", "context", "words"),
    [
        ("Tailor my resume for this job.", None, "Resume Agent"),
        ("Let's practise!", None, "asks first"),
        ("Approve it.", None, "session_id"),
        ("Assign a renewal roleplay.", None, "assignees"),
        ("Upload my recording for rps_1.", None, "video"),
        ("Review rps_1 and rps_2.", None, "2 sessions"),
    ],
)
def test_call_refuses_a_plan_that_is_not_ready_before_sending_anything(
    service: ReferenceService, text: str, context: dict[str, Any] | None, words: str
) -> None:
    client = in_process_client(service=service)
    before = service.count_sessions()
    result = plan(text, context=context)
    with pytest.raises(PlanNotReady) as caught:
        result.call(client)
    assert isinstance(caught.value, RoleplayError)
    assert words in str(caught.value)
    assert caught.value.plan is result and caught.value.missing == result.missing
    assert service.count_sessions() == before


async def test_call_on_the_async_client_returns_an_awaitable(service: ReferenceService) -> None:
    client = in_process_async_client(service=service)
    try:
        session = await plan("Kick off a quick escalation drill with an angry customer now.").call(
            client
        )
        assert session.status == "active" and session.scenario.duration_minutes == 5
        draft = await plan("Set up a demo for a skeptical CTO.").acall(client)
        assert draft.status == "draft" and draft.scenario.roleplay_type == "sales"
        assignments = await plan("Show my assignments.").acall(client)
        assert assignments == []
        with pytest.raises(PlanNotReady):
            await plan("What's my Q score?").acall(client)
    finally:
        await client.close()


# --- teeth: a broken precedence must be caught ----------------------------------------------


def test_a_planner_that_starts_on_any_start_word_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    from _plan_report import load, score

    import roleplay_sdk._plan as planner

    cases = [*load(CASES_PATH), *load(CASES_PATH.with_name("plan_blind_dev.jsonl"))]
    baseline = score("own", cases)
    monkeypatch.setattr(planner, "_is_start_request", lambda *args: planner.START)
    broken = score("broken", cases)
    assert not baseline.unrequested_starts
    assert len(broken.unrequested_starts) >= 5
    assert broken.exact_rate < baseline.exact_rate


@pytest.mark.parametrize(
    "text",
    [
        "a" * 10_000,
        "start " * 1666,
        "don't " * 1666,
        "first " * 1666,
        "start a renewal call, " * 454,
    ],
)
def test_hostile_input_is_planned_in_bounded_time(text: str) -> None:
    """No quadratic step: the longest accepted utterance is planned well within a second."""
    import time

    started = time.perf_counter()
    plan(text[:10_000])
    assert time.perf_counter() - started < 2.0


def test_a_session_id_with_its_own_prefix_is_the_plans_session() -> None:
    result = plan("review pls for sess_77b, want the recommendations")
    assert (result.operation, result.session_ids, result.missing) == ("review", ("sess_77b",), ())
