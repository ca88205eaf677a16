"""The table of conversation signals that normalization and plan() read.

Each row maps a phrase pattern to what it means and names the rule of the seed
(../shared/seed, "Roleplay Agent") it serves. Code elsewhere only scores rows; a new phrasing
is a new row here, not a special case in a function. Patterns run on normalized text:
lower case, straight apostrophes, hyphens as spaces, obvious typos of VOCABULARY words fixed.

Kinds:
  roleplay_type  a conversation the seed's "Mapping rules" map to a roleplay_type
  agent          a request the seed's "Route away" list sends to another agent
  advice         general career advice (the Grow Agent's, unless the person asks to rehearse)
  rehearse       the person asks to practise (the roleplay service's primary intent)
  operation      a service capability (value: the plan operation)
  start          an explicit start, launch, begin or "practise now" (the configure rule)
  hold           a negated or deferred start ("don't start yet", "before we begin"): it
                 cancels the start it covers, so the default workflow's preview applies
  duration       quick drills (5) and deeper simulations (30)
  counterpart    who the person will talk to (for the clarifying-question rule)
  persona        a persona named by the person
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

import attrs

from roleplay_sdk._normalize import DEEP, QUICK

# Seed rules, quoted so each row can say which one it serves.
MAPPING = "Mapping rules"
ROUTE_AWAY = "Route away"
INTENTS = "Primary intents"
WORKFLOW = (
    "Default workflow: preview unless the user explicitly says start, launch, begin or practice now"
)
CAPABILITIES = "Service capabilities"
DURATION = "Mapping rules: 15 for most scenarios, 5 for quick drills, 30 for a deeper simulation"
STRATEGY = "Conversation strategy: ask if the counterpart, situation or desired outcome is unclear"
NORMALIZATION = "Input normalization: persona_id one of payal, emma, john, kapil"


@attrs.frozen(slots=True)
class Signal:
    """One row: where `pattern` matches, the text means `value` (of `kind`), `weight` strong."""

    name: str
    kind: str
    value: str
    pattern: str
    weight: int
    rule: str
    # roleplay_type rows: the counterpart the conversation implies, if it names one.
    implies_counterpart: str | None = None
    # False for rows that carry their own negation ("don't start yet"): no negator cancels them.
    negatable: bool = True

    @property
    def regex(self) -> re.Pattern[str]:
        """Compiled on first use: compiling the whole table at import cost ~17 ms."""
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- pattern helpers: the table reads as words, the regex syntax stays here ---------------------


def _words(text: str) -> str:
    r"""A group of alternatives from space-separated words; "_" inside a word is a space."""
    return "(?:" + "|".join(word.replace("_", " ") for word in text.split()) + ")"


def _any(*patterns: str) -> str:
    """One pattern that matches any of `patterns`."""
    return "|".join(patterns)


def _gap(most: int) -> str:
    """Up to `most` words (lazy) between two parts of a phrase."""
    return r"(?:\w+\s+){0," + str(most) + "}?"


def _rt(name: str, value: str, weight: int, pattern: str, implies: str | None = None) -> Signal:
    return Signal(name, "roleplay_type", value, pattern, weight, MAPPING, implies)


def _intent(name: str, kind: str, value: str, weight: int, rule: str, *patterns: str) -> Signal:
    return Signal(name, kind, value, _any(*patterns), weight, rule)


_ROLEPLAY = r"role ?plays?"
_START = _words("start starting launch launching begin beginning kick(?:ing)?_(?:it_)?off")
_NOT_MINE = r"(?<!my )(?<!the )(?<!last )(?<!that )(?<!this )(?<!our )(?<!previous )"
_ARTIFACT = _words("recordings? videos? audio transcript_files? transcripts? webm")
_PEOPLE = _words(
    "recruiters? hiring_managers? managers? boss skip_level director vp ceo cto cfo coo founder"
    " executives? customers? clients? prospects? buyers? stakeholders? colleagues? coworkers?"
    " co_workers? teammates? peers? team_leads? leads direct_reports? employees? hr investors?"
    " partners? vendors? procurement accounts? users? landlord persona"
)
_DAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

# fmt: off
SIGNALS: tuple[Signal, ...] = (
    # ---- roleplay_type "custom": salary and offer negotiation, recruiter and manager calls,
    # promotion talks, networking, workplace conflict (seed: Mapping rules) ----------------------
    _rt("salary negotiation", "custom", 3, _any(
        r"\b" + _words("salary pay compensation comp wage") + r"\s+"
        + _words(r"negotiat\w* talk discussion conversation ask bump increase raise"),
        r"\bnegotiat\w*\s+" + _gap(2) + _words("salary pay compensation comp base package") + r"\b",
    )),
    _rt("offer negotiation", "custom", 3, _any(
        r"\boffer\s+" + _words(r"negotiat\w* calls? conversation discussion"),
        r"\b" + _words(r"negotiat\w* push\w*_back") + r"\s+" + _gap(3) + r"offer\b",
        r"\blowball\b",
    ), "recruiter"),
    _rt("raise", "custom", 3,
        r"\b" + _words(r"ask\w* request\w*") + r"\s+" + _gap(3) + r"(?:for\s+)?(?:a\s+)?raise\b",
        "manager"),
    _rt("ask for more pay", "custom", 3,
        r"\bask\w*\s+for\s+" + _words("more a_higher a_bigger better") + r"\s+(?:\w+\s+)?"
        + _words("equity money base pay salary comp compensation bonus stock") + r"\b"),
    _rt("negotiation", "custom", 1, r"\bnegotiat\w*"),
    _rt("recruiter call", "custom", 3,
        r"\brecruiter\s+" + _words("calls? screens? conversation chat meeting"), "recruiter"),
    _rt("recruiter", "custom", 1, r"\brecruiters?\b", "recruiter"),
    _rt("manager conversation", "custom", 2, _any(
        r"\b" + _words("talk conversation meeting chat discussion 1:1 one_on_one sit_down tell ask"
                       " convince") + r"\w*\s+" + _gap(3)
        + _words("manager boss director skip_level supervisor") + r"\b",
        r"\b" + _words("manager boss") + r"\s+" + _words("conversation meeting chat 1:1 talk"),
    ), "manager"),
    _rt("manager", "custom", 1, r"\b" + _words("manager boss skip_level supervisor") + r"\b",
        "manager"),
    _rt("promotion", "custom", 3, r"\bpromot(?:ion|ed)\b", "manager"),
    _rt("networking", "custom", 3, r"\bnetwork\w*|\bcoffee chat"),
    _rt("workplace conflict", "custom", 3, _any(
        r"\b" + _words(r"conflicts? disagree\w* confront\w* tension friction argument dispute"
                       r" clash\w*") + r"\b",
        r"\btak\w* credit\b", r"\bmiss\w* deadlines\b",
        r"\b" + _words("tough difficult hard awkward uncomfortable") + r"\s+"
        + _words("conversation talk discussion") + r"\s+with\s+(?:a\s+|my\s+)?"
        + _words("coworker colleague teammate peer co_worker"),
    )),
    _rt("stakeholder alignment", "custom", 2, r"\bstakeholders?\b", "stakeholder"),
    # ---- roleplay_type "sales": discovery, demos, objection handling, closing -----------------
    _rt("sales conversation", "sales", 3,
        r"\bsales\s+" + _words(r"calls? discovery demos? pitch\w* conversation meeting drills?"
                               " practice") + "|" + r"\bsales\s+" + _ROLEPLAY, "prospect"),
    _rt("sales", "sales", 1, r"\bsales\b", "prospect"),
    _rt("sales discovery", "sales", 3, r"\bdiscovery\b", "prospect"),
    _rt("demo", "sales", 3, r"\bdemos?\b", "prospect"),
    _rt("objection handling", "sales", 3, _any(
        r"\bobjections?\s+handl\w*",
        r"\b" + _words(r"handl\w* overcom\w*") + r"\s+" + _gap(2) + r"objections?",
        r"\bpricing objections?", r"\bbrush ?offs?\b",
    ), "prospect"),
    _rt("objection", "sales", 1, r"(?<!likely )\bobjections?\b", "prospect"),
    _rt("closing", "sales", 3,
        r"\bclos(?:e|ing)\s+(?:the\s+|a\s+)?" + _words("deal sale contract") + r"\b|\bclosing\b",
        "prospect"),
    _rt("pitch", "sales", 2, r"\bpitch\w*", "prospect"),
    _rt("cold outreach", "sales", 3, r"\bcold\s+" + _words("calls? calling emails? outreach"),
        "prospect"),
    _rt("prospect", "sales", 1, _any(
        r"\b" + _words("prospects? buyers? discounts? deals? procurement") + r"\b",
        r"\bprice\s+(?:is\s+)?too\s+high",
    ), "prospect"),
    # ---- roleplay_type "customer_success": renewal, onboarding, expansion, customer health ------
    _rt("renewal", "customer_success", 3, r"\brenew\w*", "customer"),
    _rt("onboarding", "customer_success", 3, r"\bonboard\w*", "customer"),
    _rt("expansion", "customer_success", 3, _any(
        r"\bexpansion\b", r"\bupsell\w*", r"\bcross sell\w*",
        r"\bexpand\w*\s+(?:the\s+|their\s+)?" + _words("account contract deal"),
    ), "customer"),
    _rt("customer health", "customer_success", 3, _any(
        r"\bcustomer\s+health", r"\bhealth\s+checks?", r"\bqbr\b", r"\bquarterly business review",
        r"\bchurn\w*", r"\bat risk\b", r"\bcustomer success\b",
    ), "customer"),
    _rt("account", "customer_success", 1, r"\baccounts?\b", "customer"),
    # ---- roleplay_type "support": troubleshooting, escalation, service recovery -----------------
    _rt("troubleshooting", "support", 3, r"\btroubleshoot\w*", "customer"),
    _rt("escalation", "support", 3, r"\bescalat\w*", "customer"),
    _rt("service recovery", "support", 3, _any(
        r"\bservice\s+recovery", r"\bcustomer support\b",
        r"\bsupport\s+" + _words("calls? tickets? cases?"),
    ), "customer"),
    _rt("support", "support", 2, r"\bsupport\b", "customer"),
    _rt("support trouble", "support", 2, _any(
        r"\b" + _words(r"outages? bugs? broken not_working refunds? complain\w* tickets? sla"
                       r" double_charge\w* incidents?") + r"\b",
        r"\b" + _words("angry furious upset frustrated irate") + r"\s+"
        + _words("customers? clients? users?"),
        r"\b" + _words("customers? clients? users?") + r"\s+(?:is\s+|are\s+|was\s+)?"
        + _words("angry furious upset frustrated irate"),
    ), "customer"),
    # ---- route away (seed: Route away) -------------------------------------------------------
    _intent("interview", "agent", "interview", 3, ROUTE_AWAY,
            r"\bmock\s+(?:\w+\s+)?interviews?",
            r"\binterviews?\s+" + _words(r"questions? rounds? prep\w* practice drills? skills"
                                         " coaching"),
            r"\b" + _words("behavioral behavioural technical case panel final onsite phone coding")
            + r"\s+interviews?",
            r"\b" + _words(r"practi[cs]e practi[cs]ing prep\w* rehears\w* train\w* ready")
            + r"\s+(?:for\s+)?" + r"(?:" + _words("my an the a this that") + r"\s+)?"
            + r"(?:\w+\s+)?interviews?\b",
            r"\binterview(?:ing)?\s+(?:me|practice)\b"),
    _intent("resume", "agent", "resume", 3, ROUTE_AWAY,
            r"\b" + _words("resumes? résumés? cvs? curriculum_vitae cover_letters? ats") + r"\b"),
    _intent("q score", "agent", "qscore", 3, ROUTE_AWAY,
            r"\bq ?scores?\b", r"\bcareer readiness\b", r"\breadiness\s+scores?",
            r"\bscores?\s+" + _words("deltas? changes? trend history") + r"\b",
            r"\bhow\s+(?:much\s+)?(?:has|did)\s+my\s+score\s+" + _words("change improve go drop"
                                                                        " move")),
    _intent("career advice", "advice", "grow", 1, ROUTE_AWAY,
            r"\b" + _words("advice tips? guidance") + r"\b", r"\bshould\s+i\b",
            r"\bhow\s+" + _words("do should can would") + r"\s+i\b",
            r"\bis\s+it\s+" + _words("a_good_idea worth normal wise"),
            r"\bcareer\s+" + _words("path advice change move direction plan switch growth"),
            r"\bswitch\w*\s+careers?",
            r"\bwhat(?:'s| is| are)\s+(?:the\s+|a\s+|some\s+)?"
            + _words("best good average typical right") + r"\b",
            r"\bthinking\s+(?:about|of)\b", r"\bquit\w*"),
    # ---- asks to practise (seed: Primary intents; advice turns into practice when asked) ------
    _intent("rehearse", "rehearse", "create", 2, INTENTS,
            _NOT_MINE + r"\b" + _words(r"practi[cs]e practi[cs]ing rehears\w* simulat\w*"
                                       " run_through dry_run warm_up mock") + r"\b",
            r"\b" + _words("get be feel") + r"\s+" + _words("ready prepared") + r"\s+for\b"),
    _intent("do a roleplay", "rehearse", "create", 2, INTENTS,
            r"\b" + _words("do run try have want need give_me let's") + r"\s+" + _gap(2)
            + _ROLEPLAY,
            r"^" + _ROLEPLAY + r"\s+" + _words("a an the my how") + r"\b",
            r"\b" + _ROLEPLAY + r"\s+" + _words("a an how") + r"\b"),
    _intent("roleplay", "rehearse", "create", 1, INTENTS,
            _NOT_MINE + r"\b(?:" + _ROLEPLAY + r"|drills?)\b"),
    # ---- start now, or not (seed: Default workflow) --------------------------------------------
    _intent("start", "start", "configure", 2, WORKFLOW,
            r"\b" + _START + r"\b", r"\bjump (?:straight )?in\b", r"\bdive in\b", r"\bgo live\b",
            r"\blet'?s go\b"),
    _intent("now", "start", "configure", 1, WORKFLOW,
            r"\b" + _words("right_now now immediately straight_away right_away asap") + r"\b"),
    Signal("negated start", "hold", "preview", _any(
        r"\b" + _words("don'?t do_not not never no_need_to won'?t wouldn'?t rather_not"
                       " hold_off(?:_on)? wait(?:_to)?") + r"\s+" + _gap(2) + _START
        + r"(?:\s+" + _words("it this that anything the_session the_role_?plays?") + r")?"
        + r"(?:\s+" + _words("yet now right_now right_away straight_away immediately until")
        + r")?",
    ), 1, WORKFLOW, negatable=False),
    Signal("deferred start", "hold", "preview", _any(
        r"\bbefore\s+" + _gap(2) + r"(?:" + _START + r"|go live)\w*",
        r"\b(?:" + _START + r"|practi[cs]e|rehearse)\w*\s+" + _gap(5)
        + _words("later tomorrow eventually next_week another_time on_" + _DAYS) + r"\b",
        r"\bnot\s+" + _words("yet now right_now ready") + r"\b", r"\bfor now\b", r"\bhold off\b",
    ), 1, WORKFLOW, negatable=False),
    # ---- service capabilities (seed: Service capabilities) -----------------------------------
    _intent("preview", "operation", "preview", 2, WORKFLOW,
            r"\bpreview\w*", r"\bset ?up\b", r"\bprep(?:are)?\b",
            r"\bdraft\s+" + _words("a an the me my it one") + r"\b",
            r"\bcreate\s+(?:a\s+|the\s+|an\s+)?(?:\w+\s+)?"
            + _words("scenario practice simulation role_?plays?"),
            r"\b" + _words(r"see check look_at show view read review\w*") + r"\s+(?:me\s+)?"
            + _gap(4) + _words("scenario draft preview"),
            r"\bwhat\s+" + _gap(6) + r"look like"),
    _intent("draft", "operation", "preview", 1, WORKFLOW,
            r"\b" + _words("drafts? scenarios?") + r"\b"),
    _intent("edit questions", "operation", "edit_questions", 3, CAPABILITIES,
            r"\b" + _words("edit change update tweak rewrite reword replace add remove drop swap"
                           " modify adjust fix redo make") + r"\w*\s+" + _gap(3)
            + _words("questions? prompts? outline opening") + r"\b",
            r"\b" + _words("edit update change tweak redo") + r"\s+(?:it|them)\b"),
    _intent("the questions", "operation", "edit_questions", 1, CAPABILITIES,
            r"\b" + _words("the these those") + r"\s+(?:questions|prompts)\b"),
    _intent("approve", "operation", "approve", 3, CAPABILITIES,
            r"\bapprov\w*", r"\bactivat\w*", r"\blgtm\b", r"\bgo ahead\b",
            r"\bconfirm\w*\s+(?:the\s+|this\s+|my\s+)?" + _words("draft preview scenario"),
            r"\b" + _words("start launch begin open") + r"\w*\s+(?:the\s+|this\s+|that\s+|my\s+)?"
            + _words("draft preview") + r"\b",
            r"\b" + _words("happy good fine great ok okay") + r"\s+with\s+(?:the\s+|this\s+|my\s+)?"
            + _words("draft preview scenario")),
    _intent("review", "operation", "review", 3, CAPABILITIES,
            r"\b" + _words("reviews? feedback") + r"\b",
            r"\bhow\s+(?:well\s+)?did\s+i\s+" + _words("do handle perform") + r"\b",
            r"\bdid\s+i\s+do\b", r"\btranscript\s+(?:based|derived)\s+feedback",
            r"\b" + _words("finished completed did done_with just_did") + r"\s+" + _gap(3)
            + _words("role_?plays? sessions? practice calls? simulations? drills?") + r"\b",
            r"(?<!q )\bscores?\s+" + _gap(4)
            + _words("role_?plays? sessions? practice rps_ negotiation calls? demo drills?"),
            r"\b" + _words("role_?plays? session practice") + r"\s+scores?\b",
            r"\bwhat did you think\b", r"\bmy\s+performance\b"),
    _intent("score", "operation", "review", 1, CAPABILITIES,
            r"(?<!q )\bscor(?:e|es|ed|ing)\b", r"\brecommendations?\b"),
    _intent("leaderboard", "operation", "leaderboard", 3, CAPABILITIES,
            r"\bleaderboards?\b", r"\brank\w*", r"\bcompetition\b",
            r"\btop\s+(?:\d+\s+)?(?:\w+\s+)?" + _words("scores? performers? players? results?")
            + r"\b",
            r"\bwho(?:'s| is| has)\s+" + _gap(2) + _words("winning top best highest first leading")
            + r"\b",
            r"\b" + _words("best highest") + r"\s+scor\w*"),
    _intent("artifact", "operation", "artifact", 3, CAPABILITIES,
            r"\b" + _words("download link url watch get give_me send_me") + r"\s+" + _gap(3)
            + _ARTIFACT + r"\b",
            r"\bartifacts?\b"),
    _intent("recording", "operation", "artifact", 1, CAPABILITIES, r"\b" + _ARTIFACT + r"\b"),
    _intent("video upload", "operation", "video_upload", 3, CAPABILITIES,
            r"\bupload\w*", r"\b" + _ARTIFACT + r"\s+" + _gap(2) + r"upload\w*",
            r"\battach\w*\s+" + _gap(3) + _words("recording video webm")),
    _intent("create assignments", "operation", "create_assignments", 3, CAPABILITIES,
            r"\bassign(?:s|ing)?\b", r"\bcreat\w*\s+" + _gap(2) + r"assignments?\b",
            r"\bas an assignment\b",
            r"\bsend\w*\s+" + _gap(6)
            + _words("role_?plays? drills? scenarios? practice simulations?") + r"\s+to\b"),
    _intent("list assignments", "operation", "list_assignments", 3, CAPABILITIES,
            r"\blist\w*\s+" + _gap(2) + r"assignments?\b",
            r"\b" + _words("show see view get check") + r"\s+(?:me\s+)?"
            + r"(?:(?!results?\b)\w+\s+){0,2}?assignments?\b(?!\s+results?)",
            r"\bmy\s+assignments?\b(?!\s+results?)",
            r"\b" + _words("is are was were been") + r"\s+assigned\b", r"\bassigned\s+to\b",
            r"\bwhich\s+assignments?", r"\bpending\s+assignments?"),
    _intent("unassign", "operation", "unassign", 3, CAPABILITIES,
            r"\bunassign\w*",
            r"\b" + _words("remove cancel revoke withdraw delete drop") + r"\w*\s+" + _gap(2)
            + r"assignments?\b",
            r"\btake\s+" + _gap(2) + r"off\s+(?:the\s+)?assignments?"),
    _intent("bulk results", "operation", "bulk_results", 3, CAPABILITIES,
            r"\b" + _words("results? scores? outcomes? progress") + r"\s+" + _gap(3)
            + r"(?:assignments?\b|asg_)",
            r"\bassignments?\s+results?\b", r"\bbulk\b", r"\bresults\s+asg_",
            r"\bhow\s+did\s+(?:my\s+|the\s+)?"
            + _words("team everyone they people reps group assignees") + r"\s+do\b"),
    # ---- duration (seed: 15 by default, 5 for quick drills, 30 for a deeper simulation) -------
    _intent("quick drill", "duration", str(QUICK), 2, DURATION,
            r"\b" + _words(r"quick\w* short drills? fast rapid lightning few_minutes in_a_hurry")
            + r"\b"),
    _intent("deeper simulation", "duration", str(DEEP), 2, DURATION,
            r"\b" + _words(r"deep\w* in_depth longer extended thorough\w* full comprehensive"
                           " detailed") + r"\b"),
    # ---- counterpart, desired outcome, persona (seed: Conversation strategy; personas) --------
    _intent("counterpart", "counterpart", "named", 1, STRATEGY, r"\b" + _PEOPLE + r"\b"),
    _intent("desired outcome", "outcome", "named", 1, STRATEGY,
            r"\b" + _words(r"goal aim\w* hop(?:e|ing)_to so_that desired_outcome close_the_deal"
                           " bump raise signing_bonus agree\\w*") + r"\b",
            r"\bkeep\s+" + _words("them the_customer the_account the_client") + r"\b",
            r"\bget\s+" + _words("them him her") + r"\s+to\b", r"\bwin\s+(?:back|the)\b",
            r"\b\d+(?:\.\d+)?k\b", r"\b\d+ ?%"),
    *(_intent(persona, "persona", persona, 1, NORMALIZATION, rf"\b{persona}\b")
      for persona in ("payal", "emma", "john", "kapil")),
)
# fmt: on

# A negator up to three words before a hit, in the same clause, cancels the hit.
NEGATION = re.compile(
    r"\b(?:not|no|don'?t|dont|do not|never|without|skip(?:ping)?|forget|instead of|rather than|"
    r"isn'?t|aren'?t|wasn'?t|no need for)\s+(?:(?!and\b|or\b)\w+\s+){0,3}$"
)
# Clause boundaries, and how a clause's connector orders it: 0 first, 1 as written, 2 later.
CLAUSE_BREAK = re.compile(
    r"[.;:!?,]+|\b(?:but|and then|then|after that|afterwards|and after|before|after|once)\b"
)
CONNECTOR_RANK = {
    "and then": 2,
    "then": 2,
    "after that": 2,
    "afterwards": 2,
    "and after": 2,
    "before": 2,
    "after": 0,
    "once": 0,
}
ORDER_WORDS = (
    (re.compile(r"\bfirst\b"), 0),
    (re.compile(r"\b(?:later|eventually|afterwards)\b"), 2),
)


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words patterns rely on; a token one edit away from one of them is read as it (typos).
VOCABULARY = wordset(
    """
    activate advice approve artifact assign assigned assignment assignments attach audio
    begin bulk cancel change closing competition conflict counterpart cover customer
    deadlines deeper demo discount discovery download drill edit emma escalation expansion
    extended feedback interview interviews john kapil launch leaderboard letter list manager
    mock negotiate negotiating negotiation networking objection objections onboarding
    outline payal pitch practice practise practising practicing prepare preview procurement
    promotion prompts prospect question questions quick ranking readiness recording
    recruiter rehearsal rehearse remove renewal replace resume review reword roleplay
    roleplays salary scenario score session show simulate simulation start support
    stakeholder tailor teammate thorough transcript troubleshoot troubleshooting tweak
    unassign update upload video handling handle
    """
)
# Ordinary words that sit one edit away from a vocabulary word; never "corrected".
KNOWN_WORDS = wordset("practical lunch smart stars state manage managed launches through")


def _one_edit(word: str, target: str) -> bool:
    """True when one insertion, deletion, substitution or neighbour swap makes word target."""
    if abs(len(word) - len(target)) > 1 or word == target:
        return False
    if len(word) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and word[diffs[0]] == target[diffs[1]]
            and word[diffs[1]] == target[diffs[0]]
        )
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _is_swap(word: str, target: str) -> bool:
    return len(word) == len(target) and sorted(word) == sorted(target) and _one_edit(word, target)


@lru_cache(maxsize=4096)
def correct_word(word: str) -> str:
    """The vocabulary word a likely typo stands for; the word itself when there is none.

    Words of 4-5 letters are fixed only for swapped neighbours ("strat"); longer words for any
    single edit ("salery"). Inflections of vocabulary words and KNOWN_WORDS are left alone.
    """
    if len(word) < 4 or word in VOCABULARY or word in KNOWN_WORDS:
        return word
    if any(word.startswith(known) or known.startswith(word) for known in VOCABULARY):
        return word
    check = _is_swap if len(word) <= 5 else _one_edit
    for known in sorted(VOCABULARY):
        if check(word, known):
            return known
    return word


_TOKEN = re.compile(r"(?<![\w@.])[a-z]{4,}(?![\w@])")


def normalize_text(text: str) -> str:
    """Lower case, straight apostrophes, hyphens between words as spaces, typos fixed."""
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    lowered = re.sub(r"(?<=[a-z0-9])[-\u2013\u2014](?=[a-z0-9])", " ", lowered)
    lowered = re.sub(r"\s+", " ", lowered).strip()
    return _TOKEN.sub(lambda found: correct_word(found.group()), lowered)


@attrs.frozen(slots=True)
class Hit:
    """A row that matched, where, and the clause it is in (with that clause's order rank)."""

    signal: Signal
    start: int
    end: int
    clause: int
    rank: int


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, rank) of each clause, in order."""
    clauses = [(0, 1)]
    for found in CLAUSE_BREAK.finditer(text):
        connector = found.group().strip()
        clauses.append((found.end(), CONNECTOR_RANK.get(connector, 1)))
    return clauses


def _clause_of(clauses: list[tuple[int, int]], position: int) -> int:
    index = 0
    for number, (start, _rank) in enumerate(clauses):
        if start <= position:
            index = number
    return index


def _overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


_INTENT_KINDS = frozenset({"agent", "advice", "rehearse", "start", "hold", "operation"})


def intent_of(signal: Signal) -> str | None:
    """The request a row serves: an agent, "grow", "create" (preview/configure), an operation."""
    if signal.kind == "agent":
        return signal.value
    if signal.kind == "advice":
        return "grow"
    if signal.kind in {"rehearse", "start", "hold"} or signal.value == "preview":
        return "create"
    if signal.kind == "operation":
        return signal.value
    return None


def _compete(a: Signal, b: Signal) -> bool:
    """Overlapping hits compete when they claim the same words for different requests, or for
    the same kind of detail (two roleplay_type rows); hits of one request reinforce each other."""
    if a.kind in _INTENT_KINDS and b.kind in _INTENT_KINDS:
        return intent_of(a) != intent_of(b)
    return a.kind == b.kind


def _beats(a: Hit, b: Hit) -> bool:
    """Of two overlapping hits, the one whose span contains the other, else the heavier, wins."""
    if a.start <= b.start and b.end <= a.end and (a.end - a.start) > (b.end - b.start):
        return True
    if b.start <= a.start and a.end <= b.end and (b.end - b.start) > (a.end - a.start):
        return False
    return (a.signal.weight, a.end - a.start, -a.start) > (
        b.signal.weight,
        b.end - b.start,
        -b.start,
    )


def scan(text: str, signals: Iterable[Signal] = SIGNALS) -> tuple[Hit, ...]:
    """Every row that matches the normalized text, minus negated and out-competed hits."""
    normalized = normalize_text(text)
    clauses = _clauses(normalized)
    found: list[Hit] = []
    for signal in signals:
        for match in signal.regex.finditer(normalized):
            if match.end() == match.start():
                continue
            clause = _clause_of(clauses, match.start())
            clause_text = normalized[clauses[clause][0] : match.start()]
            if signal.negatable and NEGATION.search(clause_text):
                continue
            found.append(Hit(signal, match.start(), match.end(), clause, clauses[clause][1]))
    kept = [
        hit
        for hit in found
        if not any(
            other is not hit
            and _compete(other.signal, hit.signal)
            and _overlaps(other, hit)
            and _beats(other, hit)
            for other in found
        )
    ]
    # A negated or deferred start ("don't start yet", "before we begin") cancels the start in it.
    holds = [hit for hit in kept if hit.signal.kind == "hold"]
    kept = [
        hit
        for hit in kept
        if hit.signal.kind != "start" or not any(_overlaps(hold, hit) for hold in holds)
    ]
    ranked = []
    for hit in kept:
        rank = hit.rank
        clause_start = clauses[hit.clause][0]
        clause_end = (
            clauses[hit.clause + 1][0] if hit.clause + 1 < len(clauses) else len(normalized)
        )
        clause_text = normalized[clause_start:clause_end]
        for pattern, order in ORDER_WORDS:
            if pattern.search(clause_text):
                rank = order
        ranked.append(attrs.evolve(hit, rank=rank))
    return tuple(sorted(ranked, key=lambda hit: hit.start))


# Only roleplay_type rows decide a roleplay_type: _compete lets a roleplay_type hit be beaten
# only by another roleplay_type hit, and holds cancel only starts. Scanning just these rows
# gives infer_roleplay_type the same answer at about 40% of the cost of the whole table.
ROLEPLAY_TYPE_SIGNALS = tuple(signal for signal in SIGNALS if signal.kind == "roleplay_type")


def best_roleplay_type(hits: Iterable[Hit]) -> str | None:
    """The roleplay_type with the most weight among the hits (the earliest on a tie), if any."""
    totals: dict[str, int] = {}
    first: dict[str, int] = {}
    for hit in hits:
        if hit.signal.kind == "roleplay_type":
            totals[hit.signal.value] = totals.get(hit.signal.value, 0) + hit.signal.weight
            first.setdefault(hit.signal.value, hit.start)
    if not totals:
        return None
    return max(totals, key=lambda value: (totals[value], -first[value]))
