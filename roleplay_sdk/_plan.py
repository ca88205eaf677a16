"""plan(): the roleplay agent's decision about a person's words, as a deterministic function.

One pass of the signal table (roleplay_sdk._signals) finds what the words carry; the
precedence below, written once, turns that into one SDK operation (or a route away, or
"ask first"). It is fail-safe: a session is started only on an explicit start request aimed
at the practice, never without a scenario, never when a start is negated or deferred;
anything ambiguous falls to a preview. Where the precedence finds no strong request, the
phrasing model (roleplay_sdk._phrasing_model, learned from the labelled corpus) may route
away or name an operation on what exists; never a practice, so never a start (step 7). No
I/O after the model's first load, and nothing is cached between calls.

Precedence, in the order it is applied (seed sections in brackets):

1. Clauses. Punctuation and connectors split the words; "but first", "before that",
   "after you ..." make a clause act first, "then", "after that", "before I ..." later; an
   order word alone before a comma orders the clause after it ("but first, show me ...").
2. Negation. A negator cancels what it covers ("not a mock interview", "don't start").
   A hypothetical or a condition ("what if we", "suppose I", "once I", "after I review
   it") makes a start, "now" or an approval after it in its clause (and in the next one,
   when its clause ends at a comma or a "then") no request; a start before a condition waits
   for it. A condition on how the draft looks ("if the scenario looks realistic, then start
   it") is one; a politeness ("if that's ok, start now") is not.
   A doubt ("we're not sure we'll renew", "not sure I want to start") is such a condition,
   not a negation: the conversation stays named. "just" right after a negator stays in its
   scope ("rather than just tips").
3. Within a clause [Route away, Primary intents]:
   - a verb is aimed at its object: "write me a cover letter for an SDR role" asks for the
     cover letter, "help me prepare my resume" for the resume; a creation verb ("build",
     "make", "create") asks for a scenario only when its object is one ("build a renewal
     roleplay", not "build a professional network");
   - an interview (mock or practice interview, interview round or question practice, or
     one a practice verb is aimed at or practised for: "rehearse my interview", "practise
     answering '...' for my interview") takes over any practice in its clause, and any
     practice in the message that names no roleplay scenario of its own ("I have an
     interview next week, can we practise?"); an interview told in a story is not asked
     for ("after my interview went badly, help me practise asking my manager ...");
   - a service operation (review, approve, upload, assign, ...) takes over the practice
     words in its clause ("the recording of my negotiation roleplay");
   - a practice request with a scenario takes over a resume or Q score mention in its clause;
   - a practice request takes over an advice question in its clause ("how do I ask for a
     raise? let's rehearse it"); an explicit request for advice or tips does not. Advice on
     another agent's topic is that agent's ("explain how the Q score is calculated"), and
     advice told of asks for nothing ("I've read enough tips, I want to start");
   - a finished roleplay told before a route-away noun is the story ("did completing that
     roleplay change my Q score?").
4. Across clauses: of the explicit requests, the one acted on first leads (clause order,
   then position); the others become later_intents. Without one, a weaker mention decides
   (operation, interview, practice, advice), then a scenario alone (preview), else the
   Grow Agent.
5. Practice [Default workflow, Conversation strategy]: no scenario -> "ask" (at most two
   clarifying questions); an explicit start ("start/launch/begin ...", "practise now"), not
   negated or deferred -> "start"; starting an existing draft, or "it"/"that one" after
   the words name one ("I read the draft you made. Launch it") -> "approve"; else "preview".
   A start verb is a request when it is the person's own ("let's begin", "I want to start",
   "I want begin"; not "the client is ready to go live", "she told me to start") and aimed
   at the practice ("start the renewal roleplay"; not "start over", "start the recording";
   tersely, "launch quick drill: ...", "begin renewal call w payal" as "begin the renewal
   call", but not a compound, "start date negotiation"). Asked as leave or politely ("might
   I start one now", "I was wondering if we could begin ...", "would you be so kind as to
   launch ...") it is the person's own wish. A clause that is only a now-word closing a
   practice named before it ("demo practice with a skeptical director, starting now"), or
   an imperative "run/do/try a ..." with a now, is a start too.
   Started conversations that exist in real life as well ("I want to start a difficult
   conversation with my boss") need a "now" in their clause to be a start (closing it, or
   opening it: "right now I want to start practising ..."); so do they after a formal verb
   that is not the seed's ("initiate a difficult conversation with my boss").
   The fail-safe rule, once: a start or now-word counts only as the person's own request
   aimed at the practice, in their own clause. It does not count inside a subordinate
   clause or another person's words ("... while the caller insists I fix it now", "a client
   who says let's begin"), as the feature's name ("preview and start", "how does start
   work?"), in an idiom ("start me on the right foot"), or negated; and an explicit request
   to see the draft ("just show me the preview") beats a start wherever it stands.
6. Duration [Mapping rules]: an explicit length, snapped to 5, 15 or 30 (a bare number where
   a length goes counts: "quick 5", "a salary negotiation, 30."; one halfway between two, "a
   10 minute quick drill", takes the depth the words say; a length said in words, "standard
   length", beats a number that may be the real event's); else quick 5 or deep 30 (a depth
   said alone where a length goes counts: "..., quick", "quickie, start it now"); else 15.
7. The learned fallback: with no strong request read, the phrasing model's answer is taken
   when it is at least its THRESHOLD (0.75) sure and is a route away or an operation on a
   session, recording or assignment (review, upload_video, list_assignments, ...). A
   scenario no row typed takes the model's roleplay_type when it is as sure (else
   "custom"); one a row typed on a single cue takes it only when the model is
   TYPE_OVERRIDE (0.99) sure, and one typed on two cues or more, or by the context, keeps
   the rows' type. A type never changes the operation. Preview, start, ask and
   create_assignments stay with the rules.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, overload

import attrs

from roleplay_sdk import _phrasing_model
from roleplay_sdk._exceptions import RoleplayError, RoleplayValidationError
from roleplay_sdk._normalize import (
    DEEP,
    DEFAULT_DURATION,
    DURATIONS,
    PERSONAS,
    QUICK,
    snap_duration,
)
from roleplay_sdk._signals import (
    CAPABILITIES,
    GROUP_WORDS,
    NUMBER_WORDS,
    SIGNALS,
    Hit,
    Scan,
    Signal,
    best_roleplay_type,
    normalize_text,
    scanner,
    wordset,
)

if TYPE_CHECKING:
    from roleplay_sdk._async_client import AsyncRoleplayClient
    from roleplay_sdk._client import RoleplayClient

AGENTS = ("roleplay", "interview", "resume", "qscore", "grow")
AGENT_NAMES = {
    "interview": "Interview Agent",
    "resume": "Resume Agent",
    "qscore": "Q Score Agent",
    "grow": "Grow Agent",
}


class Operation(StrEnum):
    """What the roleplay agent does: a RoleplayClient method name, or ASK (ask first)."""

    PREVIEW = "preview"
    START = "start"
    EDIT_QUESTIONS = "edit_questions"
    APPROVE = "approve"
    REVIEW = "review"
    LEADERBOARD = "leaderboard"
    ARTIFACT_URL = "artifact_url"
    UPLOAD_VIDEO = "upload_video"
    CREATE_ASSIGNMENTS = "create_assignments"
    LIST_ASSIGNMENTS = "list_assignments"
    UNASSIGN = "unassign"
    BULK_RESULTS = "bulk_results"
    ASK = "ask"


OPERATIONS = tuple(Operation)
MAX_UTTERANCE_LENGTH = 10_000
BRIEF_MAX_LENGTH = 4000

SCENARIO_OPERATIONS = frozenset({Operation.PREVIEW, Operation.START, Operation.CREATE_ASSIGNMENTS})
SESSION_OPERATIONS = frozenset(
    {
        Operation.EDIT_QUESTIONS,
        Operation.APPROVE,
        Operation.REVIEW,
        Operation.ARTIFACT_URL,
        Operation.UPLOAD_VIDEO,
    }
)
ASSIGNMENT_OPERATIONS = frozenset({Operation.UNASSIGN, Operation.BULK_RESULTS})

QUESTION_SITUATION = "What conversation do you want to practise, and what is it about?"
QUESTION_COUNTERPART = (
    "Who will you be talking to (for example a recruiter, your manager or a customer)?"
)
QUESTION_OUTCOME = "What outcome do you want from the conversation?"

REASONS = {
    "interview": "Mock interviews, interview rounds and interview questions belong to the "
    "Interview Agent.",
    "resume": "Resumes, tailoring, ATS and cover letters belong to the Resume Agent.",
    "qscore": "A career readiness (Q) score or its changes belong to the Q Score Agent.",
    "grow": "General career advice without a practice scenario belongs to the Grow Agent.",
    "nothing": "Nothing asks for practice or a roleplay operation, so the Grow Agent answers.",
    "preview": "A scenario was asked for without an explicit start, so preview a draft first.",
    "held": "The start is negated or deferred, so preview a draft first.",
    "start": "The person explicitly asked to start the practice now, so start the session.",
    "ask": "Nothing says what to practise yet, so ask first (never start an empty session).",
    "approve": "The person approved the draft (or asked to start it), so activate its session.",
    "edit_questions": "The person wants to change a draft's questions before approval.",
    "review": "The person asked how a roleplay went: its review, scores and feedback.",
    "leaderboard": "The person asked for the top completed roleplay reviews.",
    "artifact_url": "The person asked for a session's recording or transcript file.",
    "upload_video": "The person wants to upload a session recording for analysis.",
    "create_assignments": "The person wants to assign a roleplay to other people.",
    "list_assignments": "The person asked which roleplays are assigned.",
    "unassign": "The person wants assignments removed.",
    "bulk_results": "The person asked for the results of several assignments.",
}


class PlanNotReady(RoleplayError):
    """Plan.call() cannot run the plan: it routes to another agent, asks first, or lacks
    arguments. `missing` names the arguments, `agent` where the request belongs."""

    def __init__(self, message: str, *, plan: Plan) -> None:
        super().__init__(message)
        self.plan = plan
        self.agent = plan.agent
        self.operation = plan.operation
        self.missing = plan.missing


@attrs.frozen(slots=True)
class Plan:
    """What to do with a person's words; the fields a call needs are filled when known.

    agent is "roleplay" or where the request belongs instead (operation is then None).
    operation is the RoleplayClient method to call (Operation.ASK: ask first).
    roleplay_type, duration_minutes and conversation_type are set for the operations that
    create a scenario (preview, start, create_assignments); clarifying_questions (at most
    two) for those and for ask. `missing` names every argument the operation needs that the
    words (and context) did not give; call() runs the plan only when it is empty.
    later_intents are further requests in the same words, in the order they come after this
    one; signals names the table rows that matched (for explaining a decision).
    """

    agent: str
    operation: Operation | None
    reason: str
    roleplay_type: str | None = None
    duration_minutes: int | None = None
    clarifying_questions: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    session_ids: tuple[str, ...] = ()
    assignment_ids: tuple[str, ...] = ()
    persona_id: str | None = None
    company: str | None = None
    target_role: str | None = None
    conversation_type: str | None = None
    artifact_type: str | None = None
    brief: str | None = None
    title: str | None = None
    status: str | None = None
    missing: tuple[str, ...] = ()
    later_intents: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    extras: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def needs_clarification(self) -> bool:
        return bool(self.clarifying_questions)

    @property
    def ready(self) -> bool:
        """True when call() can run the plan (a roleplay operation with nothing missing)."""
        return self._not_ready() is None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples as lists, the operation as its string value)."""
        data = {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in attrs.asdict(self, recurse=False).items()
            if key != "extras"
        }
        data["operation"] = None if self.operation is None else str(self.operation)
        return data

    def _not_ready(self) -> str | None:
        if self.agent != "roleplay" or self.operation is None:
            return f"routes to the {AGENT_NAMES.get(self.agent, self.agent)}: {self.reason}"
        if self.operation is Operation.ASK:
            questions = " ".join(self.clarifying_questions)
            return f"asks first (nothing to practise yet): {questions}".rstrip(": ")
        if self.missing:
            return f"needs {', '.join(self.missing)} for {self.operation}()"
        if self.operation in SESSION_OPERATIONS and len(self.session_ids) > 1:
            return f"names {len(self.session_ids)} sessions for {self.operation}(); pick one"
        return None

    def arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """(args, kwargs) for the client method named by `operation` (raises PlanNotReady)."""
        problem = self._not_ready()
        if problem is not None:
            raise PlanNotReady(f"plan not ready: {problem}", plan=self)
        assert self.operation is not None
        arguments: tuple[tuple[Any, ...], dict[str, Any]] = _ARGUMENTS[self.operation](self)
        return arguments

    @overload
    def call(self, client: RoleplayClient) -> Any: ...
    @overload
    def call(self, client: AsyncRoleplayClient) -> Awaitable[Any]: ...
    def call(self, client: Any) -> Any:
        """Run the plan's operation on a RoleplayClient (the result) or an AsyncRoleplayClient
        (an awaitable; list_assignments: an async iterator). Raises PlanNotReady, before
        anything is sent, when the plan routes away, asks first or misses an argument."""
        args, kwargs = self.arguments()
        assert self.operation is not None
        return getattr(client, self.operation.value)(*args, **kwargs)

    async def acall(self, client: AsyncRoleplayClient) -> Any:
        """`await plan.acall(async_client)`: call() for the async client."""
        result: Any = self.call(client)
        if self.operation is Operation.LIST_ASSIGNMENTS:
            return [item async for item in result]
        return await result


def _scenario_kwargs(plan: Plan) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "brief": plan.brief,
        "duration_minutes": plan.duration_minutes,
        "roleplay_type": plan.roleplay_type,
    }
    if plan.persona_id is not None:
        kwargs["persona_id"] = plan.persona_id
    metadata = {
        key: value
        for key, value in (
            ("company", plan.company),
            ("target_role", plan.target_role),
            ("conversation_type", plan.conversation_type),
            ("source", "plan"),
        )
        if value is not None
    }
    kwargs["metadata"] = metadata
    kwargs.update(plan.extras.get("scenario", {}))
    return kwargs


def _session(plan: Plan) -> str:
    return plan.session_ids[0]


_ARGUMENTS: dict[Operation, Any] = {
    Operation.PREVIEW: lambda p: ((), _scenario_kwargs(p)),
    Operation.START: lambda p: ((), _scenario_kwargs(p)),
    Operation.EDIT_QUESTIONS: lambda p: ((_session(p), list(p.extras["prompts"])), {}),
    Operation.APPROVE: lambda p: ((_session(p),), {}),
    Operation.REVIEW: lambda p: ((_session(p),), {}),
    Operation.LEADERBOARD: lambda p: ((), {}),
    Operation.ARTIFACT_URL: lambda p: ((_session(p), p.artifact_type or "session_video"), {}),
    Operation.UPLOAD_VIDEO: lambda p: ((_session(p), p.extras["video"]), {}),
    Operation.CREATE_ASSIGNMENTS: lambda p: (
        (list(p.emails),),
        {**_scenario_kwargs(p), "title": p.title},
    ),
    Operation.LIST_ASSIGNMENTS: lambda p: (
        (),
        {
            key: value
            for key, value in (
                ("email", p.emails[0] if p.emails else None),
                ("status", p.status),
            )
            if value is not None
        },
    ),
    Operation.UNASSIGN: lambda p: ((list(p.assignment_ids),), {}),
    Operation.BULK_RESULTS: lambda p: ((list(p.assignment_ids),), {}),
}


# --- the precedence (see the module docstring) ----------------------------------------------

STRONG = 2

# Words allowed right before a start verb for it to be a request ("let's start", "can we
# begin", "please launch"): the last one or two words of the clause before the verb.
_START_AFTER_ONE = wordset(
    "let's please and just then so okay yes yeah alright now sure great cool perfect also"
    " fine pls ready go kindly abhi"
)
_START_AFTER_TWO = frozenset(
    {
        ("can", "we"), ("could", "we"), ("can", "you"), ("could", "you"), ("would", "you"),
        ("will", "you"), ("time", "to"), ("let", "me"), ("ahead", "and"), ("let", "us"),
        ("us", "to"), ("possible", "to"), ("shall", "we"), ("may", "we"),
    }
)  # fmt: skip
# A wish to start, said of oneself: "I want to begin", "I'd like to start", and without
# its "to" in non-native phrasings ("I want begin now"). Someone else's wish ("the client is
# ready to go live", "they want to start") is not the person's request.
_START_WISHES = frozenset(
    {
        ("want", "to"), ("like", "to"), ("ready", "to"), ("need", "to"), ("love", "to"),
        ("able", "to"), ("i'd", "like"), ("we", "should"), ("we", "can"), ("wish", "to"),
        ("we", "shall"),
    }
)  # fmt: skip
_START_WISH_ONE = wordset("want need like")
# Asking leave to start, or asking politely: "might I start one now", "I was wondering if I
# could jump straight into ...", "I'd be obliged if you could begin ...", "would you be so
# kind as to start ...". Each is the person's own wish, so a real-life talk as the object
# still needs a "now" ("could I start a conversation with my boss" is not a session).
_START_LEAVE = frozenset(
    {("can", "i"), ("could", "i"), ("might", "i"), ("may", "i"), ("might", "we")}
)
_POLITE_ASK = re.compile(
    r"(?:\b(?:wondering|wonder|obliged|grateful|appreciate it|appreciate) (?:if|whether)"
    r" (?:i|we|you) (?:could|can|might|would)(?: be able to)?|\bkind (?:as|enough) to)$"
)
_FIRST_PERSON = wordset("i we i'm we're i'd we'd")
# What may stand between the person and their wish ("I'm so ready to", "okay ready to").
_ADVERBS = wordset(
    "really just also so finally definitely actually totally all both am are do would should"
    " shall"
    " okay yes yeah alright great cool sure fine perfect right then and now please"
)
# What may follow a start verb for it to be aimed at the practice ("start over" is a redo of
# the draft, not a start: it is not here).
_START_OBJECT_FIRST = wordset(
    "now right rn immediately asap straight at this it one things us off up with on again"
    " practicing practising rehearsing roleplaying practice practise session sessions"
    " roleplay drill simulation rehearsal scenario please something live whenever abhi"
)
_START_COMPOUNDS = wordset("date dates time times point line")
_DETERMINERS = wordset("the a an my our another this that some your new")
# The person between a start verb and its object: "start me on a renewal call".
_START_ME_ON: dict[tuple[str, ...], int] = {
    (person, word): 2 for person in ("me", "us") for word in ("on", "with", "in")
}
_PRACTICE_WORDS = wordset("practice practise")
_PRACTISING = re.compile(r"practi[cs]ing|rehearsing|roleplaying")
_DO_REQUEST = re.compile(
    r" (?:let's|let us|can we|could we|can i|could i|i want to|i'd like to|i would like to"
    r"|we want to|i want|we want|please) (?:do|have|run|try|get)\b"
)
# The same asked as an imperative opening its clause: "run a full 30 minute expansion
# simulation right now" (not "they run a tight ship now").
_DO_OPENS = re.compile(r" (?:run|do|try|have) (?=a |an |the |one |my |our |this |that )")
# Words that make the next "practice" a verb: "to practice", "and practise", "let's practice".
_VERB_CONTEXT = wordset(
    "to and or then i we let's please you can could me us i'll we'll i'd want need should let"
    " , . ; : ! ?"
)
_PRACTICE_NOUNS = wordset(
    "practice practise session roleplay roleplays drill simulation rehearsal scenario run"
    " exercise one sim round walkthrough"
)
# A conversation the person may start in real life as well as in practice: "I want to start
# a difficult conversation with my boss" is not a request to start a session (unless "now").
_TALK_TARGETS = wordset(
    "call conversation talk negotiation pitch demo chat meeting renewal escalation discovery"
)
_PRACTICE_TARGETS = _PRACTICE_NOUNS | _TALK_TARGETS
# Start rows whose verbs are not the seed's own ("commence", "initiate"): aimed at such a
# conversation, they start a session only with a "now".
_FORMAL_STARTS = frozenset({"formal start"})
# An object that is not the practice: "start the recording of my roleplay", "start my job".
_OTHER_HEADS = wordset(
    "recording recordings video audio upload timer clock job day week company business"
    " startup career course class semester project process transcript download review"
    " search hunt application applications"
)
# A version of the practice named as the start's object: "start the deeper version".
_VERSIONS = wordset("version variant")
_OBJECT_ENDS = wordset(". ; : ! ? but then because so also plus now immediately asap please")
_HEAD_FOLLOWERS = wordset("of for on at in with to from")
# What a creation verb ("build me a ...") must be aimed at to ask for a scenario.
_SCENARIO_OBJECTS = _PRACTICE_TARGETS | wordset(
    "roleplays drills simulations scenarios rehearsals exercises calls conversations talks"
    " negotiations pitches demos chats meetings mock sim sims version script"
)
_ANAPHORS = wordset("one something it this that another")
# Fail safety: a start or now-word is the person's request only in their own clause. After
# one of these, the words belong to a subordinate clause or to someone else's speech ("while
# the caller insists I fix it now", "a client who says let's begin"), not to the request.
_SUBORDINATORS = wordset(
    "while when whenever because since whose who whom which where until unless although"
    " though whereas cause"
)
_REPORTING = wordset(
    "insists insisted insisting says said saying asks asked asking tells told telling demands"
    " demanded demanding wants wanted expects expected needs needed yells shouts screams"
    " keeps threatens claims claimed goes went"
)
# "that" opens a subordinate clause when a subject follows it ("that the client wants it
# now"), not as the object of a request ("let's do that now").
_SUBJECTS = wordset("he she they it the his her their someone everyone my our a an this he's")
_FIRST_PERSON_WISH = wordset("want need wanna like 'd would")
# Figurative objects of "start me on/off ...": "start me on the right foot" is an idiom.
_IDIOM_HEADS = wordset("foot footing note track path way journey")
# The feature's names: "preview and start", "start or preview" name the operations, they
# do not ask for one.
_FEATURE_NAMES = ("preview", "approv", "draft", "configure")
_COORDINATORS = wordset("and or vs versus")
# Before a preview word, the words that tell of one already seen ("I've done three previews").
_TOLD_LOOK = re.compile(
    r"\b(?:done|did|seen|saw|had|tried|made|ran|watched|read|reviewed|finished|went through"
    r"|gone through|looked (?:at|over|through)|satisfied with|happy with|thanks for|thank you"
    r" for) (?:[^ ]+ )?$"
)
# Before an advice word, the words that tell of advice had ("I've read enough tips").
_TOLD_ADVICE = re.compile(
    r"(?:\b(?:i've|i have|we've|we have|i|we) (?:already |just )?(?:read|had|got|gotten|heard"
    r"|seen)(?: [^ ]+)?|\b(?:enough|plenty of|done with|tired of|sick of)) $"
)
_SKIPS = wordset("skip skipping no without not forget")
# A question about the feature ("what's the difference between preview and start?", "how
# does start work?"): a start verb in it is a topic, not a request.
_FEATURE_QUESTION = re.compile(
    r" ?(?:what|what's|whats|how|why|which|does|is)\b(?! about| if| don't| not)"
)
_VERB_KINDS = frozenset({"practice", "preview"})
_WINDOW = 80  # characters of context read around a hit (the decision needs a few words)
_FIRST_OK_AFTER = wordset(". , ; : ! ? - then and")


@attrs.frozen(slots=True)
class _Clause:
    rank: int
    start: int
    end: int
    hits: tuple[Hit, ...]


@attrs.frozen(slots=True)
class _Candidate:
    label: str  # an agent, an operation name, "create" (practice) or "grow" (advice)
    strength: int  # 3 explicit request, 2 request, 1 mention
    rank: int
    start: int
    clause: int
    starts: bool = False  # a create candidate with an explicit start
    # an operation's noun in a clause that tells, not asks ("my ranking dropped")
    told: bool = False


def _clauses(scan: Scan) -> list[_Clause]:
    """Split the hits into clauses with their order rank (see precedence 1)."""
    text = scan.text
    clauses: list[_Clause] = []
    rank, start = 1, 0
    members: list[Hit] = []
    for hit in scan.hits:
        if hit.signal.kind == "break":
            clauses.append(_Clause(rank, start, hit.start, tuple(members)))
            rank, start, members = int(hit.signal.value), hit.end, []
        else:
            members.append(hit)
    clauses.append(_Clause(rank, start, len(text), tuple(members)))
    ranked = []
    for clause in clauses:
        rank = clause.rank
        for hit in clause.hits:
            if hit.signal.kind != "order":
                continue
            before = text[max(clause.start, hit.start - _WINDOW) : hit.start].split()
            after = text[hit.end : min(clause.end, hit.end + _WINDOW)].split()
            # "later" anywhere; "first" at the clause's start or end ("my first 1:1" is not)
            if hit.signal.value == "2" or not before or not after or after[0] in _FIRST_OK_AFTER:
                rank = int(hit.signal.value)
        ranked.append(attrs.evolve(clause, rank=rank) if rank != clause.rank else clause)
    # "but first, show me ...", "before anything else, ...": a clause that is only its order
    # word hands the order to the clause after its comma
    for index in range(len(ranked) - 1):
        clause, following = ranked[index], ranked[index + 1]
        if (
            clause.rank != 1
            and following.rank == 1
            and text.startswith(",", clause.end)
            and _only_order_words(text, clause)
        ):
            ranked[index + 1] = attrs.evolve(following, rank=clause.rank)
    return ranked


def _only_order_words(text: str, clause: _Clause) -> bool:
    """Whether the clause's words are its order words alone ("first", "before that")."""
    if any(hit.signal.kind != "order" for hit in clause.hits):
        return False
    rest, at = [], clause.start
    for hit in clause.hits:
        rest.append(text[at : hit.start])
        at = hit.end
    rest.append(text[at : clause.end])
    return not "".join(rest).strip()


_NOW_OPENS = re.compile(
    r" (?:i (?:want|need|would like|'d like|wanna|am ready) to|i'd like to|let's|can we|could we"
    r"|we should|please)\b"
)
_NOW_ENDS = re.compile(
    r" (?:$|[.,;:!?\-]|please|pls|thanks|if|with|on|for|about|so|and|while|before|i'm|i am"
    r"|let's|instead|too|here|then|not)"
)
# A clause that is only its now-word, closing a practice named before it: "demo practice
# with a skeptical director, starting now", "5 minute cold call drill ..., now".
_BARE_NOW = re.compile(r" (?:starting |beginning )?(?:right )?$")
_BARE_NOW_ENDS = re.compile(r" (?:please |pls |thanks )?$")
# A practice told of is not one to start ("I did a renewal drill yesterday, now ...").
_TOLD_PRACTICE = re.compile(
    r"\b(?:i|we|i've|we've|i have|we have) (?:already |just )?(?:did|done|had|finished"
    r"|completed|ran|tried)\b"
)
# A now-word before the practice it qualifies: "an immediate session", "an instant drill".
_NOW_ADJECTIVES = wordset("immediate instant")
_ARTICLE_GAPS = frozenset({" a ", " an ", " one "})
# "just" right after a negator is inside its scope ("rather than just tips"); later it ends
# it ("not the preview, just start").
_STILL_IN_SCOPE = (" just ",)
_SCOPE_ENDS = re.compile(r" (?:and|or|then|just|instead) ")
# The hits a negator right after them cancels: a start said with the negation after its verb.
_NEGATED_AFTER = frozenset({"start"})


def _negated(text: str, clause: _Clause) -> set[int]:
    """Ids of the clause's hits a negator cancels (up to three words after it; a start verb
    also right before it, as French and German say it: "lancez pas", "starte nicht")."""
    cancelled: set[int] = set()
    negator: Hit | None = None  # the last negator, until the next negatable hit after it
    previous: Hit | None = None
    for hit in clause.hits:
        if hit.signal.kind == "neg":
            if (
                previous is not None
                and previous.signal.kind in _NEGATED_AFTER
                and text.count(" ", previous.end, hit.start) == 1
            ):
                cancelled.add(id(previous))
            negator = hit
        elif negator is not None and hit.signal.negatable:
            between = text[negator.end : hit.start]
            if between.startswith(_STILL_IN_SCOPE):  # "rather than just tips"
                between = between[5:]
            if between.count(" ") <= 4 and not _SCOPE_ENDS.search(between):
                cancelled.add(id(hit))
            negator = None
        previous = hit
    return cancelled


START, IF_NOW, NO = "start", "if now", "no"


def _own_wish(before: list[str], at: int) -> bool:
    """Whether the wish ending before index `at` is the person's own ("I really want to")."""
    index = at - 1
    while index >= 0 and before[index] in _ADVERBS:
        index -= 1
    return index < 0 or before[index] in _FIRST_PERSON


def _subordinate(words: Sequence[str]) -> bool:
    """Whether the words (up to a start or now-word) end inside a subordinate clause or
    someone else's speech: "... while the caller insists I fix it", "a client who says
    let's"; not when the person's own wish follows ("a client who is angry and I want to")."""
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word in _REPORTING:
            return True
        if word in _SUBORDINATORS or (
            word == "that" and index + 1 < len(words) and words[index + 1] in _SUBJECTS
        ):
            rest = words[index + 1 :]
            return not any(
                rest[i] in _FIRST_PERSON and rest[i + 1] in _FIRST_PERSON_WISH
                for i in range(len(rest) - 1)
            )
    return False


def _names_the_feature(text: str, clause: _Clause, hit: Hit, before: Sequence[str]) -> bool:
    """A start verb that names the operation rather than asks for it: coordinated with
    another operation's name ("preview and start", "start or approve"), or in a question
    about the feature ("what does start do?")."""
    after = text[hit.end : clause.end].split()[:2]
    if (
        len(before) >= 2
        and before[-1] in _COORDINATORS
        and before[-2].startswith(_FEATURE_NAMES)
        and not _SKIPS.intersection(before[-4:-2])  # "skip the preview and start" asks
    ):
        return True
    if len(after) == 2 and after[0] in _COORDINATORS and after[1].startswith(_FEATURE_NAMES):
        return True
    return "?" in text[clause.end - 2 : clause.end + 2] and bool(
        _FEATURE_QUESTION.match(text, clause.start)
    )


def _is_start_request(text: str, clause: _Clause, hit: Hit) -> str:
    """Whether a start verb is the person's request to start the practice (precedence 5):
    START, NO, or IF_NOW (a request only with a "now" later in its clause: "I want to start
    a tough conversation with my boss" is about the real one; "... with my boss now" is not).
    Only the person's own request counts: not one in a subordinate clause or another
    person's speech, nor the feature's name ("preview and start", "how does start work?").
    """
    before = text[max(clause.start, hit.start - _WINDOW) : hit.start].split()
    if _subordinate(before) or _names_the_feature(text, clause, hit, before):
        return NO
    wish = False
    if before:
        last = before[-1]
        pair = tuple(before[-2:])
        if pair in _START_WISHES:
            wish = True
            if pair[0] not in _FIRST_PERSON and not _own_wish(before, len(before) - 2):
                return NO
        elif last in _START_WISH_ONE:
            wish = True
            if not _own_wish(before, len(before) - 1):
                return NO
        elif pair in _START_LEAVE or _POLITE_ASK.search(" ".join(before[-7:])):
            wish = True
        elif last not in _START_AFTER_ONE and pair not in _START_AFTER_TWO:
            return NO
    after = text[hit.end : min(clause.end, hit.end + _WINDOW)].split()
    # "start me on a ...", "get us going with a ...": the object follows the person
    skip = _START_ME_ON.get(tuple(after[:2]), 0) if after else 0
    if skip:
        after = after[skip:]
        if not after or after[0] not in _DETERMINERS:
            return NO  # "start me on it", "start me off" alone: not a practice named
        if any(word in _IDIOM_HEADS for word in after[1:4]):
            return NO  # "start me on the right foot": an idiom, not a start
    if not after:
        return START
    if after[0] in _START_OBJECT_FIRST:
        return START
    if after[0] not in _DETERMINERS and not after[0][0].isdigit():
        terse = _terse_object(after)
        if terse == "talk":
            # "begin renewal call w payal" as "begin the renewal call" (below)
            return IF_NOW if wish or hit.signal.name in _FORMAL_STARTS else START
        return START if terse == "practice" else _unnamed_terse_object(after)
    # The object may run on past a comma: "start a full, long simulation of ...".
    words = []
    for word in text[hit.end : hit.end + _WINDOW].split()[skip + 1 : skip + 8]:
        if word in _OBJECT_ENDS:
            break
        if word != ",":
            words.append(word)
    talk = False  # a conversation that exists in real life too ("the renewal call")
    for index, word in enumerate(words):
        if word in _PRACTICE_NOUNS or word in _VERSIONS:
            return START  # "the renewal call roleplay", "the deeper version"
        talk = talk or word in _TALK_TARGETS
        if word in _OTHER_HEADS and (
            index + 1 == len(words) or words[index + 1] in _HEAD_FOLLOWERS
        ):
            if not talk:
                return NO  # "the recording of my roleplay"
            break
    if talk:
        # "initiate a difficult conversation with my boss" is the real one: the formal verbs,
        # not the seed's start words, start a real-life talk only with a "now"
        return IF_NOW if wish or hit.signal.name in _FORMAL_STARTS else START
    return IF_NOW


def _unnamed_terse_object(after: Sequence[str]) -> str:
    """A start verb's terse object that names neither a practice nor a conversation ("start
    salary neg now"): the practice only with a "now" (IF_NOW); NO for a noun the verb makes
    with it ("start date negotiation") or a task of its own ("start rewriting it now")."""
    return NO if after[0] in _START_COMPOUNDS or after[0].endswith("ing") else IF_NOW


def _terse_object(after: Sequence[str]) -> str | None:
    """A start verb's object without a determiner, as terse messages have it: "practice" for
    "launch quick drill: ...", "begin conflict resolution practice, ..." (the practice named
    within a few words), "talk" for a conversation so named in its first two words ("begin
    renewal call w payal", read as "the renewal call" is); None for a noun the verb makes
    with the word after it ("start date negotiation") or no such object."""
    if after[0] in _START_COMPOUNDS:
        return None
    talk = False
    for index, word in enumerate(after[:4]):
        if word in _OBJECT_ENDS or word in {",", ":"}:
            break
        if word in _PRACTICE_NOUNS:
            return "practice"
        talk = talk or (index < 2 and word in _TALK_TARGETS)
    return "talk" if talk else None


def _object_of(text: str, kept: Sequence[Hit], clause: _Clause, hit: Hit) -> str:
    """What a practice verb is aimed at: "other" when its object is a route-away noun ("write
    me a cover letter", "help me prepare my resume") or, for a creation verb, not a scenario
    ("build a professional network"); else "scenario"."""
    if hit.signal.weight < STRONG:
        return "scenario"
    # the first hit after the verb that is not another verb of the chain ("help me prepare")
    following = next(
        (h for h in kept if h.start >= hit.end and h.signal.kind not in _VERB_KINDS), None
    )
    if (
        following is not None
        and following.signal.kind == "route"
        and following.signal.value != "interview"
        and following.signal.weight >= 3
        and text.count(" ", hit.end, following.start) <= 4
    ):
        return "other"
    if hit.signal.value != "make" or text[hit.start : hit.end].rsplit(" ", 1)[-1] in _ANAPHORS:
        return "scenario"
    after = text[hit.end : min(clause.end, hit.end + _WINDOW)].split()[:6]
    return "scenario" if any(word in _SCENARIO_OBJECTS for word in after) else "other"


def _names_the_draft(text: str, kept: Sequence[Hit], hit: Hit) -> bool:
    """A bare "preview" or "draft" after "the/your/that" (an existing draft's hit), at most
    three words between: "saw the preview", "in the discovery call draft, ..." name a draft,
    they do not ask for one."""
    if hit.signal.kind != "preview" or not text.startswith((" prev", " draft"), hit.start - 1):
        return False
    most = 4 if text.startswith(" draft", hit.start - 1) else 2
    return any(
        h.signal.kind == "draft" and h.end < hit.start and text.count(" ", h.end, hit.start) <= most
        for h in kept
    )


_ASSIGNMENT_NOUNS = (" assignment", " homework")


def _practice_noun(text: str, clause: _Clause, hit: Hit) -> bool:
    """ "practice" after a determiner and the words it qualifies ("the negotiation practice",
    "a quick renewal call practice"): the noun, not the verb the person asks with."""
    if hit.signal.name != "practise" or text[hit.start : hit.end] not in _PRACTICE_WORDS:
        return False
    if text.startswith(_ASSIGNMENT_NOUNS, hit.end):
        return True  # "whether Jamal got his renewal practice assignment": what was assigned
    for word in reversed(text[max(clause.start, hit.start - 40) : hit.start].split()[-3:]):
        if word in _DETERMINERS:
            return True
        if word in _VERB_CONTEXT:
            return False
    return False


# A practice wanted of other people: "I want all of them to practise objection handling",
# "each of the 12 participants needs to rehearse ..." is theirs, to be assigned (weakly: a
# draft asked for, "could you draft one?", or an "assign it" leads).
_OTHER_PEOPLE = wordset(GROUP_WORDS + " them all each everyone everybody him her")
_OTHERS_MUST = (("to",), ("need", "to"), ("needs", "to"), ("should",), ("must",), ("have", "to"))
_OTHERS_VERBS = ("practi", "rehearse ", "roleplay", "role play", "run through", "get better")
_PRACTICE_FOR_OTHERS = Signal(
    "practice for others", "op", "create_assignments", 1, (), CAPABILITIES
)


def _practised_by_others(text: str, clause: _Clause, hit: Hit) -> bool:
    """Whether a practise verb's subject is other people ("my team to practise", "the 12
    participants need to rehearse"), not the person ("my team and I need to practise")."""
    if hit.signal.weight < STRONG or not text.startswith(_OTHERS_VERBS, hit.start):
        return False
    before = text[max(clause.start, hit.start - 40) : hit.start].split()
    return any(
        len(before) > len(link)
        and tuple(before[-len(link) :]) == link
        and before[-len(link) - 1] in _OTHER_PEOPLE
        for link in _OTHERS_MUST
    )


def _weakened(hit: Hit) -> Hit:
    return Hit(_NAMED_PRACTICE, hit.start, hit.end)


@attrs.frozen(slots=True)
class _Reading:
    """What the precedence found in the words."""

    candidates: tuple[_Candidate, ...]
    kept: tuple[Hit, ...]  # non-negated hits outside clauses claimed by other requests
    scenario_hits: tuple[Hit, ...]
    held: bool
    interview: bool


_CONDITION_RUNS_ON = (",", "then", "and then")


def _no_words(text: str, clause: _Clause, kept: list[Hit]) -> bool:
    """Whether the clause is only the space between two breaks ("if I like it, then ...")."""
    return not kept and not text[clause.start : clause.end].strip()


def _read(scan: Scan) -> _Reading:
    text = scan.text
    clauses = _clauses(scan)
    candidates: list[_Candidate] = []
    all_kept: list[Hit] = []
    held = False
    interview_anywhere = False
    claimed: set[int] = set()
    per_clause: list[tuple[_Clause, list[Hit]]] = []
    for clause in clauses:
        cancelled = _negated(text, clause)
        kept = []
        for hit in clause.hits:
            if id(hit) in cancelled:
                if hit.signal.kind == "start":
                    held = True
                continue
            kept.append(hit)
        per_clause.append((clause, kept))
        all_kept.extend(kept)
    condition_runs_on = False
    draft_named = any(hit.signal.kind == "draft" for hit in all_kept)
    typed = any(hit.signal.kind == "roleplay_type" for hit in all_kept)
    for index, (clause, kept) in enumerate(per_clause):
        kinds: dict[str, list[Hit]] = {}
        for hit in kept:
            kinds.setdefault(hit.signal.kind, []).append(hit)
        if "hold" in kinds:
            held = True
        ops = kinds.get("op", [])
        routes = kinds.get("route", [])
        practice = kinds.get("practice", []) + kinds.get("preview", [])
        if draft_named:
            # "saw the preview", "your draft": a draft that exists, not a request for one
            practice = [h for h in practice if not _names_the_draft(text, kept, h)]
        # "I went through the preview for the PIP talk. Approve it": a look told of is the
        # draft already seen, not a request to see one
        practice = [
            h
            for h in practice
            if h.signal.value != "look"
            or not _TOLD_LOOK.search(text, max(clause.start, h.start - 30), h.start)
        ]
        # A verb whose object is not a scenario does not ask for one (precedence 3).
        aimed = [h for h in practice if _object_of(text, kept, clause, h) != "other"]
        if len(aimed) != len(practice):
            if not kinds.get("advice") and not kinds.get("route"):
                # "build me a renewal with an angry customer": still a practice, weakly
                aimed += [_weakened(h) for h in practice if h not in aimed]
            practice = aimed
        # "the negotiation practice": a noun, not the verb "practise"
        practice = [_weakened(h) if _practice_noun(text, clause, h) else h for h in practice]
        for_others = [h for h in practice if _practised_by_others(text, clause, h)]
        if for_others:
            practice = [h for h in practice if h not in for_others]
            ops = [*ops, *(Hit(_PRACTICE_FOR_OTHERS, h.start, h.end) for h in for_others)]
        strong_practice = [h for h in practice if h.signal.weight >= STRONG]
        # "if we began the demo practice right away", "once I approve it": a hypothetical or a
        # condition is not a request (a start or an approval after it in its clause).
        # A condition opening a clause that ends at a comma covers the next clause too ("once
        # I've seen it, launch it"); "launch it after I review it": the start waits.
        # "if it looks fine then start it", "if I like it, then start it": a condition's
        # "then" covers what follows, and a clause of no words between two breaks passes the
        # condition on.
        conditions = kinds.get("cond", [])
        supposed = clause.start if condition_runs_on else len(text)
        supposed = min((h.start for h in conditions), default=supposed)
        if not _no_words(text, clause, kept):
            condition_runs_on = any(
                h.signal.value != "doubt" for h in conditions
            ) and text.startswith(_CONDITION_RUNS_ON, clause.end)
        elif text.startswith("but", clause.end):
            # "until I heard back, but she's fine with it": a "but" ends what the condition
            # covers
            condition_runs_on = False
        starts = []
        wait_for_now = []
        for hit in kinds.get("start", []):
            later = (*kinds.get("defer", ()), *kinds.get("order", ()), *conditions)
            if hit.start > supposed:
                held = (
                    held
                    or any(h.signal.value == "after" for h in conditions)
                    or (supposed == clause.start)
                )
                continue
            if any(d.start > hit.start and d.signal.value not in {"0", "if"} for d in later):
                held = True  # "we can start later", "I'll begin tomorrow", "after I look"
                continue
            request = _is_start_request(text, clause, hit)
            if request == START:
                starts.append(hit)
            elif request == IF_NOW:
                wait_for_now.append(hit)
            elif _PRACTISING.search(text, hit.start, hit.end):
                practice.append(_weakened(hit))  # "when can I start practising my renewal call"
        # What "now" may follow: a practise verb ("practise now"), or a practice asked for with
        # "do"/"have" ("can we do the renewal practice right now?"); not "she wants the
        # negotiation practice now", not a noun alone.
        nows = kinds.get("now", [])
        asked_to_do = None
        if nows:  # "can we do the renewal practice now?", "run a renewal drill now"
            asked_to_do = _DO_REQUEST.search(text, clause.start, clause.end) or _DO_OPENS.match(
                text, clause.start
            )
        practise_verbs = (
            [
                h
                for h in practice
                if h.signal.kind == "practice"
                and (h.signal.weight >= STRONG or (asked_to_do and asked_to_do.end() <= h.start))
            ]
            if nows
            else []
        )
        for now in nows:
            if now.start > supposed:
                continue
            # "practise now", "... with my recruiter now." (not "a colleague who now works")
            ends = _NOW_ENDS.match(text, now.end) is not None
            if not ends and any(text[h.end : now.start] == " " for h in practise_verbs):
                # "I want practise now the salary talk": the object after "practise now"
                ends = text[now.end + 1 :].split(" ", 1)[0] in _DETERMINERS
            if not ends and text[now.start : now.end] in _NOW_ADJECTIVES:
                # "let's practise an immediate session" (not "prep for an immediate session
                # with the board", not "she wants an immediate session"): the practice is
                # the practise verb's own object
                ends = any(
                    text[h.end : now.start] in _ARTICLE_GAPS
                    and not text[h.start : h.end].endswith(" for")
                    for h in practise_verbs
                )
            # "practise escalating while the caller insists I fix it now": the now is the
            # caller's, in a subordinate clause, not the person's own request
            before = [
                h
                for h in (*practise_verbs, *wait_for_now)
                if h.start < now.start
                and ends
                and not _subordinate(text[h.end : now.start].split())
            ]
            # "right now I want to practise ..." (not "now they are ghosting me ...")
            opening = not text[clause.start : now.start].strip() and bool(
                _NOW_OPENS.match(text, now.end)
            )
            # "demo practice with a skeptical director, starting now"
            closing = index > 0 and _closes_a_practice(text, clause, now, per_clause[index - 1])
            if (
                before
                or (opening and _opening_now_serves(text, practise_verbs, wait_for_now))
                or closing
            ):
                starts.append(now)
        if supposed < len(text):
            ops = [h for h in ops if h.signal.value != "approve" or h.start < supposed]
        if draft_named and not typed:
            # "I read the scenario you drafted. Yes, launch that one": starting the draft the
            # words point back to is approving it.
            for hit in [h for h in starts if h.signal.kind == "start"]:
                inside = " it " in text[hit.start - 1 : hit.end + 1]  # "kick it off"
                if _ANAPHOR_OBJECT.match(text, hit.end) or (inside and _DONE.match(text, hit.end)):
                    starts.remove(hit)
                    ops = [*ops, Hit(_START_THE_DRAFT, hit.start, hit.end)]
        if any(h.signal in _INTERVIEW_MENTIONS for h in routes):
            # "roleplay a sales job interview", "prepare for my panel interview", "practise
            # answering '...' for my interview": an interview a practice verb is aimed at, or
            # practised for, is asked for; else it tells the story
            asks = [*strong_practice, *kinds.get("start", ())]
            routes = [
                Hit(_ASKED_INTERVIEW, h.start, h.end)
                if _asked_interview(text, kept, asks, h)
                else h
                for h in routes
            ]
        interview_hits = [h for h in routes if h.signal.value == "interview"]
        if interview_hits:
            interview_anywhere = True
        strong_interview = any(h.signal.weight >= 3 for h in interview_hits)
        strong_ops = [h for h in ops if h.signal.weight >= STRONG or _weak_op_confirmed(h, scan)]
        uploads = [h for h in strong_ops if h.signal.value == "upload_video"]
        if (
            uploads
            and all(_TOLD_RECORDING.match(text, h.start) for h in uploads)
            and any(h.signal.value == "artifact_url" for h in strong_ops)
        ):
            # "I recorded my practice on Tuesday and I'd like to watch it back", "I already
            # uploaded it, now I want to download the video back": the recording told of is
            # the one asked for
            strong_ops = [h for h in strong_ops if h not in uploads]
            ops = [h for h in ops if h not in uploads]
        elif uploads:
            # Uploading a recording is never downloading it ("get my video into the system").
            strong_ops = [h for h in strong_ops if h.signal.value != "artifact_url"]
            ops = [h for h in ops if h.signal.value != "artifact_url"]
        # precedence 3: who takes over what inside the clause
        create_hits = strong_practice + starts
        clause_type = _type_weight(kept)
        if strong_interview or (interview_hits and create_hits and clause_type < 3):
            if create_hits:  # the practice asked for is interview practice: an explicit request
                routes = [
                    Hit(_ASKED_INTERVIEW, h.start, h.end) if h.signal.value == "interview" else h
                    for h in routes
                ]
            create_hits, practice = [], []
        if strong_ops:
            create_hits, practice = [], []
            if any(h.signal.value != "create_assignments" for h in strong_ops):
                claimed.add(index)
        elif any(h.signal is _I_ASSIGNED for h in ops):
            # "I assigned the demo rehearsal to the wrong person": the practice told of is the
            # one assigned, not one asked for
            create_hits, practice = [], []
        assignment_words = "assign" in text or "asg_" in text
        told = (
            any(h.signal.value in _TOLD_OPERATIONS for h in strong_ops)
            and _TELLS.search(text, clause.start, clause.end) is not None
            and _ASKS.search(text, clause.start, clause.end) is None
            and not text.startswith("?", clause.end)
        )
        for hit in ops:
            strength = 3 if hit in strong_ops else 1
            label = hit.signal.value
            if label == "review" and strength == 1 and assignment_words:
                # "show me its results": an assignment's results, asked for when the clause
                # asks to see them; "a one star review" told before the request is a story
                label = "bulk_results"
                if _ASKS.search(text, clause.start, hit.start):
                    strength = 3
            # "I just did a sales roleplay and want to add it to my resume": a roleplay
            # finished, told before anything asks for its review, is the story
            # "did completing that roleplay change my Q score?": the question is about what
            # the route-away noun after it names
            told_here = (told and label in _TOLD_OPERATIONS) or (
                hit.signal.name == "finished a roleplay"
                and _ASKS.search(text, clause.start, hit.start) is None
                and (
                    not text.startswith("?", clause.end)
                    or any(_route_request(h) and h.start > hit.start for h in routes)
                )
            )
            candidates.append(
                _Candidate(label, strength, clause.rank, hit.start, index, told=told_here)
            )
        strong_routes = [h for h in routes if h.signal.weight >= 3]
        if any(h.signal.value != "interview" for h in strong_routes) and create_hits:
            if clause_type >= 3 and strong_practice:
                routes = [h for h in routes if h.signal.value == "interview"]
            else:  # "write me a cover letter": the resume is what is asked for
                create_hits, practice = [], []
        for hit in routes:
            strength = 3 if hit.signal.weight >= 3 else 1
            candidates.append(_Candidate(hit.signal.value, strength, clause.rank, hit.start, index))
            if strength == 3 and not create_hits:
                claimed.add(index)
        for hit in kinds.get("advice", []):
            if hit.signal.weight < STRONG and (create_hits or strong_ops):
                continue  # a practice request takes over an advice question
            if any(_route_request(h) for h in routes):
                continue  # "explain how the Q score is calculated": the other agent's topic
            if _TOLD_ADVICE.search(text, max(clause.start, hit.start - 30), hit.start):
                continue  # "I've read enough tips, I want to start": advice had, not asked for
            strength = 3 if hit.signal.weight >= STRONG else 1
            candidates.append(_Candidate("grow", strength, clause.rank, hit.start, index))
            if strength == 3 and not create_hits:
                claimed.add(index)
        if not practice and not create_hits and not strong_ops:
            # "a couple of minutes on opening a cold call": a length asks for a practice
            practice = kinds.get("minutes", []) + kinds.get("duration", [])
        if create_hits:
            first = min(create_hits, key=lambda h: h.start)
            candidates.append(
                _Candidate("create", 3, clause.rank, first.start, index, starts=bool(starts))
            )
        elif practice:
            first = min(practice, key=lambda h: h.start)
            candidates.append(_Candidate("create", 1, clause.rank, first.start, index))
    if any(c.told for c in candidates) and any(
        c.label in _ASKED_AFTER_A_STORY and c.strength == 3 and not c.told for c in candidates
    ):
        # "My ranking dropped, so set up a cold call drill", "I got feedback from my manager
        # that I ramble. Help me practise": what the story tells is context for the practice
        # asked for, not a request of its own (its words name the scenario); so is a practice
        # finished before its recording is asked for ("I did the escalation roleplay
        # yesterday and want to download the video").
        claimed -= {c.clause for c in candidates if c.told}
        candidates = [attrs.evolve(c, strength=1) if c.told else c for c in candidates]
    scenario_hits = tuple(
        hit
        for index, (_clause, kept) in enumerate(per_clause)
        if index not in claimed
        for hit in kept
    )
    outside_interviews = [
        hit for _clause, kept in per_clause if not _about_an_interview(kept) for hit in kept
    ]
    # "show me the scenario, then start it": the person looks first, so the start waits.
    # An explicit request to see the draft beats a start wherever it stands ("what's the
    # difference between preview and start? just do the preview"); a preview told of ("I've
    # done three previews already") is no request.
    looks = [
        h
        for clause, kept in per_clause
        for h in kept
        if h.signal.value == "look" and not _TOLD_LOOK.search(text, max(0, h.start - 30), h.start)
    ]
    if looks and any(c.label == "create" and c.starts for c in candidates):
        held = True
    if interview_anywhere and not any(
        h.signal.kind in {"roleplay_type", "counterpart"} for h in outside_interviews
    ):
        # An interview named anywhere makes a scenario-less practice request interview practice.
        candidates = [
            attrs.evolve(c, label="interview") if c.label == "create" else c for c in candidates
        ]
    return _Reading(tuple(candidates), tuple(all_kept), scenario_hits, held, interview_anywhere)


def _closes_a_practice(
    text: str, clause: _Clause, now: Hit, previous: tuple[_Clause, list[Hit]]
) -> bool:
    """A clause that is only its now-word ("..., starting now", "... Now.") after a clause
    that names a practice, not one told of ("I did a renewal drill yesterday, now ...")."""
    return bool(
        _BARE_NOW.fullmatch(text, clause.start, now.start)
        and _BARE_NOW_ENDS.fullmatch(text, now.end, clause.end)
        and any(h.signal.kind == "practice" for h in previous[1])
        and not _TOLD_PRACTICE.search(text, previous[0].start, now.start)
    )


def _opening_now_serves(text: str, practise_verbs: Sequence[Hit], waiting: Sequence[Hit]) -> bool:
    """An opening "right now I want to ..." makes a practise verb a start, and a start of
    practising that waits for a "now" ("right now I want to start practising the
    troubleshooting call"); a start of anything else stays a preview ("right now I want to
    start a tough talk with my boss", "... a new job search")."""
    return bool(practise_verbs) or any(_PRACTISING.search(text, h.start, h.end) for h in waiting)


def _aimed_at(text: str, verbs: Sequence[Hit], hit: Hit) -> bool:
    """Whether one of the verbs comes shortly before the hit (its object, a few words on)."""
    return any(v.end <= hit.start and text.count(" ", v.end, hit.start) <= 6 for v in verbs)


def _asked_interview(text: str, kept: Sequence[Hit], verbs: Sequence[Hit], hit: Hit) -> bool:
    """Whether a practice verb asks for the interview the hit names (precedence 3).

    A kind of interview ("my panel interview") is asked for when a verb comes a few words
    before it. Any interview, the plain word too (told in stories: "after my interview went
    badly, help me practise asking my manager ..."), is asked for as the verb's object
    ("rehearse my interview", "prep me for the interview": at most three words and no other
    row between), or as what the practice is for ("practise answering '...' for my
    interview") when the clause names no one else to talk to ("practise asking my boss for
    time off for my interview" is the talk with the boss).
    """
    if hit.signal is _NAMED_INTERVIEW:
        if _aimed_at(text, verbs, hit):
            return True
    elif hit.signal is _PLAIN_INTERVIEW:
        for verb in verbs:
            between = [h for h in kept if verb.end <= h.start < hit.start]
            if (
                verb.end <= hit.start
                and text.count(" ", verb.end, hit.start) <= 3
                and all(h.signal.kind in _VERB_KINDS for h in between)
            ):
                return True
    else:
        return False
    if not any(v.end <= hit.start for v in verbs):
        return False
    if _FOR_IT.search(text, max(0, hit.start - 40), hit.start) is None:
        return False
    return not any(h.signal.kind == "counterpart" or h.signal.name in _PERSON_ROWS for h in kept)


def _route_request(hit: Hit) -> bool:
    """A route-away noun that asks for the other agent by itself (a resume, a Q score)."""
    return hit.signal.weight >= 3 and hit.signal.value in {"resume", "qscore"}


def _about_an_interview(kept: Sequence[Hit]) -> bool:
    """A clause about an interview: it asks for one, or mentions one without naming a
    conversation of its own ("the hiring manager wants to talk salary" names one)."""
    interviews = [h for h in kept if h.signal.kind == "route" and h.signal.value == "interview"]
    if not interviews:
        return False
    return any(h.signal.weight >= 3 for h in interviews) or _type_weight(kept) < 3


def _type_weight(hits: Iterable[Hit]) -> int:
    return sum(hit.signal.weight for hit in hits if hit.signal.kind == "roleplay_type")


def _weak_op_confirmed(hit: Hit, scan: Scan) -> bool:
    """A weak operation hit that the rest of the words confirm ("replace them" + questions)."""
    value = hit.signal.value
    if value == "edit_questions":
        return any(h.signal.value in {"questions", "draft"} for h in scan.hits)
    if value == "unassign":
        return "assign" in scan.text
    if value == "upload_video":  # "here it is", about a recording
        return any(word in scan.text for word in (" record", " video", " webm", " footage"))
    return False


_NEEDS_A_COUNTERPART = frozenset({"hard conversation", "bare negotiation"})
# Counterpart rows that name no scenario alone: "a conversation with someone" asks first.
_NO_SCENARIO_ALONE = frozenset({"someone"})
_ASKED_INTERVIEW = next(s for s in SIGNALS if s.name == "mock interview")
_NAMED_INTERVIEW = next(s for s in SIGNALS if s.name == "named interview")
_PLAIN_INTERVIEW = next(s for s in SIGNALS if s.name == "interview")
_INTERVIEW_MENTIONS = (_NAMED_INTERVIEW, _PLAIN_INTERVIEW)
# The roleplay_type rows that name a person (a renewal implies a customer, names none).
_PERSON_ROWS = frozenset(
    {"manager", "recruiter", "ask the manager", "manager conversation", "recruiter call"}
)
# What a practice is for: "... for my interview", "for the Google interview".
_FOR_IT = re.compile(r" for (?:[^ ]+ ){0,3}$")
_NAMED_PRACTICE = next(s for s in SIGNALS if s.name == "roleplay")
_I_ASSIGNED = next(s for s in SIGNALS if s.name == "i assigned")
_START_THE_DRAFT = next(s for s in SIGNALS if s.name == "start the draft")
# What a clause that tells a story has (_TELLS), and one that asks (_ASKS): "my ranking
# dropped" tells; "my ranking?", "show my ranking", "how did I do", "show me its results" ask.
_TOLD_OPERATIONS = frozenset({"review", "leaderboard", "list_assignments"})
_TELLS = re.compile(
    r" (?:[a-z]+ed|is|was|were|are|has|have|had|got|said|says|went|made|left|came|gave|told"
    r"|shows|showed|keeps|kept|looks|seems|sucks|sucked|fell|grew|took)\b"
)
_ASKS = re.compile(
    r" (?:show|see|get|give|pull|send|check|fetch|tell|what|what's|how|how's|where|where's"
    r"|when|which|view|display|share|compare|open|list|find|grab|can|could|would|will|please"
    r"|let's|let|want|need|like|wanna)\b"
)
# The labels a request takes over a story with: "I did the renewal roleplay yesterday, ...
# can I download the video?", "... was assigned the wrong scenario. Can you unassign Kevin
# from it?".
_ASKED_AFTER_A_STORY = frozenset(
    {"create", "resume", "qscore", "artifact_url", "upload_video", "unassign", "create_assignments"}
)
# An upload hit that tells of a recording made or sent ("I recorded my practice", "I already
# uploaded it"), not a request to upload one.
_TOLD_RECORDING = re.compile(
    r"(?:i (?:recorded|filmed|taped)|uploaded|(?:i|we) (?:already |just )?uploaded)\b"
)
_DONE = re.compile(r" (?:[.,;:!?]|now|please|$)")
_ANAPHOR_OBJECT = re.compile(r" (?:it|that|this|(?:that|this|the) one)" + _DONE.pattern)
_WEAK_ORDER = {"op": 0, "create": 1, "interview": 2, "grow": 2}


def _choose(reading: _Reading) -> tuple[_Candidate | None, list[_Candidate]]:
    strong = sorted(
        (c for c in reading.candidates if c.strength >= STRONG), key=lambda c: (c.rank, c.start)
    )
    if strong:
        primary = strong[0]
        later: list[_Candidate] = []
        for candidate in strong[1:]:
            if candidate.label != primary.label and all(
                candidate.label != other.label for other in later
            ):
                later.append(candidate)
        return primary, later
    weak = list(reading.candidates)
    if reading.held:
        # "don't start yet, I want to tweak it first - a troubleshooting call ...": with the
        # start held and no draft or question named, "it" is the practice to draft
        weak = [c for c in weak if c.label != "edit_questions"]
    if not weak:
        return None, []

    def order(candidate: _Candidate) -> tuple[int, int]:
        group = candidate.label if candidate.label in _WEAK_ORDER else "op"
        if candidate.label in {"resume", "qscore"}:
            group = "interview"
        return (_WEAK_ORDER[group], candidate.start)

    return min(weak, key=order), []


# --- what the words name ---------------------------------------------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SESSION_ID = re.compile(
    r"(?<![A-Za-z0-9_-])((?:rps|sess)_[A-Za-z0-9_-]+)"
    r"|\b(?:sessions?|drafts?|scenarios?)\s+(?:id\s+)?(?:#\s*)?"
    r"((?=[A-Za-z0-9_-]*[0-9_])[A-Za-z0-9][A-Za-z0-9_-]*)",
    re.IGNORECASE,
)
_ASSIGNMENT_ID = re.compile(r"(?<![A-Za-z0-9_-])(asg_[A-Za-z0-9_-]+)")
_ASSIGNMENT_LIST = re.compile(
    r"\b(?:assignments?|ids?)\s*(?:ids?)?\s*[:#]?\s*"
    r"((?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9][A-Za-z0-9_-]*"
    r"(?:\s*(?:,|and|&)?\s*(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9][A-Za-z0-9_-]*)*)",
    re.IGNORECASE,
)
_SESSION_WORDS = re.compile(r"rps_|sess_|session|draft|scenario")
_ASSIGNMENT_WORDS = re.compile(r"asg_|assignment|\bids?\b")
_ROLE_WORDS = re.compile(r" (?:role|position|job|opening|as an?|target role) ")
_NAME = r"[A-Z][A-Za-z0-9&]*(?:[.&-][A-Za-z0-9&]+)*"
_COMPANY_AFTER = re.compile(
    rf"\b(at|from|with|for|joining|join)\s+({_NAME}(?:\s+{_NAME}){{0,3}})(?:'s)?(?:\s+(\w+))?"
)
_COMPANY_BEFORE_ROLE = re.compile(
    rf"\b(?:[Tt]he\s+({_NAME})|({_NAME})'s)\s+"
    r"(?i:recruiter|hiring manager|manager|cfo|ceo|cto|vp|team|buyer|procurement|account)\b"
)
_NOT_COMPANIES = wordset(
    "i i'm q pm ats cv pdf hr vp ceo cto cfo coo sla qbr ai lgtm ok okay the a an my"
    " monday tuesday wednesday thursday friday saturday sunday january february march"
    " april may june july august september october november december senior staff junior"
    " linkedin sdr sdrs csm it"
) | frozenset(PERSONAS)
# After "with <Name>", these words suggest a person ("with Priya about ..."), not a company.
_PERSON_FOLLOWERS = frozenset({"from", "at", "about", "as", "who", "on", "to", "and"})
_ROLE_SUFFIX = r"(?i:role|position|job|opening)"
_TARGET_ROLE = re.compile(
    r"\b(?:for|as|about|into)\s+(?:an?|the|my|this)\s+((?:[A-Za-z][\w/+.&-]*\s+){0,4}?[A-Za-z][\w/+.&-]*)\s+"
    + _ROLE_SUFFIX
    + r"\b"
    r"|(?i:\bas\s+an?\s+((?:[a-z][\w/+-]*\s+){0,3}?(?:engineer|manager|scientist|analyst|designer|developer"
    r"|pm|lead|director|consultant|executive|representative|rep|specialist|architect|marketer"
    r"|recruiter|accountant|officer|associate|intern))\b)"
    r"|(?i:\btarget role\s*[:=]?\s*([^,.;]+))"
)
_NOT_ROLES = wordset(
    "senior junior new better different higher bigger next similar good great dream first"
)
_ARTIFACT_TYPES = (
    (re.compile(r"\baudio\b"), "session_audio"),
    (re.compile(r"\btranscripts?\b"), "transcript"),
)
_STATUSES = (
    (re.compile(r"\bin[ _]progress\b|\bongoing\b|\bstarted\b"), "in_progress"),
    (re.compile(r"\bcompleted\b|\bfinished\b|\bdone\b"), "completed"),
    (re.compile(r"\bunassigned\b|\bremoved\b"), "unassigned"),
    (re.compile(r"\bpending\b|\bopen\b|\boutstanding\b|\bnot started\b"), "assigned"),
)
_QUOTED = re.compile(
    r"[\"'\u2018\u2019\u201c\u201d]([^\"'\u2018\u2019\u201c\u201d]{3,200})[\"'\u2018\u2019\u201c\u201d]"
)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _session_ids(text: str) -> tuple[str, ...]:
    found = (m.group(1) or m.group(2) for m in _SESSION_ID.finditer(text))
    return _unique(v for v in found if v and _ID.fullmatch(v))


def _assignment_ids(text: str) -> tuple[str, ...]:
    ids = [m.group(1) for m in _ASSIGNMENT_ID.finditer(text)]
    for match in _ASSIGNMENT_LIST.finditer(text):
        ids.extend(re.findall(r"[A-Za-z0-9][A-Za-z0-9_-]*", match.group(1)))
    return _unique(v for v in ids if _ID.fullmatch(v) and v.lower() not in {"and", "ids", "id"})


def _company(text: str) -> str | None:
    candidates: list[tuple[int, str]] = []
    for match in _COMPANY_AFTER.finditer(text):
        preposition, name, follower = match.group(1), match.group(2), match.group(3)
        if preposition == "with" and follower is not None and follower in _PERSON_FOLLOWERS:
            continue
        candidates.append((match.start(2), name))
    for match in _COMPANY_BEFORE_ROLE.finditer(text):
        name = match.group(1) or match.group(2)
        candidates.append((match.start(), name))
    for _, name in sorted(candidates):
        if name.lower() not in _NOT_COMPANIES:
            return name
    return None


def _target_role(text: str) -> str | None:
    for match in _TARGET_ROLE.finditer(text):
        role = next(group for group in match.groups() if group is not None).strip()
        if role.lower() not in _NOT_ROLES:
            return role
    return None


def _minutes(scan: Scan, hits: Sequence[Hit]) -> float | None:
    """The first length the words give; a length named in words ("standard length") is
    the practice's own, before any number (which may be the real event's: "a 90-minute
    onsite demo next week; ... standard length")."""
    lengths = [hit for hit in hits if hit.signal.kind == "minutes"]
    if any(scan.text_of(hit).endswith(" length") for hit in lengths):
        return float(DEFAULT_DURATION)
    for hit in lengths:
        phrase = scan.text_of(hit)
        number = re.match(r"[0-9]+(?:\.[0-9]+)?", phrase)
        if number is not None:
            value = float(number.group())
            unit = phrase[number.end() :].strip()
            if unit.startswith(("hour", "hr")):
                return value * 60
            return value / 60 if unit.startswith("sec") else value
        if phrase.startswith("half"):
            return 30.0
        if phrase.startswith("quarter"):
            return 15.0
        if "hour" in phrase:
            return 60.0
        word, unit = phrase.rsplit(" ", 1)
        if word in NUMBER_WORDS:
            value = float(NUMBER_WORDS[word])
            return value / 60 if unit.startswith("sec") else value
    return None


def _duration(scan: Scan, hits: Sequence[Hit], context: Mapping[str, Any]) -> int:
    """An explicit number snapped like normalize_request; else quick 5 / deep 30; else 15."""
    minutes = _minutes(scan, hits)
    votes = {QUICK: 0, DEEP: 0}
    said = {QUICK: 0, DEEP: 0}  # the depth said in words ("quick", "deep"), not implied
    for hit in hits:
        if hit.signal.kind == "duration":
            votes[int(hit.signal.value)] += hit.signal.weight
            said[int(hit.signal.value)] += hit.signal.weight
        elif hit.signal.implies_minutes is not None:
            votes[hit.signal.implies_minutes] += hit.signal.weight
    if minutes is not None and minutes > 0:
        # A number halfway between two lengths ("a 10 minute quick drill") takes the one the
        # depth said in words points to; else snap_duration's tie goes up ("a 10 minute drill").
        return _snap_said(minutes, said[QUICK] > said[DEEP])
    if votes[QUICK] != votes[DEEP]:
        return QUICK if votes[QUICK] > votes[DEEP] else DEEP
    if context.get("duration_minutes") is not None:
        try:
            return snap_duration(context["duration_minutes"])
        except RoleplayValidationError as error:
            raise RoleplayValidationError("context.duration_minutes", str(error)) from None
    return DEFAULT_DURATION


def _snap_said(minutes: float, quick: bool) -> int:
    """snap_duration, except that a number halfway between two lengths ("a 10 minute quick
    drill") takes the shorter when the words say "quick" (snap_duration's tie goes up)."""
    below = [d for d in DURATIONS if d < minutes]
    above = [d for d in DURATIONS if d > minutes]
    if quick and below and above and minutes - below[-1] == above[0] - minutes:
        return below[-1]
    return snap_duration(minutes)


def _questions(hits: Sequence[Hit], context: Mapping[str, Any]) -> tuple[str, ...]:
    """At most two, and only when the situation or the counterpart is unclear."""
    kinds = {hit.signal.kind for hit in hits}
    implied = any(hit.signal.implies_counterpart for hit in hits)
    situation = "roleplay_type" in kinds or bool(
        context.get("conversation_type") or context.get("brief")
    )
    counterpart = (
        "counterpart" in kinds
        or implied
        or bool(context.get("counterpart") or context.get("brief"))
    )
    if situation and counterpart:
        return ()
    questions = []
    if not situation:
        questions.append(QUESTION_SITUATION)
    if not counterpart:
        questions.append(QUESTION_COUNTERPART)
    if "outcome" not in kinds:
        questions.append(QUESTION_OUTCOME)
    return tuple(questions[:2])


def _context_hits(context: Mapping[str, Any]) -> tuple[Hit, ...]:
    """The roleplay_type rows a context's conversation_type matches (it names the situation)."""
    given = context.get("conversation_type")
    if not given:
        return ()
    return tuple(scanner("roleplay_type").hits(normalize_text(given.replace("_", " "))).hits)


def _conversation_type(hits: Sequence[Hit], roleplay_type: str) -> str | None:
    typed = [
        hit
        for hit in hits
        if hit.signal.kind == "roleplay_type" and hit.signal.value == roleplay_type
    ]
    if not typed:
        return None
    return max(typed, key=lambda hit: (hit.signal.weight, -hit.start)).signal.name.replace(" ", "_")


# --- context ---------------------------------------------------------------------------------


def _context_strings(context: Mapping[str, Any], single: str, plural: str) -> tuple[str, ...]:
    values: list[str] = []
    if context.get(single) is not None:
        values.append(context[single])
    if context.get(plural) is not None:
        many = context[plural]
        if isinstance(many, str) or not isinstance(many, Iterable):
            raise RoleplayValidationError(f"context.{plural}", "must be a list of strings")
        values.extend(many)
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise RoleplayValidationError(
                f"context.{plural}", f"must hold non-blank strings, got {value!r}"
            )
        if plural != "emails" and not _ID.fullmatch(value.strip()):
            raise RoleplayValidationError(
                f"context.{plural}", f"IDs must match ^[A-Za-z0-9_-]{{1,64}}$, got {value[:80]!r}"
            )
    return _unique(value.strip() for value in values)


_CONTEXT_STRINGS = (
    "persona_id",
    "company",
    "target_role",
    "conversation_type",
    "brief",
    "counterpart",
    "title",
    "user_id",
)


def _context(context: object) -> Mapping[str, Any]:
    if context is None:
        return {}
    if not isinstance(context, Mapping):
        raise RoleplayValidationError("context", "must be a mapping (or None)")
    for key in _CONTEXT_STRINGS:
        value = context.get(key)
        if value is not None and not isinstance(value, str):
            raise RoleplayValidationError(f"context.{key}", "must be a string")
    prompts = context.get("prompts")
    if prompts is not None and (
        isinstance(prompts, str)
        or not isinstance(prompts, Sequence)
        or not all(isinstance(p, str) for p in prompts)
    ):
        raise RoleplayValidationError("context.prompts", "must be a list of strings")
    return context


def _context_persona(context: Mapping[str, Any]) -> str | None:
    value = context.get("persona_id")
    if value is None:
        return None
    persona = str(value).strip().lower()
    if persona not in PERSONAS:
        raise RoleplayValidationError("context.persona_id", f"must be one of {', '.join(PERSONAS)}")
    return persona


def _title(utterance: str, context: Mapping[str, Any], conversation_type: str | None) -> str | None:
    if context.get("title"):
        return str(context["title"]).strip()[:200] or None
    quoted = _QUOTED.search(utterance)
    if quoted is not None:
        return quoted.group(1).strip()
    if conversation_type:
        return conversation_type.replace("_", " ").capitalize() + " roleplay"
    return None


# --- plan ------------------------------------------------------------------------------------


def _label(candidate: _Candidate, held: bool) -> str:
    if candidate.label == "create":
        return "start" if candidate.starts and not held else "preview"
    return candidate.label


def plan(utterance: str, *, context: Mapping[str, Any] | None = None) -> Plan:
    """Decide what the roleplay agent does with a person's words (see the module docstring).

    `context` may carry what the words refer to: session_id(s), assignment_id(s), emails,
    persona_id, company, target_role, conversation_type, brief, title, duration_minutes,
    prompts (for edit_questions), video (for upload_video), user_id.
    """
    if not isinstance(utterance, str):
        raise RoleplayValidationError("utterance", "must be a string")
    if len(utterance) > MAX_UTTERANCE_LENGTH:
        raise RoleplayValidationError(
            "utterance", f"must be at most {MAX_UTTERANCE_LENGTH} characters"
        )
    ctx = _context(context)
    scan = scanner().hits(normalize_text(utterance))
    reading = _read(scan)
    primary, later = _choose(reading)
    by_model = False
    guess = _model_guess(reading, utterance)
    if guess is not None:
        learned = _learned_reading(guess, primary)
        if learned is not None:
            primary, later, by_model = learned, [], True
    kept = reading.kept
    text = scan.text
    # The extractors run only when a cheap look at the words says they can find something.
    emails = _unique(_EMAIL.findall(utterance)) if "@" in utterance else ()
    personas = [hit.signal.value for hit in kept if hit.signal.kind == "persona"]
    has_capitals = not utterance.islower()
    common: dict[str, Any] = {
        "emails": emails,
        "persona_id": personas[0] if personas else _context_persona(ctx),
        "company": (_company(utterance) if has_capitals else None) or ctx.get("company"),
        "target_role": (_target_role(utterance) if _ROLE_WORDS.search(text) else None)
        or ctx.get("target_role"),
        "signals": tuple(
            dict.fromkeys(hit.signal.name for hit in scan.hits if hit.signal.kind != "break")
        ),
        "later_intents": tuple(_label(c, reading.held) for c in later),
    }
    if by_model:
        common["signals"] = (*common["signals"], MODEL_SIGNAL)
    session_ids = _session_ids(utterance) if _SESSION_WORDS.search(text) else ()
    assignment_ids = _assignment_ids(utterance) if _ASSIGNMENT_WORDS.search(text) else ()

    scenario_hits = reading.scenario_hits
    # A conversation named only by how hard it is ("a tough conversation") needs someone to
    # have it with before it is a scenario.
    has_scenario = any(
        (hit.signal.kind == "counterpart" and hit.signal.name not in _NO_SCENARIO_ALONE)
        or (hit.signal.kind == "roleplay_type" and hit.signal.name not in _NEEDS_A_COUNTERPART)
        for hit in scenario_hits
    ) or bool(ctx.get("brief") or ctx.get("conversation_type"))

    if primary is None:
        # A conversation described with no request: prepare it; but a question that asks for
        # nothing the service does ("is a 10% raise normal?") is advice.
        weight = sum(h.signal.weight for h in scenario_hits if h.signal.kind == "roleplay_type")
        label = "create" if weight >= STRONG and "?" not in utterance else "nothing"
        primary = _Candidate(label, 1, 1, 0, 0)
    if primary.label in {"interview", "resume", "qscore", "grow", "nothing"}:
        agent = "grow" if primary.label == "nothing" else primary.label
        return Plan(
            agent=agent,
            operation=None,
            reason=_with_later(_reason(primary.label, by_model), common["later_intents"]),
            session_ids=session_ids,
            assignment_ids=assignment_ids,
            **common,
        )

    reason_key = primary.label
    if primary.label == "create":
        if not has_scenario:
            operation, reason_key = Operation.ASK, "ask"
        elif any(c.label == "create" and c.starts for c in reading.candidates) and not reading.held:
            operation, reason_key = Operation.START, "start"
        else:
            operation = Operation.PREVIEW
            reason_key = (
                "held" if reading.held and any(c.starts for c in reading.candidates) else "preview"
            )
            if reading.held:
                reason_key = "held"
    else:
        operation = Operation(primary.label)
    if operation in {Operation.PREVIEW, Operation.START} and emails:
        # A practice for the people the words name ("give lee@x.io a renewal roleplay").
        operation, reason_key = Operation.CREATE_ASSIGNMENTS, "create_assignments"

    if not session_ids and operation in SESSION_OPERATIONS:
        session_ids = _context_strings(ctx, "session_id", "session_ids")
    if not assignment_ids and operation in ASSIGNMENT_OPERATIONS:
        assignment_ids = _context_strings(ctx, "assignment_id", "assignment_ids")
    if not emails and operation is Operation.CREATE_ASSIGNMENTS:
        common["emails"] = _context_strings(ctx, "email", "emails")

    fields: dict[str, Any] = {}
    missing: list[str] = []
    extras: dict[str, Any] = {}
    if operation in SESSION_OPERATIONS and not session_ids:
        missing.append("session_id")
    if operation in ASSIGNMENT_OPERATIONS and not assignment_ids:
        missing.append("assignment_ids")
    if operation is Operation.EDIT_QUESTIONS:
        if ctx.get("prompts"):
            extras["prompts"] = tuple(ctx["prompts"])
        else:
            missing.append("prompts")
    if operation is Operation.UPLOAD_VIDEO:
        if ctx.get("video") is not None:
            extras["video"] = ctx["video"]
        else:
            missing.append("video")
    if operation is Operation.ARTIFACT_URL:
        normalized = scan.text
        fields["artifact_type"] = next(
            (kind for pattern, kind in _ARTIFACT_TYPES if pattern.search(normalized)),
            "session_video",
        )
    if operation is Operation.LIST_ASSIGNMENTS:
        fields["status"] = next(
            (status for pattern, status in _STATUSES if pattern.search(scan.text)), None
        )
    if operation is Operation.ASK:
        missing.append("brief")
        fields["clarifying_questions"] = _questions(scenario_hits, ctx)
    if operation in SCENARIO_OPERATIONS:
        roleplay_type = best_roleplay_type(scenario_hits)
        from_words = roleplay_type is not None
        if roleplay_type is None and ctx.get("conversation_type"):
            given = normalize_text(str(ctx["conversation_type"]).replace("_", " "))
            roleplay_type = best_roleplay_type(scanner("roleplay_type").hits(given).hits)
        if has_scenario and not ctx.get("brief") and (from_words or roleplay_type is None):
            roleplay_type = _typed_by_model(utterance, scenario_hits, roleplay_type)
        roleplay_type = roleplay_type or "custom"
        conversation_type = _conversation_type(scenario_hits, roleplay_type) or ctx.get(
            "conversation_type"
        )
        brief = ctx.get("brief") or (" ".join(utterance.split()) if has_scenario else None)
        if brief is not None and len(brief) > BRIEF_MAX_LENGTH:
            brief = None
        fields.update(
            roleplay_type=roleplay_type,
            duration_minutes=_duration(scan, scenario_hits, ctx),
            clarifying_questions=_questions((*scenario_hits, *_context_hits(ctx)), ctx),
            conversation_type=conversation_type,
            brief=brief,
        )
        if operation is Operation.CREATE_ASSIGNMENTS:  # create_assignments(assignees, title, brief)
            fields["title"] = _title(utterance, ctx, conversation_type if has_scenario else None)
            if not common["emails"]:
                missing.append("assignees")
            if fields["title"] is None:
                missing.append("title")
        elif ctx.get("user_id"):
            extras["scenario"] = {"user_id": ctx["user_id"]}
        if brief is None:
            missing.append("brief")

    return Plan(
        agent="roleplay",
        operation=operation,
        reason=_with_later(_reason(reason_key, by_model), common["later_intents"]),
        session_ids=session_ids,
        assignment_ids=assignment_ids,
        missing=tuple(missing),
        extras=extras,
        **fields,
        **common,
    )


# --- the learned fallback ----------------------------------------------------------------

MODEL_SIGNAL = "phrasing model"
#: What the phrasing model may decide on its own: operations on what exists and the agents
#: that are not this one. Never a practice (preview, start, ask, assign): those, and a
#: start above all, stay with the rules.
_MODEL_DECIDES = {
    _phrasing_model.label_of("roleplay", op): op.value
    for op in Operation
    if op not in SCENARIO_OPERATIONS and op is not Operation.ASK
} | {agent: agent for agent in AGENTS if agent != "roleplay"}
_MODEL_REASON = " (No rule read the words strongly; the phrasing model read them so.)"


def _rules_are_sure(reading: _Reading) -> bool:
    """A strong request was read: the model is not asked."""
    return any(c.strength >= STRONG for c in reading.candidates)


def _model_guess(reading: _Reading, utterance: str) -> _phrasing_model.Guess | None:
    """What the model reads in the words, asked only when the rules are not sure."""
    if _rules_are_sure(reading):
        return None
    return _phrasing_model.load().intent.guess(utterance)


def _learned_reading(guess: _phrasing_model.Guess, primary: _Candidate | None) -> _Candidate | None:
    """The phrasing model's reading, when it is sure and says something the rules did not."""
    label = _MODEL_DECIDES.get(guess.label)
    if label is None or guess.probability < _phrasing_model.THRESHOLD:
        return None
    if primary is not None and label == ("grow" if primary.label == "nothing" else primary.label):
        return None
    return _Candidate(label, 1, 1, 0, 0)


def _learned_type(utterance: str) -> _phrasing_model.Guess | None:
    """The roleplay_type the phrasing model reads in a scenario's words, however sure."""
    return _phrasing_model.load().roleplay_type.guess(utterance)


def _single_cue(hits: Sequence[Hit], value: str) -> bool:
    """The rows typed the scenario `value` on one hit of theirs (however many other types hit)."""
    cues = (hit.signal.kind == "roleplay_type" and hit.signal.value == value for hit in hits)
    return sum(cues) == 1


def _typed_by_model(utterance: str, hits: Sequence[Hit], ruled: str | None) -> str | None:
    """A scenario's roleplay_type: the rows' (`ruled`), or the model's where the rows are weak.

    No row typed it: the model's type when it is THRESHOLD sure. One hit typed it (a single
    cue, often a detail of the story: the "renewal" of a lease, "closing" a shop, a customer's
    "upgrade" at a hotel): the model's type when it is TYPE_OVERRIDE sure. Two hits or more:
    the rows'.
    """
    if ruled is not None and not _single_cue(hits, ruled):
        return ruled
    guess = _learned_type(utterance)
    if guess is None:
        return ruled
    needed = _phrasing_model.THRESHOLD if ruled is None else _phrasing_model.TYPE_OVERRIDE
    return guess.label if guess.probability >= needed else ruled


def _reason(key: str, by_model: bool) -> str:
    return REASONS[key] + _MODEL_REASON if by_model else REASONS[key]


def _with_later(reason: str, later: tuple[str, ...]) -> str:
    if not later:
        return reason
    return f"{reason[:-1]}; it comes first, then: {', '.join(later)}."
