"""The words plan() and roleplay_type inference recognise: one table, compiled into one regex.

Each row maps phrases to what they mean (a kind and a value) and names the seed rule
(../shared/seed, "Roleplay Agent") it serves. A new phrasing is a new row, not a special case
in a function. Rows run on normalized text (normalize_text): lower case, one space between
tokens, punctuation as its own token, slang expanded, the service's words in German and
Hindi read as the English ones (FOREIGN), likely typos of the domain's vocabulary fixed.

All rows are compiled into ONE alternation, bucketed by first character (sre tries only the
rows that can start with the character at hand), and run by one finditer pass: at each token
the first row in table order that matches wins, so more specific rows come first. Rows
consume only the words that carry their meaning; context they need (what follows) is a
lookahead, so the words stay free for the other rows.

Kinds:
  break          a clause boundary; value: the clause's order (0 acted on first, 1 as
                 written, 2 later: "but first", "then", "before that")
  order          "first" / "later" inside a clause
  neg            a negator: cancels the negatable hits up to three words after it
  cond           a hypothetical or a condition ("what if we", "once I"): a start, "now" or
                 an approval after it in its clause is not a request
  route          a request the seed's "Route away" list sends to another agent (value)
  advice         general career advice (weight 2 an explicit request, 1 a question)
  practice       the person asks to practise (weight 2) or names a practice (1)
  preview        the person asks for a draft scenario to look at
  start          a start verb (plan() checks that it is a request aimed at the practice)
  now            "now", "right away": with a practise verb, an explicit start
  hold           a negated or deferred start ("not yet", "before we begin")
  defer          "later", "tomorrow": a start verb followed by one is deferred
  draft          a reference to an existing draft ("the draft", "the one you made")
  op             a service capability (value: the SDK method)
  mention        a noun some operations need nearby (questions, assignments)
  roleplay_type  a conversation the seed's "Mapping rules" map to a roleplay_type
  counterpart    who the person will talk to (clarifying questions; a scenario exists)
  duration       quick drills (5) and deeper simulations (30)
  minutes        an explicit length ("20 minutes", "half an hour")
  persona        a persona named by the person
  outcome        a desired outcome (clarifying questions)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

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
ORDER = "Two requests in one message: the one to act on first leads"

KINDS = frozenset(
    {
        "break", "order", "neg", "cond", "route", "advice", "practice", "preview", "start", "now",
        "hold", "defer", "draft", "op", "mention", "roleplay_type", "counterpart", "duration",
        "minutes", "persona", "outcome",
    }
)  # fmt: skip


@attrs.frozen(slots=True)
class Signal:
    """One row: where one of `patterns` matches, the words mean `value` (of `kind`)."""

    name: str
    kind: str
    value: str
    weight: int
    patterns: tuple[str, ...]
    rule: str
    negatable: bool = True
    # roleplay_type rows: the conversation implies who the counterpart is.
    implies_counterpart: bool = False
    # practice rows that imply a length ("a drill" is a quick drill): 5 or 30.
    implies_minutes: int | None = None


# --- pattern helpers: the table reads as words, the regex syntax stays here ---------------------

WORD = r"[^ .,;:!?\-][^ ]*"  # one word token (never a punctuation token)


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


def gap(most: int) -> str:
    """Up to `most` words (lazy) between two parts of a phrase, inside one clause."""
    return rf"(?:{WORD} ){{0,{most}}}?"


def words(text: str) -> tuple[str, ...]:
    """Alternatives from space-separated words; "~" inside a word is a space."""
    return tuple(word.replace("~", " ") for word in text.split())


def group(text: str) -> str:
    """One non-capturing group of the words' alternatives, for use inside a pattern."""
    return "(?:" + "|".join(words(text)) + ")"


def each(prefixes: str, rest: str) -> tuple[str, ...]:
    """One alternative per prefix word, each followed by `rest`."""
    return tuple(prefix + rest for prefix in words(prefixes))


def each_first(prefixes: str, rest: str) -> tuple[str, ...]:
    """Like each(), with the words that share a first letter in one alternative: a long
    `rest` is then compiled once per letter, not once per word (longer words first)."""
    by_letter: dict[str, list[str]] = {}
    for word in sorted(words(prefixes), key=len, reverse=True):
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]).replace("\\ ", " "))
    return tuple(
        f"{letter}(?:{'|'.join(tails)})" + rest if len(tails) > 1 else letter + tails[0] + rest
        for letter, tails in by_letter.items()
    )


def not_after(prefixes: str, pattern: str) -> str:
    """`pattern`, except right after one of the `prefixes` words ("annual review").

    The lookbehinds sit after the first character, which must stay literal (see _first_char).
    """
    first = pattern[0]
    return first + "".join(f"(?<!{p} {first})" for p in words(prefixes)) + pattern[1:]


def _row(
    name: str,
    kind: str,
    value: str,
    weight: int,
    rule: str,
    *patterns: str | tuple[str, ...],
    negatable: bool = True,
    implies: bool = False,
    minutes: int | None = None,
) -> Signal:
    flat: list[str] = []
    for pattern in patterns:
        flat.extend((pattern,) if isinstance(pattern, str) else pattern)
    return Signal(name, kind, value, weight, tuple(flat), rule, negatable, implies, minutes)


def _rt(name: str, value: str, weight: int, *patterns: str | tuple[str, ...]) -> Signal:
    return _row(name, "roleplay_type", value, weight, MAPPING, *patterns)


def _rtc(name: str, value: str, weight: int, *patterns: str | tuple[str, ...]) -> Signal:
    """A roleplay_type row whose conversation implies who the counterpart is."""
    return _row(name, "roleplay_type", value, weight, MAPPING, *patterns, implies=True)


def _op(name: str, value: str, weight: int, *patterns: str | tuple[str, ...]) -> Signal:
    return _row(name, "op", value, weight, CAPABILITIES, *patterns)


# Shared vocabulary of the rows.
PRACTICE_NOUNS = group(
    "practice practise practicing practising session sessions roleplay roleplays drill drills"
    " simulation simulations sim rehearsal rehearsals scenario scenarios run exercise warmup"
    " warm~up rep reps round one version mock"
)
TALK_NOUNS = group(
    "call calls conversation conversations talk chat discussion meeting negotiation pitch demo"
    " check~in kickoff review qbr sync one~on~one"
)
START_WORDS = words("start begin launch")
NOW_WORDS = "now|right now|rn|immediately|right away|straight away|asap|at once|this minute"
DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_DEFER_WORDS = (
    "later", "tomorrow", "eventually", "tonight", "next week", "next time", "another time",
    "this afternoon", "this evening", "in a bit", "in an hour", "after lunch", "when i'm ready",
    *(f"on {day}" for day in DAYS.split()),
)  # fmt: skip
DEFER = "(?:" + "|".join(_DEFER_WORDS) + ")"
ARTIFACT_NOUNS = group(
    "recording recordings video videos audio transcript transcripts webm artifact artifacts"
    " session~video session~audio footage clip"
)
# Who the person may talk to, besides the roles a roleplay_type row already names (recruiter,
# manager, boss, director, hr, prospect, buyer, account, ...: those rows imply a counterpart).
PEOPLE = (
    "bosses directors ceo cto cfo coo ciso cmo cio founder cofounder co~founder executive"
    " executives exec customer customers client clients colleague colleagues coworker"
    " coworkers co~worker teammate teammates peer peers team~leads lead direct~report"
    " direct~reports report reports employee employees investor investors partner vendor"
    " vendors user users landlord pm champion sponsor intern interns new~hire new~hires"
    " student students caller callers guest guests patient owner head co~lead mentor board"
    " patron patrons diner diners shopper shoppers passenger passengers resident residents"
    " visitor visitors"
    " committee legal finance engineering team~member principal headteacher head~teacher governor"
)
# The people a service desk or counter serves, in any trade: a shop's customer, a
# restaurant's diner, a council's resident, a clinic's patient, a hotel's guest.
SERVED = (
    "customer customers client clients guest guests resident residents patient patients patron"
    " patrons diner diners shopper shoppers passenger passengers caller callers visitor"
    " visitors homeowner homeowners user users traveler travelers traveller travellers"
    " buyer buyers prospect prospects family families tenant tenants"
)
# How an unhappy one of them is: "a resident who is upset", "a customer ... getting loud".
_UPSET = group(
    "upset angry furious frustrated irate annoyed unhappy dissatisfied livid fuming mad"
    " disappointed yelling shouting screaming complaining rude hostile loud"
)
CUSTOMERS = group(SERVED)
# Occupations and relations, not only an office's: "a line cook who's been late".
OCCUPATIONS = (
    "cook cooks chef chefs server servers waiter waiters waitress bartender bartenders barista"
    " baristas cashier cashiers dishwasher staff staffer staffers crew worker workers nurse"
    " nurses doctor doctors physician surgeon teacher teachers professor tutor parent parents"
    " designer designers developer developers engineer engineers programmer programmers"
    " analyst analysts accountant accountants lawyer lawyers attorney paralegal contractor"
    " contractors subcontractor freelancer freelancers consultant consultants supplier"
    " suppliers tenant tenants neighbor neighbors neighbour neighbours roommate roommates"
    " assistant assistants receptionist secretary technician technicians mechanic courier"
    " dispatcher pharmacist therapist volunteer volunteers associate associates trainee"
    " trainees apprentice apprentices candidate candidates applicant applicants scientist"
    " scientists researcher researchers architect architects marketer writer salesperson"
    " officer officers clerk clerks cleaner janitor homeowner donor donors counterpart"
    " counterparts"
)
# Words after "talk to the ..." or "a call with the ..." that are not a person.
_NOT_PEOPLE = (
    r"(?!(?:situation|issue|issues|problem|problems|fallout|stress|pressure|change|changes"
    r"|workload|deadline|deadlines|project|topic|subject|point|question|questions|draft"
    r"|scenario|recording|video|feedback|results?|review|resume|cv|idea|plan|numbers|data"
    r"|details|facts|same|rest|whole|next|first|last|end|best|right|wrong|quick|short|long"
    r"|bad|good|clear|twist|lot|timer|agenda|settings|persona|goal|focus|view|it|this|that)\b)"
)
_DETERMINED = (
    r"(?:a|an|the|my|our|his|her|their|two|three|some|one of (?:my|our|the)|this|that|these"
    r"|those|each|every|both)"
)
# A conversation held with someone ("a conversation with a tenant", "a one on one with the
# new barista"); not a practice ("a roleplay with a twist", "a drill with a timer").
_TALK_BEFORE_WITH = words(
    "conversation conversations call calls meeting meetings chat chats talk talks negotiation"
    " discussion sync check~in sit~down one disagreement fight argument"
)

# How a draft's questions should be, or are: "can the questions focus more on budget", "the
# opening prompt in the preview is too soft".
_DRAFT_WORDS = (
    "draft preview scenario counterpart persona opening first second third fourth last final next"
)
_DRAFT_QUESTIONS_ARE = (
    r"(?: (?:in|of) (?:the|my|this|that) (?:draft|preview|scenario))? (?:to )?(?:(?:could|should"
    r"|can) be made (?:more|less|tougher|harder|softer|easier)|focus (?:more"
    r"|less)|be (?:more|less|tougher|harder|softer|easier|shorter|longer|simpler)|(?:is|are|feel"
    r"|feels|seem|seems|sound|sounds) (?:too|a bit|way|kind of|off|wrong|weak))\b"
)
# A word that names a conversation inside "the ... draft" (not a function word or a verb's
# subject: "the team lead and I draft", "that you draft").
_NAMING_WORD = (
    r"(?!(?:to|and|or|i|you|we|he|she|they|me|then|so|can|could|will|would|should|please"
    r"|just|also|not|is|are|was|were)\b)[a-z][a-z0-9'_-]*"
)
_NOT_A_TIME = r"(?! (?:last|first|past|previous|next|recent|few|end|latest)\b)"

# "q3" of a draft, not the quarter: "postpone it until Q3", "the Q3 forecast".
_QUESTION_NUMBER = (
    "q"
    + "".join(
        f"(?<!{word} q)"
        for word in words(
            "until by in before after during of for next last this the our my their end"
        )
    )
    + r"\d+"
)
# What is given to other people to practise ("give my team a renewal drill").
_ASSIGNABLE = (
    "(?:roleplay|roleplays|drill|drills|simulation|simulations|scenario|scenarios|practice"
    "|exercise|exercises|session|sessions|rehearsal|rehearsals|role play|role plays)"
)
# A practice handed to people, not what came of one: "give my team a renewal drill", not
# "give my manager the drill results" or "send my boss a roleplay summary".
GIVEN_PRACTICE = (
    _ASSIGNABLE
    + r"\b(?! "
    + group(
        "summary summaries result results score scores grade grades review reviews feedback"
        " recording recordings transcript transcripts report reports notes stats history"
    )
    + r"\b)"
)
# The words before the practice in "a quick renewal roleplay" (not "a discount in the roleplay").
_MODIFIERS = r"(?:(?!(?:in|on|at|for|of|with|to|from|during|about|the|a|an)\b)[^ .;!?]+ ){0,4}?"
# Where someone's assigned roleplays are ("take it off Leo's list").
_THEIR_LIST = r"(?:list|plate|queue|to do list|to do|todo|todo list|dashboard|tasks|workload)\b"
# What follows "not" or "nothing" when a thing is broken, not when a request is negated.
_BROKEN = (
    r"(?:working|work|works|worked|loading|load|responding|syncing|connecting|charging"
    r"|turning on|showing up|arriving|arrived|delivered|helped|helps|fixed|fixes)\b"
)
_WONT_WORK = r"(?:turn on|load|connect|charge|sync|boot)\b"
# Up to three more words before the noun a length adjective is about, with the commas and
# fillers of a list of adjectives: "a longer, more realistic simulation", "quick and easy one".
_FILLERS = r"(?:(?:,|and|or|but|more|very|really|super|quite|pretty|fairly|much|even|extra) )*"
ADJECTIVES = _FILLERS + rf"(?:{WORD} {_FILLERS}){{0,3}}?"
# After a recording word: a video call or an interview, not a file.
# After a recording word: a video call or an interview, or what a review derived from the
# recording ("the transcript feedback", "video analysis"), not a file.
_NOT_A_FILE = (
    r"\b(?! (?:call|meeting|chat|interview|based|derived|feedback|reviews?|scores?|analysis"
    r"|insights?|recommendations?|notes|summary|results?|grades?|coaching|breakdown)\b)"
)
_OWNED = "my the this that your our his her their last next yesterday"
# A length that is not the practice's: "on hold for 40 minutes", "2 hours of data", "an hour ago".
_WAITED = "hold~for waited waited~for waiting waiting~for down~for outage~of late~by over"
# When the real one is, not how long the practice is: "I have my call in 40 minutes", "coffee
# with a mentor in 40 minutes", "they shoot in 2 hours" (one row at "in", read before the
# length after it: "in" before a length always says when, never how long).
_WHEN_IN = (
    r"in (?:[0-9]+|a few|few|two|three|five|ten|fifteen|twenty|thirty|forty|an?) (?:minutes?"
    r"|mins?|hours?|hrs?)\b"
)


def _bare_minutes(number: str) -> str:
    """A bare number as the practice's length, right after a length word or a clause break
    and ending its clause: "quick 5", "a salary negotiation, 30.", "escalation sim 30",
    "keep it short, like 5"."""
    first = number[0]
    before = ("quick", "short", "long", "full", "deep", "like", "sim", "drill", "session", ",", ":")
    after = "|".join(f"(?<={word} {first})" for word in before)
    return f"{first}(?:{after}){number[1:]}(?= (?:[.,;:!?]|$))"


# ... and the length of what the story tells: "a one star review about a 40 minute wait".
STORY_LENGTHS = (
    r"|(?:wait|waits|delay|delays|drive|commute|ride|walk|flight|queue|line|outage|downtime"
    r"|break|lunch|layover|lecture|presentation|speech)\b"
)
# ... and a moment in the story: "five minutes before class", "ten minutes into the call"
# (not the person's own time: "15 minutes before my meeting").
STORY_MOMENTS = (
    r"|(?:before|after|into|until|till|past|between) (?!(?:my|our|i|we|i'm|we're|i've|we've|you"
    r"|starting|we start|i start|the real)\b)"
)
_NOT_A_LENGTH = (
    r"(?! (?:ago|late|early|behind|on hold|of (?:data|downtime|outage|work)|waiting|per"
    r"|an? (?:booth|person|table|customer|visitor|call)\b" + STORY_LENGTHS + STORY_MOMENTS + "))"
)

# A review to come: the person's own (performance) review, not a roleplay's ("my review is
# next week", "my review on Friday", "my review in two weeks"); a roleplay's review is past.
_TO_COME = (
    r"(?! (?:(?:is|are) (?:in|on|next|tomorrow|coming)|next|tomorrow|coming up|later|soon"
    r"|this (?:week|month|quarter|year|morning|afternoon|evening|" + DAYS.replace(" ", "|") + r")"
    r"|in (?:a|an|one|two|three|few|a few|[0-9]+) (?:days?|weeks?|months?)"
    r"|on (?:" + DAYS.replace(" ", "|") + r"))\b)"
)

# Kinds of interview, and what a person asks for about one ("interview questions").
_INTERVIEW_KINDS = (
    "behavioral behavioural technical case panel final onsite phone coding job hiring~manager"
    " second first third group video competency situational screening leadership"
    " system~design design product data pm engineering sales nursing"
)
_INTERVIEW_ASKS = group(
    "questions question rounds round prep prepping preparation practice practise practicing"
    " practising drills drill skills coaching simulation simulations answers answer training"
    " rehearsal tips"
)

# How a score moves: after "score" it is a delta, the Q Score Agent's (seed: Route away).
_SCORE_MOVED = (
    r"(?:change|changed|improve|improved|move|moved|shift|shifted|increase|increased|drop"
    r"|dropped|grow|grown|evolve|evolved|go up|gone up|went up|go down|gone down|went down"
    r"|changing|improving|moving|dropping|rising|climbing|falling|trending|going up|going down)\b"
)
_SCORE_MOVES = (
    r"(?:deltas?|changes?|trend|history|improvements?|progress(?:ion)?|difference|jump|movement"
    r"|over time|" + _SCORE_MOVED[3:]
)

# Scores that are not the person's career readiness: "the customer's health score dropped".
_OTHER_SCORES = "health credit nps csat lead risk"

# The people a practice is assigned to, as a group: "how did my cohort do".
GROUP_WORDS = (
    "team teams everyone they people reps group groups assignees folks sdrs bdrs csms interns"
    " cohort cohorts class trainees learners students participants squad staff agents hires"
    " sellers attendees crew"
)
GROUPS = group(GROUP_WORDS)

# fmt: off
SIGNALS: tuple[Signal, ...] = (
    # ---- clause structure and negation (read by the precedence in plan()) -----------------
    # A start negated or deferred (seed: Default workflow); first: "before we begin" is a hold.
    _row("held start", "hold", "preview", 1, WORKFLOW,
         "not right now", "not now", "not yet", "for now", "no rush", "not ready",
         r"hold off(?: on)?(?: (?:starting|launching|beginning|it))?",
         r"wait (?:to|before|until) " + gap(2) + group("start starting begin beginning launch"
                                                       " launching"),
         "without starting", "before starting", "before beginning", "before launching",
         "before we go", "before going live", "before we go live", "look it over",
         r"before (?:i|we) (?:start|begin|launch|kick|jump|dive|get started|go|practi[cs]e)",
         negatable=False),
    _row("but first", "break", "0", 1, ORDER,
         "but first", "but before that", "before that", "before this", "before you do that",
         "first of all", negatable=False),
    _row("actually", "break", "0", 1, ORDER,
         "actually", "on second thought", "never mind", "scratch that", negatable=False),
    _row("then", "break", "2", 1, ORDER,
         "and then", "and after that", "after that", "afterwards", "after which", "then",
         "and later", "later on", "followed by", "and once that's done", "once that's done",
         "once that is done", "when that's done", "when it's done", "once done", "and once",
         negatable=False),
    # "after/once you ...": what follows is done first; "before I/we ...": it comes later.
    _row("after you", "break", "0", 1, ORDER,
         # (not a time: "my delta after the last few sessions")
         "after you", "once you", *each("after~the once~the", _NOT_A_TIME), "when you're done with",
         "once you're done with", "when you are done with", negatable=False),
    _row("before i", "break", "2", 1, ORDER,
         r"before(?= (?:i|we|you|the|starting|approving|launching|beginning|going|checking)\b)",
         negatable=False),
    _row("clause break", "break", "1", 1, ORDER,
         *each(". ; ! ?", r"[.;!?]*"), ",", ":", "--*", "but", "also", "plus", "so that",
         "because", negatable=False),
    _row("supposed", "cond", "if", 1, WORKFLOW,
         # (not a politeness: "I was wondering if I could jump straight into a drill")
         not_after("wondering wonder", "if i"), not_after("wondering wonder", "if we"),
         "if i'm", "if i've", "if we're", "if we've", "what if", "suppose",
         "supposing", "imagine", "assuming",
         "hypothetically", "in case", "unless", "would it be better", "is it better",
         "what happens when", "what happens if",
         # a condition on how the draft looks asks to see it first ("if the scenario looks
         # realistic, then start it"), not a politeness ("if that's ok, start now")
         r"if(?= (?:the|it|this|that|everything|all|they)(?: [\w']+){0,2}"
         r" (?:looks?|seems?|sounds?|reads?|feels?)\b)",
         # "... and then if its ok we can start it", "if all good, start it": the draft's
         # being fine (not "if that's ok", a politeness)
         r"if(?= (?:its|it's|it is|all|everything(?: is| looks)?) (?:ok|okay|good|fine|alright)\b)",
         negatable=False),
    # A doubt, not a negation: "we're not sure we'll renew" names a renewal; "not sure I want
    # to start" asks for no start (it does not run on past its clause, as a condition does).
    _row("doubt", "cond", "doubt", 1, WORKFLOW,
         "not sure", "not certain", "unsure", *each("isn't aren't wasn't weren't", " sure"),
         negatable=False),
    # A precondition of the person's: what it covers comes after it is met.
    _row("once i", "cond", "after", 1, WORKFLOW,
         *each("once when after until as~soon~as whenever", r" (?:i|we|i've|we've|i'm|we're)"
                                                            r"(?= )"), negatable=False),
    # Other words for "first" ("before anything else, show me my review, then ..."; before
    # the "first" row, which would take "first" of "first off"); "to start with" is an
    # order, not a start.
    _row("openers", "order", "0", 1, ORDER,
         "first off", "first things first", "before anything else", "before anything",
         "for starters", "to begin with", "to start with",
         # "let's begin by sketching a scenario": the first step, not a start
         *each("let's let~us we~can can~we i'll", r" (?:start|begin) by(?= \w+ing )"),
         r"start(?:ing)? by(?= \w+ing )", r"begin(?:ning)? by(?= \w+ing )",
         negatable=False),
    _row("first", "order", "0", 1, ORDER, "first", "firstly", negatable=False),
    # a request put off to another day comes after the one asked for now: "I'll deal with my
    # resume another day. Today I'd like a scenario drafted for ..."
    _row("later", "order", "2", 1, ORDER, "later", "eventually", "another day", "some other day",
         "some other time", negatable=False),
    _row("negator", "neg", "not", 1, ORDER,
         # not the first word of a problem's description ("the thermostat is not working",
         # "nothing works", "no internet"): the support rows read those
         r"not(?! " + _BROKEN + "| renew)", r"no(?! (?:internet|signal|power|connection|service"
         r"|response|dial tone|refund)\b)", "don't", "do not", not_after("or", "never"),
         "without", r"skip(?! level)", "skipping",
         "no need to", "no need for", "rather not", "instead of", "rather than", "isn't",
         "aren't", "forget", "forget about", r"won't(?! " + _WONT_WORK + "| renew)", "wouldn't",
         r"nothing(?! " + _BROKEN + ")",
         negatable=False),
    # ---- route away (seed: Route away) -------------------------------------------------
    # "a practice interview" is a mock interview, whatever the word for it.
    _row("practice interview", "route", "interview", 3, ROUTE_AWAY,
         r"practi[cs]e (?:(?:job|phone|video) )?interviews?\b",
         each("dummy fake pretend simulated sample", r" (?:(?:job|phone|video) )?interviews?\b")),
    _row("mock interview", "route", "interview", 3, ROUTE_AWAY,
         r"mock (?:[a-z]+ ){0,2}?(?:interv[a-z]*|screens?|rounds?)\b",
         r"interviews? " + _INTERVIEW_ASKS,
         # "technical interview questions": the kind of interview, then what is asked for
         each(_INTERVIEW_KINDS, r" (?:round )?interviews? " + _INTERVIEW_ASKS),
         r"interview(?:ing)? (?:me|with me)\b",
         "tell me about yourself", "biggest weakness", "greatest weakness",
         "why should we hire you", "why do you want to work",
         r"star (?:method|answers?|stories|story|format|technique)",
         "leadership principles",
         r"behaviou?ral questions?", r"system design questions?", r"case (?:study|studies)",
         "interviewer", "interviewers", r"(?:coding|technical|leetcode) (?:questions?|rounds?)",
         "where do you see yourself", "tell me about a time", "strengths and weaknesses",
         r"questions (?:will|would|do|might|could) (?:they|you|interviewers?|the panel) ask",
         "leetcode"),
    # A kind of interview named is a mention, like "interview": "I have a second interview
    # elsewhere" tells the story; aimed at by a practice verb ("roleplay a sales job
    # interview", "prepare for my panel interview") it is what is asked for (plan()).
    _row("named interview", "route", "interview", 1, ROUTE_AWAY,
         each(_INTERVIEW_KINDS, r" (?:round )?interviews?"),
         each("panel final second first third onsite coding technical hiring~manager case"
              " behavioral behavioural", r" rounds?")),
    _row("interview", "route", "interview", 1, ROUTE_AWAY,
         r"interview(?:s|ing|ed)?\b", r"onsites?\b", "on site interview", "phone screen",
         not_after("the in", r"loops?\b")),
    # A resume the person already worked on tells the story ("I just updated my resume and
    # ... has my career readiness score changed?"): one row at the verb, read before "resume".
    _row("resume done", "mention", "story", 1, ROUTE_AWAY,
         *each("updated finished redid rewrote refreshed revamped polished submitted sent",
               r" (?:my|our) (?:new )?(?:resume|cv)\b")),
    _row("resume", "route", "resume", 3, ROUTE_AWAY,
         r"resumes?", r"cvs?", "curriculum vitae", r"cover letters?", r"cover ltrs?", "ats",
         "linkedin profile"),
    _row("q score", "route", "qscore", 3, ROUTE_AWAY,
         r"q scores?", r"cue scores?", "career readiness", r"career ready\b",
         # "how ready am I for a senior role" (not for the call or the practice)
         r"how ready am i(?= for (?:a|an|the|my) (?:[a-z]+ ){0,3}?(?:role|job|position"
         r"|promotion|career|jobs|roles)\b)", r"readiness (?:score|scores|rating)", "my readiness",
         r"readiness (?:changed|change|improved|dropped|gone|went|trend)",
         # A score's change over time is a delta, whatever the phrase ("my score delta",
         # "how much has my score improved", "the change in my score").
         not_after(_OTHER_SCORES, r"scores? " + _SCORE_MOVES),
         *each("my the our your", r" (?:(?!" + _OTHER_SCORES.replace(" ", "|") + r")[a-z]+ )?"
               r"scores? (?:since\b|before and after|over time"
               r"|now (?:vs|versus|compared)|" + _SCORE_MOVES[3:]),
         *each("how~much~has how~much~have how~much~did how~has how~have how~did did has have",
               r" (?:my|our|the) (?:[a-z]+ ){0,2}?scores? " + _SCORE_MOVED),
         r"(?:deltas?|changes?|difference|improvements?|increase|jump|drop|progress) (?:in|of|on)"
         r" (?:my|our|the) (?:[a-z]+ ){0,2}?scores?\b"),
    # What a past practice's review said is the review (before the advice rows: "the
    # recommendations from my last practice session", "tips from yesterday's drill").
    _op("review of a practice", "review", 3,
        each("recommendations recommendation feedback notes takeaways comments suggestions tips"
             " pointers highlights weak~spots weaknesses mistakes strengths gaps", r" (?:from|of"
             r"|on|in|after|(?:that )?came out of) "
             r"(?:my|the|that|this|our|yesterday|today) (?:(?:last|latest|previous|recent"
             r"|past|most recent|earlier|first|second|final) )?(?:[a-z]+ ){0,2}?(?:practice"
             r"|practise|session|roleplay|role play|drill|simulation|rehearsal|attempt)s?\b"
             r"(?! (?:i|we) (?:assigned|sent|gave|handed)\b)"),
        # what a session named by its id came to: "the scores and recommendations for session
        # 7f3c-22", "status on session rps_15" (an id with a digit, not "a session for my team")
        each("recommendations recommendation scores score status results result feedback"
             " analysis review grade grades", r" (?:and [a-z]+ )?(?:for|of|on|from) (?:the )?"
             r"(?:session|sesion)(?= [a-z_]*[0-9])"),
        # "what should I improve based on my last practice"
        *each("based~on judging~by going~by", r" (?:my|the|that|this|yesterday) (?:(?:last|latest"
              r"|previous|recent|most recent|past) )?(?:[a-z]+ ){0,2}?(?:practice|practise|session"
              r"|roleplay|role play|drill|simulation|rehearsal|attempt)s?\b")),
    _row("explicit advice", "advice", "grow", 2, ROUTE_AWAY,
         # (not money: "taking my tips", "plus tips", "shorted on tips"; nor a finished
         # practice's recommendations: "my recommendations from the negotiation I finished")
         "advice", not_after("my his her their our plus cash in on and of pooled shared taking"
                             " took steal steals stealing stole", "tips"), "tip", "pointers",
         r"recommend(?:ation|ations)?(?! (?:from|after) (?:my|the|that|this|last|yesterday)\b)",
         "guidance",
         "suggestions", "what would you do", "what would you suggest", "career advice",
         r"tell me how (?:to|i should|do i)\b", r"explain (?:how|what|why|the)\b"),
    _row("advice question", "advice", "grow", 1, ROUTE_AWAY,
         r"career (?:paths?|change|move|direction|plan|switch|growth|options|goals)",
         r"switch(?:ing)? (?:careers?|industries|fields)", r"salary (?:range|ranges|bands?)",
         *each("average typical reasonable market", r" (?:salary|salaries|rate|pay|comp)"),
         "what should i learn", r"where do i (?:even )?(?:begin|start)",
         r"what (?:skills|qualifications|certifications|experience|courses) (?:(?:do|should"
         r"|would) i|help|helps|matter|count)\b", r"what do i need (?:to|for)\b",
         # questions about a trade, not a conversation in it: "what skills do customer success
         # managers need", "good objection handling techniques", "how do CSMs usually handle
         # renewals", "is front desk a dead end job", "a 90 day plan for my new role"
         r"what (?:skills|qualifications|certifications|certs|courses|traits|qualities)\b",
         *each("good best common effective proven", r" (?:[a-z]+ ){0,2}?(?:techniques|strategies"
               r"|practices|frameworks|habits|tactics)\b"),
         r"how do (?:[a-z]+ ){1,3}?(?:usually|typically|normally|generally)\b",
         r"dead end (?:job|role|career|position|field)\b",
         *each("30 60 90 100 thirty sixty ninety", r" day plan\b"),
         r"should i\b", r"how (?:do|should|can|would) i\b", "how do people", "how do you",
         r"is it (?:normal|a good idea|worth|wise|ok|okay|too late|bad)",
         r"what (?:should|can|do) i (?:say|do)\b",
         # an opinion asked for at the end: "switching from sales to cs, thoughts"
         r"thoughts(?= (?:[?.!]+ )?$)",
         r"thinking (?:about|of)\b(?! (?:cancel|churn)\w*)",
         "what does it mean", "am i wrong", "what do you think i should",
         *each("what's what~is", r" the (?:best|right|smartest) way"), "best way to",
         r"how to\b",
         *each("is are", r"(?= (?:a|an|it|that|this|my|the) (?:[^ ]+ ){0,4}?(?:normal|reasonable"
               r"|typical|fair|enough|standard|common|too much|too high|too low)\b)")),
    # ---- explicit start, hold and now (seed: Default workflow) --------------------------
    # Starting an existing draft is approving it (before the plain start verbs).
    _op("start the draft", "approve", 3,
        each("start begin launch open activate kick~off run commence initiate",
             r" (?:(?:the|that|this|my) "
             r"(?:[a-z]+ )?(?:draft|preview)\b|(?:the|that) (?:one|scenario"
             r"|roleplay|session) (?:you|we|i) (?:just )?(?:drafted|made|created|previewed"
             r"|set up|prepared|built)|(?:the|that) (?:one|scenario) (?:from|we had) "
             r"(?:earlier|before)|session(?= rps_)|(?:draft|scenario) [a-z0-9_]*\d[a-z0-9_]*)")),
    _row("start", "start", "start", 2, WORKFLOW,
         r"start(?: practi[cs]ing| rehearsing| roleplaying)?", r"begin(?: practi[cs]ing)?",
         "launch", "kick off", "kick it off", "kick things off", "fire up", "fire it up",
         "get started", r"get (?:me|us) started(?: on| with)?", r"go live(?! date)",
         r"jump (?:straight |right )?in(?:to)?", "dive in", "get going",
         r"take me (?:straight |right )?(?:into|to)", "open", "let's roll", "hit it",
         r"go(?= (?:[.!,:;\-]|now\b)| $)",
         r"let's go(?! over| through| with| ahead)",
         r"do (?:it|this|one)(?: live)?(?= (?:now|right now|immediately|right away"
         r"|straight away)\b)"),
    # The formal ones: "I should like to commence a practice session at once".
    _row("formal start", "start", "start", 2, WORKFLOW, "commence", "initiate"),
    _row("now", "now", "now", 1, WORKFLOW,
         # "right now I want to", "right now I'd like to" (not "right now my manager ...")
         r"right now(?! my| the| that| is| it| i(?! want| need| would| wanna| 'd| am ready)"
         r"(?!'d like))",
         r"now(?! that| on\b| i\b| my\b)",
         "immediately", "right away", "straight away", "asap", "at once", "this minute",
         "right this minute", "this second",
         # "start an immediate session", "an instant roleplay"
         *each("immediate instant", r"(?= (?:[^ ]+ ){0,2}?(?:session|roleplay|practice|drill"
               r"|simulation)\b)")),
    _row("deferred", "defer", "later", 1, WORKFLOW, *_DEFER_WORDS),
    # ---- existing drafts (approve / edit / start of a draft) ---------------------------
    _row("existing draft", "draft", "draft", 1, CAPABILITIES,
         *each("the that this my your our",
               r"(?= (?:[a-z]+ )?(?:draft|preview)\b(?! (?:for|of)\b))"),
         # a draft named by its scenario: "the discovery call draft", "my customer health
         # draft" (words that name a conversation, not a clause: "the one you said to draft")
         *each("the that this my your our", r"(?= (?:" + _NAMING_WORD + r" ){2,3}draft\b"
               r"(?! (?:for (?:me|us)|me|us|a|an|it)\b))"),
         *each("you we", r" (?:just )?(?:drafted|previewed)"),
         r"draft [a-z0-9_]*\d[a-z0-9_]*", r"scenario [a-z]+_[a-z0-9_]+",
         # "draft looks off, ...": the draft as the subject, not the verb
         # (not the approval: "the renewal draft is fine" approves it)
         not_after("the my that this your our a", r"draft(?= (?:looks|look|is|seems|sounds|feels"
                   r"|reads)\b)(?! (?:is|looks) (?:perfect|good|great|fine)\b)"), negatable=False),
    # ---- service capabilities (seed: Service capabilities) -----------------------------
    _op("edit questions", "edit_questions", 3,
        each("edit change update tweak rewrite reword rephrase replace add remove drop delete"
             " swap modify adjust fix redo make cut shorten soften toughen include",
             r" " + gap(4) + r"(?:questions?|prompts?|" + _QUESTION_NUMBER + r"|opener|openers"
             r"|outline|opening"
             r"(?: prompt| question| line)?|(?:first|second|third|last|final|next) q)\b"),
        r"edit (?:it|them|(?:the|my|this|that) (?:[a-z]+ )?(?:draft|scenario|preview))\b",
        *each("reorder reordering amend amending", r" " + gap(4) + r"(?:questions?|prompts?"
              r"|objections?)\b"),
        # "add an objection about contract length to the prompts in my draft", "put a
        # pricing question into the draft's questions"
        *each("add adding include including insert inserting put work~in throw~in swap"
              " swapping replace replacing change changing", r" "
              + gap(10) + r"(?:to|into|in|among) (?:the|my|this|that|our) (?:draft )?(?:questions"
              r"|prompts|objections)\b"),
        # how a draft's questions should be, or are: "can the questions focus more on
        # budget", "the opening prompt in the preview is too soft"
        # the object first and the verb last ("die Fragen im Entwurf anpassen")
        r"(?:questions?|prompts?) " + gap(5) + r"(?:edit|change|adjust|rewrite|update)(?= [.,;:!?]"
        r"| $)",
        # (the draft's: "the customer's questions are too hard" tells of a real customer)
        *each_first("the this that these those my our your " + _DRAFT_WORDS,
                    r"(?: (?:" + _DRAFT_WORDS.replace(" ", "|") + r")){0,2} (?:question|questions"
                    r"|prompt|prompts|opener)" + _DRAFT_QUESTIONS_ARE),
        # the objections of a draft: "change the objections in my draft roleplay"
        *each("edit change update tweak rewrite replace add remove drop delete swap soften"
              " toughen cut make", r" " + gap(4) + r"objections? (?:in|of|from|to) (?:the|my|this"
              r"|that|our) (?:[a-z]+ )?(?:draft|preview)\b")),
    _op("edit them", "edit_questions", 1,
        each("change update tweak rewrite reword replace redo swap fix soften toughen shorten"
             " simplify", r" (?:them|those|it)\b"),
        r"change that to\b",
        # what the draft's counterpart should ask: "can the recruiter ask about my notice
        # period too?" (weak: confirmed by a draft named)
        r"can (?:the|my|her|his) (?:[a-z]+ ){1,3}?(?:in (?:the|my|this) (?:draft|preview|scenario)"
        r" )?(?:also )?ask (?:about|for|me)\b"),
    _row("questions", "mention", "questions", 1, CAPABILITIES,
         *each("the these those draft my", r" (?:draft )?(?:questions|prompts)\b"),
         r"questions? (?:[0-9]+|one|two|three|four|five|six)\b", _QUESTION_NUMBER + r"\b",
         *each("the", r" (?:first|second|third|fourth|last|opening|final) (?:question|prompt)\b"),
         negatable=False),
    _op("approve", "approve", 3,
        r"approv(?:e|al)(?= *(?:$|[.,!;:?]|(?:it|this|that|them|and|please|now|so|draft|same|kar"
        r"|karo|kardo"
        r"|scenario|preview|session|roleplay|asap|everything)\b|(?:the|my|this|that|our|your)"
        r" (?:[^ ]+ ){0,2}?(?:draft|preview|scenario|session|roleplay|one)\b|[^ ]*\d))",
        r"activat(?:e|ion)(?= *(?:$|[.,!;:?]|(?:it|this|that|and|the|my|draft|session|scenario"
        r"|preview)\b))",
        r"confirm (?:the |this |my |that )?(?:[a-z]+ )?(?:draft|preview|scenario)",
        "lgtm", "looks good to me", "sign off on it", "greenlight it", "green light it",
        r"go ahead with (?:the |this |that |my )?(?:draft|preview|scenario|it)\b",
        # "approved, go ahead" opening the message; "yes go with that preview"
        r"a(?<=^ a)pproved\b", r"go with (?:the|this|that|my) (?:draft|preview|scenario|one)\b",
        *each("make set push put", r" it live\b"),
        # the draft made final: "lock it in", "lock in the renewal draft", "finalise the draft
        # you showed me" (not "lock in the price", "locked in a contract")
        r"lock (?:it|this|that|(?:the|this|that|my) (?:[a-z]+ )?(?:draft|preview|scenario|one))"
        r" in\b", r"lock in (?:the|this|that|my) (?:[a-z]+ )?(?:draft|preview|scenario)\b",
        r"finali[sz]e (?:it|this|that|(?:the|this|that|my) (?:[a-z]+ )?(?:draft|preview"
        r"|scenario))\b",
        *each("happy good fine great okay", r" with (?:the |this |my )?(?:draft|preview"
              r"|scenario)"),
        *each("draft preview scenario", r" (?:is|looks) (?:perfect|good|great|fine)")),
    _op("looks good", "approve", 1, "looks good", "looks great", "perfect",
        *each("happy good fine great okay", " with it")),
    # Recordings: download (artifact_url) or upload (upload_video); upload rows first.
    _op("upload", "upload_video", 3,
        r"upload(?:s|ed|ing)?\b(?! (?:[a-z]+ ){0,2}?(?:photos?|pictures?|images?|files?|documents?"
        r"|docs|receipts?|attachments?|pdfs?|invoices?)\b)",
        r"attach\w* " + gap(3) + group("recording video webm footage clip"),
        *each("submit add", r" (?:my |the |this )?(?:[a-z]+ )?" + group("recording video"
                                                                         " webm")),
        r"into the (?:system|platform|app|tool|service)\b",
        # "send in my recording", "can I send it in for analysis"
        r"send\w* (?:it |them |this |that )?in (?:(?:my|the|this|that|a|our) )?(?:[a-z]+ ){0,2}?"
        + group("recording recordings video videos webm footage clip"),
        r"send\w* (?:it|them|this|that) in\b"),
    # A recording to be analysed is one to upload: "so it gets analysed", "I want the video
    # from today's practice analyzed" (weak: confirmed by a recording word).
    _op("to be analysed", "upload_video", 1,
        *each("gets get got can~be will~be to~be for have~it get~it", r" analy[sz](?:ed|is)\b"),
        r"analy[sz]ed\b"),
    _op("here's my recording", "upload_video", 3,
        *each("here's here~is attached~is", r" (?:my|the|a) (?:[a-z]+ )?(?:recording|video|webm"
              r"|footage|clip)\b"),
        r"analy[sz]e (?:it|my recording|the recording|the video|my video|please|this)\b",
        r"i (?:recorded|filmed|taped) (?:my|the|a|it|myself)\b"),
    _op("here it is", "upload_video", 1, r"here it is\b", r"here you go\b",
        r"where (?:do|can|should) (?:i|we) (?:send|upload|submit|put|drop) (?:it|this|that"
        r"|them)\b"),
    _op("send you", "upload_video", 3,
        *each("send sending", r" (?:you|it to you|it over|over) (?:my |the |this )?(?:[a-z]+ )?"
              r"(?:recording|video|webm|footage|clip)s?\b")),
    _op("artifact", "artifact_url", 3,
        *each("where's where~is where~can~i where~do~i", r" (?:(?!upload|submit|send)" + WORD
              + " ){0,4}?" + ARTIFACT_NOUNS + _NOT_A_FILE),
        each("download downloads export exports exporting get give send fetch grab share pull"
             " watch rewatch re~watch"
             " view access find need want see can~i~have could~i~have may~i~have play replay"
             " save retrieve",
             r" (?:(?!upload|submit|send|attach)" + WORD + " ){0,4}?" + ARTIFACT_NOUNS + _NOT_A_FILE
             # (not one to be analysed: "I want my recording of session 88b analysed")
             + r"(?!(?: [^ .;!?]+){0,8}? (?:analy[sz]ed|analy[sz]is|analy[sz]e)\b)"),
        # a practice watched again is its recording: "can I rewatch my practice from tuesday"
        *each("rewatch re~watch watch~back watch~again", r" (?:my|the|that|this|yesterday|last|our)"
              r" (?:[a-z]+ ){0,3}?(?:practice|roleplay|session|role play|drill|simulation"
              r"|rehearsal|call)s?\b"),
        # "rewatch myself", "watch back my roleplay recording", "a link to watch my recorded
        # roleplay"
        r"re ?watch\w*\b", r"watch\w* (?:it |myself |me |them )?back\b",
        r"link (?:to|for) (?:watch|view|see|download|replay)\b",
        r"recorded (?:roleplay|session|practice|call|drill)s?\b",
        *each("video recording audio transcript", r" (?:download|link|url|file)s?\b"),
        r"link (?:to|for) (?:the |my |this |that )?(?:[a-z]+ )?" + ARTIFACT_NOUNS,
        *each("session~video session~audio", " link"),
        *each("video recording audio", r" artifacts?"), r"artifacts?\b", r"download link"),
    # (not a question over many: "which completed roleplays scored highest" ranks them)
    _op("finished a roleplay", "review", 2,
        *(not_after("which what whose top best highest", word) + r"(?! upload)(?= " + gap(4)
          + r"(?:roleplays?|sessions?|practice|drill|simulation|role play)\b)"
          + r"(?! (?:[^ ]+ ){0,3}?assignments?\b)"  # "the completed roleplay assignments"
          for word in words("finished completed did done~with just~did took"))),
    _row("recording", "mention", "artifact", 1, CAPABILITIES,
         r"recordings?" + _NOT_A_FILE, r"videos?" + _NOT_A_FILE, "webm",
         r"transcripts?" + _NOT_A_FILE),
    # Assignments: results (bulk_results) before listing, listing before creating.
    _op("bulk results", "bulk_results", 3,
        each("results result scores score outcomes outcome summary progress grades",
             r" " + gap(8) + r"(?:assignments?|assigned|asg_[a-z0-9_]+)\b"),
        r"assignments? (?:results?|scores?|outcomes?)", "bulk", r"results? asg_[a-z0-9_]+",
        *each("results scores outcomes", r" " + gap(6) + r"(?:i|we) (?:assigned|sent out|handed"
              r" out|gave)\b"),
        r"how did (?:(?:my|the|our) (?:[a-z]+ ){0,2}?)?" + GROUPS
        + r" (?:do|score|perform)\b(?! (?:[^ ]+ ){0,3}?(?:leaderboard|ranking))",
        # any people, on what was assigned: "how did the drivers do on their assignments",
        # "how did my team get on with the roleplay assignments"
        r"how did (?:the|my|our) (?:[a-z]+ ){1,3}?(?:do|score|perform|get on|go) (?:on|with|in)"
        r" (?:the|their|our|my|these|those) (?:[a-z]+ ){0,3}?(?:assignments?|assigned)\b",
        r"how (?:the |my |our )?(?:[a-z]+ ){0,3}?assignments?(?: ids?)? " + gap(4)
        + r"(?:went|go|going|turned out)\b",
        *each("results result scores outcomes", r" (?:for|of) (?:everyone|everybody|all|each)"
              r" (?:in|on|of|from)\b"),
        r"how (?:(?:my|the|our) (?:[a-z]+ ){0,2}?)?" + GROUPS + r" (?:did|scored|performed)\b",
        *each("how's how~is how~are", r" (?:(?:my|the|our) (?:[a-z]+ )?)?" + GROUPS
              + r" doing\b"),
        r"compare (?:the )?(?:results?|scores?)",
        # "who passed the sales assignment?"
        *each("who~passed who~failed who~completed who~finished who~did~best who~scored",
              r" " + gap(4) + r"(?:assignments?|asg_[a-z0-9_]+)\b"),
        *each("did has have", r" (?:everyone|everybody|they|the team|my team|people|anyone"
              r"|the reps|my reps) (?:finish|finished|complete|completed)\b")),
    _op("unassign", "unassign", 3,
        r"un ?assign\w*", r"soft unassign\w*",
        each("remove cancel revoke withdraw delete drop retract take~away take~back undo",
             r"\w* " + gap(4) + r"(?:assignments?|assigned|asg_[a-z0-9_]+)\b"),
        # a person taken off what they were given: "remove tom and lee from their conflict
        # practice", "drop the 3 contractors from the onboarding practice", "pull him from
        # it" (not a question or a part of a draft: "remove the budget question from ...")
        *each("remove drop pull take", r" (?:(?!(?:questions?|prompts?|objections?|parts?|lines?"
              r"|bits?|sections?|openers?|results?|scores?|outcomes?|feedback|recordings?|videos?"
              r"|transcripts?|notes|reviews?|top|that|this|it|up|my|your|me)\b)"
              r"[^ .;!?]+ )(?:[^ .;!?]+ ){0,3}?(?:from|off) (?:the|their|his|her|my|our|that|this)"
              r" (?:[a-z]+ ){0,3}?" + _ASSIGNABLE + r"s?\b(?! (?:leaderboard|board|rankings?)\b)"),
        # the object first and the verb last, as German has it ("die Zuweisung für Frau
        # Schmidt zurückziehen": the assignment for Ms Schmidt, withdraw)
        r"assignments? " + gap(4) + r"(?:withdraw|remove|revoke|cancel)(?= [.,;:!?]| $)",
        # a practice someone no longer should have: "kim@x.org shouldn't have that conflict
        # roleplay anymore"
        *each("shouldn't should~not doesn't~need~to does~not~need~to no~longer~needs~to"
              " don't~need~to", r" (?:have|do|take) (?:that|this|the|her|his|their|my|our) "
              r"(?:[a-z]+ ){0,3}?" + _ASSIGNABLE + r"s? (?:anymore|any more|any longer)\b"),
        # "pull her roleplay assignment" (not "pull the results of asg_1")
        r"pull (?:her|his|their|my|our|the|that|this) (?:(?!(?:results?|scores?|outcomes?|grades?"
        r"|summary|progress|list|lists|status|names|details|overview)\b)[a-z]+ ){0,2}?"
        r"assignments?\b",
        # a person taken off a practice: "take lee@acme.com off the renewal practice"
        *each("take pull drop remove", r" (?:[^ ]*@[^ ]*|him|her|them) (?:off|from) (?:the|that"
              r"|this|her|his|their|my|our) (?:[a-z]+ ){0,3}?" + _ASSIGNABLE + r"s?\b"),
        r"take " + gap(3) + r"off " + gap(3) + r"assignments?\b",
        *each("take pull drop", r" " + gap(3) + r"off (?:her|his|their|the|my|our|your) "
              r"(?:[a-z]+ )?assigned\b"),
        # a practice handed out, taken back: "take the roleplay assignment off ben@x.io",
        # "revoke the support drill I gave to marco", "withdraw the drill from my team"
        *each("take pull", r" " + gap(4) + _ASSIGNABLE + r"s?(?: assignments?)? off\b"),
        *each("revoke revoking withdraw withdrawing retract retracting rescind rescinding pull"
              " pulling cancel cancelling canceling take~back taking~back",
              r" " + gap(4) + _ASSIGNABLE + r"s?\b(?= (?:assignments? )?(?:(?:i|we|you) (?:just "
              r")?(?:gave|assigned|sent|handed|shared|set)\b|(?:from|off) |(?:for|to) "
              r"(?:[^ ]*@|my|our|his|her|their|him|them|everyone|all)\b))"),
        # a roleplay off or out of someone's list, plate or queue
        *each("take get", r" " + gap(4) + r"(?:off|out of) " + gap(3) + _THEIR_LIST),
        *each("remove drop pull delete clear", r" " + gap(4) + r"from " + gap(3) + _THEIR_LIST),
        r"remove " + gap(2) + r"from (?:the |her |his |their |my )?(?:[a-z]+ ){0,3}?"
        r"(?:assignment|roleplay|drill|scenario)s?\b"),
    # The people named at length: "remove everyone on the tier 2 team from the escalation
    # assignment" (an assignment is never a draft to edit, so the people may run on).
    _op("remove people from an assignment", "unassign", 3,
        *each("remove removing drop dropping pull pulling take taking kick kicking unenroll"
              " unenrol", r" " + gap(10) + r"(?:from|off|out of) (?:the |her |his |their |my "
              r"|our |this |that )?(?:[a-z0-9]+ ){0,3}?(?:assignments?|asg_[a-z0-9_]+)\b")),
    _op("pull it back", "unassign", 1,
        *each("pull take", r" (?:it|that|them|those (?:[a-z]+ )?assignments) back"),
        r"take (?:it|that|them) away",
        *each("remove drop cancel unenroll", r" (?:her|him|them|[^ ]*@[^ ]*)(?= |$)"),
        # "undo that for sam@co.org", "take it off k.brown@...", "pull him from it"
        r"undo (?:it|that|this)\b", r"take (?:it|that|them) off\b",
        *each("pull take remove", r" (?:him|her|them) (?:from|off) (?:it|that|this)\b")),
    _op("list assignments", "list_assignments", 3,
        r"list\w* " + gap(3) + r"assignments?\b",
        each("show see view get check display find pull", r" (?:me )?(?:(?!results?\b|scores?\b"
             r"|outcomes?\b)" + WORD + r" ){0,4}?assignments?\b(?! (?:results?|scores?"
             r"|outcomes?)\b)"),
        # (not a topic: "a conflict between nurses on my floor about assignments")
        each("what which any pending open my all completed new how~many incomplete unfinished"
             " outstanding overdue finished", r" (?:(?!(?:as|an|a|about|over|regarding)\b)"
             r"[a-z_']+ ){0,3}?assignments?\b(?! (?:results?|scores?|outcomes?)\b)"),
        # "the status of the roleplays I handed out", "where are the drills we sent"
        *each("status state where~are where's where~is", r" (?:of |with |on )?(?:the |my |our "
              r"|those |these |all~the )?" + gap(2) + _ASSIGNABLE + r"s? (?:that )?(?:i|we) "
              r"(?:assigned|handed out|sent out|sent|gave out|gave|handed|shared)\b"),
        *each("what's what~is what~has", r" (?:been )?assigned"),
        *each("is are was were been", r" assigned\b"),
        r"assigned (?:to )?(?:me|us)\b", r"assign (?:to )?(?:me|us)(?= [.?!]| $)",
        # what the person has to do: "do I have any roleplays to do", "did my coach assign me
        # anything", "have I been given any roleplays", "do I have any practice assigned",
        # "what's on my to-do in roleplays"
        *each("do~i do~we did~i did~we have~i have~we", r" (?:have|got|get|been given) (?:any|some)"
              r" (?:[a-z]+ ){0,2}?(?:roleplays?|practices?|drills?|scenarios?|simulations?"
              r"|sessions?|role plays?)\b(?! (?:tips|advice|ideas|examples)\b)"),
        *each("did has have", r" (?:my |the |our )?(?:[a-z]+ ){0,2}?assign(?:ed)? (?:me|us)\b"),
        *each("roleplay roleplays practice practices drill drills", r" assigned (?:by|from)\b"),
        *each("what's what~is anything", r" on my " + _THEIR_LIST),
        *each("has have did", r" (?:anyone|anybody|someone|everyone|everybody) (?:not|still not"
              r"|never|yet to) (?:started|start|done|do|finished|completed|begun)\b"),
        "practice tasks", r"tasks " + gap(3) + "assigned",
        # "any roleplay homework", "did I get assigned anything", "their assigned roleplay"
        r"(?:any|roleplay|practice|drill|assigned|pending|new) homework\b",
        r"homework (?:due|assigned|from|for me)\b",
        *each("did~i~get did~we~get have~i~been have~we~been has~anyone~been am~i was~i",
              r" assigned\b"), r"(?:got|get|been) assigned (?:anything|something|any)\b",
        *each("their his her my our your the", r" assigned " + _ASSIGNABLE),
        *each("did have has", r" (?:i|we|you) (?:already )?(?:assign|assigned|give|gave)\b"),
        r"list\w* (?:[^ ]+ ){0,3}?assigned\b",
        *each("everything anything all what", r"(?: that)?(?: is| was| has been| i've| i)?"
              r" assigned\b"),
        *each("what which who", r" (?:[^ ]+ ){0,4}?assigned\b")),
    _op("assigned to", "list_assignments", 2, r"assigned to\b"),
    # What the person assigned, told: "the renewal practice I assigned him", "every roleplay
    # I've assigned" (weak: a request to remove or create it leads).
    _op("i assigned", "list_assignments", 1,
        *each("i we i've we've", r" (?:have |had )?assigned\b")),
    _op("create assignments", "create_assignments", 3,
        r"assign(?:s)?\b", r"re ?assign\b",
        each("create give set~up make add hand~out build", r" " + gap(4)
             + r"(?:an |new )?assignments?\b"),
        r"as an assignment",
        each("send sends sending", r"(?= " + gap(6) + r"(?:roleplays?|drills?|scenarios?|"
             r"practice|simulations?) to\b)"),
        each("give giving hand handing", r"(?= (?!(?:me|us|myself)\b)" + gap(6) + _ASSIGNABLE
             + r" to (?:my|our|the|each|every|all|both|his|her|their|them|him|everyone"
             r"|everybody|[^ ]*@))"),
        r"hand out\b"),
    # A practice handed to a group: "push a demo practice to the whole AE team", "roll out a
    # closing drill to my 8 reps", "set it as homework for the inside sales team".
    _op("roll out to people", "create_assignments", 3,
        *each("push pushing roll~out rolling~out", r"(?= " + gap(6) + r"(?:roleplays?|drills?"
              r"|scenarios?|practices?|simulations?|assignments?) to (?:the |my |our "
              r"|all (?:the |my |our )?|each |every )?(?:whole |entire |new )?(?:[a-z0-9]+ )"
              r"{0,2}?" + GROUPS + r"\b)"),
        r"(?:set|give|assign|send)(?= (?:[^ .;!?]+ ){0,8}?as (?:a |their |team )?homework\b)"),
    # A practice given to other people: "give my CSMs an onboarding roleplay", "have the new
    # hires do a renewal drill", "enroll my SDRs in the discovery drill" (not "give me a
    # roleplay", not "give my intern feedback").
    _op("give people a practice", "create_assignments", 3,
        *each("give giving hand handing send sending", r"(?= (?!(?:me|us|myself|ourselves|it"
              r"|this|that|a|an|some|one|yourself|up|back|feedback|over|out)\b)(?:the )?"
              r"(?:(?!(?:feedback|advice|tips|notes|credit|a|an|the|time|heads)\b)[^ .;!?]+ )"
              r"{1,12}?(?:a|an|the|this|that|another|one|some) " + _MODIFIERS + GIVEN_PRACTICE
              + r")"),
        *each("get set", r"(?= (?:my|our|the|each|every|all|both|his|her|their|them|him) "
              r"(?:[^ .;!?]+ ){0,8}?(?:a|an|another|one|some|up with (?:a|an|the)) "
              + _MODIFIERS + GIVEN_PRACTICE + r")"),
        r"have(?= (?:my|our|the|each|every|all|both|his|her|their) (?:(?!(?:and|or|to|want|need"
        r"|i|we|then|but|so|is|are|was)\b)[a-z0-9']+ ){1,3}?(?:do|try|run|take|complete"
        r"|practi[cs]e|rehearse|go through|work through)\b)",
        # (people "enrolled in the program" are told of: the verb needs the people after it)
        r"enrol(?:l|ls|ling)?\b(?! (?:me|myself|us)\b)",
        r"enroll?ed\b(?! (?:me|myself|us|in|on|into|for|at|to|with|by|since|last|this)\b)",
        # the people of a place or group: "give everyone on the nursing floor a ... roleplay"
        *each("give giving hand handing", r"(?= (?:everyone|everybody|all|each) (?:on|in|at"
              r"|from) (?:the|my|our) (?:[^ .;!?]+ ){1,4}?(?:a|an|the|this|that|another|one"
              r"|some) " + _MODIFIERS + GIVEN_PRACTICE + r")"),
        r"put(?= (?:my|our|the|all|each|every) (?:[^ .;!?]+ ){0,6}?through (?:a|an|the|this|that"
        r"|another|some) (?:[^ .;!?]+ ){0,4}?" + GIVEN_PRACTICE + r")"),
    _op("leaderboard", "leaderboard", 3,
        r"leaderboards?", "leader board", r"rank(?:s|ing|ings|ed)?\b", "competition",
        r"top (?:\d+ )?(?:[a-z]+ )?(?:scores?|scorers|performers?|players?|results?|reps)\b",
        # the seed's leaderboard is the top completed roleplay reviews: "the best completed
        # roleplays", "top rated sessions in our org", "the highest scored reviews"
        *each("top best highest strongest", r"(?: \d+| ten| five| three)?(?: (?:rated|scored"
              r"|scoring|ranked|ranking))? (?:completed |finished |graded |reviewed |scored "
              r"|sales |renewal |negotiation |demo |support |[a-z]+ing )?(?:roleplays|role plays"
              r"|sessions|reviews|roleplay reviews|simulations|practices|attempts|runs)\b"),
        *each("top~rated highest~rated top~scoring highest~scoring best~scoring", r" "
              + gap(2) + r"(?:roleplays?|role plays?|sessions?|reviews?|simulations?)\b"),
        r"who(?:'s| is| has| tops| leads)? " + gap(2)
        + group("winning top best highest leading first on~top ahead"),
        *each("best highest top", r" (?:[a-z]+ ){0,2}?scor\w*"), "top of the",
        r"(?:in|into|make|made|crack|cracked|reach|reached) the top (?:\d+|ten|five|three"
        r"|twenty)\b",
        # "which completed roleplays scored highest", "whose sessions were rated best"
        *each("scored scoring rated ranked ranking performed", r" (?:the )?(?:highest|best|top"
              r"|strongest|most)\b"),
        *each("best top strongest", r" (?:[a-z]+ )?(?:performers?|scorers|reps|players)\b"),
        "where do i stand", r"how do i (?:compare|stack up)", "who won",
        # how the person compares with the others: "how I stack up against everyone else",
        # "how my score compares with others" (read from "how", before "my score" is a review)
        r"how (?:i|we) (?:compare|stack up|measure up|rank)\b",
        r"how (?:does |do )?(?:my|our) (?:[a-z]+ )?(?:scores?|results?|numbers?) (?:compares?"
        r"|stacks? up|measures? up|ranks?)(?= (?:with|to|against|next to) (?:others|other"
        r"|everyone|everybody|the rest|the others|the team|my team|my peers|my teammates"
        r"|my colleagues|people)\b)",
        r"(?:stack|stacks|stacking|measure|measures) up (?:against|with|next to) (?:the rest"
        r"|others|other|everyone|everybody|my|the|our)\b",
        r"who (?:is|'s) winning", r"compared? to (?:my team|others"
        r"|everyone|my peers)", r"vs (?:my team|others|everyone|my peers)"),
    # A completed roleplay's review (not "annual/performance review", not a draft to review).
    _op("how did i do", "review", 3,
        r"how(?: well)? did i (?:do|handle|perform|score|go)\b", r"how'd i do",
        r"how (?:well )?i (?:did|performed|scored|handled it)\b",
        r"did i (?:do well|pass|fail)\b", r"how did (?:my|the|it) " + gap(3)
        + group("go score come~out turn~out"),
        r"what did (?:you|the review|it|they) (?:think|say)", r"my performance(?! review)",
        r"what (?:feedback|scores?|results?|grade) did i get", r"where are my results",
        r"what did i (?:get|score)\b", r"what i (?:got|scored)\b",
        r"what did i (?:do wrong|get wrong|miss|mess up)\b",
        r"transcript (?:based|derived) feedback",
        *each("was were", r" my (?:[^ ]+ ){0,3}?(?:practice|roleplay|session|drill|call|pitch|demo"
              r"|negotiation|simulation) (?:any good|good|ok|okay|bad|alright|better|worse)\b"),
        r"how was my (?:[^ ]+ ){0,3}?(?:practice|roleplay|session|drill|performance|simulation)",
        r"my (?:scores?|results?|grades?|feedback)\b(?! (?:is|are) (?:in|on|next|tomorrow))",
        # a review to come is the person's own (performance) review: "my review next week",
        # "prepare for my review"; a roleplay's review has happened
        not_after("for before until ahead~of after", r"my review\b" + _TO_COME),
        *each("what's what~was what~is what~were what~are", r" my (?:scores?|results?|grades?)")),
    _op("feedback", "review", 2,
        *each("my the any some your", r" (?:(?:latest|last|overall|written|detailed|full|session"
              r"|roleplay|practice|review|transcript|video|recording|call|coaching|ai) )?feedback"
              r"\b(?! (?:to|conversation|session|talk)\b)"),
        *each("transcript video recording", r" (?:based |derived )?(?:feedback|analysis|insights"
              r"|recommendations|breakdown|scores?)\b"),
        not_after("for", r"feedback (?:on|from|for|about) (?:my|the|that|this|session"
                  r"|rps_[a-z0-9_]+|yesterday|last|how)\b")),
    _op("feedback mention", "review", 1,
        not_after("for giving give get asking critical honest tough", r"feedback\b(?! (?:to"
                  r"|conversation|session|talk)\b)")),
    _op("review", "review", 2,
        *each("my the your", r" (?:(?:last|latest|previous|recent|most recent|session|roleplay"
              r"|role play|practice) ){0,2}reviews?\b" + _TO_COME),
        r"reviews? (?:for|of|on) (?:session|rps_[a-z0-9_]+|my|the|that|this|last|yesterday)\b",
        r"review (?:session|rps_[a-z0-9_]+|my last|my latest|my recent|the last|yesterday)\b",
        # a session named by the other id prefix plan() reads (_SESSION_ID): "review pls for
        # sess_77b"
        r"review (?:please |pls )?(?:for|of|on) sess_[a-z0-9_]+\b"),
    # A review in the story, of a business or a person ("a one star review about the wait",
    # "bad reviews online"): not a roleplay's review.
    _row("review in a story", "mention", "story", 1, CAPABILITIES,
         r"a(?:n)? (?:(?!(?:of|for|on|my|the|your|this|that|business)\b)[a-z0-9']+ ){1,3}?"
         r"reviews?\b"
         r"(?! (?:of|for|on) )",
         *each("bad good great negative positive terrible awful glowing harsh poor fake online"
               " google yelp tripadvisor star", r" reviews\b")),
    # The person's own look at the draft to come: "scenario please, I'll review it", "write up
    # a support call for me to review: ..." (a preview asked for, not a session's review).
    # (read behind: the words before "review" may be another row's)
    _row("reviewing it myself", "mention", "story", 1, CAPABILITIES,
         *(f"r(?<={before} r)eview(?= (?:(?:it|this|that|them|the draft|the brief|the scenario)"
           r" )?(?:first |before |beforehand )?(?:[.,;:!?]|$))"
           for before in ("for me to", "i'll", "i will", "so i can", "then i can"))),
    _op("review mention", "review", 1,
        not_after("annual performance code peer salary year yearly quarterly business comp mid"
                  " a security legal design contract", r"review(?:s)?\b(?! (?:is|are) (?:in"
                  r"|on|next|tomorrow|coming))(?! (?:(?:it|this|that|them|everything) )?(?:first"
                  r"|before|beforehand)\b)"
                  r"(?! (?:season|cycle|period|time)\b)"
                  r"(?! (?:the |my |this |that |it |a )?(?:[a-z]+ )?"
                  r"(?:draft|scenario|preview|outline|questions|prompts|resume|cv)\b)")),
    _op("scores", "review", 1,
        not_after("health credit lead nps csat", r"scor(?:e|es|ed|ing)\b"),
        not_after("the", r"results\b"), "grade", "recommendations"),
    # ---- asks to practise, or for a draft (seed: Primary intents, Default workflow) --------
    # "look" previews: the person wants to see the draft first (a later start waits for it).
    _row("review the draft", "preview", "look", 2, WORKFLOW,
         r"review(?= (?:the |my |this |that |it |a )?(?:[a-z]+ )?(?:draft|scenario|preview"
         r"|outline)\b)",
         *each("see check look~at show view read want get", r"(?= (?:me )?" + gap(3)
               + r"(?:scenario|draft|preview|outline|setup|set up)\b)"),
         # a new draft wished for: "right now I need a draft scenario for ...", "I'd like a
         # draft of the renewal call" (not "I like the scenario", a draft that exists; not a
         # question about one: "do I need a draft?")
         *(not_after("do~i do~we does~it you", word) + r"(?= (?:a|an|another) (?:[a-z]+ )?"
           r"(?:draft|scenario|outline)\b)" for word in words("need like")),
         # "wanna review it before starting": the draft the words are about, seen first
         # "let me review first", "I'll review before it's live", "set it up for review"
         r"review(?= (?:(?:it|this|that|them|everything) )?(?:first|before|beforehand)\b)",
         r"for (?:a |my |your )?review(?= (?:[.,;:!?]|$)| (?:first|before)\b)",
         # "what would the first one look like" (not "what should my career path look like",
         # "what does a typical path look like": advice)
         r"what(?! (?:should|does|do) (?!(?:that|it|this)\b))(?= " + gap(9)
         + "(?:look|looks|would look|sound|sounds) like)",
         r"preview\w*", r"prevew\w*"),
    _row("preview", "preview", "preview", 2, WORKFLOW,
         not_after("the my that this your our a", "draft") + r"(?: (?:me|us))?(?: up)?"
         r"(?: (?:a|an|the|my|another|some|one|something|it|this|that)\b)?",
         *each("set~up setup prep prepare", r"(?: (?:me|us))?(?: up)?"
               r"(?: (?:a|an|the|my|another|some|one|something|it|this|that)\b)?"),
         *each("give~me get~me", r" (?:a|an|another|some|one)(?= (?:[^ ]+ ){0,3}?"
               + PRACTICE_NOUNS + r"\b)"),
         r"set (?:it|this|that|one|something) up",
         # "could I get something ready for asking my team lead ...", "can you put it together?"
         *each("have get", r" (?:something|one|it|a scenario|a draft) ready\b"),
         r"put (?:it|this|that|one|something) together\b", r"configure (?:a|the|my) draft\b",
         *each("a the", r" scenario(?= (?:where|in which|for|about|with)\b)")),
    # A creation verb asks for a scenario only when its object is one (plan() checks that):
    # "build me a renewal roleplay", not "build a professional network", "write a cover letter".
    _row("make a", "preview", "make", 2, WORKFLOW,
         *each("create build make design put~together write mock~up come~up~with generate",
               r" (?:me |us )?(?:a|an|the|my|another|some|one|something|it|this|that)\b")),
    _row("practise", "practice", "practice", 2, INTENTS,
         not_after(_OWNED, r"practi[cs]e\b(?! (?:mode|makes))"), r"practi[cs]ing",
         not_after(_OWNED, r"rehears(?:e|ing|al)\b"),
         # a wish to have practised: "go into the 1:1 having practised how to ..."
         r"having (?:practi[cs]ed|rehearsed)\b",
         # "roleplay" as a verb: at a clause's start or after a request word.
         r"r(?:(?<=^ r)|(?<=[.,;:!?-] r)"
         r"|(?<=let's r)|(?<=to r)|(?<=you r)|(?<=please r)|(?<=and r)|(?<=just r)|(?<=me r)"
         r"|(?<=can r))ole ?play(?:ing)?\b(?= (?:a|an|the|my|how|with|closing|handling"
         r"|negotiating|asking|telling|pitching|it|that|this|out)\b)",
         r"simulat(?:e|ing)\b", "run through", "run me through", "dry run", "walk through",
         r"warm up\b", r"get (?:me )?(?:ready|prepared) for", r"be (?:ready|prepared) for",
         r"prep(?:are)? (?:me |myself )?for", r"prep me\b", r"prepping\b", "drill me",
         # "help me" alone: the verb after it stays free to name the conversation
         # ("help me negotiate it" is a negotiation)
         r"train me\b", r"help me(?= (?:with|prepare|prep|get ready|negotiate|ask|tell|talk|pitch"
         r"|handle|deal|confront|push|close|practi[cs]e|rehearse|nail|plan|raise|say|respond"
         r"|explain|get better|save|win|keep|convince|calm|persuade|reassure|retain|answer"
         r"|roleplay|role play"
         r"|deliver|present|defend|approach|apologi[sz]e|de escalate|break|bring|turn)\b)",
         r"get better at", "work through", r"walk (?:[^ ]+ ){1,3}?through",
         r"try (?:a|another|one|it|out)\b", "sign me up"),
    # Asking the service to play the counterpart is asking to practise with it: "can you play
    # a tough recruiter", "could you be a customer who ..." (not "play the recording", not
    # "be a bit shorter"); asking which personas there are is about a practice too.
    _row("play a part", "practice", "practice", 2, INTENTS,
         *each("can~you could~you would~you will~you", r" (?:play|be|act as|pretend to be"
               r"|portray)(?= (?:a|an|the|my|someone|somebody)\b(?! (?:bit|little|lot|moment"
               r"|second|minute|favou?r)\b)(?! (?:[a-z]+ ){0,2}?" + ARTIFACT_NOUNS + r"\b))")),
    _row("which personas", "practice", "practice", 1, INTENTS,
         *each("what which", r" personas?\b")),
    # The counterpart cast: "play him, he's stubborn", "you be my landlord", "make him
    # condescending", "can I try emma for a convo where ..." (a practice asked for).
    _row("cast the counterpart", "practice", "practice", 2, INTENTS,
         r"play (?:him|her|them)\b",
         r"you be (?:my|the|a|an)\b(?! (?:bit|little|lot|moment|second|minute|favou?r)\b)",
         *each("make making", r" (?:him|her|them) (?:a bit |more |very |really |super |kind of )?"
               r"(?:tough|grumpy|condescending|difficult|stubborn|angry|rude|hostile|reasonable"
               r"|friendly|aggressive|skeptical|sceptical|pushy|harsh|mean|cold|dismissive"
               r"|irritated|demanding|impatient|defensive|evasive)\b"),
         *each("try use", r" (?:emma|john|payal|kapil) for\b")),
    _row("roleplay", "practice", "practice", 1, INTENTS,
         r"role ?plays?\b", r"roll ?plays?\b",
         # a conversation ahead, no one named: "I have a conversation coming up" (ask first)
         r"(?:conversation|talk|call|meeting|chat)s? (?:with (?:someone|somebody) )?coming up\b",
         r"simulations?\b", "practice run", "practice mode", "mock",
         r"practi[cs]e\b", r"rehearsal\b",
         r"sessions?\b(?! (?:\d|id\b|[a-z]+_))", r"scenarios?\b"),
    _row("drill", "practice", "practice", 1, DURATION, r"drills?\b", minutes=5),
    # ---- roleplay_type "custom": salary and offer negotiation, recruiter and manager calls,
    # promotion talks, networking, workplace conflict (seed: Mapping rules) ----------------
    _rt("salary negotiation", "custom", 3,
        each("salary pay compensation comp wage base equity rate raise bonus",
             r" " + group(r"negotiat\w* talk discussion conversation ask bump increase"
                          " expectations counter counters neg")),
        r"negotiat\w* (?:[a-z']+ ){0,3}?" + group("salary pay compensation comp base package"
                                                  " equity rate raise bonus notice severance"
                                                  " relocation title hours schedule terms"
                                                  " days remote salary~expectations"
                                                  " signing~bonus start~date"),
        *each("starting base target current new", r" salary\b"),
        *each("talk talking discuss discussing negotiate", r" (?:about )?(?:salary|pay|comp"
              r"|compensation|money)\b"),
        r"salary (?:offer|package|number|figure)s?\b",
        *each("signing sign~on retention", " bonus"), r"severance\b", r"notice period",
        *each("relocation compensation comp", " package")),
    _rtc("offer negotiation", "custom", 3,
         r"offers? " + group(r"negotiat\w* calls? conversation discussion letter"),
         r"counter ?offers?",
         *each(r"negotiat\w* push\w*~back discuss\w*", r" (?:on |about )?(?:[a-z']+ ){0,3}?"
               r"offers?\b"),
         *each("the an my job new", r" offer\b"),
         # the offers a candidate holds: "competing offers", "countering a verbal offer", "ask
         # them to match"
         r"(?:competing|verbal|written) offers?\b", r"match (?:my|the|their|this|that) (?:other )?"
         r"offers?\b", r"(?:ask|asking|get|getting) (?:[a-z]+ ){1,2}?to match\b"),
    # Asking for more, and an offer the person has: "a higher base", "a bigger signing
    # bonus", "ask for more money"; "got an industry offer", "weighing two offers".
    _rt("asking for more", "custom", 3,
         *each("higher better bigger larger more", r" (?:base|salary|pay|comp|compensation"
               r"|package|equity|signing bonus|starting salary)\b"),
         r"ask\w* (?:them |him |her )?for more money\b",
         # the person's own rate or commission: "negotiating freelance rates", "my commission
         # plan with my VP" (not "the seller says my commission is too high": a sale)
         r"(?:freelance|freelancing|hourly|day|consulting|contractor) rates?\b",
         r"(?:my|our) (?:own )?commission (?:plan|structure|split|rate)s?\b",
         r"commission instead of\b", "quota relief",
         # pay owed: "asking for back pay", "salary arrears", "unpaid wait time"
         r"back pay\b", r"(?:salary|pay|wage|wages) arrears\b",
         r"unpaid (?:wages|salary|pay|overtime|hours|wait time|invoices?)\b",
         *each("got get received receiving accepted accepting declined declining considering"
               " weighing holding", r" (?:an?|the|my|their|this|that|two|three|both) (?:[a-z]+ )"
               r"{0,2}?offers?\b")),
    # Haggling is a detail of a salary talk and of a sale alike: what is sold decides.
    _rtc("lowball", "custom", 2, r"lowball(?:s|ed|ing)?\b", r"haggl\w*"),
    _rtc("raise", "custom", 3,
         *each("a the my for get getting", r" (?:pay |salary )?raise\b"),
         r"raise (?:talk|conversation|request|discussion)", r"pay (?:rise|bump|increase)",
         r"salary (?:increase|bump)"),
    # The person buying, not selling or serving: "a negotiation with a vendor about late
    # delivery penalties" (what went wrong is the topic, not a support case).
    # The person is the buyer: "I'm in city procurement", "I am a procurement lead at ..."
    _rt("buyer side", "custom", 3,
        *each("i'm i~am i~work we're", r" (?:a |an |the |in |on the )?(?:[a-z]+ ){0,2}?"
              r"(?:procurement|purchasing|sourcing)\b")),
    _rt("vendor negotiation", "custom", 3,
        r"negotiat\w* (?:(?:with|against) )?(?:(?:a|an|the|our|my|their|this|that|one|new|key"
        r"|main) )?(?:[a-z]+ ){0,2}?(?:vendors?|suppliers?|contractors?|subcontractors?"
        r"|landlords?|distributors?|manufacturers?|carriers?|agency|agencies|wholesalers?)\b",
        r"(?:vendor|supplier|contractor|landlord|lease|distributor) negotiations?\b",
        # pushing back on what a vendor asks: "push back on a vendor's contract terms"
        r"push\w* back (?:on|against) (?:(?:a|an|the|our|my|their|this|that) )?(?:[a-z]+ ){0,2}?"
        r"(?:vendor|supplier|contractor|subcontractor|landlord|distributor|wholesaler)(?:'s|s)?\b"),
    # A negotiation named alone, ending its clause ("I need to practise negotiating."): with
    # whom and over what? plan() asks first unless the rest names a scenario.
    _rt("bare negotiation", "custom", 1, r"negotiat\w*(?= (?:[.,;:!?]|please|pls|$))"),
    _rt("negotiation", "custom", 1, r"negotiat\w*"),
    _rtc("recruiter call", "custom", 3,
         r"recruiter " + group("calls call screens screen conversation chat meeting callback"
                               " call~back")),
    _rtc("recruiter", "custom", 1, r"recruiters?\b"),
    _rtc("manager conversation", "custom", 2,
         *each("manager boss director supervisor skip~level team~lead team~leader line~manager"
              " superior", " " + group(
             "conversation meeting chat one~on~one talk sync check~in")),
         "one on one with"),
    _rt("ask the manager", "custom", 2,
        *each("ask asking tell telling talk talking convince convincing approach approaching"
              " confront persuade inform informing update updating", r"(?: to| with)?"
              r"(?: my| the| our| a)?(?= (?:new |current |direct |former )?(?:manager|boss"
              r"|director|supervisor|skip level|team lead|team leader|line manager|superior"
              r"|department head|head of department|hr|vp|lead|cofounder|ceo|cfo|cto|coo|cmo"
              r"|cio|founder|general manager|leadership|exec team|executive team)\b)")),
    _rtc("manager", "custom", 1,
         not_after("account success", r"manager\b"), "managers", "boss",
         "skip level", "supervisor", "director", "team lead", "hr", "vp",
         # the same person in other words
         r"team leaders?\b", r"group leaders?\b", r"line managers?\b", r"superiors?\b",
         r"department heads?\b", r"head of (?:my |the )?department", "higher ups", "my lead"),
    _rtc("promotion", "custom", 3, r"promot(?:ion|ed)\b", r"promotions\b"),
    _rt("networking", "custom", 3, r"network(?:ing|er|ers)?\b", "coffee chat",
        r"referrals?\b", r"informational (?:interview|chat|call)", r"mixer\b"),
    # Where and how people network: "walking up to people at a fintech meetup".
    _rt("networking places", "custom", 3,
        r"meetups?\b", r"(?:career|job|recruiting) fairs?\b", r"mingl\w*", r"small talk",
        r"ice ?breakers?\b", r"(?:strike|striking|struck) up (?:a )?conversations?\b",
        r"work(?:ing)? the room"),
    # "a tough conversation": workplace conflict, but alone it names no scenario (who with?
    # plan() asks first unless a counterpart is named)
    _rt("hard conversation", "custom", 3,
         *each("tough difficult hard awkward uncomfortable", r" (?:conversation|talk"
               r"|discussion)s?\b")),
    _rt("workplace conflict", "custom", 3,
        r"conflicts?\b", r"disagree\w*", r"confront\w*", "tension",
        "friction", r"arguments?\b", r"disputes?\b", r"clash\w*", r"tak\w* credit",
        r"miss\w* (?:deadlines?|handoffs?)",
        r"resign\w*", r"quit(?:ting)? (?:my|the) job", "burnout", "burning out",
        r"medical leave", r"parental leave", "workload", r"scope (?:creep|increase)",
        r"switch(?:ing)? teams", "internal transfer", r"title change", r"work from home",
        r"remote work", "4 day work week", "four day work week", "feedback conversation",
        "passed over", "pass over", r"ignor(?:es|ing|ed) my", r"performance reviews?",
        r"annual review",
        # what the person did to a colleague: "I lost my temper with my manager"
        r"lost my (?:temper|cool)", r"snapped at\b", r"blew up at\b",
        *each(r"apologi[sz]\w* yell\w* rude", r" (?:to |at )?(?:my|our|the) (?:manager|boss"
              r"|coworker|colleague|teammate|team|direct report|report|lead|director"
              r"|cofounder)\b")),
    # An outburst at someone, whoever has it: "one of my pickers keeps blowing up at the
    # loaders", "she snaps at the juniors", "lashing out at his team" (the words spelled out:
    # they are known words then, never read as typos: "losing" is not "closing").
    _rt("outburst", "custom", 3,
        r"(?:snap|snaps|snapping) at\b", r"(?:blow|blows|blowing|blown) up at\b",
        r"(?:lash|lashes|lashing|lashed) out at\b",
        r"(?:lose|loses|losing|lost) (?:his|her|their|my) (?:temper|cool)"),
    # People at odds, and the person between them: "two designers fighting over credit".
    _rt("people at odds", "custom", 3,
        r"fight(?:s|ing)?\b", r"fought\b", r"mediat\w*", r"argu(?:e|es|ed|ing)\b",
        r"bicker\w*", r"feud\w*", r"butt\w* heads", "at odds", r"(?:fell|falling) out with",
        r"(?:don't|do not|doesn't|does not|can't) get along", "not getting along",
        r"gossip\w*", r"bull(?:y|ies|ying|ied)\b", r"harass\w*", r"micromanag\w*",
        r"undermin\w*", r"talk(?:s|ed|ing)? over me\b", r"interrupt(?:s|ed|ing)? me\b"),
    _rt("giving feedback", "custom", 3,
        each("give giving gave deliver delivering share sharing", r" (?:(?:my|our|the|a|an|his"
             r"|her|their|him|them|some|tough|hard|honest|critical|negative|constructive) ){1,2}"
             r"(?:[a-z]+ )?feedback\b")),
    _rt("status update", "custom", 2, r"(?:status|progress) updates?\b",
        r"update (?:to|for) (?:the|my) (?:exec|leadership|executive|board|team|boss|manager)"),
    _rt("work topic", "custom", 1, r"deadlines?\b", r"budget\b", r"timelines?\b",
        r"push(?:ing)? back on", "pushback", "push back"),
    # Refusing work is a talk of its own ("saying no to my manager"): the "no" is what is
    # said, not a negator of what follows.
    _rt("saying no", "custom", 1,
        r"say(?:s|ing)? no\b", r"said no\b", r"boundar(?:y|ies)\b", r"weekend work",
        r"overtime\b", r"extra (?:work|hours|shifts|projects)\b", r"weekend shifts?\b",
        # hours or pay cut: "tell a hygienist her hours are being cut"
        r"(?:hours|pay|shifts|salary|wages) (?:are |is |were |was |being |got |get )*(?:cut"
        r"|reduced)\b", r"(?:cut|cutting|reduce|reducing) (?:her|his|their|your|my) (?:hours"
        r"|pay|shifts)\b"),
    # A project moved: "delay the ERP migration", "postpone the launch" (a delayed order is a
    # support case: "delay" without its object stays there).
    _rt("project moved", "custom", 1,
        *each("delay delaying postpone postponing", r"(?= (?:the|our|my|this|its|their|a) )"),
        r"push(?:ing)? (?:back |out )?(?:the|our|my) (?:launch|deadline|release|timeline"
        r"|migration|rollout|go live)\b"),
    # How an employee turns up: "a line cook who's been late 4 times", "keeps showing up late"
    _rt("attendance", "custom", 2,
        r"tardy\b", r"tardiness\b", r"punctuality\b", r"absenteeism\b", r"attendance\b",
        r"late (?:for|to) (?:work|shifts?|meetings?|standups?|stand ups?|class|the meeting)\b",
        r"late (?:\d+|two|three|four|five|six|several|multiple|many) times\b",
        *each("showing shows showed coming comes came clocking clocks clocked", r" (?:up |in )?"
              r"late\b"), r"been late\b", r"always late\b", r"calling in sick\b",
        r"called in sick\b"),
    _rtc("stakeholder alignment", "custom", 2, r"stakeholders?\b", r"alignment\b",
         r"buy in\b"),
    # A pitch or a sale of an idea to the person's own leadership is a stakeholder talk, not
    # sales (before the sales rows: "pitching my side project idea to the CTO").
    _rt("internal pitch", "custom", 3,
        *each(r"pitch\w* sell\w*", r"(?= (?:[^ ]+ ){0,5}?(?:idea|ideas|proposal|proposals"
              r"|initiative|initiatives|side project|rebrand|reorg|business case|process change"
              r"|roadmap|headcount|budget request|strategy|research|findings|recommendation)"
              # (what is sold: "pitch our agency's rebrand services to a nonprofit")
              r"\b(?! (?:[a-z]+ )?(?:services?|packages?|products?|offerings?|solutions?"
              r"|retainers?)\b))"),
        *each(r"pitch\w* sell\w*", r"(?= (?:[^ ]+ ){0,6}?to (?:(?:my|our) (?:own )?(?:boss"
              r"|manager|cto|ceo|cfo|coo|vp|director|board|team|skip level|head of|department"
              r"|cofounder|co founder|founders?|execs?|leadership|exec team|executive team)"
              r"|(?:the )?(?:leadership|exec team|executive team|leadership team|c suite"
              r"|higher ups))\b)"),
        *each(r"sell\w*", r"(?= (?:my |our |the )?(?:boss|manager|cto|ceo|team|leadership|vp"
              r"|director|cofounder|execs?) on\b)")),
    # The person's own work, pitched inside: "pitching my project to her" (not my product,
    # startup or services: those are sold to someone).
    _rt("own work pitch", "custom", 3,
        r"pitch\w*(?= (?:my|our) (?:[^ ]+ ){0,2}?(?:project|projects|plan|plans|proposal|redesign"
        r"|revamp|overhaul|rewrite|refactor|migration|team's|department's|budget|program|pilot"
        r"|report|analysis|work|process|policy|framework)\b)"
        # pitched to a customer it is sold: "pitching our maintenance plan to a homeowner"
        r"(?! (?:[^ .,;:!?]+ ){1,8}?to (?:a|an|the|this|that|one|some|potential|prospective|new"
        r"|existing) (?:[^ .,;:!?]+ ){0,2}?" + CUSTOMERS + r"\b)"),
    _rt("hard news", "custom", 1, r"bad news", "tough news"),
    _rt("new job", "custom", 1,
        r"introduc(?:e|ing) myself", r"new (?:job|role|team|position)\b", r"first day\b",
        r"self introduction"),
    # an elevator pitch to a buyer sells: "a 2 minute elevator pitch to a restaurant owner for
    # our supply company" (to a recruiter or at a career fair it is the person's own)
    _rt("elevator pitch to a buyer", "sales", 3,
        r"elevator pitch(?:es)?(?= (?:drill |practice |roleplay )?to (?:a|an|the|this|that|one"
        r"|some|potential|prospective|new|existing) (?:[^ .,;:!?]+ ){0,2}?(?:" + CUSTOMERS[3:-1]
        + r"|owners?|(?:procurement|purchasing) (?:officers?|managers?|leads?))\b)"),
    _rt("elevator pitch", "custom", 3, r"elevator pitch(?:es)?\b"),
    # ---- roleplay_type "sales": discovery, demos, objection handling, closing ------------
    _rtc("sales conversation", "sales", 3,
         r"sales " + group(r"calls? call discovery demos? demo pitch\w* conversation meeting"
                           " drills? drill practice roleplay roleplays simulation scenario"
                           " objection objections negotiation"),
         r"sdrs?\b", r"bdrs?\b", r"account executives?", r"sales (?:close|closes)\b",
         # the person's trade is selling: "I'm a pharma rep visiting a GP"
         r"(?:pharma|pharmaceutical|medical|drug|device|field|territory|insurance) (?:sales )?"
         r"reps?\b"),
    # Selling something to someone is a sale ("sell a used car to a customer"); "sales" alone
    # is a detail ("I work in sales").
    _rtc("selling", "sales", 3, r"sell(?:s|ing)?\b(?! (?:myself|yourself|ourselves|out|off)\b)"),
    _rtc("sales", "sales", 1, r"sales\b"),
    _rtc("sales discovery", "sales", 3, r"discovery\b", r"discovry\b"),
    _rtc("demo", "sales", 3, r"demos?\b", r"demoing\b", r"product walkthrough"),
    _rtc("objection handling", "sales", 3,
         r"objections? handl\w*", r"handl\w* " + gap(3) + r"objections?\b",
         r"overcom\w* " + gap(2) + r"objections?\b", r"pricing objections?",
         r"price objections?", r"brush ?offs?\b"),
    # What an objection says is a detail: a named conversation outweighs it ("renewal with a
    # clinic, they got a cheaper quote" is a renewal).
    _rtc("objection said", "sales", 2,
         r"price is too high", r"too expensive",
         r"already us\w* (?:a )?competitor", r"no budget", r"deal ?breaker",
         r"timing is wrong", "just send me an email", r"not interested",
         r"current (?:vendor|provider|solution|supplier)", r"happy with (?:our|their) current",
         "cheaper", r"(?:lower|better) price", r"price match"),
    _rtc("objection", "sales", 2, not_after("likely", r"objections?\b")),
    _rtc("closing", "sales", 3,
         r"clos(?:e|ing) (?:the |a |this |that )?(?:[a-z]+ )?" + group("deal deals sale sales"
                                                                       " contract"),
         # (not a shop's hours: "five minutes after closing", "at closing time")
         # (nor a shift or a site: "the closing manager", "closing the Leeds office")
         not_after("after before until till past stuck", r"closing\b(?! (?:time|hours|manager"
                   r"|managers|shift|shifts|up|down|checklist|duties|(?:the|our|my|a|this|that)"
                   r" (?:[a-z]+ )?(?:office|store|shop|site|branch|plant|location|restaurant"
                   r"|kitchen|bar|factory|depot|warehouse|clinic|school)s?)\b)"),
         r"sign(?:ing)? (?:the |a )?contract", r"stall\w* on sign\w*",
         *each("before~they before~we get~them~to ready~to", r" sign\b"),
         r"end of (?:the )?quarter"),
    _rtc("pitch", "sales", 2, r"pitch\w*"),
    _rtc("retail sale", "sales", 3,
         r"dealerships?\b", r"trade ins?\b(?= (?:value|offer|price|deal)\b)",
         r"showrooms?\b", r"sales floor\b",
         *each("sell selling sold upsell upselling",
               r" (?:a |an |the )?(?:[a-z]+ )?memberships?\b")),
    # An upsell at a counter or a table is a sale to a walk-in, not an account's expansion:
    # "upselling desserts", "the upsell at checkout", "upsell a gym member to personal
    # training" (an upsell to an existing customer stays customer success).
    _rtc("upsell at the counter", "sales", 3,
         r"up ?sell\w*(?= " + gap(4) + group(
             "desserts? wines? pairings? drinks? cocktails? sides? appetizers? starters? tables?"
             " diners? guests? shoppers? walk~ins? checkout register till counter warranty"
             " warranties protection~plan personal~training treatments? add~ons? extras"
             " memberships? gym~members?") + r"\b)"),
    # Price pressure from a buyer: "wants a 6% price cut", "hold margin", "defend share",
    # "why our lanes cost more than the incumbent", "'we already have a broker'".
    _rtc("price pressure", "sales", 2,
         r"price (?:cut|cuts|reduction|concession)s?\b",
         *each("hold holding protect protecting defend defending keep", r" (?:our |my |the )?"
               r"(?:margin|margins|share|price|pricing|rate)\b"),
         r"dual (?:source|sourcing)\b", r"incumbents?\b", r"costs? more than\b",
         r"already (?:have|has|got|use|work with) (?:a|an) (?:broker|vendor|supplier|provider"
         r"|agency|partner|distributor|solution|tool)\b"),
    _rtc("cold outreach", "sales", 3,
         # (not "a recruiter cold calls me": the person is the one called)
         r"cold " + group("calls call calling emails email outreach") + r"\b(?! (?:me|us)\b)",
         r"prospecting\b"),
    _rtc("trial", "sales", 2, "free trial", r"trial (?:extension|period|ends|ending)",
         r"trials?\b", r"quotes?\b", "decision maker", "gatekeeper"),
    _rtc("prospect", "sales", 2,
         r"prospects?\b", r"buyers?\b", r"procurement\b", r"deals\b",
         # "deal with an angry customer" handles a person; "the deal with Acme" is a sale
         r"deal\b(?! with)", *each("a the this that our their big", r" deal with\b"),
         not_after("vendor's supplier's contractor's landlord's", "contract terms"),
         r"price too high", r"discounts?\b", r"quota\b", r"pipeline\b",
         *each("0 1 2 3 4 5 6 7 8 9", r"[0-9]*% off\b")),
    # ---- roleplay_type "customer_success": renewal, onboarding, expansion, health --------
    _rtc("renewal", "customer_success", 3, not_after("lease rental", r"renew\w*"), r"renewl\w*"),
    _rtc("onboarding", "customer_success", 3,
         r"onboard\w*(?! (?:a |the |my |our |new |an )*(?:hire|hires|employee|employees|intern"
         r"|interns|team member|colleague|teammate)s?\b)", r"kickoff call",
         # a kickoff with a client (not "the kickoff meeting for our internal reorg")
         *each("kickoff kick~off", r" (?:calls?|meetings?)(?= (?:[^ .,;:!?]+ ){0,5}?"
               r"(?:" + CUSTOMERS[3:-1] + r"|accounts?)\b)"),
         # a client putting the product in: "a new client implementing our software"
         r"implement\w* (?:our|the|my|your) (?:[a-z]+ ){0,2}?(?:software|platform|product"
         r"|tool|system|solution|app|crm|integration)s?\b",
         r"implementation (?:calls?|meetings?|kickoff|plan|check in|review)\b"),
    _rtc("new customer", "customer_success", 2, r"new (?:[a-z]+ ){0,2}?(?:customer|client)s?\b",
         r"(?:just|newly|recently) signed", "after they signed", "go live date"),
    _rtc("expansion", "customer_success", 3,
         r"expansion\b", r"upsell\w*", r"up sell\w*", r"cross sell\w*",
         r"expand\w* (?:the |their |our )?" + group("account contract deal usage footprint"),
         *each("more additional extra", r" (?:seats|licenses|licences|users)"),
         r"usage cap", r"existing (?:[a-z]+ )?(?:customer|client|account)s?\b", r"upgrad\w*",
         r"long (?:time|standing) (?:[a-z]+ )?(?:customer|client|account)s?\b"),
    # What is sold is a detail: "demoing our new add-on to a prospect" is a demo, "the add-on
    # for an existing customer" an expansion (those rows outweigh this one).
    _rtc("product tier", "customer_success", 2,
         r"premium (?:tier|plan)", r"add on\b", r"add ons\b", r"basic plan"),
    _rtc("customer relationship", "customer_success", 2,
         *each("raising raise increase increasing", r" (?:our |the |their |your )?prices?\b"),
         r"price (?:increase|increases|rise|hike)s?\b", r"testimonials?\b", "reference call",
         "customer reference"),
    _rtc("at risk", "customer_success", 2,
         *each("evaluating considering talking~to looking~at switching~to moving~to", r" (?:a |"
               r"other |another )?competitors?\b"), "shopping around"),
    _rtc("downgrade", "customer_success", 3, r"downgrad\w*", r"(?:cut|cutting|reduce|reducing)"
         r" (?:seats|licenses|licences|spend)", r"renegotiat\w*"),
    _rtc("customer health", "customer_success", 3,
         r"customer health", r"health (?:checks?|score|scores|check in)",
         r"qbrs?\b", r"quarterly business reviews?", r"business reviews?", r"churn\w*",
         r"at risk\b", r"(?:customer|client) success\b", r"csms?\b", r"gone quiet",
         r"usage (?:dropped|drop|fell|declin\w*)", *each("saving save", " the account"),
         r"executive sponsor", r"check in call",
         *each("champion sponsor", r" (?:just |has |had |recently )?(?:left|quit|moved on|gone"
               r"|departed|resigned)\b"),
         r"lost (?:our|their|the|a) (?:[a-z]+ )?(?:champion|sponsor)\b", r"adoption\b",
         r"cancel their contract",
         r"threaten\w* to (?:cancel|leave|churn|walk|switch)",
         r"cancel (?:their|the|our|his|her) (?:subscription|contract|plan|account)",
         # a client leaving, kept: "a regular wants to cancel her monthly package and I try
         # to keep her", "a member wants to cancel" (not "cancel the meeting", "cancel my
         # order": an order's is a support case)
         *each("want wants wanted wanting trying tries going plans planning looking thinking"
               " decided asks asking", r" (?:of |about )?(?:to )?cancel\w*\b(?! (?:the|a|an|my"
               r"|our|his|her|their|this|that) (?:[a-z]+ )?(?:meeting|call|order|flight|booking"
               r"|reservation|appointment|event|party|trip|delivery|shipment|project|interview)s?\b)"),
         r"cancel\w* (?:her|his|their|the) (?:[a-z]+ )?(?:package|membership|subscription"
         r"|contract|plan|account|service)\b"),
    _rtc("account", "customer_success", 1, r"accounts?\b"),
    # ---- roleplay_type "support": troubleshooting, escalation, service recovery ----------
    _rtc("troubleshooting", "support", 3, r"troubleshoot\w*", r"trouble shoot\w*"),
    _rtc("escalation", "support", 3, r"escalat\w*", r"de escalat\w*", r"excalat\w*",
         # a caller who wants someone above the agent: "asked for a supervisor"
         *each(r"ask\w* demand\w* want\w* insist\w*", r" (?:for|to speak to|to speak with|to talk"
               r" to|to see) (?:a|the|your|my) (?:supervisor|manager)\b"),
         r"speak (?:to|with) (?:a|your) (?:supervisor|manager)\b"),
    _rtc("on hold", "support", 2, "on hold", "hold music", r"wait(?:ing)? times?\b",
         "long wait", r"(?:minute|min|hour) waits?\b"),
    _rtc("service recovery", "support", 3,
         r"service recovery", r"customer support\b",
         r"support " + group("calls call tickets ticket cases case scenario roleplay team"
                             " engineer agent"),
         r"help ?desk", "tech support", "it support", r"support queue"),
    _rtc("support", "support", 2, r"support\b"),
    # A service desk or counter in any trade, and the unhappy people it serves: "a resident
    # who is upset their application got lost", "a customer ... is getting loud", "a diner
    # whose steak is undercooked", "bought the wrong paint", "no returns" (weight 2: a named
    # renewal or churn talk with an upset client stays customer success).
    _rtc("service desk", "support", 2,
         r"customer service\b", r"customer care\b",
         *each("service front reception information returns complaints check~in", r" (?:desk"
               r"|counter)s?\b"),
         *each(_UPSET[3:-1].replace("|", " "), r" (?:[a-z]+ ){0,2}?" + CUSTOMERS + r"\b"),
         CUSTOMERS + r"(?= " + gap(12) + _UPSET + r"\b)",
         # returns and exchanges
         *each("want wants wanted wanting trying tries tried asking asks asked demanding demands"
               " insists insisting", r" to (?:return|exchange)\b"),
         r"returning (?:a|an|the|their|his|her|some|this|that|two|three) (?!(?:call|calls"
         r"|favou?r|emails?|messages?|texts?|serve|home|to|hire|employee|colleague)\b)",
         r"returns? (?:policy|policies|window|desk|counter|period|label)\b", r"no returns\b",
         r"store credit\b",
         # what was served wrong
         r"(?:under ?cooked|over ?cooked)\b",
         r"(?:raw|burnt|burned|cold|stale|spoiled|wrong) (?:food|meal|steak|dish|pizza|burger"
         r"|coffee|drink|entree|plate|room|table)s?\b",
         r"comped\b", r"comp (?:the|their|his|her|a|an) (?:[a-z]+ )?(?:meal|bill|room|stay"
         r"|drink|order|night|dessert|check)\b",
         r"(?:bought|ordered|got|received|was sent|were sent|picked up|brought home|delivered)"
         r" (?:the |a |an )?wrong\b",
         r"double booked\b", r"overbooked\b",
         # a public office's and a clinic's
         r"(?:application|paperwork|forms?|permit|license|licence|passport|claim|file|records?"
         r"|documents?|prescription|referral|request|order|package|parcel|shipment|delivery"
         r"|luggage|bag|bags|reservation|booking) (?:got |was |has been |had been |went "
         r"|is |were )?(?:lost|misplaced|missing|stuck)\b",
         r"lost (?:their|the|an?|his|her|my) (?:[a-z]+ )?(?:application|paperwork|forms?"
         r"|permit|license|licence|passport|claim|records|documents|prescription)\b",
         # a trade's job that did not hold
         r"(?:repair|fix|install|installation|job|work) (?:didn't|did not|doesn't|does not"
         r"|never) (?:fix|work|hold|last)\b", r"still (?:leaking|broken|not working)\b"),
    # What went wrong for a customer, in any trade: "his package never showed", "her pizza
    # is missing toppings", "a tenant whose heat is out", "this is the third time I'm
    # calling", "the spa massage was too rough and she wants her money back", "the pumps keep
    # vibrating", "can't get SSO working", "the data migration failed overnight" (each
    # starts with the thing, so a negator inside it stays part of the story).
    _rtc("service failure", "support", 2,
         r"(?:package|parcel|order|delivery|shipment|items?|food|meal|refund|technician|tech"
         r"|installer|parts?|furniture|replacement|driver|courier) " + gap(3) + r"(?:never|didn't"
         r"|did not|hasn't|has not|still hasn't|still has not) (?:show|arriv|came|come|turn|got"
         r" delivered|been delivered)\w*",
         r"(?:package|parcel|order|item|items|luggage|bag|bags|delivery|shipment|refund|payment"
         r"|money|food|meal|dish|drink|paperwork) (?:is|are|was|were|went|goes|still) missing\b",
         r"missing (?:its |their |her |his |the |some |a |an )?(?:toppings?|items?|parts?|pieces?"
         r"|sides?|fries|drinks?|luggage|bags?|package|parcel|order)\b",
         r"(?:heat|heating|power|internet|wifi|water|electricity|phones?|cable|ac|hot water"
         r"|lights|network|system|site|website|app|server|servers|service) (?:is|are|has been"
         r"|have been|was|were|went|keeps going|has gone|been) (?:out|down)\b",
         r"(?:second|third|fourth|fifth|sixth|tenth|2nd|3rd|4th|5th|6th|umpteenth) time"
         r" (?:(?:i'm|i am|i've|i have|they've|they have|they're|they are|she's|she has|he's"
         r"|he has|we've|we have) )?(?:calling|called|been calling|contacting|contacted|writing"
         r"|written|emailing|emailed|coming in|come in|complaining)\b",
         r"(?:money|cash) back\b", r"food poisoning\b", r"(?:is|was|are|were|always|so|really"
         r"|very|too) (?:dirty|filthy)\b",
         r"(?:room|rooms|bathroom|toilet|table|pool|suite|apartment|unit|kitchen|car) (?:wasn't"
         r"|was not|weren't|were not|isn't|is not|hasn't been|has not been|never got|never"
         r" was|never been) (?:cleaned|clean|serviced|ready|fixed|repaired)\b",
         r"came out (?:wrong|badly|bad|terrible|awful|uneven|orange|green|brassy)\b",
         *each("gave give gives sent charged served handed rang~up", r" (?:her|him|them|me|us"
               r"|the customer|a customer|the client|a client|the guest) (?:the )?wrong\b"),
         r"wrong (?:weight|change|size|colou?r|dish|drink|meal|prescription|dose|medication"
         r"|address|room|parts?|hours|toppings?|flavou?r)\b",
         r"(?:logging|showing|reading|displaying|recording|printing) (?:the )?wrong\b",
         r"keeps? (?:jamming|throwing|beeping|leaking|breaking|dropping|overheating|vibrating"
         r"|shutting|malfunctioning|glitching|stalling|buffering|timing out)\b",
         r"(?:is|are) (?:vibrating|leaking|overheating|malfunctioning|jamming)\b",
         r"error (?:codes?|messages?)\b",
         r"arrived (?:warm|damaged|broken|late|cold|smashed|crushed|opened|spoiled|defective"
         r"|dented|melted|wet|incomplete)\b",
         r"(?:damaged|defective|faulty) (?:item|product|goods|shipment|order|part|unit|device"
         r"|package)s?\b",
         r"(?:can't|cannot|couldn't|can not) get " + gap(3) + r"(?:working|to work|running|to"
         r" load|to connect)\b",
         r"(?:migration|upgrade|update|install|installation|backup|sync|import|deployment"
         r"|payment|transfer|integration|login|sso) (?:has |had )?failed\b",
         r"double (?:billed|billing|charged)\b", r"billed twice\b",
         r"(?:card|cards|payment) (?:gets|get|keeps getting) (?:declined|rejected)\b",
         r"wants? (?:it|this|that|them) fixed\b",
         r"never (?:coming|shopping|eating|ordering|staying|buying|flying|booking|using)\b(?= "
         + gap(3) + r"again\b)"),
    # "without a receipt": the negator's word is part of the story, not a negation.
    _row("receipt", "roleplay_type", "support", 2, MAPPING, r"receipts?\b", negatable=False,
         implies=True),
    _rtc("payment problem", "support", 2,
         *each("card cards payment payments transaction transactions transfer",
               r" (?:got |was |were |is |keeps getting |kept getting |being )?(?:declined"
               r"|rejected|blocked|frozen|bounced)\b"),
         r"keeps? (?:faulting|failing|crashing|tripping|erroring|freezing|rebooting)\b",
         r"field (?:service|technician|tech)s?\b"),
    _rtc("ticket", "support", 1, r"tickets?\b", r"apolog\w*", r"delay(?:ed|s)?\b"),
    _rtc("customer problem", "support", 2, r"feature requests?\b", r"calm(?:ing)? (?:down|an?)\b",
         *each("can't cannot couldn't doesn't~know~how~to", r" figure out\b"),
         *each("flight booking reservation order appointment", r" (?:got |was |has been )?"
               r"cancel\w*")),
    _rtc("support trouble", "support", 2,
         r"outages?\b", r"bugs?\b", r"bug fix", "broken", "broke",
         not_after("i i'm am we we're you you're he he's she she's they they're", r"not "
                   + _BROKEN), r"nothing " + _BROKEN, r"no (?:internet|signal|power|connection"
         r"|service|dial tone)\b", r"won't " + _WONT_WORK,
         r"stopped working", r"refund(?:s|ed|ing)?\b", r"complain\w*", "sla",
         # an app or a line that fails its user: "keeps logging them out", "SIM was blocked"
         r"log(?:s|ging|ged)? (?:me|them|him|her|us|users|people|everyone) out\b",
         r"(?:sim|phone|line|number) (?:card )?(?:was |is |got |has been )?(?:blocked|barred"
         r"|suspended|deactivated)\b",
         r"double charge\w*", r"incidents?\b", r"crash\w*", r"locked out", r"can't log in",
         r"cannot log in", r"log in issues?", r"password reset", r"keeps failing",
         *each("keeps kept", r" (?:disconnecting|crashing|failing)"), r"data export", "vpn",
         "wifi", r"yell\w*", r"angry (?:caller|guest|user)s?",
         r"late (?:package|delivery|order)", r"order was cancel\w*",
         r"billing (?:error|issue|problem|mistake|dispute)s?", "overcharged", "charged twice",
         r"payment (?:failed|declined|issue|problem|error)s?", r"(?:account|card) (?:is |was )?"
         r"(?:locked|blocked|suspended|frozen)", "locked",
         # "the package is late" (not "a cook who is late": the attendance row's)
         *(not_after("who he she", start + r" (?:\w+ ){0,3}?late\b") for start in ("is", "was")),
         r"(?:will be|are|running) (?:\w+ ){0,3}?late\b", "paid for", r"glitch\w*", "downtime",
         r"data loss", r"lost (?:their |the )?data", r"deleted (?:their|my|our|the|all)"
         r" (?:[a-z]+ )?(?:data|files|account|records|work)", r"lost (?:their|the|an?|his|her)"
         r" (?:order|package|shipment|delivery|luggage|files)", r"order we lost",
         r"(?:isn't|is not|doesn't|does not|won't) work(?:ing)?",
         r"invoice (?:error|issue|problem|mistake)s?",
         # a mistake in what the customer got: "the invoice is wrong", "the wrong order"
         *each("invoice invoices bill bills billing charge charges order orders shipment"
               " delivery item items package amount booking reservation dates",
               r" (?:is |was |were |are |came |arrived |keeps being |is still )?(?:wrong"
               r"|incorrect)\b"),
         *each("wrong incorrect", r" (?:invoice|bill|charge|order|item|amount|package|size"
               r"|delivery|shipment|dates|product)s?\b"),
         r"package (?:is |was )?(?:\w+ )?late",
         each("angry furious upset frustrated irate annoyed unhappy dissatisfied",
              r" (?:[a-z]+ )?"
              + group("customer customers client clients user users caller guest")),
         each("customer client user caller guest", r"s? (?:is |are |was |who is )?"
              + group("angry furious upset frustrated irate yelling"))),
    # ---- counterpart, outcome, duration, persona (seed: Conversation strategy, normalization)
    # Someone said bare: a counterpart, but no scenario by itself ("a conversation with
    # someone, 15 minutes", "can u be someone for me to practice with"; not "someone I met
    # at a conference").
    _row("someone", "counterpart", "named", 1, STRATEGY,
         r"someone(?= (?:[.,;:!?]|$)| (?:tomorrow|today|soon|later|this week|for me|for a bit|to"
         r" practi[cs]e)\b)"),
    _row("counterpart", "counterpart", "named", 1, STRATEGY,
         *(word + r"\b" for word in words(PEOPLE)), r"head of\b", r"my team(?! lead)",
         r"the team(?! lead)",
         # (not "someone at work": who, and about what, is still unclear)
         r"someone(?! (?:at|from) (?:work|the office|my (?:work|job|office|company))\b)",
         "an executive"),
    # (not the person's own: "I'm a nurse. Can I rehearse something?")
    _row("occupation", "counterpart", "named", 1, STRATEGY,
         *(not_after("i'm~a i'm~an i~am~a i~am~an", word) + r"\b"
           for word in words(OCCUPATIONS))),
    # Who the person will talk to, by the shape of the words when the person is none of the
    # above: "talk to a line cook", "a roleplay with the night manager", "telling her", "a
    # cook who's been late". Only the words around the person are read; the person is free.
    _row("talking to someone", "counterpart", "named", 1, STRATEGY,
         *each("talk talking talked talks speak speaking spoke chat chatting meet meeting sit~down"
               " sitting~down reason reasoning mediate mediating negotiate deal dealing argue"
               " arguing", r" (?:to|with|between)(?= " + _DETERMINED + " " + _NOT_PEOPLE
               + r"[a-z])"),
         "w(?:" + "|".join(f"(?<={word} w)" for word in _TALK_BEFORE_WITH) + r")ith(?= "
         + _DETERMINED + " " + _NOT_PEOPLE + r"[a-z])",
         *each("tell telling told ask asking convince convincing confront confronting persuade"
               " persuading reassure reassuring calm calming approach approaching coach coaching"
               " correct correcting warn warning fire firing thank thanking",
               r" (?:him|her|them)\b"),
         # "tell a hygienist her hours are being cut", "tell my site foreman I can't ..."
         *each_first("tell telling told ask asking convince convincing confront confronting"
                     " persuade persuading reassure reassuring approach approaching warn warning"
                     " inform informing",
                     r"(?= (?:a|an|my|our|the|one of my) " + _NOT_PEOPLE + r"[a-z])"),
         *each("talk~to talking~to speak~to speaking~to speak~with talk~with say~no~to"
               " saying~no~to explain~to explaining~to mediate~between mediating~between"
               " apologize~to apologise~to push~back~on pushing~back~on break~it~to"
               " breaking~it~to", r" (?:him|her|them)\b"),
         # "a cook who's been late": a "who" after a word, not after "know who", "see who"
         not_after("know knows knew wonder wondering ask asked asking see sure idea decide"
                   " deciding matter me us you out check list show find is was are were and or"
                   " of about to with", r"w(?<=[a-z] w)ho(?:'s|se)?\b")),
    _row("desired outcome", "outcome", "named", 1, STRATEGY,
         r"goal\b", r"aim\w*", "hoping to", "hope to", "so that", "desired outcome",
         "i want them to", r"get (?:them|him|her) to",
         r"keep (?:them|the customer|the account|the client)", r"win (?:back|the)\b",
         *each("0 1 2 3 4 5 6 7 8 9", r"[0-9.]*k\b"),
         *each("0 1 2 3 4 5 6 7 8 9", r"[0-9]* ?%"), r"i want \$?\d", r"agree\w*\b"),
    _row("quick drill", "duration", "5", 2, DURATION,
         *(not_after("story", word) + r"(?= " + ADJECTIVES + r"(?:" + PRACTICE_NOUNS + "|"
           + TALK_NOUNS + r")\b)" for word in words("quick short brief fast rapid lightning"
                                                   " mini speed")),
         *(pattern + _NOT_A_LENGTH for pattern in ("a few minutes", "few minutes",
                                                   r"five minutes?", "couple of minutes",
                                                   "couple minutes")),
         "lightning round", "keep it short", *each("keep~it make~it", r" (?:quick|brief|snappy)\b"),
         "real quick", "nothing long",
         "short one", "quick one",
         # the depth said alone where a length goes, ending its clause: "..., quick",
         # "... the service recovery. short", "quickie, start it now" (not "quick, show me")
         *(f"{word[0]}(?<=[,.:;] {word[0]}){word[1:]}(?= (?:[.,;:!?]|$))"
           for word in ("quick", "quickie", "short")),
         r"q(?<=^ q)uickie(?= (?:[.,;:!?]|$))"),
    _row("deeper simulation", "duration", "30", 2, DURATION,
         r"in depth", "deep dive", r"deeper\b", r"thorough\w*", r"extended\b", "at length",
         r"comprehensive\b", "full length", "longer one", "long form", "intensive",
         # (after an article, read behind: "set up the full thing"; "complete" only as an
         # adjective, "complete a roleplay" is a verb)
         "f(?<=the f)ull thing", "full version",
         *(f"c(?<={article} c)omplete(?= (?:simulation|roleplay|role play|session|version|run"
           r"|practice|practise|rehearsal|scenario)s?\b)" for article in ("the", "a")),
         *each("deep long(?!~story) longer full detailed lengthy", r"(?= " + ADJECTIVES + r"(?:"
               + PRACTICE_NOUNS + "|" + TALK_NOUNS + r")\b)")),
    _row("when the real one is", "mention", "story", 1, DURATION, _WHEN_IN),
    _row("minutes", "minutes", "n", 1, DURATION,
         *(not_after(_WAITED, pattern) for pattern in (
             # ("1.2m" is a million: "m" only after a whole number)
             *each("0 1 2 3 4 5 6 7 8 9", r"[0-9]*(?:(?:\.[0-9]+)? ?(?:minutes?|mins?|seconds?"
                   r"|secs?)| ?m)\b" + _NOT_A_LENGTH),
             *each("one two three four five six seven eight nine ten twelve fifteen twenty"
                   " twenty~five thirty forty forty~five sixty ninety", r" (?:minutes?|mins?"
                   r"|seconds?)\b" + _NOT_A_LENGTH),
             r"half (?:an )?hour" + _NOT_A_LENGTH, r"quarter (?:of )?an hour" + _NOT_A_LENGTH,
             # (not a rate: "they offered 40 an hour")
             r"a(?<![0-9] a)n hour(?: long)?\b" + _NOT_A_LENGTH,
             *each("one 1", r" hour(?: long)?\b" + _NOT_A_LENGTH), r"hour long",
             *each("1 2", r"(?:\.[0-9]+)? (?:hours?|hrs?)\b" + _NOT_A_LENGTH))),
         # a length said as a bare number where a length goes: "quick 5", "..., 30."
         *(_bare_minutes(number) for number in ("5", "10", "15", "20", "30")),
         # the length in words: "standard length" (15)
         *each("standard normal regular default usual", " length")),
    *(_row(persona, "persona", persona, 1, NORMALIZATION, persona + r"\b")
      for persona in ("payal", "emma", "john", "kapil")),
)
# fmt: on

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "twenty five": 25,
    "thirty": 30, "forty": 40, "forty five": 45, "sixty": 60, "ninety": 90,
}  # fmt: skip


# --- normalization: lower case, tokens, slang, typos -----------------------------------------

_TRANSLATE = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u2013": " - ", "\u2014": " - ", "\u2026": ".",
        "\u00e9": "e", "\u00e8": "e", "\u00e1": "a", "\u00ed": "i", "\u00f3": "o",
        "\u00e4": "a", "\u00f6": "o", "\u00fc": "u", "\u00df": "ss",
        # the other letters of the languages FOREIGN reads (a word is not split at them)
        "\u00e0": "a", "\u00e2": "a", "\u00e3": "a", "\u00e7": "c", "\u00ea": "e",
        "\u00eb": "e", "\u00ee": "i", "\u00ef": "i", "\u00f1": "n", "\u00f4": "o",
        "\u00f5": "o", "\u00f9": "u", "\u00fa": "u", "\u00fb": "u", "\u0153": "oe",
        "\u0105": "a", "\u0107": "c", "\u0119": "e", "\u0142": "l", "\u0144": "n",
        "\u015b": "s", "\u017a": "z", "\u017c": "z",
        "\u00bf": " ", "\u00a1": " ",
    }
)  # fmt: skip
_ASCII_TRANSLATED = "".join(chr(code) for code in _TRANSLATE if code < 128)
_HYPHEN = re.compile(r"(?<=[a-z0-9])-(?=[a-z0-9])")
_ONE_ON_ONE = re.compile(r"(?<![0-9])1 ?(?::|on) ?1s?(?![0-9])")
_TOKEN = re.compile(r"[a-z0-9_@#$%&+]+(?:['.@+/][a-z0-9_@#$%&+]+)*|[.,;:!?]+|-+")
_PUNCTUATION = ".,;:!?"  # the characters of _TOKEN's punctuation tokens

# Text-speak and spellings the rows do not need to know twice.
SLANG = {
    "u": "you", "ur": "your", "hw": "how", "r": "are", "pls": "please", "plz": "please",
    "plss": "please",
    "rn": "right now", "w": "with", "n": "and", "&": "and", "thx": "thanks", "ty": "thanks",
    "convo": "conversation", "convos": "conversations", "vid": "video", "vids": "videos",
    "min": "minutes", "mins": "minutes", "hr": "hours", "hrs": "hours", "bc": "because",
    "cuz": "because", "coz": "because", "abt": "about", "tmrw": "tomorrow", "tmr": "tomorrow",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "lemme": "let me",
    "gimme": "give me", "lets": "let's", "im": "i'm", "ive": "i've", "ill": "i'll",
    "dont": "don't", "cant": "can't", "wont": "won't", "didnt": "didn't", "isnt": "isn't",
    "doesnt": "doesn't", "idk": "i don't know", "thats": "that's", "whats": "what's",
    "whos": "who's", "hows": "how's", "youre": "you're", "theyre": "they're", "id": "i'd",
    "qscore": "q score", "qscores": "q scores", "roleplay": "roleplay", "roleplays": "roleplays",
    "role-play": "roleplay", "rolepaly": "roleplay", "rp": "roleplay", "b4": "before",
    "cs": "customer success", "csm": "customer success manager", "asap": "asap",
    "recs": "recordings", "ok": "okay", "k": "okay", "ppl": "people", "msg": "message",
    "yr": "year", "yrs": "years", "info": "information", "esp": "especially",
    "prep'd": "prepared", "session_video": "session video", "session_audio": "session audio",
    "1st": "first", "2nd": "second", "3rd": "third",
    "havent": "haven't", "hasnt": "hasn't", "shouldnt": "shouldn't", "wouldnt": "wouldn't",
    "couldnt": "couldn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't",
}  # fmt: skip
# The service's words in the other languages its users write in, mixed into English or not
# ("Bitte jetzt starten: Gehaltsverhandlung ...", "abhi start karo roleplay"): German, and
# Hindi as typed in Latin letters. Only words that are no English word, umlauts as plain
# letters (normalize_text folds them first); the rows then read them as the English words.
FOREIGN = {
    # German
    "rollenspiel": "roleplay", "rollenspiele": "roleplays", "rollenspiels": "roleplay",
    "ubung": "practice", "uben": "practise", "entwurf": "draft", "entwurfs": "draft",
    "freigeben": "approve", "freigabe": "approval", "genehmigen": "approve",
    "starten": "start", "beginnen": "begin", "jetzt": "now", "sofort": "immediately",
    "bitte": "please", "passt": "looks good", "spater": "later", "morgen": "tomorrow",
    "nicht": "not",
    "fragen": "questions", "frage": "question", "anpassen": "edit", "andern": "change",
    "bearbeiten": "edit", "bewertung": "review", "auswertung": "review",
    "zuweisung": "assignment", "zuweisungen": "assignments", "zuruckziehen": "withdraw",
    "entfernen": "remove", "aufnahme": "recording", "minuten": "minutes", "tiefe": "deep",
    "tiefere": "deeper", "kurze": "quick", "schnelle": "quick",
    "gehaltsverhandlung": "salary negotiation", "gehaltsgesprach": "salary negotiation",
    "gehaltserhohung": "raise", "beforderung": "promotion", "kunde": "customer",
    "kunden": "customers", "verlangerung": "renewal", "verlangern": "renew",
    "sicher": "sure", "teamleiter": "manager",
    "teamleiterin": "manager", "abteilungsleiter": "manager", "abteilungsleiterin": "manager",
    "vorgesetzter": "manager", "vorgesetzten": "manager", "ich": "i", "mochte": "would like",
    "kannst": "can", "konnen": "can", "mein": "my", "meine": "my", "meinem": "my",
    "meinen": "my", "meiner": "my", "mit": "with", "letztes": "last", "letzte": "last",
    "vorschau": "preview", "zeig": "show", "zeige": "show", "mir": "me", "erst": "first",
    "erstmal": "first", "nur": "just", "planen": "prepare", "gesprach": "conversation",
    "konfliktgesprach": "conflict conversation", "kollegin": "colleague", "kollege": "colleague",
    "hochladen": "upload", "herunterladen": "download", "fur": "for", "und": "and",
    "rangliste": "leaderboard", "besten": "best", "anzeigen": "show", "ergebnisse": "results",
    "aufheben": "cancel", "lebenslauf": "resume", "anschreiben": "cover letter",
    "vorstellungsgesprach": "job interview", "bewerbungsgesprach": "job interview",
    # Hindi in Latin letters ("abhi", now, is a name too: plan() reads it only next to a start)
    "karo": "please", "kijiye": "please", "karein": "please", "chalo": "let's",
    "shuru": "start", "hatao": "remove", "dikhao": "show", "meri": "my", "mera": "my",
    "kaun": "which", "nahi": "not",
    # Arabic in Latin letters
    "yalla": "let's",
    # Spanish (the articles and small words too: "muéstrame el escenario")
    "el": "the", "los": "the", "las": "the", "una": "a", "mi": "my", "mis": "my",
    "con": "with", "para": "for", "y": "and", "sin": "no", "del": "of the", "en": "in",
    "quiero": "i want", "quiere": "wants", "necesito": "i need to", "practicar": "practise",
    "practiquemos": "let's practise", "ensayar": "rehearse", "preparar": "prepare",
    "prepara": "prepare", "preparame": "prepare me", "muestrame": "show me", "ensename": "show me",
    "muestra": "show", "mostrar": "show", "ver": "see", "empezar": "start", "empieza": "start",
    "empecemos": "let's start", "comenzar": "start", "comienza": "start",
    "comencemos": "let's start", "iniciar": "start", "inicia": "start", "inicies": "start",
    "inicie": "start", "lanzar": "launch", "lanza": "launch", "vamos": "let's", "ahora": "now",
    "luego": "later", "despues": "later", "manana": "tomorrow", "ayer": "yesterday",
    "primero": "first", "antes": "first", "borrador": "draft", "escenario": "scenario",
    "simulacion": "simulation", "practica": "practice", "sesion": "session", "llamada": "call",
    "conversacion": "conversation", "reunion": "meeting", "negociacion": "negotiation",
    "negociar": "negotiate", "salario": "salary", "salarial": "salary", "aumento": "raise",
    "oferta": "offer", "ascenso": "promotion", "jefe": "boss", "jefa": "boss",
    "gerente": "manager", "reclutador": "recruiter", "reclutadora": "recruiter",
    "cliente": "customer", "clientes": "customers", "venta": "sale", "ventas": "sales",
    "cerrar": "close", "cierre": "closing", "descuento": "discount", "soporte": "support",
    "renovacion": "renewal", "queja": "complaint", "equipo": "team", "companero": "colleague",
    "companera": "colleague", "rapida": "quick", "rapido": "quick", "corta": "short",
    "profunda": "deep", "profundo": "deep", "minutos": "minutes", "resultados": "results",
    "puntuaciones": "scores", "mejores": "best",
    "clasificacion": "ranking", "asignar": "assign", "asigna": "assign",
    "asignacion": "assignment", "asignaciones": "assignments", "desasignar": "unassign",
    "quita": "remove", "quitar": "remove", "elimina": "remove", "preguntas": "questions",
    "pregunta": "question", "cambia": "change", "cambiar": "change", "modifica": "modify",
    "edita": "edit", "aprueba": "approve", "aprobar": "approve", "activalo": "activate it",
    "subir": "upload", "subi": "uploaded", "sube": "upload", "descargar": "download",
    "descarga": "download", "grabacion": "recording", "entrevista": "interview",
    "simulacro": "mock", "simulada": "mock", "quien": "who", "tiene": "has", "hola": "hello",
    "nuevo": "new", "este": "this", "trabajo": "job", "curriculum": "resume", "hazme": "make me",
    "puedo": "can i", "favor": "please", "muestras": "show", "subo": "upload",
    "recomendaciones": "recommendations",
    # Portuguese
    "o": "the", "um": "a", "uma": "a", "meu": "my", "minha": "my", "com": "with",
    "em": "in", "sobre": "about", "nao": "not", "quero": "i want", "praticar": "practise",
    "treinar": "to practise", "pratica": "practice", "ensaiar": "rehearse", "comecar": "start",
    "comeca": "start", "comecamos": "let's start", "agora": "now", "depois": "later",
    "mostra": "show", "mostre": "show", "rascunho": "draft", "previa": "preview",
    "conversa": "conversation", "negociacao": "negotiation", "gestor": "manager",
    "chefe": "boss", "gravacao": "recording", "enviar": "submit", "demonstracao": "demo",
    "escalonamento": "escalation", "curriculo": "resume",
    # French ("pas", alone or after "ne", is a negator: "lance pas" never launches)
    "je": "i", "j'ai": "i have", "veux": "want", "voudrais": "would like",
    "j'aimerais": "i would like", "m'entrainer": "to practise", "entrainer": "practise",
    "entrainement": "practice", "pratiquer": "practise", "preparer": "prepare",
    "montre": "show", "montrez": "show", "moi": "me", "voir": "see", "lancer": "launch",
    "lancez": "launch", "commencer": "start", "commencons": "let's start",
    "maintenant": "now", "pas": "not", "ne": "not", "brouillon": "draft", "apercu": "preview",
    "d'abord": "first", "seance": "session", "negociation": "negotiation", "salaire": "salary",
    "augmentation": "raise", "vente": "sale", "ventes": "sales", "decouverte": "discovery",
    "directeur": "director", "directrice": "director", "reseauter": "network",
    "reseautage": "networking", "resultats": "results", "classement": "ranking",
    "meilleurs": "best", "meilleures": "best", "assigner": "assign", "assignation": "assignment",
    "assignations": "assignments", "desassigner": "unassign", "modifie": "modify",
    "modifier": "modify", "changer": "change", "deuxieme": "second", "premiere": "first",
    "approuve": "approve", "j'approuve": "i approve", "valider": "approve",
    "telecharger": "download", "enregistrement": "recording", "entretien": "interview",
    "l'entretien": "the interview", "d'embauche": "job", "sans": "without", "avec": "with",
    "pour": "for", "mon": "my", "ma": "my", "mes": "my", "le": "the", "la": "the",
    "les": "the", "une": "a", "du": "of the", "et": "and", "stp": "please", "svp": "please",
    "est": "is", "sont": "are", "quelles": "what", "quels": "what", "quelle": "what",
    "quel": "what", "finie": "finished", "fini": "finished", "terminee": "finished",
    "rapide": "quick", "courte": "short", "approfondie": "deep",
    # Polish (letters folded: "podwyżka" as "podwyzka")
    "zacznijmy": "let's start", "zaczynamy": "let's start", "zaczynaj": "start",
    "zacznij": "start", "startuj": "start", "teraz": "now", "nie": "not",
    "przygotuj": "prepare", "scenariusz": "scenario", "rozmowe": "conversation",
    "rozmowa": "conversation", "rozmowy": "conversation", "podwyzke": "raise",
    "podwyzki": "raise", "podwyzce": "raise", "podwyzka": "raise", "negocjacja": "negotiation",
    "negocjacje": "negotiation", "ale": "but", "dyrektorem": "director",
    "dyrektor": "director", "szef": "boss", "szefem": "boss", "sesje": "session",
    "sesji": "session", "sesja": "session", "minut": "minutes", "pelna": "full",
    "symulacja": "simulation", "symulacje": "simulation", "pobierz": "download",
    "nagranie": "recording", "mojej": "my", "moja": "my", "moje": "my", "moj": "my",
    "proba": "practice", "napisz": "write",
    # Tagalog
    "tara": "let's", "simulan": "start", "ngayon": "now", "muna": "first", "ipakita": "show",
    "pakita": "show", "gawa": "make", "pakigawa": "please make", "yung": "the", "ang": "the",
    "mga": "", "sa": "in", "ko": "my", "palitan": "change", "unang": "first",
    "tanong": "question", "alisin": "remove", "anong": "what", "sino": "who", "isang": "a",
}  # fmt: skip
# Phrases of those languages whose words mean something else alone ("ya" is "now" after a
# start verb, "already" before a past one; "vamos a practicar" is "let's practise", not "a
# practice"): read as one, before the words (a phrase matches whole tokens, folded letters).
FOREIGN_PHRASES = {
    # Spanish
    "vamos a": "let's", "voy a": "i'm going to", "ahora mismo": "right now",
    "empecemos ya": "let's start now", "empieza ya": "start now", "comienza ya": "start now",
    "empezamos ya": "let's start now", "aun no": "not yet", "todavia no": "not yet",
    "antes de empezar": "before starting", "antes de iniciar": "before starting",
    "por favor": "please", "vista previa": "preview", "ya no": "no longer",
    "ya subi": "i already uploaded", "mi curriculum": "my resume", "el curriculum": "the resume",
    "entrevista simulada": "mock interview", "jeu de role": "roleplay",
    "jeux de role": "roleplays",
    # Portuguese
    "vamos comecar": "let's start", "ainda nao": "not yet",
    # French
    "on commence": "let's start", "tout de suite": "right away",
    "plus tard": "later", "pas encore": "not yet", "c'est bon": "looks good",
    "en attente": "pending", "lance la": "launch the", "lance le": "launch the",
    "lettre de motivation": "cover letter",
    # German
    "erst mal": "first", "noch nicht": "not yet", "im entwurf": "in the draft",
    "lass uns": "let's",
    # Hindi
    "abhi nahi": "not now", "shuru karte hain": "let's start", "karte hain": "",
    "hata do": "remove", "theek hai": "okay", "kar do": "please",
    # Polish
    "jeszcze nie": "not yet", "w przyszlym tygodniu": "next week",
    "rozmowy kwalifikacyjnej": "job interview", "rozmowa kwalifikacyjna": "job interview",
    "list motywacyjny": "cover letter",
    # Tagalog
    "simulan na natin": "let's start", "simulan natin": "let's start", "hindi pa": "not yet",
    "wala pa": "not yet", "mo na": "", "na natin": "",
}  # fmt: skip
# "'s" is a contraction in these words; elsewhere it is a possessive and is dropped.
_CONTRACTIONS = wordset(
    "it's that's what's who's there's here's he's she's let's how's where's when's why's one's"
)


# Words the rows rely on; a token one edit away from one of them is read as it (typos).
VOCABULARY = wordset(
    """
    activate advice approve artifact assign assigned assignment assignments attach audio
    begin bonus bulk cancel change closing competition conflict conversation cover customer
    customers deadline deadlines demo discount discovery download draft drill edit emma
    escalation expansion extended feedback interview interviews john kapil launch leaderboard
    letter list manager mock negotiate negotiating negotiation networking objection objections
    onboarding outline payal pitch practice practise practising practicing prepare preview
    procurement promotion prompts prospect question questions quick ranking readiness
    recording recruiter rehearsal rehearse remove renewal replace resume results review
    reword roleplay roleplays salary scenario score session simulate simulation start support
    stakeholder tailor teammate thorough transcript troubleshoot troubleshooting tweak
    unassign update upload video handling handle recording prospect client escalate
    colleague coworker schedule rehearsing scenarios sessions
    """
)
# Ordinary words one edit away from a vocabulary word: never "corrected".
KNOWN_WORDS = wordset(
    "practical lunch smart stars state manage managed managers launches through praise"
    " sale star stat scare scope store score drafts demos cover lover clients client's"
    " start's started starts stark stack later letters letter outlines revise revue"
    " preview's reviews reviewer reviewed drills drilled pitches pitched resumed"
    " session's sessions' question's assigns customs coworkers teammates prospects"
    " uploads updates update's changed changes edits edited listed lists listing banking"
    " bonuses handled handles handler scores scored scoring dealer demon promotions"
    " promoted rehearsed recorded recordings videos tweaks replaced removed practised practiced"
)


# Frequent words that are never typos of the vocabulary (they skip the typo check).
COMMON_WORDS = wordset(
    """
    about above after again against also always another anything around asked asking
    because been before being below between both cannot could couldn't days does doing
    done down during each else even ever every everyone everything from further gets
    getting give given gives going gone good great have having he'd he's hello help here
    hers herself himself into it's itself just keep keeps know last least left less like
    little long look looking made make makes making many maybe mean might mine more most
    much must myself need needs never next nice nothing once only other others ours
    ourselves over own people please pretty quite rather really right same says seem
    should since some someone something soon still such sure take takes taking tell than
    thank thanks that that's their theirs them themselves then there these they thing
    things think this those though thought through today told tomorrow took toward under
    until upon used using very want wants wanted week weeks well went were what what's
    when where which while whole whom whose will wish with within without work working
    worried would wouldn't year years you'd you'll you're you've your yours yourself
    actually already anyone best better bit calls called calling came come comes coming
    company couple current currently doesn't didn't don't during early email emails end
    ended enough first five four free friday full gave happy hard hate haven't isn't kind
    later let's life line live lost love meet meeting meetings message minute minutes
    monday month months morning name new news night number nervous okay open part past
    plan plans point price problem quickly ready real reason run running said saturday
    second seems send sent seven shift show since six small sound sounds speak stay stop
    story stuff sunday team teams tech than three thursday time times tired tonight
    tough tuesday twice under wednesday what's whether while word words worse worst
    wrong yesterday i've i'll who's we'll we're they're feel feels asks asked senior
    enterprise hospital skeptical marketing conference startup security retail bank
    answering accept management half across become project can't agency software chain
    saying event harder demands offered missed product products service services client's
    company's business businesses contract quarter strong increase after year years
    weekly monthly data platform experience position career job jobs role roles staff
    engineer engineering design designer developer analyst director directors office
    group people person someone anyone everyone friend friendly nice rude angry happy
    upset hard easy difficult tense awkward polite calm confident nervous scared stressed
    want wanted trying tried explain explaining asking telling talking talked speak
    speaking said says tell told call calls calling called meeting email emails
    """
)


def _deletes(word: str) -> list[str]:
    return [word[:index] + word[index + 1 :] for index in range(len(word))]


def _typo_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(a word missing one letter -> the word, a one-letter-deletion key -> the word)."""
    missing: dict[str, str] = {}
    for known in sorted(VOCABULARY):
        for variant in _deletes(known):
            if variant not in VOCABULARY and variant not in KNOWN_WORDS:
                missing.setdefault(variant, known)
    return missing, dict(missing)


_MISSING_LETTER, _DELETE_KEYS = _typo_tables()
_LONGEST_TYPO = max(len(word) for word in VOCABULARY) + 1


def _pattern_words() -> frozenset[str]:
    """The plain words the rows spell out, with their optional "s" (known-good: no typos)."""
    found: set[str] = set()
    for row in SIGNALS:
        for pattern in row.patterns:
            for match in re.finditer(r"(?<![\\a-z])([a-z]{4,})(s\?)?(?![a-z(\\\[?*+{])", pattern):
                found.add(match.group(1))
                if match.group(2):
                    found.add(match.group(1) + "s")
    return frozenset(found)


# The small words the rows' phrases hinge on ("approve the draft", "start the roleplay now"):
# a typo there breaks the phrase as surely as one in "approve". correct_word fixes only the
# vocabulary (4 letters and more), so these are fixed for two neighbouring letters swapped
# ("teh", "waht", "tihs"), the typo of fast typing; a swap that is a word itself is not one.
FUNCTION_WORDS = wordset(
    "the and you now for our not this that with from your just what about please them they"
    " then their when where which have want some into after before"
)
_SWAPS_THAT_ARE_WORDS = wordset("fro juts")


def _function_word_swaps(known: Iterable[str]) -> dict[str, str]:
    taken = set(known) | _SWAPS_THAT_ARE_WORDS
    swaps: dict[str, str] = {}
    for word in sorted(FUNCTION_WORDS):
        for index in range(len(word) - 1):
            variant = word[:index] + word[index + 1] + word[index] + word[index + 2 :]
            if variant != word and variant not in taken:
                swaps.setdefault(variant, word)
    return swaps


_KNOWN_TOKENS: dict[str, str] = {
    **{word: word for word in VOCABULARY | KNOWN_WORDS | COMMON_WORDS | _pattern_words()},
    **SLANG,
    **FOREIGN,
}
FUNCTION_WORD_SWAPS = _function_word_swaps(_KNOWN_TOKENS)
_KNOWN_TOKENS = {**FUNCTION_WORD_SWAPS, **_KNOWN_TOKENS}


def _swapped(word: str, target: str) -> bool:
    """True when word is target with two neighbouring letters swapped."""
    if len(word) != len(target) or word == target:
        return False
    diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and word[diffs[0]] == target[diffs[1]]
        and word[diffs[1]] == target[diffs[0]]
    )


def correct_word(word: str) -> str:
    """The vocabulary word a likely typo stands for; the word itself when there is none.

    One edit (a letter missing, extra, wrong, or two neighbours swapped), found through
    one-letter deletions (SymSpell's idea) instead of a scan of the vocabulary. Words of 4-5
    letters are fixed only for a missing letter or a swap ("strt", "strat"); KNOWN_WORDS never.
    """
    if not 4 <= len(word) <= _LONGEST_TYPO or word in VOCABULARY or word in KNOWN_WORDS:
        return word
    if not word.isalpha():
        return word
    found = _MISSING_LETTER.get(word)
    if found is not None:
        return found
    long_enough = len(word) >= 6
    for variant in _deletes(word):
        if long_enough and variant in VOCABULARY:  # one extra letter
            return variant
        target = _DELETE_KEYS.get(variant)
        if target is None or len(target) != len(word):
            continue
        if long_enough or _swapped(word, target):  # one wrong letter, or a swap
            return target
    return word


def normalize_text(text: str) -> str:
    """Lower case, tokens separated by one space, slang expanded, typos fixed."""
    lowered = text.lower()
    # Most texts are plain ASCII: translate (and the hyphen pass) only what they change.
    if not lowered.isascii():
        lowered = lowered.translate(_TRANSLATE)
    else:
        for char in _ASCII_TRANSLATED:
            if char in lowered:
                lowered = lowered.translate(_TRANSLATE)
                break
    if "-" in lowered:  # _HYPHEN and "start-up" match only at a hyphen
        if "start-up" in lowered:  # a company, not "start up the session"
            lowered = lowered.replace("start-up", "startup")
        lowered = _HYPHEN.sub(" ", lowered)
    if "/" in lowered:
        lowered = lowered.replace("w/o ", "without ").replace("w/", "with ")
    if "1" in lowered:
        lowered = _ONE_ON_ONE.sub(" one on one ", lowered)
    known = _KNOWN_TOKENS.get
    tokens = []
    raw = _tokens(lowered)
    if not _PHRASE_ANCHORS.isdisjoint(raw):
        raw = _read_phrases(raw)
    for token in raw:
        mapped = known(token)
        if mapped is None:
            if token.endswith("'s") and token not in _CONTRACTIONS:
                token = token[:-2]
                mapped = known(token)
            if mapped is None:
                mapped = correct_word(token) if len(token) >= 4 else token
        if mapped:  # (a foreign word that only marks grammar maps to nothing)
            tokens.append(mapped)
    return " ".join(tokens)


def _phrase_table() -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """FOREIGN_PHRASES by first word: (its words, the English words), longest first."""
    table: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase, english in FOREIGN_PHRASES.items():
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append((words, tuple(english.split())))
    return {head: tuple(sorted(rows, key=lambda row: -len(row[0]))) for head, rows in table.items()}


def _anchor(phrase: str) -> str:
    """The word a phrase is looked for by: its longest word that is no English word the
    table knows ("on commence": "commence", as "on" is in most English texts)."""
    words = phrase.split()
    english = _KNOWN_TOKENS.keys() - FOREIGN.keys()
    foreign = [word for word in words if word not in english and len(word) > 2]
    return max(foreign or words, key=len)


_PHRASES = _phrase_table()
_PHRASE_ANCHORS = frozenset(_anchor(phrase) for phrase in FOREIGN_PHRASES)


def _read_phrases(raw: list[str]) -> list[str]:
    """The tokens with each FOREIGN_PHRASES phrase replaced by its English words."""
    found: list[str] = []
    index = 0
    while index < len(raw):
        for words, english in _PHRASES.get(raw[index], ()):
            if tuple(raw[index : index + len(words)]) == words:
                found.extend(english)
                index += len(words)
                break
        else:
            found.append(raw[index])
            index += 1
    return found


def _tokens(lowered: str) -> list[str]:
    """_TOKEN.findall(lowered), without the regex for plain words and a final punctuation run.

    No token holds whitespace, so the tokens of the text are those of its words in turn.
    """
    found: list[str] = []
    for word in lowered.split():
        if word.isascii() and word.isalnum():
            found.append(word)
            continue
        stripped = word.rstrip(_PUNCTUATION)
        if stripped and stripped.isascii() and stripped.isalnum():
            found.append(stripped)
            found.append(word[len(stripped) :])  # one run of punctuation: one token
        else:
            found.extend(_TOKEN.findall(word))
    return found


# --- the one compiled pass -------------------------------------------------------------------


_META = frozenset("\\[](){}|.*+?^$")


def literal_prefix(pattern: str) -> str:
    """The literal characters a pattern starts with (a first "." or "?" is literal too)."""
    if not pattern or pattern[0] in "\\[({|":
        raise ValueError(f"a row's pattern must start with a literal character: {pattern!r}")
    end = 1
    while end < len(pattern) and pattern[end] not in _META:
        end += 1
    if end < len(pattern) and pattern[end] in "*+?{":
        end -= 1  # the last literal is quantified: it is not a fixed prefix
    return pattern[: max(end, 1)] if pattern[0] not in "*+?{" else pattern[0]


_PLAIN = re.compile(r"[a-z0-9' _@%&#,;:!?.-]+")
_PLURAL = re.compile(r"([a-z0-9' ]+)s\?")


def expand(pattern: str) -> list[str]:
    """A pattern starting with a group of plain words, "(?:a|b) x", as ["a x", "b x"]: every
    alternative of the table starts with a literal, so the trie can index it."""
    if not pattern.startswith("(?:"):
        return [pattern]
    depth, index = 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            break
        index += 1
    inner, rest = pattern[3:index], pattern[index + 1 :]
    choices = inner.split("|")
    if rest[:1] in {"?", "*", "+", "{"} or not all(_PLAIN.fullmatch(c) for c in choices):
        raise ValueError(f"a row's pattern must start with a literal character: {pattern!r}")
    return [expanded for choice in choices for expanded in expand(choice + rest)]


def _literals(pattern: str) -> tuple[str, ...] | None:
    """The exact texts a pattern matches when it is plain words ("tips", "recruiters?")."""
    body = pattern[:-2] if pattern.endswith("\\b") else pattern
    if _PLAIN.fullmatch(body) and not any(char in body[1:] for char in ".?"):
        return (body,)
    plural = _PLURAL.fullmatch(body)
    if plural is not None and _PLAIN.fullmatch(plural.group(1)):
        return (plural.group(1), plural.group(1) + "s")
    return None


def _trie(entries: list[tuple[int, str, str | None]], depth: int, groups: list[int]) -> str:
    """Alternatives sharing prefix[:depth], as nested literal branches (sre skips a branch
    whose first literal does not match, so a token is tried only against its own rows).

    Order is priority: entries whose prefix ends here may match anything at this node, so
    they stay in place; between them, entries are grouped by their next character (two of
    those can never match the same text, so their relative order does not matter). A plain
    word (rest None) needs no group: the matched text names its row."""
    parts: list[str] = []
    pending: dict[str, list[tuple[int, str, str | None]]] = {}

    def flush() -> None:
        for char, run in pending.items():
            parts.append(re.escape(char) + "(?:" + _trie(run, depth + 1, groups) + ")")
        pending.clear()

    for entry in entries:
        owner, prefix, rest = entry
        if len(prefix) == depth:
            flush()
            if rest is None:
                parts.append("")
            else:
                # An empty group at the end names the row: no mark is set while the row is
                # tried, so sre's mark saving (at every branch inside a repeat) stays cheap.
                parts.append(f"(?:{rest})()")
                groups.append(owner)
        else:
            pending.setdefault(prefix[depth], []).append(entry)
    flush()
    return "|".join(parts)


def compile_rows(
    rows: Iterable[Signal],
) -> tuple[re.Pattern[str], tuple[Signal, ...], dict[str, Signal]]:
    """One regex for `rows`; the row each capturing group belongs to (index = group - 1);
    the row each plain word belongs to (matches without a group).

    The rows' literal prefixes form a trie of nested branches: at each token the engine
    follows the token's letters instead of trying every row; the table order stays the
    priority order wherever two rows could match the same words. Few groups keep each
    match cheap (sre copies every group's span into each match object).
    """
    table = tuple(rows)
    entries: list[tuple[int, str, str | None]] = []
    plain: dict[str, Signal] = {}
    for index, row in enumerate(table):
        for pattern in (each for written in row.patterns for each in expand(written)):
            literals = _literals(pattern)
            if literals is not None:
                for literal in literals:
                    entries.append((index, literal, None))
                    plain.setdefault(literal, row)
                continue
            prefix = literal_prefix(pattern)
            entries.append((index, prefix, pattern[len(prefix) :]))
    groups: list[int] = []
    compiled = re.compile(" (?:" + _trie(entries, 0, groups) + ")(?= )")
    if compiled.groups != len(groups):
        raise ValueError("a row's pattern has a capturing group; use (?:...)")
    return compiled, tuple(table[index] for index in groups), plain


class Hit:
    """A row that matched and where (offsets into the scanned text, which starts with " ")."""

    __slots__ = ("end", "signal", "start")

    def __init__(self, signal: Signal, start: int, end: int) -> None:
        self.signal = signal
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Hit({self.signal.name!r}, {self.start}, {self.end})"


class Scan:
    """The normalized text and the rows found in it, in order."""

    __slots__ = ("hits", "text")

    def __init__(self, text: str, hits: list[Hit]) -> None:
        self.text = text
        self.hits = hits

    def text_of(self, hit: Hit) -> str:
        return self.text[hit.start : hit.end]


class Scanner:
    """A compiled table: scan() is one finditer over the normalized text."""

    __slots__ = ("owners", "plain", "regex")

    def __init__(self, rows: Iterable[Signal]) -> None:
        self.regex, self.owners, self.plain = compile_rows(rows)

    def hits(self, normalized: str) -> Scan:
        text = " " + normalized + " "
        owners, plain = self.owners, self.plain
        found = []
        for match in self.regex.finditer(text):
            start, end = match.span()
            group = match.lastindex
            row = plain[text[start + 1 : end]] if group is None else owners[group - 1]
            found.append(Hit(row, start + 1, end))
        return Scan(text, found)


_SCANNERS: dict[str, Scanner] = {}


def scanner(name: str = "all") -> Scanner:
    """The compiled table ("all"), or its roleplay_type rows alone ("roleplay_type").

    Compiled on first use, once per process (it is the table, not a result: nothing that
    depends on the words scanned is kept).
    """
    found = _SCANNERS.get(name)
    if found is None:
        rows = SIGNALS if name == "all" else tuple(s for s in SIGNALS if s.kind == name)
        found = _SCANNERS[name] = Scanner(rows)
    return found


def scan(text: str) -> Scan:
    """Every row that matches `text` (normalized first), in order."""
    return scanner().hits(normalize_text(text))


def best_roleplay_type(hits: Iterable[Hit]) -> str | None:
    """The roleplay_type of the conversation the words name, if any.

    The strongest single hit decides (a named conversation, "renewal", outweighs any number
    of details, "procurement", "discount"); then the total weight; then the earliest.
    """
    totals: dict[str, int] = {}
    strongest: dict[str, int] = {}
    first: dict[str, int] = {}
    for hit in hits:
        signal = hit.signal
        if signal.kind == "roleplay_type":
            value = signal.value
            totals[value] = totals.get(value, 0) + signal.weight
            strongest[value] = max(strongest.get(value, 0), signal.weight)
            first.setdefault(value, hit.start)
    if not totals:
        return None
    return max(totals, key=lambda value: (strongest[value], totals[value], -first[value]))


def infer_type(text: str) -> str | None:
    """The roleplay_type a text's words map to (the roleplay_type rows only), if any.

    best_roleplay_type over the roleplay_type scanner's hits, tallied as the matches come
    (no Hit objects): values are met in the order of their first hit, and max() keeps the
    first of equal keys, so the earliest wins a tie as there.
    """
    found = scanner("roleplay_type")
    scanned = " " + normalize_text(text) + " "
    owners, plain = found.owners, found.plain
    totals: dict[str, int] = {}
    strongest: dict[str, int] = {}
    for match in found.regex.finditer(scanned):
        group = match.lastindex
        if group is None:
            start, end = match.span()
            signal = plain[scanned[start + 1 : end]]
        else:
            signal = owners[group - 1]
        value, weight = signal.value, signal.weight
        if value in totals:
            totals[value] += weight
            if weight > strongest[value]:
                strongest[value] = weight
        else:
            totals[value] = weight
            strongest[value] = max(weight, 0)
    if not totals:
        return None
    return max(totals, key=lambda value: (strongest[value], totals[value]))
