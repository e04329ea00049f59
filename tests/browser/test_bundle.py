"""The offline bundle, unzipped and opened from file:// in Chromium with no flags
beyond the project's quiet ones: guide pages in both languages, the language
switcher, search per language, the self-assessment's verdicts from Python, every
request to file:, data: or blob: only, and no console errors."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from scripts.errors import BuildError
from scripts.publish.bundle import NAME, make_bundle
from scripts.publish.postbuild import page_ids

from .helpers import submit, watch

ROOT = Path(__file__).resolve().parents[2]
VECTORS = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))
PREFIX = {"ru": "", "en": "en/"}
PAGES = ["", "recognize/", "part-ways/", "quiz/"]
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
    assert f"{NAME}/index.html" in names and f"{NAME}/en/index.html" in names
    # No source maps, sitemaps or loose runtime files: the runtime is embedded once.
    assert not [n for n in names if n.endswith((".map", ".wasm", ".whl", "sitemap.xml", "search_index.json"))]
    assert bundle_zip.stat().st_size <= 10_000_000


def test_without_a_built_site_the_error_names_make_build(tmp_path: Path):
    with pytest.raises(BuildError, match="make build"):
        make_bundle(tmp_path / "site", tmp_path / "dist")
    assert not (tmp_path / "dist" / f"{NAME}.zip").exists()


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("path", PAGES)
def test_page_opens_from_file_with_working_links(page: Page, bundle: Path, lang, path):
    traffic = watch(page, "file://")
    page.goto(url(bundle, PREFIX[lang] + path))
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.wait_for_load_state("networkidle")
    # Every link on the page (navigation, switcher, logo, prev/next) names a file
    # the bundle holds: file:// shows a folder listing, not its index.html.
    hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
    local = [h for h in hrefs if urlsplit(h).scheme == "file"]
    assert local, "no links on the page"
    for href in local:
        assert local_file(href).is_file(), href
    assert foreign(traffic.requests) == []
    assert traffic.errors == []


@pytest.mark.parametrize(
    ("start", "target", "lang_label"),
    [
        ("recognize/", "en/recognize/", "English"),
        ("en/part-ways/", "part-ways/", "Русский"),
        ("", "en/", "English"),
        ("en/", "", "Русский"),
        ("quiz/", "en/quiz/", "English"),
    ],
)
def test_language_switcher_lands_on_the_counterpart_page(page: Page, bundle: Path, start, target, lang_label):
    page.goto(url(bundle, start))
    page.locator(".md-header__option .md-select").first.hover()
    page.get_by_role("link", name=lang_label).first.click()
    page.wait_for_url(url(bundle, target))
    expect(page.locator("html")).to_have_attribute("lang", "en" if target.startswith("en/") else "ru")
    expect(page.locator("h1").first).to_be_visible()


def search(page: Page, start: str, query: str) -> list[str]:
    """Search as a shared search link does (?q=…): Material runs the query as soon as
    its index (search_index.js on file://) is loaded, with no typing race."""
    page.goto(f"{start}?q={query}")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"\d|No matching|Совпад|совпад|найден"), timeout=30_000)
    links = page.locator(".md-search-result__item > a")
    return links.evaluate_all("as => as.map(a => a.href)")


@pytest.mark.parametrize(
    ("lang", "query", "other", "expected_page"),
    [
        ("ru", "расписанию", "invoices", "recognize"),
        ("ru", "письменном", "writing", "part-ways"),
        ("en", "invoices", "расписанию", "recognize"),
        ("en", "writing", "письменном", "part-ways"),
    ],
)
def test_search_works_offline_in_the_readers_language(page: Page, bundle: Path, lang, query, other, expected_page):
    traffic = watch(page, "file://")
    hrefs = search(page, url(bundle, PREFIX[lang] + "recognize/"), query)
    assert hrefs, f"no results for {query!r}"
    home = bundle / PREFIX[lang]
    for href in hrefs:
        file = local_file(href)
        # A result opens a page of this language, as a file (not a folder).
        assert file.is_file() and file.name == "index.html", href
        assert file.is_relative_to(home) and (lang == "en") == file.is_relative_to(bundle / "en"), href
    assert any(local_file(h).parent.name == expected_page for h in hrefs), hrefs
    assert search(page, url(bundle, PREFIX[lang]), other) == []  # the other language is not in this index
    assert foreign(traffic.requests) == []
    assert traffic.errors == []


@pytest.mark.parametrize("lang", PREFIX)
def test_assessment_gives_the_engines_verdicts_offline(page: Page, bundle: Path, lang):
    traffic = watch(page, "file://")
    page.goto(url(bundle, PREFIX[lang] + "quiz/"))
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
            assert file.name == "index.html" and file.is_relative_to(bundle / "en") == (lang == "en"), href
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
