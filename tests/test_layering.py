"""Each shipped package uses the others through their public API only (docs/architecture.md).

An AST walk over the source: a module of one package may import another of our packages, its
public modules and their public names, never a `_private` module or name of it (whether by
`import`, `from ... import`, `importlib.import_module("...")`, `pytest.importorskip("...")` or
an attribute such as `roleplay_sdk._normalize`); and the facade imports none of the packages
built on it. Walked: the four packages the wheel installs, scripts/ and the README files'
Python blocks (what a user copies).

Not walked, on purpose: tests/, white-box tests of each package's own private modules (e.g.
tests/test_normalize.py on roleplay_sdk._normalize, tests/_spec_drift.py comparing the
generated client roleplay_sdk._service_client with the facade); and the generated client
itself (it imports only itself). The contract suite needs no private module: it checks a
deployment over HTTP and the SDK through its public API. What else may reach a private
module is the allow-list ALLOWED below, each entry with its reason; an entry nothing uses
any more fails the test, so the list cannot go stale.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Import name -> its folder in the checkout.
PACKAGES = {
    "roleplay_sdk": "roleplay_sdk",
    "roleplay_reference": "roleplay_reference",
    "roleplay_cli": "roleplay_cli",
    "roleplay_contract": "contract_tests",
}
#: Other names a package is imported as (the checkout's name of the installed suite).
ALIASES = {"contract_tests": "roleplay_contract"}
#: The facade is what the others are built on: it imports none of them.
FACADE = "roleplay_sdk"
BUILT_ON_THE_FACADE = frozenset({"roleplay_reference", "roleplay_cli", "roleplay_contract"})
#: (file, private module or name) -> why that file may use it.
ALLOWED = {
    ("scripts/_bench_calls.py", "roleplay_sdk._service_client"): (
        "the benchmark times the generated client alone, the floor the facade's overhead "
        "is measured against (docs/performance.md); scripts/ is not shipped"
    ),
    **{
        ("scripts/_bench_calls.py", f"roleplay_sdk.{private}"): (
            "the benchmark's step ladder rebuilds RoleplayClient's call from its private steps "
            "(send, parse, flow) to say where the facade's per-call time goes "
            "(docs/performance.md); scripts/ is not shipped"
        )
        for private in ("_flow", "_limits", "_models", "_ops_sessions")
    },
    ("scripts/train-phrasing-model", "roleplay_sdk._phrasing_model"): (
        "the trainer writes the phrasing model's shipped file with the module's own training "
        "code, so training and reading share one feature function; scripts/ is not shipped"
    ),
    ("scripts/train-phrasing-model", "roleplay_sdk._plan"): (
        "--evaluate sets the phrasing model aside to score the rules alone against the rules "
        "with the model (leave-one-set-out); scripts/ is not shipped"
    ),
}
#: Calls whose first argument, a string, names a module to import.
IMPORTING_CALLS = frozenset({"import_module", "importorskip", "__import__"})
_PYTHON_BLOCK = re.compile(r"^```python[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
#: Folders of a package that are not its own source (the link to the generated client).
_NOT_SOURCE = frozenset({"_service_client", "__pycache__"})


def _package_of(module: str) -> str | None:
    head = module.split(".")[0]
    head = ALIASES.get(head, head)
    return head if head in PACKAGES else None


def _private_part(dotted: str) -> str | None:
    """`roleplay_sdk._normalize.X` -> `roleplay_sdk._normalize`; None when all parts are public."""
    parts = dotted.split(".")
    for index, part in enumerate(parts[1:], start=1):
        if part.startswith("_") and not (part.startswith("__") and part.endswith("__")):
            return ".".join(parts[: index + 1])
    return None


class _References(ast.NodeVisitor):
    """Every (line, dotted name) of one of our packages that a module uses."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self._bound: dict[str, str] = {}  # local name -> the package module it is bound to

    def _add(self, line: int, dotted: str) -> None:
        if _package_of(dotted) is not None:
            self.found.append((line, dotted))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node.lineno, alias.name)
            if alias.asname is not None:
                self._bound[alias.asname] = alias.name
            else:
                head = alias.name.split(".")[0]
                self._bound[head] = head

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or node.module is None:
            return  # relative: inside the importing package
        self._add(node.lineno, node.module)
        for alias in node.names:
            if alias.name != "*":
                self._add(node.lineno, f"{node.module}.{alias.name}")
                self._bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def visit_Assign(self, node: ast.Assign) -> None:
        # sdk = pytest.importorskip("roleplay_sdk"): `sdk._x` is then private use too.
        module = self._imported_by(node.value)
        if module is not None:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self._bound[target.id] = module
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        module = self._imported_by(node)
        if module is not None:
            self._add(node.lineno, module)
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = self._dotted(node)
        if dotted is not None:
            self._add(node.lineno, dotted)
        else:
            self.generic_visit(node)

    def _dotted(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return self._bound.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self._dotted(node.value)
            return None if base is None else f"{base}.{node.attr}"
        return None

    @staticmethod
    def _imported_by(node: ast.expr) -> str | None:
        if not isinstance(node, ast.Call) or not node.args:
            return None
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        first = node.args[0]
        if name in IMPORTING_CALLS and isinstance(first, ast.Constant):
            return first.value if isinstance(first.value, str) else None
        return None


def references(source: str) -> list[tuple[int, str]]:
    visitor = _References()
    visitor.visit(ast.parse(source))
    return visitor.found


def violations(source: str, *, owner: str | None, where: str) -> Iterator[str]:
    """What `source` (a module of package `owner`, or of none) may not use, one line each."""
    seen: set[tuple[int, str]] = set()
    for line, dotted in references(source):
        package = _package_of(dotted)
        if package is None or package == owner:
            continue
        if owner == FACADE and package in BUILT_ON_THE_FACADE:
            yield f"{where}:{line}: the facade imports {dotted}, which is built on it"
            continue
        private = _private_part(dotted)
        if private is None or (where.split(":")[0], private) in ALLOWED:
            continue
        if (line, private) not in seen:
            seen.add((line, private))
            yield (
                f"{where}:{line}: uses {private}, private to {package}; import the public "
                f"name from {package} (make it public there if it is missing)"
            )


def _package_files(folder: str) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(ROOT / folder):  # links are not followed
        subdirectories[:] = sorted(d for d in subdirectories if d not in _NOT_SOURCE)
        yield from (Path(directory) / name for name in sorted(files) if name.endswith(".py"))


def _script_files() -> Iterator[Path]:
    for path in sorted((ROOT / "scripts").iterdir()):
        if path.suffix == ".py" or (
            path.is_file() and path.read_bytes().startswith(b"#!/usr/bin/env python")
        ):
            yield path


def _sources() -> Iterator[tuple[str, str | None, str]]:
    """(where, owning package or None, source) of everything the test walks."""
    for package, folder in PACKAGES.items():
        for path in _package_files(folder):
            yield path.relative_to(ROOT).as_posix(), package, path.read_text(encoding="utf-8")
    for path in _script_files():
        yield path.relative_to(ROOT).as_posix(), None, path.read_text(encoding="utf-8")
    for readme in ("README.md", "contract_tests/README.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        for number, block in enumerate(_PYTHON_BLOCK.findall(text), start=1):
            yield f"{readme}:python block {number}", None, block


SOURCES = list(_sources())
GROUPS = [*PACKAGES.values(), "scripts", "README blocks"]


def _group(where: str) -> str:
    name = where.split(":")[0]
    return "README blocks" if name.endswith("README.md") else name.split("/")[0]


@pytest.mark.parametrize("group", GROUPS)
def test_no_module_reaches_into_another_packages_private_parts(group: str) -> None:
    walked = [(where, owner, source) for where, owner, source in SOURCES if _group(where) == group]
    assert walked, f"nothing walked in {group}"
    found = [
        problem
        for where, owner, source in walked
        for problem in violations(source, owner=owner, where=where)
    ]
    assert found == [], "\n".join(found)


def test_every_allowed_private_use_is_still_used() -> None:
    used = {
        (where.split(":")[0], _private_part(dotted))
        for where, _, source in SOURCES
        for _, dotted in references(source)
    }
    stale = sorted(set(ALLOWED) - used)
    assert stale == [], f"remove from ALLOWED, nothing uses them any more: {stale}"


# --- the walker itself: each way of reaching a private part is caught ---------------------


@pytest.mark.parametrize(
    "source",
    [
        "import roleplay_sdk._normalize",
        "import roleplay_sdk._normalize as n",
        "from roleplay_sdk._validate import ARTIFACT_TYPES",
        "from roleplay_sdk import _exceptions",
        "from roleplay_sdk._service_client.api.reviews import get_roleplay_review",
        "import importlib\nimportlib.import_module('roleplay_sdk._plan')",
        "import pytest\nsdk = pytest.importorskip('roleplay_sdk')\nsdk._normalize.DEPTHS",
        "import roleplay_sdk\nroleplay_sdk._exceptions.FALLBACK",
        "from roleplay_reference import _auth",
        "from roleplay_reference.testing import _helper",
        "def f():\n    from contract_tests._target import Target",
    ],
)
def test_the_walk_catches_private_use(source: str) -> None:
    assert list(violations(source, owner="roleplay_cli", where="x.py"))


@pytest.mark.parametrize(
    "source",
    [
        "import roleplay_sdk\nroleplay_sdk.RoleplayClient",
        "from roleplay_sdk import PERSONAS, snap_duration",
        "from roleplay_reference.testing import in_process_client",
        "import roleplay_cli.__main__",
        "from roleplay_cli._errors import FLAGS",  # its own private module
        "from ._render import warn",  # relative: its own package
        "import httpx._client",  # not one of our packages
    ],
)
def test_the_walk_lets_public_use_through(source: str) -> None:
    assert list(violations(source, owner="roleplay_cli", where="x.py")) == []


def test_the_facade_imports_nothing_built_on_it() -> None:
    assert list(violations("import roleplay_cli", owner="roleplay_sdk", where="x.py"))
    assert list(violations("from roleplay_reference import serve", owner=FACADE, where="x.py"))
