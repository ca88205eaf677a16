"""The outcomes of the fault cells, kept for the terminal summary (see conftest.py)."""

from __future__ import annotations

import attrs

CODES = {
    "APIConnectionError": "conn",
    "APITimeoutError": "timeout",
    "RateLimitError": "429",
    "InternalServerError": "5xx",
    "APIResponseValidationError": "invalid",
}
LEGEND = (
    "ok = the clean result (witnessed by a fault-free replay); errors: conn=APIConnectionError "
    "timeout=APITimeoutError 429=RateLimitError 5xx=InternalServerError "
    "invalid=APIResponseValidationError; s/a/u = sessions/assignments/uploads after the cell"
)


@attrs.frozen
class Cell:
    driver: str  # "sync" or "async"
    retries: int
    operation: str
    fault: str
    outcome: str  # "ok" or an error class name
    counts: str  # sessions/assignments/uploads in the service after the cell

    @property
    def code(self) -> str:
        return CODES.get(self.outcome, self.outcome)


CELLS: list[Cell] = []
