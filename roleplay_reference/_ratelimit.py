"""A fixed-window request counter per caller, reported in the spec's RateLimit-* headers."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int
    reset: int
    exceeded: bool

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


class RateLimiter:
    """`limit` requests per `window` seconds per key; beyond that, 429 with Retry-After."""

    def __init__(self, limit: int, window: int, clock: Callable[[], float]) -> None:
        self.limit = max(0, min(limit, 1_000_000))
        self.window = max(1, min(window, 86_400))
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, int]] = {}

    def _current(self) -> tuple[int, int]:
        now = self._clock()
        start = int(now // self.window)
        return start, max(0, math.ceil((start + 1) * self.window - now))

    def hit(self, key: str) -> Quota:
        """Count one request of `key`."""
        start, reset = self._current()
        with self._lock:
            window, used = self._windows.get(key, (start, 0))
            used = used + 1 if window == start else 1
            if len(self._windows) > 10_000:
                self._windows.clear()
            self._windows[key] = (start, used)
        return Quota(self.limit, max(0, self.limit - used), reset, used > self.limit)

    def peek(self, key: str) -> Quota:
        """The quota of `key` without counting a request (answers that precede auth)."""
        start, reset = self._current()
        with self._lock:
            window, used = self._windows.get(key, (start, 0))
        used = used if window == start else 0
        return Quota(self.limit, max(0, self.limit - used), reset, False)
