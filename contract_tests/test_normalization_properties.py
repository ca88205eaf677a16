"""Hypothesis properties of roleplay_sdk.normalize_request, checked against openapi.yaml.

Whatever normalize_request accepts is a ConfigureRequest the spec allows; normalizing that
request's own fields again changes nothing; the duration is never 10; anything it refuses is
refused with RoleplayValidationError and nothing else, however wild the input.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import roleplay_sdk
from roleplay_sdk import RoleplayValidationError, normalize_request

# A link to the root copy in the checkout; the file itself in the installed package.
SPEC_PATH = Path(__file__).resolve().parent / "openapi.yaml"
SPEC_URI = "urn:growqr:roleplay-service:openapi"
SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
SCHEMAS = SPEC["components"]["schemas"]
VALIDATOR = Draft202012Validator(
    {"$ref": f"{SPEC_URI}#/components/schemas/ConfigureRequest"},
    registry=Registry().with_resource(
        SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
    ),
    format_checker=Draft202012Validator.FORMAT_CHECKER,
)
PERSONAS: list[str] = SCHEMAS["PersonaId"]["enum"]
ROLEPLAY_TYPES: list[str] = SCHEMAS["RoleplayType"]["enum"]
DURATIONS: list[int] = SCHEMAS["DurationMinutes"]["enum"]
NAMED_KEYS = set(SCHEMAS["RoleplayMetadata"]["properties"])
FIELDS = ("user_id", "org_id", "persona_id", "duration_minutes", "roleplay_type", "brief")
PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _pattern(schema_name: str) -> str:
    return str(SCHEMAS[schema_name]["pattern"])


# --- strategies of inputs the rules accept -------------------------------------------------

padding = st.sampled_from(["", " ", "  ", "\t", "\n "])


def padded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda left, text, right: left + text + right, padding, strategy, padding)


def recased(words: list[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda word, upper, joiner: (word.upper() if upper else word.title()).replace("_", joiner),
        st.sampled_from(words),
        st.booleans(),
        st.sampled_from(["_", " ", "-"]),
    )


no_controls = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], min_codepoint=0x20), max_size=60
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(exclude_categories=["Cs"], min_codepoint=1), max_size=40),
)
metadata_values = st.one_of(scalars, st.lists(scalars, max_size=6), st.tuples(scalars, scalars))
named_values = st.fixed_dictionaries(
    {},
    optional={
        "target_role": no_controls,
        "company": no_controls,
        "difficulty": st.from_regex(r"[A-Za-z_ -]{0,32}", fullmatch=True),
        "source": no_controls,
        "assignment_id": st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True),
        "workflow_id": st.from_regex(r"[A-Za-z0-9_.:-]{1,40}", fullmatch=True),
    },
)
other_metadata = st.dictionaries(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,20}", fullmatch=True).filter(
        lambda key: key not in NAMED_KEYS
    ),
    metadata_values,
    max_size=8,
)
valid_metadata = st.one_of(
    st.none(),
    st.builds(lambda named, other: {**other, **named}, named_values, other_metadata),
)
valid_qscore = st.one_of(
    st.none(),
    st.builds(
        lambda score, extra: {"q_score": score, **extra},
        st.one_of(
            st.integers(0, 1000),
            st.floats(0, 1000, allow_nan=False, allow_infinity=False),
        ),
        st.dictionaries(
            st.text(max_size=10).filter(lambda key: key != "q_score"), metadata_values, max_size=5
        ),
    ),
)
positive_numbers = st.one_of(
    st.integers(1, 10**30),
    st.floats(min_value=1e-9, max_value=1e12, allow_nan=False, allow_infinity=False),
)
valid_duration = st.one_of(
    st.none(),
    positive_numbers,
    padded(positive_numbers.map(str)),
)
briefs = st.one_of(
    st.text(min_size=1, max_size=300).filter(lambda text: bool(text.split())),
    st.builds(lambda word, count: f"{word} " * count, st.sampled_from(["renewal", "x", "ab"]),
              st.integers(1, 1300)).filter(lambda text: len(" ".join(text.split())) <= 4000),
)  # fmt: skip
valid_inputs = st.fixed_dictionaries(
    {
        "user_id": padded(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._@:+-]{0,40}", fullmatch=True)),
        "brief": briefs,
    },
    optional={
        "org_id": st.one_of(
            st.sampled_from(["", "  "]),
            padded(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,30}", fullmatch=True)),
        ),
        "persona_id": padded(recased(PERSONAS)),
        "duration_minutes": valid_duration,
        "depth": st.sampled_from([None, "quick", "deep", " Quick", "DEEP "]),
        "roleplay_type": padded(recased(ROLEPLAY_TYPES)),
        "conversation_type": st.one_of(
            st.sampled_from(["salary_negotiation", "renewal", "escalation", "demo", "networking"]),
            no_controls,
        ),
        "metadata": valid_metadata,
        "qscore": valid_qscore,
    },
)

# --- wild inputs: anything at all, for every argument ---------------------------------------

huge_text = st.builds(lambda char, count: char * count, st.characters(), st.integers(3990, 5000))
wild_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(),
    st.text(max_size=30),
    huge_text,
    st.binary(max_size=5),
    st.just(Decimal("10")),
    st.just(object()),
    st.sampled_from(["10", " 22.5 ", "nan", "inf", "-1", "0", "1e400", "quick", "deep"]),
)
wild = st.recursive(
    wild_scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), children, max_size=4),
        st.sets(st.integers(), max_size=3),
    ),
    max_leaves=10,
)


not_a_duration = st.one_of(
    st.floats(max_value=0),
    st.integers(max_value=0),
    st.booleans(),
    st.sampled_from([math.nan, math.inf, -math.inf, "nan", "inf", "1e400", "-0.0", "1_0"]),
    st.text().filter(lambda text: not any(char.isdigit() for char in text)),
    st.lists(st.integers(1, 30), max_size=2),
)


def _values(*values: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


def _with_entry(keys: st.SearchStrategy[Any], values: st.SearchStrategy[Any]) -> Any:
    """Valid metadata plus one entry that breaks one rule of RoleplayMetadata."""
    return st.builds(lambda base, key, value: {**base, key: value}, other_metadata, keys, values)


def _qscore(score: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.builds(lambda value: {"q_score": value}, score)


# (id, argument, values that break one rule of it, most at or just past a bound). Each row is
# its own parametrized property, so every rule gets its own examples.
BREAKERS: list[tuple[str, str, st.SearchStrategy[Any]]] = [
    ("user_id", "user_id", st.one_of(wild, _values("", " ", "user 1", "_", "u" * 129, "u\nx"))),
    ("org_id", "org_id", st.one_of(wild, _values("-acme", "acme corp", "a" * 65, "ac\nme"))),
    ("persona_id", "persona_id", st.one_of(wild, _values("bob", "", "emmaa", "e mma"))),
    ("duration", "duration_minutes", st.one_of(wild, not_a_duration)),
    ("depth", "depth", st.one_of(wild, _values("medium", "", "quickly"))),
    ("roleplay_type", "roleplay_type", st.one_of(wild, _values("enterprise", "", "sales!"))),
    ("brief", "brief", wild),
    ("brief-bound", "brief", st.one_of(huge_text, st.integers(4001, 4100).map("y".__mul__))),
    ("brief-blank", "brief", _values("", " ", "\n\t", "\u3000")),
    ("conversation_type", "conversation_type", wild),
    ("conversation_type-bound", "conversation_type", st.integers(101, 150).map("c".__mul__)),
    ("conversation_type-controls", "conversation_type", _values("renewal\x07", "\x00", "a\nb")),
    ("metadata", "metadata", wild),
    ("metadata-keys", "metadata",
     st.integers(33, 40).map(lambda n: {f"k{i}": 1 for i in range(n)})),
    ("metadata-key-names", "metadata",
     _with_entry(_values(1, "", "1a", "a b", "k" * 65, "\u00e9", "a\n"), st.just("v"))),
    ("metadata-strings", "metadata", _with_entry(st.just("text"), _values("x" * 1001, "nul\x00"))),
    ("metadata-lists", "metadata",
     _with_entry(st.just("items"), _values(list(range(51)), ["x" * 1001], ["a\x00"], [[1]]))),
    ("metadata-numbers", "metadata",
     _with_entry(_values("n", "items"), _values(math.nan, math.inf, -math.inf, [math.nan]))),
    ("metadata-types", "metadata",
     _with_entry(st.just("other"), _values({"a": 1}, {1, 2}, b"x", Decimal("1"), object()))),
    ("metadata-named", "metadata", st.one_of(
        _with_entry(_values("company", "target_role"), _values(5, "x" * 201, "a\nb", None)),
        _with_entry(st.just("difficulty"), _values("hard!", "x" * 33, "hard\n", 3)),
        _with_entry(st.just("source"), _values("x" * 101, "\x1b[0m", 1.5)),
        _with_entry(st.just("assignment_id"), _values("", "asg 1", "a" * 65, "asg_1\n")),
        _with_entry(st.just("workflow_id"), _values("", "wf/1", "w" * 129)),
    )),
    ("qscore", "qscore", wild),
    ("qscore-bounds", "qscore", _qscore(st.one_of(
        st.floats(min_value=1000, exclude_min=True),
        st.floats(max_value=0, exclude_max=True),
        st.integers(min_value=1001),
        st.integers(max_value=-1),
    ))),
    ("qscore-types", "qscore", st.one_of(
        _qscore(_values(None, True, "72", math.nan, math.inf, Decimal("1"))),
        _values({"score": 1}, [1], 72.5, "72.5"),
    )),
    ("qscore-extras", "qscore", st.one_of(
        st.integers(16, 20).map(lambda n: {"q_score": 1, **{f"k{i}": i for i in range(n)}}),
        _values({"q_score": 1, "x": {"a": 1}}, {"q_score": 1, 2: 3}, {"q_score": 1, "x": "\x00"},
                {"q_score": 1, "x": list(range(51))}, {"q_score": 1, "x": math.nan}),
    )),
]  # fmt: skip


wild_inputs = st.fixed_dictionaries(
    {},
    optional={name: wild for name in (*FIELDS, "depth", "metadata", "qscore", "conversation_type")},
)
AT_THE_BOUNDS = {
    "user_id": "u" * 128,
    "org_id": "o" * 64,
    "brief": "b" * 4000,
    "duration_minutes": "22.5",
    "metadata": {
        **{f"k{i}": i for i in range(29)},  # 29 + text + list + conversation_type = 32
        "text": "t" * 1000,
        "list": list(range(50)),
    },
    "conversation_type": "c" * 100,
    "qscore": {"q_score": 1000, **{f"k{i}": i for i in range(15)}},
}


# --- the properties ---------------------------------------------------------------------------


def check_request(request: Any) -> None:
    """The spec accepts it, its duration is not 10, and normalizing it again is a no-op."""
    body = request.to_body()
    json.dumps(body, allow_nan=False)  # real JSON: no NaN or infinity anywhere
    errors = sorted(VALIDATOR.iter_errors(body), key=lambda error: list(error.path))
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors]
    assert body["duration_minutes"] in DURATIONS
    assert body["duration_minutes"] != 10
    assert normalize_request(**body) == request
    fields = {name: getattr(request, name) for name in (*FIELDS, "metadata", "qscore")}
    assert normalize_request(**fields) == request


@PROPERTY_SETTINGS
@given(valid_inputs)
@example(AT_THE_BOUNDS)
@example({"user_id": "u", "brief": "b", "duration_minutes": 10, "qscore": {"q_score": 0}})
def test_accepted_inputs_give_spec_valid_stable_requests(inputs: dict[str, Any]) -> None:
    check_request(normalize_request(**inputs))


@pytest.mark.parametrize(
    ("name", "breaker"),
    [(name, breaker) for _, name, breaker in BREAKERS],
    ids=[row_id for row_id, _, _ in BREAKERS],
)
@settings(PROPERTY_SETTINGS, max_examples=60)
@given(inputs=valid_inputs, data=st.data())
def test_breaking_an_argument_gives_a_validation_error_or_a_valid_request(
    name: str, breaker: st.SearchStrategy[Any], inputs: dict[str, Any], data: st.DataObject
) -> None:
    inputs[name] = data.draw(breaker, label=name)
    try:
        request = normalize_request(**inputs)
    except RoleplayValidationError as error:
        assert isinstance(error, ValueError)
        assert str(error).startswith(f"{error.field}: ")
        return
    check_request(request)


@PROPERTY_SETTINGS
@given(wild_inputs)
def test_any_input_is_either_a_valid_request_or_a_validation_error(inputs: dict[str, Any]) -> None:
    try:
        request = normalize_request(**inputs)
    except RoleplayValidationError as error:
        assert isinstance(error, ValueError)
        return
    check_request(request)


@PROPERTY_SETTINGS
@given(
    st.one_of(positive_numbers, positive_numbers.map(str)),
    st.sampled_from([None, "quick", "deep"]),
)
@example(10, None)
@example(10.0, "quick")
@example(" 10 ", "deep")
@example("22.5", None)
@example(22.5, "quick")
@example(30.5, None)
def test_duration_is_the_nearest_allowed_value_ties_up_and_never_10(
    value: Any, depth: str | None
) -> None:
    minutes = normalize_request(
        user_id="u", brief="b", duration_minutes=value, depth=depth
    ).duration_minutes
    assert minutes in DURATIONS and minutes != 10
    number = float(value)
    if number >= 30:
        assert minutes == 30
    else:
        distance = abs(number - minutes)
        for allowed in DURATIONS:
            assert distance < abs(number - allowed) or (
                distance == abs(number - allowed) and minutes >= allowed
            )


@PROPERTY_SETTINGS
@given(positive_numbers, positive_numbers)
def test_duration_snapping_is_monotonic(first: float, second: float) -> None:
    low, high = sorted([first, second])

    def snap(value: float) -> int:
        return int(
            normalize_request(user_id="u", brief="b", duration_minutes=value).duration_minutes
        )

    assert snap(low) <= snap(high)


@PROPERTY_SETTINGS
@given(not_a_duration)
def test_bad_durations_raise_only_validation_errors(value: Any) -> None:
    with pytest.raises(RoleplayValidationError) as caught:
        normalize_request(user_id="u", brief="b", duration_minutes=value)
    assert caught.value.field == "duration_minutes"


def test_the_public_names_are_the_sdk_s() -> None:
    assert roleplay_sdk.normalize_request is normalize_request
    assert issubclass(RoleplayValidationError, ValueError)
