"""Hand-written pages (content/pages/<slug>.ru.md) in every language, through the catalogues.

The Russian page is the source. It is cut into Markdown blocks (separated by blank
lines; a fenced code block is one block, the front matter another), each one a
catalogue entry in pages.po: msgctxt ``page.<slug>.<section>.<n>`` (the section is
the id of the heading above it, "front" for the front matter), msgid the Russian
block, msgstr the block in the other language, Markdown and code included (a
snippet's title attribute is text too). So the stale-translation rule covers these
pages like every other text: a changed Russian block fails the build until its
entry is translated again (lenient: the Russian block is shown).
"""

from __future__ import annotations

import re
from pathlib import Path

from .catalog import Catalogue, Problem

_HEADING_ID = re.compile(r"^#{1,6} .*\{#([\w-]+)(?:\s+[^}]*)?\s*\}\s*$")  # {#id} or {#id more attrs}


def sources(folder: Path, source_lang: str) -> dict[str, Path]:
    """slug -> its source page, e.g. {"embed": content/pages/embed.ru.md}."""
    return {p.name[: -len(f".{source_lang}.md")]: p for p in sorted(folder.glob(f"*.{source_lang}.md"))}


def blocks(markdown: str) -> list[str]:
    """The page's blocks, in order: split at blank lines outside fenced code."""
    out: list[str] = []
    current: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                out.append("\n".join(current))
                current = []
        else:
            current.append(line)
    if current:
        out.append("\n".join(current))
    return out


def segments(slug: str, markdown: str) -> list[tuple[str, str]]:
    """(msgctxt, Russian block) for every block of one page."""
    out = []
    section, n = "front", 0
    for block in blocks(markdown):
        heading = _HEADING_ID.match(block)
        if heading:
            section, n = heading.group(1), 0
        out.append((f"page.{slug}.{section}.{n}", block))
        n += 1
    return out


def comments(slug: str, path: Path, markdown: str) -> dict[str, str]:
    return {
        ctx: f"hand-written page {path.name}, block {i + 1}: translate the Markdown, keep code, links and ids"
        for i, (ctx, _) in enumerate(segments(slug, markdown))
    }


def render(slug: str, markdown: str, catalogue: Catalogue) -> tuple[str, list[Problem]]:
    """The page in the catalogue's language, and the blocks left in Russian for want
    of a current translation."""
    out, problems = [], []
    for ctx, block in segments(slug, markdown):
        value, problem = catalogue.lookup(ctx, block)
        if problem:
            problems.append(problem)
        out.append(block if problem else value or "")
    return "\n\n".join(out) + "\n", problems
