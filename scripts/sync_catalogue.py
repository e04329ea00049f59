"""`make catalog`: sync the English PO files with the current Russian sources.

Run it after the article, the structure map or the quiz texts change; then
translate the new or fuzzy entries with any PO editor.
"""

from __future__ import annotations

import sys

from .article import read_article
from .catalog import sync
from .errors import BuildError
from .paths import Paths
from .structure import load_map, place


def guide_segments(paths: Paths) -> tuple[list[tuple[str, str]], dict[str, str]]:
    guide = place(read_article(paths.article), load_map(paths.structure), paths.structure)
    segments = [(s.id, s.text) for s in guide.segments]
    comments = {s.id: _comment(s) for s in guide.segments}
    return segments, comments


def _comment(segment) -> str:
    where = f"article line {segment.line}" if segment.line else "editorial"
    anchor = f", #{segment.anchor}" if segment.anchor else ""
    return f"{segment.role} ({where}{anchor})"


def main() -> int:
    paths = Paths()
    try:
        segments, comments = guide_segments(paths)
        paths.translations.mkdir(parents=True, exist_ok=True)
        counts = sync(paths.guide_po, segments, comments)
    except BuildError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"{paths.guide_po.relative_to(paths.root)}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
