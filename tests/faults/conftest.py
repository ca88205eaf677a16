"""Print the fault matrix (operation x fault -> outcome, with the record counts) at the end."""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from faults._faults import FAULTS
    from faults._record import CELLS, LEGEND

    if not CELLS:
        return
    terminalreporter.section("fault matrix (operation x fault -> outcome)")
    terminalreporter.write_line(LEGEND)
    tables: dict[tuple[str, int], dict[str, dict[str, Any]]] = defaultdict(dict)
    for cell in CELLS:
        row = tables[(cell.driver, cell.retries)].setdefault(
            cell.operation, {"codes": {}, "counts": []}
        )
        row["codes"][cell.fault] = cell.code
        if cell.counts not in row["counts"]:
            row["counts"].append(cell.counts)
    width = max(len(cell.operation) for cell in CELLS)
    header = " ".join(f"{_short(f):>7}" for f in FAULTS)
    for (driver, retries), rows in sorted(tables.items(), key=_order):
        terminalreporter.write_line("")
        terminalreporter.write_line(
            f"{driver}, max_retries={retries}".ljust(width) + " " + header + "  s/a/u"
        )
        for operation, row in rows.items():
            codes = " ".join(f"{row['codes'].get(f, '-'):>7}" for f in FAULTS)
            terminalreporter.write_line(f"{operation:<{width}} {codes}  {','.join(row['counts'])}")
    ok = sum(cell.outcome == "ok" for cell in CELLS)
    totals = [sum(int(cell.counts.split("/")[i]) for cell in CELLS) for i in range(3)]
    terminalreporter.write_line("")
    terminalreporter.write_line(
        f"{len(CELLS)} cells passed ('-': a cell that failed or did not run): {ok} ok, "
        f"{len(CELLS) - ok} typed errors; in each, the service held exactly the expected records "
        f"(totals over the cells: {totals[0]} sessions, {totals[1]} assignments, "
        f"{totals[2]} uploads)"
    )


def _short(fault: str) -> str:
    return {
        "read_timeout": "rd_tmo",
        "malformed_json": "badjson",
        "wrong_content_type": "ctype",
        "truncated": "trunc",
        "mid_body": "midbody",
    }.get(fault, fault)


def _order(item: tuple[tuple[str, int], Any]) -> tuple[bool, int]:
    (driver, retries), _ = item
    return driver != "sync", -retries
