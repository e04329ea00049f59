"""Embed views of the self-assessment: one per language, below its quiz page (/quiz/embed/).

A course page shows the self-assessment in an <iframe>. The embed view is the
built quiz page without the site's chrome (header, navigation, search, footer):
its page title, the `<div class="pk-quiz">` block as the build rendered it (same
questions, same #quiz-data, same quiz.js and engine) and Material's stylesheets
for the same typography. One level deeper than the quiz page, so every relative
URL of the block (attributes and the URLs inside #quiz-data) gets one more "../".
The view's markup is a template (overrides/partials/quiz/embed.html); this module
finds its parts in the built page and hands them over.

embed.js (web/quiz/embed.js) does what only an embedded page needs: the light or
dark scheme the reader's system asks for, result links opening the guide in a new
tab, and - when the embed URL names a parent origin - the frame's height and the
verdict with the score for the course page. It is generated from the built page,
never from the sources, so the two views cannot drift apart.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import Markup

from ..errors import BuildError
from ..i18n import sitemap
from ..i18n.site import SiteTexts
from ..templates import render as render_template
from ..templates import script_json
from . import html

#: The embed view's page (overrides/, rendered by scripts/templates.py).
TEMPLATE = "partials/quiz/embed.html"


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # of a URL, not of a page


def write_embed_pages(site: Path, site_map: sitemap.SiteMap, texts: SiteTexts) -> list[Path]:
    """Write each language's embed view (the site map's "quiz-embed" page, one folder
    below its quiz page); return the files. Texts only the embed view has (embed_*)
    come from the language layer; the rest from the built quiz page."""
    written = []
    for lang in site_map.codes:
        source = site / site_map.file(lang, "quiz")
        if not source.exists():
            raise BuildError(
                source,
                "the quiz page is not in the built site, so there is no embed view to make",
                "check that quiz.md is in the nav of mkdocs.yml",
            )
        target = site / site_map.file(lang, sitemap.EMBED_VIEW)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(embed_page(source.read_text(encoding="utf-8"), lang, source, texts[lang]), encoding="utf-8")
        written.append(target)
    return written


def embed_page(text: str, lang: str, source: Path, texts: dict[str, str]) -> str:
    """The embed view of one built quiz page (its HTML text): what the template
    (overrides/partials/quiz/embed.html) shows, taken from that page."""
    page = html.Page(text)
    block = quiz_block(page, source)
    sheets = [rebase(link.get("href") or "") for link in page.select("link", rel="stylesheet", href=True)]
    if not any(href.endswith("quiz.css") for href in sheets):
        raise BuildError(
            source,
            'no <link rel="stylesheet"> to quiz.css on the quiz page',
            "overrides/partials/quiz/block.html must link assets/quiz/quiz.css",
        )
    script_base = next(href for href in sheets if href.endswith("quiz.css"))[: -len("quiz.css")]
    title = page.inner(_required(page.first("title"), source, "<title>"))
    description = _required(page.first("meta", name="description", content=True), source, '<meta name="description">')
    h1 = _required(page.first("h1"), source, "<h1>")
    heading = page.inner(h1, without=page.select("a", within=h1, class_="headerlink")).strip()
    body = page.first("body")
    body_attrs = dict(body.attrs) if body else {}
    body_attrs["class"] = " ".join([*(body.classes if body else []), "pk-embed"])
    # The site's icon, also so the browser does not ask for /favicon.ico (a 404).
    icon = page.first("link", rel="icon", href=True)
    # Markup() for what is copied from the built page as written (already HTML);
    # the rest is text, escaped by the template.
    return render_template(
        TEMPLATE,
        lang=lang,
        title=Markup(title),
        description=description.get("content") or "",
        icon=rebase(icon.get("href") or "") if icon else None,
        stylesheets=sheets,
        script=f"{script_base}embed.js",
        body=body_attrs,
        heading=Markup(heading),
        block=Markup(block),
        texts=texts,
    )


def _required(element: html.Element | None, source: Path, what: str) -> html.Element:
    if element is None:
        raise BuildError(source, f"no {what} on the built quiz page", "check overrides/ and the quiz page's Markdown")
    return element


def quiz_block(page: html.Page, source: Path) -> str:
    """The page's `<div class="pk-quiz" ...>...</div>`, with URLs one level deeper."""
    div = page.first("div", class_="pk-quiz")
    if div is None:
        raise BuildError(
            source,
            'no <div class="pk-quiz"> on the built quiz page',
            "overrides/partials/quiz/block.html renders it; check the quiz page's Markdown",
        )
    if div.end is None:
        raise BuildError(
            source, 'the <div class="pk-quiz"> block is never closed', "check overrides/partials/quiz/block.html"
        )
    # The block on its own, so the edits below are its own.
    block = html.Page(page.markup(div.outer))
    data = block.first("script", id="quiz-data", type="application/json")
    if data is None:
        raise BuildError(
            source, "no #quiz-data script inside the quiz block", "check overrides/partials/quiz/block.html"
        )
    edits = block.edit().replace(data.inner, _rebase_data(block.inner(data), source))
    for element, name, value in block.url_attributes():
        if rebase(value) != value:
            edits.set_attribute(element, name, rebase(value))
    return edits.apply()


def rebase(url: str) -> str:
    """`url` as seen from one folder deeper; absolute URLs and fragments stay."""
    if not url or url.startswith(("#", "/", "?")) or _SCHEME.match(url):
        return url
    return "../" + url


def _rebase_data(text: str, source: Path) -> str:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BuildError(source, f"#quiz-data is not valid JSON: {e}", "check scripts/assessment/quizdata.py") from None
    runtime = data.get("runtime", {})
    for key in ("worker", "pyodide", "wheel"):
        if isinstance(runtime.get(key), str):
            runtime[key] = rebase(runtime[key])
    links = data.get("links", {})
    for section, url in links.items():
        if isinstance(url, str):
            links[section] = rebase(url)
    # Serialised as the quiz page's (overrides/partials/quiz/block.html): nothing in it can end the script early.
    return str(script_json(data))
