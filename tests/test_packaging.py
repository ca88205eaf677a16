"""Build the wheel once, install it with its dependencies into a fresh venv, check what it ships.

Needs the package index (pip fetches hatchling for the isolated build and the runtime
dependencies for the install). Deselect with `-m "not packaging"`.
"""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
TIMEOUT = 300

pytestmark = pytest.mark.packaging


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheelhouse")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT, cwd=out)
    wheels = sorted(out.glob(f"roleplay_sdk-{VERSION}-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed_python(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Python of a fresh venv into which the wheel was installed with its dependencies."""
    venv_dir = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", venv_dir, cwd=venv_dir)
    python = venv_dir / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", wheel, cwd=venv_dir)
    return python


def test_wheel_layout(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        spec = archive.read("roleplay_reference/openapi.yaml")
    assert spec == (ROOT / "openapi.yaml").read_bytes()
    for expected in (
        "roleplay_sdk/__init__.py",
        "roleplay_sdk/py.typed",
        "roleplay_cli/__main__.py",
        "roleplay_reference/__init__.py",
        "roleplay_service_client/__init__.py",
        "roleplay_service_client/client.py",
        "roleplay_service_client/py.typed",
    ):
        assert expected in names
    assert not any(name.startswith(("generated/", "tests/", "scripts/")) for name in names)


def test_wheel_runtime_dependencies(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode())
    runtime = sorted(
        requirement.split(">")[0].split("<")[0].split("=")[0].strip()
        for requirement in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in requirement
    )
    assert runtime == ["attrs", "httpx"]
    assert set(metadata.get_all("Provides-Extra") or []) == {"fake", "cli", "contract", "dev"}


def test_installed_wheel_imports(installed_python: Path) -> None:
    code = (
        "import pathlib, sys, sysconfig\n"
        "import roleplay_sdk, roleplay_service_client\n"
        "from roleplay_service_client import AuthenticatedClient, Client\n"
        "for module in (roleplay_sdk, roleplay_service_client):\n"
        "    assert pathlib.Path(module.__file__).is_relative_to(sys.prefix), module.__file__\n"
        # Not imported: roleplay_reference needs the `fake` extra, which this install lacks.
        "purelib = sysconfig.get_paths()['purelib']\n"
        "spec = pathlib.Path(purelib, 'roleplay_reference', 'openapi.yaml')\n"
        "assert spec.is_file() and spec.read_text(encoding='utf-8').startswith('openapi:')\n"
        "print('imports ok')\n"
    )
    # -I: ignore the checkout and PYTHONPATH, so only the installed wheel can be imported.
    result = _run(installed_python, "-I", "-c", code, cwd=installed_python.parent)
    assert result.stdout.strip() == "imports ok"
    assert (installed_python.parent / "roleplay").is_file()
