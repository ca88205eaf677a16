"""Reading a brief: its labelled parts ("Goal: ... Stakes: ..."), else what the words say.

A preview should read like the scenario the person asked for, so the counterpart, goal,
stakes, objections and outcome come from the brief itself: its labels when it has them
(compose_brief writes them), otherwise a few plain patterns over the sentences ("with my
manager", "I want to ask for 170k", "she'll say the budget is frozen", "I'd settle for
165k"). Deterministic templates and regular expressions only; nothing here pretends to be an
AI, and a part the brief does not give is left out rather than made up.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_LABEL = re.compile(
    r"\b(likely objections|desired outcome|objections|outcome|goal|counterpart|stakes|setting"
    r"|situation)\s*:",
    re.IGNORECASE,
)
_LABEL_KEYS = {
    "goal": "goal",
    "counterpart": "counterpart",
    "stakes": "stakes",
    "setting": "setting",
    "situation": "setting",
    "likely objections": "likely_objections",
    "objections": "likely_objections",
    "desired outcome": "desired_outcome",
    "outcome": "desired_outcome",
}

# Who the person will talk to, as a brief names them; the earliest mention wins. A mention
# marked generic ("a customer") gives way to the roleplay type's own customer.
_TITLES = r"cfo|ceo|cto|coo|cio|cmo|cro|vp of [a-z]+|head of [a-z]+"
_NOT_MY_MANAGER = "".join(
    f"(?<!{word} )" for word in ("product", "project", "program", "account", "hiring", "office")
)
_MENTIONS: tuple[tuple[re.Pattern[str], str | None, bool], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), name, generic)
    for pattern, name, generic in (
        (r"\bhiring managers?\b", "The hiring manager", False),
        (r"\brecruiters?\b|\btalent partners?\b", "The recruiter", False),
        (r"\bskip[- ]level(?: manager)?\b", "Your skip-level manager", False),
        (rf"{_NOT_MY_MANAGER}\bmanagers?\b|\bboss\b|\bsupervisor\b", "Your manager", False),
        (r"\bdirect reports?\b", "Your direct report", False),
        (rf"\b(?:{_TITLES})\b", None, False),  # named as written: "The CFO"
        (r"\bprocurement(?: lead| manager)?\b", "The procurement lead", False),
        (r"\bbuyers?\b|\bprospects?\b|\bdecision[- ]makers?\b", "The buyer", False),
        (r"\bcustomers?\b|\bclients?\b", "The customer", True),
        (r"\bstakeholders?\b", "A senior stakeholder", False),
        (r"\bcolleagues?\b|\bco-?workers?\b|\bteammates?\b", "A colleague", False),
        (r"\bmentors?\b|\bsenior peers?\b|\bindustry contacts?\b", "A senior peer", False),
    )
)
_ACRONYMS = frozenset({"cfo", "ceo", "cto", "coo", "cio", "cmo", "cro", "vp"})

# A custom conversation's topic when no conversation_type was given, from the brief's words:
# (pattern, the topic as a title, what the counterpart opens by asking about).
_TOPICS = tuple(
    (re.compile(pattern, re.IGNORECASE), name, subject)
    for pattern, name, subject in (
        (
            r"\b(?:salary|raise|compensation|pay (?:rise|increase))\b",
            "salary negotiation",
            "your salary",
        ),
        (r"\boffers?\b", "offer negotiation", "the offer"),
        (r"\bpromot(?:ion|ed)\b", "promotion conversation", "a promotion"),
        (r"\brecruiters?\b", "recruiter call", "the role"),
        (r"\bnetwork", "networking conversation", "your career plans"),
        (r"\bconflict|\bdisagree", "conflict conversation", "what happened"),
        (r"\bstakeholders?\b|\balignment\b", "stakeholder conversation", "the plan"),
        (r"\bfeedback\b", "feedback conversation", "the feedback"),
    )
)

_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_WANT = re.compile(
    r"\bI(?:\s+really)?(?:\s+(?:want|need|hope|plan|mean)|'d like|\s+would like|'m going"
    r"|\s+am going)\s+to\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_PRACTICE = re.compile(
    r"^(?:practi[cs]e|rehearse|prepare(?: for)?|prep(?: for)?|run through|work on"
    r"|get better at)\s+",
    re.IGNORECASE,
)
_MODAL = (
    r"(?:'ll|'d|\s+(?:will|would|might|may|could|can|usually|probably|always|often|likely"
    r"|even))*"
)
_SUBJECT = r"\b(?:they|he|she|(?:my|the|our|their|her|his) [a-z-]+(?: [a-z-]+)?)"
_SAYS = re.compile(
    rf"{_SUBJECT}{_MODAL}\s+(?:says?|argues?|claims?|objects?|insists?|tells? me|pushe?s? back"
    rf" (?:with|on)|comes? back with|counters? with)\s+(?:that\s+)?(?P<what>[^.!?]+)",
    re.IGNORECASE,
)
_ALTERNATIVES = re.compile(r",?\s+or\s+(?:that\s+)?|;\s*|,\s+and\s+that\s+", re.IGNORECASE)
_STAKES = re.compile(
    r"\b(?:at stake|stakes|deadline|expires?|expiring|locks?|locked|otherwise"
    r"|if (?:I|we) (?:don't|do not|miss|lose)|or (?:I|we)(?:'ll| will) (?:lose|miss|wait))\b",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\bI(?:'d| would| will|'ll| could)\s+(?:settle|be happy|accept|take)(?:\s+(?:for|with))?"
    r"\s+(?P<a>[^.!?]+)|\b(?:walk away|leave|come out|end up) with\s+(?P<b>[^.!?]+)",
    re.IGNORECASE,
)
# The -ing form a practice request starts with, as a goal's verb ("negotiating" -> "Negotiate").
_BASE_FORMS = {
    "asking": "ask",
    "closing": "close",
    "convincing": "convince",
    "delivering": "deliver",
    "discussing": "discuss",
    "explaining": "explain",
    "getting": "get",
    "giving": "give",
    "handling": "handle",
    "making": "make",
    "negotiating": "negotiate",
    "pitching": "pitch",
    "presenting": "present",
    "pushing": "push",
    "raising": "raise",
    "renewing": "renew",
    "requesting": "request",
    "resolving": "resolve",
    "saying": "say",
    "talking": "talk",
    "telling": "tell",
}


def squash(text: str, limit: int) -> str:
    """One line of printable text, whitespace collapsed, at most `limit` characters."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """ "The budget" -> "the budget"; "I need", "CFO" and "Acme" stay as they are."""
    if text.startswith(("I ", "I'")) or text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def parse_labels(brief: str) -> dict[str, str]:
    """Labelled parts of a brief ("Goal: ... Stakes: ..."); text before any label is the intro."""
    parts: dict[str, str] = {}
    matches = list(_LABEL.finditer(brief))
    intro = brief[: matches[0].start()] if matches else brief
    parts["intro"] = squash(intro, 4000)
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(brief)
        value = squash(brief[match.end() : end], 2000).rstrip(" .")
        key = _LABEL_KEYS[match.group(1).lower()]
        if value and key not in parts:
            parts[key] = value
    return parts


def sentences(text: str) -> list[str]:
    """The text's sentences, end punctuation and surrounding spaces removed."""
    found = (match.group(0).strip().rstrip(".!? ").strip() for match in _SENTENCE.finditer(text))
    return [sentence for sentence in found if sentence]


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return (match.group(1) if match else text).rstrip(" .")


def _as_goal(rest: str) -> str:
    words = rest.split(maxsplit=1)
    if words and words[0].lower() in _BASE_FORMS:
        words[0] = _BASE_FORMS[words[0].lower()]
    return capitalize(" ".join(words).rstrip(" ,;"))


def free_goal(text: str) -> tuple[str, str] | None:
    """(goal, its sentence) from "I want to ...": a concrete want before a practice request."""
    wants = []
    for sentence in sentences(text):
        match = _WANT.search(sentence)
        if match is not None:
            wants.append((match.group("rest"), sentence))
    for rest, sentence in wants:
        if not _PRACTICE.match(rest):
            return _as_goal(rest), sentence
    for rest, sentence in wants:
        practised = _PRACTICE.sub("", rest, count=1)
        if practised:
            return _as_goal(practised), sentence
    return None


def free_objections(text: str) -> list[str]:
    """What the brief says the counterpart will say ("she'll say X, or that Y")."""
    found: list[str] = []
    for match in _SAYS.finditer(text):
        for item in _ALTERNATIVES.split(match.group("what")):
            item = squash(item, 200).strip(" ,").removeprefix("that ")
            if item and capitalize(item) not in found:
                found.append(capitalize(item))
    return found[:10]


def free_stakes(text: str, skip: str | None) -> str | None:
    """The first sentence (other than the goal's) that says what is at stake or when."""
    for sentence in sentences(text):
        if sentence != skip and _STAKES.search(sentence) and not _SAYS.search(sentence):
            return squash(sentence, 2000)
    return None


def free_outcome(text: str) -> str | None:
    """What the person would settle for ("I'd settle for 165k with a title change")."""
    match = _OUTCOME.search(text)
    if match is None:
        return None
    return squash(match.group("a") or match.group("b"), 2000).rstrip(" ,;")


def mentioned_counterpart(text: str, roleplay_type: str) -> str | None:
    """The counterpart the brief names first; None when it names none."""
    earliest: tuple[int, int, str | None, bool] | None = None
    for order, (pattern, name, generic) in enumerate(_MENTIONS):
        match = pattern.search(text)
        if match is None:
            continue
        if name is None:
            said = match.group(0)
            head, _, tail = said.partition(" ")
            head = head.upper() if head.lower() in _ACRONYMS else head.lower()
            name = f"The {head}{' ' + tail.lower() if tail else ''}"
        candidate = (match.start(), order, name, generic)
        if earliest is None or candidate[:2] < earliest[:2]:
            earliest = candidate
    if earliest is None:
        return None
    _, _, name, generic = earliest
    if generic and roleplay_type != "custom":
        return None  # the type's own customer says more ("A frustrated customer")
    return name


def topic(text: str) -> tuple[str, str] | None:
    """A custom conversation's topic from the brief: ("salary negotiation", "your salary")."""
    return next(
        ((name, subject) for pattern, name, subject in _TOPICS if pattern.search(text)), None
    )
