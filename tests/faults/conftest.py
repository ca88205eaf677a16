"""After the run: the fault matrix goes to a report file; the terminal gets one line about it."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from faults import _report
    from faults._record import CELLS

    if not CELLS:
        return
    path = _report.write(CELLS, terminalreporter.config.rootpath)
    shown = path.relative_to(terminalreporter.config.rootpath)
    terminalreporter.write_line(
        f"fault matrix: {_report.summary(CELLS)}; table and legend in {shown}"
    )
