"""Fixed-window counters per key: requests per token (the spec's RateLimit-* headers), and
failed authentications per client address (a burst of wrong tokens is answered 429)."""

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


MAX_KEYS = 10_000


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
            if len(self._windows) >= MAX_KEYS:
                self._forget_old(start)
            self._windows[key] = (start, used)
        return Quota(self.limit, max(0, self.limit - used), reset, used > self.limit)

    def _forget_old(self, start: int) -> None:
        """Drop counters of past windows (never the current ones, or a flood of new keys
        would reset everyone's count); only if that is not enough, start afresh."""
        self._windows = {k: v for k, v in self._windows.items() if v[0] == start}
        if len(self._windows) >= MAX_KEYS:
            self._windows.clear()

    def blocked(self, key: str) -> Quota | None:
        """The quota of `key` if it is used up in this window (nothing is counted)."""
        quota = self.peek(key)
        return quota if quota.remaining == 0 else None

    def peek(self, key: str) -> Quota:
        """The quota of `key` without counting a request (answers that precede auth)."""
        start, reset = self._current()
        with self._lock:
            window, used = self._windows.get(key, (start, 0))
        used = used if window == start else 0
        return Quota(self.limit, max(0, self.limit - used), reset, False)
