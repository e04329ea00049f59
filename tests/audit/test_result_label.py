"""#quiz-result's accessible name, which the Nu HTML Checker found pointing at
nothing: the section names itself after its heading only while that heading is
there (set when a result, the "computing" state or an error is shown; removed
when the form is reset), so no aria-labelledby ever points nowhere. One language: the
same script names the section in every language."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.site import SITE, SOURCE

READY = 40_000  # ms
ANSWERS = {
    "schedule": "often",
    "scope-creep": "never",
    "belittling": "never",
    "invoices": "never",
    "aggression": "never",
    "review-threats": "never",
    "nitpicking": "never",
    "expertise": "never",
    "self-check": "done",
    "exhausted": "no",
    "certainty": "sure",
}
LABEL_TARGET = """section => {
  const id = section.getAttribute("aria-labelledby");
  const target = id && document.getElementById(id);
  return {id, inside: !!target && section.contains(target), text: target ? target.textContent.trim() : null};
}"""


def test_the_result_is_named_by_its_heading_only_while_it_has_one(page: Page, site_url: str):
    page.goto(f"{site_url}/{SITE.url(SOURCE, 'quiz')}")
    result = page.locator("#quiz-result")
    # Before any result: hidden, and no name pointing at a heading that is not there.
    expect(result).to_be_hidden()
    assert result.evaluate(LABEL_TARGET)["id"] is None

    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    for question, option in ANSWERS.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()
    page.locator("form#assessment button[type=submit]").click()
    expect(result).to_have_attribute("data-verdict", "last-attempt")
    label = result.evaluate(LABEL_TARGET)
    assert label["inside"] and label["text"], label
    # The accessible name a screen reader announces is the heading's text.
    expect(result).to_have_accessible_name(label["text"])

    page.locator("form#assessment button[type=reset]").click()
    expect(result).to_be_hidden()
    assert result.evaluate(LABEL_TARGET)["id"] is None
