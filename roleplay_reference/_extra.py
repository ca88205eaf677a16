"""Fail the package's import with one clear line when the `fake` extra is not installed.

roleplay_reference ships in every roleplay-sdk wheel, but its dependencies come only with
`pip install "roleplay-sdk[fake]"`; without them, `import roleplay_reference` says so instead
of failing deep inside on `No module named 'yaml'`.
"""

from __future__ import annotations

from importlib.util import find_spec

#: Modules of the `fake` extra's distributions (pyproject.toml).
FAKE_EXTRA_MODULES = ("starlette", "uvicorn", "websockets", "jsonschema", "yaml")


def require_fake_extra() -> None:
    missing = [name for name in FAKE_EXTRA_MODULES if find_spec(name) is None]
    if missing:
        raise ModuleNotFoundError(
            'roleplay_reference needs the "fake" extra: pip install "roleplay-sdk[fake]" '
            f"(missing: {', '.join(missing)})",
            name=missing[0],
        )


require_fake_extra()
