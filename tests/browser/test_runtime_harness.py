"""The quiz runtime (docs/assets/quiz/) in Chromium, on the stand-alone harness page.

The harness (tests/browser/harness/quiz_site.py) is the quiz block as the build
renders it, with the built site's assets, its Content-Security-Policy and the
project's server, without MkDocs' page chrome, so these tests pin the page <->
worker <-> Pyodide glue on its own: the engine comes up, answers go in and a
result comes out, unanswered questions are pointed out, and a runtime that
cannot load ends in a clear "failed" state.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from scripts.assessment.runtime import PYODIDE_FILES
from scripts.errors import BuildError
from scripts.paths import ROOT
from tests.site import SOURCE

from .harness import quiz_site
from .helpers import watch

VECTORS = {v["name"]: v for v in json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))}
READY = 40_000  # ms; the engine is ready in ~3 s here, cold
# Generous on purpose: these wait for a state, they do not measure how fast it
# comes (that is the benchmark's job).
FAILED = 40_000  # ms


@pytest.fixture(scope="module")
def harness_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = quiz_site.build(tmp_path_factory.mktemp("harness") / "site", built_site)
    with quiz_site.serve(root) as url:
        yield url


@pytest.fixture(scope="module")
def ui() -> dict[str, str]:  # the page's strings
    return quiz_site.ui(SOURCE)


def answer(page: Page, answers: dict[str, str]) -> None:
    for question, option in answers.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()


def expect_ready(page: Page) -> None:
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)


def test_engine_scores_answers_and_links_the_plan_privately(page: Page, harness_url: str, ui) -> None:
    traffic = watch(page, harness_url)
    page.goto(f"{harness_url}/quiz/")
    expect_ready(page)
    expect(page.locator("#quiz-engine .pk-quiz__engine-msg")).to_have_text(ui["engine_ready"])
    expect(page.locator("#quiz-engine progress")).to_be_hidden()

    result = page.locator("#quiz-result")
    for name in ("one-sign-often-last-attempt", "review-threats-full-plan", "all-clear"):
        vector = VECTORS[name]
        page.get_by_role("button", name=ui["reset"]).click()
        answer(page, vector["answers"])
        page.get_by_role("button", name=ui["submit"]).click()
        expect(result).to_have_attribute("data-verdict", vector["expected"]["verdict"])
        expect(result).to_be_visible()
        expect(result).to_be_focused()
        expect(page.locator("#quiz-result-title")).to_be_visible()

        flagged = result.locator(".pk-quiz__flagged [data-sign]").evaluate_all("ls => ls.map(l => l.dataset.sign)")
        assert flagged == vector["expected"]["flagged"], name
        plan = result.locator(".pk-quiz__plan a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert [href.split("#")[1] for href in plan] == vector["expected"]["plan"], name
        assert all(href.startswith(("../recognize/#", "../part-ways/#")) for href in plan), name

    # Only the runtime's own files were fetched (no lock file, no source maps), from
    # where the page's #quiz-data says they are.
    runtime = json.loads(page.locator("#quiz-data").text_content() or "")["runtime"]
    pyodide, wheel = urljoin(page.url, runtime["pyodide"]), urljoin(page.url, runtime["wheel"])
    fetched = {url for url in traffic.requests if url.startswith(pyodide) or url.endswith(".whl")}
    # The two large ones come gzipped, inflated in the worker.
    assert fetched == {pyodide + name for name in PYODIDE_FILES} | {wheel}
    assert {"pyodide.asm.wasm.gz", "python_stdlib.zip.gz"} <= set(PYODIDE_FILES)
    # Privacy: nothing left the origin, nothing was stored, the URL did not change;
    # and Pyodide's own output never reached the console.
    assert traffic.off_origin == []
    assert traffic.errors == []
    assert page.url == f"{harness_url}/quiz/"
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.context.cookies() == []


def test_the_submit_button_works_only_once_the_engine_is_ready(page: Page, harness_url: str, ui) -> None:
    # The interpreter's download is held back until the test lets it through, so
    # the page is surely still loading while the reader answers.
    held = []
    page.route("**/pyodide.asm.wasm.gz", lambda route: held.append(route))
    page.goto(f"{harness_url}/quiz/")
    answer(page, VECTORS["flagged-exhausted-part-ways"]["answers"])
    submit = page.get_by_role("button", name=ui["submit"])
    note = page.locator("#quiz-submit-note")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "loading")
    expect(submit).to_be_disabled()
    # The reader is told why, next to the button and in its description.
    expect(note).to_be_visible()
    expect(note).to_have_text(ui["submit_waiting"].format(submit=ui["submit"]))
    expect(submit).to_have_attribute("aria-describedby", "quiz-submit-note")
    # Enter in a radio does not submit either (a disabled default button blocks it).
    page.locator('input[name="invoices"]:checked').press("Enter")
    expect(page.locator("#quiz-result")).to_be_hidden()

    while not held:  # the worker has asked for it (Playwright runs the handler while waiting)
        page.wait_for_timeout(100)
    for route in held:
        route.continue_()
    expect_ready(page)
    expect(submit).to_be_enabled()
    expect(note).to_be_hidden()
    submit.click()
    expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", "part-ways")


def test_unanswered_questions_are_named_and_focused(page: Page, harness_url: str, ui) -> None:
    page.goto(f"{harness_url}/quiz/")
    expect_ready(page)
    partial = dict(VECTORS["all-clear"]["answers"])
    for skipped in ("invoices", "exhausted"):
        del partial[skipped]
    answer(page, partial)
    page.get_by_role("button", name=ui["submit"]).click()

    result = page.locator("#quiz-result")
    expect(result).to_have_attribute("data-error", "true")
    expect(result.locator("[role=alert]")).to_have_text(ui["missing_answers"].format(count=2))
    expect(result.locator(".pk-quiz__missing li")).to_have_count(2)
    expect(page.locator('fieldset[data-question="invoices"] input').first).to_be_focused()
    expect(page.locator('fieldset[aria-invalid="true"]')).to_have_count(2)
    assert result.get_attribute("data-verdict") is None

    # Answering them clears the marks and gives a result.
    answer(page, {"invoices": "never", "exhausted": "no"})
    page.get_by_role("button", name=ui["submit"]).click()
    expect(result).to_have_attribute("data-verdict", "keep")
    expect(page.locator('fieldset[aria-invalid="true"]')).to_have_count(0)

    # Reset starts over.
    page.get_by_role("button", name=ui["reset"]).click()
    expect(result).to_be_hidden()


def test_runtime_that_cannot_download_fails_with_the_message(page: Page, harness_url: str, ui) -> None:
    page.route("**/pyodide.asm.wasm.gz", lambda route: route.abort())
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(f"{harness_url}/quiz/")
    engine = page.locator("#quiz-engine")
    expect(engine).to_have_attribute("data-state", "failed", timeout=FAILED)
    # The worker noticed the failed download itself: the page did not just give up
    # waiting (that would be the "no progress for … ms" timeout).
    failures = [w for w in warnings if "assessment engine failed" in w]
    assert failures and not any("no progress for" in w for w in failures), warnings
    expect(engine.locator(".pk-quiz__engine-msg")).to_have_text(ui["engine_failed"])
    expect(engine.locator("progress")).to_be_hidden()

    # The questions still answer; the button stays unavailable and its note says
    # how to score by hand, instead of a button that cannot work.
    answer(page, VECTORS["all-clear"]["answers"])
    expect(page.get_by_role("button", name=ui["submit"])).to_be_disabled()
    expect(page.locator("#quiz-submit-note")).to_have_text(ui["submit_waiting"].format(submit=ui["submit"]))
    expect(page.locator(".pk-quiz__manual")).to_be_attached()


def test_a_gzipped_copy_that_cannot_be_inflated_fails_with_the_reason(page: Page, harness_url: str) -> None:
    # A damaged download (gzip's magic, then garbage): Pyodide alone would wait forever.
    page.route(
        "**/pyodide.asm.wasm.gz",
        lambda route: route.fulfill(body=b"\x1f\x8b\x08\x00" + bytes(range(256)) * 64, content_type="application/gzip"),
    )
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(f"{harness_url}/quiz/")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "failed", timeout=FAILED)
    assert any("pyodide.asm.wasm: the gzipped copy cannot be inflated" in m for m in messages), messages


def test_the_runtime_loads_when_the_host_has_already_inflated_it(page: Page, harness_url: str) -> None:
    # A host that sends .gz files with Content-Encoding: gzip has the browser
    # inflate them before the worker sees them: the worker then takes the bytes as
    # they are.
    def inflated_by_the_browser(route):
        response = route.fetch()
        route.fulfill(response=response, body=gzip.decompress(response.body()))

    page.route("**/pyodide.asm.wasm.gz", inflated_by_the_browser)
    page.route("**/python_stdlib.zip.gz", inflated_by_the_browser)
    page.goto(f"{harness_url}/quiz/")
    expect_ready(page)


def test_runtime_that_never_starts_fails_at_the_timeout(page: Page, harness_url: str, ui) -> None:
    # The Emscripten module never arrives (the request is left hanging): no error,
    # no progress. slow/ has a 1.5 s timeout.
    page.route("**/pyodide.asm.mjs", lambda route: None)
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(f"{harness_url}/slow/")
    answer(page, VECTORS["all-clear"]["answers"])
    engine = page.locator("#quiz-engine")
    expect(engine).to_have_attribute("data-state", "failed", timeout=FAILED)
    assert any("no progress for 1500 ms" in w for w in warnings), warnings
    expect(engine.locator(".pk-quiz__engine-msg")).to_have_text(ui["engine_failed"])
    expect(page.get_by_role("button", name=ui["submit"])).to_be_disabled()


def test_result_passes_axe_in_both_schemes(browser: Browser, harness_url: str, ui) -> None:
    # axe injects its own script: let it past the page's CSP.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(f"{harness_url}/quiz/")
        expect_ready(page)
        for scheme in ("default", "slate"):  # what Material's palette toggle switches
            page.locator("body").evaluate("(body, scheme) => body.dataset.mdColorScheme = scheme", scheme)
            # A fresh result per scheme: Material's links fade between colours, and
            # axe must not catch one halfway.
            page.get_by_role("button", name=ui["reset"]).click()
            answer(page, VECTORS["review-threats-full-plan"]["answers"])
            page.get_by_role("button", name=ui["submit"]).click()
            expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", "part-ways")
            # The buttons are Material's (md-button in the site's primary colour): the
            # site's palette answers for their contrast; this checks the quiz's own CSS.
            results = Axe().run(page, context={"include": [[".pk-quiz"]], "exclude": [[".pk-quiz form button"]]})
            assert results.violations_count == 0, f"{scheme}: {results.generate_report()}"
    finally:
        context.close()


def test_the_harness_refuses_a_page_without_materials_stylesheets(tmp_path: Path) -> None:
    # An unstyled harness would let axe and the contrast checks pass on nothing.
    page = tmp_path / "quiz" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><head><link rel="stylesheet" href="../assets/quiz/quiz.css"></head></html>', "utf-8")
    with pytest.raises(BuildError, match="no Material stylesheet"):
        quiz_site.stylesheets(tmp_path)
