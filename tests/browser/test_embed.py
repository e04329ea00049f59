"""The embed view (/quiz/embed/, /<lang>/quiz/embed/) in Chromium, framed by a course
page on another origin: the questions and engine of the quiz page without the
site's chrome, the height and one result message (verdict and score, never the
answers) posted only to the origin named in ?parent=, result links opening the
guide in a new tab, privacy and accessibility. The frame also resizes itself in
parents that speak the platforms' own conventions: a Canvas-like page (its
`lti.frameResize` message) and a page running H5P's resizer protocol (the course
pages: tests/browser/course_harness.py).

Every language's embed view and course page where they are the language's (its
links, its words, axe); the messages and the resizing in one (the same script)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Frame, Page, expect

from quiz.session import Session
from scripts.paths import ROOT
from scripts.serve import serving
from tests import course_claims
from tests.expect import ok
from tests.site import LANGS, SITE, SOURCE, lang_of

from .course_harness import CANVAS, H5P, HARNESS
from .helpers import watch

VECTORS = {v["name"]: v for v in json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))}
READY = 40_000  # ms; ~3 s here, cold


def embed_url(site_url: str, lang: str) -> str:
    return f"{site_url}/{SITE.url(lang, 'quiz-embed')}"


# Every message the frame may post, by kind: the keys it carries.
MESSAGE_KEYS = {
    "parting-kit:height": {"type", "version", "height"},
    "parting-kit:result": {"type", "version", "verdict", "score", "max_score"},
    "lti.frameResize": {"subject", "height"},
    "h5p:hello": {"context", "action"},
    "h5p:prepareResize": {"context", "action", "scrollHeight", "clientHeight"},
    "h5p:resize": {"context", "action", "scrollHeight"},
}


def kind(data: dict) -> str:
    if data.get("context") == "h5p":
        return f"h5p:{data.get('action')}"
    return data.get("type") or data.get("subject") or "?"


@pytest.fixture(scope="module")
def course_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second loopback server: another origin than the site's (a plain, a Canvas-like and an H5P page)."""
    root = tmp_path_factory.mktemp("course")
    (root / "index.html").write_text(HARNESS, encoding="utf-8")
    (root / "canvas.html").write_text(CANVAS, encoding="utf-8")
    (root / "h5p.html").write_text(H5P, encoding="utf-8")
    with serving(root) as url:
        yield url


def framed(page: Page, course_url: str, src: str, parent: str = "") -> Frame:
    page.goto(f"{course_url}/{parent}?src={quote(src, safe='')}")
    frame_locator = page.frame_locator("#frame")
    expect(frame_locator.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    return page.main_frame.child_frames[0]


def submit(frame: Frame, answers: dict[str, str]) -> None:
    frame.locator("form#assessment button[type=reset]").click()
    for question, option in answers.items():
        frame.locator(f'input[name="{question}"][value="{option}"]').check()
    frame.locator("form#assessment button[type=submit]").click()


def settle(page: Page, frame: Frame, mark: str) -> list[dict]:
    """Everything the course page received up to now.

    The frame posts a marker to the course page ("*": a test-only message); the
    browser delivers one window's messages in order, so when the marker is in,
    every message the embed posted before it has arrived too (or was dropped).
    """
    frame.evaluate("mark => window.parent.postMessage({probe: mark}, '*')", mark)
    page.wait_for_function("mark => window.received.some(m => m.data && m.data.probe === mark)", arg=mark)
    return [m for m in page.evaluate("window.received") if not (isinstance(m["data"], dict) and "probe" in m["data"])]


def expected_result(frame: Frame, vector: dict) -> dict:
    definition = json.loads(frame.locator("#quiz-data").text_content() or "")["definition"]
    result = ok(Session(definition).assess(vector["answers"]))
    return {
        "type": "parting-kit:result",
        "version": 1,
        "verdict": vector["expected"]["verdict"],
        "score": result["score"],
        "max_score": result["max_score"],
    }


def test_course_page_gets_heights_and_one_result_with_verdict_and_score_only(page: Page, site_url, course_url):
    frame = framed(page, course_url, f"{embed_url(site_url, SOURCE)}?parent={course_url}")
    vector = VECTORS["flagged-exhausted-part-ways"]
    submit(frame, vector["answers"])
    expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", vector["expected"]["verdict"])
    received = settle(page, frame, "after-result")

    assert received, "nothing was posted"
    assert all(m["origin"] == site_url and m["fromFrame"] for m in received)
    # Nothing but the known messages, each with exactly its keys; no H5P resizing
    # before a page answered "hello" (this one has no resizer).
    assert all(set(m["data"]) == MESSAGE_KEYS[kind(m["data"])] for m in received), received
    assert {kind(m["data"]) for m in received} <= {
        "parting-kit:height",
        "parting-kit:result",
        "lti.frameResize",
        "h5p:hello",
    }
    heights = [m["data"] for m in received if kind(m["data"]) == "parting-kit:height"]
    results = [m["data"] for m in received if kind(m["data"]) == "parting-kit:result"]
    canvas = [m["data"]["height"] for m in received if kind(m["data"]) == "lti.frameResize"]
    assert canvas == [h["height"] for h in heights]  # the same heights, in Canvas's words
    assert heights and all(set(h) == {"type", "version", "height"} and h["version"] == 1 for h in heights)
    assert all(isinstance(h["height"], int) and h["height"] > 0 for h in heights)
    assert results == [expected_result(frame, vector)]
    # No answer value travels with it (the message's keys are fixed above; this
    # also catches a value smuggled into one of them).
    assert not set(vector["answers"].values()) & {str(v) for v in results[0].values()}

    # The result makes the content taller: a height message says so, and the
    # course page, sizing the frame from it, shows it without inner scrolling.
    page.wait_for_function(
        "first => window.received.some(m => m.data.type === 'parting-kit:height' && m.data.height > first)",
        arg=heights[0]["height"],
    )
    # (this harness sizes the frame from parting-kit:height)
    frame.wait_for_function("() => document.documentElement.scrollHeight <= window.innerHeight")


def test_what_the_course_page_and_the_readme_say_the_frame_posts_is_what_it_posts(
    page: Page, site_url, course_url, built_site
):
    """The result message as the guide's course page (its table of messages, in every
    language) and the README describe it: the same fields, and the same type and
    version, as the one the frame really posts (the same message in every language)."""
    frame = framed(page, course_url, f"{embed_url(site_url, SOURCE)}?parent={course_url}")
    vector = VECTORS["flagged-exhausted-part-ways"]
    submit(frame, vector["answers"])
    expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", vector["expected"]["verdict"])
    results = [m["data"] for m in settle(page, frame, "claims") if kind(m["data"]) == "parting-kit:result"]
    assert len(results) == 1, results
    posted = results[0]
    verdicts = set(json.loads(frame.locator("#quiz-data").text_content() or "")["definition"]["verdicts"])
    claims = {
        **{
            f"{course_claims.course_page(lang)} (table of messages)": course_claims.page_result_fields(
                built_site, lang, verdicts
            )
            for lang in LANGS
        },
        **{f"README.md, result message {i}": c for i, c in enumerate(course_claims.readme_result_messages(verdicts))},
    }
    for where, claimed in claims.items():
        assert set(claimed) == set(posted), (where, claimed, posted)
        for name, value in claimed.items():
            assert value is None or value == str(posted[name]), (where, name, value, posted)


def test_a_second_result_is_a_second_message(page: Page, site_url, course_url):
    frame = framed(page, course_url, f"{embed_url(site_url, 'en')}?parent={course_url}")
    for name in ("all-clear", "aggression-once-hard-stop"):
        submit(frame, VECTORS[name]["answers"])
        expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", VECTORS[name]["expected"]["verdict"])
    received = settle(page, frame, "two-results")
    results = [m["data"] for m in received if kind(m["data"]) == "parting-kit:result"]
    assert [r["verdict"] for r in results] == ["keep", "part-ways"]


def content_height(frame: Frame) -> int:
    """The height the frame's content needs, as embed.js measures it."""
    return frame.evaluate("""() => {
        const article = document.querySelector("article");
        const margin = parseFloat(getComputedStyle(article).marginBottom) || 0;
        return Math.ceil(article.getBoundingClientRect().bottom + window.scrollY + margin);
    }""")


def wait_frame_fits(page: Page, frame: Frame) -> int:
    """Wait until the parent has sized the frame to its content; return that height."""
    frame.wait_for_function("""() => {
        const article = document.querySelector("article");
        const margin = parseFloat(getComputedStyle(article).marginBottom) || 0;
        const needed = Math.ceil(article.getBoundingClientRect().bottom + window.scrollY + margin);
        return Math.abs(window.innerHeight - needed) <= 1;
    }""")
    assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    return page.locator("#frame").evaluate("f => f.getBoundingClientRect().height")


@pytest.mark.parametrize("platform", ["canvas", "h5p"])
def test_frame_resizes_itself_in_canvas_and_on_h5p_pages(page: Page, site_url, course_url, platform):
    frame = framed(page, course_url, f"{embed_url(site_url, SOURCE)}?parent={course_url}", parent=f"{platform}.html")
    before = wait_frame_fits(page, frame)
    assert before != 400  # the parent's own height was replaced by the content's

    # A result makes the content taller: the frame follows, with no inner scrolling.
    vector = VECTORS["review-threats-full-plan"]
    submit(frame, vector["answers"])
    expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", vector["expected"]["verdict"])
    page.wait_for_function("h => document.getElementById('frame').getBoundingClientRect().height > h + 100", arg=before)
    taller = wait_frame_fits(page, frame)
    # Starting over hides the result: the frame shrinks back.
    frame.locator("form#assessment button[type=reset]").click()
    page.wait_for_function("h => document.getElementById('frame').getBoundingClientRect().height < h", arg=taller)
    wait_frame_fits(page, frame)

    received = settle(page, frame, platform)
    assert received and all(m["origin"] == site_url and m["fromFrame"] for m in received)
    assert all(set(m["data"]) == MESSAGE_KEYS[kind(m["data"])] for m in received), received
    kinds = [kind(m["data"]) for m in received]
    if platform == "h5p":
        # The handshake, then the resizer's two steps for each change.
        assert kinds.index("h5p:hello") < kinds.index("h5p:prepareResize") < kinds.index("h5p:resize")
        sizes = [m["data"]["scrollHeight"] for m in received if kind(m["data"]) == "h5p:resize"]
        assert max(sizes) >= taller - 1
    else:
        assert "lti.frameResize" in kinds and "h5p:prepareResize" not in kinds


@pytest.mark.parametrize(
    ("parent", "harness"),
    [
        ("http://127.0.0.1:9", ""),
        ("{course}/lesson/1", ""),
        ("not a url", ""),
        ("javascript:alert(1)", ""),
        (None, ""),
        ("http://127.0.0.1:9", "canvas.html"),
        ("http://127.0.0.1:9", "h5p.html"),
    ],
    ids=["other-origin", "with-a-path", "not-a-url", "javascript", "absent", "other-origin-canvas", "other-origin-h5p"],
)
def test_without_the_right_parent_origin_nothing_is_delivered(page: Page, site_url, course_url, parent, harness):
    src = embed_url(site_url, SOURCE)
    if parent is not None:
        src += "?parent=" + quote(parent.format(course=course_url), safe="")
    frame = framed(page, course_url, src, parent=harness)
    vector = VECTORS["one-sign-often-last-attempt"]
    submit(frame, vector["answers"])
    expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", vector["expected"]["verdict"])
    # The frame still lays out and renders the result; only nothing reaches the
    # course, so neither Canvas nor H5P's resizer ever resizes it.
    assert settle(page, frame, "wrong-parent") == []
    assert page.locator("#frame").evaluate("f => f.getBoundingClientRect().height") == 400
    expect(frame.locator("#pk-embed-shares")).to_be_hidden()


@pytest.mark.parametrize("lang", LANGS)
def test_embed_view_is_the_quiz_without_chrome_private_and_accessible(page: Page, site_url, built_site, lang):
    traffic = watch(page, site_url)
    page.goto(embed_url(site_url, lang))
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("header, nav, footer, .md-header, .md-search, .md-sidebar, .md-footer").count() == 0

    # Same questions as the quiz page.
    quiz_html = (built_site / SITE.file(lang, "quiz")).read_text("utf-8")
    embed_ids = page.locator("fieldset[data-question]").evaluate_all("fs => fs.map(f => f.dataset.question)")
    assert embed_ids and all(f'data-question="{q}"' in quiz_html for q in embed_ids)
    assert quiz_html.count("data-question=") == len(embed_ids)

    vector = VECTORS["review-threats-full-plan"]
    submit(page.main_frame, vector["answers"])
    result = page.locator("#quiz-result")
    expect(result).to_have_attribute("data-verdict", vector["expected"]["verdict"])
    expect(result).to_be_focused()
    # Links open the guide of the page's language in a new tab, at real sections.
    links = result.locator("a[href]")
    assert links.count() >= len(vector["expected"]["plan"])
    for i in range(links.count()):
        link = links.nth(i)
        assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener"
        url = link.evaluate("a => a.href")
        assert lang_of(url.removeprefix(site_url + "/")) == lang and "/quiz/" not in url, url
        path, _, anchor = url[len(site_url) + 1 :].partition("#")
        assert f'id="{anchor}"' in (built_site / path / "index.html").read_text("utf-8")
    # Not framed: nothing to post to, so the note about sharing stays hidden.
    expect(page.locator("#pk-embed-shares")).to_be_hidden()

    assert traffic.off_origin == []
    assert traffic.errors == []
    violations = Axe().run(page)
    assert violations.violations_count == 0, violations.generate_report()


def test_dark_system_setting_gives_the_dark_scheme(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(embed_url(site_url, "en"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.emulate_media(color_scheme="light")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_course_authors_page_has_the_snippet_and_the_message_format(built_site, lang):
    html = (built_site / course_claims.course_page(lang)).read_text("utf-8")
    assert f'<html lang="{lang}"' in html
    assert f"{SITE.url(lang, 'quiz-embed')}?parent=https://course.example" in html
    for text in (
        "parting-kit:height",
        "parting-kit:result",
        "max_score",
        "make scorm",
        "cmi.core.score.raw",
        "lti.frameResize",
        "h5p-resizer.js",
        "prepareResize",
        "parting-kit-scorm2004.zip",
        "cmi.completion_status",
        "cmi.score.scaled",
        "cmi.success_status",
        'id="canvas"',
        'id="h5p"',
    ):
        assert text in html, text


def test_rebase_moves_relative_urls_one_level_deeper():
    from scripts.publish.embed import rebase

    assert rebase("../assets/quiz/quiz.js") == "../../assets/quiz/quiz.js"
    assert rebase("../recognize/#self-check") == "../../recognize/#self-check"
    for kept in ("#quiz-result", "/abs/", "https://x.example/", "data:,", ""):
        assert rebase(kept) == kept
