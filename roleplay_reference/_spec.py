"""Load openapi.yaml and turn its paths into a route table, so routes are never restated."""

from __future__ import annotations

import copy
import functools
import importlib.resources
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SPEC_URI = "urn:growqr:roleplay-service:openapi"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Parameter:
    """One declared parameter, with the JSON pointer of its schema inside the spec."""

    name: str
    location: str  # path | query | header
    required: bool
    schema_pointer: str
    schema_type: str | None  # the resolved top-level `type`, used to coerce query strings
    default: Any = None  # the schema's `default`, applied when the parameter is absent


@dataclass(frozen=True)
class Operation:
    """One operation of the spec: what the dispatcher needs to route and validate a request."""

    operation_id: str
    method: str
    path: str
    regex: re.Pattern[str]
    parameters: tuple[Parameter, ...]
    body_pointer: str | None
    body_required: bool
    response_headers: dict[str, frozenset[str]] = field(default_factory=dict)

    def declares_header(self, status: int, name: str) -> bool:
        """Whether the spec documents response header `name` for `status`."""
        return name.lower() in self.response_headers.get(str(status), frozenset())


def _read_spec_text() -> str:
    try:
        resource = importlib.resources.files("roleplay_reference").joinpath("openapi.yaml")
        return resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        pass
    root = Path(__file__).resolve().parent.parent / "openapi.yaml"
    return root.read_text(encoding="utf-8")


@functools.cache
def _cached_spec() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(_read_spec_text(), Loader=loader)
    if not isinstance(document, dict) or "paths" not in document:
        raise RuntimeError("openapi.yaml is not an OpenAPI document")
    return document


def load_spec() -> dict[str, Any]:
    """The OpenAPI document: package data when installed, else the repository root copy."""
    return copy.deepcopy(_cached_spec())


def spec_text() -> str:
    """The OpenAPI document as the YAML text it was read from."""
    return _read_spec_text()


def escape_pointer_token(token: str) -> str:
    """RFC 6901 escaping of one reference token."""
    return token.replace("~", "~0").replace("/", "~1")


def resolve_pointer(document: dict[str, Any], pointer: str) -> Any:
    """Follow a local JSON pointer such as `#/components/schemas/X` (or without `#`)."""
    node: Any = document
    for raw in pointer.lstrip("#").split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def _deref(document: dict[str, Any], node: Any, pointer: str) -> tuple[Any, str]:
    """Follow `$ref`s until a concrete node; answer it and its own pointer."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        pointer = node["$ref"]
        node = resolve_pointer(document, pointer)
        seen += 1
    return node, pointer


def _schema_facts(document: dict[str, Any], schema_pointer: str) -> tuple[str | None, Any]:
    """The resolved top-level `type` and `default` of a parameter's schema."""
    schema, _ = _deref(document, resolve_pointer(document, schema_pointer), schema_pointer)
    if not isinstance(schema, dict):
        return None, None
    kind = schema.get("type")
    return (kind if isinstance(kind, str) else None), schema.get("default")


def _path_regex(template: str) -> re.Pattern[str]:
    pattern = ""
    for part in re.split(r"(\{[^}]+\})", template):
        if part.startswith("{") and part.endswith("}"):
            pattern += f"(?P<{part[1:-1]}>[^/]+)"
        else:
            pattern += re.escape(part)
    return re.compile(f"^{pattern}$")


def _parameters(
    document: dict[str, Any], raw: list[Any], base_pointer: str
) -> tuple[Parameter, ...]:
    result = []
    for index, item in enumerate(raw):
        node, pointer = _deref(document, item, f"{base_pointer}/{index}")
        schema_pointer = f"{pointer}/schema"
        schema_type, default = _schema_facts(document, schema_pointer)
        result.append(
            Parameter(
                name=node["name"],
                location=node["in"],
                required=bool(node.get("required", False)),
                schema_pointer=schema_pointer,
                schema_type=schema_type,
                default=default,
            )
        )
    return tuple(result)


def _response_headers(
    document: dict[str, Any], responses: dict[str, Any]
) -> dict[str, frozenset[str]]:
    result = {}
    for status, response in responses.items():
        node, _ = _deref(document, response, "")
        headers = node.get("headers", {}) if isinstance(node, dict) else {}
        result[str(status)] = frozenset(name.lower() for name in headers)
    return result


def build_operations(document: dict[str, Any]) -> list[Operation]:
    """Every operation of the spec, in document order."""
    operations = []
    for path, item in document["paths"].items():
        path_pointer = f"#/paths/{escape_pointer_token(path)}"
        shared = item.get("parameters", [])
        for method in _HTTP_METHODS:
            spec_op = item.get(method)
            if spec_op is None:
                continue
            op_pointer = f"{path_pointer}/{method}"
            params = _parameters(document, shared, f"{path_pointer}/parameters")
            params += _parameters(
                document, spec_op.get("parameters", []), f"{op_pointer}/parameters"
            )
            body_pointer = None
            body_required = False
            if "requestBody" in spec_op:
                body, pointer = _deref(
                    document, spec_op["requestBody"], f"{op_pointer}/requestBody"
                )
                if "application/json" in body.get("content", {}):
                    body_pointer = f"{pointer}/content/application~1json/schema"
                body_required = bool(body.get("required", False))
            operations.append(
                Operation(
                    operation_id=spec_op["operationId"],
                    method=method.upper(),
                    path=path,
                    regex=_path_regex(path),
                    parameters=params,
                    body_pointer=body_pointer,
                    body_required=body_required,
                    response_headers=_response_headers(document, spec_op.get("responses", {})),
                )
            )
    return operations


def websocket_path(document: dict[str, Any]) -> str:
    """The live-practice WebSocket path documented under `x-websockets`."""
    paths = list(document.get("x-websockets", {}))
    if len(paths) != 1:
        raise RuntimeError("openapi.yaml must document exactly one x-websockets path")
    return str(paths[0])
