"""The self-assessment on the real built site: verdicts and links from Python in the
browser, in every language's words and leading to its pages' real sections;
keyboard-only use, the engine-failure path and the plain-HTML questions (in one
language: the same markup and script in all)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from scripts.paths import ROOT
from scripts.publish.postbuild import page_ids
from tests.alphabets import foreign_letters
from tests.site import LANGS, SITE, SOURCE, lang_of

from .helpers import submit, watch

VECTORS = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))
READY = 40_000  # ms; ~3 s here, cold


def quiz_data(page: Page) -> dict:
    return json.loads(page.locator("#quiz-data").text_content() or "")


def test_questions_are_plain_html_before_any_script(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{SITE.url(SOURCE, 'quiz')}")
    questions = page.locator("form#assessment fieldset[data-question]")
    ids = questions.evaluate_all("fs => fs.map(f => f.dataset.question)")
    assert ids[:8] == [
        "schedule",
        "scope-creep",
        "belittling",
        "invoices",
        "aggression",
        "review-threats",
        "nitpicking",
        "expertise",
    ]
    assert {"self-check", "exhausted", "certainty"} <= set(ids)
    for sign in ids[:8]:
        values = page.locator(f'input[type=radio][name="{sign}"]').evaluate_all("is => is.map(i => i.value)")
        assert values == ["never", "sometimes", "often"]
    # Every radio has a label a screen reader announces.
    unlabeled = page.locator("input[type=radio]").evaluate_all("is => is.filter(i => !i.labels.length).length")
    assert unlabeled == 0
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_profiles_give_the_engines_verdicts_and_links_in_the_pages_language(page: Page, site_url, built_site, lang):
    traffic = watch(page, site_url)
    page.goto(f"{site_url}/{SITE.url(lang, 'quiz')}")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    result = page.locator("#quiz-result")
    for vector in VECTORS[:6]:
        submit(page, vector["answers"])
        expect(result).to_have_attribute("data-verdict", vector["expected"]["verdict"])
        expect(result).to_be_focused()
        hrefs = result.locator(".pk-quiz__plan a").evaluate_all("as => as.map(a => a.href)")
        assert [h.split("#")[1] for h in hrefs] == vector["expected"]["plan"], vector["name"]
        # The flagged signs are named (their links are the plan's: one link per section).
        flagged = result.locator(".pk-quiz__flagged [data-sign]").evaluate_all("ls => ls.map(l => l.dataset.sign)")
        assert flagged == vector["expected"]["flagged"]
        assert result.locator(".pk-quiz__flagged a").count() == 0
        assert {f"sign-{s}" for s in flagged} <= {h.split("#")[1] for h in hrefs}
        # Links stay in the reader's language and land on an element with that id.
        for href in hrefs:
            path, anchor = href.removeprefix(site_url + "/").split("#")
            assert lang_of(path) == lang, href
            assert anchor in page_ids(built_site / path / "index.html"), href
        # The result reads in the page's language: no word left in another one's letters.
        assert foreign_letters(lang, result.inner_text()) == [], vector["name"]
    assert traffic.off_origin == [] and traffic.errors == []
    assert page.url == f"{site_url}/{SITE.url(lang, 'quiz')}"
    # Nothing is stored: not the answers, and not even the colour scheme, which
    # the reader did not choose (overrides/partials/javascripts/base.html).
    assert page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


def test_keyboard_only_run(page: Page, site_url):
    page.goto(f"{site_url}/{SITE.url('en', 'quiz')}")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    page.locator("input[name=schedule][value=never]").focus()
    # Arrow keys move within a radio group; Tab moves to the next group.
    choices = {
        "schedule": 0,
        "scope-creep": 2,
        "belittling": 0,
        "invoices": 0,
        "aggression": 0,
        "review-threats": 0,
        "nitpicking": 0,
        "expertise": 0,
        "self-check": 0,
        "exhausted": 1,
        "certainty": 0,
    }
    for i, steps in enumerate(choices.values()):
        page.keyboard.press("Space")
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
        if i < len(choices) - 1:
            page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the submit button
    expect(page.locator("form#assessment button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    result = page.locator("#quiz-result")
    expect(result).to_have_attribute("data-verdict", "last-attempt")
    expect(result).to_be_focused()


def test_engine_failure_shows_a_clear_message_and_keeps_the_questions(page: Page, site_url):
    page.route("**/pyodide.asm.wasm.gz", lambda route: route.abort())
    page.goto(f"{site_url}/{SITE.url(SOURCE, 'quiz')}")
    engine = page.locator("#quiz-engine")
    expect(engine).to_have_attribute("data-state", "failed", timeout=READY)
    expect(engine).to_contain_text(quiz_data(page)["ui"]["engine_failed"])
    expect(page.locator("fieldset[data-question=schedule]")).to_be_visible()
