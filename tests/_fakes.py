"""Small test doubles shared by the test modules."""

from __future__ import annotations


class FakeClock:
    """A clock the test moves by hand (`clock.now += 901`), for ReferenceService(clock=...)."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
