"""The language layer (scripts/i18n/): one languages list, the site frame's texts
through the catalogues, and the pseudo-locale generator.

Every stage takes its languages from content/translations/languages.toml, so a
third language in a temporary languages file (the pseudo-locale en-XA) gets its
pages, quiz data, embed page and MkDocs settings with no other change; a bad
languages file or a stale site.po entry fails the build naming the file, the
entry and the fix. The browser side is tests/browser/test_pseudo_locale.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polib
import pytest

from scripts.build import generate
from scripts.errors import BuildError
from scripts.i18n import languages, pseudo, site
from scripts.paths import Paths
from tests import expect
from tests.project import project_copy

# The languages the site ships (content/translations/languages.toml).
SHIPPED = languages.load(Paths().languages).codes


@pytest.fixture(scope="module")
def pseudo_paths(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    return Paths(languages_file=pseudo.write(tmp_path_factory.mktemp("pseudo")))


def test_the_shipped_languages_are_russian_then_english_and_ukrainian():
    langs = languages.load(Paths().languages)
    assert langs.codes == ("ru", "en", "uk")
    assert [lang.prefix for lang in langs] == ["", "en/", "uk/"]
    assert langs.source.is_source and langs["en"].po("quiz") == Paths().po("en", "quiz")
    assert langs.of_path("en/quiz/index.html").code == "en" and langs.of_path("quiz/").code == "ru"
    assert langs.neutral("en/part-ways/") == "part-ways/"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('languages = [{ code = "en" }]', "not the source language 'ru'"),
        ('languages = [{ code = "ru" }, { code = "ru" }]', "'ru' is listed twice"),
        ('languages = [{ code = "ru" }, { code = "English" }]', "not a language code"),
        ('languages = [{ code = "ru" }, { code = "de" }]', "no catalogue folder"),
        ('languages = [{ code = "ru" }, { code = "en", colour = "red" }]', "unknown key"),
        ("languages = [", "not valid TOML"),
    ],
)
def test_a_bad_languages_file_fails_naming_the_entry(tmp_path, text, message):
    (tmp_path / "en").mkdir()
    file = tmp_path / "languages.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=message) as info:
        languages.load(file)
    assert "languages.toml" in str(info.value)


def test_pseudolocalize_accents_every_letter_and_keeps_placeholders_and_markup():
    out = pseudo.pseudolocalize("Unanswered: {count}. <b>Copy</b> &amp; see https://example.org/x")
    assert out.startswith("[") and out.endswith("]")
    assert "{count}" in out and "<b>" in out and "</b>" in out and "&amp;" in out and "https://example.org/x" in out
    rest = re.sub(r"\{count\}|</?b>|&amp;|https://example.org/x", "", out)
    assert not re.search("[A-Za-z]", rest) and set(rest) & pseudo.PSEUDO_LETTERS
    assert pseudo.pseudolocalize("") == ""


def test_pseudo_markdown_keeps_code_links_and_ids():
    page = (
        '---\ntitle: "The page"\n---\n\n# Embed {#embed}\n\n'
        "See [the quiz](quiz.md) and `?parent=`.\n\n```html\n<iframe>\n```\n"
    )
    out = pseudo.pseudo_markdown(page)
    assert 'title: "Ţĥé þàĝé"' in out and "{#embed}" in out and "](quiz.md)" in out and "`?parent=`" in out
    assert "```html\n<iframe>\n```" in out and "Éɱƀéđ" in out


def test_the_pseudo_locale_is_generated_like_any_language(pseudo_paths):
    generated = generate(pseudo_paths)
    assert generated.languages.codes == (*SHIPPED, "en-XA")
    assert {"index.en-XA.md", "recognize.en-XA.md", "part-ways.en-XA.md", "quiz.en-XA.md"} <= set(generated.pages)
    data = generated.quiz.data["en-XA"]
    assert data["lang"] == "en-XA" and data["runtime"]["worker"].startswith("../../assets/")
    assert data["ui"]["submit"].startswith("[") and data["phrases"]["lang"] == "en-XA"
    assert data["phrases"]["texts"]["file_md"] == generated.quiz.data["en"]["phrases"]["texts"]["file_md"]
    assert generated.site["en-XA"]["language_name"] == "[Éñĝļîšĥ]"


def test_mkdocs_gets_its_languages_and_texts_from_the_language_layer(pseudo_paths):
    generated = generate(pseudo_paths)
    raw: dict[str, Any] = {
        "plugins": [{"search": {}}, {"i18n": {"docs_structure": "suffix"}}],
        "theme": {"palette": [{"toggle": {"icon": "a"}}, {"toggle": {"icon": "b"}}]},
        "extra": {"generator": False},
    }
    out = site.mkdocs_overrides(raw, generated.languages, generated.site, Path("mkdocs.yml"))
    i18n = out["plugins"][1]["i18n"]["languages"]
    assert [(lang["locale"], lang["default"]) for lang in i18n] == [
        (code, code == "ru") for code in (*SHIPPED, "en-XA")
    ]
    assert [lang["name"] for lang in i18n][:2] == ["Русский", "English"] and i18n[-1]["name"] == "[Éñĝļîšĥ]"
    assert i18n[-1]["theme"]["language"] == "en"  # Material's own strings: its English ones
    assert i18n[1]["theme"]["palette"][0]["toggle"]["name"] == "Dark theme"
    assert out["theme"]["palette"][1]["toggle"] == {"icon": "b", "name": "Светлая тема"}
    assert out["site_description"].startswith("Как отличить")
    assert [line["prefix"] for line in out["extra"]["not_found"]] == [f"{c}/" if c != "ru" else "" for c in SHIPPED] + [
        "en-XA/"
    ]
    assert out["extra"]["generator"] is False and raw["plugins"][1]["i18n"] == {"docs_structure": "suffix"}


def test_a_stale_site_text_fails_the_build_naming_it(tmp_path):
    paths = project_copy(tmp_path)
    po_path = paths.po("en", "site")
    po = polib.pofile(str(po_path))
    expect.present(
        po.find("site.embed_new_tab", by="msgctxt"), "site.embed_new_tab"
    ).msgid = "Откроется в другой вкладке."
    po.save(str(po_path))
    with pytest.raises(BuildError, match=re.escape("segment 'site.embed_new_tab' changed in Russian")) as info:
        generate(paths)
    assert "site.po" in str(info.value)
    assert generate(paths, lenient=True).site["en"]["embed_new_tab"] == "Откроется в новой вкладке."


def test_site_texts_must_define_every_key(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text('[strings]\nlanguage_name = "Русский"\n', encoding="utf-8")
    with pytest.raises(BuildError, match="lacks description"):
        site.read_source(path)


def test_hand_written_pages_are_translated_block_by_block(tmp_path):
    """content/pages/embed.ru.md is the source; English comes from pages.po, one entry
    per Markdown block, so a changed Russian block is stale like any other text."""
    pages = generate(Paths()).pages
    ru, en = pages["embed.ru.md"], pages["embed.en.md"]
    assert en.startswith('---\ntitle: "The self-assessment in your course"')
    ids = re.findall(r"\{#([\w-]+)\s*\}", ru)
    assert ids and ids == re.findall(r"\{#([\w-]+)\s*\}", en)
    assert ru.count("```") == en.count("```")
    paths = project_copy(tmp_path)
    source = paths.root / "content" / "pages" / "embed.ru.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Самооценку можно", "Самооценку легко"), encoding="utf-8"
    )
    with pytest.raises(BuildError, match=r"segment 'page\.embed\.embed\.1' changed in Russian") as info:
        generate(paths)
    assert "pages.po" in str(info.value)
    lenient = generate(paths, lenient=True)
    assert "Самооценку легко" in lenient.pages["embed.en.md"] and lenient.pending["en"] == ["page.embed.embed.1"]


def test_make_catalog_creates_a_new_languages_catalogues(tmp_path, monkeypatch):
    """Adding a language: its line in languages.toml, then `make catalog` makes its
    folder with an empty entry for every source text (the build then names each one)."""
    from scripts.i18n import sync_catalogue

    paths = project_copy(tmp_path)
    paths.languages.write_text('languages = [{ code = "ru" }, { code = "en" }, { code = "de" }]\n', encoding="utf-8")
    monkeypatch.setattr(sync_catalogue, "Paths", lambda: paths)
    assert sync_catalogue.main() == 0
    de = paths.languages.parent / "de"
    for kind in languages.CATALOGUES:
        po = polib.pofile(str(de / f"{kind}.po"))
        assert len(po) > 0 and not po.translated_entries() and po.metadata["Language"] == "de"
    assert (paths.po("en", "site")).read_text(encoding="utf-8") == (Paths().po("en", "site")).read_text(
        encoding="utf-8"
    )
    assert (de / "you.txt").read_text(encoding="utf-8").startswith("# The forms of")
    with pytest.raises(BuildError, match="has an empty or fuzzy 'de' entry"):
        generate(paths)
