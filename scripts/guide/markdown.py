"""Render one guide page in one language as Markdown for MkDocs.

Text from the article or the catalogue is data, never markup: everything is
escaped, and contract ids are set explicitly so they are identical in both
languages.
"""

from __future__ import annotations

import html
import re

from ..i18n.languages import SOURCE, Language
from ..i18n.translate import Text
from .structure import Page, Segment

# Characters Python-Markdown treats as syntax; a backslash makes them literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")

PAGE_FILES = {"home": "index", "recognize": "recognize", "part-ways": "part-ways", "quiz": "quiz"}


def escape_md(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    # A leading "1." or "-" would start a list.
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def typography(text: str) -> str:
    """The article writes a spaced hyphen for a dash; its (Russian) typography wants an em
    dash after a no-break space. Only the source text needs it: translations are written
    with their own dashes."""
    return text.replace(" - ", "\u00a0— ")


def _typeset(text: Text, lang: Language) -> str:
    """A text as the page shows it: the source language's (its own, or shown for want of
    a translation) typeset, a translation as written."""
    return typography(text.value) if text.pending or lang.is_source else text.value


def render_page(
    page: Page,
    texts: dict[str, Text],
    lang: Language,
    titles: dict[str, str],
    extra_html: str = "",
    pending_note: str = "",
) -> str:
    """The page's Markdown, front matter first. ``pending_note`` marks a text shown in
    Russian for want of its translation (site.pending_note, in the page's language)."""
    title = texts[page.title.id]
    description = texts[page.description.id]
    out = [
        "---",
        f"title: {_yaml_str(title.value)}",
        f"description: {_yaml_str(description.value)}",
        "---",
        "",
        f"# {_inline(title, lang)} {{#{page.slug} }}",
        "",
    ]
    if title.pending:
        out += _pending_note(pending_note)
    body = list(page.body)
    i = 0
    while i < len(body):
        segment = body[i]
        if segment.role == "list-item":
            items = []
            while i < len(body) and body[i].role == "list-item":
                items.append(body[i])
                i += 1
            out += _sign_list(items, texts, lang, pending_note)
            continue
        if segment.role == "link":
            links = []
            while i < len(body) and body[i].role == "link":
                links.append(body[i])
                i += 1
            out += _link_cards(links, texts, lang, titles)
            continue
        if segment.role == "note-label" and i + 1 < len(body) and body[i + 1].role == "editorial-note":
            out += _editorial_note(texts[segment.id], texts[body[i + 1].id], lang, pending_note)
            i += 2
            continue
        if segment.role == "next":
            out += _next_link(segment, texts[segment.id], lang)
            i += 1
            continue
        out += _block(segment, texts[segment.id], lang, pending_note)
        i += 1
    if extra_html:
        out += [extra_html, ""]
    return "\n".join(out).rstrip() + "\n"


def _lang_attr(text: Text, lang: Language) -> str:
    """Source text shown on another language's page is marked so screen readers switch voice."""
    return f' lang="{SOURCE}"' if text.pending and not lang.is_source else ""


def _block(segment: Segment, text: Text, lang: Language, pending_note: str) -> list[str]:
    if segment.role == "heading":
        attrs = f"#{segment.anchor}" + _lang_attr(text, lang)
        lines = [f"{'#' * (segment.level or 2)} {_inline(text, lang)} {{ {attrs} }}", ""]
        return lines + (_pending_note(pending_note) if text.pending else [])
    if text.pending:
        return _pending_block(text.value, pending_note)
    if segment.role == "lead":
        return [_inline(text, lang), "{ .pk-lead }", ""]
    return [_inline(text, lang), ""]


def _inline(text: Text, lang: Language) -> str:
    return escape_md(_typeset(text, lang))


def _sign_list(items: list[Segment], texts: dict[str, Text], lang: Language, pending_note: str) -> list[str]:
    """The eight warning signs: an ordered list whose items carry the contract ids."""
    lines = ['<ol class="pk-signs">']
    for n, item in enumerate(items):
        text = texts[item.id]
        end = "." if n == len(items) - 1 else ";"
        pending = f' <em class="pk-pending">({html.escape(pending_note)})</em>' if text.pending else ""
        body = html.escape(_typeset(text, lang), quote=False)
        if lang.period_inside_quotes and not text.pending and end == "." and body.endswith("\u201d"):
            body, end = body[:-1] + ".\u201d", ""  # US style: the period goes inside the quotes
        lines.append(f'<li id="{item.anchor}"{_lang_attr(text, lang)}>{body}{end}{pending}</li>')
    return [*lines, "</ol>", ""]


def _link_cards(links: list[Segment], texts: dict[str, Text], lang: Language, titles: dict[str, str]) -> list[str]:
    lines = ['<div class="grid cards" markdown>', ""]
    for link in links:
        target = PAGE_FILES[link.link or "home"]
        lines += [
            f"-   **[{escape_md(titles[link.link or 'home'])}]({target}.md)**",
            "",
            "    ---",
            "",
            f"    {_inline(texts[link.id], lang)}",
            "",
        ]
    return [*lines, "</div>", ""]


def _editorial_note(label: Text, note: Text, lang: Language, pending_note: str) -> list[str]:
    """The editors' words beside the article's: a labelled note (class editorial-note,
    CONTRACT.md "Additions"), styled as Material's note so it reads as an aside."""

    def body(text: Text) -> str:
        return html.escape(_typeset(text, lang), quote=False)

    pending = f' <em class="pk-pending">({html.escape(pending_note)})</em>' if note.pending else ""
    return [
        (
            f'<div class="admonition note editorial-note" role="note">'
            f'<p class="admonition-title"{_lang_attr(label, lang)}>{body(label)}</p>'
            f"<p{_lang_attr(note, lang)}>{body(note)}{pending}</p></div>"
        ),
        "",
    ]


def _next_link(segment: Segment, text: Text, lang: Language) -> list[str]:
    """A link to the page the text leads on to (e.g. «Вот как следует заканчивать
    отношения.» → the parting page); MkDocs resolves the .md link per language.
    Navigation, not content: left out of the search index, so its words (the next
    page's subject) do not rank this page for what the next one is about."""
    target = PAGE_FILES[segment.link or "home"]
    return [
        f'[{_inline(text, lang)}]({target}.md){{ rel="next"{_lang_attr(text, lang)} }}',
        "{ .pk-next data-search-exclude }",
        "",
    ]


def _pending_block(russian: str, pending_note: str) -> list[str]:
    body = html.escape(typography(russian), quote=False)
    return [
        (
            f'<div class="admonition warning pk-pending"><p class="admonition-title">{html.escape(pending_note)}</p>'
            f'<p lang="{SOURCE}">{body}</p></div>'
        ),
        "",
    ]


def _pending_note(pending_note: str) -> list[str]:
    return [f'<p class="pk-pending"><em>{html.escape(pending_note)}</em></p>', ""]


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
