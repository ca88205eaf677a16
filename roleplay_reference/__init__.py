"""Reference (fake) implementation of the roleplay-service, driven by openapi.yaml.

A stateful service on SQLite that serves the same spec the SDK is generated from, so the
demo, the contract tests and users' own tests need no other server.

* ``ReferenceService(db_path=None, tokens=None, enable_control=False, ...)``: ``.app`` is the
  ASGI app; ``complete_session``, ``start_assignment``, ``session_turns``, ``count_sessions``,
  ``count_assignments``, ``count_uploads``, ``counts`` and ``reset`` are the test-control API.
  ``create_app(...)`` answers just the app (the service is ``app.state.service``).
* ``serve(host, port, db_path, tokens_file, enable_control, public_base_url=, log_level=,
  forwarded_allow_ips=, rate_limit=, auth_failure_limit=)`` runs it with uvicorn (logs never
  carry a token or a signature); ``BackgroundServer`` runs it on a free loopback port in a
  thread; ``ServiceProcess`` runs it in its own process on a loopback port and a SQLite file,
  and can kill and restart it there. Both harnesses lift the rate limits unless told not to.
* Development tokens (``DEV_TOKENS``) when no tokens file is given: ``dev-member-token``
  (user_123@growqr, member), ``dev-member-2-token`` (user_456@growqr, member),
  ``dev-admin-token`` (admin_1@growqr, admin), ``dev-other-org-token`` (user_999@acme,
  member), ``dev-other-admin-token`` (admin_9@acme, admin).
* Outside the spec: ``PUT /_uploads/{id}`` and ``GET /_artifacts/...`` (presigned, no token),
  ``GET /roleplay/{session_id}`` (the frontend page), and with ``enable_control=True``:
  ``POST /_control/sessions/{id}/complete``, ``GET /_control/sessions/{id}/turns``,
  ``POST /_control/assignments/{id}/start``, ``GET /_control/counts[?org_id=]``,
  ``POST /_control/reset``.
* ``roleplay_reference.testing`` and ``roleplay_reference.pytest_plugin`` wire SDK clients to an
  in-process instance for tests; ``service.faults`` makes it fail, slow down or go away.
* Needs the ``fake`` extra (``pip install "roleplay-sdk[fake]"``); without it the import fails
  with a ModuleNotFoundError that says so.
"""

from __future__ import annotations

from . import _extra  # noqa: F401  (first: names the `fake` extra when it is missing)
from ._auth import DEV_TOKENS, Principal, load_tokens
from ._problems import ProblemError
from ._process import ServiceProcess
from ._server import BackgroundServer, serve
from ._service import HARNESS_LIMITS, ReferenceService, create_app
from ._spec import load_spec, spec_text

__all__ = [
    "DEV_TOKENS",
    "HARNESS_LIMITS",
    "BackgroundServer",
    "Principal",
    "ProblemError",
    "ReferenceService",
    "ServiceProcess",
    "create_app",
    "load_spec",
    "load_tokens",
    "serve",
    "spec_text",
]
