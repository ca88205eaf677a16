"""`python -m roleplay_reference serve ...`: run the reference service from a shell.

Without the `fake` extra this module never runs: importing the package first prints one line
naming the extra and exits 1 (see _extra.py), as the `roleplay` command does.
"""

from __future__ import annotations

import argparse

from ._auth import DEV_TOKENS


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m roleplay_reference")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser(
        "serve",
        help="run the reference service",
        description="Without --tokens these development tokens work: "
        + ", ".join(
            f"{t} ({p['user_id']}@{p['org_id']}, {p['role']})" for t, p in DEV_TOKENS.items()
        ),
    )
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    serve_cmd.add_argument(
        "--db", dest="db_path", metavar="PATH", help="SQLite file (default: in memory)"
    )
    serve_cmd.add_argument(
        "--tokens", dest="tokens_file", metavar="FILE", help="tokens file, JSON or YAML"
    )
    serve_cmd.add_argument(
        "--enable-control",
        action="store_true",
        help="mount the test-control routes under /_control",
    )
    add_serving_options(serve_cmd)
    args = parser.parse_args(argv)

    from ._server import serve

    serve(
        host=args.host,
        port=args.port,
        db_path=args.db_path,
        tokens_file=args.tokens_file,
        enable_control=args.enable_control,
        public_base_url=args.public_base_url,
        log_level=args.log_level,
        forwarded_allow_ips=args.forwarded_allow_ips,
        rate_limit=args.rate_limit,
        auth_failure_limit=args.auth_failure_limit or None,
    )


def add_serving_options(command: argparse.ArgumentParser) -> None:
    """The options `roleplay serve` has too (same names, same defaults)."""
    from ._service import DEFAULT_AUTH_FAILURE_LIMIT, DEFAULT_RATE_LIMIT

    command.add_argument(
        "--public-base-url",
        help="base of the absolute URLs the service answers (default: the bound address)",
    )
    command.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug", "trace"),
        help="no level logs a token or a presigned URL's signature",
    )
    command.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        help="comma-separated proxy IPs/CIDRs (or *) whose Host and X-Forwarded-* headers "
        "are trusted (default: none)",
    )
    command.add_argument(
        "--rate-limit",
        type=int,
        default=DEFAULT_RATE_LIMIT,
        metavar="N",
        help=f"requests per token per minute (default {DEFAULT_RATE_LIMIT})",
    )
    command.add_argument(
        "--auth-failure-limit",
        type=int,
        default=DEFAULT_AUTH_FAILURE_LIMIT,
        metavar="N",
        help="failed authentications per client address per minute before 429 "
        f"(default {DEFAULT_AUTH_FAILURE_LIMIT}; 0: never throttle)",
    )


if __name__ == "__main__":
    main()
