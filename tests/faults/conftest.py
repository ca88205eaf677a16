"""Print the fault matrix (operation x fault -> outcome) at the end of the run."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from faults.test_fault_matrix import MATRIX

    if not MATRIX:
        return
    terminalreporter.section("fault matrix (operation x fault -> outcome)")
    for operation, fault, outcome in MATRIX:
        terminalreporter.write_line(f"{operation:<30} {fault:<20} {outcome}")
