"""scripts/spec-gate: the breaking-change gate of openapi.yaml against the last released spec."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from _spec_edits import add_response_field, gate, rename_response_field, schema

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "spec-gate"
RELEASED, RELEASED_PATH = gate.newest_release(ROOT / "spec" / "released")
BASE: dict[str, Any] = yaml.safe_load(RELEASED_PATH.read_text(encoding="utf-8"))
CHANGELOG_WITH = "## [{v}]\n\n### Added\n- something\n"
CHANGELOG_BREAKING = "## [{v}]\n\n### Breaking\n- something\n"


def edited(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    change(document)
    return document


def operation(document: dict[str, Any], op_id: str) -> dict[str, Any]:
    for methods in document["paths"].values():
        for op in methods.values():
            if isinstance(op, dict) and op.get("operationId") == op_id:
                return op
    raise KeyError(op_id)


def test_the_repository_passes_its_own_gate() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("OK: ")


def test_the_released_spec_is_the_newest_file_in_spec_released() -> None:
    assert RELEASED_PATH.name == "openapi-{}.{}.{}.yaml".format(*RELEASED)
    assert gate.diff(BASE, BASE) == []


def test_a_renamed_response_field_is_breaking_and_fails_without_a_new_major_version() -> None:
    changes = gate.diff(BASE, edited(rename_response_field))
    # RoleplaySession is RoleplayPreview and more (allOf): it loses the field too.
    assert {(c.where, c.what) for c in changes if c.breaking} == {
        ("RoleplayPreview.candidate_brief (response)", "removed (or renamed)"),
        ("RoleplaySession.candidate_brief (response)", "removed (or renamed)"),
    }
    added = [c for c in changes if "candidate_summary" in c.where]
    assert added and not any(c.breaking for c in added)
    # At 0.y the minor is the breaking position; from 1.0 on, the major.
    assert gate.verdict(changes, (0, 1, 0), "0.1.0", CHANGELOG_BREAKING.format(v="0.1.0"))
    assert gate.verdict(changes, (0, 1, 0), "0.1.1", CHANGELOG_BREAKING.format(v="0.1.1"))
    assert not gate.verdict(changes, (0, 1, 0), "0.2.0", CHANGELOG_BREAKING.format(v="0.2.0"))
    assert gate.verdict(changes, (1, 2, 0), "1.3.0", CHANGELOG_BREAKING.format(v="1.3.0"))
    assert not gate.verdict(changes, (1, 2, 0), "2.0.0", CHANGELOG_BREAKING.format(v="2.0.0"))
    # A breaking change also needs the changelog to say so.
    (problem,) = gate.verdict(changes, (1, 2, 0), "2.0.0", CHANGELOG_WITH.format(v="2.0.0"))
    assert "### Breaking" in problem


def test_an_added_optional_response_field_is_compatible_and_needs_a_minor_bump() -> None:
    changes = gate.diff(BASE, edited(add_response_field))
    assert [(c.breaking, c.where, c.what) for c in changes] == [
        (False, "RoleplayPreview.language (response)", "added (optional)"),
        (False, "RoleplaySession.language (response)", "added (optional)"),
    ]
    assert not gate.verdict(changes, (1, 2, 0), "1.3.0", CHANGELOG_WITH.format(v="1.3.0"))
    (patch_only,) = gate.verdict(changes, (1, 2, 0), "1.2.1", CHANGELOG_WITH.format(v="1.2.1"))
    assert "new minor version" in patch_only
    (no_entry,) = gate.verdict(changes, (1, 2, 0), "1.3.0", "## [1.2.0]\n")
    assert "CHANGELOG.md has no `## [1.3.0]` entry" in no_entry


def test_the_command_fails_naming_the_renamed_field(tmp_path: Path) -> None:
    released = tmp_path / "openapi-1.0.0.yaml"
    released.write_text(yaml.safe_dump(BASE, sort_keys=False), encoding="utf-8")
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(edited(rename_response_field), sort_keys=False), "utf-8")
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(CHANGELOG_BREAKING.format(v="1.1.0"), encoding="utf-8")
    args = ["--spec", spec, "--released", released, "--changelog", changelog]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args), "--version", "1.1.0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "BREAKING: RoleplayPreview.candidate_brief (response): removed" in result.stdout
    assert "2 breaking change(s) since 1.0.0 need a new major version" in result.stderr
    changelog.write_text(CHANGELOG_BREAKING.format(v="2.0.0"), encoding="utf-8")
    passed = subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args), "--version", "2.0.0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert passed.returncode == 0, passed.stderr


def _set(path: list[str], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _schemas(*path: str) -> list[str]:
    return ["components", "schemas", *path]


def _remove_operation(document: dict[str, Any]) -> None:
    del document["paths"]["/api/v1/roleplays/leaderboard"]


def _add_operation(document: dict[str, Any]) -> None:
    document["paths"]["/api/v1/roleplays/transcript/{session_id}"] = {
        "get": {
            "operationId": "getRoleplayTranscript",
            "parameters": [{"$ref": "#/components/parameters/SessionIdPath"}],
            "responses": {"200": {"description": "ok"}},
        }
    }


def _require(name: str, field: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        schema(document, name).setdefault("required", []).append(field)

    return change


def _unrequire(name: str, field: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        schema(document, name)["required"].remove(field)

    return change


def _nullable(name: str, field: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        props = schema(document, name)["properties"]
        props[field] = {"oneOf": [props[field], {"type": "null"}]}

    return change


def _drop_query(document: dict[str, Any]) -> None:
    op = operation(document, "getRoleplayLeaderboard")
    op["parameters"] = [p for p in op["parameters"] if p.get("name") != "roleplay_type"]


def _add_query(required: bool) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        operation(document, "getRoleplayLeaderboard")["parameters"].append(
            {"name": "since", "in": "query", "required": required, "schema": {"type": "string"}}
        )

    return change


def _drop_success(document: dict[str, Any]) -> None:
    operation(document, "confirmVideoUploaded")["responses"].pop("202")


def _docs_only(document: dict[str, Any]) -> None:
    document["info"]["description"] = "Rewritten."
    # A description beside a nullable field's oneOf keeps it the same nullable field.
    schema(document, "Assignment")["properties"]["session_id"]["description"] = "Its session."
    operation(document, "previewRoleplay")["summary"] = "Another summary"
    schema(document, "Brief")["examples"] = ["Another example."]
    operation(document, "previewRoleplay")["responses"]["201"]["links"].clear()


# (change, expected (breaking, where-fragment, what-fragment) findings)
RULES: dict[str, tuple[Callable[[dict[str, Any]], None], set[tuple[bool, str, str]]]] = {
    "operation removed": (
        _remove_operation,
        {(True, "operation getRoleplayLeaderboard", "removed")},
    ),
    "operation added": (_add_operation, {(False, "operation getRoleplayTranscript", "added")}),
    "request field made required": (
        _require("UpdateQuestionsRequest", "opening_prompt"),
        {(True, "UpdateQuestionsRequest.opening_prompt (request)", "made required")},
    ),
    "required request field added": (
        lambda d: (
            _set(_schemas("ApproveRequest", "properties", "note"), {"type": "string"})(d),
            _require("ApproveRequest", "note")(d),
        ),
        {(True, "ApproveRequest.note (request)", "added (required)")},
    ),
    "optional request field added": (
        _set(_schemas("ApproveRequest", "properties", "note"), {"type": "string"}),
        {(False, "ApproveRequest.note (request)", "added (optional)")},
    ),
    "response field made optional": (
        _unrequire("Leaderboard", "entries"),
        {(True, "Leaderboard.entries (response)", "made optional")},
    ),
    "response field made nullable": (
        _nullable("RoleplayReview", "recommendations"),
        {(True, "RoleplayReview.recommendations (response)", "null now allowed")},
    ),
    "request field made nullable": (
        _nullable("UnassignRequest", "reason"),
        {(False, "UnassignRequest.reason (request)", "null now allowed")},
    ),
    "enum value removed": (
        _set(_schemas("PersonaId", "enum"), ["payal", "emma", "john"]),
        {
            (True, "PersonaId (request)", "enum value 'kapil' removed"),
            (True, "PersonaId (response)", "enum value 'kapil' removed"),
        },
    ),
    "response enum value added": (
        _set(_schemas("SessionStatus", "enum"), ["draft", "active", "completed", "cancelled", "x"]),
        {(False, "SessionStatus (response)", "enum value 'x' added")},
    ),
    "request bound narrowed": (
        _set(_schemas("Brief", "maxLength"), 3000),
        {
            (True, "Brief (request)", "maxLength 4000 -> 3000"),
            (False, "Brief (response)", "maxLength 4000 -> 3000"),
        },
    ),
    "response bound widened": (
        _set(_schemas("Leaderboard", "properties", "entries", "maxItems"), 200),
        {(True, "Leaderboard.entries (response)", "maxItems 100 -> 200")},
    ),
    "request type narrowed": (
        _set(_schemas("QScoreInput", "properties", "q_score", "type"), "integer"),
        {(True, "QScoreInput.q_score (request)", "type ['integer', 'number'] -> ['integer']")},
    ),
    "query parameter removed": (
        _drop_query,
        {(True, "getRoleplayLeaderboard query parameter roleplay_type", "removed")},
    ),
    "optional query parameter added": (
        _add_query(required=False),
        {(False, "getRoleplayLeaderboard query parameter since", "added (optional)")},
    ),
    "required query parameter added": (
        _add_query(required=True),
        {(True, "getRoleplayLeaderboard query parameter since", "added (required)")},
    ),
    "success answer removed": (
        _drop_success,
        {(True, "confirmVideoUploaded answer 202", "removed")},
    ),
    "unclassified keyword changed": (
        _set(_schemas("RoleplayReview", "then"), {"required": ["scores"]}),
        {(True, "RoleplayReview (response)", "then changed (not classified")},
    ),
    "documentation only": (_docs_only, set()),
}


@pytest.mark.parametrize("rule", list(RULES))
def test_each_rule_classifies_its_change(rule: str) -> None:
    change, expected = RULES[rule]
    found = gate.diff(BASE, edited(change))
    unmatched = {
        (breaking, where, what)
        for breaking, where, what in expected
        if not any(
            c.breaking == breaking and where in c.where and c.what.startswith(what) for c in found
        )
    }
    assert not unmatched, f"missing {unmatched} in {found}"
    assert len(found) == len(expected), found
