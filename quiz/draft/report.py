"""What the reader takes away: the letter (copied or ``.txt``) and the "my result" Markdown.

``take_away(text, phrases)`` is the letter as it leaves the page, cleaned by
:func:`quiz.draft.text.clean_letter`, with the notice to show when something
was removed.  ``markdown_result(result, draft, phrases, links)`` writes the
"download my result" document in the phrases' language.

The document must stay inert in every Markdown dialect, including the original
Markdown.pl, which passes any HTML through and knows no fenced code: the letter
is an *indented* code block (each line indented by four spaces, which every
dialect shows verbatim), and every other text is escaped with backslashes for
Markdown punctuation and character references (``&lt;``, ``&gt;``, ``&amp;``)
for HTML, which all dialects read as text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from quiz.saved import change_markdown
from quiz.you_check import SECTION as YOU_SECTION
from quiz.you_check import check

from .phrases import DraftError, validate, you_forms
from .text import clean_letter, clean_line, plain

__all__ = ["escape_markdown", "markdown_result", "take_away"]

# HTML's own characters, as character references (text in every dialect).
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Markdown punctuation with inline meaning in CommonMark/GFM (and common extensions: $ math).
_MD_INLINE_RE = re.compile(r"([\\`*_\[\]|~$])|([&<>])")
# Line starts that open a block: heading, list item, setext underline.
_MD_LINE_START_RE = re.compile(r"[#+=-]|\d{1,9}(?=[.)])")
_URL_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# Four spaces: an indented code block in every Markdown dialect.
_CODE_INDENT = "    "
# Between a linked title and its note: a dash kept on the title's line (a no-break
# space before it, as Russian typography wants, and harmless in any language).
DASH = "\u00a0— "


def take_away(text: Any, phrases: Mapping[str, Any]) -> dict[str, Any]:
    """The letter to copy or save: ``{"text", "removed": int, "notice": str}``.

    ``notice`` is empty unless hidden or control characters were removed; then
    it says so in the phrases' language (``texts.removed``).
    """
    validate(phrases)
    if not isinstance(text, str):
        raise DraftError(f"the letter must be text, not {type(text).__name__}")
    cleaned, removed = clean_letter(text)
    notice = phrases["texts"]["removed"].replace("{count}", str(removed)) if removed else ""
    return {"text": cleaned, "removed": removed, "notice": notice}


def escape_markdown(text: Any) -> str:
    """Reader or engine text as inert Markdown: no links, HTML, emphasis or block syntax.

    Line breaks become spaces (the result sits in a heading, list item or paragraph).
    """
    line = clean_line(str(text))
    line = _MD_INLINE_RE.sub(lambda m: "\\" + m.group(1) if m.group(1) else _HTML[m.group(2)], line)
    m = _MD_LINE_START_RE.match(line)
    if m:  # "# x" -> "\# x", "1. x" -> "1\. x"
        cut = m.end() if m.group()[0].isdigit() else 0
        line = line[:cut] + "\\" + line[cut:]
    return line


def _escape_paragraphs(text: Any) -> list[str]:
    paragraphs = re.split(r"\n\s*\n", plain(str(text))[0])
    return [p for p in (escape_markdown(p) for p in paragraphs) if p]


def _safe_url(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    url = clean_line(url)
    scheme = _URL_SCHEME_RE.match(url)
    if not url or (scheme and scheme.group(1).lower() not in ("http", "https")):
        return None
    return re.sub(r"[\s<>()\[\]\"'`\\]", lambda m: f"%{ord(m.group()):02X}", url)


def _link(label: str, section: Any, links: Mapping[str, Any]) -> str:
    url = _safe_url(links.get(section)) if isinstance(section, str) else None
    return f"[{label}]({url})" if url else label


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_line(str(value))


def _items(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value or [] if isinstance(item, Mapping)]


def _steps(steps: list[Mapping[str, Any]], links: Mapping[str, Any]) -> list[str]:
    """A numbered list of plan steps, each its title linked to its section, then its note."""
    out = []
    for n, step in enumerate(steps, 1):
        title, note = escape_markdown(step.get("title") or ""), escape_markdown(step.get("note") or "")
        label = title or note or escape_markdown(step.get("section") or "")
        line = _link(label, step.get("section"), links)
        out.append(f"{n}. {line}" + (f"{DASH}{note}" if title and note else ""))
    return [*out, ""]


def markdown_result(
    result: Mapping[str, Any],
    draft: Mapping[str, Any] | None,
    phrases: Mapping[str, Any],
    links: Mapping[str, str] | None,
) -> str:
    """A "download my result" Markdown document in the language of ``phrases``.

    ``result``: the engine's output (verdict, score, max_score, headline,
    explanation, flagged, plan, followup); ``draft``: :func:`~quiz.draft.message.assemble`'s
    output (or any dict with "text", e.g. after the reader edited it) or None;
    ``phrases``: the localized phrases (their ``texts`` give the words);
    ``links``: section id -> URL (http(s) or relative; other schemes are dropped).
    A ``result["change"]`` (quiz.saved.compare's output, once the result was
    compared with saved answers) adds what changed since then after the plan.
    Every text is escaped; the letter is an indented code block, shown exactly
    as written once cleaned like the other take-aways.
    """
    if not isinstance(phrases, Mapping):
        raise DraftError(
            f"the result document needs the localized phrases (their [texts]), not {type(phrases).__name__}"
        )
    validate(phrases)
    if not isinstance(result, Mapping):
        raise DraftError(f"result must be the engine's result table, not {type(result).__name__}")
    words, links = phrases["texts"], links or {}
    out = [f"# {escape_markdown(words['report_title'])}", ""]
    verdict = result.get("verdict")
    verdict_words = words.get(f"report_verdict_{verdict}") if isinstance(verdict, str) else None
    headline = result.get("headline") or verdict_words or ""
    out += [f"## {escape_markdown(headline)}", ""]
    if verdict_words:
        out += [f"**{escape_markdown(words['report_verdict'])}:** {escape_markdown(verdict_words)}", ""]
    for paragraph in _escape_paragraphs(result.get("explanation") or ""):
        out += [paragraph, ""]
    if result.get("score") is not None and result.get("max_score") is not None:
        numbers = {"score": _number(result["score"]), "max_score": _number(result["max_score"])}
        score = re.sub(r"\{([a-z_]+)\}", lambda m: numbers[m.group(1)], words["report_score"])
        out += [escape_markdown(score), ""]
    flagged = _items(result.get("flagged"))
    if flagged:
        out += [f"## {escape_markdown(words['report_flagged'])}", ""]
        for item in flagged:
            title, text = escape_markdown(item.get("title") or ""), escape_markdown(item.get("text") or "")
            label = title or text or escape_markdown(item.get("section") or item.get("id") or "")
            line = _link(label, item.get("section"), links)
            out.append(f"- {line}" + (f"{DASH}{text}" if title and text else ""))
        out.append("")
    plan = _items(result.get("plan"))
    if plan:
        out += [f"## {escape_markdown(words['report_plan'])}", ""]
        out += _steps(plan, links)
    followup = result.get("followup")
    if isinstance(followup, Mapping) and _items(followup.get("steps")):
        out += [f"## {escape_markdown(followup.get('heading') or '')}", ""]
        out += _steps(_items(followup.get("steps")), links)
    change = result.get("change")
    if isinstance(change, Mapping):  # compared with saved answers (quiz.saved.compare)
        out += change_markdown(change, escape_markdown, lambda label, section: _link(label, section, links))
    if draft is not None:
        if not isinstance(draft, Mapping) or not isinstance(draft.get("text"), str):
            raise DraftError("draft must be assemble()'s result or a table with a 'text'")
        text, _ = clean_letter(draft["text"])
        you = check(text, you_forms(phrases))
        out += [f"## {escape_markdown(words['report_draft'])}", ""]
        out += [_CODE_INDENT + line if line else "" for line in text.split("\n")]
        out += ["", f"{_link(escape_markdown(words['report_you']), YOU_SECTION, links)}: {you['count']}", ""]
    out += ["---", "", f"*{escape_markdown(words['report_footer'])}*", ""]
    return "\n".join(out)
