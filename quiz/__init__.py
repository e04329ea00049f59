"""Parting Kit self-assessment: a pure-Python scoring engine.

The same modules run in CPython (tests, the ``python -m quiz`` CLI) and in the
browser under Pyodide, so the engine modules (``contract``, ``model``, ``engine``,
``session``, ``api``, ``draft``, ``you_check``, ``saved``) import nothing but the standard library, do no I/O and
never touch ``js`` or ``pyodide``.  Callers read ``definition.toml`` themselves
(``tomllib``) and hand the engine a plain dict.
"""

from __future__ import annotations

__all__ = ["DraftError", "QuizError"]


class QuizError(ValueError):
    """Base of every error the engine reports to a person rather than a programmer.

    A ``ValueError`` so that generic callers can catch it; the message always
    names the item at fault and says how to fix it.
    """


class DraftError(QuizError):
    """Bad phrases, translations, kind, field or choice; the message names it and what is allowed.

    Here rather than in ``quiz.draft``: the session tells a drafter's error from the
    engine's without importing the drafter before it is needed."""
