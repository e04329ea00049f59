"""Give every guide segment its text in one language.

Russian is the source, so it is returned as is. English comes from the catalogue;
a segment whose entry is missing, stale or untranslated is a problem: in strict
mode the build fails naming each one, in lenient mode the page shows the Russian
text marked "translation pending".
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalogue, Problem
from ..errors import BuildErrors
from ..guide.structure import Guide

SOURCE_LANG = "ru"


@dataclass(frozen=True)
class Text:
    value: str
    pending: bool = False  # True: Russian shown in place of a missing translation


def localize(guide: Guide, lang: str, catalogue: Catalogue | None, lenient: bool) -> tuple[dict[str, Text], list[Problem]]:
    """segment id -> Text for one language, and the problems found on the way."""
    if lang == SOURCE_LANG:
        return {s.id: Text(s.text) for s in guide.segments}, []
    assert catalogue is not None
    texts: dict[str, Text] = {}
    problems: list[Problem] = []
    for segment in guide.segments:
        value, problem = catalogue.lookup(segment.id, segment.text)
        if problem:
            problems.append(problem)
            texts[segment.id] = Text(segment.text, pending=True)
        else:
            texts[segment.id] = Text(value or "")
    if problems and not lenient:
        raise BuildErrors([p.as_error() for p in problems])
    return texts, problems
