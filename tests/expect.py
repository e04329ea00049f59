"""Lookups for tests that must find what they look for: a miss fails the test with the
pattern or the key, instead of an AttributeError on None later (and mypy sees a value)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


def search(pattern: str | re.Pattern[str], text: str, flags: int = 0) -> re.Match[str]:
    """``re.search`` that fails the test when nothing matches."""
    found = re.search(pattern, text, flags)
    assert found is not None, f"no match for {getattr(pattern, 'pattern', pattern)!r}"
    return found


def present(value: T | None, what: str) -> T:
    """``value``, failing the test when it is None (e.g. a PO entry ``po.find`` did not find)."""
    assert value is not None, f"missing: {what}"
    return value


def ok(result: Mapping[str, Any]) -> dict[str, Any]:
    """An engine call's result (quiz.api) as plain JSON, failing the test when it is an
    ``{"error": ...}`` instead."""
    assert "error" not in result, result
    return dict(result)
