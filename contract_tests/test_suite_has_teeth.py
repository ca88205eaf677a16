"""The suite has teeth: each deliberately broken variant of the reference service is caught by
the checks the suite runs, and the honest service passes those same checks.

Run with `-s` (or see the terminal summary) for the table variant -> caught by.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

from ._target import Target, in_process_target
from .broken_variants import VARIANTS, BrokenVariant
from .checks import SEMANTIC_CHECKS, answer_invariants_hook
from .conformance import load_schema, run_coverage, run_fuzzing

#: Examples per fuzzing check here: derandomized, so the outcome is the same on every run.
TEETH_EXAMPLES = 50

#: variant name -> {check: "caught" | "passed"}; printed by conftest's terminal summary.
RESULTS: dict[str, dict[str, str]] = {}


def run_check(spec: str, target: Target) -> None:
    """Run one check of the suite, named as in BrokenVariant.caught_by."""
    kind, _, rest = spec.partition(":")
    if kind == "semantic":
        SEMANTIC_CHECKS[rest](target)
    elif kind == "fuzz":
        op_id, _, mode = rest.partition(":")
        contract = load_schema(target)
        run_fuzzing(
            contract, op_id, GenerationMode(mode), max_examples=TEETH_EXAMPLES, derandomize=True
        )
    elif kind == "coverage":
        run_coverage(load_schema(target), rest)
    else:
        raise ValueError(f"unknown check {spec!r}")


def outcome(spec: str, target: Target) -> str:
    """'caught' when the check fails on the target, 'passed' when it does not."""
    try:
        run_check(spec, target)
    except (AssertionError, FailureGroup):
        return "caught"
    return "passed"


@pytest.fixture
def fresh() -> Iterator[Target]:
    target, service = in_process_target(answer_hooks=[answer_invariants_hook])
    yield target
    target.close()
    service.close()


def _variant_target(variant: type[BrokenVariant]) -> tuple[Target, object]:
    return in_process_target(wrap=variant, answer_hooks=[answer_invariants_hook])


def test_there_are_at_least_ten_variants_with_distinct_names() -> None:
    names = [variant.name for variant in VARIANTS]
    assert len(names) >= 10
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_each_broken_variant_is_caught(variant: type[BrokenVariant]) -> None:
    target, service = _variant_target(variant)
    try:
        results = {spec: outcome(spec, target) for spec in variant.caught_by}
    finally:
        target.close()
        service.close()  # type: ignore[attr-defined]
    RESULTS[variant.name] = results
    print(f"{variant.name}: " + ", ".join(f"{k} {v}" for k, v in results.items()))
    missed = [spec for spec, result in results.items() if result != "caught"]
    assert not missed, f"{variant.name} ({variant.breaks}) was not caught by {missed}"


def test_the_honest_service_passes_the_same_checks(fresh: Target) -> None:
    specs = sorted({spec for variant in VARIANTS for spec in variant.caught_by})
    for spec in specs:
        run_check(spec, fresh)
