"""JSON Schema validation against the loaded spec, with errors that name each field."""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ._spec import SPEC_URI, escape_pointer_token, resolve_pointer

_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))",
    re.ASCII,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_FIELD_ERRORS = 50


def _is_date_time(value: object) -> bool:
    """RFC 3339 date-time (leap second 60 allowed, as JSON Schema tools allow it)."""
    if not isinstance(value, str):
        return True
    match = _DATE_TIME.fullmatch(value)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if not 1 <= month <= 12 or not 1 <= day <= days[month - 1]:
        return False
    if hour > 23 or minute > 59 or second > 60:
        return False
    offset = 0
    if match.group(9) is not None:
        if int(match.group(9)) > 23 or int(match.group(10)) > 59:
            return False
        offset = int(match.group(9)) * 60 + int(match.group(10))
        offset = -offset if match.group(8).startswith("-") else offset
    return second < 60 or (hour * 60 + minute - offset) % 1440 == 23 * 60 + 59


_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_PART = re.compile(rf'{_ATEXT}(\.{_ATEXT})*|"([\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"')
_DOMAIN_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def _is_email(value: object) -> bool:
    """RFC 5321 mailbox (ASCII; `idn-email` is another format), as JSON Schema tools check it."""
    if not isinstance(value, str):
        return True
    local, at, domain = value.rpartition("@")
    if not at or not local or len(local) > 64 or not _LOCAL_PART.fullmatch(local):
        return False
    if domain.startswith("[") and domain.endswith("]"):
        literal = domain[1:-1]
        try:
            if literal[:5].lower() == "ipv6:":
                ipaddress.IPv6Address(literal[5:])
            else:
                ipaddress.IPv4Address(literal)
        except ValueError:
            return False
        return True
    labels = domain.split(".")
    return len(domain) <= 253 and all(_DOMAIN_LABEL.fullmatch(label) for label in labels)


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.scheme) and not any(c.isspace() for c in value)


def _is_uri_reference(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        urlsplit(value)
    except ValueError:
        return False
    return not any(c.isspace() for c in value)


def format_checker() -> FormatChecker:
    """Formats checked without optional third-party validators, so behaviour never varies."""
    checker = FormatChecker(formats=())
    checker.checks("date-time")(_is_date_time)
    checker.checks("email")(_is_email)
    checker.checks("uri")(_is_uri)
    checker.checks("uri-reference")(_is_uri_reference)
    return checker


@dataclass(frozen=True)
class FieldError:
    """One offending field: a JSON pointer (body) or a parameter name, and why."""

    field: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


def clean_text(text: str, limit: int) -> str:
    """Printable text within `limit` characters (problem fields forbid control characters)."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short(value: object) -> str:
    return clean_text(repr(value), 60)


def _message(error: ValidationError) -> str:
    kind, expected = error.validator, error.validator_value
    texts = {
        "type": f"{_short(error.instance)} is not of type {expected!r}",
        "enum": f"{_short(error.instance)} is not one of {expected!r}",
        "const": f"must be {expected!r}",
        "pattern": f"does not match pattern {expected!r}",
        "format": f"is not a valid {expected}",
        "minLength": f"must be at least {expected} characters long",
        "maxLength": f"must be at most {expected} characters long",
        "minItems": f"must have at least {expected} items",
        "maxItems": f"must have at most {expected} items",
        "uniqueItems": "must not contain duplicate items",
        "minProperties": f"must have at least {expected} properties",
        "maxProperties": f"must have at most {expected} properties",
        "minimum": f"must be at least {expected}",
        "maximum": f"must be at most {expected}",
        "exclusiveMinimum": f"must be greater than {expected}",
        "exclusiveMaximum": f"must be less than {expected}",
        "anyOf": "does not match any of the allowed shapes",
        "oneOf": "does not match exactly one of the allowed shapes",
        "propertyNames": "has a property name that is not allowed",
    }
    return clean_text(texts.get(str(kind), error.message), 500)


def _pointer(prefix: str, path: Any) -> str:
    """The JSON pointer of a body field; the whole body is named `body`."""
    pointer = prefix + "".join("/" + escape_pointer_token(str(token)) for token in path)
    return pointer or "body"


def _nullable_branch(error: ValidationError) -> list[ValidationError] | None:
    """For `oneOf: [X, {type: null}]` with a non-null value: the errors of X alone."""
    if error.validator not in ("oneOf", "anyOf") or error.instance is None or not error.context:
        return None
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    real = [
        errors
        for errors in branches.values()
        if not (
            len(errors) == 1
            and errors[0].validator == "type"
            and errors[0].validator_value == "null"
        )
    ]
    return real[0] if len(real) == 1 else None


def _field_errors(error: ValidationError, prefix: str) -> list[FieldError]:
    """Point at the offending property itself, also for `required` and `additionalProperties`."""
    inner = _nullable_branch(error)
    if inner is not None:
        return [item for sub in inner for item in _field_errors(sub, prefix)]
    base = list(error.absolute_path)
    schema: Any = error.schema
    expected: Any = error.validator_value
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in expected if name not in error.instance]
        return [
            FieldError(clean_text(_pointer(prefix, [*base, name]), 256), "is required")
            for name in missing
        ]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        extra = [
            name
            for name in error.instance
            if name not in allowed and not any(re.search(p, name) for p in patterns)
        ]
        if extra:
            return [
                FieldError(
                    clean_text(_pointer(prefix, [*base, name]), 256), "is not an allowed property"
                )
                for name in extra
            ]
    return [FieldError(clean_text(_pointer(prefix, base), 256), _message(error))]


@functools.cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """Compile a spec pattern so a final `$` means end of string, as in ECMA-262 regexes.

    JSON Schema patterns are ECMA-262; Python's `$` also matches before a trailing newline,
    which would let `"abc\\n"` pass `^[a-z]+$`.
    """
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


SpecValidator = validators.extend(  # type: ignore[no-untyped-call]  # jsonschema leaves it untyped
    Draft202012Validator, {"pattern": _pattern}
)


#: Keywords whose values are data, not subschemas: never searched for `$ref`.
_DATA_KEYWORDS = frozenset({"enum", "const", "default", "examples", "example"})
#: Keywords beside a `$ref` that only annotate (they change no validation outcome).
_ANNOTATIONS = frozenset({"description", "title", "examples", "example", "deprecated"})


def _inline(document: dict[str, Any], node: Any, stack: tuple[str, ...] = ()) -> Any:
    """`node` with every local `$ref` replaced by what it points at (recursive references
    stay, made absolute), so validation follows no references at run time: the same
    outcome, several times faster than a registry lookup per `$ref` per request."""
    if isinstance(node, list):
        return [_inline(document, item, stack) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        siblings = {k: v for k, v in node.items() if k != "$ref" and k not in _ANNOTATIONS}
        if ref in stack:
            target: Any = {"$ref": SPEC_URI + ref}
        else:
            target = _inline(document, resolve_pointer(document, ref), (*stack, ref))
        if not siblings:
            return target
        return {"allOf": [target], **_inline(document, siblings, stack)}
    return {
        key: value if key in _DATA_KEYWORDS else _inline(document, value, stack)
        for key, value in node.items()
    }


class SpecSchemas:
    """Validators for schemas addressed by JSON pointer into the spec, built once and cached."""

    def __init__(self, document: dict[str, Any]) -> None:
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self._document = document
        self._registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self._checker = format_checker()
        self._validators: dict[str, Draft202012Validator] = {}

    def validator(self, pointer: str) -> Draft202012Validator:
        """The validator of the schema at `pointer` (e.g. `#/components/schemas/Problem`)."""
        pointer = pointer if pointer.startswith("#") else "#" + pointer
        found = self._validators.get(pointer)
        if found is None:
            schema = _inline(self._document, {"$ref": pointer})
            found = SpecValidator(schema, registry=self._registry, format_checker=self._checker)
            self._validators[pointer] = found
        return found

    def errors(self, pointer: str, instance: Any, *, prefix: str = "") -> list[FieldError]:
        """Every violation of the schema at `pointer`, each naming its field (at most 50)."""
        found: list[FieldError] = []
        for error in self.validator(pointer).iter_errors(instance):
            for item in _field_errors(error, prefix):
                if item not in found:
                    found.append(item)
        found.sort(key=lambda e: (e.field, e.message))
        return found[:MAX_FIELD_ERRORS]

    def parameter_errors(self, pointer: str, name: str, value: Any) -> list[FieldError]:
        """Violations of a parameter's schema, named by the parameter."""
        messages = sorted({_message(e) for e in self.validator(pointer).iter_errors(value)})
        return [FieldError(clean_text(name, 256), m) for m in messages][:MAX_FIELD_ERRORS]
