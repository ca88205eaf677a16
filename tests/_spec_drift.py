"""Does the facade follow openapi.yaml? Every difference, as a message naming what to change.

The facade's response models (roleplay_sdk/_models.py), the request fields its methods take
(roleplay_sdk/_ops_*.py, normalize_request) and its operation table (roleplay_sdk/_methods.py)
are written by hand beside the spec. `drift(spec)` compares them with a spec document both
ways:

* every response schema of every operation is a model with a typed attribute per property:
  the same optionality (required or defaulted), nullability (the parser takes null exactly
  when the spec allows it), type, and the enumeration's values of today (`known_values`); and
  no attribute the spec does not have;
* every operationId is called by a method present on both clients, and every method calls
  operations of the spec, through the generated endpoint module of the spec's tag;
* every request field (path, query, header, body property) of a method's operations is one of
  its parameters, and every parameter is a request field;
* each method answers the response model of an operation it calls.

Intended differences are listed below, each with its reason. The tests run this on
openapi.yaml and on edited copies of it.
"""

from __future__ import annotations

import datetime
import inspect
import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import attrs

from roleplay_sdk import _methods, _models, _ops_assignments, _ops_sessions
from roleplay_sdk._async_client import AsyncRoleplayClient
from roleplay_sdk._client import RoleplayClient
from roleplay_sdk._exceptions import Malformed
from roleplay_sdk._generated import LazyEndpoint

MODELS_FILE = "roleplay_sdk/_models.py"
METHODS_FILE = "roleplay_sdk/_methods.py (Methods)"
OPS_MODULES = (_ops_sessions, _ops_assignments)

# --- the allow-list: intended differences, each with its reason ------------------------------

#: Response schemas that are no model of _models.py.
UNMODELLED_RESPONSES = {
    "Problem": "error answers become the APIStatusError subclasses of roleplay_sdk/_exceptions.py,"
    " which keep the problem's JSON in `body`",
}
#: Method parameters that are no request field.
SDK_PARAMETERS = {
    "timeout": "a per-call timeout, on every method",
    "deadline": "a per-call overall deadline (every attempt and wait), on every method",
    "depth": "picks duration_minutes (quick 5, deep 30) in normalize_request",
    "conversation_type": "goes into metadata.conversation_type and infers roleplay_type",
    "start": "create_roleplay's choice between previewRoleplay and configureRoleplay",
    "video": "upload_video's recording, PUT to the presigned URL",
}
#: Request fields the facade fills in itself: (operationId, field) -> how.
DERIVED_FIELDS = {
    ("createVideoUploadUrl", "size_bytes"): "measured from the video",
    ("confirmVideoUploaded", "upload_id"): "from createVideoUploadUrl's answer",
    ("listAssignments", "cursor"): "list_assignments follows next_cursor itself",
}
#: Body properties whose own properties are the method's parameters: (operationId, field).
FLATTENED_FIELDS = {
    ("createAssignments", "scenario"): "the scenario's fields are create_assignments' keywords",
}
#: Results that wrap an operation's response model: result type name -> response schema.
RESULT_WRAPPERS = {
    "BulkResultSet": "BulkResults",  # the chunks' results in the caller's order, and `missing`
    "Pages": "AssignmentPage",  # list_assignments iterates over the pages' items
}
#: Request header parameters and the method parameter that carries each.
HEADER_PARAMETERS = {"Idempotency-Key": "idempotency_key"}


@dataclass(frozen=True)
class Drift:
    """One difference: what (a model field, an operation, a method parameter), how, where."""

    subject: str
    problem: str
    change: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.problem} (change {self.change})"


# --- the spec's types ------------------------------------------------------------------------


@dataclass(frozen=True)
class SpecType:
    """A schema as the facade types it: `text` like the annotation, nullability, enum values."""

    text: str
    nullable: bool = False
    enum: tuple[object, ...] = ()
    model: str | None = None


def deref(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> tuple[str | None, Any]:
    """Follow $refs: (the last component's name or None, the schema)."""
    name = None
    while "$ref" in schema:
        pointer = schema["$ref"].removeprefix("#/").split("/")
        name = pointer[-1]
        target: Any = spec
        for part in pointer:
            target = target[part]
        schema = target
    return name, schema


def _is_null(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> bool:
    return deref(spec, schema)[1].get("type") == "null"


def is_model_schema(schema: Mapping[str, Any]) -> bool:
    """An object with named properties and no open map of others: a model, not a Mapping."""
    if "allOf" in schema:
        return True
    return bool(schema.get("properties")) and schema.get("additionalProperties", False) is False


def spec_type(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> SpecType:
    name, schema = deref(spec, schema)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            branches = [branch for branch in schema[key] if not _is_null(spec, branch)]
            if len(branches) == 1 and len(branches) < len(schema[key]):
                return replace(spec_type(spec, branches[0]), nullable=True)
            return SpecType("Any")
    kind = schema.get("type")
    nullable = False
    if isinstance(kind, list):
        nullable = "null" in kind
        kinds = [item for item in kind if item != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
        if kind is None:
            return SpecType("Any", nullable)
    enum = tuple(schema.get("enum", ()))
    if is_model_schema(schema):
        return SpecType(name or "<inline object>", nullable, model=name)
    if kind == "object":
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and not schema.get("properties"):
            return SpecType(f"Mapping[str, {spec_type(spec, extra).text}]", nullable)
        return SpecType("Mapping[str, Any]", nullable)
    if kind == "array":
        item = spec_type(spec, schema.get("items", {}))
        return SpecType(f"tuple[{item.text}, ...]", nullable, model=item.model)
    simple = {"integer": "int", "number": "float", "boolean": "bool"}
    if kind == "string":
        text = "datetime" if schema.get("format") == "date-time" else "str"
    else:
        text = simple.get(str(kind), "Any")
    return SpecType(text, nullable, enum)


def object_schema(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> tuple[dict, set[str]]:
    """An object schema's properties and required names, with allOf parts merged."""
    _, schema = deref(spec, schema)
    properties: dict[str, Any] = dict(schema.get("properties", {}))
    required = set(schema.get("required", ()))
    for part in schema.get("allOf", ()):
        more, needed = object_schema(spec, part)
        properties.update(more)
        required |= needed
    return properties, required


# --- the facade's types ----------------------------------------------------------------------


def hint_text(hint: Any) -> tuple[str, bool]:
    """An annotation as SpecType.text writes it, and whether it admits None."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        others = [arg for arg in args if arg is not type(None)]
        text = hint_text(others[0])[0] if len(others) == 1 else "Any"
        return text, len(others) < len(args)
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        return f"tuple[{hint_text(args[0])[0]}, ...]", False
    if origin is Mapping or origin is typing.Mapping:
        key, value = typing.get_args(hint)
        return f"Mapping[{hint_text(key)[0]}, {hint_text(value)[0]}]", False
    if hint is Any:
        return "Any", False
    if hint is datetime.datetime:
        return "datetime", False
    return getattr(hint, "__name__", str(hint)), False


def _takes_null(parse: Any) -> bool:
    try:
        parse(None, "$")
    except Malformed:
        return False
    return True


def response_roots(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, str | None, Any]]:
    """(operationId, status, schema name, schema) of every JSON answer of every operation."""
    for _, _, operation in operations(spec):
        for status, response in operation.get("responses", {}).items():
            _, response = deref(spec, response)
            for media, content in response.get("content", {}).items():
                if "json" in media and "schema" in content:
                    name, schema = deref(spec, content["schema"])
                    yield operation["operationId"], str(status), name, schema


def operations(spec: Mapping[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(method, path, operation) of the spec, in document order."""
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            if isinstance(operation, dict) and "operationId" in operation:
                yield method.upper(), path, operation


def _model_class(name: str) -> type[_models.Model] | None:
    found = getattr(_models, name, None)
    if isinstance(found, type) and issubclass(found, _models.Model):
        return found
    return None


def _check_field(
    model: str, name: str, field: Any, hint: Any, prop: SpecType, required: bool
) -> Iterator[Drift]:
    subject = f"{model}.{name}"
    wanted = f"`{prop.text}{' | None' if prop.nullable else ''}`"
    if field.metadata["required"] != required:
        yield Drift(
            subject,
            "the spec requires it, the model treats it as optional: use required(...)"
            if required
            else "the spec makes it optional, the model requires it: give it a default and "
            "use optional(...)",
            MODELS_FILE,
        )
    elif not required and field.default is attrs.NOTHING:
        yield Drift(subject, "is optional in the spec but has no default", MODELS_FILE)
    text, admits_none = hint_text(hint)
    if text != prop.text:
        yield Drift(subject, f"is typed `{text}`, the spec's type is {wanted}", MODELS_FILE)
    takes_null = _takes_null(field.metadata["parse"])
    if prop.nullable and not (takes_null and admits_none):
        yield Drift(
            subject,
            f"the spec allows null ({wanted}) but the model rejects it: annotate it "
            f"`{text} | None` and parse it with nullable(...)",
            MODELS_FILE,
        )
    if not prop.nullable and takes_null:
        yield Drift(subject, "the model takes null, which the spec does not allow", MODELS_FILE)
    if not prop.nullable and admits_none and (required or field.default is not None):
        yield Drift(
            subject, f"is annotated `{text} | None`, the spec never sends null", MODELS_FILE
        )
    known = tuple(field.metadata.get("known", ()))
    missing = [value for value in prop.enum if value not in known]
    stale = [value for value in known if value not in prop.enum]
    if missing or stale:
        listed = ", ".join(map(repr, prop.enum)) or "no enumeration"
        news = f" (new: {', '.join(map(repr, missing))})" if missing else ""
        gone = f" (not any more: {', '.join(map(repr, stale))})" if stale else ""
        yield Drift(
            subject,
            f"the spec lists {listed}{news}{gone}; the model's known=... must list the same",
            MODELS_FILE,
        )


def _check_model(spec: Mapping[str, Any], name: str, seen: set[str]) -> Iterator[Drift]:
    if name in seen:
        return
    seen.add(name)
    cls = _model_class(name)
    if cls is None:
        yield Drift(
            name,
            "is a response schema of the spec with no model: add an attrs class of that name",
            MODELS_FILE,
        )
        return
    properties, required = object_schema(spec, {"$ref": f"#/components/schemas/{name}"})
    hints = typing.get_type_hints(cls)
    fields = {field.name: field for field in attrs.fields(cls) if "parse" in field.metadata}
    for prop_name, prop_schema in properties.items():
        prop = spec_type(spec, prop_schema)
        if prop_name not in fields:
            needed = "required" if prop_name in required else "optional"
            yield Drift(
                f"{name}.{prop_name}",
                f"is a property of the spec's {name} ({needed}, `{prop.text}`) with no typed "
                f"attribute on the model (it lands in `extra`): add the field",
                MODELS_FILE,
            )
            continue
        field = fields[prop_name]
        yield from _check_field(
            name, prop_name, field, hints[prop_name], prop, prop_name in required
        )
        if prop.model is not None:
            yield from _check_model(spec, prop.model, seen)
    for extra in sorted(fields.keys() - properties.keys()):
        yield Drift(
            f"{name}.{extra}",
            f"is an attribute of the model that the spec's {name} does not have (renamed or "
            "removed?)",
            MODELS_FILE,
        )


def model_drift(spec: Mapping[str, Any]) -> Iterator[Drift]:
    seen: set[str] = set()
    for op_id, status, name, schema in response_roots(spec):
        if name in UNMODELLED_RESPONSES:
            continue
        if name is None or not is_model_schema(schema):
            yield Drift(
                f"{op_id} {status}",
                "answers an inline schema: make it a component the facade can model",
                "openapi.yaml",
            )
            continue
        yield from _check_model(spec, name, seen)
    for cls_name, cls in vars(_models).items():
        if (
            isinstance(cls, type)
            and issubclass(cls, _models.Model)
            and cls is not _models.Model
            and cls_name not in seen
        ):
            yield Drift(cls_name, "is a model of no response schema of the spec", MODELS_FILE)


# --- operations and request fields -----------------------------------------------------------


def snake(operation_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", operation_id).lower()


def public_methods() -> dict[str, _methods.Method[Any, Any, Any]]:
    return {
        name: value
        for name, value in vars(_methods.Methods).items()
        if isinstance(value, _methods.Method)
    }


def endpoints() -> dict[str, LazyEndpoint]:
    """The generated endpoints the operation modules call, by module name."""
    return {
        value.name: value
        for module in OPS_MODULES
        for value in vars(module).values()
        if isinstance(value, LazyEndpoint)
    }


def _annotation_names(annotation: object) -> list[str]:
    """The names in a (string) annotation: "Flow[RoleplayPreview]" -> [Flow, RoleplayPreview]."""
    return re.findall(r"[A-Za-z_][A-Za-z0-9_]*", str(annotation))


def accepted_parameters(method: _methods.Method[Any, Any, Any]) -> set[str]:
    """The keyword names a method takes: its parameters and its **fields TypedDict's keys."""
    factory = method.factory
    names: set[str] = set()
    namespace = vars(inspect.getmodule(factory))
    for index, parameter in enumerate(inspect.signature(factory).parameters.values()):
        if index == 0:
            continue  # settings
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            # **fields: Unpack[SomeFields]; a TypedDict's keys include its bases'.
            fields = namespace[_annotation_names(parameter.annotation)[-1]]
            names |= set(fields.__required_keys__ | fields.__optional_keys__)
        else:
            names.add(parameter.name)
    return names


def request_fields(spec: Mapping[str, Any], operation: Mapping[str, Any]) -> dict[str, str]:
    """The request fields of an operation: name -> where (path, query, header, body)."""
    op_id = operation["operationId"]
    found: dict[str, str] = {}
    for parameter in operation.get("parameters", ()):
        _, parameter = deref(spec, parameter)
        name = HEADER_PARAMETERS.get(parameter["name"], parameter["name"])
        found[name] = f"{parameter['in']} parameter {parameter['name']}"
    body = operation.get("requestBody")
    if body is not None:
        _, body = deref(spec, body)
        schema = body["content"]["application/json"]["schema"]
        schema_name, _ = deref(spec, schema)
        properties, _ = object_schema(spec, schema)
        for prop, prop_schema in properties.items():
            if (op_id, prop) in FLATTENED_FIELDS:
                inner, _ = object_schema(spec, prop_schema)
                for name in inner:
                    found[name] = f"body field {schema_name}.{prop}.{name}"
            else:
                found[prop] = f"body field {schema_name}.{prop}"
    return found


def _ops_file(method: _methods.Method[Any, Any, Any]) -> str:
    """Where a method's parameters are declared (and normalized, for the roleplay fields)."""
    module = inspect.getmodule(method.factory)
    name = module.__name__.replace(".", "/") if module else "roleplay_sdk/_ops_*"
    where = [method.factory.__name__]
    for parameter in inspect.signature(method.factory).parameters.values():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            where.append(_annotation_names(parameter.annotation)[-1])
    fix = f"{name}.py ({', '.join(where)})"
    if len(where) > 1:
        fix += " and roleplay_sdk/_normalize.py (normalize_request, RoleplayRequest)"
    return fix


def _result_model(method: _methods.Method[Any, Any, Any]) -> str:
    """The model a method answers: "Flow[RoleplayPreview]" -> RoleplayPreview, "Pages" -> Pages."""
    return _annotation_names(inspect.signature(method.factory).return_annotation)[-1]


def operation_drift(spec: Mapping[str, Any], generated: Path | None = None) -> Iterator[Drift]:
    by_id = {op["operationId"]: (verb, path, op) for verb, path, op in operations(spec)}
    methods = public_methods()
    called: dict[str, list[str]] = {}
    for name, method in methods.items():
        for op_id in method.operation_ids:
            called.setdefault(op_id, []).append(name)
    for op_id, (verb, path, _) in by_id.items():
        if op_id not in called:
            yield Drift(
                f"operation {op_id} ({verb} {path})",
                "has no method on RoleplayClient and AsyncRoleplayClient: add one that names it",
                f"{METHODS_FILE}, with its flow in roleplay_sdk/_ops_*.py",
            )
    for name, method in methods.items():
        for client in (RoleplayClient, AsyncRoleplayClient):
            if not isinstance(inspect.getattr_static(client, name, None), _methods.Method):
                yield Drift(f"{client.__name__}.{name}", "is missing", METHODS_FILE)
        for op_id in method.operation_ids:
            if op_id not in by_id:
                yield Drift(
                    f"{name}()",
                    f"calls {op_id}, which the spec does not have (renamed or removed?)",
                    METHODS_FILE,
                )
    known = endpoints()
    for op_id, (_, _, operation) in by_id.items():
        module = snake(op_id)
        tag = (operation.get("tags") or ["default"])[0]
        endpoint = known.get(module)
        if op_id in called and endpoint is None:
            yield Drift(
                f"operation {op_id}",
                f"no LazyEndpoint({tag!r}, {module!r}) calls it",
                "roleplay_sdk/_ops_*.py",
            )
        elif endpoint is not None and endpoint.tag != tag:
            yield Drift(
                f"operation {op_id}",
                f"is tagged {tag!r}, its LazyEndpoint says {endpoint.tag!r}",
                "roleplay_sdk/_ops_*.py",
            )
        if generated is not None and not (generated / "api" / tag / f"{module}.py").is_file():
            yield Drift(
                f"operation {op_id}",
                f"the generated package has no api/{tag}/{module}.py",
                "run scripts/regenerate",
            )
    for module in sorted(known.keys() - {snake(op_id) for op_id in by_id}):
        yield Drift(
            f"LazyEndpoint {module!r}",
            "names no operation of the spec (renamed or removed?)",
            "roleplay_sdk/_ops_*.py",
        )
    yield from _request_drift(spec, by_id, methods)


def _request_drift(
    spec: Mapping[str, Any],
    by_id: Mapping[str, tuple[str, str, dict[str, Any]]],
    methods: Mapping[str, _methods.Method[Any, Any, Any]],
) -> Iterator[Drift]:
    for name, method in methods.items():
        present = [op_id for op_id in method.operation_ids if op_id in by_id]
        if not present:
            continue
        accepted = accepted_parameters(method)
        fields: dict[str, tuple[str, str]] = {}
        for op_id in present:
            for field, where in request_fields(spec, by_id[op_id][2]).items():
                fields.setdefault(field, (op_id, where))
        for field, (op_id, where) in fields.items():
            if field not in accepted and (op_id, field) not in DERIVED_FIELDS:
                yield Drift(
                    f"{name}({field}=...)",
                    f"{op_id} takes the {where}, which RoleplayClient.{name} does not",
                    _ops_file(method),
                )
        for parameter in sorted(accepted - fields.keys() - SDK_PARAMETERS.keys()):
            yield Drift(
                f"{name}({parameter}=...)",
                f"is no request field of {', '.join(present)} (renamed or removed?)",
                _ops_file(method),
            )
        result = _result_model(method)
        answers = set()
        for op_id in present:
            for root_op, status, schema_name, _ in response_roots(spec):
                if root_op == op_id and status.startswith("2"):
                    answers.add(schema_name)
        if RESULT_WRAPPERS.get(result, result) not in answers:
            answered = ", ".join(sorted(map(str, answers)))
            yield Drift(
                f"{name}()",
                f"answers {result}, but {', '.join(present)} answer {answered}",
                _ops_file(method),
            )


def drift(spec: Mapping[str, Any], generated: Path | None = None) -> list[Drift]:
    """Every difference between the spec document and the facade (empty when they agree)."""
    return [*model_drift(spec), *operation_drift(spec, generated)]
