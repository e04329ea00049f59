"""`make catalog`: sync every translated language's PO files (guide, quiz, drafter,
site frame, hand-written pages) with the Russian sources.

Run it after the article, the structure map, the quiz texts, content/site.toml or
a page of content/pages/ change, or after adding a language to content/translations/languages.toml (its
folder is created); then translate the new or fuzzy entries with any PO editor.
"""

from __future__ import annotations

import sys
import tomllib

from quiz import draft as quiz_draft
from quiz import localize as quiz_localize

from ..errors import BuildError
from ..guide import read_guide
from ..paths import Paths
from . import languages, pages, site
from .catalog import sync


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


def site_segments(paths: Paths) -> list[tuple[str, str]]:
    return site.strings(site.read_source(paths.site_strings))


def page_segments(paths: Paths) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The hand-written pages' blocks (content/pages/<slug>.ru.md)."""
    segments: list[tuple[str, str]] = []
    comments: dict[str, str] = {}
    for slug, source in pages.sources(paths.root / "content" / "pages", languages.SOURCE).items():
        markdown = source.read_text(encoding="utf-8")
        segments += pages.segments(slug, markdown)
        comments |= pages.comments(slug, source, markdown)
    return segments, comments


# A new language's you.txt, before its forms are listed.
YOU_TEMPLATE = """\
# The forms of "you" the drafter's live check marks in a letter in this language:
# every form of the polite and the familiar "you" and "your", one per line, lower
# case, a straight ' for any apostrophe (see content/translations/en/you.txt).
"""


def main() -> int:
    paths = Paths()
    try:
        sources = {
            "guide": guide_segments(paths),
            "quiz": (quiz_segments(paths), {}),
            "draft": draft_segments(paths),
            "site": (site_segments(paths), {}),
            "pages": page_segments(paths),
        }
        for lang in _languages(paths).translated:
            for kind, (segments, comments) in sources.items():
                po = lang.po(kind)
                po.parent.mkdir(parents=True, exist_ok=True)
                counts = sync(po, segments, comments, language=lang.code)
                print(f"{po}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
            if not lang.you_file.exists():
                # A new language's word list starts empty; the build names it until it is filled.
                lang.you_file.write_text(YOU_TEMPLATE, encoding="utf-8")
                print(f"{lang.you_file}: created, list the language's forms of 'you' there")
    except (BuildError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


def _languages(paths: Paths) -> languages.Languages:
    """The configured languages; a new one's catalogue folder is created first (load
    checks that each folder exists)."""
    entries = tomllib.loads(paths.languages.read_text(encoding="utf-8")).get("languages", [])
    for entry in entries[1:]:
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            (paths.languages.parent / (entry["catalogues"] if "catalogues" in entry else entry["code"])).mkdir(
                parents=True, exist_ok=True
            )
    return languages.load(paths.languages)


if __name__ == "__main__":
    sys.exit(main())
