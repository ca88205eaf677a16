"""Schemathesis conformance of the target with openapi.yaml: every operation, every default
check, the spec's examples, the coverage phase, positive and negative fuzzing, and stateful
scenarios that follow the spec's links. A failure prints the reproducing curl command."""

from __future__ import annotations

import pytest
from schemathesis import GenerationMode

from ._target import Target
from .conformance import (
    STATEFUL_ROOTS,
    ContractSchema,
    StatefulReport,
    build_state_machine,
    contract_document,
    load_schema,
    machine_link_bodies,
    machine_links,
    run_coverage,
    run_examples,
    run_fuzzing,
    run_stateful,
    spec_link_bodies,
    spec_links,
    spec_operation_ids,
    stateful_side_steps,
)

pytestmark = pytest.mark.conformance

OPERATIONS = spec_operation_ids()
#: Examples per operation and mode, and stateful scenarios: measured to keep the whole
#: contract suite within a few minutes on 2 cores (see --contract-scale).
FUZZ_EXAMPLES = 100
STATEFUL_SCENARIOS = 100
STATEFUL_STEPS = 10
#: The fewest stateful scenarios whatever the scale: only about one scenario in four gets as
#: far as an approval or an upload URL, so with 5 scenarios (scale 0.05) a conforming
#: deployment failed the reachability assertions below in 2 runs of 8.
STATEFUL_MIN_SCENARIOS = 30


@pytest.fixture(scope="module")
def contract(target: Target) -> ContractSchema:
    return load_schema(target)


def test_schemathesis_loads_every_operation_of_the_spec() -> None:
    documented = [
        operation["operationId"]
        for methods in contract_document()["paths"].values()
        for operation in methods.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    assert documented == OPERATIONS
    assert len(set(OPERATIONS)) == len(OPERATIONS) > 0


@pytest.mark.parametrize("op_id", OPERATIONS)
def test_examples_and_coverage(contract: ContractSchema, op_id: str) -> None:
    sent = run_examples(contract, op_id) + run_coverage(contract, op_id)
    assert sent > 0


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda mode: mode.value)
@pytest.mark.parametrize("op_id", OPERATIONS)
def test_fuzzing(
    contract: ContractSchema, op_id: str, mode: GenerationMode, contract_scale: float
) -> None:
    sent = run_fuzzing(
        contract, op_id, mode, max_examples=max(1, int(FUZZ_EXAMPLES * contract_scale))
    )
    assert sent > 0


def test_the_stateful_phase_follows_every_link_of_the_spec(contract: ContractSchema) -> None:
    machine = build_state_machine(contract.schema, report=StatefulReport())
    links = spec_links()
    assert len(links) >= 10
    missing = links - machine_links(machine)
    assert not missing, f"links of the spec the state machine does not follow: {missing}"
    # The bodies come from the spec's x-request-body extension (see conformance.py).
    bodies = spec_link_bodies()
    assert len(bodies) >= 6
    assert machine_link_bodies(machine) == bodies
    roots = {name for name in machine.root_rules}
    assert len(roots) == len(STATEFUL_ROOTS), f"scenarios start from {roots}"


def test_stateful_links(contract: ContractSchema, target: Target, contract_scale: float) -> None:
    report = run_stateful(
        contract,
        max_examples=max(STATEFUL_MIN_SCENARIOS, int(STATEFUL_SCENARIOS * contract_scale)),
        step_count=STATEFUL_STEPS,
        after_step=stateful_side_steps(target),
    )
    print("stateful phase reached:\n" + report.table())
    # The scenarios got past their roots into the linked operations.
    for op_id, status in [
        ("previewRoleplay", 201),
        ("approveRoleplay", 200),
        ("getRoleplayReview", 200),
        ("createVideoUploadUrl", 201),
    ]:
        assert report.reached(op_id, status), f"no scenario reached {op_id} -> {status}"
