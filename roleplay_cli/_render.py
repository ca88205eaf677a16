"""Output: panels and tables on a terminal; plain, never wrapped lines otherwise; JSON (--json).

A value a script may cut out of the output (a presigned URL, an ID) must survive a pipe
intact, so nothing is hard-wrapped unless stdout is a terminal, and even there URLs are
printed as one soft-wrapped line. Markup and emoji codes are never interpreted.
"""

from __future__ import annotations

import datetime
import enum
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

out = Console(highlight=False, emoji=False, markup=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, emoji=False, markup=False, soft_wrap=True)


def is_terminal() -> bool:
    return out.is_terminal


def line(text: str = "") -> None:
    """One line on stdout, never hard-wrapped (a terminal soft-wraps it)."""
    if out.is_terminal:
        out.print(text, soft_wrap=True)
    else:
        print(text, flush=True)


def warn(text: str) -> None:
    """One line on stderr, never hard-wrapped."""
    if err.is_terminal:
        err.print(text, soft_wrap=True)
    else:
        print(text, file=sys.stderr, flush=True)


def panel(title: str, text: str) -> None:
    """A boxed panel on a terminal; elsewhere a title line and the text as it is."""
    if out.is_terminal:
        out.print(Panel(text, title=title, title_align="left"), soft_wrap=False)
    else:
        print(f"-- {title}", flush=True)
        print(text, flush=True)


def show_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A rich table on a terminal; elsewhere a header and aligned rows, nothing cut or wrapped."""
    cells = [["" if cell is None else str(cell) for cell in row] for row in rows]
    if out.is_terminal:
        grid = Table(title=title, title_justify="left")
        for index, column in enumerate(columns):
            width = max([len(column), *(len(row[index]) for row in cells)])
            machine = " " not in "".join(row[index] for row in cells)
            grid.add_column(column, no_wrap=machine, min_width=width if machine else None)
        for row in cells:
            grid.add_row(*row)
        out.print(grid, soft_wrap=False)
        return
    widths = [
        max([len(column), *(len(row[i]) for row in cells)]) for i, column in enumerate(columns)
    ]
    for row in [list(columns), *cells]:
        padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=False)]
        print("  ".join([*padded, row[-1]]).rstrip(), flush=True)


def jsonable(value: Any) -> Any:
    """Models (attrs classes) as JSON values, datetimes as ISO 8601; an empty `extra` is dropped."""
    if attrs.has(type(value)):
        data = {}
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if field.name == "extra" and not item:
                continue
            data[field.name] = jsonable(item)
        return data
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def emit_json(value: Any) -> None:
    """Plain print, so no console wraps or styles the JSON."""
    print(json.dumps(jsonable(value), indent=2, ensure_ascii=False), flush=True)


def emit_json_error(error: Mapping[str, Any]) -> None:
    """One JSON object on one line of stderr, so `2> err.json` then `jq` works."""
    print(json.dumps(dict(error), ensure_ascii=False), file=sys.stderr, flush=True)
