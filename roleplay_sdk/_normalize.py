"""Input normalization: the seed's "Input normalization" rules as a pure function.

Everything here is checked before a request is sent, so a caller learns about a bad field
from a RoleplayValidationError that names it, instead of a 422 from the service. The bounds
and patterns below are copies of openapi.yaml's; tests/test_normalize.py asserts they still
equal the spec's values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from roleplay_sdk._exceptions import RoleplayValidationError

# --- constants copied from openapi.yaml (components.schemas) ---------------------------------
USER_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}$"
USER_ID_MAX_LENGTH = 128
ORG_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
ORG_ID_MAX_LENGTH = 64
DEFAULT_ORG_ID = "growqr"
PERSONAS = ("payal", "emma", "john", "kapil")
DEFAULT_PERSONA = "emma"
DURATIONS = (5, 15, 30)
DEFAULT_DURATION = 15
ROLEPLAY_TYPES = ("sales", "customer_success", "support", "custom")
DEFAULT_ROLEPLAY_TYPE = "custom"
BRIEF_MAX_LENGTH = 4000
METADATA_MAX_KEYS = 32
METADATA_KEY_PATTERN = r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$"
METADATA_KEY_MAX_LENGTH = 64
METADATA_LIST_MAX_ITEMS = 50
METADATA_STRING_MAX_LENGTH = 1000
METADATA_STRING_PATTERN = r"^[^\u0000]*$"
QSCORE_MIN = 0
QSCORE_MAX = 1000
QSCORE_MAX_KEYS = 16
# Named metadata keys: (max length, pattern), from RoleplayMetadata.properties.
_SHORT_TEXT = (200, r"^[^\u0000-\u001f]*$")
METADATA_NAMED_KEYS: dict[str, tuple[int, str]] = {
    "target_role": _SHORT_TEXT,
    "company": _SHORT_TEXT,
    "difficulty": (32, r"^[A-Za-z_ -]{0,32}$"),
    "conversation_type": (100, r"^[^\u0000-\u001f]*$"),
    "source": (100, r"^[^\u0000-\u001f]*$"),
    "assignment_id": (64, r"^[A-Za-z0-9_-]{1,64}$"),
    "workflow_id": (128, r"^[A-Za-z0-9_.:-]{1,128}$"),
}

# The seed: 15 minutes for most scenarios, 5 for quick drills, 30 for a deeper simulation.
QUICK = 5
DEEP = 30
DEPTHS = {"quick": QUICK, "deep": DEEP}
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_SPACES_OR_HYPHENS = re.compile(r"[\s-]+")


_COMPILED: dict[str, re.Pattern[str]] = {}  # the spec's patterns, each compiled once


def _matches(pattern: str, value: str) -> bool:
    """re.search as JSON Schema does, but a `$` may not match before a trailing newline."""
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern)
    found = compiled.search(value)
    return found is not None and (not pattern.endswith("$") or found.end() == len(value))


class FrozenMapping(Mapping[str, Any]):
    """A read-only, hashable mapping, so a RoleplayRequest really cannot change."""

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()) -> None:
        self._data: dict[str, Any] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"


def _items(mapping: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    """mapping.items(), straight from a FrozenMapping's dict (not through Mapping's views)."""
    return mapping._data.items() if isinstance(mapping, FrozenMapping) else mapping.items()


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@attrs.frozen(slots=True)
class RoleplayRequest:
    """A normalized, valid ConfigureRequest; build it with normalize_request()."""

    user_id: str
    org_id: str
    persona_id: str
    duration_minutes: int
    roleplay_type: str
    brief: str
    metadata: FrozenMapping = attrs.field(factory=FrozenMapping)
    qscore: FrozenMapping | None = None

    def to_body(self) -> dict[str, Any]:
        """The JSON-ready body the service takes (a fresh dict; qscore only when present)."""
        body: dict[str, Any] = {
            "user_id": self.user_id,
            "org_id": self.org_id,
            "persona_id": self.persona_id,
            "duration_minutes": self.duration_minutes,
            "roleplay_type": self.roleplay_type,
            "brief": self.brief,
            "metadata": {key: _json_value(value) for key, value in _items(self.metadata)},
        }
        if self.qscore is not None:
            body["qscore"] = {key: _json_value(value) for key, value in _items(self.qscore)}
        return body


# --- single fields ---------------------------------------------------------------------------


def _identifier(
    field: str, value: object, pattern: str, max_length: int, *, default: str | None
) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if default is not None:
            return default
        raise RoleplayValidationError(field, "is required: a non-blank string")
    if not isinstance(value, str):
        raise RoleplayValidationError(field, f"must be a string, not {type(value).__name__}")
    text = value.strip()
    if len(text) > max_length or not _matches(pattern, text):
        raise RoleplayValidationError(
            field, f"must match {pattern} (at most {max_length} characters), got {text[:80]!r}"
        )
    return text


def _persona(value: object) -> str:
    if value is None:
        return DEFAULT_PERSONA
    allowed = ", ".join(PERSONAS)
    if not isinstance(value, str):
        raise RoleplayValidationError("persona_id", f"must be one of {allowed}")
    persona = value.strip().lower()
    if persona not in PERSONAS:
        raise RoleplayValidationError("persona_id", f"must be one of {allowed}, got {value[:80]!r}")
    return persona


def _number(value: object) -> float | int:
    """A duration as a number, or a RoleplayValidationError for anything that is not one."""
    allowed = "a positive number of minutes (sent as 5, 15 or 30)"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RoleplayValidationError("duration_minutes", f"must be {allowed}")
    if isinstance(value, str):
        text = value.strip()
        if not _DECIMAL.fullmatch(text):
            raise RoleplayValidationError(
                "duration_minutes", f"must be {allowed}, got {value[:80]!r}"
            )
        value = float(text)
    if isinstance(value, float) and not math.isfinite(value):
        raise RoleplayValidationError("duration_minutes", f"must be {allowed}, got {value}")
    if value <= 0:
        raise RoleplayValidationError("duration_minutes", f"must be {allowed}, got {value}")
    return value


def snap_duration(value: object = None, depth: object = None) -> int:
    """5, 15 or 30: a given number snaps to the nearest (ties up, above 30 is 30), else by depth.

    The service takes exactly 5, 15 or 30; 10 is never produced. Without a number: 15, or 5
    for depth="quick" (a quick drill) and 30 for depth="deep" (a deeper simulation).
    Raises RoleplayValidationError for a value that is not a positive number of minutes or
    a depth that is not one of DEPTHS.
    """
    by_depth = DEFAULT_DURATION
    if depth is not None:
        key = depth.strip().lower() if isinstance(depth, str) else None
        if key not in DEPTHS:
            raise RoleplayValidationError("depth", "must be quick, deep or None")
        by_depth = DEPTHS[key]
    if value is None:
        return by_depth
    minutes = _number(value)
    if minutes >= DURATIONS[-1]:
        return DURATIONS[-1]
    # Nearest allowed value; on a tie the larger one (10 -> 15, 22.5 -> 30).
    return min(DURATIONS, key=lambda allowed: (abs(minutes - allowed), -allowed))


def _roleplay_type(value: object) -> str:
    allowed = ", ".join(ROLEPLAY_TYPES)
    if not isinstance(value, str):
        raise RoleplayValidationError("roleplay_type", f"must be one of {allowed}")
    key = value.strip().lower()
    if key not in ROLEPLAY_TYPES:  # "customer success", "customer-success"
        key = _SPACES_OR_HYPHENS.sub("_", key)
    if key not in ROLEPLAY_TYPES:
        raise RoleplayValidationError(
            "roleplay_type", f"must be one of {allowed}, got {value[:80]!r}"
        )
    return key


def infer_roleplay_type(conversation_type: str | None, brief: str | None) -> str:
    """The seed's mapping rules: conversation_type first, then the brief, else custom."""
    # Imported here: the signal table is only needed once a request is normalized.
    from roleplay_sdk._signals import infer_type

    for text in (conversation_type, brief):
        if text:
            found = infer_type(text.replace("_", " "))
            if found is not None:
                return found
    return DEFAULT_ROLEPLAY_TYPE


def _brief(value: object) -> str:
    if value is None:
        raise RoleplayValidationError("brief", "is required: a non-blank scenario brief")
    if not isinstance(value, str):
        raise RoleplayValidationError("brief", f"must be a string, not {type(value).__name__}")
    brief = " ".join(value.split())
    if not brief:
        raise RoleplayValidationError("brief", "must not be blank")
    if len(brief) > BRIEF_MAX_LENGTH:
        raise RoleplayValidationError(
            "brief", f"must be at most {BRIEF_MAX_LENGTH} characters, got {len(brief)}"
        )
    return brief


# --- metadata and qscore ---------------------------------------------------------------------


def _scalar(field: str, value: object) -> object:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RoleplayValidationError(field, "numbers must be finite")
        return value
    if isinstance(value, str):
        if len(value) > METADATA_STRING_MAX_LENGTH or "\x00" in value:
            raise RoleplayValidationError(
                field,
                f"strings must be at most {METADATA_STRING_MAX_LENGTH} characters, without NUL",
            )
        return value
    raise RoleplayValidationError(
        field, f"values must be a string, number, boolean or null, not {type(value).__name__}"
    )


def _metadata_value(field: str, value: object) -> object:
    """A MetadataValue: a scalar, or a list of at most 50 scalars (kept as a tuple)."""
    if isinstance(value, list | tuple):
        if len(value) > METADATA_LIST_MAX_ITEMS:
            raise RoleplayValidationError(
                field, f"lists may hold at most {METADATA_LIST_MAX_ITEMS} values"
            )
        return tuple(_scalar(field, item) for item in value)
    return _scalar(field, value)


def _named_value(key: str, value: object) -> str:
    max_length, pattern = METADATA_NAMED_KEYS[key]
    field = f"metadata.{key}"
    if not isinstance(value, str):
        raise RoleplayValidationError(field, f"must be a string, not {type(value).__name__}")
    if len(value) > max_length or not _matches(pattern, value):
        raise RoleplayValidationError(
            field, f"must match {pattern} (at most {max_length} characters)"
        )
    return value


def _metadata(value: object, conversation_type: str | None) -> FrozenMapping:
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise RoleplayValidationError("metadata", "must be a mapping of string keys to values")
    result: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise RoleplayValidationError("metadata", f"keys must be strings, got {key!r}")
        if len(key) > METADATA_KEY_MAX_LENGTH or not _matches(METADATA_KEY_PATTERN, key):
            raise RoleplayValidationError(
                "metadata", f"keys must match {METADATA_KEY_PATTERN}, got {key[:80]!r}"
            )
        if key in METADATA_NAMED_KEYS:
            result[key] = _named_value(key, item)
        else:
            result[key] = _metadata_value(f"metadata.{key}", item)
    if conversation_type is not None:
        known = result.get("conversation_type")
        if known is not None and known != conversation_type:
            raise RoleplayValidationError(
                "conversation_type",
                f"is {conversation_type!r} but metadata.conversation_type is {known!r}",
            )
        result["conversation_type"] = _named_value("conversation_type", conversation_type)
    if len(result) > METADATA_MAX_KEYS:
        raise RoleplayValidationError("metadata", f"may hold at most {METADATA_MAX_KEYS} keys")
    return FrozenMapping(result)


def _qscore(value: object) -> FrozenMapping | None:
    if value is None:
        return None
    needs = f"a mapping with a numeric q_score from {QSCORE_MIN} to {QSCORE_MAX}"
    if not isinstance(value, Mapping):
        raise RoleplayValidationError("qscore", f"must be {needs}")
    if len(value) > QSCORE_MAX_KEYS:
        raise RoleplayValidationError("qscore", f"may hold at most {QSCORE_MAX_KEYS} keys")
    score = value.get("q_score")
    if (
        isinstance(score, bool)
        or not isinstance(score, int | float)
        or (isinstance(score, float) and not math.isfinite(score))
        or not QSCORE_MIN <= score <= QSCORE_MAX
    ):
        raise RoleplayValidationError("qscore.q_score", f"must be {needs}, got {score!r}")
    result: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise RoleplayValidationError("qscore", f"keys must be strings, got {key!r}")
        result[key] = score if key == "q_score" else _metadata_value(f"qscore.{key}", item)
    return FrozenMapping(result)


def _conversation_type(value: object, metadata: object) -> str | None:
    """The conversation_type argument, or metadata's; blank counts as absent."""
    if value is not None:
        if not isinstance(value, str):
            raise RoleplayValidationError("conversation_type", "must be a string")
        return value.strip() or None
    if isinstance(metadata, Mapping):
        known = metadata.get("conversation_type")
        if isinstance(known, str) and known.strip():
            return known
    return None


# --- the public function ---------------------------------------------------------------------


def normalize_request(
    *,
    user_id: object = None,
    org_id: object = None,
    persona_id: object = None,
    duration_minutes: object = None,
    depth: object = None,
    roleplay_type: object = None,
    brief: object = None,
    metadata: object = None,
    qscore: object = None,
    conversation_type: object = None,
) -> RoleplayRequest:
    """Apply the seed's normalization rules; a RoleplayValidationError names a bad field.

    Pure: no I/O. Normalizing a result's own fields again gives the same request.
    """
    given_type = _conversation_type(conversation_type, metadata)
    normalized_brief = _brief(brief)
    stored_type = None if conversation_type is None else given_type
    return RoleplayRequest(
        user_id=_identifier("user_id", user_id, USER_ID_PATTERN, USER_ID_MAX_LENGTH, default=None),
        org_id=_identifier(
            "org_id", org_id, ORG_ID_PATTERN, ORG_ID_MAX_LENGTH, default=DEFAULT_ORG_ID
        ),
        persona_id=_persona(persona_id),
        duration_minutes=snap_duration(duration_minutes, depth),
        roleplay_type=(
            infer_roleplay_type(given_type, normalized_brief)
            if roleplay_type is None
            else _roleplay_type(roleplay_type)
        ),
        brief=normalized_brief,
        metadata=_metadata(metadata, stored_type),
        qscore=_qscore(qscore),
    )


def compose_brief(
    *,
    goal: str,
    counterpart: str | None = None,
    situation: str | None = None,
    stakes: str | None = None,
    objections: Iterable[str] = (),
    desired_outcome: str | None = None,
) -> str:
    """A concise brief from the seed's parts: goal, counterpart, stakes, objections, outcome."""

    def part(field: str, value: object, *, required: bool = False) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise RoleplayValidationError(field, "must be a string")
        text = " ".join(value.split()).rstrip(".;, ")
        if not text:
            if required:
                raise RoleplayValidationError(field, "is required: a non-blank string")
            return None
        return text

    if isinstance(objections, str):
        objections = (objections,)
    if not isinstance(objections, Iterable):
        raise RoleplayValidationError("objections", "must be a list of strings")
    listed = [text for item in objections if (text := part("objections", item))]
    parts = [
        ("Goal", part("goal", goal, required=True)),
        ("Counterpart", part("counterpart", counterpart)),
        ("Situation", part("situation", situation)),
        ("Stakes", part("stakes", stakes)),
        ("Likely objections", "; ".join(listed) or None),
        ("Desired outcome", part("desired_outcome", desired_outcome)),
    ]
    brief = " ".join(f"{label}: {text}." for label, text in parts if text)
    if len(brief) > BRIEF_MAX_LENGTH:
        raise RoleplayValidationError(
            "brief", f"the composed brief is {len(brief)} characters; at most {BRIEF_MAX_LENGTH}"
        )
    return brief


#: Public as roleplay_sdk.DEPTHS: the depth names snap_duration and the client methods take.
DEPTH_NAMES = tuple(DEPTHS)
