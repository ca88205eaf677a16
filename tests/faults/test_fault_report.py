"""The fault matrix report: the table and its legend in a file, one line for the terminal."""

from __future__ import annotations

from pathlib import Path

from faults import _report
from faults._faults import FAULTS
from faults._record import LEGEND, Cell

CELLS = [
    Cell("sync", 2, "preview", "refused", "ok", "1/0/0"),
    Cell("sync", 0, "preview", "refused", "APIConnectionError", "0/0/0"),
    Cell("async", 0, "unassign", "429", "RateLimitError", "0/3/0"),
]


def test_the_report_file_holds_the_legend_and_every_cell(tmp_path: Path) -> None:
    path = _report.write(CELLS, tmp_path)
    assert path == tmp_path / "build" / "reports" / "fault-matrix.txt"
    lines = path.read_text().splitlines()
    assert LEGEND in lines and _report.COLUMNS in lines
    for fault in FAULTS:  # every column heading is explained
        assert f"{_report.SHORT.get(fault, fault)}=" in _report.COLUMNS or fault in _report.COLUMNS
    rows = {
        line.split()[0]: line.split() for line in lines if line.startswith(("preview", "unassign"))
    }
    assert rows["preview"][1] in {"ok", "conn"} and rows["unassign"][2] == "429"
    assert lines[-1] == _report.summary(CELLS)


def test_the_summary_counts_outcomes_and_records() -> None:
    text = _report.summary(CELLS)
    assert text.startswith("3 fault cells passed: 1 gave the clean result, 2 the fault's typed")
    assert "(1 sessions, 3 assignments, 0 uploads in all)" in text
