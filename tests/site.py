"""The site map, for tests: which languages and pages the site has and at which address
(scripts/i18n/sitemap.py, read from the sources as the build reads them).

Read once, at import, so that tests can parametrize over it at collection time
(``@pytest.mark.parametrize("lang", LANGS)``); the session fixture ``site_map``
(tests/conftest.py) is the same object, for tests that take it as an argument.
No test names a language, a page or a URL prefix itself: a language added to
content/translations/languages.toml is tested with no change here.

Which tests take every language and which take one (the source) is issue 22's rule:
every language where the behaviour is the language's (its texts, its links and
addresses, its search, its switcher, axe on its pages, its downloads), one where it
is not (keyboard order, markup staying text, the engine's wiring, privacy mechanics).
"""

from __future__ import annotations

from scripts.i18n import sitemap
from scripts.paths import Paths

SITE = sitemap.load(Paths())
#: Every language, the source first (the switcher's order).
LANGS: tuple[str, ...] = SITE.codes
#: The source language: the one a language-independent test runs in.
SOURCE: str = SITE.source.code
#: The other languages, each served one folder down (/en/, /uk/).
TRANSLATED: tuple[str, ...] = tuple(code for code in LANGS if code != SOURCE)
#: The pages a reader browses (the guide's and the course page): not the embed view.
READER_PAGES: tuple[str, ...] = tuple(p.id for p in SITE if p.kind != "embed-view")
#: The guide's own pages ("home", "recognize", "part-ways", "quiz").
GUIDE_PAGES: tuple[str, ...] = tuple(p.id for p in SITE if p.kind == "guide")
#: The pages that carry the self-assessment's form: the quiz page and its embed view.
FORM_PAGES: tuple[str, ...] = ("quiz", sitemap.EMBED_VIEW)
#: The hand-written page for course authors (embedding, SCORM, the messages).
COURSE_PAGE: str = SITE.page("embed").id


def lang_of(rel: str) -> str:
    """The language of a site-relative path or file ("uk/quiz/index.html" -> "uk")."""
    return SITE.languages.of_path(rel).code


def next_lang(lang: str) -> str:
    """The language after `lang` in the switcher's order, the last followed by the first:
    walking it from any language visits every language and comes back."""
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)]


def taking_turns(items: list, langs: tuple[str, ...] = LANGS) -> list[tuple]:
    """Each item with one language, the languages taking turns: for a language-independent
    check run once per item, so that every language is still opened somewhere."""
    return [(item, langs[i % len(langs)]) for i, item in enumerate(items)]
