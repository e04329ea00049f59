"""The guide in Chromium, in every language: pages, language switcher, search,
privacy, accessibility."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.site import GUIDE_PAGES, LANGS, SITE, SOURCE, lang_of, next_lang

from .helpers import SEARCH_WORDS as WORDS
from .helpers import search, switch_language, watch


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_id", GUIDE_PAGES)
def test_page_renders_privately_and_axe_finds_no_violations(page: Page, site_url, lang, page_id):
    traffic = watch(page, site_url)
    page.goto(f"{site_url}/{SITE.url(lang, page_id)}")
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.wait_for_load_state("networkidle")
    assert traffic.off_origin == []
    assert traffic.errors == []
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("page_id", ["recognize", "home"])
def test_language_switcher_lands_on_the_counterpart_page(page: Page, site_url, page_id):
    """Round the switcher from the source language through every other and back: each
    step lands on the same page in the language picked, from and to every language."""
    page.goto(f"{site_url}/{SITE.url(SOURCE, page_id)}")
    lang = SOURCE
    for _ in LANGS:
        lang = next_lang(lang)
        switch_language(page, lang)
        page.wait_for_url(f"{site_url}/{SITE.url(lang, page_id)}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
    assert lang == SOURCE


@pytest.mark.parametrize("lang", LANGS)
def test_the_switcher_names_each_language_in_that_language(page: Page, site_url, lang):
    """Each switcher link carries the language it names ("Русский" on an English page
    is Russian text), so it is read in that language (scripts/publish/postbuild.py)."""
    page.goto(f"{site_url}/{SITE.url(lang, 'recognize')}")
    links = page.locator(".md-header a.md-select__link").evaluate_all("as => as.map(a => [a.hreflang, a.lang])")
    assert [code for code, _ in links] == list(LANGS)
    assert all(marked == code for code, marked in links), links


SEARCHES = [(lang, i) for lang in LANGS for i in range(len(WORDS[lang]))]


def lang_of_result(href: str) -> str:
    return lang_of(urlsplit(href).path.removeprefix("/"))


@pytest.mark.parametrize(("lang", "i"), SEARCHES, ids=[f"{lang}-{WORDS[lang][i][0]}" for lang, i in SEARCHES])
def test_search_finds_the_right_page_in_the_readers_language_and_no_other(page: Page, site_url, lang, i):
    query, page_id = WORDS[lang][i]
    hrefs = search(page, f"{site_url}/{SITE.url(lang, 'recognize')}", query)
    assert hrefs, f"no results for {query!r}"
    assert "/" + SITE.url(lang, page_id) in [urlsplit(h).path for h in hrefs], hrefs
    assert {lang_of_result(h) for h in hrefs} == {lang}, hrefs
    # A word of another language's pages is not in this language's index.
    other, _ = WORDS[next_lang(lang)][i]
    assert search(page, f"{site_url}/{SITE.url(lang, 'recognize')}", other) == [], other


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
