"""The site's languages: content/translations/languages.toml, read once per build.

Every stage that needs to know the languages asks this module instead of writing
"ru"/"en" itself: the pages generated per language, mkdocs-static-i18n's
``languages``, the URL prefixes, the quiz and embed pages, the search split, the
hreflang alternates. Adding a language is one line in that file plus its PO folder.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError

#: What mkdocs-static-i18n accepts as a locale (ISO 639-1, optionally with a region):
#: e.g. "en", "pt-BR", "en-XA" (the pseudo-locale the tests build).
_CODE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2,4})?$")
#: The source language: the article's (content/article.ru.txt), the msgids of every
#: catalogue. languages.toml lists it first; its pages are at the site's root and
#: every other language's one folder down (<code>/).
SOURCE = "ru"
#: The PO files every translated language has, one per kind of source.
CATALOGUES = ("guide", "quiz", "draft", "site", "pages")


@dataclass(frozen=True)
class Language:
    code: str
    prefix: str  # URL folder of its pages: "" for the source language, else "<code>/"
    catalogues: Path | None  # folder of its PO files; None for the source language
    material: str  # the theme's UI language (Material translates its own strings)
    folder: Path  # its folder of language data: PO files (none for the source language), you.txt
    # Typography the build applies to text it composes around translations (the end of
    # a list): US English puts a period inside closing quotation marks.
    period_inside_quotes: bool = False

    @property
    def you_file(self) -> Path:
        """Its forms of "you", which the drafter's check marks (quiz.you_check.read_forms)."""
        return self.folder / "you.txt"

    @property
    def is_source(self) -> bool:
        return self.catalogues is None

    def po(self, kind: str) -> Path:
        """One of its PO files, e.g. ``po("quiz")`` → content/translations/en/quiz.po."""
        if self.catalogues is None:
            raise ValueError(f"{self.code} is the source language: it has no catalogue")
        return self.catalogues / f"{kind}.po"

    def depth(self) -> int:
        """How many folders its pages sit below the site's pages of the source language."""
        return self.prefix.count("/")


@dataclass(frozen=True)
class Languages:
    all: tuple[Language, ...]
    file: Path

    @property
    def source(self) -> Language:
        return self.all[0]

    @property
    def translated(self) -> tuple[Language, ...]:
        return self.all[1:]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.all)

    def __iter__(self) -> Iterator[Language]:
        return iter(self.all)

    def __getitem__(self, code: str) -> Language:
        for lang in self.all:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def of_path(self, rel: str) -> Language:
        """The language of a built file or URL path relative to the site root
        ("en/quiz/index.html" → en, "quiz/" → the source language)."""
        first = rel.split("/", 1)[0]
        for lang in self.translated:
            if first + "/" == lang.prefix:
                return lang
        return self.source

    def neutral(self, rel: str) -> str:
        """The same path without its language folder ("en/quiz/" → "quiz/")."""
        return rel[len(self.of_path(rel).prefix) :]


def load(file: Path) -> Languages:
    """Read and check the languages file; a bad one fails naming the entry and the fix."""
    if not file.exists():
        raise BuildError(file, "the languages file is missing", "restore content/translations/languages.toml from git")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise BuildError(file, f"not valid TOML: {e}", "fix the syntax at the line shown") from None
    entries = data.get("languages")
    if not isinstance(entries, list) or len(entries) < 1:
        raise BuildError(file, "no `languages = [...]` list", 'list the source language first, e.g. { code = "ru" }')
    langs: list[Language] = []
    for i, entry in enumerate(entries):
        code = entry.get("code") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not _CODE.match(code):
            raise BuildError(
                file,
                f"languages[{i}]: code {code!r} is not a language code",
                'use an ISO 639-1 code, optionally with a region: "en", "pt-BR"',
            )
        if code in (lang.code for lang in langs):
            raise BuildError(file, f"languages[{i}]: '{code}' is listed twice", "list each language once")
        unknown = set(entry) - {"code", "catalogues", "material", "period_inside_quotes"}
        if unknown:
            raise BuildError(
                file,
                f"languages[{i}] ('{code}'): unknown key(s) {sorted(unknown)}",
                "use only code, catalogues, material and period_inside_quotes",
            )
        if not isinstance(entry.get("period_inside_quotes", False), bool):
            raise BuildError(file, f"languages[{i}] ('{code}'): period_inside_quotes must be true or false", "")
        source = not langs
        if source and code != SOURCE:
            raise BuildError(
                file,
                f"languages[0] is '{code}', not the source language '{SOURCE}'",
                f'list {{ code = "{SOURCE}" }} first: the article and every msgid are in it',
            )
        folder = (file.parent / entry.get("catalogues", code)).resolve()
        if not source and not folder.is_dir():
            raise BuildError(
                file,
                f"languages[{i}] ('{code}'): no catalogue folder {folder}",
                "run `make catalog` to create it, then translate its PO files",
            )
        prefix, catalogues = ("", None) if source else (f"{code}/", folder)
        quotes = entry.get("period_inside_quotes", False)
        langs.append(Language(code, prefix, catalogues, entry.get("material", code), folder, quotes))
    return Languages(tuple(langs), file)
