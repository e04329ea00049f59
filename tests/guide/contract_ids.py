"""The section ids the public contract (CONTRACT.md) fixes on each guide page,
in page order: the structure map must place them (tests/guide/test_structure.py) and
every language's built page must carry them (tests/test_build.py)."""

from __future__ import annotations

CONTRACT_IDS = {
    "recognize": [
        "self-check",
        "warning-signs",
        "sign-schedule",
        "sign-scope-creep",
        "sign-belittling",
        "sign-invoices",
        "sign-aggression",
        "sign-review-threats",
        "sign-nitpicking",
        "sign-expertise",
        "second-opinion",
    ],
    "part-ways": [
        "professional",
        "last-attempt",
        "avoid-you",
        "leave-window-open",
        "refer-elsewhere",
        "positive-ending",
        "in-writing",
        "empty-cup",
    ],
}
