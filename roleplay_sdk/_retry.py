"""When to try again and how long to wait: pure functions, shared by both clients."""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Callable

import attrs
import httpx

RETRYABLE_STATUS = frozenset({408, 429})
INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
MAX_RETRY_AFTER = 30.0


@attrs.frozen
class RetryPolicy:
    """Exponential backoff with jitter; a server's Retry-After wins up to `max_retry_after`.

    A Retry-After longer than the cap is not slept through: the error is raised at once, so a
    caller is never blocked for minutes (RateLimitError.retry_after tells how long to wait).
    A Retry-After shorter than the backoff is raised to it: "Retry-After: 0" answered again and
    again must not turn the retries into a hot loop (the header says "not before", so waiting
    longer still honours it).
    """

    max_retries: int = 2
    initial_delay: float = INITIAL_DELAY
    max_delay: float = MAX_DELAY
    max_retry_after: float = MAX_RETRY_AFTER
    jitter: Callable[[], float] = random.random

    def backoff(self, attempt: int) -> float:
        """Delay before retry number `attempt` (1-based): doubling, capped, minus up to 25%."""
        base = min(self.initial_delay * 2.0 ** min(attempt - 1, 64), self.max_delay)
        return base * (1.0 - 0.25 * self.jitter())

    def delay_after(self, response: httpx.Response, attempt: int) -> float | None:
        """How long to wait before retrying this answer, or None when it must not be retried."""
        if not retryable_status(response.status_code):
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        backoff = self.backoff(attempt)
        if retry_after is None:
            return backoff
        return max(retry_after, backoff) if retry_after <= self.max_retry_after else None


def retryable_status(status_code: int) -> bool:
    """408, 429 and every 5xx."""
    return status_code in RETRYABLE_STATUS or status_code >= 500


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None if absent or bad."""
    if value is None:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        parsed = email.utils.parsedate_tz(text)
        if parsed is None:
            return None
        try:
            seconds = email.utils.mktime_tz(parsed) - (time.time() if now is None else now)
        except (OverflowError, ValueError):
            return None
    if math.isnan(seconds):
        return None
    return max(seconds, 0.0)
