"""The article as received and the ways a copy of it may differ (line endings, a BOM,
spaces, one copy of the body instead of two): each must give the same article
(tests/guide/test_article.py) and the same built pages (tests/test_build.py)."""

from __future__ import annotations

from collections.abc import Callable

from scripts.paths import ROOT

ARTICLE = ROOT / "content" / "article.ru.txt"
RAW = ARTICLE.read_bytes()
TEXT = RAW.decode("utf-8")


def single_copy(text: str) -> str:
    """The article with its repeated body left out (the received file holds it twice)."""
    lines = text.split("\n")
    return "\n".join(lines[:24] + lines[47:])


VARIANTS: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "bom": lambda t: "\ufeff" + t,
    "trailing-spaces": lambda t: t.replace("\n", "  \n"),
    "doubled-spaces": lambda t: t.replace(" ", "  "),
    "no-duplicate": single_copy,
    "all-at-once": lambda t: "\ufeff" + single_copy(t).replace(" ", "  ").replace("\n", " \r\n"),
}
