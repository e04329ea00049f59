"""The deploy recipes the build writes, from the same policy as the pages' <meta>:
SITE_URL's canonical links, sitemap, hreflang and robots.txt; site/_headers;
deploy/nginx.conf; bad settings fail the build with a message naming the setting."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest

from scripts.deploy import headers, nginx, rules
from scripts.deploy.settings import Settings, frame_ancestors, site_url
from scripts.errors import BuildError
from scripts.i18n import languages, sitemap
from scripts.paths import Paths
from scripts.publish import html as pages
from tests.expect import present, search
from tests.site import LANGS, READER_PAGES, SITE, SOURCE

#: Each page a reader browses, as its path below a language's root ("", "quiz/", …).
PAGES = [SITE.page(p).path for p in READER_PAGES]


def meta_policy(html: str) -> str:
    return search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)


def test_site_url_gives_canonical_hreflang_absolute_sitemap_and_robots(deployed_site, deploy_settings):
    base = deploy_settings.site_url
    for page in PAGES:
        for prefix in (SITE.prefix(lang) for lang in LANGS):
            html = (deployed_site / prefix / page / "index.html").read_text("utf-8")
            assert f'<link rel="canonical" href="{base}{prefix}{page}">' in html
            alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)">', html))
            expected = {lang: f"{base}{SITE.prefix(lang)}{page}" for lang in LANGS}
            assert alternates == {**expected, "x-default": f"{base}{SITE.prefix(SOURCE)}{page}"}
            # Material fetches sitemap.xml beside every alternate: it is there.
            assert (deployed_site / prefix / page / "sitemap.xml").is_file()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urlset = ET.parse(deployed_site / "sitemap.xml").getroot()
    locs = [u.findtext("s:loc", "", ns) for u in urlset.findall("s:url", ns)]
    assert set(locs) >= {base + p for p in PAGES} and all(loc.startswith(base) for loc in locs)
    for url in urlset.findall("s:url", ns):
        langs = {link.get("hreflang", ""): link.get("href", "") for link in url.findall("x:link", ns)}
        assert set(langs) == set(LANGS) and all(h.startswith(base) for h in langs.values())
    robots = (deployed_site / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots and "Disallow: /parting-kit/quiz/embed/" in robots


def test_without_site_url_the_build_stays_relative(built_site):
    html = (built_site / "en" / "quiz" / "index.html").read_text("utf-8")
    assert 'rel="canonical"' not in html and 'hreflang="x-default"' not in html
    assert not (built_site / "robots.txt").exists()
    assert "<loc>http" not in (built_site / "sitemap.xml").read_text("utf-8")


@pytest.mark.parametrize("build", ["deployed_site", "built_site"])
def test_the_404_page_links_each_language_home_from_the_site_root(request, deploy_settings, build):
    """Shown at any depth, the 404 page links each language's home (header switcher
    and its own lines) from the site's root: SITE_URL's path, else "/". Its frame is
    the source language's; each switcher link and each line carries its language."""
    site = request.getfixturevalue(build)
    root = deploy_settings.prefix if build == "deployed_site" else "/"
    langs = languages.load(Paths().languages)
    page = pages.Page((site / "404.html").read_text("utf-8"))
    assert present(page.first("html"), "<html>").get("lang") == langs.source.code
    switcher = {a.get("hreflang"): (a.get("href"), a.get("lang")) for a in page.select("a", class_="md-select__link")}
    assert switcher == {lang.code: (root + lang.prefix, lang.code) for lang in langs}
    lines = page.select("p", within=present(page.first("article"), "<article>"))
    homes = [present(page.first("a", within=p), "a line's link").get("href") for p in lines]
    assert homes == [root + lang.prefix for lang in langs]
    # Each line in its language: the source language's is the page's own (the minifier
    # drops a lang equal to the page's), each other line says its own.
    assert [p.get("lang") or langs.source.code for p in lines] == list(langs.codes)


def test_headers_file_gives_each_page_its_meta_policy_plus_frame_ancestors(deployed_site, course_origin):
    text = (deployed_site / "_headers").read_text("utf-8")
    blocks: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if line.startswith("/"):
            current = blocks.setdefault(line, {})
        elif line.startswith("  ") and current is not None:
            name, value = line.strip().split(": ", 1)
            assert name not in current, f"{name} set twice for one path"
            current[name] = value
    assert blocks["/*"] == rules.COMMON
    embed_view = SITE.page(sitemap.EMBED_VIEW).path
    for page in [*PAGES, embed_view]:
        for prefix in (SITE.prefix(lang) for lang in LANGS):
            path = f"/{prefix}{page}"
            header = dict(d.split(" ", 1) for d in blocks[path]["Content-Security-Policy"].split("; "))
            meta = dict(
                d.split(" ", 1)
                for d in meta_policy((deployed_site / prefix / page / "index.html").read_text("utf-8")).split("; ")
            )
            assert blocks[path]["Cache-Control"] == "no-cache"
            assert blocks[path + "index.html"] == blocks[path]
            # The same directives as the page's own <meta>; its script hashes among the header's.
            for name, sources in meta.items():
                if name == "script-src":
                    assert set(sources.split()) <= set(header[name].split()), path
                else:
                    assert header[name] == sources, (path, name)
            expected = f"'self' {course_origin}" if page == embed_view else "'none'"
            assert header["frame-ancestors"] == expected, path
    runtime = [p for p in blocks if p.startswith("/assets/pyodide/")]
    assert any(p.endswith("/*") for p in runtime)
    wasm = next(p for p in runtime if p.endswith("pyodide.asm.wasm.gz"))
    assert blocks[wasm] == {"Content-Type": "application/wasm", "Content-Encoding": "gzip"}
    folder = wasm.rsplit("/", 1)[0] + "/*"
    assert blocks[folder]["Cache-Control"] == "public, max-age=31536000, immutable"
    assert re.fullmatch(r"/assets/pyodide/\d+\.\d+\.\d+-[0-9a-f]{10}/\*", folder)


def test_runtime_paths_are_versioned_and_match_quiz_data(deployed_site):
    import json

    html = (deployed_site / "quiz" / "index.html").read_text("utf-8")
    data = json.loads(search(r'<script[^>]*id="?quiz-data"?[^>]*>(.*?)</script>', html, re.S).group(1))["runtime"]
    assert re.fullmatch(r"\.\./assets/pyodide/\d+\.\d+\.\d+-[0-9a-f]{10}/", data["pyodide"])
    assert re.fullmatch(
        r"\.\./assets/quiz/engine-[0-9a-f]{10}/parting_kit_quiz-[\d.]+-py3-none-any\.whl", data["wheel"]
    )
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm.gz", "python_stdlib.zip.gz"):
        assert (deployed_site / "quiz" / data["pyodide"] / name).is_file()
    assert (deployed_site / "quiz" / data["wheel"]).is_file()


def test_build_writes_the_nginx_recipe_beside_the_site(deployed_site, deploy_settings):
    conf = (deployed_site.parent / "deploy" / "nginx.conf").read_text("utf-8")
    assert conf == nginx.render(
        rules.rules_for(deployed_site, deploy_settings), root=deployed_site, prefix="/parting-kit/"
    )
    for needed in (
        "application/wasm wasm;",
        "text/javascript js mjs;",
        "brotli_static on;",
        "gzip_static on;",
        "gzip_static always;",
        "gunzip on;",
        "nosniff",
        'Referrer-Policy "no-referrer"',
        "Permissions-Policy",
        "immutable",
        "alias ",
    ):
        assert needed in conf


@pytest.mark.parametrize("value", ["example.org", "ftp://example.org/", "https://example.org/?q=1", "/parting-kit/"])
def test_a_bad_site_url_is_refused_with_the_fix(value):
    with pytest.raises(BuildError) as error:
        site_url(value)
    assert "SITE_URL" in str(error.value) and "https://example.org/parting-kit/" in str(error.value)


@pytest.mark.parametrize("value", ["lms.example.edu", "https://lms.example.edu/course/1", "'self'", "*"])
def test_a_bad_frame_ancestor_is_refused_with_the_fix(value):
    with pytest.raises(BuildError) as error:
        frame_ancestors(value)
    assert "FRAME_ANCESTORS" in str(error.value) and repr(value) in str(error.value)


def test_settings_read_the_environment():
    settings = Settings.from_env(
        {"SITE_URL": "https://example.org/kit", "FRAME_ANCESTORS": "https://a.example, https://b.example/"}
    )
    assert settings.site_url == "https://example.org/kit/" and settings.prefix == "/kit/"
    assert settings.frame_ancestors == ("https://a.example", "https://b.example")
    assert Settings.from_env({}).prefix == "/"
    assert headers.NAME == "_headers"
