"""Apply the reviewed corrections list (content/corrections.txt) to the article as read.

The article file stays byte-for-byte as received, slips included; the guide shows
the corrected text. Each correction names an exact "before" text that must occur
exactly once in the cleaned article (title, headings, paragraphs), so a correction
can never silently hit the wrong place or outlive the slip it fixes: anything else
fails the build naming the corrections file, the line and the fix, the way a stale
translation does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import BuildError, BuildErrors
from .article import Article

ARROW = " → "
REASON = " | "


@dataclass(frozen=True)
class Correction:
    """One line of the list: replace ``before`` by ``after``, for ``reason``."""

    line: int
    before: str
    after: str
    reason: str

    def __repr__(self) -> str:
        return f"Correction(line {self.line}, {self.before!r} → {self.after!r})"


def read_corrections(path: Path) -> tuple[Correction, ...]:
    """Parse the list; a malformed or duplicate line names its line and the fix."""
    if not path.exists():
        raise BuildError(
            path,
            "the corrections list is missing",
            "restore content/corrections.txt from git (an empty list may hold only comments)",
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise BuildError(path, f"not valid UTF-8 (byte {e.start})", "save the list as UTF-8") from None
    corrections: list[Correction] = []
    errors: list[BuildError] = []
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        before, arrow, rest = line.partition(ARROW)
        after, bar, reason = rest.partition(REASON)
        before, after, reason = _space(before), _space(after), reason.strip()
        if not arrow or not bar or not before or not after or not reason:
            errors.append(
                BuildError(
                    path,
                    f"line {number}: expected 'before → after | reason', found «{line[:60]}»",
                    "write the text as in the article, ' → ', the corrected text, ' | ' and why",
                )
            )
            continue
        if before == after:
            errors.append(
                BuildError(
                    path,
                    f"line {number}: 'before' and 'after' are the same text",
                    "delete the line, or write the corrected text after ' → '",
                )
            )
            continue
        if before in first_seen:
            errors.append(
                BuildError(
                    path,
                    f"line {number}: «{before}» is already corrected on line {first_seen[before]}",
                    "keep one line per slip: merge the two and delete the other",
                )
            )
            continue
        first_seen[before] = number
        corrections.append(Correction(number, before, after, reason))
    _raise(errors)
    return tuple(corrections)


def apply_corrections(article: Article, corrections: tuple[Correction, ...], path: Path) -> Article:
    """The article with every correction applied; every problem is reported at once."""
    texts = [article.title, article.subtitle, *(b.text for b in article.blocks)]
    errors: list[BuildError] = []
    for c in corrections:
        hits = [i for i, t in enumerate(texts) for _ in range(t.count(c.before))]
        if len(hits) == 1:
            i = hits[0]
            texts[i] = texts[i].replace(c.before, c.after)
        elif hits:
            where = ", ".join(sorted({_where(article, i) for i in hits}))
            errors.append(
                BuildError(
                    path,
                    f"line {c.line}: «{c.before}» occurs {len(hits)} times in the article ({where})",
                    "make 'before' longer, so it matches exactly one place",
                )
            )
        elif any(c.after in t for t in texts):
            errors.append(
                BuildError(
                    path,
                    f"line {c.line}: stale: the article no longer contains «{c.before}» and already reads «{c.after}»",
                    "the article was fixed at the source (or by an earlier line): delete this line",
                )
            )
        else:
            errors.append(
                BuildError(
                    path,
                    f"line {c.line}: «{c.before}» is not in the article",
                    "copy 'before' exactly from content/article.ru.txt, or delete the line "
                    "if the article changed; then check the English entry in guide.po",
                )
            )
    _raise(errors)
    blocks = tuple(replace(b, text=t) for b, t in zip(article.blocks, texts[2:], strict=True))
    return replace(article, title=texts[0], subtitle=texts[1], blocks=blocks)


def corrected(article: Article, path: Path) -> Article:
    """Read the list at ``path`` and apply it (the build's one call)."""
    return apply_corrections(article, read_corrections(path), path)


def _where(article: Article, index: int) -> str:
    return "the title line" if index < 2 else f"article line {article.blocks[index - 2].line}"


def _space(text: str) -> str:
    # The article is read with runs of spaces as one (scripts.guide.article); so is the list.
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _raise(errors: list[BuildError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise BuildErrors(errors)
