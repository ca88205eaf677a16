"""The fault matrix as a report file, and the one line the terminal shows about it.

The table (operation x fault -> outcome, per driver and retry setting) is long; printed at the
end of `make test` it buried the run's summary and its cells needed a legend. So the file
carries the table and its legend, and the terminal one line with the totals and the path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from faults._faults import FAULTS
from faults._record import LEGEND, Cell

REPORT = Path("build") / "reports" / "fault-matrix.txt"
SHORT = {
    "read_timeout": "rd_tmo",
    "malformed_json": "badjson",
    "wrong_content_type": "ctype",
    "truncated": "trunc",
    "mid_body": "midbody",
}
COLUMNS = (
    "columns (the fault injected into the first attempt of each request): refused=connection "
    "refused, 429/502/503/504=that status, reset=connection reset after the server handled it, "
    "midbody=body cut mid-stream, rd_tmo=read timeout, slow=answer later than the timeout, "
    "trunc=truncated JSON, badjson=malformed JSON, ctype=wrong Content-Type"
)


def _order(item: tuple[tuple[str, int], Any]) -> tuple[bool, int]:
    (driver, retries), _ = item
    return driver != "sync", -retries


def table(cells: Sequence[Cell]) -> list[str]:
    """The legend, then one block per (driver, max_retries): a row per operation."""
    tables: dict[tuple[str, int], dict[str, dict[str, Any]]] = defaultdict(dict)
    for cell in cells:
        row = tables[(cell.driver, cell.retries)].setdefault(
            cell.operation, {"codes": {}, "counts": []}
        )
        row["codes"][cell.fault] = cell.code
        if cell.counts not in row["counts"]:
            row["counts"].append(cell.counts)
    width = max(len(cell.operation) for cell in cells)
    header = " ".join(f"{SHORT.get(f, f):>7}" for f in FAULTS)
    lines = ["fault matrix (operation x fault -> outcome)", LEGEND, COLUMNS]
    for (driver, retries), rows in sorted(tables.items(), key=_order):
        lines.append("")
        lines.append(f"{driver}, max_retries={retries}".ljust(width) + " " + header + "  s/a/u")
        for operation, row in rows.items():
            codes = " ".join(f"{row['codes'].get(f, '-'):>7}" for f in FAULTS)
            lines.append(f"{operation:<{width}} {codes}  {','.join(row['counts'])}")
    lines.append("")
    lines.append(summary(cells))
    return lines


def summary(cells: Iterable[Cell]) -> str:
    cells = list(cells)
    ok = sum(cell.outcome == "ok" for cell in cells)
    totals = [sum(int(cell.counts.split("/")[i]) for cell in cells) for i in range(3)]
    return (
        f"{len(cells)} fault cells passed: {ok} gave the clean result, {len(cells) - ok} the "
        f"fault's typed error; each left exactly the expected records in the service "
        f"({totals[0]} sessions, {totals[1]} assignments, {totals[2]} uploads in all)"
    )


def write(cells: Sequence[Cell], root: Path) -> Path:
    """Write the table under `root` (the pytest rootdir); the path written."""
    path = root / REPORT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(table(cells)) + "\n", encoding="utf-8")
    return path
