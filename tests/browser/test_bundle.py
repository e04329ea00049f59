"""The offline bundle, unzipped and opened from file:// in Chromium with no flags
beyond the project's quiet ones: guide pages in every language, the language
switcher, search per language, the self-assessment's verdicts from Python, every
request to file:, data: or blob: only, and no console errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from scripts.errors import BuildError
from scripts.paths import ROOT
from scripts.products.bundle import NAME, make_bundle
from scripts.publish.postbuild import page_ids
from tests.site import GUIDE_PAGES, LANGS, SITE, SOURCE, lang_of, next_lang

from .helpers import SEARCH_WORDS, search, submit, switch_language, watch

VECTORS = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))
READY = 90_000  # ms; a few seconds here, more on a busy machine
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


@pytest.fixture(scope="module")
def bundle_zip(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bundle(built_site, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def bundle(bundle_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unpacked as a reader would, somewhere else than where it was made."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(target)
    return target / NAME


def url(bundle: Path, path: str) -> str:
    return (bundle / path / "index.html").as_uri() if not path.endswith(".html") else (bundle / path).as_uri()


def local_file(href: str) -> Path:
    parts = urlsplit(href)
    assert parts.scheme == "file", href
    return Path(unquote(parts.path))


def foreign(requests: list[str]) -> list[str]:
    return [u for u in requests if urlsplit(u).scheme not in LOCAL_SCHEMES]


def test_zip_holds_one_folder_and_stays_within_budget(bundle_zip: Path):
    with zipfile.ZipFile(bundle_zip) as archive:
        names = archive.namelist()
    assert {n.split("/")[0] for n in names} == {NAME}
    assert {f"{NAME}/{SITE.file(lang, page)}" for lang in LANGS for page in GUIDE_PAGES} <= set(names)
    # No source maps, sitemaps or loose runtime files: the runtime is embedded once.
    assert not [n for n in names if n.endswith((".map", ".wasm", ".whl", "sitemap.xml", "search_index.json"))]
    assert bundle_zip.stat().st_size <= 10_000_000


def test_without_a_built_site_the_error_names_make_build(tmp_path: Path):
    with pytest.raises(BuildError, match="make build"):
        make_bundle(tmp_path / "site", tmp_path / "dist")
    assert not (tmp_path / "dist" / f"{NAME}.zip").exists()


def bundle_lang(bundle: Path, href: str) -> str:
    """The language of a page of the bundle, from its file."""
    return lang_of(local_file(href).relative_to(bundle).as_posix())


@pytest.mark.parametrize("lang", LANGS)
def test_pages_open_from_file_with_working_links(page: Page, bundle: Path, lang):
    traffic = watch(page, "file://")
    for page_id in GUIDE_PAGES:
        page.goto(url(bundle, SITE.url(lang, page_id)))
        expect(page.locator("h1").first).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        page.wait_for_load_state("networkidle")
        # Every link on the page (navigation, switcher, logo, prev/next) names a file
        # the bundle holds: file:// shows a folder listing, not its index.html.
        hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
        local = [h for h in hrefs if urlsplit(h).scheme == "file"]
        assert local, f"no links on {page_id}"
        for href in local:
            assert local_file(href).is_file(), (page_id, href)
    assert foreign(traffic.requests) == []
    assert traffic.errors == []


@pytest.mark.parametrize("page_id", ["recognize", "home", "quiz"])
def test_language_switcher_lands_on_the_counterpart_page(page: Page, bundle: Path, page_id):
    """Round the switcher from the source language through every other and back."""
    page.goto(url(bundle, SITE.url(SOURCE, page_id)))
    lang = SOURCE
    for _ in LANGS:
        lang = next_lang(lang)
        switch_language(page, lang)
        page.wait_for_url(url(bundle, SITE.url(lang, page_id)))
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("h1").first).to_be_visible()
    assert lang == SOURCE


@pytest.mark.parametrize("lang", LANGS)
def test_search_works_offline_in_the_readers_language(page: Page, bundle: Path, lang):
    traffic = watch(page, "file://")
    query, page_id = SEARCH_WORDS[lang][0]
    hrefs = search(page, url(bundle, SITE.url(lang, "part-ways")), query, timeout=30_000)
    assert hrefs, f"no results for {query!r}"
    for href in hrefs:
        file = local_file(href)
        # A result opens a page of this language, as a file (not a folder).
        assert file.is_file() and file.name == "index.html", href
        assert bundle_lang(bundle, href) == lang, href
    assert bundle / SITE.file(lang, page_id) in [local_file(h) for h in hrefs], hrefs
    other, _ = SEARCH_WORDS[next_lang(lang)][0]
    assert search(page, url(bundle, SITE.url(lang, "home")), other, timeout=30_000) == []  # not in this index
    assert foreign(traffic.requests) == []
    assert traffic.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_assessment_gives_the_engines_verdicts_offline(page: Page, bundle: Path, lang):
    traffic = watch(page, "file://")
    page.goto(url(bundle, SITE.url(lang, "quiz")))
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    result = page.locator("#quiz-result")
    verdicts = set()
    for vector in VECTORS:
        submit(page, vector["answers"])
        expect(result).to_have_attribute("data-verdict", vector["expected"]["verdict"])
        verdicts.add(vector["expected"]["verdict"])
        hrefs = result.locator(".pk-quiz__plan a").evaluate_all("as => as.map(a => a.href)")
        assert [h.split("#")[1] for h in hrefs] == vector["expected"]["plan"], vector["name"]
        flagged = result.locator(".pk-quiz__flagged [data-sign]").evaluate_all("ls => ls.map(l => l.dataset.sign)")
        assert flagged == vector["expected"]["flagged"]
        # Result links open a page file of the reader's language holding the section.
        for href in hrefs:
            file, anchor = local_file(href.split("#")[0]), href.split("#")[1]
            assert file.name == "index.html" and bundle_lang(bundle, href) == lang, href
            assert anchor in page_ids(file), href
    assert verdicts == {"keep", "last-attempt", "part-ways"}
    # Following a plan link from file:// lands on the section.
    first = result.locator(".pk-quiz__plan a").first
    anchor = (first.get_attribute("href") or "").split("#")[1]
    first.click()
    expect(page.locator(f"[id='{anchor}']")).to_be_attached()
    assert local_file(page.url.split("#")[0]).is_file()
    assert foreign(traffic.requests) == []
    assert traffic.errors == []
