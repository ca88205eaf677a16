"""Schemathesis conformance runs as plain functions, shared by the suite and its self-check.

Every run loads the committed openapi.yaml (the contract, not whatever the target serves),
authenticates with the bearer token through schemathesis' OpenAPI auth configuration (so its
`ignored_auth` check probes missing and forged tokens itself) and validates each answer with
all of schemathesis' default checks. A failure raises schemathesis' FailureGroup (or an
AssertionError collecting them), whose message carries the reproducing curl command.

Phases, as `schemathesis run` has them: the spec's examples, the coverage phase (boundary and
unexpected-method cases), fuzzing with positive and negative data, and the stateful phase that
follows the spec's links.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import hypothesis
import hypothesis.errors
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase
from schemathesis import Case, GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.engine.errors import is_inconsistent_replay
from schemathesis.generation.drivers import CoverageGenerator, ExamplesGenerator
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.overrides import Override
from schemathesis.specs.openapi import stateful as openapi_stateful

from ._target import ControlRefused, Target
from ._target import server_target as server_target  # public: `roleplay demo` uses it

AnyCase = Case[Any]

# A link to the root copy in the checkout; the file itself in the installed package.
SPEC_PATH = Path(__file__).resolve().parent / "openapi.yaml"
#: The spec keeps each link's body fields in this extension (a link's portable `requestBody`
#: is one expression or literal, and strict tools reject objects of expressions there);
#: contract_document() hands them to schemathesis as the `requestBody` it follows.
LINK_BODY_EXTENSION = "x-request-body"

#: Bodies that name the acting user; pinning them to the token's principal keeps them from all
#: being answered 403 (a random user_id is another user, a random org_id another organization).
ACTING_OPERATIONS = frozenset({"previewRoleplay", "configureRoleplay"})
#: One positive case in this many keeps its generated user_id/org_id and Idempotency-Key, so
#: the 403 and 409 answers stay exercised too.
KEEP_GENERATED_ONE_IN = 10

#: Operations whose successful answers start the stateful scenarios. Schemathesis' own root
#: heuristic rejects previewRoleplay/configureRoleplay/createAssignments because their bodies
#: take a user_id that no operation produces; the pinning hook is what makes them succeed.
STATEFUL_ROOTS = frozenset({"previewRoleplay", "configureRoleplay", "createAssignments"})

#: A few bytes standing in for a browser's recording (the service checks type and size only).
WEBM_BYTES = b"\x1a\x45\xdf\xa3" + b"\x00" * 60


def _spec_links(document: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(source operationId, status, link name, link object) of every link in the document."""
    for methods in document["paths"].values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            for status, response in operation.get("responses", {}).items():
                for name, link in (response.get("links") or {}).items():
                    yield operation["operationId"], str(status), name, link


def contract_document() -> dict[str, Any]:
    """openapi.yaml as schemathesis reads it: each link's LINK_BODY_EXTENSION as requestBody."""
    document: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    for _, _, _, link in _spec_links(document):
        if LINK_BODY_EXTENSION in link:
            link["requestBody"] = link.pop(LINK_BODY_EXTENSION)
    return document


def conformance_token(target: Target) -> str:
    """The token the conformance runs use: an admin reaches every operation, else the member."""
    return target.admin_token or target.api_token


def operation_id(case_or_operation: Any) -> str:
    operation = getattr(case_or_operation, "operation", case_or_operation)
    return str(operation.definition.raw.get("operationId", operation.label))


def _keeps_generated(case: AnyCase) -> bool:
    material = json.dumps(
        [case.body, case.query, dict(case.headers or {})], sort_keys=True, default=str
    )
    return zlib.crc32(material.encode("utf-8", "surrogatepass")) % KEEP_GENERATED_ONE_IN == 0


def pin_case(case: AnyCase, *, user_id: str | None, org_id: str) -> AnyCase:
    """Make most positive cases act as the token's principal, with a fresh Idempotency-Key.

    Negative cases are left alone (their whole point is the invalid part). Generated cursors
    are kept: the spec's Cursor pattern says which values are accepted, and every one is.
    """
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE:
        return case
    op_id = operation_id(case)
    if _keeps_generated(case):
        return case
    if op_id in ACTING_OPERATIONS and isinstance(case.body, dict):
        body = dict(case.body)
        if user_id is not None:
            body["user_id"] = user_id
        if "org_id" in body:
            body["org_id"] = org_id
        case.body = body
    if case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = f"ct-{secrets.token_hex(16)}"
    return case


@dataclass
class ContractSchema:
    """A schemathesis schema of the contract, bound to one target and token."""

    schema: Any
    #: The pinning applied to generated cases (a schema hook; applied by hand where the
    #: generator runs no hooks).
    pin: Callable[[AnyCase], AnyCase]


def load_schema(target: Target, token: str | None = None) -> ContractSchema:
    """The committed contract, configured to call `target` as `token` (default: see above)."""
    token = token or conformance_token(target)
    config = schemathesis.Config.from_dict({"auth": {"openapi": {"bearerAuth": {"bearer": token}}}})
    schema = schemathesis.openapi.from_dict(contract_document(), config=config)
    schema.location = SPEC_PATH.as_uri()
    if target.app is not None:
        schema.app = target.app
    else:
        schema.config.update(base_url=target.base_url)
    user_id = target.user_id if token in (target.api_token, target.admin_token) else None

    def pin(case: AnyCase) -> AnyCase:
        return pin_case(case, user_id=user_id, org_id=target.org_id)

    @schema.hook("map_case")
    def pin_hook(context: Any, case: AnyCase) -> AnyCase:
        return pin(case)

    return ContractSchema(schema, pin)


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]


def get_operation(schema: Any, op_id: str) -> Any:
    for operation in _operations(schema):
        if operation_id(operation) == op_id:
            return operation
    raise KeyError(op_id)


def spec_operation_ids() -> list[str]:
    """The spec's operationIds, in document order (read without a target, for parametrize)."""
    schema = schemathesis.openapi.from_path(SPEC_PATH)
    return [operation_id(operation) for operation in _operations(schema)]


def check_case(case: AnyCase) -> Any:
    """Send one case and run every default check on the answer (FailureGroup on failure)."""
    __tracebackhide__ = True
    response = case.call()
    case.validate_response(response)
    return response


def _settings(max_examples: int, **extra: Any) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.target, Phase.shrink],
        **extra,
    )


def run_fuzzing(
    contract: ContractSchema,
    op_id: str,
    mode: GenerationMode,
    *,
    max_examples: int,
    derandomize: bool = False,
) -> int:
    """Fuzz one operation with generated data of one mode; answers how many cases were sent."""
    __tracebackhide__ = True
    operation = get_operation(contract.schema, op_id)
    sent = 0

    @_settings(max_examples, derandomize=derandomize)
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    def fuzz(case: AnyCase) -> None:
        nonlocal sent
        sent += 1
        check_case(case)

    fuzz()
    return sent


def _run_cases(cases: Iterator[AnyCase], *, limit: int = 5) -> int:
    """Send every case; raise one AssertionError naming up to `limit` distinct failures."""
    __tracebackhide__ = True
    sent = 0
    failures: dict[str, str] = {}
    for case in cases:
        sent += 1
        try:
            check_case(case)
        except FailureGroup as group:
            key = " | ".join(sorted({type(exc).__name__ for exc in group.exceptions}))
            key += f" @ {case.operation.label}"
            failures.setdefault(key, str(group))
            if len(failures) >= limit:
                break
    if failures:
        raise AssertionError(
            f"{len(failures)} distinct conformance failure(s):\n\n" + "\n".join(failures.values())
        )
    return sent


def run_examples(contract: ContractSchema, op_id: str) -> int:
    """The spec's own examples for one operation."""
    __tracebackhide__ = True
    operation = get_operation(contract.schema, op_id)
    generator = ExamplesGenerator(
        operation=operation, override=Override(), feedback=FeedbackSources(), fill_missing=True
    )
    return _run_cases(contract.pin(case) for case in generator)


def run_coverage(contract: ContractSchema, op_id: str) -> int:
    """The coverage phase for one operation: boundary values, both modes, unexpected methods."""
    __tracebackhide__ = True
    schema = contract.schema
    operation = get_operation(schema, op_id)
    generator = CoverageGenerator(
        operation=operation,
        generation_modes=list(GenerationMode),
        generation_config=schema.config.generation_for(operation=operation, phase="coverage"),
        auth_storage=None,
        override=Override(),
        feedback=FeedbackSources(),
    )
    return _run_cases(iter(generator))


@dataclass
class StatefulReport:
    """What the stateful phase reached, and the check failures it met."""

    calls: Counter[tuple[str, int]] = field(default_factory=Counter)
    scenarios: int = 0
    restarts: int = 0
    failures: list[str] = field(default_factory=list)

    def reached(self, op_id: str, status: int) -> bool:
        return self.calls[(op_id, status)] > 0

    def table(self) -> str:
        lines = [f"  {self.scenarios} scenarios, {self.restarts} restart(s)"]
        lines += [
            f"  {op:28} {status}  x{count}" for (op, status), count in sorted(self.calls.items())
        ]
        return "\n".join(lines)


def _classify_roots(operations: list[Any], transitions: Any, graph: Any) -> Any:
    roots = openapi_stateful.RootTransitions()
    for operation in operations:
        if operation_id(operation) in STATEFUL_ROOTS:
            roots.reliable.add(operation.label)
    return roots


def build_state_machine(
    schema: Any,
    *,
    report: StatefulReport,
    after_step: Callable[[AnyCase, Any], None] | None = None,
) -> Any:
    """The schema's link-driven state machine, rooted at the operations that create things."""
    with mock.patch.object(openapi_stateful, "classify_root_transitions", _classify_roots):
        base = schema.as_state_machine()

    class Workflow(base):  # type: ignore[misc, valid-type]
        def after_call(self, response: Any, case: AnyCase) -> None:
            super().after_call(response, case)
            report.calls[(operation_id(case), response.status_code)] += 1
            if after_step is not None:
                after_step(case, response)

        def validate_response(
            self, response: Any, case: AnyCase, *args: Any, **kwargs: Any
        ) -> None:
            __tracebackhide__ = True
            try:
                super().validate_response(response, case, *args, **kwargs)
            except FailureGroup as group:
                report.failures.append(str(group))
                raise

        def teardown(self) -> None:
            report.scenarios += 1
            super().teardown()

    return Workflow


Link = tuple[str, str, str, str]


def spec_links() -> set[Link]:
    """(source operationId, status, link name, target operationId) of every link in the spec."""
    return {
        (source, status, name, link["operationId"])
        for source, status, name, link in _spec_links(contract_document())
    }


def spec_link_bodies() -> dict[Link, Any]:
    """The request body each link hands its target, keyed like spec_links()."""
    return {
        (source, status, name, link["operationId"]): link["requestBody"]
        for source, status, name, link in _spec_links(contract_document())
        if "requestBody" in link
    }


def _machine_link_objects(machine: Any) -> Iterator[Any]:
    for transitions in machine._transitions.operations.values():
        yield from transitions.outgoing


def machine_links(machine: Any) -> set[Link]:
    """The same tuples for the transitions a state machine class follows."""
    return {
        (operation_id(link.source), str(link.status_code), link.name, operation_id(link.target))
        for link in _machine_link_objects(machine)
    }


def machine_link_bodies(machine: Any) -> dict[Link, Any]:
    """The request body each followed transition fills in, keyed like machine_links()."""
    return {
        (
            operation_id(link.source),
            str(link.status_code),
            link.name,
            operation_id(link.target),
        ): link.body
        for link in _machine_link_objects(machine)
        if isinstance(link.body, dict | list | str)
    }


def _is_flaky(exc: BaseException) -> bool:
    return isinstance(exc, hypothesis.errors.Flaky) or is_inconsistent_replay(exc)


def stateful_side_steps(target: Target) -> Callable[[AnyCase, Any], None]:
    """What a browser and live practice would do between linked calls.

    After an upload URL is issued, PUT a recording to it (so confirm -> artifact can succeed);
    after a session becomes active, complete half of them through the control surface (so
    reviews answer completed ones too). Neither is an operation of the spec.
    """
    uploader = target.client(None, guarded=False)

    def side_step(case: AnyCase, response: Any) -> None:
        op_id = operation_id(case)
        if response.status_code not in (200, 201):
            return
        body = response.json()
        if op_id == "createVideoUploadUrl":
            uploader.request(
                body["method"],
                body["upload_url"],
                headers=body["upload_headers"],
                content=WEBM_BYTES,
            )
        elif (
            op_id in ("configureRoleplay", "approveRoleplay")
            and target.control is not None
            and zlib.crc32(body["session_id"].encode()) % 2 == 0
        ):
            # A replayed approval may name a session completed since; nothing to do then.
            with contextlib.suppress(ControlRefused):
                target.control.complete_session(body["session_id"])

    return side_step


def run_stateful(
    contract: ContractSchema,
    *,
    max_examples: int,
    step_count: int,
    after_step: Callable[[AnyCase, Any], None] | None = None,
    max_restarts: int = 3,
) -> StatefulReport:
    """Run link-following scenarios; answers what they reached.

    The target's state moves on between scenarios, so Hypothesis may find that replaying a
    prefix draws differently (Flaky). Like `schemathesis run`, that is not a failure of the
    target: the run goes on with the budget left. A check failure always fails the run, also
    when Hypothesis could not replay it afterwards (its message is kept when it is met).
    """
    __tracebackhide__ = True
    report = StatefulReport()
    machine = build_state_machine(contract.schema, report=report, after_step=after_step)
    while True:
        budget = max_examples - report.scenarios
        try:
            machine.run(
                settings=hypothesis.settings(
                    max_examples=max(1, budget),
                    stateful_step_count=step_count,
                    deadline=None,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                    phases=[Phase.generate],
                )
            )
        except FailureGroup:
            raise
        except Exception as exc:
            if not _is_flaky(exc):
                raise
            if report.failures:
                raise AssertionError(
                    "the stateful phase failed (Hypothesis could not replay it afterwards):\n\n"
                    + report.failures[0]
                ) from None
            if report.restarts < max_restarts and report.scenarios < max_examples:
                report.restarts += 1
                continue
        return report
