"""plan() by phrasing family: the corpus cases tagged "family:<name>", and their teeth.

A family is a kind of failure found on blind phrasings (a route-away noun as a verb's object,
a start nobody asked for, ...), exercised by phrasings written in other words than the ones
that exposed it, plus contrast cases the fix must not reach (tagged "contrast"). Each rule a
family relies on has a broken variant here that its family must catch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _plan_report import load, score

import roleplay_sdk._plan as planner
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
    assert len(FAMILIES) >= 14
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


BROKEN: list[tuple[str, str, Callable[[], Any], str, int]] = [
    # (what is broken, attribute of roleplay_sdk._plan, its broken value, family, misses)
    ("any object asks for a scenario", "_object_of", lambda: lambda *a: "scenario",
     "route-object", 5),
    ("any object asks for a scenario", "_object_of", lambda: lambda *a: "scenario",
     "creation-object", 5),
    ("anyone's wish to start is the person's", "_own_wish", lambda: lambda *a: True,
     "fail-safe", 3),
    ("a real conversation the person wants to start is a start", "_is_start_request",
     lambda: (lambda real: lambda *a: planner.START if real(*a) == planner.IF_NOW else real(*a))(
         planner._is_start_request), "fail-safe", 3),
    ("'the preview' asks for a new one", "_names_the_draft", lambda: lambda *a: False,
     "start-the-draft-named", 2),
    ("hypotheticals and conditions are requests", "scanner",
     lambda: _without_rows("supposed", "once i"), "fail-safe", 5),
    ("a pitch to one's own leadership is sales", "scanner",
     lambda: _without_rows("internal pitch"), "internal-pitch", 5),
    ("selling is a detail", "scanner", lambda: _without_rows("selling"), "selling", 3),
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
    cases = family(name)
    assert score("right", cases).exact == len(cases)
    monkeypatch.setattr(planner, attribute, variant())
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
            "if I "]  # fmt: skip
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
