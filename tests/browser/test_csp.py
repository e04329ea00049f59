"""The Content-Security-Policy in Chromium, on the built site: every page of every
language (the self-assessment with its engine ready and a result given, the embed
views, the 404 page) runs with zero policy violations and zero console errors;
search, the language switcher and the colour toggle still work; a script
injected into a page is blocked and reported. The offline variant is checked on
file:// in the real offline bundle (scripts/products/bundle.py, as `make bundle` makes it).
The policy is the same in every language: the checks beyond "every page" run on a
page or two, in the source language and a translated one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scripts.paths import ROOT
from tests.site import LANGS, SITE, SOURCE, TRANSLATED

from .helpers import SEARCH_WORDS, switch_language, watch

VECTORS = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))
READY = 40_000  # ms; ~3 s here, cold
OTHER = TRANSLATED[0]  # a translated language: its pages one folder down

# Runs in every frame before the page's own scripts (the iframe-worker shim's
# frames included): keeps each violation the browser reports.
RECORD = """
window.__csp = [];
window.__NativeWorker = window.Worker;  // the iframe-worker shim replaces Worker on file://
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber}));
"""
VIOLATIONS = "() => window.__csp"
WASM = (
    "async () => { try { await WebAssembly.compile(new Uint8Array([0,97,115,109,1,0,0,0])); return 'compiled' }"
    " catch (e) { return e.name } }"
)


@pytest.fixture
def csp_page(page: Page) -> Page:
    page.add_init_script(RECORD)
    return page


def answer(page: Page, answers: dict[str, str]) -> None:
    for question, option in answers.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()
    page.locator("form#assessment button[type=submit]").click()


def test_every_built_page_runs_with_no_violation_or_console_error(csp_page: Page, site_url, built_site):
    page = csp_page
    traffic = watch(page, site_url)
    visited = []
    for file in sorted(built_site.rglob("*.html")):
        rel = file.relative_to(built_site).as_posix()
        url = f"{site_url}/{rel.removesuffix('index.html')}"
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if page.locator("form#assessment").count():
            # The self-assessment: Python up in the worker, then a real result.
            expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
            vector = VECTORS[0]
            answer(page, vector["answers"])
            expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", vector["expected"]["verdict"])
        else:
            # Material's bundle ran (it marks <html> and renders the search dialog).
            expect(page.locator("html")).to_have_class("js-focus-visible js")
        assert page.evaluate(VIOLATIONS) == [], rel
        assert traffic.errors == [], rel
        visited.append(rel)
    assert {SITE.file(lang, page.id) for lang in LANGS for page in SITE} | {"404.html"} <= set(visited)


@pytest.mark.parametrize("path", [SITE.url(OTHER, "recognize"), SITE.url(SOURCE, "quiz")])
def test_an_injected_script_is_blocked_and_reported(csp_page: Page, site_url, path):
    page = csp_page
    page.goto(f"{site_url}/{path}")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__pwned = true';
        document.body.append(s);
        document.body.insertAdjacentHTML('beforeend', '<img src="missing.png" onerror="window.__pwned2 = true">');
    }""")
    page.wait_for_function("() => window.__csp.length >= 2")
    assert page.evaluate("[window.__pwned, window.__pwned2]") == [None, None]
    directives = sorted(v["directive"] for v in page.evaluate(VIOLATIONS))
    assert directives == ["script-src-attr", "script-src-elem"]


def test_eval_is_blocked_even_for_the_sites_own_scripts(csp_page: Page, site_url):
    page = csp_page
    # A script from the site's own origin (served here by the test) that tries eval.
    probe = f"{site_url}/assets/csp-probe.js"
    page.route(
        probe,
        lambda route: route.fulfill(
            content_type="text/javascript",
            body="try { eval('1'); window.__eval = 'ran' } catch (e) { window.__eval = e.name }",
        ),
    )
    page.goto(f"{site_url}/{SITE.url(OTHER, 'recognize')}")
    page.evaluate(f"() => {{ const s = document.createElement('script'); s.src = {probe!r}; document.body.append(s) }}")
    page.wait_for_function("() => window.__eval !== undefined")
    assert page.evaluate("window.__eval") == "EvalError"
    assert [v["directive"] for v in page.evaluate(VIOLATIONS)] == ["script-src"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (SITE.url(OTHER, "recognize"), "CompileError"),
        (SITE.url(SOURCE, "home"), "CompileError"),
        (SITE.url(SOURCE, "quiz"), "compiled"),
        (SITE.url(OTHER, "quiz"), "compiled"),
    ],
)
def test_only_the_self_assessment_may_compile_webassembly(csp_page: Page, site_url, path, expected):
    csp_page.goto(f"{site_url}/{path}")
    assert csp_page.evaluate(WASM) == expected


@pytest.mark.parametrize("lang", [SOURCE, OTHER])
def test_search_still_works(csp_page: Page, site_url, lang):
    page = csp_page
    traffic = watch(page, site_url)
    query, page_id = SEARCH_WORDS[lang][0]
    page.goto(f"{site_url}/{SITE.url(lang, 'part-ways')}?q={query}")
    links = page.locator(".md-search-result__item > a")
    expect(links.first).to_be_attached(timeout=15000)
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert any(f"/{SITE.url(lang, page_id)}?" in href for href in hrefs), hrefs
    assert page.evaluate(VIOLATIONS) == [] and traffic.errors == []


def test_language_switcher_and_palette_toggle_still_work(csp_page: Page, site_url):
    page = csp_page
    traffic = watch(page, site_url)
    page.goto(f"{site_url}/{SITE.url(SOURCE, 'recognize')}")
    switch_language(page, OTHER)
    page.wait_for_url(f"{site_url}/{SITE.url(OTHER, 'recognize')}")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", before or "")
    # The choice is kept (Material's palette key in localStorage) and applied on the
    # next page by the inline script the policy allows by hash.
    after = page.locator("body").get_attribute("data-md-color-scheme")
    page.goto(f"{site_url}/{SITE.url(OTHER, 'part-ways')}")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", after or "")
    assert page.evaluate(VIOLATIONS) == [] and traffic.errors == []


# ---- file:// (the offline variant) ----------------------------------------------------


@pytest.fixture(scope="module")
def offline_site(offline_bundle: Path) -> Path:
    """The real offline bundle (tests/conftest.py: scripts/products/bundle.py's
    make_bundle, zipped and unzipped), with the offline policy it ships."""
    return offline_bundle


@pytest.mark.parametrize(("lang", "start"), [(SOURCE, "recognize"), (OTHER, "part-ways")])
def test_offline_search_runs_through_the_iframe_worker_shim(csp_page: Page, offline_site, lang, start):
    page = csp_page
    query, page_id = SEARCH_WORDS[lang][0]
    page.goto(f"{offline_site.as_uri()}/{SITE.file(lang, start)}?q={query}")
    links = page.locator(".md-search-result__item > a")
    expect(links.first).to_be_attached(timeout=15000)
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert any(f"/{SITE.file(lang, page_id)}" in href for href in hrefs), hrefs
    assert page.evaluate(VIOLATIONS) == []


BLOB_WORKER = """async () => {
  // What the offline engine needs: a worker from a blob: URL (Chromium, measured: a
  // file:// page starts only classic workers from blob:, and the worker can import
  // only blob: URLs it made itself), a module imported from a blob: URL, WebAssembly.
  const source = `const module = URL.createObjectURL(new Blob(["export const ok = 1"], {type: "text/javascript"}));
    import(module).then(async m => {
      let wasm; try { await WebAssembly.compile(new Uint8Array([0,97,115,109,1,0,0,0])); wasm = 'compiled' }
      catch (e) { wasm = e.name }
      postMessage({imported: m.ok, wasm}) }, e => postMessage({error: String(e)}))`;
  const worker = new __NativeWorker(URL.createObjectURL(new Blob([source], {type: "text/javascript"})));
  return await new Promise(resolve => {
    worker.onmessage = e => resolve(e.data); worker.onerror = () => resolve('failed') });
}"""


@pytest.mark.parametrize(
    ("page_path", "wasm"),
    [
        (SITE.file(SOURCE, "quiz"), "compiled"),
        (SITE.file(OTHER, "quiz"), "compiled"),
        (SITE.file(OTHER, "recognize"), "CompileError"),
    ],
)
def test_offline_blob_worker_imports_modules_and_only_quiz_pages_compile_wasm(
    csp_page: Page, offline_site, page_path, wasm
):
    page = csp_page
    page.goto(f"{offline_site.as_uri()}/{page_path}")
    assert page.evaluate(BLOB_WORKER) == {"imported": 1, "wasm": wasm}


def test_offline_page_still_blocks_injected_scripts(csp_page: Page, offline_site):
    page = csp_page
    page.goto(f"{offline_site.as_uri()}/{SITE.file(OTHER, 'recognize')}")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';"
        " document.body.append(s) }"
    )
    page.wait_for_function("() => window.__csp.length >= 1")
    assert page.evaluate("window.__pwned") is None
    assert [v["directive"] for v in page.evaluate(VIOLATIONS)] == ["script-src-elem"]
