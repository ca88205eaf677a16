"""Fail the package's import with one clear line when the `fake` extra is not installed.

roleplay_reference ships in every roleplay-sdk wheel, but its dependencies come only with
`pip install "roleplay-sdk[fake]"`; without them, `import roleplay_reference` says so instead
of failing deep inside on `No module named 'yaml'`.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec

#: Modules of the `fake` extra's distributions (pyproject.toml).
FAKE_EXTRA_MODULES = ("starlette", "uvicorn", "websockets", "jsonschema", "yaml")


def require_fake_extra() -> None:
    missing = [name for name in FAKE_EXTRA_MODULES if find_spec(name) is None]
    if missing:
        install = f'pip install "roleplay-sdk[fake]" (missing: {", ".join(missing)})'
        if _run_as_a_command():
            print(
                f'python -m roleplay_reference: the reference service needs the "fake" extra: '
                f"{install}",
                file=sys.stderr,
            )
            raise SystemExit(1)
        raise ModuleNotFoundError(
            f'roleplay_reference needs the "fake" extra: {install}', name=missing[0]
        )


def _run_as_a_command() -> bool:
    """True while `python -m roleplay_reference ...` imports this package for its __main__.

    Python imports the package before its __main__ runs, so only here can the command say what
    is missing in one line and exit 1, as `roleplay` does, instead of a traceback. While -m
    looks for the module, sys.argv[0] is "-m"; sys.orig_argv names the module.
    """
    if sys.argv[:1] != ["-m"]:
        return False
    return any(arg.removeprefix("-m") in _COMMAND_MODULES for arg in sys.orig_argv[1:])


_COMMAND_MODULES = frozenset({"roleplay_reference", "roleplay_reference.__main__"})


require_fake_extra()
