"""Give every guide segment its text in one language.

The source language (Russian) is returned as is. Every other language comes from
its catalogue;
a segment whose entry is missing, stale or untranslated is a problem: in strict
mode the build fails naming each one, in lenient mode the page shows the Russian
text marked "translation pending".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import BuildErrors
from ..guide.structure import Guide
from .catalog import Catalogue, Problem


@dataclass(frozen=True)
class Text:
    value: str
    pending: bool = False  # True: Russian shown in place of a missing translation


def localize(
    guide: Guide, lang: str, catalogue: Catalogue | None, lenient: bool
) -> tuple[dict[str, Text], list[Problem]]:
    """segment id -> Text for one language (no catalogue: the source language), and
    the problems found on the way."""
    if catalogue is None:
        return {s.id: Text(s.text) for s in guide.segments}, []
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
