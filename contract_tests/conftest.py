"""Options and fixtures of the contract suite: which target it runs against, and as whom.

pytest contract_tests                                     # in-process reference service
pytest contract_tests --base-url URL --api-token TOKEN    # any deployment
    [--admin-token T] [--other-org-token T] [--user-id ID] [--org-id ORG]
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import checks
from ._target import Target, in_process_target, server_target


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "roleplay-service contract suite")
    group.addoption(
        "--base-url",
        metavar="URL",
        help="check the deployment at URL instead of the in-process reference service",
    )
    group.addoption("--api-token", metavar="TOKEN", help="bearer token of a member (required)")
    group.addoption(
        "--admin-token",
        metavar="TOKEN",
        help="bearer token of an organization admin of the same organization",
    )
    group.addoption(
        "--other-org-token", metavar="TOKEN", help="bearer token of another organization"
    )
    group.addoption(
        "--user-id",
        metavar="ID",
        help="the api token's user_id (known for the reference service's dev tokens)",
    )
    group.addoption("--org-id", metavar="ORG", help="the api token's organization (growqr)")
    group.addoption(
        "--contract-scale",
        type=float,
        default=1.0,
        metavar="X",
        help="multiply the conformance example budgets by X (default 1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--base-url", default=None) and not config.getoption("--api-token"):
        raise pytest.UsageError("--base-url needs --api-token")
    config.addinivalue_line("markers", "conformance: schemathesis conformance runs")


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    """The deployment under test, shared by the whole run (like a real deployment)."""
    option = request.config.getoption
    hooks = [checks.answer_invariants_hook]
    base_url = option("--base-url")
    if base_url:
        remote = server_target(
            base_url,
            option("--api-token"),
            admin_token=option("--admin-token"),
            other_org_token=option("--other-org-token"),
            user_id=option("--user-id"),
            org_id=option("--org-id"),
            answer_hooks=hooks,
        )
        yield remote
        remote.close()
        return
    local, service = in_process_target(answer_hooks=hooks)
    yield local
    local.close()
    service.close()


@pytest.fixture(scope="session")
def contract_scale(request: pytest.FixtureRequest) -> float:
    return float(request.config.getoption("--contract-scale"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The self-check's table: each broken variant and the checks that caught it."""
    from .test_suite_has_teeth import RESULTS

    if not RESULTS:
        return
    terminalreporter.section("broken variants -> caught by")
    width = max(len(name) for name in RESULTS)
    for name, results in RESULTS.items():
        caught = [spec for spec, result in results.items() if result == "caught"]
        missed = [spec for spec, result in results.items() if result != "caught"]
        line = f"{name:<{width}}  {', '.join(caught) or 'NOT CAUGHT'}"
        if missed:
            line += f"  (not by: {', '.join(missed)})"
        terminalreporter.write_line(line)
