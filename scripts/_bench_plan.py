"""Section 6 of scripts/bench: plan() and normalize_request, pure CPU, no service.

plan(): every labelled phrasing of tests/data (our corpus, the blind dev set and the four
blind held-out sets that became dev sets; never plan_heldout.jsonl, which is not tuned
against) is timed on its own (rounds of calls, the median of the rounds), and the median
over the phrasings is the figure: a typical utterance, not one hand-picked sentence.
Nothing is cached between calls (plan() keeps no results), so repeating a phrasing
measures the same work each time.
normalize_request: the bench's own preview brief, with roleplay_type inferred (what a
preview without roleplay_type costs) and given (the validation alone).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from _bench_common import BRIEF, MEMBER_USER, Row, median, p90

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CORPORA = (
    "plan_cases.jsonl",
    "plan_blind_dev.jsonl",
    "plan_blind_heldout1.jsonl",
    "plan_blind_heldout2.jsonl",
    "plan_blind_heldout3.jsonl",
    "plan_blind_heldout4.jsonl",
    "plan_blind_heldout5.jsonl",
)
PLAN_TARGET_US = 150.0
NORMALIZE_TARGET_US = 40.0
SECTION = "6 plan/normalize"


def phrasings() -> list[str]:
    texts = []
    for name in CORPORA:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def per_call(function: Callable[[], object], calls: int, rounds: int) -> float:
    """Seconds per call: the median over `rounds` rounds of `calls` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            function()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def plan_rows(calls: int, rounds: int) -> list[Row]:
    # Imported here so the import-time section measures a fresh interpreter, not this one.
    from roleplay_sdk import normalize_request, plan

    started = time.perf_counter()
    plan("warm up: compile the signal table")  # first call compiles the table, once
    first = time.perf_counter() - started
    texts = phrasings()
    times = [per_call(lambda text=text: plan(text), calls, rounds) for text in texts]  # type: ignore[misc]
    mid, high = median(times) * 1e6, p90(times) * 1e6
    inferred = per_call(lambda: normalize_request(user_id=MEMBER_USER, brief=BRIEF), 2000, 7)
    typed = per_call(
        lambda: normalize_request(user_id=MEMBER_USER, brief=BRIEF, roleplay_type="custom"),
        2000,
        7,
    )

    def target(measure: str, value: float, limit: float) -> Row:
        verdict = "PASS" if value <= limit else "MISS"
        return Row(SECTION, measure, f"{value:.1f} us", f"<= {limit:.0f} us", verdict)

    return [
        target(f"plan(): median per call over {len(texts)} labelled phrasings", mid,
               PLAN_TARGET_US),
        Row(SECTION, "plan(): p90 / slowest phrasing per call",
            f"{high:.1f} / {max(times) * 1e6:.1f} us"),
        Row(SECTION, "plan(): first call in a process (compiles the table)",
            f"{first * 1e3:.1f} ms"),
        target("normalize_request, roleplay_type inferred (bench brief)", inferred * 1e6,
               NORMALIZE_TARGET_US),
        Row(SECTION, "normalize_request, roleplay_type given", f"{typed * 1e6:.1f} us"),
    ]  # fmt: skip
