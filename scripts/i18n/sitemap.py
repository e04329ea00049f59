"""The site map: every page of the site in every language, and where it lives.

Languages × pages × URL prefixes, computed once, here. The languages are
content/translations/languages.toml's (scripts/i18n/languages.py); the pages are the
guide's (scripts/guide/structure.py PAGES), the hand-written ones (content/pages/,
the course page) and the embed view of the self-assessment. Everything that needs
to know "which pages, in which languages, at which address" asks this module: the
CLI's guide links, the SCORM packages, the benchmark, the deploy check and every
test. The build also writes it into the site as ``site-map.json``, so that
``make check-deploy`` (standard library only, run against a deployed site) reads
the same map from the site it checks.

    map = sitemap.load(Paths())
    map.url("en", "quiz")        -> "en/quiz/"
    map.file("en", "quiz-embed") -> "en/quiz/embed/index.html"
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..guide.structure import PAGES as GUIDE_PAGES
from ..paths import Paths
from . import languages, pages
from .languages import Language, Languages

#: Where the build writes the map in the site (read by scripts/deploy/check.py).
FILE = "site-map.json"
#: The page a server shows for any missing address, at any depth.
NOT_FOUND = "404.html"
#: The self-assessment's embed view: the quiz page without the site's chrome, one
#: folder below it (scripts/publish/embed.py writes it from the built quiz page).
EMBED_VIEW = "quiz-embed"
EMBED_DIR = "embed"

PageKind = Literal["guide", "course", "embed-view"]


@dataclass(frozen=True)
class SitePage:
    id: str  # "home", "recognize", "part-ways", "quiz", a hand-written page's slug, "quiz-embed"
    path: str  # below a language's root: "" for the home page, else "<slug>/"
    kind: PageKind  # the guide's, a hand-written page (content/pages/), or the embed view
    indexed: bool = True  # in the sitemap and for search engines (the embed view is noindex)


@dataclass(frozen=True)
class SiteMap:
    languages: Languages
    pages: tuple[SitePage, ...]

    def __iter__(self) -> Iterator[SitePage]:
        return iter(self.pages)

    @property
    def codes(self) -> tuple[str, ...]:
        return self.languages.codes

    @property
    def source(self) -> Language:
        return self.languages.source

    def page(self, page_id: str) -> SitePage:
        for page in self.pages:
            if page.id == page_id:
                return page
        raise KeyError(f"no page {page_id!r} in the site map; pages: {', '.join(p.id for p in self.pages)}")

    def prefix(self, lang: str) -> str:
        """The language's folder below the site root: "" for the source language, else "<code>/"."""
        return self.languages[lang].prefix

    def url(self, lang: str, page_id: str) -> str:
        """The page's address below the site root, e.g. "en/quiz/" ("" for the source home)."""
        return self.prefix(lang) + self.page(page_id).path

    def file(self, lang: str, page_id: str) -> str:
        """The page's file in the built site, e.g. "en/quiz/index.html"."""
        return self.url(lang, page_id) + "index.html"

    def urls(self, *, kinds: tuple[PageKind, ...] | None = None) -> list[str]:
        """Every page's address in every language (language by language, pages in map order)."""
        return [self.url(lang, p.id) for lang in self.codes for p in self.pages if kinds is None or p.kind in kinds]

    def as_json(self) -> dict[str, Any]:
        """What the build writes as site-map.json (version 1)."""
        return {
            "version": 1,
            "source": self.source.code,
            "languages": [{"code": lang.code, "prefix": lang.prefix} for lang in self.languages],
            "pages": [{"id": p.id, "path": p.path, "kind": p.kind, "indexed": p.indexed} for p in self.pages],
            "not_found": NOT_FOUND,
        }


def build(langs: Languages, course_pages: list[str]) -> SiteMap:
    """The map for these languages, the guide's pages and the hand-written pages' slugs."""
    found = [SitePage(slug, "" if slug == "home" else f"{slug}/", "guide") for slug in GUIDE_PAGES]
    found += [SitePage(slug, f"{slug}/", "course") for slug in course_pages]
    quiz = next(p for p in found if p.id == "quiz")
    found.append(SitePage(EMBED_VIEW, f"{quiz.path}{EMBED_DIR}/", "embed-view", indexed=False))
    return SiteMap(langs, tuple(found))


def load(paths: Paths = Paths()) -> SiteMap:
    """The map from the sources: the languages file and the pages (no build needed)."""
    langs = languages.load(paths.languages)
    return build(langs, list(pages.sources(paths.root / "content" / "pages", langs.source.code)))
