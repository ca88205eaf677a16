"""`roleplay-contract`: check a deployment of the roleplay-service against the contract.

    roleplay-contract --base-url URL --api-token T [--admin-token A] [--other-org-token O]
                      [--junitxml PATH] [pytest arguments ...]

Runs the installed suite (conformance, semantic checks, the SDK end to end) with pytest and
exits with pytest's status: 0 only when the deployment conforms. The URL and the tokens may
come from the environment instead (ROLEPLAY_BASE_URL, ROLEPLAY_API_TOKEN, ROLEPLAY_ADMIN_TOKEN,
ROLEPLAY_OTHER_ORG_TOKEN), which keeps them out of the process list and the CI log. A URL
that cannot be reached is one line and exit status 2 (bad usage too), before anything runs.
The self-check against the reference service's broken variants (test_suite_has_teeth.py) is
about the suite, not the deployment, so it is not run here; `pytest contract_tests` in a
checkout runs it.

Imports only the standard library until the `contract` extra is known to be installed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path

#: Exit status of bad usage and of a base URL that cannot be reached: nothing was checked.
NOT_RUN = 2
#: How long the reachability probe waits for the deployment's first answer.
PROBE_TIMEOUT = 15.0
#: Modules of the `contract` extra's distributions (pyproject.toml).
CONTRACT_EXTRA_MODULES = ("schemathesis", "hypothesis", "pytest", "pytest_asyncio", "yaml")
PACKAGE_DIR = Path(__file__).resolve().parent
#: Run by `pytest contract_tests` in a checkout, not against a deployment (see above).
NOT_AGAINST_A_DEPLOYMENT = ("test_suite_has_teeth.py",)
TOKEN_OPTIONS = (
    ("--api-token", "ROLEPLAY_API_TOKEN", "a member's bearer token (required)"),
    (
        "--admin-token",
        "ROLEPLAY_ADMIN_TOKEN",
        "an admin of the same organization (assignment checks skip without it)",
    ),
    (
        "--other-org-token",
        "ROLEPLAY_OTHER_ORG_TOKEN",
        "a token of another organization (isolation checks skip without it)",
    ),
)


def missing_extra_message() -> str | None:
    """The one line to print when the `contract` extra is not installed (None when it is)."""
    missing = [name for name in CONTRACT_EXTRA_MODULES if find_spec(name) is None]
    if not missing:
        return None
    return (
        'roleplay-contract: the contract suite needs the "contract" extra: '
        f'pip install "roleplay-sdk[contract]" (missing: {", ".join(missing)})'
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roleplay-contract",
        description="Check a deployment of the roleplay-service against its contract "
        "(openapi.yaml and the rules a schema cannot say). Exit status 0 only when it "
        "conforms; arguments it does not know go to pytest (e.g. -x, -k EXPR, "
        "--contract-scale X to scale the generated examples, --user-id ID).",
        allow_abbrev=False,
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        default=os.environ.get("ROLEPLAY_BASE_URL") or None,
        help="the deployment; default $ROLEPLAY_BASE_URL",
    )
    for option, variable, text in TOKEN_OPTIONS:
        parser.add_argument(
            option,
            metavar="TOKEN",
            default=os.environ.get(variable) or None,
            help=f"{text}; default ${variable}",
        )
    parser.add_argument("--junitxml", metavar="PATH", help="write a JUnit XML report to PATH")
    return parser


def parse(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """roleplay-contract's own options, and the rest (for pytest); exits 2 on bad usage."""
    parser = _parser()
    args, rest = parser.parse_known_args(argv)
    if not args.base_url:
        parser.error("--base-url (or $ROLEPLAY_BASE_URL) is required")
    if not args.api_token:
        parser.error("--api-token (or $ROLEPLAY_API_TOKEN) is required")
    return args, rest


def unreachable(base_url: str) -> str | None:
    """Why `base_url` cannot be reached (None when it answers at all, whatever the status)."""
    import httpx

    try:
        with httpx.Client(timeout=PROBE_TIMEOUT, follow_redirects=False) as client:
            client.get(base_url).close()
    except (httpx.TransportError, httpx.InvalidURL) as exc:
        reason = str(exc) or type(exc).__name__
        return f"cannot reach {base_url}: {reason}"
    return None


def pytest_arguments(argv: Sequence[str]) -> list[str]:
    """The pytest command line for roleplay-contract's arguments (exits 2 on bad usage)."""
    args, rest = parse(argv)
    command = [
        str(PACKAGE_DIR),
        # The installed suite, on its own: not the configuration of whatever folder CI runs in.
        "-c",
        os.devnull,
        "--rootdir",
        str(PACKAGE_DIR),
        "-p",
        "no:cacheprovider",
        "-o",
        "asyncio_mode=auto",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
        "-ra",
        "--base-url",
        args.base_url,
    ]
    for option, _, _ in TOKEN_OPTIONS:
        value = getattr(args, option[2:].replace("-", "_"))
        if value:
            command += [option, value]
    for name in NOT_AGAINST_A_DEPLOYMENT:
        command += ["--ignore", str(PACKAGE_DIR / name)]
    if args.junitxml:
        command += ["--junitxml", args.junitxml]
    return command + [arg for arg in rest if arg != "--"]


def main(argv: Sequence[str] | None = None) -> None:
    message = missing_extra_message()
    if message is not None:
        print(message, file=sys.stderr)
        raise SystemExit(1)
    argv = sys.argv[1:] if argv is None else argv
    arguments = pytest_arguments(argv)
    problem = unreachable(parse(argv)[0].base_url)
    if problem is not None:
        print(f"roleplay-contract: {problem}", file=sys.stderr)
        raise SystemExit(NOT_RUN)
    import pytest

    # Hypothesis keeps its example database in ./.hypothesis; the folder CI runs in stays clean.
    with tempfile.TemporaryDirectory(prefix="roleplay-contract-") as scratch:
        os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", scratch)
        status = pytest.main(arguments)
    raise SystemExit(int(status))


if __name__ == "__main__":
    main()
