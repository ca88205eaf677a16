"""Scoring of plan() against labelled files, and its report (a pytest plugin).

PYTEST_DONT_REWRITE: imported by the test module before pytest loads it as a plugin.

A labelled file holds one case a line: {"text", "context"?, "expect": {agent, operation,
roleplay_type, duration_minutes}, ...}. A case is exact when all four fields match. An
"unrequested start" is a plan that starts a session where the label does not: the failure
the seed's preview-first rule exists to prevent, so it is counted on its own.

The report is one line per file in pytest's terminal summary (under a heading that says
what the figures are) and a full table in .make/plan-accuracy.txt, so nothing is printed
between the progress dots.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roleplay_sdk import plan

FIELDS = ("agent", "operation", "roleplay_type", "duration_minutes")
ROOT = Path(__file__).resolve().parent.parent
REPORT_PATH = ROOT / ".make" / "plan-accuracy.txt"


@dataclass
class Score:
    """How plan() did on one labelled file."""

    name: str
    cases: int = 0
    exact: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    unrequested_starts: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def exact_rate(self) -> float:
        return self.exact / self.cases if self.cases else 0.0

    def rate(self, name: str) -> float:
        return self.right[name] / self.cases if self.cases else 0.0

    def line(self) -> str:
        return (
            f"{self.name}: {self.cases} cases, exact {self.exact_rate:.1%}, "
            f"unrequested starts {len(self.unrequested_starts)}"
        )

    def table(self) -> str:
        rows = [self.line(), f"  {'field':<18}{'right':>7}{'accuracy':>10}"]
        for name in FIELDS:
            rows.append(f"  {name:<18}{self.right[name]:>7}{self.rate(name):>10.1%}")
        rows.append(f"  {'exact':<18}{self.exact:>7}{self.exact_rate:>10.1%}")
        rows.extend(f"  miss: {miss}" for miss in self.misses)
        rows.extend(f"  UNREQUESTED START: {text}" for text in self.unrequested_starts)
        return "\n".join(rows)


def load(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def got(case: dict[str, Any]) -> dict[str, Any]:
    result = plan(case["text"], context=case.get("context"))
    operation = None if result.operation is None else str(result.operation)
    return {
        "agent": result.agent,
        "operation": operation,
        "roleplay_type": result.roleplay_type,
        "duration_minutes": result.duration_minutes,
    }


def score(name: str, cases: list[dict[str, Any]]) -> Score:
    result = Score(name)
    for case in cases:
        expected = {key: case["expect"].get(key) for key in FIELDS}
        actual = got(case)
        result.cases += 1
        for key in FIELDS:
            result.right[key] += actual[key] == expected[key]
        if actual == expected:
            result.exact += 1
        else:
            result.misses.append(f"{case['text']!r}: expected {expected}, got {actual}")
        if actual["operation"] == "start" and expected["operation"] != "start":
            result.unrequested_starts.append(case["text"])
    return result


# --- the report --------------------------------------------------------------------------

_SCORES: dict[str, Score] = {}


def record(result: Score) -> None:
    _SCORES[result.name] = result
    REPORT_PATH.parent.mkdir(parents=True, exist_ok=True)
    tables = "\n\n".join(item.table() for item in _SCORES.values())
    REPORT_PATH.write_text(
        "plan() against the labelled phrasings: exact = agent, operation, roleplay_type and "
        "duration_minutes all as labelled.\n\n" + tables + "\n",
        encoding="utf-8",
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _SCORES:
        return
    terminalreporter.section("plan() accuracy on the labelled phrasings", sep="-")
    terminalreporter.write_line(
        "exact = agent, operation, roleplay_type, duration_minutes all right; "
        f"full table: {REPORT_PATH.relative_to(ROOT)}"
    )
    for result in _SCORES.values():
        terminalreporter.write_line(result.line())
