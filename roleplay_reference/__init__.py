"""Reference (fake) implementation of the roleplay-service, driven by openapi.yaml.

A stateful service on SQLite that serves the same spec the SDK is generated from, so the
demo, the contract tests and users' own tests need no other server.
"""

from __future__ import annotations

from ._auth import DEV_TOKENS, Principal, load_tokens
from ._problems import ProblemError
from ._server import BackgroundServer, serve
from ._service import ReferenceService, create_app
from ._spec import load_spec, spec_text

__all__ = [
    "DEV_TOKENS",
    "BackgroundServer",
    "Principal",
    "ProblemError",
    "ReferenceService",
    "create_app",
    "load_spec",
    "load_tokens",
    "serve",
    "spec_text",
]
