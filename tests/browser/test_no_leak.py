"""The self-assessment form can never send the answers (CONTRACT.md, "Additions"):
on every page that carries it - each language's quiz page and embed view, on the
site, in the offline bundle from file:// and in both SCORM packages (1.2, 2004).

Defence in depth, each layer checked on the real product:
- the markup: the form has method="dialog" (outside a <dialog> a submission is a
  no-op), no action, no button that overrides them (formaction, formmethod ...),
  and its submit button starts disabled, with a note saying why and what to do;
- the Content-Security-Policy of every page of every variant says
  form-action 'none', and Chromium enforces it when a form does try to leave;
- in Chromium with JavaScript off, with quiz.js blocked, with the engine failed
  (and, for normal use, ready): every question answered, every button pressed,
  Enter in a radio - the URL never changes, the page never navigates, no request
  carries an answer, and nothing is stored.
A control run proves the check itself: a copy of the page with those layers
removed is caught leaking the answers into the URL.

The markup and the policy are read on every form page of every variant, in every
language. In Chromium (the same markup and script in every language) each variant
is opened in one language, the languages taking turns, so every language's pages
are opened somewhere. No check waits a while and then finds nothing: each waits for
a signal that any navigation the reader's actions planned has been asked for first
(`settle`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, Request, Route, expect

from scripts.serve import serving
from tests.expect import present, search
from tests.site import FORM_PAGES as FORM_PAGE_IDS
from tests.site import LANGS, SITE, taking_turns

READY = 40_000  # ms to wait for the engine's state (a wait, not a measurement)
# Every language's quiz page and embed view, as files of the site (and of each variant).
FORM_PAGES = {SITE.file(lang, page) for lang in LANGS for page in FORM_PAGE_IDS}
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
OVERRIDES = ("formaction", "formmethod", "formtarget", "formenctype", "formnovalidate")


# ---- The variants: where the form is served from --------------------------------------


@dataclass
class Variant:
    name: str
    root: Path  # the folder on disk
    base: str  # its URL (http://… or file://…), no trailing slash

    def url(self, rel: str) -> str:
        return f"{self.base}/{rel}"

    def form_pages(self) -> set[str]:
        return {
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*.html")
            if 'id="assessment"' in p.read_text(encoding="utf-8")
        }


@pytest.fixture(scope="module")
def variants(
    built_site: Path, site_url: str, offline_bundle: Path, scorm_packages: dict[str, Path]
) -> Iterator[dict[str, Variant]]:
    found = {
        "hosted": Variant("hosted", built_site, site_url),
        "offline": Variant("offline", offline_bundle, offline_bundle.as_uri()),
    }
    with ExitStack() as stack:
        for name, folder in scorm_packages.items():
            # An LMS serves the unzipped package over http.
            found[name] = Variant(name, folder, stack.enter_context(serving(folder)))
        yield found


VARIANTS = ["hosted", "offline", "scorm12", "scorm2004"]
# The markup and the policy are checked on every page of every variant that has
# the form, in every language.
CASES = [(v, rel) for v in VARIANTS for rel in sorted(FORM_PAGES)]
# In Chromium, the pages a reader opens in each variant (the site's quiz page and embed
# view, the bundle's quiz page, a package's launch page), each in one language, the
# languages taking turns: privacy is the same markup and script in every language.
OPENED = [
    ("hosted", "quiz"),
    ("hosted", "quiz-embed"),
    ("offline", "quiz"),
    ("scorm12", "quiz-embed"),
    ("scorm2004", "quiz-embed"),
]
BROWSER_CASES = [(variant, SITE.file(lang, page)) for (variant, page), lang in taking_turns(OPENED)]
# The policy's own layer: the same pages, the languages turning the other way round.
POLICY_CASES = [
    (variant, SITE.file(lang, page)) for (variant, page), lang in taking_turns(OPENED, tuple(reversed(LANGS)))
]


# ---- Markup and policy ------------------------------------------------------------------


class _Form(HTMLParser):
    """The #assessment form's own attributes and those of its controls."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.form: dict[str, str | None] | None = None
        self.controls: list[tuple[str, dict[str, str | None]]] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "form" and dict(attrs).get("id") == "assessment":
            self.form, self._inside = dict(attrs), True
        elif self._inside and tag in ("button", "input", "select", "textarea"):
            self.controls.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


def parse_form(html: str) -> _Form:
    parser = _Form()
    parser.feed(html)
    return parser


def text_of(html: str, element_id: str) -> str | None:
    """The text of the (flat) element with this id, or None."""
    found = re.search(rf'<(\w+)\b[^>]*\bid="{re.escape(element_id)}"[^>]*>(.*?)</\1>', html, re.S)
    return unescape(re.sub(r"<[^>]+>", "", found.group(2))).strip() if found else None


def ui_strings(html: str) -> dict[str, str]:
    data = search(r'<script type="application/json" id="quiz-data">(.*?)</script>', html, re.S)
    return json.loads(data.group(1).replace("<\\/", "</"))["ui"]


def test_every_variant_carries_the_form_on_the_expected_pages(variants):
    assert sorted(variants) == sorted(VARIANTS), "a shipped variant is not in VARIANTS, so it goes untested"
    for name in VARIANTS:
        assert variants[name].form_pages() == FORM_PAGES, name


@pytest.mark.parametrize(("variant", "rel"), CASES)
def test_the_form_itself_cannot_navigate(variants, variant, rel):
    html = (variants[variant].root / rel).read_text(encoding="utf-8")
    parsed = parse_form(html)
    form = parsed.form
    assert form is not None
    # method=dialog outside a <dialog>: a submission does nothing, by HTML's own rules.
    assert form.get("method") == "dialog", form
    assert "<dialog" not in html.lower()
    assert "action" not in form and "target" not in form, form
    assert parsed.controls, "no controls found in the form"
    for tag, attrs in parsed.controls:
        assert not [a for a in OVERRIDES if a in attrs], (tag, attrs)
        if tag == "button":
            assert attrs.get("type") in ("submit", "reset", "button"), f"a button needs an explicit type: {attrs}"
    # No control outside the form submits it either.
    assert 'form="assessment"' not in html


@pytest.mark.parametrize(("variant", "rel"), CASES)
def test_the_submit_button_starts_disabled_and_says_why(variants, variant, rel):
    html = (variants[variant].root / rel).read_text(encoding="utf-8")
    parsed = parse_form(html)
    submits = [a for tag, a in parsed.controls if tag == "button" and a.get("type") == "submit"]
    assert len(submits) == 1, submits
    button = submits[0]
    assert "disabled" in button, (
        "the submit button must start disabled: only quiz.js, with the engine ready, enables it"
    )
    note = button.get("aria-describedby")
    assert note, "the disabled button must point to its explanation (aria-describedby)"
    ui = ui_strings(html)
    assert text_of(html, note) == ui["submit_waiting"].format(submit=ui["submit"]), f"#{note}"


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_page_of_every_variant_forbids_form_submission_by_policy(variants, variant):
    pages = sorted(variants[variant].root.rglob("*.html"))
    assert pages
    for page in pages:
        policies = META.findall(page.read_text(encoding="utf-8"))
        assert len(policies) == 1, f"{page}: {len(policies)} policies"
        directives = {d.split()[0]: d.split()[1:] for d in policies[0].split(";") if d.strip()}
        assert directives.get("form-action") == ["'none'"], page


# ---- In Chromium ------------------------------------------------------------------------


@dataclass
class Watch:
    """Everything the page does that could carry an answer out."""

    start: str
    devtools: CDPSession
    requests: list[Request] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    # Every navigation the page asked for (Chromium's Page.frameRequestedNavigation), with
    # its URL: recorded when it is asked for, before the policy may still stop it.
    planned: list[str] = field(default_factory=list)

    def leaks(self, questions: set[str]) -> list[str]:
        found = [
            f"answers in a URL: {request.url}"
            for request in self.requests
            if set(parse_qs(urlsplit(request.url).query, keep_blank_values=True)) & questions
        ]
        found += [f"a request with a body: {r.method} {r.url}" for r in self.requests if r.post_data_buffer]
        return found


# A form's submission does not navigate at once: HTML queues its navigation as a task
# on the DOM manipulation task source ("plan to navigate"; Chromium: LocalFrame::
# ScheduleFormSubmission). The signal that the reader's attempts are over: a task
# queued on that same task source afterwards has run - a <details> element's toggle
# event (HTML and Chromium queue it there too; tasks of one source run in order). It
# is listened for in a world of the test's own, so it runs with the page's JavaScript
# off too. Any navigation planned before it has been asked for by then, and Chromium
# reports that (Page.frameRequestedNavigation) on the same DevTools session, before
# this answer.
SENTINEL = """new Promise(resolve => {
  const details = document.createElement("details");
  details.addEventListener("toggle", () => { details.remove(); resolve("ran"); });
  document.documentElement.append(details);
  details.open = true;
})"""


def settle(page: Page, seen: Watch) -> None:
    """Return once every navigation the reader's actions may have planned has been
    asked for (and recorded in seen.planned): see SENTINEL."""
    frame = seen.devtools.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
    world = seen.devtools.send("Page.createIsolatedWorld", {"frameId": frame, "worldName": "pk-settle"})
    answer = seen.devtools.send(
        "Runtime.evaluate",
        {"expression": SENTINEL, "contextId": world["executionContextId"], "awaitPromise": True, "returnByValue": True},
    )
    assert answer["result"].get("value") == "ran", answer


def watch(context: BrowserContext, page: Page) -> Watch:
    devtools = context.new_cdp_session(page)
    devtools.send("Page.enable")
    seen = Watch(start="", devtools=devtools)
    devtools.on("Page.frameRequestedNavigation", lambda event: seen.planned.append(event["url"]))
    context.on("request", lambda request: seen.requests.append(request))
    page.on("framenavigated", lambda frame: seen.navigations.append(frame.url) if frame == page.main_frame else None)
    return seen


def open_form(page: Page, url: str) -> Watch:
    seen = watch(page.context, page)
    page.goto(url)
    seen.start = page.url
    seen.requests.clear()  # the page's own loading; what counts is what follows
    seen.navigations.clear()
    seen.planned.clear()
    return seen


def answer_everything(page: Page) -> dict[str, str]:
    answers = {}
    for fieldset in page.locator("form#assessment fieldset[data-question]").all():
        radio = fieldset.locator("input[type=radio]").last
        radio.check()
        answers[present(fieldset.get_attribute("data-question"), "data-question")] = present(
            radio.get_attribute("value"), "a radio's value"
        )
    return answers


def try_to_send(page: Page, seen: Watch) -> set[str]:
    """Everything a reader can do to send the form: answer every question, press
    Enter in a radio (implicit submission), press every visible button of the form
    by mouse and, where it takes focus, by keyboard, reset last; then answer again
    and press Enter in a radio once more; returns once any navigation that planned
    has been asked for (settle). Returns the question ids."""
    questions = set(answer_everything(page))
    # One of the radios answer_everything checks (the last question's last option),
    # found the same way after any navigation.
    radio = page.locator("form#assessment fieldset[data-question] input[type=radio]").last
    radio.press("Enter")
    buttons = page.locator(
        "form#assessment button:visible, form#assessment input[type=submit]:visible, "
        "form#assessment input[type=image]:visible"
    )
    order = sorted(range(buttons.count()), key=lambda i: buttons.nth(i).get_attribute("type") == "reset")
    for i in order:
        button = buttons.nth(i)
        # A real click at the button's place: a disabled button ignores it, as it must.
        button.click(force=True)
        if button.is_enabled():
            button.press("Enter")
            button.press("Space")
    answer_everything(page)
    radio.press("Enter")
    settle(page, seen)
    return questions


def assert_nothing_left(page: Page, seen: Watch, questions: set[str], *, stopped: int = 0) -> None:
    """Nothing of the answers left the page. The form did not even ask to navigate
    (method="dialog"), unless `stopped` navigations were forced on it (the policy's test)."""
    assert len(seen.planned) == stopped, f"the page asked to navigate: {seen.planned}"
    assert page.url == seen.start, f"the URL changed: {page.url}"
    assert seen.navigations == [], f"the page navigated: {seen.navigations}"
    assert seen.leaks(questions) == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.context.cookies() == []


def _is_quiz_script(url: str) -> bool:
    return urlsplit(url).path.endswith("/assets/quiz/quiz.js")


def _is_runtime(url: str) -> bool:
    path = urlsplit(url).path
    return "/assets/pyodide/" in path or path.endswith((".whl", "/offline-runtime.js"))


@pytest.fixture
def context_for(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    made = []

    def make(**options) -> BrowserContext:
        context = browser.new_context(**options)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.mark.parametrize(("variant", "rel"), BROWSER_CASES)
def test_without_javascript_nothing_is_sent(variants, context_for, variant, rel):
    page = context_for(java_script_enabled=False).new_page()
    seen = open_form(page, variants[variant].url(rel))
    expect(page.locator("form#assessment button[type=submit]")).to_be_disabled()
    questions = try_to_send(page, seen)
    assert_nothing_left(page, seen, questions)


@pytest.mark.parametrize(("variant", "rel"), BROWSER_CASES)
def test_with_quiz_js_blocked_nothing_is_sent(variants, context_for, variant, rel):
    context = context_for()
    blocked: list[str] = []

    def block(route: Route) -> None:
        blocked.append(route.request.url)
        route.abort()

    context.route(_is_quiz_script, block)
    page = context.new_page()
    seen = open_form(page, variants[variant].url(rel))
    assert blocked, "quiz.js was not requested: is this still the page that loads it?"
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "loading")
    expect(page.locator("form#assessment button[type=submit]")).to_be_disabled()
    questions = try_to_send(page, seen)
    assert_nothing_left(page, seen, questions)


@pytest.mark.parametrize(("variant", "rel"), BROWSER_CASES)
def test_with_the_engine_failed_nothing_is_sent(variants, context_for, variant, rel):
    context = context_for()
    context.route(_is_runtime, lambda route: route.abort())
    page = context.new_page()
    seen = open_form(page, variants[variant].url(rel))
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "failed", timeout=READY)
    submit = page.locator("form#assessment button[type=submit]")
    expect(submit).to_be_disabled()  # never re-enabled once the engine failed
    expect(page.locator("#quiz-submit-note")).to_be_visible()
    questions = try_to_send(page, seen)
    assert_nothing_left(page, seen, questions)


def test_with_the_engine_ready_a_result_comes_and_nothing_is_sent(site_url, context_for):
    # Normal use (the Russian page's is in test_runtime_harness.py): the same steps
    # give a result, and still nothing leaves.
    page = context_for().new_page()
    seen = open_form(page, f"{site_url}/{SITE.url('en', 'quiz')}")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    expect(page.locator("form#assessment button[type=submit]")).to_be_enabled()
    expect(page.locator("#quiz-submit-note")).to_be_hidden()
    questions = try_to_send(page, seen)
    expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", re.compile(r"\S"))
    assert_nothing_left(page, seen, questions)


# ---- The policy's layer, on its own -------------------------------------------------------

RECORD = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.effectiveDirective));"""
# What a broken page script might do: turn the form into a GET form and submit it
# behind quiz.js's back (form.submit() fires no submit event).
FORCE_SUBMIT = """() => { const form = document.getElementById('assessment');
  form.removeAttribute('method'); form.submit(); }"""


@pytest.mark.parametrize(("variant", "rel"), POLICY_CASES)
def test_the_policy_stops_a_form_that_tries_to_leave(variants, context_for, variant, rel):
    context = context_for()
    context.route(_is_quiz_script, lambda route: route.abort())
    context.add_init_script(RECORD)
    page = context.new_page()
    seen = open_form(page, variants[variant].url(rel))
    questions = set(answer_everything(page))
    page.evaluate(FORCE_SUBMIT)
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("window.__csp") == ["form-action"]
    settle(page, seen)
    # The one navigation forced on the form was asked for, and stopped there.
    assert_nothing_left(page, seen, questions, stopped=1)


# ---- The check itself -------------------------------------------------------------------


def test_the_check_catches_a_form_that_would_leak(site_url, context_for):
    # The quiz page with every layer removed (GET form, button enabled, no policy),
    # JavaScript off: the same steps must find the answers in the URL.
    context = context_for(java_script_enabled=False)

    def leaky(route: Route) -> None:
        response = route.fetch()
        body = META.sub("", response.text()).replace(' method="dialog"', "")
        body = re.sub(r'(<button type="submit"[^>]*?) disabled', r"\1", body)
        route.fulfill(response=response, body=body)

    start = f"{site_url}/{SITE.url('en', 'quiz')}"
    context.route(start, leaky)
    page = context.new_page()
    seen = open_form(page, start)
    questions = try_to_send(page, seen)
    # Asked for before the signal (settle), with the answers in its URL...
    assert any(set(parse_qs(urlsplit(url).query)) & questions for url in seen.planned), seen.planned
    # ...and it does leave: the page goes to that URL, the answers in the request.
    page.wait_for_url(lambda url: url != seen.start)
    assert seen.navigations
    assert any("answers in a URL" in leak for leak in seen.leaks(questions)), seen.leaks(questions)
