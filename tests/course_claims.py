"""What the course-facing texts say each channel sends, read as a coach reads them: the
built "Embed in a course" page (/embed/, /<lang>/embed/, every language) and the README.

- The SCORM packages: the `cmi.…` fields named in each package's list item (with the
  value, where one is given as `cmi.… = value`), and those no package writes.
- The iframe: the fields of its `parting-kit:result` message, in the page's table of
  messages and in the README's `{type: "parting-kit:result", …}`.

The browser tests hold these claims against what the product really sends, recorded
from scorm-again (tests/browser/test_scorm.py) and from a framing course page
(tests/browser/test_embed.py), so a sentence that drifts from the code fails.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.paths import ROOT
from scripts.publish import html
from tests.site import COURSE_PAGE, SITE

README = ROOT / "README.md"
# The list item of each package names its zip; the README's starts with its edition.
PACKAGE_ZIPS = {"1.2": "dist/parting-kit-scorm12.zip", "2004": "dist/parting-kit-scorm2004.zip"}
README_ITEMS = {"1.2": "SCORM 1.2:", "2004": "SCORM 2004:"}
RESULT_TYPE = "parting-kit:result"

Fields = dict[str, str | None]  # cmi field -> the value claimed for it, if any


def cmi_fields(spans: list[str]) -> Fields:
    """The fields a list item's code spans name: `cmi.a.b = v`, `cmi.a.b`, `.c` (the
    field before's sibling, as in "`cmi.score.raw`, `.min` and `.max`") and
    `cmi.a.raw/min/max` (three siblings). Other spans (a file name, a value) are text."""
    fields: Fields = {}
    last = None
    for span in spans:
        name, _, value = (part.strip() for part in span.partition("="))
        if name.startswith(".") and last:
            name = last.rsplit(".", 1)[0] + name
        elif not name.startswith("cmi."):
            continue
        head, _, leaves = name.rpartition(".")
        for leaf in leaves.split("/"):
            fields[f"{head}.{leaf}"] = value or None
        last = name
    return fields


def message_fields(spans: list[str], verdicts: set[str]) -> dict[str, str | None]:
    """The fields a result message's description names (field -> its value, if given):
    `{type: "…", version: 1, verdict, …}` as one span, or one span per field; a span
    naming a verdict (a value of `verdict`) or the type itself is not a field."""
    fields: dict[str, str | None] = {}
    for span in spans:
        text = " ".join(span.split())
        if text.startswith("{") and text.endswith("}"):
            parts = text[1:-1].split(",")
        elif text in verdicts or text == RESULT_TYPE or not re.fullmatch(r"\w+(: .+)?", text):
            continue
        else:
            parts = [text]
        for part in parts:
            name, _, value = (p.strip() for p in part.partition(":"))
            fields[name] = value.strip('"') or None
    return fields


# --------------------------------------------------------------------------- the course page


def course_page(lang: str) -> str:
    """The course page's file in the built site, for `lang` ("en/embed/index.html")."""
    return SITE.file(lang, COURSE_PAGE)


def _page(built_site: Path, lang: str) -> html.Page:
    return html.Page((built_site / course_page(lang)).read_text(encoding="utf-8"))


def _spans(page: html.Page, element: html.Element) -> list[str]:
    return [page.text_of(code) for code in page.select("code", within=element)]


def _items_naming(page: html.Page, tag: str, span: str) -> list[html.Element]:
    return [item for item in page.select(tag) if span in _spans(page, item)]


def page_package_fields(built_site: Path, lang: str, edition: str) -> Fields:
    """The fields the course page says the `edition` package writes."""
    page = _page(built_site, lang)
    items = _items_naming(page, "li", PACKAGE_ZIPS[edition])
    assert len(items) == 1, f"{course_page(lang)}: one list item should name {PACKAGE_ZIPS[edition]}"
    return cmi_fields(_spans(page, items[0]))


def page_never_written(built_site: Path, lang: str) -> set[str]:
    """The fields the course page says no package writes (the item naming cmi.suspend_data)."""
    page = _page(built_site, lang)
    items = _items_naming(page, "li", "cmi.suspend_data")
    assert len(items) == 1, f"{course_page(lang)}: one list item should say what is never written"
    return set(cmi_fields(_spans(page, items[0])))


def page_result_fields(built_site: Path, lang: str, verdicts: set[str]) -> dict[str, str | None]:
    """The result message's fields, from the table row of `parting-kit:result`."""
    page = _page(built_site, lang)
    rows = _items_naming(page, "tr", RESULT_TYPE)
    assert len(rows) == 1, f"{course_page(lang)}: one table row should describe {RESULT_TYPE}"
    return {"type": RESULT_TYPE, **message_fields(_spans(page, rows[0]), verdicts)}


# --------------------------------------------------------------------------- the README


def _readme_spans(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def _readme_items() -> list[str]:
    """The README's list items, each with its continuation lines."""
    items: list[str] = []
    for line in README.read_text(encoding="utf-8").split("\n"):
        if line.startswith("- "):
            items.append(line[2:])
        elif items and line.startswith("  ") and line.strip():
            items[-1] += "\n" + line.strip()
        elif not line.strip() and items and not items[-1].endswith("\n\n"):
            items[-1] += "\n\n"  # a blank line ends an item
    return [item.strip() for item in items]


def readme_package_fields(edition: str) -> Fields:
    items = [item for item in _readme_items() if item.startswith(README_ITEMS[edition])]
    assert len(items) == 1, f"README.md: one list item should start with {README_ITEMS[edition]!r}"
    return cmi_fields(_readme_spans(items[0]))


def readme_never_written() -> set[str]:
    items = [item for item in _readme_items() if "`cmi.suspend_data`" in item and "cmi.core" not in item]
    assert len(items) == 1, "README.md: one list item should say what no package writes"
    return set(cmi_fields(_readme_spans(items[0])))


def readme_result_messages(verdicts: set[str]) -> list[dict[str, str | None]]:
    """Every `{type: "parting-kit:result", …}` the README writes."""
    # Outside fenced code, whose fences would pair with a span's backticks.
    text = re.sub(r"^```.*?^```", "", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    found = [span for span in _readme_spans(text) if " ".join(span.split()).startswith(f'{{type: "{RESULT_TYPE}"')]
    assert found, f'README.md: no `{{type: "{RESULT_TYPE}", …}}`'
    return [message_fields([span], verdicts) for span in found]
