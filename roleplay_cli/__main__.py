"""Entry point of the `roleplay` command (and `python -m roleplay_cli`).

Imports only the standard library until the `cli` extra is known to be installed, so without
it the command prints one line naming the extra (exit status 1) instead of a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.util import find_spec

#: Modules of the `cli` extra's own distributions (pyproject.toml).
CLI_EXTRA_MODULES = ("typer", "rich")

#: Connection options the top-level callback takes; each is followed by a value.
_VALUED = ("--base-url", "--api-token", "--user-id", "--org-id")


def hoist_global_options(argv: Sequence[str]) -> list[str]:
    """Move connection options and --json written after the subcommand to the front.

    So `roleplay preview --brief B --base-url URL` works as well as
    `roleplay --base-url URL preview --brief B`. Nothing after `--` is moved.
    """
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            rest.extend(argv[index:])
            break
        name = arg.split("=", 1)[0]
        if name in _VALUED and "=" in arg:
            front.append(arg)
        elif name in _VALUED and index + 1 < len(argv):
            front.extend(argv[index : index + 2])
            index += 1
        elif arg == "--json":
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


def missing_extra_message() -> str | None:
    """The one line to print when the `cli` extra is not installed (None when it is)."""
    missing = [name for name in CLI_EXTRA_MODULES if find_spec(name) is None]
    if not missing:
        return None
    return (
        'roleplay: the command line needs the "cli" extra: pip install "roleplay-sdk[cli]" '
        f"(missing: {', '.join(missing)})"
    )


def main() -> None:
    """Run the CLI; click exits 2 on usage errors."""
    message = missing_extra_message()
    if message is not None:
        print(message, file=sys.stderr)
        raise SystemExit(1)
    from roleplay_cli._app import app

    app(args=hoist_global_options(sys.argv[1:]), prog_name="roleplay")


if __name__ == "__main__":
    main()
