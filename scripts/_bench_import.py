"""Section 3 of scripts/bench: `import roleplay_sdk` vs `import httpx` (python -X importtime).

Each import runs in a fresh interpreter; the figure is the top-level module's cumulative
time, the median of several runs, so one slow start does not decide the verdict.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
from pathlib import Path

from _bench_common import Row, check

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5  # importing roleplay_sdk costs at most 1.5x importing httpx


def import_time_us(module: str) -> int:
    """Cumulative import time of `module` (microseconds) in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s?(\S+)$", line)
        if m and m.group(2) == module:
            return int(m.group(1))
    raise RuntimeError(f"no importtime line for {module}")


def import_rows(runs: int) -> list[Row]:
    section = "3 import"
    sdk: list[int] = []
    hx: list[int] = []
    for _ in range(runs):  # alternate, so both see the same machine state
        sdk.append(import_time_us("roleplay_sdk"))
        hx.append(import_time_us("httpx"))
    sdk_ms, hx_ms = statistics.median(sdk) / 1000, statistics.median(hx) / 1000
    ratio = sdk_ms / hx_ms
    return [
        Row(section, f"import httpx (median of {runs}, -X importtime)", f"{hx_ms:.1f} ms"),
        Row(section, f"import roleplay_sdk (median of {runs}, -X importtime)", f"{sdk_ms:.1f} ms"),
        check(
            section,
            "import roleplay_sdk / import httpx",
            ratio,
            ".2f",
            f"<= {TARGET:.2f}",
            ratio <= TARGET,
        ),
    ]
