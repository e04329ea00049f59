"""The site behind a real nginx with the generated configuration: every header rule
via `make check-deploy` itself, the assessment end to end in Chromium in both
languages (runtime compressed, right types), the embed view framed by a listed
course origin and refused to another, and a bounded wrk load."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from scripts.i18n import languages
from scripts.paths import ROOT, Paths
from scripts.serve import Handler, serving
from tests.browser.helpers import submit, watch
from tests.expect import search
from tests.site import SITE

VECTORS = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))
LANGS = languages.load(Paths().languages)
READY = 40_000  # ms


def check_deploy(url: str, *extra: str) -> subprocess.CompletedProcess:
    """`make check-deploy URL=…`, as a maintainer runs it."""
    args = ["make", "-s", "--no-print-directory", "check-deploy", f"URL={url}", *extra]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_check_deploy_passes_every_rule_under_a_sub_path(subpath_url, course_origin):
    done = check_deploy(subpath_url, f"FRAME_ANCESTORS={course_origin}")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert not [line for line in lines if line.startswith("FAIL")]
    # Every kind of rule was checked, on pages, the runtime and assets.
    for rule in (
        "/quiz/: Content-Security-Policy header",
        "/en/quiz/embed/: CSP frame-ancestors lists the course origins",
        "/recognize/: CSP frame-ancestors 'none'",
        "/en/: Cache-Control no-cache",
        "pyodide.asm.wasm.gz: Content-Type application/wasm",
        "pyodide.asm.wasm.gz: arrives compressed (Content-Encoding)",
        "python_stdlib.zip.gz: cached forever",
        "pyodide.asm.mjs: Content-Type",
        ".whl: cached forever",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
        "Permissions-Policy present",
        "loads nothing from another origin",
        "JavaScript type",
        "pyodide.asm.wasm.gz: no Content-Encoding the client did not offer (Accept-Encoding: identity)",
        "python_stdlib.zip.gz: Vary: Accept-Encoding",
        "/_headers (the hosts' header rules) is not served",
        "/assets/pyodide/ (a folder without a page): 404 with the site's 404 page",
    ):
        assert any(rule in line for line in lines), rule
    # Which encoding the host sends, each way: brotli where the browser takes it.
    info = [line for line in lines if line.startswith("INFO")]
    assert any("pyodide.asm.wasm.gz: br to 'br, gzip', gzip to 'gzip', none to 'identity'" in i for i in info), info
    assert any(re.search(r"the pages' \d+ assets, offered 'br, gzip': \d+ br", i) for i in info), info


def test_check_deploy_passes_at_the_root(root_url):
    done = check_deploy(root_url)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_deploy_fails_a_host_without_the_rules(site_url):
    """The project's own test server sends no headers: check-deploy says which rules fail."""
    done = check_deploy(site_url + "/")
    assert done.returncode != 0, done.stdout  # make exits 2 when the script exits 1
    fails = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    for rule in (
        "Content-Security-Policy header",
        "X-Content-Type-Options: nosniff",
        "cached forever",
        "arrives compressed",
        "Cache-Control no-cache",
        "/_headers (the hosts' header rules) is not served",
    ):
        assert any(rule in line for line in fails), rule
    assert "FAILED" in done.stdout


def test_check_deploy_fails_when_the_course_origins_differ(subpath_url):
    done = check_deploy(subpath_url, "FRAME_ANCESTORS=https://lms.example.edu")
    assert done.returncode != 0
    assert any(
        "frame-ancestors lists the course origins" in line
        for line in done.stdout.splitlines()
        if line.startswith("FAIL")
    )


def test_check_deploy_explains_an_unreachable_site():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/deploy/check.py"), "http://127.0.0.1:9/"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "cannot reach http://127.0.0.1:9/" in done.stderr


@pytest.mark.parametrize("lang", SITE.codes)
def test_assessment_end_to_end_through_nginx(page: Page, subpath_url, lang):
    origin = search(r"^https?://[^/]+", subpath_url).group(0)
    traffic = watch(page, origin)
    runtime = {}

    def record(response):
        if "/assets/pyodide/" in response.url or response.url.endswith(".whl"):
            runtime[response.url.rsplit("/", 1)[1]] = (response.status, response.all_headers())

    page.context.on("response", record)
    page.goto(f"{subpath_url}{SITE.prefix(lang)}quiz/")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    result = page.locator("#quiz-result")
    for vector in VECTORS[:4]:
        submit(page, vector["answers"])
        expect(result).to_have_attribute("data-verdict", vector["expected"]["verdict"])
        hrefs = result.locator(".pk-quiz__plan a").evaluate_all("as => as.map(a => a.href)")
        assert [h.split("#")[1] for h in hrefs] == vector["expected"]["plan"]
        assert all(h.startswith(f"{subpath_url}{SITE.prefix(lang)}") for h in hrefs), hrefs
    assert traffic.off_origin == [] and traffic.errors == []
    # Chromium accepts brotli: the .gz URLs come from their brotli copies.
    wasm = runtime["pyodide.asm.wasm.gz"]
    assert wasm[0] == 200 and wasm[1]["content-type"] == "application/wasm"
    assert wasm[1]["content-encoding"] == "br" and "immutable" in wasm[1]["cache-control"]
    stdlib = runtime["python_stdlib.zip.gz"]
    assert stdlib[1]["content-type"] == "application/zip" and stdlib[1]["content-encoding"] == "br"
    assert runtime["pyodide.mjs"][1]["content-type"].startswith(("text/javascript", "application/javascript"))
    assert runtime["pyodide.asm.mjs"][1]["content-type"].startswith(("text/javascript", "application/javascript"))
    # The host inflated the wasm: the worker handed Pyodide the response itself, to
    # compile as it streams (and for Chromium's code cache), instead of inflating it.
    assert wasm_path(page) == ["parting-kit:wasm-streamed"]


def wasm_path(page: Page) -> list[str]:
    """The user-timing marks the engine worker left on how it loaded the wasm."""
    worker = next(w for w in page.workers if "engine-worker" in w.url)
    return worker.evaluate(
        "performance.getEntriesByType('mark').map(m => m.name).filter(n => n.startsWith('parting-kit:wasm-'))"
    )


def test_a_host_that_sends_the_gz_as_stored_still_works_by_inflating(page: Page, site_url):
    """The project's own server sends pyodide.asm.wasm.gz as plain bytes (as GitHub
    Pages would): the worker inflates it itself."""
    page.goto(f"{site_url}/en/quiz/")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    assert wasm_path(page) == ["parting-kit:wasm-inflated"]


def test_guide_and_language_switch_work_under_the_sub_path(page: Page, subpath_url):
    origin = search(r"^https?://[^/]+", subpath_url).group(0)
    traffic = watch(page, origin)
    page.goto(f"{subpath_url}recognize/")
    expect(page.locator("#sign-aggression")).to_be_attached()
    english = page.locator('a.md-select__link[hreflang="en"]').first.evaluate("a => a.href")
    assert english == f"{subpath_url}en/recognize/"
    page.goto(english)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#sign-aggression")).to_be_attached()
    assert traffic.off_origin == [] and traffic.errors == []


# The 404 page's ways back: the header's language switcher and the page's own lines,
# one of each per language of content/translations/languages.toml.
SWITCHER_LINK = '.md-header a.md-select__link[hreflang="{code}"]'
LANGUAGE_OF = "el => el.closest('[lang]').getAttribute('lang')"


def _missing_page(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 404, url
    expect(page.locator("#not-found")).to_be_visible()
    # Material's bundle ran: the page's scripts came from the site's root, not the missing path.
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))


def _follows_to(page: Page, link, home: str, code: str) -> None:
    """Click `link`: the language's home arrives (200), in that language."""
    with page.expect_response(lambda r: r.url == home and r.request.is_navigation_request()) as arrival:
        link.click()
    assert arrival.value.status == 200, home
    page.wait_for_url(home)
    expect(page.locator("html")).to_have_attribute("lang", code)


@pytest.mark.parametrize("where", ["root_url", "subpath_url"])
def test_the_404_page_leads_to_each_language_home_from_any_depth(page: Page, request, where):
    """nginx shows 404.html for any missing address: deep in the site (its links then
    resolve against /en/nope/deep/), under the sub-path (SITE_URL) and at the root
    (the relative build). Every language link leads to that language's home, whose
    name or line it shows in that language (`lang`)."""
    base = request.getfixturevalue(where)  # ends with "/"
    origin = search(r"^https?://[^/]+", base).group(0)
    traffic = watch(page, origin)
    failed: list[str] = []  # what the pages load besides themselves (the 404 itself is expected)
    page.on(
        "response",
        lambda r: None if r.status < 400 or r.request.is_navigation_request() else failed.append(f"{r.url} {r.status}"),
    )
    # A request still loading when a link is followed is cancelled (net::ERR_ABORTED): not a failure.
    page.on(
        "requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else failed.append(f"{r.url} {r.failure}")
    )
    for start in LANGS:
        missing = f"{base}{start.prefix}nope/deep/x"
        for index, lang in enumerate(LANGS):
            home = base + lang.prefix
            _missing_page(page, missing)
            switcher = page.locator(SWITCHER_LINK.format(code=lang.code))
            assert switcher.evaluate(LANGUAGE_OF) == lang.code
            page.locator(".md-header__option .md-select").first.hover()
            _follows_to(page, switcher, home, lang.code)

            _missing_page(page, missing)
            line = page.locator("article p:has(a)").nth(index).locator("a")
            assert line.evaluate(LANGUAGE_OF) == lang.code
            _follows_to(page, line, home, lang.code)
    # The page's own stylesheets, scripts and icons came too, from the site's root.
    assert failed == [] and traffic.off_origin == []


class _WasmLabelledGzip(Handler):
    """A host that labels the stored .wasm.gz application/wasm but sends no
    Content-Encoding: the bytes are gzip, not wasm."""

    extensions_map = {**Handler.extensions_map, ".gz": "application/wasm"}  # noqa: RUF012 - as the base declares it


def test_gzip_bytes_labelled_as_wasm_are_inflated_not_compiled(page: Page, built_site):
    with serving(built_site, handler=_WasmLabelledGzip) as url:
        page.goto(f"{url}/quiz/")
        expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
        assert wasm_path(page) == ["parting-kit:wasm-inflated"]
        submit(page, VECTORS[0]["answers"])
        expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", VECTORS[0]["expected"]["verdict"])


def framed(page: Page, course: str, src: str):
    page.goto(f"{course}/?src={quote(src, safe='')}")
    return page.frame_locator("#frame")


def test_embed_framed_by_a_listed_course_origin_works_and_reports_its_height(page: Page, subpath_url, course_pages):
    course = course_pages["course"]
    frame = framed(page, course, f"{subpath_url}en/quiz/embed/?parent={course}")
    expect(frame.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    page.wait_for_function("() => window.received.some(m => m.data && m.data.type === 'parting-kit:height')")
    heights = page.evaluate("window.received.filter(m => m.data && m.data.type === 'parting-kit:height')")
    assert heights[-1]["fromFrame"] and heights[-1]["data"]["height"] > 100
    assert heights[-1]["origin"] == search(r"^https?://[^/]+", subpath_url).group(0)


def test_embed_framed_by_an_origin_not_listed_is_refused(page: Page, subpath_url, course_pages):
    other = course_pages["other"]
    # Chromium refuses to render the frame (frame-ancestors) and says so in the console.
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=20_000):
        page.goto(f"{other}/?src={quote(f'{subpath_url}quiz/embed/?parent={other}', safe='')}")
    frame = page.main_frame.child_frames[0]
    assert frame.locator("#quiz-engine").count() == 0
    assert page.evaluate("window.received.filter(m => m.data && m.data.type === 'parting-kit:height').length") == 0


def test_wrk_load_on_the_quiz_page_and_runtime(subpath_url, deployed_site, tmp_path):
    """10 s at 50 connections on loopback: no socket error, no non-2xx response.
    Prints the requests per second (the README quotes a measured run)."""
    wrk = shutil.which("wrk")
    assert wrk, "wrk not found: apt-get install wrk (`make test` does this when it is missing)"
    data = json.loads(
        search(
            r'<script[^>]*id="?quiz-data"?[^>]*>(.*?)</script>',
            (deployed_site / "quiz" / "index.html").read_text("utf-8"),
            re.S,
        ).group(1)
    )["runtime"]
    base = subpath_url.rstrip("/")
    prefix = re.sub(r"^https?://[^/]+", "", base)
    pyodide = prefix + "/" + data["pyodide"].removeprefix("../")
    paths = [
        prefix + "/quiz/",
        prefix + "/en/quiz/",
        pyodide + "pyodide.mjs",
        pyodide + "pyodide.asm.mjs",
        pyodide + "pyodide.asm.wasm.gz",
        pyodide + "python_stdlib.zip.gz",
        prefix + "/" + data["wheel"].removeprefix("../"),
    ]
    script = tmp_path / "paths.lua"
    script.write_text(
        "local paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\n"
        "local i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i], {['Accept-Encoding'] = 'gzip'})\nend\n"
        "done = function(summary, latency, requests)\n"
        "  io.write(string.format('non2xx %d errors %d\\n', summary.errors.status, "
        "summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\nend\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [wrk, "-t2", "-c50", "-d10s", "--timeout", "10s", "-s", str(script), base + "/"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    print(done.stdout)
    assert re.search(r"^non2xx 0 errors 0$", done.stdout, re.M), done.stdout
    rate = float(search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
    assert rate > 0
