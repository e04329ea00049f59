"""Read the article as received and recover its structure.

The file is scraped from a web page, so it carries noise the guide must not show:
a UTF-8 BOM or CRLF line endings, doubled spaces, the whole body printed twice,
and the site's footer (rubric, view count, tags, "leave a comment"). This module
normalises the text, drops the repeated copy by detecting the repetition itself
(never by line numbers), turns the footer into metadata, and classifies every
remaining line as a heading or a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import BuildError

BlockKind = Literal["heading", "paragraph"]

# A heading in this article is a short line without final punctuation; anything
# longer, or ending like a sentence, is body text.
HEADING_MAX_CHARS = 90
HEADING_MAX_WORDS = 12
SENTENCE_END = (".", "!", "?", ":", ";", "…", ",")

# Footer lines of the source site, recognised by their labels.
RUBRIC = re.compile(r"^Рубрика:\s*(?P<value>.*)$")
VIEWS_AND_TAGS = re.compile(r"^Просмотров:\s*\d+\s*(?:Метки:\s*(?P<tags>.*))?$")
TAGS = re.compile(r"^Метки:\s*(?P<tags>.*)$")
LEAVE_COMMENT = re.compile(r"^Оставьте комментарий!?$")

# A repeated copy shorter than this is more likely a coincidence than an artefact.
MIN_REPEAT_LINES = 3


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of the article, with its line in the normalised text."""

    kind: BlockKind
    text: str
    line: int

    def __repr__(self) -> str:
        short = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return f"Block({self.kind}, line {self.line}, {short!r})"


@dataclass(frozen=True)
class Article:
    """The article after cleaning: title, subtitle, body blocks and footer metadata."""

    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    rubrics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    dropped_duplicate_lines: int = field(default=0, compare=False)
    source: str = field(default="", compare=False)


def read_article(path: Path) -> Article:
    """Read and parse the article file; every problem names the file and the fix."""
    if not path.exists():
        raise BuildError(
            path, "the article file is missing", "copy the article as received to this path (content/article.ru.txt)"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BuildError(
            path, f"not valid UTF-8 (byte {e.start}: {raw[e.start : e.start + 1]!r})", "save the article as UTF-8"
        ) from None
    return parse_article(text, source=str(path))


def normalise_lines(text: str) -> list[str]:
    """Lines with line endings, BOM and runs of spaces normalised; blank lines dropped."""
    text = text.lstrip("\ufeff")
    lines = []
    for line in text.splitlines():
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        if line:
            lines.append(line)
    return lines


def parse_article(text: str, source: str = "<article>") -> Article:
    """Parse the article's text (already decoded)."""
    lines = normalise_lines(text)
    if not lines:
        raise BuildError(source, "the article is empty", "restore the article text (title line, then paragraphs)")
    title_line, body = lines[0], lines[1:]
    body, rubrics, tags = _split_footer(body)
    body, dropped = _drop_repeated_copy(body)
    title, subtitle = _split_title(title_line)
    blocks = tuple(Block(_classify(line), line, number) for number, line in enumerate(body, start=2))
    _check_recognisable(blocks, source)
    return Article(
        title=title,
        subtitle=subtitle,
        blocks=blocks,
        rubrics=rubrics,
        tags=tags,
        dropped_duplicate_lines=dropped,
        source=source,
    )


def _split_title(line: str) -> tuple[str, str]:
    """The first line is "Title? Subtitle": split after the first sentence mark."""
    match = re.match(r"^(?P<title>.+?[?!.])\s+(?P<subtitle>\S.*)$", line)
    if not match:
        return line, ""
    return match["title"], match["subtitle"]


def _split_footer(lines: list[str]) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """Peel the site footer off the end; keep rubric and tags as metadata."""
    rubrics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    while lines:
        last = lines[-1]
        if m := RUBRIC.match(last):
            rubrics = tuple(p.strip() for p in m["value"].split("/") if p.strip())
        elif (m := VIEWS_AND_TAGS.match(last)) or (m := TAGS.match(last)):
            if m["tags"]:
                tags = tuple(t.strip() for t in m["tags"].split(",") if t.strip())
        elif not LEAVE_COMMENT.match(last):
            break
        lines = lines[:-1]
    return lines, rubrics, tags


def _drop_repeated_copy(lines: list[str]) -> tuple[list[str], int]:
    """Drop a tail that repeats the body from its start (the scraper printed it twice).

    The smallest cut wins where the tail equals the same number of lines from the
    start, so a complete second copy, or a truncated one, is removed.
    """
    n = len(lines)
    for cut in range((n + 1) // 2, n - MIN_REPEAT_LINES + 1):
        tail = lines[cut:]
        if tail == lines[: len(tail)]:
            return lines[:cut], len(tail)
    return lines, 0


def _classify(line: str) -> BlockKind:
    short = len(line) <= HEADING_MAX_CHARS and len(line.split()) <= HEADING_MAX_WORDS
    return "heading" if short and not line.endswith(SENTENCE_END) else "paragraph"


def _check_recognisable(blocks: tuple[Block, ...], source: str) -> None:
    headings = sum(b.kind == "heading" for b in blocks)
    paragraphs = len(blocks) - headings
    if headings == 0 or paragraphs == 0:
        raise BuildError(
            source,
            f"structure not recognised: {headings} heading(s) and {paragraphs} paragraph(s) after the title",
            "the article needs a title line, paragraphs, and short headings without final punctuation "
            "on lines of their own",
        )
