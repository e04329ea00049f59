"""The pseudo-locale build: every string a reader sees goes through the language layer.

scripts/i18n/pseudo.py makes a third language, en-XA, from the English catalogues
with every letter accented and every string bracketed ("[Ŝéļƒ-ćĥéćķ]"); the site is
built with it in a temporary languages file (never shipped). Chromium walks every
page of that language — home, guide pages, the quiz, the course page, the embed view,
the 404 page's own lines — answers the quiz to a result (a part-ways and a
last-attempt one), opens the drafter, downloads the letter and the result, and
fails on any visible text node, document title, form value, download line, or
aria-label/title/placeholder/alt with a plain Latin or a Cyrillic letter.
Hard-coded text in Python, a template, JavaScript or the configuration shows up
that way, because it never went through a catalogue.

Allowed, each for a reason (nothing else):
- Material's own UI strings ("Search", "Back to top"…): Material translates them
  itself (partials/languages/<lang>.html); the pseudo-locale keeps its English ones.
- The brand, site_name "Parting Kit": a name, the same in every language.
- The language switcher's names of the other languages, each in its own language
  ("Русский", "English"): that is what a switcher shows.
- Code (code, pre, kbd): file names, URLs and snippets read the same in every language.
- Link targets in the downloaded Markdown: URLs.
- The download file names: lower-case Latin by rule (scripts/i18n/pseudo.py VERBATIM).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader
from playwright.sync_api import Frame, Page, expect

from scripts.build import build, generate
from scripts.i18n import languages, pseudo, sitemap
from scripts.paths import ROOT, Paths
from scripts.serve import serving
from tests.site import READER_PAGES

from .helpers import submit, watch

CODE = pseudo.CODE
READY = 60_000  # ms: the engine starts in Pyodide (~3 s here, far more on a loaded machine)
# The pseudo-locale's build has the same pages as the shipped site, one language more:
# its map (pseudo_map) says where they are.
# Any Latin or Cyrillic letter that the pseudo-locale would have accented.
UNTRANSLATED = re.compile(r"[A-Za-z\u0400-\u04FF]")

PART_WAYS = {
    "schedule": "often",
    "scope-creep": "often",
    "belittling": "never",
    "invoices": "never",
    "aggression": "sometimes",
    "review-threats": "never",
    "nitpicking": "never",
    "expertise": "never",
    "self-check": "done",
    "exhausted": "yes",
    "certainty": "unsure",
}
LAST_ATTEMPT = {**PART_WAYS, "aggression": "never", "exhausted": "no", "self-check": "not-yet"}

# Every visible text node and every named attribute of a visible element, with where it is.
COLLECT = """(root) => {
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "CODE", "PRE", "KBD"]);
  const seen = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const where = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const found = [];
  const scope = root ? document.querySelector(root) : document.body;
  if (!root) found.push({ text: document.title, where: "title" });
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || el.closest([...SKIP].join(","))) continue;
    // An <option> is drawn by its <select>; otherwise the element itself must be rendered.
    const shown = el.closest("option") ? seen(el.closest("select")) : seen(el);
    if (shown) found.push({ text: node.data.trim(), where: where(el) });
  }
  for (const el of scope.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    if (!seen(el) || el.closest([...SKIP].join(","))) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      const value = el.getAttribute(name);
      if (value && value.trim()) found.push({ text: value.trim(), where: where(el) + "[" + name + "]" });
    }
  }
  for (const el of scope.querySelectorAll("textarea, input[type=button], input[type=submit]")) {
    if (seen(el) && el.value.trim()) found.push({ text: el.value.trim(), where: where(el) + ".value" });
  }
  return found;
}"""


@pytest.fixture(scope="module")
def pseudo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Paths]:
    out = tmp_path_factory.mktemp("pseudo")
    paths = Paths(languages_file=pseudo.write(out / "languages"))
    build(paths, site_dir=out / "site")
    return out / "site", paths


@pytest.fixture(scope="module")
def pseudo_map(pseudo_build) -> sitemap.SiteMap:
    return sitemap.load(pseudo_build[1])


@pytest.fixture(scope="module")
def pseudo_url(pseudo_build) -> Iterator[str]:
    with serving(pseudo_build[0]) as url:
        yield url


@pytest.fixture(scope="module")
def allowed(pseudo_build) -> list[str]:
    """The reasoned exceptions of the module docstring, longest first (so a phrase
    goes before a word it contains)."""
    paths = pseudo_build[1]
    generated = generate(paths)
    material = generated.languages[CODE].material
    partial = ROOT / ".venv" / "lib"
    files = sorted(partial.glob(f"python3*/site-packages/material/templates/partials/languages/{material}.html"))
    assert files, "Material's language partial not found: run `make setup` (mkdocs-material in .venv)"
    strings = re.findall(r'"[\w.]+": "([^"]+)"', files[0].read_text(encoding="utf-8"))
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())  # MkDocs' own loader, as the build reads it
    names = [generated.site[lang.code]["language_name"] for lang in generated.languages if lang.code != CODE]
    return sorted({*strings, config["site_name"], *names}, key=len, reverse=True)


def untranslated(found: list[dict], allowed: list[str]) -> list[str]:
    bad = []
    for item in found:
        text = item["text"]
        for phrase in allowed:
            text = text.replace(phrase, "")
        if UNTRANSLATED.search(text):
            bad.append(f"{item['where']}: {item['text']!r}")
    return bad


def check(page: Page | Frame, allowed: list[str], what: str, root: str | None = None) -> None:
    bad = untranslated(page.evaluate(COLLECT, root), allowed)
    assert not bad, f"{what}: text not from the catalogues (pseudo-locale {CODE}):\n" + "\n".join(bad)


def test_the_pseudo_locale_is_a_language_of_its_own(pseudo_build, pseudo_map):
    site, _ = pseudo_build
    assert CODE in pseudo_map.codes
    for page in pseudo_map:
        assert (site / pseudo_map.file(CODE, page.id)).is_file(), page.id
    index = json.loads((site / pseudo_map.prefix(CODE) / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and not [d["title"] for d in index["docs"] if UNTRANSLATED.search(d["title"])]
    index = (site / pseudo_map.file(CODE, "home")).read_text(encoding="utf-8")
    assert 'hreflang="en-XA"' in index and "[Éñĝļîšĥ]" in index  # its name in the switcher, from its site.po


def test_the_check_finds_text_that_is_not_from_the_catalogue(page: Page, pseudo_url, pseudo_map, allowed):
    """The same walk over the English pages (same build, same chrome) must complain:
    otherwise a green run would prove nothing."""
    page.goto(f"{pseudo_url}/{pseudo_map.url('en', 'quiz')}")
    bad = untranslated(page.evaluate(COLLECT, None), allowed)
    assert any("h1" in b for b in bad) and any("button" in b for b in bad), bad


@pytest.mark.parametrize("page_id", READER_PAGES)
def test_every_page_shows_only_pseudo_localized_text(page: Page, pseudo_url, pseudo_map, allowed, page_id):
    traffic = watch(page, pseudo_url)
    path = pseudo_map.url(CODE, page_id)
    page.goto(f"{pseudo_url}/{path}")
    expect(page.locator("h1").first).to_be_visible()
    check(page, allowed, f"/{path}")
    # The palette toggle names the other scheme: switch once and look again.
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    check(page, allowed, f"/{path} (other colour scheme)")
    assert not traffic.off_origin


def test_the_quiz_result_and_the_drafter_are_pseudo_localized(page: Page, pseudo_url, pseudo_map, allowed):
    page.goto(f"{pseudo_url}/{pseudo_map.url(CODE, 'quiz')}")
    engine = page.locator("#quiz-engine")
    check(page, allowed, "quiz page while the engine loads")
    expect(engine).to_have_attribute("data-state", "ready", timeout=READY)
    check(page, allowed, "quiz page, engine ready")
    page.locator("form#assessment button[type=submit]").click()  # nothing answered
    expect(page.locator("#quiz-result")).not_to_be_empty()
    check(page, allowed, "missing answers")
    for answers, verdict in ((PART_WAYS, "part-ways"), (LAST_ATTEMPT, "last-attempt")):
        submit(page, answers)
        result = page.locator("#quiz-result")
        expect(result).to_have_attribute("data-verdict", verdict)
        expect(page.locator("#quiz-draft")).to_have_attribute("data-state", "ready")
        assert page.locator("#quiz-draft-text").input_value().startswith("[")
        check(page, allowed, f"{verdict} result with its drafter")
    # The downloads: the letter (.txt) and the whole result (.md), words from the catalogues too.
    ui = page.evaluate("JSON.parse(document.getElementById('quiz-data').textContent).ui")
    for label in ("draft_download_txt", "draft_download_md"):
        with page.expect_download() as info:
            page.get_by_role("button", name=ui[label]).click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        lines = [
            {"text": re.sub(r"\]\([^)]*\)", "]", line), "where": f"{label} line {n}"}
            for n, line in enumerate(text.splitlines(), 1)
        ]  # link targets are URLs, not words
        bad = untranslated(lines, allowed)
        assert text.strip() and not bad, f"{label}: text not from the catalogues:\n" + "\n".join(bad)


def test_the_embed_view_is_pseudo_localized(page: Page, pseudo_url, pseudo_map, allowed):
    embed_view = f"{pseudo_url}/{pseudo_map.url(CODE, 'quiz-embed')}"
    page.goto(embed_view)
    check(page, allowed, "embed view")
    # In a course page (same origin, so ?parent= holds): the note on what the course receives.
    course = f"{pseudo_url}/__course.html"
    page.route(
        course,
        lambda route: route.fulfill(
            content_type="text/html",
            body=(
                f'<!doctype html><title>course</title><iframe id="frame" style="width:100%;height:2000px" '
                f'src="{embed_view}?parent={pseudo_url}"></iframe>'
            ),
        ),
    )
    page.goto(course)
    frame = page.frame_locator("#frame")
    expect(frame.locator("#pk-embed-shares")).to_be_visible()
    expect(frame.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    embed = page.main_frame.child_frames[0]
    check(embed, allowed, "embed view in a course")
    submit(embed, PART_WAYS)
    expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", "part-ways")
    check(embed, allowed, "embed view in a course, with a result")


def test_the_404_page_has_the_pseudo_locale_lines(page: Page, pseudo_build, pseudo_url, pseudo_map, allowed):
    page.goto(f"{pseudo_url}/404.html")  # what a host shows for any missing URL
    lines = page.locator(f'#not-found [lang="{CODE}"], p[lang="{CODE}"]')
    expect(lines).to_have_count(2)
    for i in range(2):
        assert not untranslated([{"text": lines.nth(i).inner_text(), "where": "404"}], allowed)
    assert (lines.nth(1).locator("a").get_attribute("href") or "").endswith(f"/{pseudo_map.prefix(CODE)}")
    # The third language of the languages file is a third way home in the switcher
    # too, from the site's root and marked with its language: data, no code.
    langs = languages.load(pseudo_build[1].languages)
    switcher = page.locator(".md-header a.md-select__link").evaluate_all(
        "as => as.map(a => [a.hreflang, a.getAttribute('href'), a.lang])"
    )
    assert switcher == [[lang.code, "/" + lang.prefix, lang.code] for lang in langs]
