"""plan() against labelled phrasings: our own corpus, the blind dev set, the held-out set.

- tests/data/plan_cases.jsonl: our own corpus (written knowing the rules).
- tests/data/plan_blind_dev.jsonl: written blind (from the seed's policy only) by a helper;
  plan() was tuned against it.
- tests/data/plan_blind_heldout1.jsonl: the first blind held-out set (another helper, the
  seed's policy only). Scored once at first sight: 94.3% exact, 0 unrequested starts, on
  main's plan() of 2026-12-03; it has been tuned against since, so it is a dev set now.
- tests/data/plan_blind_heldout2.jsonl: the second blind held-out set (the seed's policy
  only). Scored once at first sight: 95.6% exact, 0 unrequested starts; a dev set now.
- tests/data/plan_blind_heldout3.jsonl: the third blind held-out set (258 phrasings, the
  seed's policy only). Scored once at first sight: 96.1% exact (248/258), 0 unrequested
  starts, on main's plan() at 4ce1534; it has been tuned against since, so it is a dev set now.
- tests/data/plan_blind_heldout4.jsonl: the fourth blind held-out set (260 phrasings, the
  seed's policy only). Scored once at first sight: 94.2% exact (245/260), 0 unrequested
  starts, agent 100%, on main's plan() at 4c64c88; tuned against since, so a dev set now.
- tests/data/plan_blind_heldout5.jsonl: the fifth blind held-out set (260 phrasings, the
  seed's policy only). Scored once at first sight: 91.2% exact (237/260) and 2 unrequested
  starts, on main's plan() at 2005b5c; tuned against since, so a dev set now.
- tests/data/plan_blind_heldout6.jsonl: the sixth blind set (260 phrasings, the seed's policy
  only), the held-out set until a seventh and a ninth were written. Scored once at first
  sight: 95.0% exact (247/260), 0 unrequested starts, on main's plan() at 80b23a1; a dev set now.
- tests/data/plan_blind_heldout7.jsonl: the seventh blind set (260 phrasings written as terse
  phone messages, the seed's policy only). Scored once at first sight: 90.8% exact
  (236/260), 0 unrequested starts, on main's plan() at b0c1e0f; a dev set now.
- tests/data/plan_blind_heldout8.jsonl: the eighth blind set (260 phrasings written as long,
  hedged professional messages, the seed's policy only). Scored once at first sight: 89.6%
  exact (233/260) and 1 unrequested start, on main's plan() at b0c1e0f; a dev set now.
- tests/data/plan_heldout.jsonl: the ninth blind set (260 phrasings, the seed's policy only),
  the held-out set: never tuned against. Scored at first sight on main's plan() at b0c1e0f:
  94.6% exact (246/260), 0 unrequested starts. The exact-rate test is a strict xfail naming
  the shortfall while it misses >= 97% (it turns red the day it passes, so the marker cannot
  outlive the gap), while "no unrequested start" is asserted outright. Tuning plan() against
  this file would make it a dev set: write a new one instead.

- tests/data/plan_train_blind10.jsonl .. 46: thirty-seven more blind sets (260 phrasings each, the
  seed's policy only, each in its own style: customer-facing jargon and team admin, voice
  transcripts and code-switching, the policy's boundaries, unusual industries and spoken
  durations, operations on what exists, the other agents' boundaries, start / preview / ask,
  the type mapping, long messages, very short ones). First sight of the rules: 10-13 at
  d554942: 88.8%, 82.3%, 90.8% (1 unrequested start), 81.9%; 14-19 at 09348a8, the rules
  alone and with the phrasing model then shipped (trained without them): 87.3 / 92.3%,
  92.3 / 94.6%, 87.3 / 88.1% (1 unrequested start both), 87.7 / 89.6%, 89.2 / 90.4%,
  79.6 / 82.7%. 20-25 (HR and enablement leads, public-service formality, scripted
  personas, messy typing, money conversations, South Asian / African / South-East Asian
  English) at 359776c, the same two ways: 89.2 / 91.9%, 88.5 / 89.6% (1 unrequested start
  both), 91.9 / 93.5%, 96.5 / 97.3%, 91.9 / 93.1%, 93.1 / 95.8% (1 unrequested start both).
  26-31 (shift workers, tech and finance, students and returners, industrial sales, group
  admins, a mix) at ca46131: 81.9 / 88.1%, 93.5 / 95.0%, 96.2 / 96.5%, 87.7 / 91.5%,
  95.4 / 96.9%, 92.3 / 93.5%, no unrequested start. 32-39 (the timing of a start, two or
  three intents with a route-away, code-switching, conversations outside the usual list,
  durations in every form, capability questions, terse executives, a mix) at 8b7d4bb:
  95.4 / 96.5%, 93.8 / 93.5%, 71.9 / 78.1%, 92.3 / 93.5%, 90.4 / 94.2%, 90.4 / 93.5%,
  94.6 / 96.5%, 90.8 / 92.3%, no unrequested start. 40-44 (a phone mix, acting on what
  exists and every way of starting, long rambling messages, trade jargon of many
  industries, reported speech and lengths in words) at 3c4d4f9: 97.3 / 97.7%,
  94.6 / 95.8% (1 unrequested start both), 82.3 / 83.1% (2 both), 92.3 / 92.7%,
  87.3 / 90.8%. 45-46 (an ordinary mix; non-native English with numbers that are not
  lengths) at 02e5372, kept untuned through the next round as its fresh check: 96.5 / 96.5%,
  90.0 / 92.3%, no unrequested start.
  They are not scored here: they are training data
  for the phrasing model (roleplay_sdk/_phrasing_model.py), and `scripts/train-phrasing-model
  --evaluate` scores each with a model trained without it, the honest measure of what the
  model adds on words it never saw. In the round after 359776c, plan()'s rules were tuned on
  them as well (a condition on how the draft looks holds a start; "..., quick" is a
  length; "begin renewal call w payal" starts), and after 8b7d4bb on 20-31 (a customer's
  trouble in trade words is support, operations said indirectly, casting the counterpart, a
  bare "someone" asks first, the service's words in Spanish) and on 32-39 (requests in other
  languages, "can you play a tough recruiter", a session named by its id, a practice rolled
  out to a group, an elevator pitch to a buyer), and after 02e5372 on 40-44 (a draft named
  by its scenario, team practice assigned, polite starts, "in 40 minutes" as when, a
  resume told); that round moved the untuned 45-46 by one phrasing (rules alone 485 -> 486
  of 520), so rules tuned on a set mostly fix that set. They stay out of SETS.

Scores are exact on (agent, operation, roleplay_type, duration_minutes); see _plan_report.py
for the figures and where the report goes (one line per set in pytest's summary).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from _plan_report import FIELDS, load, record, score

from roleplay_sdk import Operation
from roleplay_sdk._normalize import DURATIONS, ROLEPLAY_TYPES
from roleplay_sdk._plan import AGENTS, SCENARIO_OPERATIONS

pytest_plugins = ["_plan_report"]

DATA = Path(__file__).resolve().parent / "data"
OWN = DATA / "plan_cases.jsonl"
BLIND_DEV = DATA / "plan_blind_dev.jsonl"
BLIND_HELD_OUT_V1 = DATA / "plan_blind_heldout1.jsonl"
BLIND_HELD_OUT_V2 = DATA / "plan_blind_heldout2.jsonl"
BLIND_HELD_OUT_V3 = DATA / "plan_blind_heldout3.jsonl"
BLIND_HELD_OUT_V4 = DATA / "plan_blind_heldout4.jsonl"
BLIND_HELD_OUT_V5 = DATA / "plan_blind_heldout5.jsonl"
BLIND_HELD_OUT_V6 = DATA / "plan_blind_heldout6.jsonl"
BLIND_HELD_OUT_V7 = DATA / "plan_blind_heldout7.jsonl"
BLIND_HELD_OUT_V8 = DATA / "plan_blind_heldout8.jsonl"
HELD_OUT = DATA / "plan_heldout.jsonl"
SETS = {
    "own corpus": OWN,
    "blind dev": BLIND_DEV,
    "blind held-out v1": BLIND_HELD_OUT_V1,
    "blind held-out v2": BLIND_HELD_OUT_V2,
    "blind held-out v3": BLIND_HELD_OUT_V3,
    "blind held-out v4": BLIND_HELD_OUT_V4,
    "blind held-out v5": BLIND_HELD_OUT_V5,
    "blind held-out v6": BLIND_HELD_OUT_V6,
    "blind held-out v7": BLIND_HELD_OUT_V7,
    "blind held-out v8": BLIND_HELD_OUT_V8,
}
CORPUS_TARGET = 0.99
HELD_OUT_TARGET = 0.97


@pytest.mark.parametrize("name", list(SETS))
def test_each_labelled_set_is_at_least_99_percent_exact(name: str) -> None:
    result = score(f"{name} ({SETS[name].name})", load(SETS[name]))
    record(result)
    assert not result.unrequested_starts, result.table()
    assert result.exact_rate >= CORPUS_TARGET, result.table()


def test_the_whole_corpus_is_at_least_99_percent_exact() -> None:
    files = [*SETS.values(), *([HELD_OUT] if HELD_OUT.exists() else [])]
    cases = [case for path in files for case in load(path)]
    result = score(f"whole corpus ({len(files)} files)", cases)
    record(result)
    assert result.exact_rate >= CORPUS_TARGET, result.table()


def check_held_out(path: Path, *, report: bool = True) -> None:
    """The held-out rule: >= 97% exact and not one unrequested start."""
    result = score(f"held-out ({path.name})", load(path))
    if report:
        record(result)
    assert not result.unrequested_starts, result.table()
    assert result.exact_rate >= HELD_OUT_TARGET, result.table()


#: Why the held-out set misses its target today, or None once it meets it.
HELD_OUT_SHORTFALL: str | None = (
    "held-out: 94.6% exact (246/260) at first sight (b0c1e0f), 96.9% (252/260) with the "
    "rules tuned on the training sets and the phrasing model; < 97%, so plan() does not yet "
    "generalize to phrasings nobody here wrote as well as the target asks"
)


def test_the_held_out_set_starts_nothing_the_words_did_not_ask_for() -> None:
    result = score(f"held-out ({HELD_OUT.name})", load(HELD_OUT))
    assert not result.unrequested_starts, result.table()


@pytest.mark.xfail(HELD_OUT_SHORTFALL is not None, reason=str(HELD_OUT_SHORTFALL), strict=True)
def test_the_held_out_set() -> None:
    check_held_out(HELD_OUT)


# --- the harness itself, on a file whose answers are known ------------------------------


def _case(text: str, agent: str, operation: str | None, rtype: str | None, minutes: int | None):
    expect = dict(zip(FIELDS, (agent, operation, rtype, minutes), strict=True))
    return {"text": text, "expect": expect}


def test_the_harness_scores_a_file_exactly(tmp_path: Path) -> None:
    cases = [
        _case("Start a renewal call with a customer now.", "roleplay", "start", "customer_success",
              15),  # right
        _case("Show the leaderboard.", "roleplay", "leaderboard", None, None),  # right
        # labelled preview, planned start: wrong operation AND an unrequested start
        _case("Launch a sales demo practice right away.", "roleplay", "preview", "sales", 15),
        # wrong duration only
        _case("A quick renewal drill with a customer.", "roleplay", "preview",
              "customer_success", 30),
        # wrong agent/operation (a route away labelled as a roleplay)
        _case("Tailor my resume.", "roleplay", "review", None, None),
    ]  # fmt: skip
    path = tmp_path / "small.jsonl"
    path.write_text("\n".join(json.dumps(case) for case in cases) + "\n", encoding="utf-8")
    result = score("small", load(path))
    assert (result.cases, result.exact) == (5, 2)
    assert result.right == {"agent": 4, "operation": 3, "roleplay_type": 5, "duration_minutes": 4}
    assert result.unrequested_starts == ["Launch a sales demo practice right away."]
    assert result.exact_rate == pytest.approx(0.4)
    assert "exact 40.0%" in result.line() and "unrequested starts 1" in result.line()
    assert len(result.misses) == 3 and "Tailor my resume." in result.table()


def test_the_held_out_check_passes_and_fails_as_it_should(tmp_path: Path) -> None:
    good = [_case(f"Show the leaderboard{'!' * n}", "roleplay", "leaderboard", None, None)
            for n in range(40)]  # fmt: skip
    path = tmp_path / "plan_heldout.jsonl"
    path.write_text("\n".join(json.dumps(case) for case in good) + "\n", encoding="utf-8")
    check_held_out(path, report=False)  # 40/40
    one_wrong = [*good, _case("Tailor my resume.", "roleplay", "review", None, None)]
    path.write_text("\n".join(json.dumps(case) for case in one_wrong) + "\n", encoding="utf-8")
    check_held_out(path, report=False)  # 40/41 = 97.6%
    started = [*good, _case("Launch a sales demo practice right away.", "roleplay", "preview",
                            "sales", 15)]  # fmt: skip
    path.write_text("\n".join(json.dumps(case) for case in started) + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="UNREQUESTED START"):
        check_held_out(path, report=False)  # 97.6% exact, but one start nobody asked for
    two_wrong = [*one_wrong, _case("Show my Q score.", "roleplay", "review", None, None)]
    path.write_text("\n".join(json.dumps(case) for case in two_wrong) + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"exact 95\.2%"):
        check_held_out(path, report=False)  # 40/42


# --- the labels themselves ------------------------------------------------------------------


def _all_cases() -> list[tuple[str, dict[str, Any]]]:
    files = [*SETS.values(), *([HELD_OUT] if HELD_OUT.exists() else [])]
    return [(path.name, case) for path in files for case in load(path)]


def test_the_labels_follow_the_conventions() -> None:
    operations = {str(operation) for operation in Operation}
    scenario = {str(operation) for operation in SCENARIO_OPERATIONS}
    every_file = sorted(DATA.glob("plan_*.jsonl"))  # the training-only files too
    assert len(every_file) > len(SETS) + 1
    for source, case in [(path.name, case) for path in every_file for case in load(path)]:
        expect = case["expect"]
        where = (source, case["text"])
        assert set(FIELDS) <= set(expect), where
        assert expect["agent"] in AGENTS, where
        assert (expect["operation"] is None) == (expect["agent"] != "roleplay"), where
        assert expect["operation"] is None or expect["operation"] in operations, where
        assert (expect["roleplay_type"] is not None) == (expect["operation"] in scenario), where
        assert (expect["duration_minutes"] is not None) == (expect["operation"] in scenario), where
        assert expect["roleplay_type"] in (*ROLEPLAY_TYPES, None), where
        assert expect["duration_minutes"] in (*DURATIONS, None), where


def test_our_corpus_is_large_and_covers_every_rule() -> None:
    cases = load(OWN)
    assert len(cases) >= 400
    assert len({case["text"] for case in cases}) == len(cases), "duplicate phrasings"
    expected = [case["expect"] for case in cases]
    assert {e["agent"] for e in expected} == set(AGENTS)
    assert {e["operation"] for e in expected if e["agent"] == "roleplay"} == {
        str(operation) for operation in Operation
    }
    assert {e["roleplay_type"] for e in expected} - {None} == set(ROLEPLAY_TYPES)
    assert {e["duration_minutes"] for e in expected} - {None} == set(DURATIONS)
    tags = Counter(tag for case in cases for tag in case["tags"])
    for tag in [
        "plain", "indirect", "terse", "typo", "lower", "negation", "deferred", "two_intents",
        "quick", "deep", "explicit_duration", "long", "ask", "start", "route_away",
    ]:  # fmt: skip
        assert tags[tag] >= 3, tag
    assert any("10 min" in case["text"] for case in cases)  # 10 is never sent


def test_the_readme_states_the_held_out_figure_the_suite_measures() -> None:
    readme = (DATA.parent.parent / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"plan_heldout\.jsonl`\)\s+it is (\d+\.\d)% exact", readme)
    assert stated, "README's plan paragraph no longer states the held-out figure"
    measured = score("held-out", load(HELD_OUT)).exact_rate * 100
    assert stated.group(1) == f"{measured:.1f}"
