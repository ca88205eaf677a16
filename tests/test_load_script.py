"""Smoke test of scripts/load: a small run of both phases must pass its own checks.

Why: the load run is the proof that nothing is lost or duplicated under concurrency and a
restart; this keeps the script working as the SDK and the reference service change.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "load"

EXPECTED_PASSES = [
    "errors == 0",
    "no ID was answered twice",
    "service sessions == ledger",
    "service assignments == ledger",
    "every created session reads back",
    "every approved session stayed active",
    "every created assignment reads back",
]


def test_small_load_run_of_both_phases_passes() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--calls", "200", "--concurrency", "16"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "FAIL" not in out
    for phase in ("steady", "restart"):
        assert f"== phase: {phase} ==" in out
        for check in EXPECTED_PASSES:
            assert f"PASS [{phase}] {check}" in out, check
        assert re.search(rf"PASS \[{phase}\] errors == 0 \(0\)", out)
    assert "PASS [restart] restarted once mid-run (restarts 1," in out
    assert "PASS [restart] the same Idempotency-Key before and after the restart" in out
    # Every call is accounted for in each table.
    assert re.findall(r"^calls\s+(\d+)$", out, re.MULTILINE) == ["200", "200"]
    assert out.rstrip().endswith("LOAD PASS")
