"""Placeholder entry point of the `roleplay` command; the real CLI replaces this module."""

from __future__ import annotations

import sys

USAGE = "usage: roleplay COMMAND [ARGS]...\n\nThe roleplay CLI is not implemented yet."


def main() -> None:
    """Print usage and exit with status 2 (command-line usage error)."""
    print(USAGE, file=sys.stderr)
    raise SystemExit(2)


if __name__ == "__main__":
    main()
