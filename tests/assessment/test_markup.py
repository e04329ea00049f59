"""The quiz page's markup (scripts/assessment/markup.py with overrides/partials/quiz/):
it comes from the templates, not from Python; it carries every DOM hook of
CONTRACT.md's "Self-assessment page" and the attributes the page relies on, on
the built quiz pages and their embed views; every text is escaped; and the
scoring by hand is the definition's."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from scripts.assessment import markup
from scripts.build import generate
from scripts.paths import ROOT
from scripts.publish import html
from scripts.templates import OVERRIDES
from tests import expect
from tests.site import FORM_PAGES, LANGS, SITE

DEFINITION = tomllib.loads((ROOT / "quiz" / "definition.toml").read_text(encoding="utf-8"))
TEMPLATES = ("block.html", "form.html", "manual.html", "embed.html")

# A tag written in Python source: what the templates hold now.
TAG = re.compile(
    r"<(?:form|fieldset|legend|div|section|details|summary|table|tr|td|th|label|input|button|p|span"
    r"|noscript|script|link|progress)\b"
)


@pytest.fixture(scope="module")
def data() -> dict[str, dict[str, Any]]:
    return generate().quiz.data


def test_the_markup_comes_from_the_templates() -> None:
    for name in TEMPLATES:
        assert (OVERRIDES / "partials" / "quiz" / name).is_file(), f"overrides/partials/quiz/{name} is missing"
    for path in sorted((ROOT / "scripts" / "assessment").glob("*.py")):
        found = TAG.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(ROOT)} writes HTML ({found}): put it in overrides/partials/quiz/"
    embed = (ROOT / "scripts" / "publish" / "embed.py").read_text(encoding="utf-8")
    # (Its messages may name an element, as "no <h1> on the built quiz page"; it writes none.)
    for tag in ("<!doctype", "<html", "<head>", "<body", "<main>", "<article", "</h1>", "<p "):
        assert tag not in embed, f"scripts/publish/embed.py writes {tag}: put it in overrides/partials/quiz/embed.html"


def test_the_templates_hold_no_text() -> None:
    """Every reader-visible string comes from the language layer: between the tags of
    a template there is only markup, template code and white space."""
    for name in TEMPLATES:
        text = (OVERRIDES / "partials" / "quiz" / name).read_text(encoding="utf-8")
        code = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", text, flags=re.S)
        words = [w for w in re.sub(r"<[^>]*>", " ", code).split() if w not in {".", "-"}]
        assert words == [], f"overrides/partials/quiz/{name}: text outside the language layer: {words}"


def test_the_quiz_pages_markdown_has_the_contract_markup() -> None:
    pages = generate().pages
    for lang in LANGS:
        md = pages[f"quiz.{lang}.md"]
        assert '<form id="assessment"' in md and 'id="quiz-engine" class="pk-quiz__engine" data-state="loading"' in md
        assert 'id="quiz-result"' in md
        payload = expect.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', md, re.S).group(1)
        assert json.loads(payload)["lang"] == lang
    for question in DEFINITION["questions"]:
        assert f'<fieldset data-question="{question["id"]}"' in pages["quiz.ru.md"]


def test_the_page_prints_hand_scoring_instructions_from_the_definition() -> None:
    signs = [q for q in DEFINITION["questions"] if q["kind"] == "sign"]
    generated = generate()
    pages = generated.pages
    for lang in LANGS:
        hard_stop = generated.quiz.data[lang]["ui"]["manual_hard_stop"]
        manual = expect.search(
            r'<details class="pk-quiz__manual"[^>]*>.*?</details>', pages[f"quiz.{lang}.md"], re.S
        ).group(0)
        rows = re.findall(r"<tr><td>.*?</td><td>(\d+)</td><td>(.*?)</td></tr>", manual)
        assert [int(w) for w, _ in rows] == [q["weight"] for q in signs]
        assert [bool(h) for _, h in rows] == [q["hard_stop"] for q in signs]
        assert all(h in ("", hard_stop) for _, h in rows)
        assert str(DEFINITION["threshold"]) in manual


def test_every_text_is_escaped(data: dict[str, dict[str, Any]]) -> None:
    """A translator's text is text, never markup, and cannot close the data script."""
    hostile = "A <b>bold</b> & \"quoted\" 'text' </script><script>alert(1)</script> <!--"
    page = copy.deepcopy(data["en"])
    page["definition"]["questions"][0]["text"] = hostile
    page["definition"]["questions"][0]["hint"] = hostile
    page["definition"]["ui"]["submit"] = hostile
    block = html.Page(markup.render(page))
    assert block.select("b") == [] and block.select("script", src=False) == [block.first("script", id="quiz-data")]
    legend = expect.present(block.first("legend"), "the first question's legend")
    assert block.text_of(legend).endswith(hostile)
    hint = expect.present(block.first("p", class_="pk-quiz__hint"), "the first question's hint")
    assert block.text_of(hint) == hostile
    submit = expect.present(block.first("button", type="submit"), "the submit button")
    assert block.text_of(submit) == hostile
    script = expect.present(block.first("script", id="quiz-data"), "#quiz-data")
    assert json.loads(block.inner(script))["definition"]["questions"][0]["text"] == hostile
    loader = expect.present(block.first("script", src=lambda src: src.endswith("quiz/quiz.js")), "quiz.js")
    assert "async" in loader.attrs


def _built_quiz_pages(site: Path) -> list[tuple[str, Path]]:
    """Every language's quiz page and embed view in the built site."""
    return [(lang, site / SITE.file(lang, page)) for lang in SITE.codes for page in FORM_PAGES]


def test_the_built_pages_carry_every_hook(built_site: Path) -> None:
    """CONTRACT.md's "Self-assessment page" hooks, and what the page relies on: the
    form that cannot send (method="dialog", no action, autocomplete off), the submit
    button disabled until the engine is ready and described by its note, each block
    out of the search index, the noscript note, the scoring by hand, the escaped
    #quiz-data and quiz.js loaded async after it; on the quiz pages and the embed views."""
    scales = {name: [o["id"] for o in scale["options"]] for name, scale in DEFINITION["scales"].items()}
    for lang, path in _built_quiz_pages(built_site):
        where = path.relative_to(built_site).as_posix()
        page = html.Page(path.read_text(encoding="utf-8"))
        block = expect.present(page.first("div", class_="pk-quiz", data_lang=lang), f"{where}: div.pk-quiz")
        assert page.first("link", rel="stylesheet", href=lambda href: href.endswith("assets/quiz/quiz.css")), where

        form = expect.present(page.first("form", id="assessment", within=block), f"{where}: form#assessment")
        assert (form.get("method"), form.get("autocomplete"), form.get("action")) == ("dialog", "off", None), where
        fieldsets = page.select("fieldset", within=form, data_question=True)
        assert [f.get("data-question") for f in fieldsets] == [q["id"] for q in DEFINITION["questions"]], where
        for question, fieldset in zip(DEFINITION["questions"], fieldsets, strict=True):
            options = (
                scales[question["scale"]] if question["kind"] == "sign" else [o["id"] for o in question["options"]]
            )
            radios = page.select("input", within=fieldset, type="radio", name=question["id"])
            assert [r.get("value") for r in radios] == options, f"{where}: {question['id']}"
        submit = expect.present(page.first("button", within=form, type="submit"), f"{where}: the submit button")
        assert "disabled" in submit.attrs, where
        note = expect.present(page.first(id=submit.get("aria-describedby") or "-"), f"{where}: the submit note")
        assert page.text_of(note).strip(), where

        engine = expect.present(page.first("div", id="quiz-engine", within=block), f"{where}: #quiz-engine")
        assert engine.get("data-state") == "loading", where
        result = expect.present(page.first("section", id="quiz-result", within=block), f"{where}: #quiz-result")
        assert "hidden" in result.attrs, where
        noscript = expect.present(page.first("noscript", within=block), f"{where}: noscript")
        manual = expect.present(page.first("details", class_="pk-quiz__manual", within=block), f"{where}: manual")
        for part in (engine, form, noscript, manual):
            assert "data-search-exclude" in part.attrs, f"{where}: <{part.tag}> is not left out of search"

        data = expect.present(page.first("script", id="quiz-data", type="application/json"), f"{where}: #quiz-data")
        text = page.inner(data)
        assert "</" not in text and json.loads(text)["lang"] == lang, where
        script = expect.present(
            page.first("script", within=block, src=lambda src: src.endswith("assets/quiz/quiz.js")), f"{where}: quiz.js"
        )
        assert "async" in script.attrs and script.start[0] > data.start[0], where
