"""Every language's drafter phrases as its quiz page carries them, outside the build.

For tests and tools that call quiz.draft as the page does (scripts/assessment/stdlib_measure.py
runs the engine and the drafter in Pyodide to see which standard-library modules they load;
tests/quiz/test_draft.py checks every letter): the same reading and translating as the build's
(scripts/assessment/quizdata.py), from the repository's files alone.
"""

from __future__ import annotations

from typing import Any

from ..i18n import catalog, languages
from ..paths import Paths
from .quizdata import phrases_for, read_phrases


def phrases_by_language(paths: Paths = Paths(), lenient: bool = False) -> dict[str, dict[str, Any]]:
    """The drafter's phrases as each quiz page carries them: Russian, and every other
    language from its draft.po (for tests and tools that call quiz.draft as the page does)."""
    phrases = read_phrases(paths.phrases)
    langs = languages.load(paths.languages)
    return {
        lang.code: phrases_for(lang, phrases, None if lang.is_source else catalog.load([lang.po("draft")]), lenient)
        for lang in langs
    }
