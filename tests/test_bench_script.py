"""Smoke test of scripts/bench: --quick runs every section and prints every row.

Not a timed test: the figures are printed, never asserted; what must hold is that the
benchmark runs end to end against a real ServiceProcess and reports each measure.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_ROWS = [
    ("3 import", "import roleplay_sdk / import httpx"),
    ("1 per-call live", "review: facade / raw httpx (median)"),
    ("1 per-call live", "preview: facade / raw httpx (median)"),
    ("1 per-call live", "review: generated median / p90"),
    ("1 per-call live", "preview: client overhead over raw (median)"),
    ("1 per-call mock", "review: facade / raw httpx (median)"),
    ("1 per-call mock", "preview: client overhead over raw (median)"),
    ("1 per-call mock", "preview: facade, roleplay_type given median"),
    ("2 async throughput", "review: facade / raw httpx"),
    ("2 async throughput", "preview: facade / raw httpx"),
    ("5 service", "review: requests/s (raw httpx, c=4"),
    ("5 service", "review: requests/s (raw httpx, c=32"),
    ("5 service", "preview: requests/s"),
    ("4 bulk_results", "facade sync"),
    ("4 bulk_results", "facade async, chunks concurrent"),
    ("6 plan/normalize", "plan(): median per call"),
    ("6 plan/normalize", "normalize_request, roleplay_type given"),
    ("7 limits", "limits at defaults / off, median"),
    ("7 limits", "defaults / off"),
]
TARGETED = {"3 import", "1 per-call live", "2 async throughput"}


def test_bench_quick_prints_every_section() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench"), "--quick", "--bulk-ids", "300"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert out.startswith("machine: nproc="), out[:200]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in out.splitlines()
        if line.startswith("| ") and not line.startswith("| section")
    ]
    for section, measure in EXPECTED_ROWS:
        assert any(r[0] == section and measure in r[1] for r in rows), (
            section,
            measure,
            out,
        )
    verdicts = {r[0]: r[-1] for r in rows if r[-1]}
    for row in rows:
        # A target row says PASS or MISS; an information row says neither.
        assert row[-1] in {"PASS", "MISS", ""}, row
    assert set(verdicts) >= TARGETED, verdicts
    # Every value is a figure, never a placeholder.
    for row in rows:
        assert re.search(r"\d", row[2]), row
    assert "targets missed:" in out
    assert "NOT YET IMPLEMENTED" not in out
