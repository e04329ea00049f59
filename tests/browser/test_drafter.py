"""The draft message under a part-ways or last-attempt result, on the real built site.

The page sends the reader's details to quiz.draft and every edit of the text to
quiz.you_check, both in the engine worker (Pyodide); these tests drive that from
Chromium: the draft appears without a single "you" and a "you" typed into it is
counted and marked (every language: the letter's words and the checker's forms are
the language's), the downloads hold the draft under the language's file names with
links to its pages, axe finds nothing (every language); markup typed anywhere stays
text, the wording picker, the keyboard, printing and the letter's optional parts
work (one language: the same script in all), and nothing leaves the device.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Dialog, Page, expect

from tests.site import LANGS, SITE, SOURCE

from .helpers import FADES_DONE, submit, watch

READY = 40_000  # ms; the engine is ready in ~3 s here, cold
NEVER = dict.fromkeys(
    ("schedule", "scope-creep", "belittling", "invoices", "aggression", "review-threats", "nitpicking", "expertise"),
    "never",
)
PROFILES = {
    "part-ways": {**NEVER, "invoices": "often", "self-check": "done", "exhausted": "yes", "certainty": "sure"},
    "last-attempt": {**NEVER, "scope-creep": "often", "self-check": "done", "exhausted": "no", "certainty": "sure"},
}
# Abuse once: a hard stop, so the letter starts short (decision, date, handover, sign-off).
HARD_STOP = {**NEVER, "aggression": "sometimes", "self-check": "done", "exhausted": "no", "certainty": "sure"}
KEEP = {**NEVER, "self-check": "done", "exhausted": "no", "certainty": "sure"}
# What the reader types to break the rule, and the word the checker marks.
YOU = {
    "ru": ("вы нарушили условия договора.", "вы"),
    "en": ("you broke the contract.", "you"),
    "uk": ("ви порушили умови договору.", "ви"),
}
EVIL = "<img src=x onerror=alert(1)>"
LIST_FIELD = {"part-ways": "referrals", "last-attempt": "extra-requests"}


def quiz_data(page: Page) -> dict:
    return json.loads(page.locator("#quiz-data").text_content() or "")


def open_quiz(page: Page, site_url: str, lang: str) -> dict:
    page.goto(f"{site_url}/{SITE.url(lang, 'quiz')}")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    return quiz_data(page)["ui"]


def draft_ready(page: Page, verdict: str):
    expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", verdict)
    draft = page.locator("#quiz-draft")
    expect(draft).to_have_attribute("data-state", "ready")
    return draft


def text_of(page: Page) -> str:
    return page.locator("#quiz-draft-text").input_value()


def counter(page: Page, name: str) -> int:
    """How many drafts (``drafts``) or checks (``checks``) the drafter has taken in so far."""
    return int(page.locator("#quiz-draft").get_attribute(f"data-{name}") or 0)


def settle(page: Page) -> None:
    """Wait until every draft the page may have asked for so far has come back: a check of
    the letter as it is, asked for now, is answered after them (the worker answers in order,
    and a field's draft is asked for no later than this check)."""
    checks = counter(page, "checks")
    page.locator("#quiz-draft-text").dispatch_event("input")
    after_next(page, "checks", checks)


def after_next(page: Page, name: str, before: int) -> None:
    """Wait until the drafter has taken in one more draft or check than ``before``."""
    expect(page.locator("#quiz-draft")).to_have_attribute(f"data-{name}", re.compile(r"\d+"))
    page.wait_for_function(
        "([name, before]) => Number(document.querySelector('#quiz-draft').dataset[name] || 0) > before",
        arg=[name, before],
    )


# Every language's letter for a part-ways verdict; the other letter (last-attempt: the
# same script, another list field) in the source language.
DRAFTS = [(lang, "part-ways") for lang in LANGS] + [(SOURCE, "last-attempt")]


@pytest.mark.parametrize(("lang", "verdict"), DRAFTS)
def test_draft_appears_without_you_and_the_checker_marks_typed_you(page: Page, site_url, lang, verdict):
    traffic = watch(page, site_url)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    ui = open_quiz(page, site_url, lang)
    submit(page, PROFILES[verdict])
    draft = draft_ready(page, verdict)

    # The section, in the page's language, below the result's plan.
    expect(draft.get_by_role("heading", name=ui["draft_heading"])).to_be_visible()
    assert page.locator("#quiz-result .pk-quiz__plan ~ #quiz-draft").count() == 1
    # Which fields a letter asks for, and their labels, come from the phrases (Python).
    fields = quiz_data(page)["phrases"]["fields"]
    for key in ("client_name", "project", "sender_name"):
        expect(draft.get_by_label(fields[key]["label"], exact=True)).to_be_visible()
    list_field = page.locator(f"#quiz-draft-{LIST_FIELD[verdict]}")
    expect(list_field).to_be_visible()
    assert list_field.evaluate("e => e.tagName") == "TEXTAREA"
    other = "extra-requests" if verdict == "part-ways" else "referrals"
    expect(page.locator(f"#quiz-draft-{other}")).to_have_count(0)

    # The assembled draft: editable, labelled, and not one "you".
    textarea = draft.get_by_label(ui["draft_text_label"], exact=True)
    expect(textarea).to_be_editable()
    text = text_of(page)
    assert len(text) > 100, text
    count = page.locator("#quiz-draft-you")
    expect(count).to_have_text(ui["draft_you_count"].format(count=0))
    expect(count).to_have_attribute("aria-live", "polite")
    expect(page.locator("#quiz-draft-mirror mark")).to_have_count(0)
    expect(page.locator("#quiz-draft-mirror")).to_have_text(text)
    # The marked copy is for the eye: a screen reader has the letter in the textarea.
    expect(page.locator("#quiz-draft-mirror")).to_have_attribute("aria-hidden", "true")
    expect(page.locator("#quiz-draft-where")).to_be_hidden()
    advice = draft.get_by_role("link", name=ui["draft_you_link"])
    assert advice.get_attribute("href") == "../part-ways/#avoid-you"

    # The reader's details go in (reader text is cleaned, never interpreted).
    page.locator("#quiz-draft-client-name").fill("Acme Ltd")
    page.locator("#quiz-draft-project").fill("Orion")
    page.locator("#quiz-draft-sender-name").fill("Alex")
    list_field.fill("Line one\nLine two")
    expect(textarea).to_have_value(_contains("Acme Ltd", "Orion", "Alex", "- Line one", "- Line two"))
    expect(count).to_have_text(ui["draft_you_count"].format(count=0))

    # Typing a "you" updates the count and marks it, from Python's offsets.
    sentence, word = YOU[lang]
    textarea.press("Control+End")
    textarea.press_sequentially(" " + sentence, delay=5)
    expect(count).to_have_text(ui["draft_you_count"].format(count=1))
    marks = page.locator("#quiz-draft-mirror mark")
    expect(marks).to_have_count(1)
    expect(marks).to_have_text(word)
    expect(page.locator("#quiz-draft-mirror")).to_have_text(text_of(page))
    # Where it is, said once: the line and the word (not the letter again).
    line = text_of(page).count("\n") + 1
    expect(page.locator("#quiz-draft-where li")).to_have_text([ui["draft_you_where"].format(line=line, word=word)])
    # An edited text is the reader's: the fields no longer overwrite it...
    drafts = counter(page, "drafts")
    page.locator("#quiz-draft-client-name").fill("Someone Else")
    settle(page)
    assert counter(page, "drafts") == drafts  # no draft asked for while the text is the reader's
    assert sentence in text_of(page) and "Someone Else" not in text_of(page)
    # ...until the reader asks for a rebuild, which drops the "you" again.
    page.get_by_role("button", name=ui["draft_rebuild"]).click()
    expect(textarea).to_have_value(_contains("Someone Else"))
    expect(count).to_have_text(ui["draft_you_count"].format(count=0))
    expect(marks).to_have_count(0)

    # Privacy: same origin only, nothing stored by the draft, the URL unchanged.
    assert traffic.off_origin == [] and traffic.errors == [] and dialogs == []
    assert page.url == f"{site_url}/{SITE.url(lang, 'quiz')}"
    assert page.evaluate("sessionStorage.length") == 0
    assert page.evaluate("Object.keys(localStorage).filter(k => /draft|quiz|pk/i.test(k))") == []
    assert page.context.cookies() == []


def _contains(*parts: str) -> re.Pattern[str]:
    """A regular expression matching a text that holds every part (Playwright's to_have_value)."""
    return re.compile("".join(f"(?=[\\s\\S]*{re.escape(p)})" for p in parts) + "[\\s\\S]*")


def test_markup_typed_anywhere_stays_text(page: Page, site_url):
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    open_quiz(page, site_url, SOURCE)
    submit(page, PROFILES["part-ways"])
    draft_ready(page, "part-ways")

    page.locator("#quiz-draft-client-name").fill(EVIL)
    page.locator("#quiz-draft-referrals").fill(f"{EVIL}\n<script>alert(2)</script>")
    textarea = page.locator("#quiz-draft-text")
    expect(textarea).to_have_value(_contains(EVIL, "<script>alert(2)</script>"))
    mirror = page.locator("#quiz-draft-mirror")
    expect(mirror).to_contain_text(EVIL)
    # And typed straight into the draft, next to a "you" the mirror marks.
    sentence = YOU[SOURCE][0]
    checks = counter(page, "checks")
    textarea.fill(f"{EVIL} {sentence} <b>bold</b>")
    after_next(page, "checks", checks)  # the typed text has been checked and shown
    expect(page.locator("#quiz-draft-mirror mark")).to_have_count(1)
    expect(mirror).to_have_text(f"{EVIL} {sentence} <b>bold</b>")
    assert page.locator("#quiz-draft img, #quiz-draft script, #quiz-draft b").count() == 0
    assert page.locator("img[src=x]").count() == 0
    assert dialogs == []


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_hold_the_draft(page: Page, site_url, lang):
    ui = open_quiz(page, site_url, lang)
    submit(page, PROFILES["last-attempt"])
    draft_ready(page, "last-attempt")
    page.locator("#quiz-draft-project").fill("Orion")
    page.locator("#quiz-draft-extra-requests").fill("Logo redesign\nExtra landing page")
    textarea = page.locator("#quiz-draft-text")
    expect(textarea).to_have_value(_contains("Orion", "Extra landing page"))
    textarea.press("Control+End")
    textarea.press_sequentially(" " + YOU[lang][0], delay=5)
    expect(page.locator("#quiz-draft-mirror mark")).to_have_count(1)
    text = text_of(page)

    words = quiz_data(page)["phrases"]["texts"]  # the language's own file names and title

    with page.expect_download() as info:
        page.get_by_role("button", name=ui["draft_download_txt"]).click()
    download = info.value
    assert download.suggested_filename == words["file_txt"] and words["file_txt"].endswith(".txt")
    assert Path(download.path()).read_text(encoding="utf-8") == text

    with page.expect_download() as info:
        page.get_by_role("button", name=ui["draft_download_md"]).click()
    download = info.value
    assert download.suggested_filename == words["file_md"] and words["file_md"].endswith(".md")
    markdown = Path(download.path()).read_text(encoding="utf-8")
    # The letter is an indented code block (inert in every Markdown dialect).
    assert "\n".join("    " + line if line else "" for line in text.split("\n")) in markdown
    assert markdown.startswith("# " + words["report_title"] + "\n")
    # The document's links work away from the site: absolute, in the page's language.
    assert f"({site_url}/{SITE.url(lang, 'part-ways')}#avoid-you): 1" in markdown
    assert f"({site_url}/{SITE.url(lang, 'recognize')}#sign-scope-creep)" in markdown
    # No link to the file is left behind (it is removed in the same task as its click).
    assert page.locator("a[download]").count() == 0


def test_copy_print_and_the_print_layout(page: Page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    ui = open_quiz(page, site_url, "en")
    submit(page, PROFILES["part-ways"])
    draft_ready(page, "part-ways")
    page.locator("#quiz-draft-client-name").fill("Acme Ltd")
    expect(page.locator("#quiz-draft-text")).to_have_value(_contains("Acme Ltd"))
    text = text_of(page)

    page.get_by_role("button", name=ui["draft_copy"]).click()
    expect(page.locator(".pk-draft__notice")).to_have_text(ui["draft_copied"])
    assert page.evaluate("navigator.clipboard.readText()") == text

    # Without the Clipboard API the text is selected for the reader to copy.
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})")
    page.get_by_role("button", name=ui["draft_copy"]).click()
    expect(page.locator(".pk-draft__notice")).to_have_text(ui["draft_copy_failed"])
    expect(page.locator("#quiz-draft-text")).to_be_focused()

    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name=ui["draft_print"]).click()
    assert page.evaluate("window.__printed") == 1

    page.emulate_media(media="print")
    for hidden in (
        "form#assessment",
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        "#quiz-engine",
        ".pk-draft__fields",
        "#quiz-draft-text",
        ".pk-draft__actions",
    ):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("#quiz-result-title")).to_be_visible()
    expect(page.locator("#quiz-draft-mirror")).to_be_visible()
    expect(page.locator("#quiz-draft-mirror")).to_have_text(text)
    page.emulate_media(media="screen")


def test_choosing_a_wording_rebuilds_the_draft_with_it(page: Page, site_url):
    open_quiz(page, site_url, SOURCE)
    submit(page, PROFILES["part-ways"])
    draft_ready(page, "part-ways")
    greetings = quiz_data(page)["phrases"]["blocks"]["greeting"]["variants"]
    text = page.locator("#quiz-draft-text")
    select = page.locator("#quiz-draft-variant-greeting")
    expect(select.locator("option")).to_have_count(len(greetings))

    def starts_with(variant: str):
        return re.compile("^" + re.escape(variant.replace("{client_name}", "Maria")))

    page.locator("#quiz-draft-client-name").fill("Maria")
    expect(text).to_have_value(starts_with(greetings[0]))
    select.select_option("1")  # the second wording, assembled by quiz.draft in the worker
    expect(text).to_have_value(starts_with(greetings[1]))
    assert page.locator("#quiz-draft").get_attribute("data-you") == "0"
    # The reader's own text wins: a new choice waits for the rebuild button.
    text.fill("My own words.")
    drafts = counter(page, "drafts")
    select.select_option("2")
    settle(page)
    assert counter(page, "drafts") == drafts  # no draft asked for: the text is the reader's
    expect(text).to_have_value("My own words.")
    page.locator(".pk-draft__rebuild").click()
    expect(text).to_have_value(starts_with(greetings[2]))


def test_keyboard_reaches_every_control_and_reset_removes_the_draft(page: Page, site_url):
    ui = open_quiz(page, site_url, SOURCE)
    submit(page, KEEP)
    expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", "keep")
    expect(page.locator("#quiz-draft")).to_have_count(0)  # a keeper needs no parting message

    submit(page, PROFILES["part-ways"])
    draft_ready(page, "part-ways")
    expect(page.locator("#quiz-result")).to_be_focused()
    # From the plan's last link on, Tab walks the draft's controls in order.
    page.locator("#quiz-result .pk-quiz__plan a").last.focus()
    order = []
    for _ in range(30):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    phrases = quiz_data(page)["phrases"]
    wording = [
        f"quiz-draft-variant-{block}"
        for block in phrases["kinds"]["part-ways"]["blocks"]
        if len(phrases["blocks"][block]["variants"]) > 1
    ]
    assert "quiz-draft-variant-decision" in wording
    expected = [
        "quiz-draft-client-name",
        "quiz-draft-project",
        "quiz-draft-sender-name",
        "quiz-draft-referrals",
        *wording,
        "quiz-draft-text",
        ui["draft_you_link"],
        ui["draft_copy"],
        ui["draft_download_txt"],
        ui["draft_download_md"],
        ui["draft_print"],
    ]
    positions = [order.index(item) for item in expected]
    assert positions == sorted(positions), order
    # Typing in the field by keyboard alone reaches the draft.
    page.locator("#quiz-draft-client-name").focus()
    page.keyboard.type("Мария")
    expect(page.locator("#quiz-draft-text")).to_have_value(_contains("Мария"))

    page.locator("form#assessment button[type=reset]").click()
    expect(page.locator("#quiz-draft")).to_have_count(0)
    expect(page.locator("#quiz-result")).to_be_hidden()


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_in_the_draft_in_both_schemes(page: Page, site_url, lang):
    open_quiz(page, site_url, lang)
    for scheme in ("default", "slate"):
        page.locator("body").evaluate("(body, scheme) => body.dataset.mdColorScheme = scheme", scheme)
        submit(page, PROFILES["last-attempt"])
        draft_ready(page, "last-attempt")
        textarea = page.locator("#quiz-draft-text")
        textarea.press("Control+End")
        textarea.press_sequentially(" " + YOU[lang][0], delay=5)
        expect(page.locator("#quiz-draft-mirror mark")).to_have_count(1)
        # Material's colours fade between schemes: axe must not catch one halfway.
        page.wait_for_function(FADES_DONE)
        results = Axe().run(page, context={"include": [["#quiz-draft"]]})
        assert results.violations_count == 0, f"{scheme}: {results.generate_report()}"


# Issue 16.5: "Trojan Source"-style characters the reader pasted (BOM, NUL, bidi override and isolates,
# zero-width space, LRM) leave the page in none of the take-aways, and the reader is told.
HOSTILE = "\ufeffThe invoice\x00 \u202eis paid\u202c and \u2066final\u2069.\u200b\u200e"
CLEAN = "The invoice is paid and final."


def test_hidden_characters_leave_in_no_take_away_and_the_reader_is_told(page: Page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    open_quiz(page, site_url, "en")
    submit(page, PROFILES["part-ways"])
    draft_ready(page, "part-ways")
    phrases = quiz_data(page)["phrases"]
    told = phrases["texts"]["removed"].replace("{count}", "8")
    page.locator("#quiz-draft-text").fill(HOSTILE)

    page.locator("[data-action=copy]").click()
    expect(page.locator(".pk-draft__notice")).to_have_text(told)
    assert page.evaluate("navigator.clipboard.readText()") == CLEAN

    with page.expect_download() as info:
        page.locator("[data-action=txt]").click()
    assert info.value.suggested_filename == phrases["texts"]["file_txt"]
    assert Path(info.value.path()).read_text(encoding="utf-8") == CLEAN

    with page.expect_download() as info:
        page.locator("[data-action=md]").click()
    assert info.value.suggested_filename == phrases["texts"]["file_md"]
    md = Path(info.value.path()).read_text(encoding="utf-8")
    assert "    " + CLEAN + "\n" in md
    assert not re.search("[\x00\ufeff\u200b\u200e\u202a-\u202e\u2066-\u2069]", md)


def test_a_huge_letter_is_counted_exactly_with_the_marks_capped(page: Page, site_url):
    """Issue 16.6: 100,000 characters holding 25,000 "you": the count is exact, the marks capped."""
    ui = open_quiz(page, site_url, "en")
    submit(page, PROFILES["last-attempt"])
    draft_ready(page, "last-attempt")
    phrases = quiz_data(page)["phrases"]
    page.locator("#quiz-draft-text").fill("you " * 25_000)
    count = page.locator("#quiz-draft-you")
    expect(count).to_have_attribute("data-count", "25000", timeout=20_000)
    capped = phrases["texts"]["marks_capped"].replace("{shown}", "200").replace("{count}", "25000")
    expect(count).to_have_text(ui["draft_you_count"].format(count=25000) + " " + capped)
    expect(page.locator("#quiz-draft-mirror mark")).to_have_count(200)
    assert page.locator("#quiz-draft-mirror").text_content() == "you " * 25_000


def test_the_window_left_open_is_opt_in_after_a_hard_stop(page: Page, site_url):
    open_quiz(page, site_url, SOURCE)
    submit(page, HARD_STOP)
    draft_ready(page, "part-ways")
    phrases = quiz_data(page)["phrases"]
    door = phrases["blocks"]["door-open"]["variants"][0]
    # The checkbox; the wording picker's <select> for the same block shares its name
    # inside its own group ("Wording: which version…").
    box = page.get_by_role("checkbox", name=phrases["blocks"]["door-open"]["label"], exact=True)
    expect(box).not_to_be_checked()
    assert door not in text_of(page)
    box.check()
    expect(page.locator("#quiz-draft-text")).to_have_value(_contains(door))
    # The fields this letter asks for, labelled as Python listed them (end date, handover included).
    for name in ("end_date", "handover", "referrals"):
        expect(page.get_by_label(phrases["fields"][name]["label"], exact=True)).to_be_visible()
    page.locator("#quiz-draft-end-date").fill("15 декабря")
    expect(page.locator("#quiz-draft-text")).to_have_value(_contains("15"))

    # Without a hard stop the window is offered ticked.
    submit(page, PROFILES["part-ways"])
    draft_ready(page, "part-ways")
    expect(page.get_by_role("checkbox", name=phrases["blocks"]["door-open"]["label"], exact=True)).to_be_checked()
    expect(page.locator("#quiz-draft-text")).to_have_value(_contains(door))


# ---- The reader's own case (issue 20) -------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_keep_when_continuing_is_impossible_offers_the_next_steps_and_the_letter(page: Page, site_url, lang):
    """The answer is heard, the plan gains the self-check, an outside view and the parting
    steps, and the parting letter is drafted only when the reader asks, neutral by default."""
    ui = open_quiz(page, site_url, lang)
    data = quiz_data(page)
    submit(page, {**KEEP, "schedule": "sometimes", "exhausted": "yes"})
    result = page.locator("#quiz-result")
    expect(result).to_have_attribute("data-verdict", "keep")
    expect(result.locator(".pk-quiz__explanation")).to_have_text(data["definition"]["notices"]["keep_exhausted"])
    followup = result.locator(".pk-quiz__followup")
    expect(result.get_by_role("heading", name=data["definition"]["followup"]["heading"])).to_be_visible()
    hrefs = followup.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs == [
        "../recognize/#self-check",
        "../recognize/#second-opinion",
        *(
            f"../part-ways/#{s}"
            for s in (
                "professional",
                "avoid-you",
                "leave-window-open",
                "refer-elsewhere",
                "positive-ending",
                "in-writing",
            )
        ),
    ]
    expect(followup.locator("a").nth(2)).to_have_text(data["definition"]["followup"]["titles"]["professional"])
    # No letter until the reader asks for one.
    expect(page.locator("#quiz-draft")).to_have_count(0)
    page.get_by_role("button", name=ui["draft_offer"]).click()
    draft = draft_ready(page, "keep")
    expect(draft).to_have_attribute("data-kind", "part-ways")
    expect(page.locator("#quiz-draft-title")).to_be_focused()
    expect(page.get_by_role("button", name=ui["draft_offer"])).to_have_count(0)
    decision = data["phrases"]["blocks"]["decision"]
    assert decision["fallback"][0] in text_of(page)  # the neutral decision, nothing claimed
    assert not re.search(r"\bдогов[оі]р\w*|\bугод\w*|agreement|contract", text_of(page), re.I)
    results = Axe().run(page, context={"include": [["#quiz-result"]]})
    assert results.violations_count == 0, results.generate_report()


def test_a_last_attempt_speaks_of_the_flagged_signs_only(page: Page, site_url):
    """The plan names its own writing step (the proposal, not a refusal), and the letter asks
    for the fields of the flagged signs and talks about nothing else (each language's
    letters: tests/quiz/test_draft.py's topic-map tests)."""
    open_quiz(page, site_url, SOURCE)
    data = quiz_data(page)
    submit(page, {**PROFILES["last-attempt"], "scope-creep": "never", "invoices": "often", "schedule": "often"})
    draft_ready(page, "last-attempt")
    step = page.locator(".pk-quiz__plan a[href$='#in-writing']")
    expect(step).to_have_text(data["definition"]["verdicts"]["last-attempt"]["titles"]["in-writing"])
    guide_heading = data["definition"]["sections"]["in-writing"]["title"]
    assert step.text_content() != guide_heading
    topics = page.locator("#quiz-draft fieldset[data-topic]").evaluate_all("fs => fs.map(f => f.dataset.topic)")
    assert topics == ["schedule", "invoices"]
    expect(page.locator("#quiz-draft-extra-requests")).to_have_count(0)
    page.locator("#quiz-draft-payment-terms").fill("30 дней")
    expect(page.locator("#quiz-draft-text")).to_have_value(_contains("30"))
    assert not re.search(r"объ[её]м|scope|сверх|beyond", text_of(page), re.I), text_of(page)


def test_after_abuse_the_notice_blames_no_one(page: Page, site_url):
    open_quiz(page, site_url, SOURCE)
    notices = quiz_data(page)["definition"]["notices"]
    submit(page, {**HARD_STOP, "self-check": "not-yet"})
    explanation = page.locator("#quiz-result .pk-quiz__explanation")
    expect(explanation).to_contain_text(notices["provisional_hard_stop"])
    assert notices["provisional"] not in (explanation.text_content() or "")
    draft_ready(page, "part-ways")
    # The letter after a hard stop: decision, (date, handover,) sign-off; the rest unticked.
    boxes = page.locator(".pk-draft__optional input[type=checkbox]")
    assert boxes.evaluate_all("bs => bs.map(b => b.checked)") == [False, False, False]
