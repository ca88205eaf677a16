"""Bearer tokens -> principals. The token alone decides the caller's organization and role."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_USER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}$")
_ORG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_ROLES = ("member", "admin")


@dataclass(frozen=True)
class Principal:
    """Who a token speaks for."""

    user_id: str
    org_id: str
    role: str
    email: str | None = None
    display_name: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def owns(self, user_id: str | None, email: str | None = None) -> bool:
        """Whether a record of `user_id`/`email` is this principal's own."""
        if user_id is not None and user_id == self.user_id:
            return True
        return bool(email and self.email and email.casefold() == self.email.casefold())


#: Development tokens, used when no tokens file is given. Documented in the README/CLI help.
DEV_TOKENS: dict[str, dict[str, str]] = {
    "dev-member-token": {
        "user_id": "user_123",
        "org_id": "growqr",
        "role": "member",
        "email": "user_123@example.com",
        "display_name": "Priya",
    },
    "dev-member-2-token": {
        "user_id": "user_456",
        "org_id": "growqr",
        "role": "member",
        "email": "user_456@example.com",
        "display_name": "Sam",
    },
    "dev-admin-token": {
        "user_id": "admin_1",
        "org_id": "growqr",
        "role": "admin",
        "email": "admin_1@example.com",
        "display_name": "GrowQR Admin",
    },
    "dev-other-org-token": {
        "user_id": "user_999",
        "org_id": "acme",
        "role": "member",
        "email": "user_999@acme.example",
        "display_name": "Alex",
    },
    "dev-other-admin-token": {
        "user_id": "admin_9",
        "org_id": "acme",
        "role": "admin",
        "email": "admin_9@acme.example",
        "display_name": "Acme Admin",
    },
}


def _principal(token: str, entry: Any) -> Principal:
    if not isinstance(entry, Mapping):
        raise ValueError(f"token {token[:4]}...: expected a mapping of user_id, org_id, role")
    user_id = str(entry.get("user_id", ""))
    org_id = str(entry.get("org_id", "growqr"))
    role = str(entry.get("role", "member"))
    if not _USER_ID.match(user_id):
        raise ValueError(f"token {token[:4]}...: invalid user_id {user_id!r}")
    if not _ORG_ID.match(org_id):
        raise ValueError(f"token {token[:4]}...: invalid org_id {org_id!r}")
    if role not in _ROLES:
        raise ValueError(f"token {token[:4]}...: role must be member or admin, not {role!r}")
    email = entry.get("email")
    name = entry.get("display_name")
    return Principal(
        user_id=user_id,
        org_id=org_id,
        role=role,
        email=str(email) if email else None,
        display_name=str(name)[:200] if name else None,
    )


TokensSource = Mapping[str, Any] | str | os.PathLike[str] | None


def load_tokens(source: TokensSource = None) -> dict[str, Principal]:
    """Principals by token from a mapping, a JSON/YAML file, or the development tokens."""
    if source is None:
        raw: Any = DEV_TOKENS
    elif isinstance(source, Mapping):
        raw = source
    else:
        text = Path(source).read_text(encoding="utf-8")
        raw = json.loads(text) if str(source).endswith(".json") else yaml.safe_load(text)
    if not isinstance(raw, Mapping) or not raw:
        raise ValueError("tokens must be a non-empty mapping of token -> principal")
    tokens = {}
    for token, entry in raw.items():
        if not isinstance(token, str) or not token or len(token) > 4096 or not token.isprintable():
            raise ValueError("every token must be a printable string of 1-4096 characters")
        tokens[token] = _principal(token, entry)
    return tokens


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, if well-formed."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 4096:
        return None
    return token
