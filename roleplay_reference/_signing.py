"""Presigned URLs on the service itself: HMAC-SHA256 over method, path and expiry."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from ._problems import ProblemError


class UrlSigner:
    """Signs and checks `path?expires=..&signature=..`; the signature is the authorization."""

    def __init__(self, key: bytes, clock: Callable[[], float]) -> None:
        self._key = key
        self._clock = clock

    def _signature(self, method: str, path: str, expires: int) -> str:
        message = f"{method.upper()}\n{path}\n{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def derive_int(self, purpose: str) -> int:
        """A 64-bit secret for `purpose`, stable for this key (e.g. to mask cursors)."""
        digest = hmac.new(self._key, purpose.encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big")

    def sign(self, method: str, path: str, ttl_seconds: int) -> tuple[str, int]:
        """The signed path-with-query and its expiry (epoch seconds)."""
        expires = int(self._clock()) + ttl_seconds
        return (
            f"{path}?expires={expires}&signature={self._signature(method, path, expires)}",
            expires,
        )

    def check(self, method: str, path: str, expires: str | None, signature: str | None) -> None:
        """Raise a 403 problem unless the signature is genuine and not expired."""
        if not expires or not signature or not expires.isdigit() or len(expires) > 12:
            raise ProblemError(403, "The URL is not signed.", kind="invalid-signature")
        expected = self._signature(method, path, int(expires))
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            raise ProblemError(403, "The URL signature is not valid.", kind="invalid-signature")
        if int(expires) < self._clock():
            raise ProblemError(403, "The URL has expired.", kind="expired-signature")
