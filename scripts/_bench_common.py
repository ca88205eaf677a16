"""Shared pieces of scripts/bench: result rows, statistics and the request fixtures.

Why one place: every section must send the same requests (same brief, same tokens) and
report in the same table, so the comparisons are side by side.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

MEMBER_TOKEN = "dev-member-token"
MEMBER_USER = "user_123"
ADMIN_TOKEN = "dev-admin-token"
BRIEF = "Negotiate a salary increase with my manager after a strong year"
REVIEW_PATH = "/api/v1/roleplays/review/{session_id}"
PREVIEW_PATH = "/api/v1/roleplays/configure/preview"
BULK_PATH = "/api/v1/roleplays/results:bulk"
ASSIGNMENTS_PATH = "/api/v1/roleplays/assignments"


@dataclass(frozen=True)
class Row:
    """One line of the printed table; `verdict` is PASS, MISS or empty (information only)."""

    section: str
    measure: str
    value: str
    target: str = ""
    verdict: str = ""


def check(row_section: str, measure: str, value: float, fmt: str, target: str, ok: bool) -> Row:
    """A row with a target: PASS when `ok`, otherwise MISS."""
    return Row(row_section, measure, format(value, fmt), target, "PASS" if ok else "MISS")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p90(values: Sequence[float]) -> float:
    """The 90th percentile (nearest rank), robust for small samples."""
    ordered = sorted(values)
    return ordered[max(0, round(0.9 * len(ordered)) - 1)]


def table(rows: Sequence[Row]) -> str:
    """A Markdown table, so the printed output can be pasted into docs verbatim."""
    head = ("section", "measure", "value", "target", "result")
    cells = [head] + [(r.section, r.measure, r.value, r.target, r.verdict) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = []
    for n, cell in enumerate(cells):
        lines.append(
            "| " + " | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) + " |"
        )
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
