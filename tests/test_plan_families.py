"""plan() by phrasing family: the corpus cases tagged "family:<name>", and their teeth.

A family is a kind of failure found on blind phrasings (a route-away noun as a verb's object,
a start nobody asked for, ...), exercised by phrasings written in other words than the ones
that exposed it, plus contrast cases the fix must not reach (tagged "contrast"). Each rule a
family relies on has a broken variant here that its family must catch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from _plan_report import load, score

import roleplay_sdk._plan as planner
import roleplay_sdk._signals as signals
from roleplay_sdk._normalize import snap_duration
from roleplay_sdk._signals import SIGNALS, Scanner

CASES = load(Path(__file__).resolve().parent / "data" / "plan_cases.jsonl")
FAMILIES = sorted({tag for case in CASES for tag in case["tags"] if tag.startswith("family:")})


def family(name: str, *, contrast: bool = False) -> list[dict[str, Any]]:
    return [
        case
        for case in CASES
        if f"family:{name}" in case["tags"] and ("contrast" in case["tags"]) == contrast
    ]


def test_every_family_has_phrasings_of_its_own() -> None:
    assert len(FAMILIES) >= 28
    for name in FAMILIES:
        assert len(family(name.removeprefix("family:"))) >= 5, name


@pytest.mark.parametrize("name", [name.removeprefix("family:") for name in FAMILIES])
def test_each_family_is_planned_as_labelled(name: str) -> None:
    result = score(name, family(name) + family(name, contrast=True))
    assert result.exact == result.cases and not result.unrequested_starts, result.table()


# --- teeth: each rule's broken variant is caught by its family ------------------------------


def _without_rows(*names: str) -> Callable[..., Scanner]:
    """scanner() over the table without the named rows (the roleplay_type scanner as is)."""
    known = {row.name for row in SIGNALS}
    assert set(names) <= known, set(names) - known
    reduced = Scanner(row for row in SIGNALS if row.name not in names)
    original = planner.scanner
    return lambda name="all": reduced if name == "all" else original(name)


def _with_patterns(old: str, new: str, *more: str) -> Callable[..., Scanner]:
    """scanner() over the table with `old` replaced by `new` in every row's patterns.

    `more` holds further (old, new) pairs, for a behaviour two rows give (each alone would
    cover for the other's broken variant).
    """
    pairs = [(old, new), *zip(more[::2], more[1::2], strict=True)]
    for before, _ in pairs:
        assert any(before in pattern for row in SIGNALS for pattern in row.patterns), before

    def changed_pattern(pattern: str) -> str:
        for before, after in pairs:
            pattern = pattern.replace(before, after)
        return pattern

    changed = Scanner(
        attrs.evolve(row, patterns=tuple(changed_pattern(pattern) for pattern in row.patterns))
        for row in SIGNALS
    )
    original = planner.scanner
    return lambda name="all": changed if name == "all" else original(name)


def _no_function_word_swaps() -> dict[str, str]:
    swaps = signals.FUNCTION_WORD_SWAPS
    return {key: value for key, value in signals._KNOWN_TOKENS.items() if key not in swaps}


def _any_interview_makes_its_clause_about_it() -> Callable[..., bool]:
    return lambda kept: any(
        h.signal.kind == "route" and h.signal.value == "interview" for h in kept
    )


def _only_named_interviews() -> Callable[..., bool]:
    named = planner._NAMED_INTERVIEW
    return lambda text, kept, verbs, hit: (
        hit.signal is named and planner._aimed_at(text, verbs, hit)
    )


def _without_foreign_words() -> dict[str, str]:
    foreign = signals.FOREIGN
    return {key: value for key, value in signals._KNOWN_TOKENS.items() if key not in foreign}


def _without_umlaut_folding() -> dict[int, Any]:
    folded = {ord(char) for char in "\u00e4\u00f6\u00fc\u00df"}
    return {key: value for key, value in signals._TRANSLATE.items() if key not in folded}


# The letters folded for the languages FOREIGN reads besides German ("começar", "podwyżka").
_OTHER_LETTERS = "\u00e0\u00e2\u00e3\u00e7\u00ea\u00f1\u00f4\u00f5\u00fa\u0119\u0142\u017c"


def _without_other_letters() -> dict[int, Any]:
    folded = {ord(char) for char in _OTHER_LETTERS}
    return {key: value for key, value in signals._TRANSLATE.items() if key not in folded}


def _with_row(name: str, **changes: Any) -> Callable[..., Scanner]:
    """scanner() over the table with the named row's fields changed (weight=, value=)."""
    assert any(row.name == name for row in SIGNALS), name
    changed = Scanner(attrs.evolve(row, **changes) if row.name == name else row for row in SIGNALS)
    original = planner.scanner
    return lambda name="all": changed if name == "all" else original(name)


_SPANISH = signals.wordset(
    "quiero practicar practica entrevista trabajo curriculum hazme descargar sesion puedo"
    " borrador aprobar aprueba favor preguntas modifica cambia asignacion asignaciones quita"
    " conversacion negociacion salario escenario empecemos ventas llamada resultados muestras"
    " muestrame ahora cliente jefe oferta subo recomendaciones mi el una para con manana luego"
    " despues"
)


def _with_weight(name: str, weight: int) -> Callable[..., Scanner]:
    return _with_row(name, weight=weight)


BROKEN: list[tuple[str, str, Callable[[], Any], str, int]] = [
    # (what is broken, attribute of roleplay_sdk._plan (or "signals." + one of
    # roleplay_sdk._signals), its broken value, family, misses among the family's cases and
    # contrasts)
    ("any object asks for a scenario", "_object_of", lambda: lambda *a: "scenario",
     "route-object", 5),
    ("any object asks for a scenario", "_object_of", lambda: lambda *a: "scenario",
     "creation-object", 5),
    ("anyone's wish to start is the person's", "_own_wish", lambda: lambda *a: True,
     "fail-safe", 2),
    ("a real conversation the person wants to start is a start", "_is_start_request",
     lambda: (lambda real: lambda *a: planner.START if real(*a) == planner.IF_NOW else real(*a))(
         planner._is_start_request), "fail-safe", 3),
    # (1, not 2: "saw the preview" is also a look told of, which _TOLD_LOOK covers)
    ("'the preview' asks for a new one", "_names_the_draft", lambda: lambda *a: False,
     "start-the-draft-named", 1),
    ("hypotheticals and conditions are requests", "scanner",
     lambda: _without_rows("supposed", "once i"), "fail-safe", 4),
    ("'if it looks ok' is no condition", "scanner",
     lambda: _with_patterns("(?:its|it's|it is|all|", "(?:zz|"), "if-it-looks-ok", 1),
    ("'start by doing' starts", "scanner",
     lambda: _with_patterns(" by(?= \\w+ing )", " byzz(?= \\w+ing )"), "start-by-first-step", 2),
    ("a pitch to one's own leadership is sales", "scanner",
     lambda: _without_rows("internal pitch"), "internal-pitch", 5),
    ("services pitched are an idea pitched", "scanner",
     lambda: _with_patterns("(?! (?:[a-z]+ )?(?:services?", "(?!zz (?:[a-z]+ )?(?:services?"),
     "internal-pitch", 2),
    ("selling is a detail", "scanner", lambda: _without_rows("selling"), "selling", 3),
    # the second blind held-out set's families
    ("a person is only a role the table knows", "scanner",
     lambda: _without_rows("talking to someone"), "named-scenario", 3),
    ("only an office's roles are people", "scanner", lambda: _without_rows("occupation"),
     "named-scenario", 1),
    ("'saying no' negates who it is said to", "scanner", lambda: _without_rows("saying no"),
     "named-scenario", 1),
    ("people at odds name no conversation", "scanner", lambda: _without_rows("people at odds"),
     "workplace-situation", 2),
    ("lateness names no conversation", "scanner", lambda: _without_rows("attendance"),
     "workplace-situation", 2),
    ("a named interview is always asked for", "_aimed_at", lambda: lambda *a: True,
     "interview-background", 5),
    ("a named interview is never asked for", "_aimed_at", lambda: lambda *a: False,
     "interview-background", 1),
    ("an interview mention makes its clause about the interview", "_about_an_interview",
     _any_interview_makes_its_clause_about_it, "interview-background", 1),
    # (2, not 3: "launch teh discovery call ..." starts with "teh" unread, as a terse start)
    ("the small words are never typos", "signals._KNOWN_TOKENS", _no_function_word_swaps,
     "operation-typo", 2),
    ("commence and initiate start nothing", "scanner", lambda: _without_rows("formal start"),
     "formal-start", 3),
    ("'I should like to' is not the person's wish", "_ADVERBS",
     lambda: planner._ADVERBS - {"should", "shall"}, "formal-start", 1),
    ("'I wish to', 'we shall' wish nothing", "_START_WISHES",
     lambda: planner._START_WISHES - {("wish", "to"), ("we", "shall")}, "formal-start", 1),
    ("'shall we' asks nothing", "_START_AFTER_TWO",
     lambda: planner._START_AFTER_TWO - {("shall", "we"), ("may", "we")}, "formal-start", 2),
    ("the formal verbs start a real-life talk without a 'now'", "_FORMAL_STARTS",
     lambda: frozenset(), "formal-start", 3),
    ("'kindly' asks nothing", "_START_AFTER_ONE", lambda: planner._START_AFTER_ONE - {"kindly"},
     "formal-start", 1),
    ("a practice given to people is one's own", "scanner",
     lambda: _without_rows("give people a practice"), "assignment-verbs", 9),
    ("what came of a practice is a practice given", "scanner",
     lambda: _with_patterns(signals.GIVEN_PRACTICE, signals._ASSIGNABLE + r"\b"),
     "assignment-verbs", 3),
    ("people named at length stay assigned", "scanner",
     lambda: _without_rows("remove people from an assignment"), "assignment-verbs", 3),
    ("feedback given to someone is a roleplay's review", "scanner",
     lambda: _without_rows("giving feedback"), "assignment-verbs", 1),
    ("a review in a story is a roleplay's", "scanner",
     lambda: _without_rows("review in a story"), "story-context", 1),
    ("a review to come is a roleplay's", "scanner",
     lambda: _with_patterns(signals._TO_COME, ""), "story-context", 1),
    ("a clause that tells asks", "_TOLD_OPERATIONS", lambda: frozenset(), "story-context", 2),
    ("every clause asks", "_ASKS", lambda: re.compile(""), "story-context", 4),
    ("no clause asks", "_ASKS", lambda: re.compile("(?!)"), "story-context", 1),
    ("a length in the story is the practice's", "scanner",
     lambda: _with_patterns(signals.STORY_LENGTHS, ""), "story-length", 4),
    ("a pitch of one's own work is a sale", "scanner",
     lambda: _without_rows("own work pitch"), "internal-work", 1),
    ("a project delayed is a support case", "scanner",
     lambda: _without_rows("project moved"), "internal-work", 1),
    ("a quarter is a question number", "scanner",
     lambda: _with_patterns(signals._QUESTION_NUMBER, r"q\d+"), "internal-work", 1),
    # the third blind held-out set's families
    ("only a kind of interview is asked for", "_asked_interview", _only_named_interviews,
     "interview-practised", 4),
    ("what a practice is for is never an interview", "_FOR_IT", lambda: re.compile("(?!)"),
     "interview-practised", 3),
    ("any interview after a practice verb is asked for", "_asked_interview",
     lambda: lambda text, kept, verbs, hit: any(v.end <= hit.start for v in verbs),
     "interview-practised", 2),
    ("the boss one asks for time off is no one else to talk to", "_PERSON_ROWS",
     lambda: frozenset(), "interview-practised", 1),
    ("a job search is a practice to start", "_OTHER_HEADS",
     lambda: planner._OTHER_HEADS - {"search", "hunt", "application", "applications"},
     "fail-safe", 1),
    ("an object runs on past 'now'", "_OBJECT_ENDS",
     lambda: planner._OBJECT_ENDS - {"now", "immediately", "asap", "please"}, "fail-safe", 1),
    ("a practice interview is a practice", "scanner",
     lambda: _without_rows("practice interview"), "interview-practised", 2),
    ("an outburst names no conversation", "scanner", lambda: _without_rows("outburst"),
     "named-conversation-v3", 3),
    ("meetups and fairs name no conversation", "scanner",
     lambda: _without_rows("networking places"), "named-conversation-v3", 2),
    ("asking for more names no conversation", "scanner",
     lambda: _without_rows("asking for more"), "named-conversation-v3", 3),
    ("a product tier weighs as much as the conversation", "scanner",
     lambda: _with_weight("product tier", 3), "named-conversation-v3", 2),
    ("a past practice's tips are advice", "scanner",
     lambda: _without_rows("review of a practice"), "past-practice-review", 4),
    ("'my review' takes one word before it", "scanner",
     lambda: _with_patterns("){0,2}reviews", "){0,1}reviews"), "past-practice-review", 2),
    ("assignees are only a team", "scanner",
     lambda: _with_patterns(signals.GROUPS, "(?:team|everyone|they|people|reps|group)"),
     "past-practice-review", 3),
    ("'before anything else' orders nothing", "scanner", lambda: _without_rows("openers"),
     "openers-and-now", 3),
    ("an order word before a comma orders nothing", "_only_order_words",
     lambda: lambda *a: False, "openers-and-now", 4),
    ("an opening 'right now' serves only a practise verb", "_opening_now_serves",
     lambda: lambda text, verbs, waiting: bool(verbs), "openers-and-now", 3),
    ("an opening 'right now' serves any start that waits", "_opening_now_serves",
     lambda: lambda text, verbs, waiting: bool(verbs or waiting), "openers-and-now", 1),
    # the fourth blind held-out set's families
    ("a service desk's unhappy patron names no conversation", "scanner",
     lambda: _without_rows("service desk"), "service-desk", 8),
    ("'without a receipt' negates the receipt", "scanner",
     lambda: _without_rows("receipt", "service failure"), "service-desk", 1),
    ("a negotiation with a vendor is a support case", "scanner",
     lambda: _without_rows("vendor negotiation"), "service-desk", 2),
    ("only a word after 'upset' is the patron", "scanner",
     lambda: _with_patterns("(?= " + signals.gap(12), "(?= " + signals.gap(0)), "service-desk",
     2),
    ("a kickoff or an implementation names no conversation", "scanner",
     lambda: _with_patterns("implement\\w* ", "implementzz "), "onboarding-kickoff", 1),
    ("any kickoff meeting is a client's", "scanner",
     lambda: _with_patterns("(?= (?:[^ .,;:!?]+ ){0,5}?(?:customer", "(?=(?:|customer"),
     "onboarding-kickoff", 1),
    ("a pitch of our plan to a customer is our own work", "scanner",
     lambda: _with_patterns("to (?:a|an|the|this|that|one|some|potential", "(?!)to (?:a"),
     "pitch-to-customer", 3),
    ("a length followed by a moment in the story is the practice's", "scanner",
     lambda: _with_patterns(signals.STORY_MOMENTS, ""), "story-moment", 2),
    ("any moment is in the story", "scanner",
     lambda: _with_patterns(signals.STORY_MOMENTS, "|(?:before|after|into|until|till|past) "),
     "story-moment", 1),
    ("'start me on' names no practice", "_START_ME_ON", lambda: {}, "start-me-on", 2),
    ("'an immediate session' is no now", "scanner",
     lambda: _with_patterns("(?= (?:[^ ]+ ){0,2}?(?:session|roleplay|practice|drill",
                            "(?!)(?=(?:session|roleplay|practice|drill"), "start-me-on", 2),
    ("a practice handed out is never taken back", "scanner",
     lambda: _with_patterns(signals._ASSIGNABLE + r"s?\b(?= ", "(?!)(?= "), "handed-out", 1),
    ("'which completed roleplays' is a review of one's own", "scanner",
     lambda: _with_patterns("(?<!which c)", ""), "handed-out", 1),
    ("a now or start in a subordinate clause is the person's", "_subordinate",
     lambda: lambda words: False, "fail-safe", 6),
    ("another person's words are the person's", "_REPORTING", lambda: frozenset(),
     "fail-safe", 2),
    ("an idiom after 'start me on' is a practice", "_IDIOM_HEADS", lambda: frozenset(),
     "fail-safe", 1),
    ("'jump into' is no start verb", "scanner",
     lambda: _with_patterns("jump (?:straight |right )?in(?:to)?", "jump (?:straight )?in"),
     "live-start", 2),
    ("an existing customer is only one right before its noun", "scanner",
     lambda: _with_patterns("existing (?:[a-z]+ )?(?:customer", "existing (?:customer"),
     "existing-account", 1),
    ("a sale at a counter is an expansion", "scanner",
     lambda: _without_rows("retail sale", "upsell at the counter"), "existing-account", 1),
    ("a payment refused or a device failing is no support case", "scanner",
     lambda: _without_rows("payment problem"), "support-trouble", 3),
    ("pushing back on a vendor is a sale", "scanner",
     lambda: _with_patterns(r"push\w* back (?:on|against)", r"push\w* back (?:onzz|againstzz)"),
     "buyer-side", 2),
    ("submitting a recording is downloading it", "scanner",
     lambda: _with_patterns("(?!upload|submit|send)", "(?!upload)"), "service-ops", 1),
    ("a tough conversation alone is a scenario", "_NEEDS_A_COUNTERPART",
     lambda: frozenset(), "vague-hard-talk", 3),
    ("a preview told of is a request to look", "_TOLD_LOOK",
     lambda: re.compile("(?!)"), "fail-safe-contrast", 1),
    # the sixth to eighth blind sets' families
    ("the setup is nothing to look at", "scanner",
     lambda: _with_patterns("|outline|setup|set up)", "|outline)"), "look-first", 1),
    ("'review it first' is a roleplay's review", "scanner",
     lambda: _with_patterns("(?:(?:it|this|that|them|everything) )?(?:first",
                            "(?:(?:zz) )(?:first"), "look-first", 2),
    ("how a draft's questions are is no edit", "scanner",
     lambda: _with_patterns(signals._DRAFT_QUESTIONS_ARE, "(?!)"), "edit-described", 3),
    ("a draft that looks fine is asked for", "scanner",
     lambda: _with_patterns("raft(?= (?:looks|look|is|seems", "raft(?= (?:zz"), "edit-described",
     1),
    ("any questions described are a draft's", "scanner",
     lambda: _with_patterns("(?: (?:draft|preview|scenario|counterpart|persona|opening",
                            "(?: (?:[a-z']+|draft|preview|scenario|counterpart|persona|opening"),
     "edit-described", 2),
    ("a bare number is no length", "scanner",
     lambda: _with_patterns("(?= (?:[.,;:!?]|$))", "(?!)"), "bare-length", 2),
    ("a tie between lengths always goes up", "_snap_said",
     lambda: lambda minutes, quick: snap_duration(minutes), "bare-length", 1),
    ("a length said in words is none", "scanner",
     lambda: _with_patterns("normal length", "normal lengthzz"), "bare-length", 1),
    ("a million is a minute", "scanner",
     lambda: _with_patterns("| ?m)\\b", "| ?m|\\.[0-9]+ ?m)\\b"), "bare-length", 1),
    ("when the real one is, is the practice's length", "scanner",
     lambda: _without_rows("when the real one is"), "bare-length", 1),
    ("a start needs a determiner", "_terse_object", lambda: lambda after: False,
     "terse-start", 5),
    ("'start time' is a terse start", "_START_COMPOUNDS", lambda: frozenset(), "fail-safe", 1),
    ("advice had is asked for", "_TOLD_ADVICE", lambda: re.compile("(?!)"), "told-advice", 4),
    ("'not just tips' asks for tips", "_STILL_IN_SCOPE", lambda: (), "told-advice", 1),
    ("advice on another agent's topic is the Grow Agent's", "_route_request",
     lambda: lambda hit: False, "route-topic", 1),
    ("a health score's move is a Q score delta", "scanner",
     lambda: _with_patterns("(?<!health s)", ""), "route-topic", 1),
    ("'how ready am I for a role' is no readiness question", "scanner",
     lambda: _with_patterns("how ready am i(?= for", "how ready am izz(?= for"), "route-topic",
     1),
    ("whom the words tell or ask is no one", "scanner",
     lambda: _with_patterns("(?= (?:a|an|my|our|the|one of my) ",
                            "(?!)(?= (?:a|an|my|our|the|one of my) "),
     "named-counterpart-v6", 3),
    ("'someone at work' is someone", "scanner",
     lambda: _with_patterns("someone(?! (?:at|from)", "someone(?!zz (?:at|from)"),
     "named-counterpart-v6", 2),
    ("the buyer's side is a prospect", "scanner", lambda: _without_rows("buyer side"),
     "named-counterpart-v6", 1),
    ("a selling trade is no sale", "scanner",
     lambda: _with_patterns("(?:sales )?reps?", "(?:sales )?repszz"),
     "named-counterpart-v6", 1),
    ("homework is no assignment", "scanner",
     lambda: _with_patterns("homework", "homeworkzz"), "service-ops-v6", 1),
    ("'who failed the assignment' asks nothing", "scanner",
     lambda: _with_patterns("who failed", "whozz failed"), "service-ops-v6", 1),
    ("an export is no download", "scanner",
     lambda: _with_patterns("export (?:", "exportzz (?:"), "service-ops-v6", 1),
    ("'where should I send it' is no upload", "scanner",
     lambda: _with_patterns("where (?:do|can|should) (?:i|we) (?:send", "wherezz (?:do"),
     "service-ops-v6", 1),
    ("'crack the top 5' is no leaderboard", "scanner",
     lambda: _with_patterns("(?:in|into|make|made|crack|cracked|reach|reached) the top",
                            "(?:zz) the top"), "service-ops-v6", 1),
    ("a practice someone no longer should have stays", "scanner",
     lambda: _with_patterns("(?:anymore|any more|any longer)", "(?:zz)"), "service-ops-v6", 1),
    ("'pull her assignment' pulls its results", "scanner",
     lambda: _with_patterns("pull (?:her|his|their", "pullzz (?:her|his|their"),
     "service-ops-v6", 1),
    ("an upload of files in the story is a recording's", "scanner",
     lambda: _with_patterns("(?! (?:[a-z]+ ){0,2}?(?:photos?", "(?!zz (?:[a-z]+ ){0,2}?(?:photos?"),
     "service-ops-v6", 1),
    ("only English words are known", "signals._KNOWN_TOKENS", _without_foreign_words,
     "foreign-words", 6),
    ("umlauts split words", "signals._TRANSLATE", _without_umlaut_folding, "foreign-words", 1),
    ("the verb comes first or nowhere", "scanner",
     lambda: _with_patterns("(?:edit|change|adjust|rewrite|update)(?= [.,;:!?]",
                            "(?:zz)(?= [.,;:!?]"),
     "foreign-words", 1),
    ("a doubt runs on past its clause like a condition", "scanner",
     lambda: _with_row("doubt", value="if"), "doubt", 1),
    ("'abhi' before a start asks nothing", "_START_AFTER_ONE",
     lambda: planner._START_AFTER_ONE - {"abhi"}, "foreign-words", 1),
    ("a doubt is a negation", "scanner",
     lambda: _with_patterns("not sure", "not surezz"), "doubt", 1),
    ("an objection said weighs as much as the conversation", "scanner",
     lambda: _with_weight("objection said", 3), "objection-detail", 2),
    # the tenth to nineteenth sets' families
    ("a condition on how the draft looks is a politeness", "scanner",
     # 3, not 4: "if everything looks ok" is held by the draft-is-fine condition as well
     lambda: _with_patterns("if(?= (?:the|it|this", "ifzz(?= (?:the|it|this"),
     "looks-right-first", 3),
    ("'if I'm' is no condition", "scanner", lambda: _with_patterns("if i'm", "ifzz i'm"),
     "looks-right-first", 1),
    ("a condition's 'then' does not carry it", "_CONDITION_RUNS_ON", lambda: (",",),
     "looks-right-first", 1),
    ("the space between two breaks ends a condition", "_no_words", lambda: lambda *a: False,
     "looks-right-first", 2),
    ("a depth said alone is no length", "scanner",
     lambda: _with_patterns("(?<=[,.:;] ", "(?<=zz "), "said-alone-length", 4),
    ("'quickie' opening the message is no length", "scanner",
     lambda: _with_patterns("q(?<=^ q)uickie", "q(?<=^zz q)uickie"), "said-alone-length", 1),
    # the thirty-second to thirty-ninth sets' families
    ("only English words are known", "signals._KNOWN_TOKENS", _without_foreign_words,
     "other-languages", 12),
    ("a phrase of another language is read word by word", "signals._PHRASE_ANCHORS",
     lambda: frozenset(), "other-languages", 3),
    ("the other languages' letters split words", "signals._TRANSLATE", _without_other_letters,
     "other-languages", 1),
    ("a negation after its start verb negates nothing", "_NEGATED_AFTER", lambda: frozenset(),
     "other-languages", 1),
    ("asking the service to play the counterpart asks for nothing", "scanner",
     lambda: _without_rows("play a part"), "play-a-part", 3),
    ("asking which personas there are asks for nothing", "scanner",
     lambda: _without_rows("which personas"), "play-a-part", 1),
    ("'can you be a bit ...' plays a part", "scanner",
     lambda: _with_patterns("(?! (?:bit|little|lot|moment", "(?! (?:zz|moment"), "play-a-part", 1),
    ("'play the recording' plays a part", "scanner",
     lambda: _with_patterns(r"(?! (?:[a-z]+ ){0,2}?" + signals.ARTIFACT_NOUNS,
                            r"(?!zz (?:[a-z]+ ){0,2}?" + signals.ARTIFACT_NOUNS),
     "play-a-part", 1),
    ("a practice watched again is no recording", "scanner",
     lambda: _with_patterns("|simulation|rehearsal|call)s?", "|simulation|rehearsal|call)zz",
                            "re ?watch\\w*\\b", "rezz"),
     "play-a-part", 1),
    ("a session's id names no session", "scanner",
     lambda: _with_patterns("(?:session|sesion)(?= [a-z_]*[0-9])", "(?:session|sesion)(?= zz)"),
     "session-by-id", 2),
    ("any session after 'recommendations for' is one named", "scanner",
     lambda: _with_patterns("(?:session|sesion)(?= [a-z_]*[0-9])", "(?:session|sesion)"),
     "session-by-id", 1),
    ("what came after a practice is advice", "scanner",
     lambda: _with_patterns("|in|after|(?:that )?came out of", "|in|(?:that )?came out of",
                            "(?! (?:from|after) (?:my|", "(?! (?:from) (?:my|"),
     "session-by-id", 1),
    ("a terse conversation is no start", "_terse_object",
     lambda: (lambda real: lambda after: None if real(after) == "talk" else real(after))(
         planner._terse_object), "terse-start", 4),
    # the twentieth to thirty-first sets' families
    ("a customer's trouble told in trade words is no support case", "scanner",
     lambda: _without_rows("service failure"), "trade-trouble", 7),
    ("a customer's 'not renewing' negates the renewal", "scanner",
     lambda: _with_patterns("| renew)", ")"), "trade-trouble", 1),
    ("an upsell at a counter is an account's expansion", "scanner",
     lambda: _without_rows("upsell at the counter"), "counter-sale", 2),
    ("price pressure from a buyer names no sale", "scanner",
     lambda: _without_rows("price pressure"), "counter-sale", 2),
    ("a client who wants to cancel names no churn", "scanner",
     lambda: _with_patterns(" (?:of |about )?(?:to )?cancel", " (?:of |about )?(?:to )?zzcancel"),
     "counter-sale", 1),
    ("cancelling a meeting is churn", "scanner",
     lambda: _with_patterns("(?:meeting|call|order|flight", "(?:zz|call|order|flight"),
     "counter-sale", 1),
    ("an hourly rate is a length", "scanner",
     lambda: _with_patterns("(?<![0-9] a)n hour", "n hour"), "rate-not-length", 3),
    ("a length per booth is the practice's", "scanner",
     lambda: _with_patterns("|per|an? (?:booth", "|zzper|zzan? (?:booth"), "rate-not-length", 2),
    ("a recording to rewatch or save is no download", "scanner",
     lambda: _with_patterns("re ?watch\\w*\\b", "rezz", "|simulation|rehearsal|call)s?",
                            "|simulation|rehearsal|call)zz"),
     "ops-indirect", 1),
    ("a recording to be analysed is a download", "scanner",
     lambda: _without_rows("to be analysed"), "ops-indirect", 1),
    ("'do we have any drills to do' lists nothing", "scanner",
     lambda: _with_patterns(" (?:have|got|get|been given) (?:any|some)",
                            " (?:zz) (?:any|some)"), "ops-indirect", 1),
    ("'did my lead assign me anything' assigns", "scanner",
     lambda: _with_patterns("assign(?:ed)? (?:me|us)\\b", "zzassign (?:me|us)\\b"),
     "ops-indirect", 1),
    ("how people did on their assignments is no result", "scanner",
     lambda: _with_patterns("(?:do|score|perform|get on|go) (?:on|with|in)",
                            "(?:zz) (?:on|with|in)"), "ops-indirect", 1),
    ("a person taken off a practice stays on it", "scanner",
     lambda: _with_patterns("[^ .;!?]+ )(?:[^ .;!?]+ ){0,3}?(?:from|off)",
                            "zz[^ .;!?]+ )(?:[^ .;!?]+ ){0,3}?(?:from|off)"), "ops-indirect", 1),
    ("'undo that' undoes nothing", "scanner",
     lambda: _with_patterns("undo (?:it|that|this)", "zzundo (?:it|that|this)"), "ops-indirect",
     1),
    ("reordering a draft's questions edits nothing", "scanner",
     lambda: _with_patterns("reorder", "zzreorder"),
     "ops-indirect", 1),
    ("a person taken off anything is unassigned", "scanner",
     lambda: _with_patterns("|transcripts?|notes|reviews?|top|that|this|it|up|my|your|me)",
                            "|zz)"), "ops-indirect", 1),
    ("'review first' is a roleplay's review", "scanner",
     lambda: _with_patterns("(?:(?:it|this|that|them|everything) )?(?:first",
                            "(?:(?:zz) )(?:first"), "review-first", 2),
    ("'for review' is a roleplay's review", "scanner",
     lambda: _with_patterns("for (?:a |my |your )?review(?=", "zzfor (?:a |my |your )?review(?="),
     "review-first", 1),
    ("a bare 'someone' is a scenario", "_NO_SCENARIO_ALONE", lambda: frozenset(),
     "no-one-named", 2),
    ("the person's own occupation is the counterpart", "scanner",
     lambda: _with_patterns("(?<!i'm a", "(?<!zz"), "no-one-named", 2),
    ("'with who' is someone", "scanner",
     lambda: _with_patterns("(?<!with w)", ""), "no-one-named", 1),
    ("a question about a trade is a practice", "scanner",
     lambda: _with_patterns("(?:techniques|strategies", "(?:zz"), "trade-questions", 1),
    ("how a trade's people usually work is a practice", "scanner",
     lambda: _with_patterns("(?:usually|typically|normally|generally)", "(?:zz)"),
     "trade-questions", 1),
    ("what skills a trade needs is a practice", "scanner",
     lambda: _with_patterns("what (?:skills|qualifications|certifications|certs",
                            "whatzz (?:skills|qualifications|certifications|certs"),
     "trade-questions", 1),
    ("a dead-end job and a 30-day plan are practices", "scanner",
     lambda: _with_patterns(" day plan\\b", " day planzz\\b"), "trade-questions", 1),
    ("casting the counterpart asks for nothing", "scanner",
     lambda: _without_rows("cast the counterpart"), "cast-counterpart", 5),
    ("Spanish words are unknown", "signals._KNOWN_TOKENS",
     lambda: {key: value for key, value in signals._KNOWN_TOKENS.items()
              if key not in _SPANISH}, "spanish-words", 5),
    ("money tips are advice", "scanner",
     lambda: _with_patterns("(?<!my t)", ""), "money-tips", 1),
    ("a practice rolled out to a group is the person's draft", "scanner",
     lambda: _without_rows("roll out to people"), "roll-out", 5),
    ("an elevator pitch to a buyer is the person's own", "scanner",
     lambda: _without_rows("elevator pitch to a buyer"), "pitch-to-buyer", 5),
    ("'in' before a length says when only after the real event's words", "scanner",
     lambda: _with_patterns(signals._WHEN_IN, "i(?:(?<=call i)|(?<=meeting i))"
                            + signals._WHEN_IN[1:]), "in-a-time-is-when", 3),
    ("a depth in words is no length", "scanner",
     lambda: _with_patterns("f(?<=the f)ull thing", "zz", "full version", "zz",
                            "c(?<=the c)omplete", "zz", "c(?<=a c)omplete", "zz"),
     "depth-in-words", 4),
    ("a resume worked on asks for the Resume Agent", "scanner",
     lambda: _without_rows("resume done"), "resume-told", 4),
    ("refunds, logouts and blocked lines are no trouble", "scanner",
     lambda: _with_patterns("refund(?:s|ed|ing)?", "refunds?", r"log(?:s|ging|ged)? (?:me",
                            "zz (?:me", "(?:sim|phone|line|number) (?:card", "zz (?:card"),
     "support-trouble-words", 4),
    ("the person's own look at the draft is a session's review", "scanner",
     lambda: _without_rows("reviewing it myself"), "reviewing-it-myself", 2),
    ("a session id of another shape names no session", "scanner",
     lambda: _with_patterns("(?:please |pls )?(?:for|of|on) sess_", "zz sess_"),
     "session-id-shapes", 1),
    ("offers held name no offer negotiation", "scanner",
     lambda: _with_patterns("(?:competing|verbal|written) offers", "zz offers",
                            "match (?:my|the|their", "zz (?:my|the|their",
                            "(?:ask|asking|get|getting) (?:[a-z]+ ){1,2}?to match", "zz"),
     "offers-held", 3),
    ("what a career path should look like asks to see a draft", "scanner",
     lambda: _with_patterns("what(?! (?:should|does|do) (?!(?:that|it|this)\\b))", "what"),
     "what-it-should-look-like", 4),
    ("an opinion asked for is no advice", "scanner",
     lambda: _with_patterns("thoughts(?= (?:[?.!]+ )?$)", "zz"), "thoughts-asked", 1),
    ("how the person did is no review", "scanner",
     lambda: _with_patterns("how (?:well )?i (?:did|performed", "zz (?:did|performed",
                            *(pair for word in ("weak spots", "weaknesses", "mistakes",
                                                "strengths", "gaps")
                              for pair in (f"{word} (?:from", "zz (?:from"))),
     "how-i-did", 6),
    ("thinking of cancelling is advice", "scanner",
     lambda: _with_patterns("(?! (?:cancel|churn)", "(?!zz"),
     "support-trouble-words", 1),
    ("an executive business review is a review in a story", "scanner",
     lambda: _with_patterns("|that|business)", "|that)"), "support-trouble-words", 1),
    ("a terse object the rows do not name is never the practice", "_unnamed_terse_object",
     lambda: lambda after: planner.NO, "terse-unnamed-object", 5),
    ("a terse object the rows do not name starts without a 'now'", "_unnamed_terse_object",
     lambda: lambda after: planner.START, "terse-unnamed-object", 1),
    ("a bare number after a word for the practice is no length", "scanner",
     lambda: _with_patterns(*(pair for word in ("full", "deep", "like", "sim", "drill", "session")
                              for pair in (f"(?<={word} ", "(?<=zz "))),
     "bare-length-after-word", 4),
    ("a negotiation named alone is a scenario", "_NEEDS_A_COUNTERPART",
     lambda: planner._NEEDS_A_COUNTERPART - {"bare negotiation"}, "bare-negotiation", 5),
    ("'practised' is a typo of 'practise'", "signals._KNOWN_TOKENS",
     lambda: {**signals._KNOWN_TOKENS, "practised": "practise", "practiced": "practice"},
     "practised-told", 4),
    ("a wish to have practised asks nothing", "scanner",
     lambda: _with_patterns("having (?:practi", "havingzz (?:practi"), "practised-told", 1),
    ("a practice wanted of other people is the person's own", "_practised_by_others",
     lambda: lambda *a: False, "team-practice", 6),
    ("'pull the list of assignments' removes one", "scanner",
     lambda: _with_patterns("|list|lists|status|names|details|overview)", ")"),
     "assignment-lookup", 2),
    ("a 'practice assignment' asks to practise", "_ASSIGNMENT_NOUNS", lambda: ("zz",),
     "assignment-lookup", 1),
    ("'finished roleplay assignments' is a finished roleplay's review", "scanner",
     lambda: _with_patterns("(?! (?:[^ ]+ ){0,3}?assignments?\\b)", ""), "assignment-lookup", 1),
    ("people enrolled in a track are being enrolled", "scanner",
     lambda: _with_patterns("(?! (?:me|myself|us|in|on|into|", "(?! (?:me|myself|us|"),
     "assignment-lookup", 1),
    ("an assignment told of is no story to an unassign", "_ASKED_AFTER_A_STORY",
     lambda: planner._ASKED_AFTER_A_STORY - {"unassign"}, "told-assignment", 4),
    ("what the person assigned is a practice asked for", "_I_ASSIGNED", lambda: None,
     "told-assignment", 3),
    ("how one compares with others is one's own review", "scanner",
     lambda: _with_patterns("how (?:i|we) (?:compare|", "howzz (?:i|we) (?:compare|",
                            "how (?:does |do )?(?:my|our)", "howzz (?:does |do )?(?:my|our)",
                            "measures) up (?:against", "measures) upzz (?:against"),
     "leaderboard-compare", 5),
    ("a request put off to another day is asked now", "scanner",
     lambda: _with_row("later", patterns=("later", "eventually")), "deferred-request", 5),
    ("'I need a draft scenario' asks for nothing", "scanner",
     lambda: _with_patterns("(?= (?:a|an|another) (?:[a-z]+ )?(?:draft|scenario|outline)",
                            "(?= zz"), "draft-wished", 5),
    ("a draft named by its scenario is a request for a new one", "scanner",
     lambda: _with_patterns("){2,3}draft", "){2,3}zzdraft"), "draft-named-by-scenario", 2),
    ("a told look asks to see the draft", "_TOLD_LOOK", lambda: re.compile(r"zz$"),
     "draft-named-by-scenario", 1),
    ("a finished practice told before a recording asked for is a review", "_ASKED_AFTER_A_STORY",
     lambda: planner._ASKED_AFTER_A_STORY - {"artifact_url", "upload_video"},
     "video-after-story", 5),
    ("asking leave to start ('might I start') asks nothing", "_START_LEAVE",
     lambda: frozenset(), "polite-start", 3),
    ("a polite frame ('I was wondering if we could') asks nothing", "_POLITE_ASK",
     lambda: re.compile(r"(?!)"), "polite-start", 4),
    ("'wondering if I could' is a condition", "scanner",
     lambda: _with_patterns("(?<!wondering i)(?<!wonder i)f i", "f i",
                            "(?<!wondering i)(?<!wonder i)f we", "f we"), "polite-start", 1),
    ("a clause of only a now-word starts nothing", "_BARE_NOW", lambda: re.compile(r"(?!)"),
     "now-closes-a-practice", 3),
    ("an imperative 'run/do/try a ...' asks for no practice", "_DO_OPENS",
     lambda: re.compile(r"(?!)"), "now-closes-a-practice", 2),
]  # fmt: skip


@pytest.mark.parametrize(
    ("broken", "attribute", "variant", "name", "misses"),
    BROKEN,
    ids=[f"{row[3]}: {row[0]}" for row in BROKEN],
)
def test_a_broken_rule_is_caught_by_its_family(
    monkeypatch: pytest.MonkeyPatch,
    broken: str,
    attribute: str,
    variant: Callable[[], Any],
    name: str,
    misses: int,
) -> None:
    # The rules' own teeth: the phrasing model has learned these families and would cover
    # for a broken rule, so it is set aside here (tests/test_phrasing_model.py has its own).
    monkeypatch.setattr(planner, "_model_guess", lambda reading, utterance: None)
    monkeypatch.setattr(planner, "_learned_type", lambda utterance: None)
    cases = family(name) + family(name, contrast=True)
    assert score("right", cases).exact == len(cases)
    module, _, attribute = attribute.rpartition(".")
    monkeypatch.setattr(signals if module == "signals" else planner, attribute, variant())
    result = score(f"broken: {broken}", cases)
    wrong = result.cases - result.exact
    if name == "fail-safe-contrast":  # a rule that keeps a start a start
        cases = family("fail-safe", contrast=True)
        result = score(f"broken: {broken}", cases)
        wrong = result.cases - result.exact
    if name == "fail-safe":
        assert len(result.unrequested_starts) >= misses, result.table()
    else:
        assert wrong >= misses, result.table()


# --- the start rule over a grid: who asks, which verb, which practice, with or without "now" -

_OWN = ["", "let's ", "please ", "can we ", "I want to ", "I'd like to ", "I'm ready to ",
        "okay, ", "I really want to ", "we should ", "time to ", "go ahead and ", "could you ",
        "I want ", "ok "]  # fmt: skip
_NOT_OWN = ["she wants to ", "they are ready to ", "what if we ", "my manager told me to ",
            "suppose I ", "the client is ready to ", "he said I should ", "once I approve it we ",
            "if I ", "a caller who insists we ", "the buyer keeps saying let's ",
            "while the client says please ", "she asked me to ",
            "what's the difference between preview and "]  # fmt: skip
_VERBS = ["start", "begin", "launch", "kick off"]
_PRACTICES = [
    "a renewal roleplay with an upset customer",
    "the salary negotiation practice",
    "a quick discovery drill",
    "the support escalation simulation",
    "a networking session with a VP",
    "a long, tough demo roleplay for a CFO",
]
_WHEN = ["", " now", " right away"]


def _grid(askers: list[str]) -> list[str]:
    return [
        f"{who}{verb} {practice}{when}"
        for who in askers
        for verb in _VERBS
        for practice in _PRACTICES
        for when in _WHEN
    ]


def test_the_persons_own_start_of_a_practice_starts_in_every_combination() -> None:
    assert [text for text in _grid(_OWN) if planner.plan(text).operation != "start"] == []


def test_someone_elses_or_a_hypothetical_start_never_starts() -> None:
    assert [text for text in _grid(_NOT_OWN) if planner.plan(text).operation == "start"] == []


# --- a start said in another language: the same fail-safe ------------------------------------

_FOREIGN_STARTS = ["empecemos ahora", "vamos a practicar ahora mismo", "on commence maintenant",
                   "zacznijmy teraz", "simulan na natin ngayon", "vamos começar agora",
                   "chalo start karo", "jetzt starten"]  # fmt: skip
_FOREIGN_HOLDS = ["todavía no", "pas encore", "jeszcze nie", "hindi pa", "noch nicht",
                  "ainda não", "abhi nahi"]  # fmt: skip
_FOREIGN_PRACTICES = ["negociación de salario con mi jefe", "a renewal roleplay with a client"]


def test_a_start_in_another_language_starts_only_when_asked_and_never_empty() -> None:
    said = [f"{start}: {practice}" for start in _FOREIGN_STARTS for practice in _FOREIGN_PRACTICES]
    assert [text for text in said if planner.plan(text).operation != "start"] == []
    assert [text for text in _FOREIGN_STARTS if planner.plan(text).operation != "ask"] == []
    held = [f"{hold}, {text}" for hold in _FOREIGN_HOLDS for text in said]
    assert [text for text in held if planner.plan(text).operation == "start"] == []
