"""The guide in Chromium: pages, language switcher, search, privacy, accessibility."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import watch

PAGES = ["", "recognize/", "part-ways/", "quiz/"]
LANGS = {"ru": "", "en": "en/"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_with_no_foreign_requests_or_console_errors(page: Page, site_url, lang, path):
    traffic = watch(page, site_url)
    page.goto(f"{site_url}/{LANGS[lang]}{path}")
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert traffic.off_origin == []
    assert traffic.errors == []


@pytest.mark.parametrize(
    ("start", "target", "lang_label"),
    [
        ("recognize/", "en/recognize/", "English"),
        ("en/part-ways/", "part-ways/", "Русский"),
        ("", "en/", "English"),
        ("en/", "", "Русский"),
    ],
)
def test_language_switcher_lands_on_the_counterpart_page(page: Page, site_url, start, target, lang_label):
    page.goto(f"{site_url}/{start}")
    page.locator(".md-header__option .md-select").first.hover()
    page.get_by_role("link", name=lang_label).first.click()
    page.wait_for_url(f"{site_url}/{target}")
    expect(page.locator("html")).to_have_attribute("lang", "en" if target.startswith("en/") else "ru")


@pytest.mark.parametrize("lang", LANGS)
def test_the_switcher_names_each_language_in_that_language(page: Page, site_url, lang):
    """Each switcher link carries the language it names ("Русский" on an English page
    is Russian text), so it is read in that language (scripts/publish/postbuild.py)."""
    page.goto(f"{site_url}/{LANGS[lang]}recognize/")
    links = page.locator(".md-header a.md-select__link").evaluate_all("as => as.map(a => [a.hreflang, a.lang])")
    assert [code for code, _ in links] == list(LANGS)
    assert all(marked == code for code, marked in links), links


def search(page: Page, url: str, query: str) -> list[str]:
    """Search as a shared search link does (?q=…): Material fills the box, opens the
    dialog and runs the query as soon as its index is loaded, with no typing race."""
    page.goto(f"{url}?q={query}")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"\d|No matching|Совпад|совпад|найден"), timeout=15000)
    return _result_links(page)


def _result_links(page: Page) -> list[str]:
    links = page.locator(".md-search-result__item > a")
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


@pytest.mark.parametrize(
    ("lang", "query", "expected_path"),
    [
        ("ru", "расписанию", "/recognize/"),
        ("ru", "письменном", "/part-ways/"),
        ("ru", "токсичного", "/recognize/"),
        ("en", "invoices", "/en/recognize/"),
        ("en", "writing", "/en/part-ways/"),
        ("en", "perspective", "/en/recognize/"),
    ],
)
def test_search_finds_the_right_page_in_the_readers_language(page: Page, site_url, lang, query, expected_path):
    hrefs = search(page, f"{site_url}/{LANGS[lang]}recognize/", query)
    assert hrefs, f"no results for {query!r}"
    assert any(expected_path in h for h in hrefs), hrefs
    in_english = ["/en/" in h for h in hrefs]
    assert all(in_english) if lang == "en" else not any(in_english), hrefs


def test_russian_search_ranks_by_the_content_words_and_loads_no_language_file(page: Page, site_url):
    # lunr's own pipeline serves Russian too (scripts/publish/postbuild.py says why): a
    # preposition in the query does not drown the word that matters, and no
    # lunr language file (14 KB) is loaded.
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    hrefs = search(page, f"{site_url}/recognize/", "с клиентом")
    assert hrefs and "/part-ways/" in hrefs[0], hrefs
    assert not [url for url in requests if "/javascripts/lunr/" in url]
    # The questionnaire itself is not indexed: its hand-scoring table's
    # "Стоп-сигнал" column, on no other page, finds nothing.
    assert search(page, f"{site_url}/recognize/", "сигнал") == []


@pytest.mark.parametrize(("lang", "own", "other"), [("ru", "расписанию", "invoices"), ("en", "invoices", "расписанию")])
def test_search_does_not_show_the_other_language(page: Page, site_url, lang, own, other):
    assert search(page, f"{site_url}/{LANGS[lang]}", own)  # the index works...
    assert search(page, f"{site_url}/{LANGS[lang]}", other) == []  # ...and holds only this language


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(page: Page, site_url, lang, path):
    page.goto(f"{site_url}/{LANGS[lang]}{path}")
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_dark_palette_toggle_works_and_only_a_chosen_scheme_is_stored(page: Page, site_url):
    page.goto(f"{site_url}/en/recognize/")
    # Reading a page stores nothing (the contract: storage only when the reader asks).
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", before or "")
    # The reader's choice is kept, and only that.
    assert page.evaluate("() => Object.keys(localStorage)") == ["/.__palette"]
    after = page.locator("body").get_attribute("data-md-color-scheme")
    page.goto(f"{site_url}/part-ways/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", after or "")
