"""Unit tests for normalize_request and its helpers: every rule of the seed, every error."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

from roleplay_sdk import _normalize as norm
from roleplay_sdk._exceptions import RoleplayError, RoleplayValidationError
from roleplay_sdk._normalize import (
    FrozenMapping,
    RoleplayRequest,
    compose_brief,
    infer_roleplay_type,
    normalize_request,
    snap_duration,
)

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"
BRIEF = "Negotiate a senior PM offer with the recruiter at Acme."


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    result: dict[str, Any] = spec["components"]["schemas"]
    return result


def make(**fields: Any) -> RoleplayRequest:
    fields.setdefault("user_id", "user_123")
    fields.setdefault("brief", BRIEF)
    return normalize_request(**fields)


def rejects(field: str, **fields: Any) -> RoleplayValidationError:
    with pytest.raises(RoleplayValidationError) as caught:
        make(**fields)
    assert caught.value.field == field, str(caught.value)
    assert str(caught.value).startswith(f"{field}: ")
    return caught.value


# --- the constants are the spec's ------------------------------------------------------------


def test_constants_equal_the_spec(schemas: dict[str, Any]) -> None:
    assert schemas["UserId"]["pattern"] == norm.USER_ID_PATTERN
    assert schemas["UserId"]["maxLength"] == norm.USER_ID_MAX_LENGTH
    assert schemas["OrgId"]["pattern"] == norm.ORG_ID_PATTERN
    assert schemas["OrgId"]["maxLength"] == norm.ORG_ID_MAX_LENGTH
    assert schemas["OrgId"]["default"] == norm.DEFAULT_ORG_ID
    assert tuple(schemas["PersonaId"]["enum"]) == norm.PERSONAS
    assert schemas["PersonaId"]["default"] == norm.DEFAULT_PERSONA
    assert tuple(schemas["DurationMinutes"]["enum"]) == norm.DURATIONS
    assert schemas["DurationMinutes"]["default"] == norm.DEFAULT_DURATION
    assert tuple(schemas["RoleplayType"]["enum"]) == norm.ROLEPLAY_TYPES
    assert schemas["Brief"]["maxLength"] == norm.BRIEF_MAX_LENGTH
    metadata = schemas["RoleplayMetadata"]
    assert metadata["maxProperties"] == norm.METADATA_MAX_KEYS
    assert metadata["propertyNames"]["pattern"] == norm.METADATA_KEY_PATTERN
    assert metadata["propertyNames"]["maxLength"] == norm.METADATA_KEY_MAX_LENGTH
    scalar = schemas["MetadataScalar"]
    assert scalar["maxLength"] == norm.METADATA_STRING_MAX_LENGTH
    assert scalar["pattern"] == norm.METADATA_STRING_PATTERN
    assert schemas["MetadataValue"]["anyOf"][1]["maxItems"] == norm.METADATA_LIST_MAX_ITEMS
    qscore = schemas["QScoreInput"]
    assert qscore["properties"]["q_score"]["minimum"] == norm.QSCORE_MIN
    assert qscore["properties"]["q_score"]["maximum"] == norm.QSCORE_MAX
    assert qscore["maxProperties"] == norm.QSCORE_MAX_KEYS


def test_named_metadata_keys_equal_the_spec(schemas: dict[str, Any]) -> None:
    properties = schemas["RoleplayMetadata"]["properties"]
    assert set(properties) == set(norm.METADATA_NAMED_KEYS)
    for key, (max_length, pattern) in norm.METADATA_NAMED_KEYS.items():
        schema = properties[key]
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        assert schema["type"] == "string", key
        assert schema["maxLength"] == max_length, key
        assert schema["pattern"] == pattern, key


def test_the_spec_example_normalizes_to_itself() -> None:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    example = spec["components"]["examples"]["SalaryNegotiationRequest"]["value"]
    assert normalize_request(**example).to_body() == example


# --- org_id and user_id ----------------------------------------------------------------------


@pytest.mark.parametrize("given", [None, "", "   ", "\t\n"])
def test_org_id_defaults_to_growqr(given: object) -> None:
    assert make(org_id=given).org_id == "growqr"


def test_org_id_is_stripped() -> None:
    assert make(org_id="  acme-corp.eu ").org_id == "acme-corp.eu"


@pytest.mark.parametrize("given", ["-acme", "acme corp", "a" * 65, "acme/eu", "ac\nme", 42, ["x"]])
def test_org_id_must_match_the_spec(given: object) -> None:
    rejects("org_id", org_id=given)


def test_user_id_is_required() -> None:
    assert "required" in str(rejects("user_id", user_id=None))
    rejects("user_id", user_id="   ")


@pytest.mark.parametrize("given", ["user 123", "_user", "u" * 129, "user\u00e9", 123, b"user"])
def test_user_id_must_match_the_spec(given: object) -> None:
    rejects("user_id", user_id=given)


def test_user_id_accepts_the_spec_alphabet_and_is_stripped() -> None:
    assert make(user_id=" priya.k+qa@growqr:7 ").user_id == "priya.k+qa@growqr:7"
    assert make(user_id="u" * 128).user_id == "u" * 128


# --- persona ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "emma"),
        ("payal", "payal"),
        (" KAPIL ", "kapil"),
        ("John", "john"),
        ("emma\n", "emma"),
    ],
)
def test_persona(given: object, expected: str) -> None:
    assert make(persona_id=given).persona_id == expected


@pytest.mark.parametrize("given", ["bob", "", "e m m a", 3, ["emma"]])
def test_unknown_persona_is_rejected_with_the_allowed_values(given: object) -> None:
    error = rejects("persona_id", persona_id=given)
    assert "payal, emma, john, kapil" in str(error)


# --- duration --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, 15),
        (5, 5),
        (15, 15),
        (30, 30),
        (10, 15),
        (9.99, 5),
        (10.0, 15),
        (7, 5),
        (1, 5),
        (0.01, 5),
        (12, 15),
        (20, 15),
        (22.4, 15),
        (22.5, 30),
        (25, 30),
        (31, 30),
        (45, 30),
        (10**100, 30),
        (1e300, 30),
        ("10", 15),
        (" 10 ", 15),
        ("22.5", 30),
        ("+7", 5),
        (".5", 5),
        ("1e1", 15),
    ],
)
def test_duration_snaps_to_5_15_or_30(given: object, expected: int) -> None:
    assert make(duration_minutes=given).duration_minutes == expected
    assert snap_duration(given) == expected


@pytest.mark.parametrize(
    ("depth", "expected"), [(None, 15), ("quick", 5), ("deep", 30), (" Deep ", 30), ("QUICK", 5)]
)
def test_duration_by_depth_when_no_number(depth: object, expected: int) -> None:
    assert make(depth=depth).duration_minutes == expected


def test_an_explicit_number_wins_over_depth() -> None:
    assert make(duration_minutes=15, depth="quick").duration_minutes == 15
    assert make(duration_minutes="30", depth="quick").duration_minutes == 30


@pytest.mark.parametrize("depth", ["medium", "", 5, True, ["deep"]])
def test_unknown_depth_is_rejected(depth: object) -> None:
    assert "quick, deep" in str(rejects("depth", depth=depth))


@pytest.mark.parametrize(
    "given",
    [
        0,
        0.0,
        -0.0,
        -5,
        "-1",
        "0",
        math.nan,
        math.inf,
        -math.inf,
        "nan",
        "inf",
        "1e400",
        "1e-400",
        True,
        False,
        "abc",
        "",
        "  ",
        "10 minutes",
        "1_0",
        "0x10",
        Decimal("10"),
        Fraction(10),
        [10],
        {"minutes": 10},
        object(),
    ],
)
def test_bad_durations_are_rejected(given: object) -> None:
    error = rejects("duration_minutes", duration_minutes=given)
    assert "5, 15 or 30" in str(error)


def test_ten_is_never_produced() -> None:
    values = [x / 4 for x in range(1, 200)] + [str(x) for x in range(1, 60)]
    assert {snap_duration(value) for value in values} == {5, 15, 30}


# --- roleplay_type ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sales", "sales"),
        ("SALES", "sales"),
        ("Customer Success", "customer_success"),
        ("customer-success", "customer_success"),
        (" customer  success ", "customer_success"),
        ("Support", "support"),
        ("custom", "custom"),
    ],
)
def test_explicit_roleplay_type(given: str, expected: str) -> None:
    assert make(roleplay_type=given).roleplay_type == expected


@pytest.mark.parametrize("given", ["enterprise", "", "customer_succes", "cs", 1, ["sales"]])
def test_unknown_roleplay_type_is_rejected_with_the_allowed_values(given: object) -> None:
    error = rejects("roleplay_type", roleplay_type=given)
    assert "sales, customer_success, support, custom" in str(error)


def test_explicit_roleplay_type_wins_over_inference() -> None:
    request = make(roleplay_type="sales", conversation_type="renewal")
    assert request.roleplay_type == "sales"
    assert request.metadata["conversation_type"] == "renewal"


# The seed's Mapping rules, one row per conversation it names.
SEED_MAPPING = [
    ("salary_negotiation", "custom"),
    ("offer negotiation", "custom"),
    ("recruiter_call", "custom"),
    ("manager conversation", "custom"),
    ("promotion talk", "custom"),
    ("networking", "custom"),
    ("workplace_conflict", "custom"),
    ("sales_discovery", "sales"),
    ("demo", "sales"),
    ("objection handling", "sales"),
    ("closing", "sales"),
    ("renewal", "customer_success"),
    ("onboarding", "customer_success"),
    ("expansion", "customer_success"),
    ("customer_health", "customer_success"),
    ("troubleshooting", "support"),
    ("escalation", "support"),
    ("service_recovery", "support"),
    ("weather chat", "custom"),
]


@pytest.mark.parametrize(("conversation_type", "expected"), SEED_MAPPING)
def test_roleplay_type_is_inferred_from_conversation_type(
    conversation_type: str, expected: str
) -> None:
    assert infer_roleplay_type(conversation_type, None) == expected
    request = make(conversation_type=conversation_type)
    assert request.roleplay_type == expected
    assert request.metadata["conversation_type"] == conversation_type


def test_conversation_type_is_read_from_metadata_too() -> None:
    request = make(metadata={"conversation_type": "escalation"})
    assert request.roleplay_type == "support"
    assert dict(request.metadata) == {"conversation_type": "escalation"}


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        (
            "Renew a customer whose usage dropped 40%; they are evaluating a competitor.",
            "customer_success",
        ),
        ("Run a product demo for a skeptical CTO and handle pricing objections.", "sales"),
        ("Calm an angry customer after an outage and plan the escalation.", "support"),
        ("Ask my manager for a promotion after a strong year.", "custom"),
        ("Talk about the weather.", "custom"),
    ],
)
def test_roleplay_type_falls_back_to_the_brief(brief: str, expected: str) -> None:
    assert make(brief=brief).roleplay_type == expected


def test_conversation_type_is_read_before_the_brief() -> None:
    brief = "Renew the contract of an at-risk customer."
    assert make(brief=brief, conversation_type="escalation").roleplay_type == "support"


def test_conversation_type_conflicting_with_metadata_is_rejected() -> None:
    error = rejects(
        "conversation_type", conversation_type="renewal", metadata={"conversation_type": "demo"}
    )
    assert "renewal" in str(error) and "demo" in str(error)


def test_the_same_conversation_type_twice_is_fine() -> None:
    request = make(conversation_type=" renewal ", metadata={"conversation_type": "renewal"})
    assert dict(request.metadata) == {"conversation_type": "renewal"}


def test_blank_conversation_type_is_absent() -> None:
    assert "conversation_type" not in make(conversation_type="  ").metadata


@pytest.mark.parametrize("given", [5, ["renewal"], {"a": 1}])
def test_conversation_type_must_be_a_string(given: object) -> None:
    rejects("conversation_type", conversation_type=given)


def test_conversation_type_must_satisfy_the_metadata_schema() -> None:
    rejects("metadata.conversation_type", conversation_type="a" * 101)
    rejects("metadata.conversation_type", conversation_type="renewal\x07")


# --- brief -----------------------------------------------------------------------------------


def test_brief_whitespace_is_collapsed() -> None:
    assert make(brief="  Goal:\n\tnegotiate   170k.\r\n ").brief == "Goal: negotiate 170k."


def test_brief_is_required_and_not_blank() -> None:
    rejects("brief", brief=None)
    rejects("brief", brief=" \n\t ")
    rejects("brief", brief=42)


def test_brief_at_the_bound_is_kept_whole() -> None:
    assert make(brief="x" * 4000).brief == "x" * 4000
    collapsed = make(brief="ab   " * 1000)  # 5000 characters, 2999 after collapsing
    assert len(collapsed.brief) == 2999


def test_brief_over_the_bound_is_rejected_not_cut() -> None:
    error = rejects("brief", brief="x" * 4001)
    assert "4000" in str(error)


# --- metadata --------------------------------------------------------------------------------


def test_metadata_defaults_to_empty_and_is_always_sent() -> None:
    request = make()
    assert dict(request.metadata) == {}
    assert request.to_body()["metadata"] == {}


def test_metadata_keeps_named_and_other_keys() -> None:
    metadata = {
        "target_role": "Senior PM",
        "company": "Acme",
        "difficulty": "hard",
        "source": "grow_agent",
        "assignment_id": "asg_1",
        "workflow_id": "wf:42.a",
        "tags": ["a", 1, 2.5, True, None],
        "count": 3,
        "ratio": 0.5,
        "flag": False,
        "none": None,
    }
    body = make(metadata=metadata).to_body()
    assert body["metadata"] == metadata
    assert isinstance(body["metadata"]["tags"], list)


@pytest.mark.parametrize("given", ["company=Acme", ["company"], 5])
def test_metadata_must_be_a_mapping(given: object) -> None:
    rejects("metadata", metadata=given)


@pytest.mark.parametrize("key", [1, "1abc", "has space", "a" * 65, "", "é", "a\n"])
def test_metadata_keys_must_match_the_spec(key: object) -> None:
    rejects("metadata", metadata={key: "x"})


def test_metadata_key_at_the_bound() -> None:
    key = "k" * 64
    assert key in make(metadata={key: 1}).metadata


def test_metadata_holds_at_most_32_keys() -> None:
    assert len(make(metadata={f"k{i}": i for i in range(32)}).metadata) == 32
    rejects("metadata", metadata={f"k{i}": i for i in range(33)})


def test_conversation_type_counts_towards_the_32_keys() -> None:
    rejects("metadata", metadata={f"k{i}": i for i in range(32)}, conversation_type="renewal")


@pytest.mark.parametrize(
    "value",
    [
        {"nested": 1},
        [[1]],
        [{"a": 1}],
        list(range(51)),
        "x" * 1001,
        "nul\x00",
        ["nul\x00"],
        math.nan,
        [math.inf],
        -math.inf,
        {1, 2},
        b"bytes",
        Decimal("1.5"),
    ],
)
def test_bad_metadata_values_are_rejected(value: object) -> None:
    rejects("metadata.extra", metadata={"extra": value})


def test_metadata_values_at_the_bounds() -> None:
    metadata = make(metadata={"s": "x" * 1000, "l": list(range(50))}).metadata
    assert len(metadata["s"]) == 1000
    assert len(metadata["l"]) == 50


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("company", 42),
        ("company", "x" * 201),
        ("target_role", "line\nbreak"),
        ("difficulty", "very hard!"),
        ("difficulty", "x" * 33),
        ("source", "\x1b[31m"),
        ("assignment_id", ""),
        ("assignment_id", "asg 1"),
        ("workflow_id", ""),
        ("workflow_id", "wf/1"),
        ("conversation_type", ["renewal"]),
    ],
)
def test_named_metadata_keys_follow_their_schema(key: str, value: object) -> None:
    rejects(f"metadata.{key}", metadata={key: value})


def test_a_trailing_newline_does_not_sneak_past_an_anchored_pattern() -> None:
    rejects("metadata.difficulty", metadata={"difficulty": "hard\n"})
    rejects("metadata.assignment_id", metadata={"assignment_id": "asg_1\n"})
    rejects("metadata.workflow_id", metadata={"workflow_id": "wf\n"})


# --- qscore ----------------------------------------------------------------------------------


def test_qscore_is_omitted_when_none() -> None:
    request = make()
    assert request.qscore is None
    assert "qscore" not in request.to_body()


@pytest.mark.parametrize("score", [0, 72.5, 1000, 999.999])
def test_qscore_with_a_numeric_q_score(score: float) -> None:
    body = make(qscore={"q_score": score, "band": "B", "history": [60, 70]}).to_body()
    assert body["qscore"] == {"q_score": score, "band": "B", "history": [60, 70]}


@pytest.mark.parametrize(
    "qscore",
    [
        72.5,
        "72.5",
        [72.5],
        {},
        {"score": 72.5},
        {"q_score": None},
        {"q_score": True},
        {"q_score": "72.5"},
        {"q_score": math.nan},
        {"q_score": math.inf},
        {"q_score": -0.1},
        {"q_score": 1000.5},
        {"q_score": 10**400},
        {"q_score": Decimal("72.5")},
    ],
)
def test_bad_qscore_is_rejected(qscore: object) -> None:
    with pytest.raises(RoleplayValidationError) as caught:
        make(qscore=qscore)
    assert caught.value.field.startswith("qscore")
    assert "q_score" in str(caught.value)


@pytest.mark.parametrize(
    "qscore",
    [
        {"q_score": 1, "extra": {"nested": 1}},
        {"q_score": 1, "extra": math.nan},
        {"q_score": 1, 2: "x"},
        {"q_score": 1, **{f"k{i}": i for i in range(16)}},
    ],
)
def test_qscore_extra_keys_follow_the_metadata_rules(qscore: object) -> None:
    with pytest.raises(RoleplayValidationError) as caught:
        make(qscore=qscore)
    assert caught.value.field.startswith("qscore")


# --- the value ----------------------------------------------------------------------------------


def test_request_is_immutable() -> None:
    request = make(metadata={"tags": ["a"]}, qscore={"q_score": 1})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        request.brief = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        request.metadata["x"] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        request.qscore["q_score"] = 2  # type: ignore[index]
    assert isinstance(request.metadata["tags"], tuple)
    assert hash(request) == hash(make(metadata={"tags": ("a",)}, qscore={"q_score": 1}))


def test_the_caller_changing_its_input_does_not_change_the_request() -> None:
    metadata: dict[str, Any] = {"tags": ["a"]}
    request = make(metadata=metadata)
    metadata["tags"].append("b")
    metadata["new"] = 1
    assert dict(request.metadata) == {"tags": ("a",)}


def test_to_body_is_a_fresh_dict() -> None:
    request = make(metadata={"tags": ["a"]}, qscore={"q_score": 1})
    body = request.to_body()
    body["metadata"]["tags"].append("b")
    body["qscore"]["q_score"] = 500
    assert request.to_body()["metadata"] == {"tags": ["a"]}
    assert request.to_body()["qscore"] == {"q_score": 1}


def test_normalizing_a_result_again_gives_the_same_request() -> None:
    request = make(
        org_id=" acme ",
        persona_id=" Kapil",
        duration_minutes="22.5",
        brief="  Renew   the account. ",
        conversation_type="renewal",
        metadata={"tags": ["x"]},
        qscore={"q_score": 7},
    )
    again = normalize_request(**attrs.asdict(request, recurse=False))
    assert again == request
    assert normalize_request(**request.to_body()) == request


def test_errors_are_value_errors_and_roleplay_errors() -> None:
    error = rejects("persona_id", persona_id="zed")
    assert isinstance(error, ValueError)
    assert isinstance(error, RoleplayError)


def test_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        normalize_request("user_123", "growqr")  # type: ignore[call-arg]


def test_frozen_mapping_behaves_like_a_read_only_dict() -> None:
    mapping = FrozenMapping({"a": 1, "b": (1, 2)})
    assert mapping == {"a": 1, "b": (1, 2)}
    assert len(mapping) == 2 and list(mapping) == ["a", "b"]
    assert hash(mapping) == hash(FrozenMapping([("b", (1, 2)), ("a", 1)]))
    assert "FrozenMapping" in repr(mapping)


# --- compose_brief -----------------------------------------------------------------------------


def test_compose_brief_from_all_parts() -> None:
    brief = compose_brief(
        goal="negotiate a senior PM offer from 150k to 170k base.",
        counterpart=" the   recruiter ",
        situation="video call",
        stakes="the offer expires Friday",
        objections=["fixed budget band", " ", "equity instead of cash."],
        desired_outcome="165k+ base or a signing bonus",
    )
    assert brief == (
        "Goal: negotiate a senior PM offer from 150k to 170k base. Counterpart: the recruiter. "
        "Situation: video call. Stakes: the offer expires Friday. Likely objections: fixed "
        "budget band; equity instead of cash. Desired outcome: 165k+ base or a signing bonus."
    )
    assert make(brief=brief).brief == brief
    assert make(brief=brief).roleplay_type == "custom"


def test_compose_brief_with_only_a_goal() -> None:
    assert compose_brief(goal="Ask for a raise") == "Goal: Ask for a raise."


def test_compose_brief_takes_one_objection_as_a_string() -> None:
    brief = compose_brief(goal="renew", objections="too expensive")
    assert brief == "Goal: renew. Likely objections: too expensive."


@pytest.mark.parametrize("goal", ["", "  ", None, 5])
def test_compose_brief_needs_a_goal(goal: object) -> None:
    with pytest.raises(RoleplayValidationError) as caught:
        compose_brief(goal=goal)  # type: ignore[arg-type]
    assert caught.value.field == "goal"


def test_compose_brief_rejects_non_strings() -> None:
    with pytest.raises(RoleplayValidationError):
        compose_brief(goal="x", stakes=5)  # type: ignore[arg-type]
    with pytest.raises(RoleplayValidationError):
        compose_brief(goal="x", objections=[1])  # type: ignore[list-item]
    with pytest.raises(RoleplayValidationError):
        compose_brief(goal="x", objections=5)  # type: ignore[arg-type]


def test_compose_brief_over_the_bound_is_rejected() -> None:
    with pytest.raises(RoleplayValidationError) as caught:
        compose_brief(goal="x" * 3990, stakes="high")
    assert caught.value.field == "brief"


def _corpus() -> list[str]:
    import json

    texts = []
    for name in ("plan_cases.jsonl", "plan_blind_dev.jsonl"):
        path = Path(__file__).parent / "data" / name
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    return texts


def test_inferring_from_the_roleplay_type_rows_alone_agrees_with_the_whole_table() -> None:
    """normalize_request scans only the roleplay_type rows; plan() scans the whole table. In
    every corpus text that asks for a scenario no other row takes a roleplay_type's words."""
    from roleplay_sdk import plan
    from roleplay_sdk._signals import SIGNALS, best_roleplay_type, infer_type, scan, scanner

    type_rows = scanner("roleplay_type").owners + tuple(scanner("roleplay_type").plain.values())
    assert 0 < len({row.name for row in type_rows}) < len(SIGNALS)
    texts = [
        text
        for text in _corpus()
        if plan(text).operation in {"preview", "start", "create_assignments"}
    ]
    inferred = [best_roleplay_type(scan(text).hits) for text in texts]
    # The corpus exercises every roleplay_type the table can infer, and texts with none.
    assert set(inferred) == {"sales", "customer_success", "support", "custom", None}
    for text, expected in zip(texts, inferred, strict=True):
        assert infer_type(text) == expected, text
