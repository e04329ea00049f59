"""scripts/templates.py, how our templates are rendered: data in a JSON script cannot
end the element early, texts are escaped, and a broken or missing template or a
name the Python did not pass fails the build naming the template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markupsafe import Markup

from scripts import templates
from scripts.errors import BuildError
from scripts.publish import html
from tests import expect

HOSTILE = {
    "end": "</script><script>alert(1)</script>",
    "comment": "<!--<script>",
    "text": "a < b && c > d \"quoted\" 'single' — «ёлки» “curly”",
}


def test_script_json_cannot_end_its_script() -> None:
    text = str(templates.script_json(HOSTILE))
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == HOSTILE  # the same data for JSON.parse
    page = html.Page(f'<script type="application/json" id="d">{text}</script><p id="after">after</p>')
    script = expect.present(page.first("script", id="d"), "the data script")
    assert page.inner(script) == text, "the script ended inside the data"
    assert page.first("p", id="after") is not None


def test_script_json_is_compact_utf8() -> None:
    assert str(templates.script_json({"a": ["ё", 1]})) == '{"a":["ё",1]}'


def test_values_are_escaped_unless_marked_as_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use(tmp_path, monkeypatch, {"t.html": '<p title="{{ text }}">{{ text }}</p>{{ markup }}'})
    out = templates.render("t.html", text=HOSTILE["end"] + '"', markup=Markup("<b>bold</b>"))
    page = html.Page(out)
    p = expect.present(page.first("p"), "<p>")
    assert p.get("title") == HOSTILE["end"] + '"' and page.text_of(p) == HOSTILE["end"] + '"'
    assert page.select("script") == [] and page.first("b") is not None


def test_a_missing_template_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use(tmp_path, monkeypatch, {"t.html": '{% include "gone.html" %}'})
    with pytest.raises(BuildError, match="the template is missing") as caught:
        templates.render("none.html")
    assert "none.html" in str(caught.value)
    with pytest.raises(BuildError, match="the template is missing") as caught:
        templates.render("t.html")
    assert "gone.html" in str(caught.value)


def test_a_name_the_python_did_not_pass_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use(tmp_path, monkeypatch, {"t.html": "<p>{{ ui.submit }}</p>"})
    with pytest.raises(BuildError, match="'ui' is undefined") as caught:
        templates.render("t.html")
    assert "t.html" in str(caught.value)


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use(tmp_path, monkeypatch, {"t.html": "<p>\n{% if x %}</p>"})
    with pytest.raises(BuildError, match="line 2") as caught:
        templates.render("t.html", x=1)
    assert "t.html" in str(caught.value)


def _use(folder: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> None:
    """Render from ``folder`` holding ``files`` instead of overrides/."""
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(templates, "OVERRIDES", folder)
