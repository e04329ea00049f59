"""Embed views of the self-assessment: /quiz/embed/, /en/quiz/embed/ (one per language).

A course page shows the self-assessment in an <iframe>. The embed view is the
built quiz page without the site's chrome (header, navigation, search, footer):
its page title, the `<div class="pk-quiz">` block as the build rendered it (same
questions, same #quiz-data, same quiz.js and engine) and Material's stylesheets
for the same typography. One level deeper than the quiz page, so every relative
URL of the block (attributes and the URLs inside #quiz-data) gets one more "../".

embed.js (web/quiz/embed.js) does what only an embedded page needs: the light or
dark scheme the reader's system asks for, result links opening the guide in a new
tab, and - when the embed URL names a parent origin - the frame's height and the
verdict with the score for the course page. It is generated from the built page,
never from the sources, so the two views cannot drift apart.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import BuildError
from ..i18n.languages import Languages
from ..i18n.site import SiteTexts

EMBED_DIR = "embed"


def quiz_pages(langs: Languages) -> dict[str, Path]:
    """Each language's built quiz page, e.g. {"ru": quiz/index.html, "en": en/quiz/index.html}."""
    return {lang.code: Path(lang.prefix) / "quiz" / "index.html" for lang in langs}


_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
_ICON = re.compile(r'<link rel="icon" href="([^"]+)">')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_BODY = re.compile(r"<body\b([^>]*)>")
_URL_ATTR = re.compile(r'(\s(?:src|href)=")([^"]*)(")')
_QUIZ_DATA = re.compile(r'(<script type="application/json" id="quiz-data">)(.*?)(</script>)', re.S)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def write_embed_pages(site: Path, langs: Languages, texts: SiteTexts) -> list[Path]:
    """Write <quiz page folder>/embed/index.html for each language; return the files.
    Texts only the embed view has (embed_*) come from the language layer; the rest
    from the built quiz page."""
    written = []
    for lang, rel in quiz_pages(langs).items():
        source = site / rel
        if not source.exists():
            raise BuildError(
                source,
                "the quiz page is not in the built site, so there is no embed view to make",
                "check that quiz.md is in the nav of mkdocs.yml",
            )
        target = source.parent / EMBED_DIR / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(embed_page(source.read_text(encoding="utf-8"), lang, source, texts[lang]), encoding="utf-8")
        written.append(target)
    return written


def embed_page(page: str, lang: str, source: Path, texts: dict[str, str]) -> str:
    """The embed view of one built quiz page (its HTML text).

    No Material layout wrappers (md-main, md-grid): md-main__inner is 100% tall
    plus a top margin, so the page would always overflow its frame by that margin.
    The article alone keeps Material's typography and side margins.
    """
    block = quiz_block(page, source)
    sheets = [rebase(html.unescape(href)) for href in _STYLESHEET.findall(page)]
    if not any(href.endswith("quiz.css") for href in sheets):
        raise BuildError(
            source,
            'no <link rel="stylesheet"> to quiz.css on the quiz page',
            "scripts/assessment/quizpage.py must link assets/quiz/quiz.css",
        )
    script_base = next(href for href in sheets if href.endswith("quiz.css"))[: -len("quiz.css")]
    title = _required(_TITLE, page, source, "<title>")
    description = _required(_DESCRIPTION, page, source, '<meta name="description">')
    heading = _HEADERLINK.sub("", _required(_H1, page, source, "<h1>")).strip()
    body = _BODY.search(page)
    links = "\n".join(f'<link rel="stylesheet" href="{html.escape(href)}">' for href in sheets)
    # The site's icon, also so the browser does not ask for /favicon.ico (a 404).
    icon = _ICON.search(page)
    if icon:
        links = f'<link rel="icon" href="{html.escape(rebase(html.unescape(icon.group(1))))}">\n' + links
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<meta name="description" content="{description}">
{links}
<script src="{script_base}embed.js" defer></script>
</head>
<body{body.group(1) if body else ""} class="pk-embed">
<main>
<article class="md-content__inner md-typeset">
<h1>{heading}</h1>
<p id="pk-embed-shares" class="pk-embed__shares" hidden>{html.escape(texts["embed_shares"])}</p>
{block}
<p id="pk-embed-new-tab" hidden>{html.escape(texts["embed_new_tab"])}</p>
</article>
</main>
</body>
</html>
"""


def _required(pattern: re.Pattern, page: str, source: Path, what: str) -> str:
    match = pattern.search(page)
    if not match:
        raise BuildError(source, f"no {what} on the built quiz page", "check overrides/ and the quiz page's Markdown")
    return match.group(1)


class _BlockEnd(HTMLParser):
    """Finds where the <div class="pk-quiz"> starting at offset 0 closes.

    An HTML parser rather than counting "<div": the block's JSON script could
    hold any text, and the parser knows script content is not markup.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.end: tuple[int, int] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "div" and self.end is None:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "div" and self.end is None:
            self.depth -= 1
            if self.depth == 0:
                self.end = self.getpos()


def quiz_block(page: str, source: Path) -> str:
    """The page's `<div class="pk-quiz" ...>...</div>`, with URLs one level deeper."""
    start = page.find('<div class="pk-quiz"')
    if start < 0:
        raise BuildError(
            source,
            'no <div class="pk-quiz"> on the built quiz page',
            "scripts/assessment/quizpage.py renders it; check the quiz page's Markdown",
        )
    rest = page[start:]
    parser = _BlockEnd()
    parser.feed(rest)
    if parser.end is None:
        raise BuildError(
            source, 'the <div class="pk-quiz"> block is never closed', "check scripts/assessment/quizpage.py"
        )
    line, column = parser.end
    # getpos() counts lines by "\n" only (str.splitlines would also split on U+2028).
    offset = sum(len(s) + 1 for s in rest.split("\n")[: line - 1]) + column
    block = rest[: rest.index(">", offset) + 1]
    data = _QUIZ_DATA.search(block)
    if not data:
        raise BuildError(source, "no #quiz-data script inside the quiz block", "check scripts/assessment/quizpage.py")
    # The JSON first (its own escaping), then the tags' attributes outside it.
    before, after = block[: data.start()], block[data.end() :]
    return (
        _rebase_attrs(before)
        + data.group(1)
        + _rebase_data(data.group(2), source)
        + data.group(3)
        + _rebase_attrs(after)
    )


def rebase(url: str) -> str:
    """`url` as seen from one folder deeper; absolute URLs and fragments stay."""
    if not url or url.startswith(("#", "/", "?")) or _SCHEME.match(url):
        return url
    return "../" + url


def _rebase_attrs(markup: str) -> str:
    return _URL_ATTR.sub(lambda m: m.group(1) + html.escape(rebase(html.unescape(m.group(2)))) + m.group(3), markup)


def _rebase_data(text: str, source: Path) -> str:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BuildError(source, f"#quiz-data is not valid JSON: {e}", "check scripts/assessment/quizpage.py") from None
    runtime = data.get("runtime", {})
    for key in ("worker", "pyodide", "wheel"):
        if isinstance(runtime.get(key), str):
            runtime[key] = rebase(runtime[key])
    links = data.get("links", {})
    for section, url in links.items():
        if isinstance(url, str):
            links[section] = rebase(url)
    # Serialised as scripts/assessment/quizpage.py does it: "</" cannot end the script early.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
