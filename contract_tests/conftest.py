"""Options and fixtures of the contract suite: which target it runs against, and as whom.

pytest contract_tests                                     # in-process reference service
pytest contract_tests --base-url URL --api-token TOKEN    # any deployment
    [--admin-token T] [--other-org-token T] [--user-id ID] [--org-id ORG]

Installed, `roleplay-contract --base-url URL ...` runs the same suite (see __main__.py).
A failed test's report names the rule and shows the latest requests it sent as curl commands;
every report (terminal, JUnit XML) has the run's tokens replaced by [Filtered].
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import pytest

from . import _report, checks
from ._target import Target, in_process_target, server_target

#: The session's Target, for the report hook (set by the `target` fixture).
TARGET_KEY = pytest.StashKey[Target]()


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
    base_url = config.getoption("--base-url", default=None)
    if base_url and not config.getoption("--api-token"):
        raise pytest.UsageError("--base-url needs --api-token")
    if base_url and not config.option.collectonly:
        # One line before anything runs, not a failure per test (roleplay-contract probes too);
        # collecting the tests needs no target.
        from .__main__ import unreachable

        problem = unreachable(base_url)
        if problem is not None:
            raise pytest.UsageError(problem)
    config.addinivalue_line("markers", "conformance: schemathesis conformance runs")


def _given_tokens(config: pytest.Config) -> list[str]:
    names = ("--api-token", "--admin-token", "--other-org-token")
    return [token for name in names if (token := config.getoption(name, default=None))]


def _rule(item: pytest.Item) -> str | None:
    """The rule a failed test checks: its semantic check's docstring, else the test's own."""
    callspec = getattr(item, "callspec", None)
    check = callspec.params.get("check") if callspec is not None else None
    function = check if callable(check) else getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    return doc.splitlines()[0] if doc else None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    target = item.config.stash.get(TARGET_KEY, None)
    if report.failed and call.when == "call":
        rule = _rule(item)
        if rule:
            report.sections.append(("rule", rule))
        if target is not None and target.recent:
            shown = "\n".join(_report.describe_exchange(e.request, e.status) for e in target.recent)
            report.sections.append(("latest requests (reproduce with curl)", shown))
    secrets = _given_tokens(item.config) + (target.tokens if target is not None else [])
    _redact_report(report, secrets)


def _redact_report(report: pytest.TestReport, secrets: list[str]) -> None:
    """Replace the tokens in everything the terminal and the JUnit XML show of the report."""
    if report.longrepr is not None:
        text = str(report.longrepr)
        if any(secret in text for secret in secrets):
            report.longrepr = _report.redact(text, secrets)
    report.sections = [
        (title, _report.redact(content, secrets)) for title, content in report.sections
    ]


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
        request.config.stash[TARGET_KEY] = remote
        yield remote
        remote.close()
        return
    local, service = in_process_target(answer_hooks=hooks)
    request.config.stash[TARGET_KEY] = local
    yield local
    local.close()
    service.close()


@pytest.fixture(autouse=True)
def _fresh_request_log(request: pytest.FixtureRequest) -> None:
    """Each test's report shows only the requests it sent itself."""
    target = request.config.stash.get(TARGET_KEY, None)
    if target is not None:
        target.recent.clear()


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
