"""The built site: contract ids on both languages' pages, metadata, variants of the
article giving the same site, and failed builds leaving the previous site intact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts.build import build, generate
from scripts.errors import BuildError
from scripts.paths import Paths
from scripts.publish.postbuild import page_ids
from tests import expect

from .test_article import TEXT, VARIANTS
from .test_structure import CONTRACT_IDS

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "": "index.html",
    "recognize/": "recognize/index.html",
    "part-ways/": "part-ways/index.html",
    "quiz/": "quiz/index.html",
}
PREFIX = {"ru": "", "en": "en/"}


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("slug", CONTRACT_IDS)
def test_every_contract_id_is_on_the_built_page(built_site, lang, slug):
    ids = page_ids(built_site / PREFIX[lang] / slug / "index.html")
    assert set(CONTRACT_IDS[slug]) <= ids


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("page", PAGES.values())
def test_pages_have_language_title_and_description(built_site, lang, page):
    html = (built_site / PREFIX[lang] / page).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    title = expect.search(r"<title>(.*?)</title>", html).group(1)
    description = expect.search(r'<meta name="description" content="([^"]+)"', html).group(1)
    cyrillic = re.compile("[а-яё]", re.I)
    for text in (title, description):
        assert bool(cyrillic.search(text)) == (lang == "ru"), text
    assert len(description) <= 200


def test_english_pages_read_in_english(built_site):
    html = (built_site / "en" / "part-ways" / "index.html").read_text(encoding="utf-8")
    assert 'id="avoid-you"' in html and "Avoid the word" in html
    article = expect.search(r"<article.*?</article>", html, re.S).group(0)
    assert not re.search("[а-яё]", re.sub(r"<[^>]+>", "", article), re.I)


def test_russian_typography_uses_an_em_dash(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Трудные клиенты\u00a0— это" in html


def test_the_site_folder_is_world_readable(built_site):
    assert built_site.stat().st_mode & 0o755 == 0o755


def test_sitemap_and_404(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "recognize/" in sitemap and "en/part-ways/" in sitemap
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Страница не найдена" in page and "Page not found" in page


def test_search_indexes_are_split_by_language(built_site):
    import json

    ru = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("Токсичные клиенты" in d["text"] for d in ru["docs"])
    assert not any(d["location"].startswith("en/") for d in ru["docs"])
    assert any("Toxic clients" in d["text"] for d in en["docs"])
    assert not any(re.search("[а-яё]", d["title"], re.I) for d in en["docs"])


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


def _project_copy(tmp_path: Path) -> Paths:
    root = tmp_path / "project"
    for rel in ("content", "overrides", "docs/assets/stylesheets", "web"):
        if (ROOT / rel).exists():
            shutil.copytree(ROOT / rel, root / rel)
    (root / "quiz").mkdir(parents=True)
    for name in ("definition.toml", "phrases.toml"):
        shutil.copy(ROOT / "quiz" / name, root / "quiz" / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Paths(root)


@pytest.fixture(scope="module")
def reference_pages():
    return generate(Paths()).pages


@pytest.mark.parametrize("name", VARIANTS)
def test_article_variants_generate_the_same_pages(tmp_path, reference_pages, name):
    paths = _project_copy(tmp_path)
    paths.article.write_text(VARIANTS[name](TEXT), encoding="utf-8", newline="")
    assert generate(paths).pages == reference_pages


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda p: p.article.write_bytes(b""), "the article is empty"),
        (lambda p: p.article.unlink(), "the article file is missing"),
        (lambda p: p.article.write_bytes(b"\xc3\x28 broken"), "not valid UTF-8"),
        (lambda p: p.structure.write_text("pages: [", encoding="utf-8"), "not a valid YAML file"),
        (lambda p: p.guide_po.write_text('msgid "a"\nmsgstr "b"\nnot po\n', encoding="utf-8"), "not a valid PO file"),
        (lambda p: p.quiz_definition.write_text("threshold = [", encoding="utf-8"), "not valid TOML"),
        (lambda p: p.mkdocs_yml.write_text(p.mkdocs_yml.read_text() + "\nnav: [missing.md]\n"), "MkDocs build failed"),
    ],
    ids=["empty-article", "missing-article", "not-utf8", "broken-map", "broken-po", "broken-quiz", "mkdocs-fails"],
)
def test_a_failed_build_leaves_the_previous_site_intact(tmp_path, breakage, message):
    paths = _project_copy(tmp_path)
    paths.site.mkdir()
    (paths.site / "index.html").write_text("previous build", encoding="utf-8")
    breakage(paths)
    with pytest.raises(BuildError, match=message):
        build(paths)
    assert (paths.site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert [p.name for p in paths.site.iterdir()] == ["index.html"]
    assert not list(paths.root.glob(".site-staging-*"))
