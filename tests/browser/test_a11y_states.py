"""What a tester's hands find and axe at rest does not (issue 16, items 1-4 and 7), on
the real built site in Chromium, light and dark schemes. Every language where the
words make the difference (nothing overflows at 320 px: each language's words have
their own lengths); one where colours, shapes and the page's script do (contrast in
every state, forced colours, the Back button, the status region).

Contrast in every state: every interactive element of the guide pages, the quiz with
a result and the draft message open, and the embed view is measured from its computed
styles (tests/browser/contrast_probe.js) at rest, under the mouse (hover), focused by
a pointer (:focus forced through the DevTools protocol), focused from the keyboard
(reached with Tab, so :focus-visible and Material's polyfill class are the browser's
own), pressed (:active forced with hover and focus, as a real press has them) and
disabled. Text needs 4.5:1 (3:1 when large), icons, radios and focus rings 3:1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.site import FORM_PAGES, LANGS, READER_PAGES, SITE, SOURCE

from .helpers import submit

PROBE = Path(__file__).with_name("contrast_probe.js").read_text(encoding="utf-8")
SCHEMES = {"light": "default", "dark": "slate"}  # emulated preference -> Material's scheme
# The pages without the form (measured at rest), and those with it (measured with a result).
GUIDE_PAGES = [page for page in READER_PAGES if page not in FORM_PAGES]
READY = 40_000  # ms; the engine is ready in ~3 s here, cold
VIEWPORT = {"width": 1280, "height": 900}

TEXT, LARGE_TEXT, NON_TEXT = 4.5, 3.0, 3.0  # WCAG 1.4.3, 1.4.3 large, 1.4.11
MAX_TABS = 400  # a page with more tab stops than this is a bug in itself

NEVER = dict.fromkeys(
    ("schedule", "scope-creep", "belittling", "invoices", "aggression", "review-threats", "nitpicking", "expertise"),
    "never",
)
# A part-ways result with every kind of content: a hard-stop badge, plan links, the drafter.
PART_WAYS = {
    **NEVER,
    "aggression": "often",
    "scope-creep": "often",
    "self-check": "not-yet",
    "exhausted": "yes",
    "certainty": "unsure",
}


@contextmanager
def scheme_page(browser: Browser, scheme: str, **options) -> Iterator[Page]:
    """A page in a fresh context whose system asks for the light or dark scheme
    (Material follows it: nothing is stored until the reader uses the toggle)."""
    context = browser.new_context(**{"color_scheme": scheme, "viewport": VIEWPORT, **options})
    try:
        yield context.new_page()
    finally:
        context.close()


def open_with_result(page: Page, url: str, answers: dict[str, str] = PART_WAYS) -> None:
    """The quiz page (or its embed view) with a result, and the draft message ready."""
    page.goto(url)
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    submit(page, answers)
    expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", "part-ways")
    expect(page.locator("#quiz-draft")).to_have_attribute("data-state", "ready")


# ---- Contrast --------------------------------------------------------------------


def contrast_problems(state: str, m: dict, ring: bool = False) -> list[str]:
    """What in one measurement falls short, each as one readable line."""
    out = []
    for t in m["texts"]:
        need = LARGE_TEXT if t["large"] else TEXT
        if t["ratio"] < need:
            out.append(
                f"{state}: {m['what']}: text {t['text']!r} in {t['holder']} is {t['fg']} on {t['bg']}, "
                f"{t['ratio']}:1 (needs {need}:1)"
            )
    out.extend(
        f"{state}: {m['what']}: icon {i['fg']} on {i['bg']}, {i['ratio']}:1 (needs {NON_TEXT}:1)"
        for i in m["icons"]
        if i["ratio"] < NON_TEXT
    )
    control = m["control"]
    if control and control["ratio"] is not None and control["ratio"] < NON_TEXT:
        out.append(
            f"{state}: {m['what']}: control colour {control['accent']} on {control['bg']}, "
            f"{control['ratio']}:1 (needs {NON_TEXT}:1)"
        )
    if ring:
        r = m["ring"]
        if r is None or r["kind"] == "invisible":
            out.append(f"{state}: {m['what']}: no visible focus indicator")
        elif r["ratio"] < NON_TEXT:
            out.append(
                f"{state}: {m['what']}: focus {r['kind']} {r['colour']} next to {r['bg']}, "
                f"{r['ratio']}:1 (needs {NON_TEXT}:1)"
            )
    return out


def keyboard_pass(page: Page) -> tuple[int, list[str]]:
    """Tab through the whole page as a keyboard user does; every stop must show a
    focus ring of 3:1 and keep its text readable. Returns (stops, problems)."""
    page.evaluate(PROBE)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.__pkSeen = new WeakSet(); }")
    stops, wraps, problems = 0, 0, []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => {
            const a = document.activeElement;
            if (!a || a === document.body) return "document";
            if (window.__pkSeen.has(a)) return "seen";
            window.__pkSeen.add(a);
            return "new";
        }""")
        # Tab starts where focus last was (after a result: mid-page), runs off the end of
        # the page and wraps to its start: done when it comes back to a stop it has seen.
        if where == "seen" or (where == "document" and (wraps := wraps + 1) > 2):
            break
        if where == "document":
            continue
        stops += 1
        m = page.evaluate("() => __pkProbe.measure('active')")
        if m is None:  # focus moved on by itself (a dialog closing): carry on from there
            continue
        if not m["focusVisible"]:
            problems.append(f"keyboard focus: {m['what']} does not match :focus-visible")
        problems += contrast_problems("keyboard focus", m, ring=True)
    else:
        problems.append(f"more than {MAX_TABS} tab stops: focus never left the page")
    # Leave the search dialog (opened by tabbing into it) and the focus behind.
    page.keyboard.press("Escape")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return stops, problems


def pointer_pass(page: Page, known: set[str]) -> tuple[int, list[str]]:
    """Each kind of interactive element not in `known` (style signatures already
    measured in this scheme) at rest, hovered, focused by a pointer, pressed, and
    (for controls that can be) disabled. Adds what it measured to `known`."""
    page.evaluate(PROBE)
    items = page.evaluate("known => __pkProbe.collect('body', known)", sorted(known))
    known.update(item["signature"] for item in items)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]

    def force(node: int, states: list[str]) -> None:
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": states})

    def measure(n: int) -> dict:
        return page.evaluate("n => __pkProbe.measure(n)", n)

    def park() -> None:
        page.mouse.move(0, 0)  # the header's empty corner

    def hover(n: int) -> dict:
        centre = page.evaluate("n => __pkProbe.centre(n)", n)
        page.mouse.move(centre["x"], centre["y"])
        return measure(n)

    problems: list[str] = []
    for item in items:
        n = item["n"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f'[data-pk-probe="{n}"]'})["nodeId"]
        park()
        rest = measure(n)
        if rest["hover"]:
            problems.append(f"rest: {rest['what']} is under the parked mouse; pick another parking spot")
        problems += contrast_problems("rest", rest)
        problems += contrast_problems("hover", hover(n))
        force(node, ["hover", "active", "focus"])
        problems += contrast_problems("active", measure(n))
        force(node, [])
        park()
        force(node, ["focus"])
        problems += contrast_problems("focus", measure(n))
        force(node, [])
        if item["disableable"]:
            page.evaluate('n => { document.querySelector(`[data-pk-probe="${n}"]`).disabled = true; }', n)
            park()
            problems += contrast_problems("disabled", measure(n))
            problems += contrast_problems("disabled, hover", hover(n))
            page.evaluate('n => { document.querySelector(`[data-pk-probe="${n}"]`).disabled = false; }', n)
    park()
    cdp.detach()
    return len(items), problems


def use_scheme(page: Page, scheme: str) -> None:
    """Switch the loaded page to a scheme as a reader would: the system setting
    (the embed view follows it live) and, where Material picked its scheme at
    load, the header's light/dark toggle."""
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    body = page.locator("body")
    toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
    if toggle.count() and body.get_attribute("data-md-color-scheme") != SCHEMES[scheme]:
        toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])


def contrast_problems_on(page: Page, known: dict[str, set[str]] | None = None) -> list[str]:
    """Both schemes on the page as loaded (one load serves both). `known`: per
    scheme, the style signatures earlier pages of the same test measured already."""
    known = known if known is not None else {}
    problems = []
    for scheme in SCHEMES:
        use_scheme(page, scheme)
        stops, keyboard = keyboard_pass(page)
        _kinds, pointer = pointer_pass(page, known.setdefault(scheme, set()))
        assert stops > 3, f"only {stops} tab stops on {page.url}: the page did not load"
        problems += [f"{page.url} [{scheme}] {p}" for p in keyboard + pointer]
    return problems


def test_guide_pages_keep_contrast_in_every_state(browser: Browser, site_url):
    # Every page is tabbed through; each kind of element is hovered, pressed and
    # so on once per scheme, on the first page that has it.
    known: dict[str, set[str]] = {}
    problems = []
    with scheme_page(browser, "light") as page:
        for page_id in GUIDE_PAGES:
            page.goto(f"{site_url}/{SITE.url(SOURCE, page_id)}")
            problems += contrast_problems_on(page, known)
    assert sum(map(len, known.values())) > 10, known
    assert not problems, f"{len(problems)} contrast problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("page_id", FORM_PAGES)
def test_quiz_result_and_draft_keep_contrast_in_every_state(browser: Browser, site_url, page_id):
    with scheme_page(browser, "light") as page:
        open_with_result(page, f"{site_url}/{SITE.url(SOURCE, page_id)}")
        for scheme in SCHEMES:
            # The result region takes focus from the script: its ring counts too.
            use_scheme(page, scheme)
            page.keyboard.press("Shift")
            page.locator("#quiz-result").focus()
            page.evaluate(PROBE)
            m = page.evaluate("() => __pkProbe.measure('active')")
            problems = contrast_problems(f"[{scheme}] result focused", m, ring=True)
            assert not problems, "\n".join(problems)
        problems = contrast_problems_on(page)
        assert not problems, f"{len(problems)} contrast problems:\n" + "\n".join(problems)


# ---- 320 px wide (400 % zoom on a 1280 px screen) ----------------------------------

OVERFLOW = Path(__file__).with_name("overflow_probe.js").read_text(encoding="utf-8")
NARROW = {"width": 320, "height": 640}


def overflow_on(page: Page) -> list[str]:
    page.evaluate(OVERFLOW)
    return [f"{page.url}: {line}" for line in page.evaluate("() => __pkOverflow('body')")]


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_overflows_its_container_at_320px(browser: Browser, site_url, lang):
    """Every guide page, the quiz with a result and the draft message open, and the
    embed view: no sideways scrolling, and nothing (element or line of text) drawn
    past the edge of the box it sits in."""
    problems = []
    with scheme_page(browser, "light", viewport=NARROW) as page:
        for page_id in GUIDE_PAGES:
            page.goto(f"{site_url}/{SITE.url(lang, page_id)}")
            problems += overflow_on(page)
        for page_id in FORM_PAGES:
            open_with_result(page, f"{site_url}/{SITE.url(lang, page_id)}")
            # The drafter's fields, wording picker and text are the widest things here.
            expect(page.locator("#quiz-draft select").first).to_be_visible()
            problems += overflow_on(page)
    assert not problems, f"{len(problems)} overflows at 320 px:\n" + "\n".join(problems)


# ---- Forced colours ------------------------------------------------------------------

VERDICTS = {
    "keep": {**NEVER, "self-check": "done", "exhausted": "no", "certainty": "sure"},
    "last-attempt": {**NEVER, "scope-creep": "often", "self-check": "done", "exhausted": "no", "certainty": "sure"},
    "part-ways": {**NEVER, "aggression": "often", "self-check": "done", "exhausted": "yes", "certainty": "sure"},
}


def leading_edge(page: Page, selector: str, extra: float = 0) -> bytes:
    """A screenshot of the element's left edge: its left border, plus `extra` times
    (padding + 1.2em) inside it (where the engine line's mark is), never its text."""
    box = page.evaluate(
        """([selector, extra]) => {
        const el = document.querySelector(selector);
        // Its top a third down the viewport: clear of the sticky header, even when tall.
        window.scrollBy(0, el.getBoundingClientRect().top - innerHeight / 3);
        const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
        const width = parseFloat(cs.borderLeftWidth) +
          extra * (parseFloat(cs.paddingLeft) + 1.2 * parseFloat(cs.fontSize));
        return {x: r.left, y: r.top + 2, width: Math.max(width, 1), height: Math.min(r.height - 4, 36)};
    }""",
        [selector, extra],
    )
    page.evaluate("() => document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
    return page.screenshot(clip=box, animations="disabled")


def assert_distinct(shots: dict[str, bytes], what: str) -> None:
    names = list(shots)
    same = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if shots[a] == shots[b]]
    assert not same, f"in forced colours these {what} look the same: {same}"


def test_forced_colours_give_each_verdict_and_engine_state_its_own_shape(browser: Browser, site_url):
    """With the system's forced colours every colour is the same system colour, so
    what still tells the verdicts (and the engine's states) apart is shape: the
    screenshots of each one's edge must differ, and the same one twice must not."""
    url = f"{site_url}/{SITE.url(SOURCE, 'quiz')}"
    engine: dict[str, bytes] = {}
    with scheme_page(browser, "light", forced_colors="active") as page:
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        held = []
        page.route("**/*.wasm*", lambda route: held.append(route))  # the runtime never arrives: still loading
        page.goto(url)
        expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "loading")
        engine["loading"] = leading_edge(page, "#quiz-engine", extra=1)
        for route in held:
            route.abort()
    with scheme_page(browser, "light", forced_colors="active") as page:
        page.route("**/*.wasm*", lambda route: route.abort())
        page.goto(url)
        expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "failed", timeout=READY)
        engine["failed"] = leading_edge(page, "#quiz-engine", extra=1)
    with scheme_page(browser, "light", forced_colors="active") as page:
        page.goto(url)
        expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
        engine["ready"] = leading_edge(page, "#quiz-engine", extra=1)
        assert leading_edge(page, "#quiz-engine", extra=1) == engine["ready"], "screenshots are not repeatable"
        assert_distinct(engine, "engine states")

        verdicts: dict[str, bytes] = {}
        for verdict, answers in VERDICTS.items():
            submit(page, answers)
            expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", verdict)
            verdicts[verdict] = leading_edge(page, "#quiz-result")
        assert_distinct(verdicts, "verdicts")
        submit(page, VERDICTS["keep"])
        expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", "keep")
        assert leading_edge(page, "#quiz-result") == verdicts["keep"], "screenshots are not repeatable"


# ---- The Back button --------------------------------------------------------------


def answers_left(page: Page) -> None:
    """Nothing of the last visit is shown: no option checked, no result, no draft."""
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    expect(page.locator("form#assessment input:checked")).to_have_count(0)
    expect(page.locator("#quiz-result")).to_be_hidden()
    expect(page.locator("#quiz-result")).not_to_have_attribute("data-verdict", re.compile("."))
    expect(page.locator("#quiz-draft")).to_have_count(0)


def leave_and_come_back(page: Page, url: str) -> None:
    """A result, then a link from its plan into the guide, then Back."""
    open_with_result(page, url)
    assert page.locator("form#assessment input:checked").count() == len(PART_WAYS)
    page.evaluate("() => { window.__pkStillHere = true; }")  # survives only in the back-forward cache
    page.locator("#quiz-result .pk-quiz__plan a").first.click()
    page.wait_for_url(re.compile(r"/(recognize|part-ways)/"))
    # A page restored from the back-forward cache fires no "load": wait for the commit.
    page.go_back(wait_until="commit")
    page.wait_for_url(url, wait_until="commit")


def test_back_button_brings_back_no_answers_without_the_back_forward_cache(page: Page, site_url):
    """Playwright's Chromium runs without the back-forward cache: Back reloads the
    page, and the browser's form-state memory must not refill the answers."""
    url = f"{site_url}/{SITE.url(SOURCE, 'quiz')}"
    leave_and_come_back(page, url)
    assert page.evaluate("() => window.__pkStillHere === undefined"), "the page came from the cache after all"
    answers_left(page)


def test_back_button_brings_back_no_answers_from_the_back_forward_cache(
    browser_type, browser_type_launch_args, site_url
):
    """Chromium with its back-forward cache on (Playwright switches it off by default):
    Back shows the page kept in memory, which must come back clean."""
    browser = browser_type.launch(**browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"])
    try:
        page = browser.new_page()
        url = f"{site_url}/{SITE.url(SOURCE, 'quiz')}"
        leave_and_come_back(page, url)
        assert page.evaluate("() => window.__pkStillHere === true"), (
            "Back reloaded the page: the back-forward cache was not used, so this test tests nothing"
        )
        answers_left(page)
    finally:
        browser.close()


# ---- "Working out your result…" ---------------------------------------------------

# Test-only: hold the page's "assess" requests to the engine worker until released,
# so the moment between submit and result can be looked at (it lasts milliseconds).
# A request is {type: "request", request: "assess", ...} (web/quiz/lib/types.js
# RequestMessage); window.__pkHeld counts the held ones, so the test waits for the hold
# to have taken before it looks.
HOLD_ASSESS = """
(() => {
  const post = Worker.prototype.postMessage;
  window.__pkHeld = [];
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === "request" && message.request === "assess" && window.__pkHold) {
      window.__pkHeld.push(() => post.call(this, message, ...rest));
      return;
    }
    return post.call(this, message, ...rest);
  };
})();
"""


def test_working_out_the_result_is_announced_by_the_status_region(page: Page, site_url):
    page.add_init_script(HOLD_ASSESS)
    held = []
    page.route("**/*.wasm*", lambda route: held.append(route))  # hold the engine in "loading"
    page.goto(f"{site_url}/{SITE.url(SOURCE, 'quiz')}")
    ui = json.loads(page.locator("#quiz-data").text_content() or "")["ui"]
    status = page.locator('#quiz-engine[role="status"][aria-live="polite"]')
    submit_button = page.locator("form#assessment button[type=submit]")

    # While the engine loads, the region says so and nothing can be submitted
    # (Enter in a radio included): no silent "Working out…" anywhere.
    expect(status).to_have_attribute("data-state", "loading")
    expect(status).to_contain_text(ui["engine_loading"])
    expect(submit_button).to_be_disabled()
    page.locator("input[name=schedule][value=never]").check()
    page.keyboard.press("Enter")
    expect(page.locator("#quiz-result")).to_be_hidden()
    for route in held:
        route.continue_()
    page.unroute("**/*.wasm*")

    # Once it is ready, a result on its way is announced in the same region, and the
    # words go once the result is there (it takes focus and is read itself).
    expect(status).to_have_attribute("data-state", "ready", timeout=READY)
    page.evaluate("() => { window.__pkHold = true; }")
    submit(page, VERDICTS["keep"])
    page.wait_for_function("() => window.__pkHeld.length === 1")  # the request is held: no result yet
    expect(status).to_contain_text(ui["computing"])
    page.evaluate("() => { window.__pkHold = false; window.__pkHeld.forEach((send) => send()); }")
    expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", "keep")
    expect(page.locator("#quiz-result")).to_be_focused()
    expect(status).not_to_contain_text(ui["computing"])
