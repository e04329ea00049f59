"""`make catalog`: sync the English PO files (guide, quiz, drafter) with the Russian sources.

Run it after the article, the structure map or the quiz texts change; then
translate the new or fuzzy entries with any PO editor.
"""

from __future__ import annotations

import sys
import tomllib

from quiz import draft as quiz_draft
from quiz import localize as quiz_localize

from ..guide import read_guide
from .catalog import sync
from ..errors import BuildError
from ..paths import Paths


def guide_segments(paths: Paths) -> tuple[list[tuple[str, str]], dict[str, str]]:
    guide = read_guide(paths)
    segments = [(s.id, s.text) for s in guide.segments]
    comments = {s.id: _comment(s) for s in guide.segments}
    return segments, comments


def _comment(segment) -> str:
    where = f"article line {segment.line}" if segment.line else "editorial"
    anchor = f", #{segment.anchor}" if segment.anchor else ""
    return f"{segment.role} ({where}{anchor})"


def quiz_segments(paths: Paths) -> list[tuple[str, str]]:
    return quiz_localize.strings(tomllib.loads(paths.quiz_definition.read_text(encoding="utf-8")))


def draft_segments(paths: Paths) -> tuple[list[tuple[str, str]], dict[str, str]]:
    phrases = quiz_draft.parse_phrases(paths.phrases.read_text(encoding="utf-8"))
    return quiz_draft.strings(phrases), quiz_draft.comments(phrases)


def main() -> int:
    paths = Paths()
    paths.translations.mkdir(parents=True, exist_ok=True)
    try:
        catalogues = [
            (paths.guide_po, *guide_segments(paths)),
            (paths.quiz_po, quiz_segments(paths), {}),
            (paths.draft_po, *draft_segments(paths)),
        ]
        for po, segments, comments in catalogues:
            counts = sync(po, segments, comments)
            print(f"{po.relative_to(paths.root)}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    except (BuildError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
