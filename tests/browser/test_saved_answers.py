"""Saved answers in Chromium: "Save my answers" downloads the versioned
file Python wrote (only when asked), "Open saved answers" puts a file's answers back
into the form, and the next result shows what changed (#quiz-change: signs that
appeared, disappeared or moved; score and verdict then and now) on screen, on paper
and in the Markdown result. Bad files (not JSON, huge, another version, labels
instead of ids, extra fields, markup in strings) are refused with the engine's
message, shown as text, and leave the form as it was. Throughout, nothing is
stored (storage, cookies) and no request is made. One language: the file, its checks
and the comparison are the engine's, the same in every language, and the engine's
words in each language are tests/quiz/test_saved.py's."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from quiz.session import Session
from tests.expect import ok, present
from tests.site import SITE, SOURCE

from .helpers import submit, watch

READY = 40_000  # ms; ~3 s here, cold
SIGNS = ["schedule", "scope-creep", "belittling", "invoices", "aggression", "review-threats", "nitpicking", "expertise"]


def verdict_of(definition: dict, answers: dict) -> str:
    """The verdict CPython's engine gives these answers (the page must show the same)."""
    return ok(Session(definition).assess(answers))["verdict"]


def answers(**signs: str) -> dict[str, str]:
    result = dict.fromkeys(SIGNS, "never")
    result.update({k.replace("_", "-"): v for k, v in signs.items()})
    result.update({"self-check": "done", "exhausted": "yes", "certainty": "sure"})
    return result


THEN = answers(schedule="sometimes", invoices="often", nitpicking="sometimes")
NOW = answers(invoices="sometimes", nitpicking="often", aggression="sometimes")


def open_quiz(page: Page, site_url: str, lang: str) -> dict:
    page.goto(f"{site_url}/{SITE.url(lang, 'quiz')}")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    # Material's own start-up requests are over before the steps under test begin.
    page.wait_for_load_state("networkidle")
    return json.loads(page.locator("#quiz-data").text_content() or "")["definition"]


def form_state(page: Page) -> dict[str, str | None]:
    return page.locator("form#assessment").evaluate("""form => Object.fromEntries(
        [...form.querySelectorAll("fieldset[data-question]")].map(set => [
            set.dataset.question, (set.querySelector("input:checked") || {}).value || null]))""")


def fill(page: Page, chosen: dict[str, str]) -> None:
    page.locator("form#assessment button[type=reset]").click()
    for question, option in chosen.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()


def choose_file(page: Page, name: str, content: bytes, mime: str = "application/json") -> None:
    page.locator('input[type="file"][data-action="open-answers"]').set_input_files(
        {"name": name, "mimeType": mime, "buffer": content}
    )


def nothing_stored(page: Page) -> None:
    state = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
        databases: indexedDB.databases ? (await indexedDB.databases()).length : 0,
        caches: (await caches.keys()).length,
        url: location.href})""")
    assert state["local"] == 0 and state["session"] == 0 and state["cookie"] == ""
    assert state["databases"] == 0 and state["caches"] == 0
    assert "?" not in state["url"] and "#" not in state["url"]
    assert page.context.cookies() == []


def web_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if u.startswith(("http:", "https:"))]


def test_save_open_and_compare_with_nothing_stored_and_no_request(page: Page, site_url, tmp_path):
    lang = SOURCE
    traffic = watch(page, site_url)
    definition = open_quiz(page, site_url, lang)
    start = len(traffic.requests)
    # Nothing is offered to save before there is a result.
    assert page.locator('[data-action="save-answers"]').count() == 0
    expect(page.locator('input[type="file"][data-action="open-answers"]')).to_be_visible()

    submit(page, THEN)
    expect(page.locator("#quiz-result")).to_have_attribute(
        "data-verdict", ok(Session(definition).assess(THEN))["verdict"]
    )
    expect(page.locator("#quiz-change")).to_have_count(0)
    with page.expect_download() as download:
        page.locator('button[data-action="save-answers"]').click()
    saved_to = tmp_path / "answers.json"
    download.value.save_as(saved_to)
    text = saved_to.read_text("utf-8")
    today = page.evaluate(
        "() => { const d = new Date(); return [d.getFullYear(), String(d.getMonth() + 1)"
        ".padStart(2, '0'), String(d.getDate()).padStart(2, '0')].join('-') }"
    )
    made = ok(Session(definition).save_answers(THEN, today))
    assert text == made["text"] and download.value.suggested_filename == made["filename"]
    assert json.loads(text)["answers"] == THEN and json.loads(text)["definition_version"] == 1
    expect(page.locator(".pk-saved__notice")).to_have_text(made["message"])

    # A month later: a fresh page, the file opened, the answers back in the form.
    definition = open_quiz(page, site_url, lang)
    start = len(traffic.requests)
    choose_file(page, made["filename"], saved_to.read_bytes())
    opened = ok(Session(definition).open_answers(text, len(text.encode())))
    expect(page.locator("#quiz-saved-status")).to_have_text(opened["message"])
    assert form_state(page) == THEN
    expect(page.locator("#quiz-saved-error")).to_have_text("")

    # Things changed: the new result says how.
    for question, option in NOW.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()
    page.locator("form#assessment button[type=submit]").click()
    expect(page.locator("#quiz-result")).to_have_attribute(
        "data-verdict", ok(Session(definition).assess(NOW))["verdict"]
    )
    change = ok(Session(definition).compare_answers(opened, NOW))
    section = page.locator("#quiz-result #quiz-change")
    expect(section).to_be_visible()
    expect(section.locator("h3")).to_have_text(change["heading"])
    expect(section.locator(".pk-change__score")).to_have_text(change["score"]["text"])
    expect(section.locator(".pk-change__verdict")).to_have_text(change["verdict"]["text"])
    shown = section.locator("ul[data-group]").evaluate_all(
        "lists => lists.map(l => [l.dataset.group, [...l.children].map(li => li.dataset.sign)])"
    )
    assert shown == [[g["id"], [s["id"] for s in g["signs"]]] for g in change["groups"]]
    assert [g["id"] for g in change["groups"]] == ["appeared", "disappeared", "more_frequent", "less_frequent"]
    # Each sign links to its section of the guide, in the page's language.
    first = change["groups"][0]["signs"][0]
    href = present(section.locator(f'li[data-sign="{first["id"]}"] a').get_attribute("href"), "the sign's link")
    assert href.endswith((f"/recognize/#{first['section']}", f"recognize/#{first['section']}"))

    # Starting over forgets the file: the next result has no comparison.
    submit(page, NOW)
    expect(page.locator("#quiz-result")).to_have_attribute(
        "data-verdict", ok(Session(definition).assess(NOW))["verdict"]
    )
    expect(page.locator("#quiz-change")).to_have_count(0)

    assert web_requests(traffic.requests[start:]) == [], traffic.requests[start:]
    assert traffic.off_origin == [] and traffic.errors == []
    nothing_stored(page)


BAD_FILES = {
    "not-json": b"Dear diary, the client shouted again.",
    "huge": b'{"format": "parting-kit-answers", "padding": "' + b"x" * 300_000 + b'"}',
    "other-version": json.dumps(
        {
            "format": "parting-kit-answers",
            "version": 2,
            "definition_version": 1,
            "saved_on": "2026-11-01",
            "answers": THEN,
        }
    ).encode(),
    "labels-not-ids": json.dumps(
        {
            "format": "parting-kit-answers",
            "version": 1,
            "definition_version": 1,
            "saved_on": "2026-11-01",
            "answers": {**THEN, "invoices": "Часто"},
        },
        ensure_ascii=False,
    ).encode(),
    "extra-field": json.dumps(
        {
            "format": "parting-kit-answers",
            "version": 1,
            "definition_version": 1,
            "saved_on": "2026-11-01",
            "answers": THEN,
            "score": 52,
        }
    ).encode(),
    "markup-in-strings": json.dumps(
        {
            "format": "parting-kit-answers",
            "version": 1,
            "definition_version": 1,
            "saved_on": "2026-11-01",
            "answers": {**THEN, '<img src=x onerror="window.pwned=1">': "often"},
        }
    ).encode(),
}


def test_bad_files_are_refused_with_a_message_and_the_form_unchanged(page: Page, site_url):
    traffic = watch(page, site_url)
    definition = open_quiz(page, site_url, SOURCE)
    start = len(traffic.requests)
    fill(page, NOW)
    before = form_state(page)
    error = page.locator("#quiz-saved-error")
    for name, content in BAD_FILES.items():
        choose_file(page, f"{name}.json", content)
        text = content.decode("utf-8", "replace")[: 16 * 1024 + 1]
        expected = Session(definition).open_answers(text, len(content))["error"]
        expect(error).to_have_text(expected["message"])
        assert expected["message"].endswith(definition["ui"]["saved_form_unchanged"])
        assert form_state(page) == before, name
        # Shown as text: no element made from the file.
        assert error.evaluate("p => p.children.length") == 0
        expect(page.locator("#quiz-saved-status")).to_have_text("")
    assert page.locator("#quiz-saved img, #quiz-result img").count() == 0
    assert page.evaluate("window.pwned") is None

    # A good file after bad ones still opens, and the error goes.
    good = ok(Session(definition).save_answers(THEN, "2026-11-01"))["text"].encode()
    choose_file(page, "good.json", good)
    expect(page.locator("#quiz-saved-status")).not_to_have_text("")
    expect(error).to_have_text("")
    assert form_state(page) == THEN
    assert web_requests(traffic.requests[start:]) == []
    nothing_stored(page)


def test_the_change_prints_and_goes_into_the_markdown_result(page: Page, site_url, tmp_path):
    definition = open_quiz(page, site_url, "en")
    text = ok(Session(definition).save_answers(THEN, "2026-11-01"))["text"]
    choose_file(page, "answers.json", text.encode())
    expect(page.locator("#quiz-saved-status")).not_to_have_text("")
    for question, option in NOW.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()
    page.locator("form#assessment button[type=submit]").click()
    expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", "part-ways")
    change = ok(Session(definition).compare_answers(Session(definition).open_answers(text), NOW))
    expect(page.locator("#quiz-change")).to_be_visible()

    # On paper: the change stays, the file controls go.
    page.emulate_media(media="print")
    expect(page.locator("#quiz-change")).to_be_visible()
    expect(page.locator("#quiz-saved")).to_be_hidden()
    expect(page.locator('[data-action="save-answers"]')).to_be_hidden()
    page.emulate_media(media="screen")

    # The "my result" document has it too.
    expect(page.locator("#quiz-draft")).to_have_attribute("data-state", "ready")
    with page.expect_download() as download:
        page.locator('#quiz-draft [data-action="md"]').click()
    document = Path(download.value.path()).read_text("utf-8")
    assert f"## {change['heading']}" in document
    assert change["score"]["text"] in document.replace("\\", "")
    for group in change["groups"]:
        assert f"### {group['heading']}" in document


def deep(depth: int, kind: str) -> bytes:
    """A small file of nothing but nested arrays or objects (or both in turn)."""
    opening = {"arrays": ["["], "objects": ['{"a":'], "mixed": ["[", '{"a":']}[kind]
    levels = [opening[i % len(opening)] for i in range(depth)]
    return ("".join(levels) + "1" + "".join("]" if o == "[" else "}" for o in reversed(levels))).encode()


# Each within the size limit except the last: json.loads would recurse through them
# until Pyodide's WebAssembly stack overflows (a fatal error that kills the engine).
DEEP_FILES = [
    ("arrays", 100),
    ("arrays", 5_000),
    ("objects", 2_500),
    ("mixed", 4_000),
    ("arrays", 8_000),
    ("mixed", 100_000),
]


def test_deeply_nested_files_are_refused_and_the_engine_keeps_working(page: Page, site_url):
    definition = open_quiz(page, site_url, SOURCE)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    error, engine = page.locator("#quiz-saved-error"), page.locator("#quiz-engine")
    for kind, depth in DEEP_FILES:
        content = deep(depth, kind)
        choose_file(page, f"deep-{kind}-{depth}.json", content)
        expected = Session(definition).open_answers(content.decode()[: 16 * 1024 + 1], len(content))["error"]
        assert expected["key"] == ("saved_too_big" if len(content) > 16 * 1024 else "saved_too_deep")
        expect(error).to_have_text(expected["message"])
        expect(engine).to_have_attribute("data-state", "ready")
        # The next file starts from a clean slate, so each message is a new one.
        choose_file(page, "empty.json", b"")
        expect(error).to_have_text(Session(definition).open_answers("", 0)["error"]["message"])

    # The same engine still opens a good file and scores it.
    good = ok(Session(definition).save_answers(THEN, "2026-11-01"))["text"].encode()
    choose_file(page, "good.json", good)
    expect(page.locator("#quiz-saved-status")).not_to_have_text("")
    expect(error).to_have_text("")
    assert form_state(page) == THEN
    page.locator("form#assessment button[type=submit]").click()
    expected_result = ok(Session(definition).assess(THEN))
    expect(page.locator("#quiz-result")).to_have_attribute("data-verdict", expected_result["verdict"])
    expect(page.locator("#quiz-change")).to_be_visible()
    expect(engine).to_have_attribute("data-state", "ready")
    assert errors == []
