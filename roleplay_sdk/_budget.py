"""The retry budget: a token bucket shared by a client's calls, so an outage is not multiplied.

Without it every call spends its own max_retries, and a service that is down receives
(1 + max_retries) times the load exactly when it can least take it. With it, retries draw
tokens from one bucket per client (its with_options() copies share it): a retry costs
RETRY_COST, a retry after a timeout TIMEOUT_RETRY_COST (a timeout holds a connection and a
worker on both sides for long), and a successful call puts tokens back (what its last retry
cost, or SUCCESS_REFILL when it needed none). Once the bucket is empty a call that fails raises
the error it got instead of retrying. This is the retry quota of botocore's "standard" retry
mode, with its figures: 500 tokens hold 100 retries, so under a total outage 200 calls with
max_retries=2 send 300 requests (1.5 per call) instead of 600, and a healthy service refills
the bucket one token per call.
"""

from __future__ import annotations

import threading

CAPACITY = 500
RETRY_COST = 5
TIMEOUT_RETRY_COST = 10
SUCCESS_REFILL = 1


class RetryBudget:
    """A thread-safe token bucket (the sync client may be shared by threads)."""

    __slots__ = ("_available", "_capacity", "_lock")

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._available = capacity
        self._lock = threading.Lock()

    @property
    def available(self) -> int:
        return self._available

    @property
    def capacity(self) -> int:
        return self._capacity

    def acquire(self, cost: int) -> bool:
        """Take `cost` tokens for one retry; False (and nothing taken) if there are not enough."""
        with self._lock:
            if cost > self._available:
                return False
            self._available -= cost
            return True

    def release(self, amount: int) -> None:
        """Give tokens back after a success, never above the capacity."""
        if self._available >= self._capacity:  # the common case: a full bucket, no lock
            return
        with self._lock:
            self._available = min(self._capacity, self._available + amount)

    def __repr__(self) -> str:
        return f"RetryBudget({self._available}/{self._capacity})"
