"""Shared by the spec tests: scripts/spec-gate as a module, and edits of a spec document."""

from __future__ import annotations

import importlib.util
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _load_gate() -> Any:
    """scripts/spec-gate (a script without .py) imported once as the module `spec_gate`."""
    if "spec_gate" in sys.modules:
        return sys.modules["spec_gate"]
    loader = SourceFileLoader("spec_gate", str(ROOT / "scripts" / "spec-gate"))
    spec = importlib.util.spec_from_loader("spec_gate", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["spec_gate"] = module  # dataclasses look their module up
    loader.exec_module(module)
    return module


gate = _load_gate()


def schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"][name]
    return found


def add_response_field(document: dict[str, Any]) -> None:
    """An optional `language` in every preview (and so in every session)."""
    schema(document, "RoleplayPreview")["properties"]["language"] = {
        "type": "string",
        "maxLength": 16,
    }


def rename_response_field(document: dict[str, Any]) -> None:
    """The preview's candidate_brief becomes candidate_summary (still required)."""
    preview = schema(document, "RoleplayPreview")
    preview["properties"]["candidate_summary"] = preview["properties"].pop("candidate_brief")
    preview["required"] = [
        "candidate_summary" if name == "candidate_brief" else name for name in preview["required"]
    ]
