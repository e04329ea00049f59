"""What the reader is told, in Chromium on the built site (issue 10): the result's
profile chart (present, labelled, the engine's numbers, readable in both schemes,
forced colours and print), the provisional verdict, the editorial note under
#last-attempt and the next-page link after the signs page's last paragraph.
Every language where the words or the addresses are the language's (the chart's
labels, axe, the next link); one where only the page's mechanics are under test."""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.site import LANGS, SITE, SOURCE

from .helpers import submit

READY = 40_000  # ms
ANSWERS = {
    "schedule": "sometimes",
    "scope-creep": "often",
    "belittling": "never",
    "invoices": "often",
    "aggression": "sometimes",
    "review-threats": "never",
    "nitpicking": "sometimes",
    "expertise": "never",
    "self-check": "done",
    "exhausted": "no",
    "certainty": "sure",
}
VALUES = {"never": 0, "sometimes": 1, "often": 2}


def _open_quiz(page: Page, site_url: str, lang: str) -> dict:
    page.goto(f"{site_url}/{SITE.url(lang, 'quiz')}")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    return json.loads(page.locator("#quiz-data").text_content() or "")


def _expected(data: dict, answers: dict) -> dict:
    """What the chart must show, worked out from the page's own definition."""
    signs = [q for q in data["definition"]["questions"] if q["kind"] == "sign"]
    labels = {o["id"]: o["label"] for o in data["definition"]["scales"]["frequency"]["options"]}
    return {
        q["id"]: {
            "label": q["short"],
            "answer": labels[answers[q["id"]]],
            "weight": q["weight"],
            "points": q["weight"] * VALUES[answers[q["id"]]],
            "max": q["weight"] * 2,
            "hard_stop": q["hard_stop"],
        }
        for q in signs
    }


@pytest.mark.parametrize("lang", LANGS)
def test_the_result_has_a_labelled_profile_chart_with_the_engines_numbers(page: Page, site_url, lang):
    data = _open_quiz(page, site_url, lang)
    ui = data["ui"]
    submit(page, ANSWERS)
    result = page.locator("#quiz-result")
    expect(result).to_have_attribute("data-verdict", "part-ways")
    figure = result.locator('figure[data-chart="profile"]')
    expect(figure).to_have_count(1)
    expect(figure.locator("figcaption")).to_have_text(ui["chart_caption"])
    expect(figure.locator("svg")).to_be_visible()
    expected = _expected(data, ANSWERS)
    score = sum(s["points"] for s in expected.values())
    assert result.get_attribute("data-score") == str(score)

    # The table: one row per sign with answer, weight and points; total and threshold.
    rows = figure.locator("table tbody tr")
    expect(rows).to_have_count(8)
    for i, (sign, want) in enumerate(expected.items()):
        cells = rows.nth(i).locator("th, td").all_inner_texts()
        assert rows.nth(i).get_attribute("data-sign") == sign
        assert cells[0].startswith(want["label"]) and (ui["hard_stop_label"] in cells[0]) == want["hard_stop"]
        assert cells[1:] == [
            want["answer"],
            str(want["weight"]),
            ui["score_format"].format(score=want["points"], max_score=want["max"]),
        ], cells
    foot = figure.locator("table tfoot tr")
    assert foot.nth(0).locator("td").inner_text() == ui["score_format"].format(score=score, max_score=52)
    assert foot.nth(1).locator("td").inner_text() == "8"
    assert [th.strip() for th in figure.locator("table thead th").all_inner_texts()] == [
        ui["chart_sign"],
        ui["answer_label"],
        ui["chart_weight"],
        ui["chart_points"],
    ]

    # The picture: a bar per sign as long as its share, and the total against the threshold.
    for sign, want in expected.items():
        rect = figure.locator(f'svg rect[data-sign="{sign}"]')
        assert rect.get_attribute("data-points") == str(want["points"])
        width = float(rect.get_attribute("width") or "nan")
        assert width == pytest.approx(want["points"] / 10 * 360, abs=0.01), sign
    total = figure.locator("svg rect.pk-chart__bar--total")
    assert float(total.get_attribute("width") or "nan") == pytest.approx(score / 52 * 360, abs=0.01)
    line = figure.locator("svg line.pk-chart__threshold")
    assert float(line.get_attribute("x1") or "nan") == pytest.approx(8 / 52 * 360, abs=0.01)
    # Labels are in the page's language and name the hard stop.
    text = figure.locator("svg").text_content() or ""
    assert all(want["label"] in text for want in expected.values())
    assert ui["hard_stop_label"] in text


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: list[float], b: list[float]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


COLOURS = """figure => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  let node = figure, bg = [0, 0, 0, 0];
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length === 3 || c[3] > 0)) { bg = c; break; }
    node = node.parentElement;
  }
  const fill = sel => rgb(getComputedStyle(figure.querySelector(sel)).fill);
  return {bg, text: fill('.pk-chart__label'), flagged: fill('.pk-chart__bar--flagged'),
          stop: fill('.pk-chart__bar--hard-stop'), total: fill('.pk-chart__bar--total'),
          visible: figure.querySelector('svg').getBoundingClientRect().height > 100};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_reads_in_both_colour_schemes(browser, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    _open_quiz(page, site_url, "en")
    submit(page, ANSWERS)
    colours = page.locator('figure[data-chart="profile"]').evaluate(COLOURS)
    context.close()
    assert colours["visible"]
    assert _contrast(colours["text"], colours["bg"]) >= 4.5, colours
    for shape in ("flagged", "stop", "total"):
        assert _contrast(colours[shape], colours["bg"]) >= 3, (shape, colours)


def test_the_chart_uses_system_colours_in_forced_colours_mode(browser, site_url):
    context = browser.new_context(forced_colors="active")
    page = context.new_page()
    _open_quiz(page, site_url, SOURCE)
    submit(page, ANSWERS)
    colours = page.locator('figure[data-chart="profile"]').evaluate(COLOURS)
    context.close()
    assert _contrast(colours["text"], colours["bg"]) >= 4.5, colours
    for shape in ("flagged", "stop", "total"):
        assert _contrast(colours[shape], colours["bg"]) >= 3, (shape, colours)


def test_the_chart_prints_in_black_on_white(page: Page, site_url):
    _open_quiz(page, site_url, SOURCE)
    submit(page, ANSWERS)
    page.emulate_media(media="print")
    figure = page.locator('figure[data-chart="profile"]')
    expect(figure).to_be_visible()
    colours = figure.evaluate(COLOURS)
    assert colours["visible"]
    assert colours["flagged"][:3] == [0, 0, 0] and colours["text"][:3] == [0, 0, 0], colours


def test_not_yet_looked_at_ones_own_part_makes_the_verdict_provisional(page: Page, site_url):
    data = _open_quiz(page, site_url, SOURCE)
    submit(page, {**ANSWERS, "self-check": "not-yet"})
    result = page.locator("#quiz-result")
    expect(result).to_have_attribute("data-verdict", "part-ways")
    # These answers include abuse once (a hard stop): the notice blames no one for it.
    notice = data["definition"]["notices"]["provisional_hard_stop"]
    expect(result.locator(".pk-quiz__explanation")).to_contain_text(notice)
    first = result.locator(".pk-quiz__plan a").first.get_attribute("href") or ""
    assert first.endswith("#self-check")
    submit(page, ANSWERS)
    expect(result.locator(".pk-quiz__explanation")).not_to_contain_text(notice)
    # Without a hard stop, the usual provisional notice.
    submit(page, {**ANSWERS, "aggression": "never", "self-check": "not-yet"})
    expect(result.locator(".pk-quiz__explanation")).to_contain_text(data["definition"]["notices"]["provisional"])


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_on_a_result_with_the_chart(page: Page, site_url, lang):
    _open_quiz(page, site_url, lang)
    submit(page, ANSWERS)
    expect(page.locator('figure[data-chart="profile"]')).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_editorial_note_is_visible_and_marked(page: Page, site_url):
    # Its words in every language: tests/guide/test_editorial.py, on the built pages.
    page.goto(f"{site_url}/{SITE.url(SOURCE, 'part-ways')}#last-attempt")
    note = page.locator("#last-attempt ~ .editorial-note")
    expect(note).to_have_count(1)
    expect(note).to_be_visible()
    expect(note.locator(".admonition-title")).to_be_visible()
    assert note.get_attribute("role") == "note"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("lang", LANGS)
def test_the_next_link_leads_from_the_signs_to_the_parting_page(page: Page, site_url, lang):
    page.goto(f"{site_url}/{SITE.url(lang, 'recognize')}")
    link = page.locator(".pk-next a[rel=next]")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(f"{site_url}/{SITE.url(lang, 'part-ways')}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("#last-attempt")).to_be_attached()
    assert re.search(r"/part-ways/$", page.url)
