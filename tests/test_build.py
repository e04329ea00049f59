"""The built site: contract ids on every language's pages, metadata, variants of the
article giving the same site, and failed builds leaving the previous site intact."""

from __future__ import annotations

import json
import re

import pytest

from scripts.build import build, generate
from scripts.errors import BuildError
from scripts.paths import Paths
from scripts.publish.postbuild import page_ids
from tests import expect
from tests.alphabets import foreign_letters, reads_as
from tests.guide.article_variants import TEXT, VARIANTS
from tests.guide.contract_ids import CONTRACT_IDS
from tests.project import project_copy
from tests.site import GUIDE_PAGES, LANGS, SITE


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", CONTRACT_IDS)
def test_every_contract_id_is_on_the_built_page(built_site, lang, slug):
    ids = page_ids(built_site / SITE.file(lang, slug))
    assert set(CONTRACT_IDS[slug]) <= ids


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_pages_have_language_title_and_description(built_site, lang, page):
    html = (built_site / SITE.file(lang, page)).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    title = expect.search(r"<title>(.*?)</title>", html).group(1)
    description = expect.search(r'<meta name="description" content="([^"]+)"', html).group(1)
    for text in (title, description):
        assert reads_as(lang, text), text
    assert len(description) <= 200


@pytest.mark.parametrize("lang", LANGS)
def test_each_languages_article_reads_in_that_language(built_site, lang):
    html = (built_site / SITE.file(lang, "part-ways")).read_text(encoding="utf-8")
    assert 'id="avoid-you"' in html
    article = expect.search(r"<article.*?</article>", html, re.S).group(0)
    text = re.sub(r"<[^>]+>", " ", article)
    assert reads_as(lang, text) and foreign_letters(lang, text) == []


def test_english_pages_read_in_english(built_site):
    html = (built_site / SITE.file("en", "part-ways")).read_text(encoding="utf-8")
    assert "Avoid the word" in html


def test_russian_typography_uses_an_em_dash(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Трудные клиенты\u00a0— это" in html


def test_the_site_folder_is_world_readable(built_site):
    assert built_site.stat().st_mode & 0o755 == 0o755


def test_sitemap_and_404(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    # Every indexed page of every language (without SITE_URL: relative, the home page "./").
    expected = [SITE.url(lang, page.id) or "./" for lang in LANGS for page in SITE if page.indexed]
    assert sorted(re.findall(r"<loc>(.*?)</loc>", sitemap)) == sorted(expected)
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Страница не найдена" in page and "Page not found" in page
    assert all(f'lang="{lang}"' in page for lang in LANGS)  # a line in every language


@pytest.mark.parametrize("lang", LANGS)
def test_search_indexes_are_split_by_language(built_site, lang):
    index = json.loads((built_site / SITE.prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    # This language's indexed pages, at addresses below its own folder...
    assert {d["location"].split("#")[0] for d in docs} == {page.path for page in SITE if page.indexed}
    # ...in its own words.
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    assert reads_as(lang, text), foreign_letters(lang, text)


OFF_ORIGIN = re.compile(r'(?:src|href)="(?:https?:)?//[^"]+"[^>]*>|url\((?:["\']?)(?:https?:)?//', re.I)


def test_no_page_or_stylesheet_loads_anything_off_the_origin(built_site):
    offenders: list[tuple[str, str]] = []
    for path in [*built_site.rglob("*.html"), *built_site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        offenders.extend(
            (path.name, tag)
            for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", text)
            if re.search(r'(?:src|href)="(?:https?:)?//', tag) and 'rel="alternate"' not in tag
        )
        if path.suffix == ".css" and re.search(r"url\(['\"]?(?:https?:)?//", text):
            offenders.append((path.name, "css url()"))
    assert offenders == []


# --- Variants of the article and failed builds ---------------------------------------


@pytest.fixture(scope="module")
def reference_pages():
    return generate(Paths()).pages


@pytest.mark.parametrize("name", VARIANTS)
def test_article_variants_generate_the_same_pages(tmp_path, reference_pages, name):
    paths = project_copy(tmp_path)
    paths.article.write_text(VARIANTS[name](TEXT), encoding="utf-8", newline="")
    assert generate(paths).pages == reference_pages


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda p: p.article.write_bytes(b""), "the article is empty"),
        (lambda p: p.article.unlink(), "the article file is missing"),
        (lambda p: p.article.write_bytes(b"\xc3\x28 broken"), "not valid UTF-8"),
        (lambda p: p.structure.write_text("pages: [", encoding="utf-8"), "not a valid YAML file"),
        (
            lambda p: p.po("en", "guide").write_text('msgid "a"\nmsgstr "b"\nnot po\n', encoding="utf-8"),
            "not a valid PO file",
        ),
        (lambda p: p.quiz_definition.write_text("threshold = [", encoding="utf-8"), "not valid TOML"),
        (lambda p: p.mkdocs_yml.write_text(p.mkdocs_yml.read_text() + "\nnav: [missing.md]\n"), "MkDocs build failed"),
    ],
    ids=["empty-article", "missing-article", "not-utf8", "broken-map", "broken-po", "broken-quiz", "mkdocs-fails"],
)
def test_a_failed_build_leaves_the_previous_site_intact(tmp_path, breakage, message):
    paths = project_copy(tmp_path)
    paths.site.mkdir()
    (paths.site / "index.html").write_text("previous build", encoding="utf-8")
    breakage(paths)
    with pytest.raises(BuildError, match=message):
        build(paths)
    assert (paths.site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert [p.name for p in paths.site.iterdir()] == ["index.html"]
    assert not list(paths.root.glob(".site-staging-*"))
