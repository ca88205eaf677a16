"""Semantic contract checks (what a schema cannot say), each written once in checks.py."""

from __future__ import annotations

import pytest

from ._target import Target
from .checks import SEMANTIC_CHECKS, Check


@pytest.mark.parametrize("check", list(SEMANTIC_CHECKS.values()), ids=list(SEMANTIC_CHECKS))
def test_semantic_contract(target: Target, check: Check) -> None:
    check(target)
