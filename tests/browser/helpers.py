"""Browser-test helpers: record every request and console error a page makes; answer
and submit the assessment; switch the language and search the guide as a reader does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Frame, Page, expect


@dataclass
class Traffic:
    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def off_origin(self) -> list[str]:
        def foreign(url: str) -> bool:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                return False
            if self.origin.startswith("file:"):
                return parts.scheme != "file"
            return f"{parts.scheme}://{parts.netloc}" != self.origin

        return [u for u in self.requests if foreign(u)]


def watch(page: Page, origin: str) -> Traffic:
    traffic = Traffic(origin)
    page.on("request", lambda r: traffic.requests.append(r.url))
    page.on("console", lambda m: traffic.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: traffic.errors.append(str(e)))
    # Workers' requests go through the context too.
    page.context.on("request", lambda r: traffic.requests.append(r.url))
    return traffic


def submit(page: Page | Frame, answers: dict[str, str]) -> None:
    """Clear the assessment form, answer it and submit it."""
    page.locator("form#assessment button[type=reset]").click()
    for question, option in answers.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()
    page.locator("form#assessment button[type=submit]").click()


def switch_language(page: Page, lang: str) -> None:
    """Pick `lang` in the header's language switcher, as a reader does (hover, click)."""
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{lang}"]').click()


# True once no CSS transition is running on the page (Material's colours fade for a
# moment after a scheme change): wait for it before measuring colours, so axe or a
# probe never catches a colour halfway.
FADES_DONE = "() => !document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running')"


# Material's own words for a finished search, in the page's language (its translations
# in the page's #__config): "no results", "1 result", "# results".
_SEARCH_DONE = """() => {
  const t = JSON.parse(document.getElementById("__config").textContent).translations;
  return [t["search.result.none"], t["search.result.one"], t["search.result.other"]];
}"""


def search(page: Page, url: str, query: str, timeout: float = 15_000) -> list[str]:
    """Search as a shared search link does (?q=…): Material fills the box, opens the
    dialog and runs the query as soon as the page's index is loaded, with no typing
    race. Waits for Material's own "N results" line (in the page's language), then
    returns the results' addresses (resolved)."""
    page.goto(f"{url}?q={query}")
    none, one, other = page.evaluate(_SEARCH_DONE)
    done = "|".join([re.escape(none), re.escape(one), re.escape(other).replace(r"\#", r"\d+")])
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(f"^(?:{done})$"), timeout=timeout)
    return page.locator(".md-search-result__item > a").evaluate_all("as => as.map(a => a.href)")


# Words of each language's guide pages, as they are written there, and the page each is
# on (every language's index gets lunr's own pipeline, no stemmer: scripts/publish/
# postbuild.py). Ukrainian: an inflected form, and a word with its apostrophe (’).
SEARCH_WORDS: dict[str, list[tuple[str, str]]] = {
    "ru": [("расписанию", "recognize"), ("письменном", "part-ways")],
    "en": [("invoices", "recognize"), ("writing", "part-ways")],
    "uk": [("рахунків", "recognize"), ("пам’ятайте", "part-ways")],
}
