"""Finish the staged site: add the engine runtime, split the search index by
language, fix what the theme cannot configure, check that every contract id and
quiz link target really exists, write the embed pages, add the CSP (it hashes
the final inline scripts of every page), and last the precompressed copies."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

from ..assessment import runtime
from ..assessment import wheel as engine_wheel
from ..deploy import headers as deploy_headers
from ..deploy import rules as deploy_rules
from ..deploy import settings as deploy_settings
from ..deploy import siteurl
from ..errors import BuildError, BuildErrors
from ..guide.structure import Guide
from ..i18n import sitemap
from ..i18n.languages import SOURCE, Languages
from ..i18n.site import SiteTexts
from ..paths import Paths
from . import html
from .csp import apply_csp
from .embed import write_embed_pages
from .precompressed import write_copies


def finish(paths: Paths, site: Path, guide: Guide, quiz, langs: Languages, texts: SiteTexts) -> None:
    settings = deploy_settings.Settings.from_env()  # SITE_URL, FRAME_ANCESTORS: checked first
    _install_runtime(paths, site, quiz)
    _split_search_index(site, langs)
    _localize_pages(site, langs, settings.prefix)
    siteurl.apply(site, settings, langs)  # with SITE_URL: hreflang alternates, robots.txt
    _check_anchors(site, guide, quiz, langs)
    site_map = sitemap.load(paths)
    write_embed_pages(site, site_map, texts)  # from the finished quiz pages; before the CSP, so they get it too
    apply_csp(site)
    # The host's header rules, from the pages' final policies (scripts/deploy/).
    deploy_headers.write(site, deploy_rules.rules_for(site, settings))
    # The site map, for the deploy check that reads it from the deployed site.
    (site / sitemap.FILE).write_text(json.dumps(site_map.as_json(), indent=1) + "\n", encoding="utf-8")
    # Last: the .gz/.br copies must match the final files.
    write_copies(site)


def _install_runtime(paths: Paths, site: Path, quiz) -> None:
    # Into the versioned folders #quiz-data points at (runtime.pyodide_dir and
    # wheel.engine_dir, computed once, when the pages were rendered).
    urls = quiz.data[SOURCE]["runtime"]
    # The source language's quiz page: its URLs are relative to it.
    page = site / sitemap.load(paths).file(SOURCE, "quiz")
    runtime.copy_pyodide((page.parent / urls["pyodide"]).resolve())
    wheel = engine_wheel.build_wheel((page.parent / urls["wheel"]).resolve().parent)
    engine_wheel.lock_wheel(wheel)  # the site's pyodide-lock.json, beside the wheel (pyodide-build)


def _plain(text: str) -> str:
    """An index entry's text without its markup: lunr indexes words and Material shows
    the entry as a preview either way, so the tags only weigh (about 5 % of the index,
    which every guide page loads). Character references stay as they were written."""
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")


def _split_search_index(site: Path, langs: Languages) -> None:
    """One index per language, so search shows results in the reader's language.

    MkDocs builds one index for the whole site; _localize_pages points each
    language's pages at its own copy (search/ for Russian, <code>/search/ for the others).

    Both copies ask Material's search worker for lunr's built-in pipeline
    (``lang: ["en"]``), not lunr.ru. With the stemmer off (it matched Russian
    worse, ../shared/STACK.md) and the trimmer off, lunr.ru only adds a Russian
    stop-word list; side by side, that list made some queries worse («с клиентом»
    ranked the embed page first, «не» found nothing useful), left the rest
    unchanged, and cost every Russian page 14 KB (lunr.ru and the stemmer
    support it needs) against issue 5's 350 KB per guide page.
    """
    index_path = site / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs = index["docs"]
    for lang in langs:
        prefix = lang.prefix
        entries = [d for d in docs if langs.of_path(d["location"]) == lang]
        config = dict(index["config"], lang=[SEARCH_PIPELINE])
        docs_out = [dict(d, location=d["location"][len(prefix) :], text=_plain(d["text"])) for d in entries]
        out = dict(index, config=config, docs=docs_out)
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


#: The lunr pipeline every index uses: lunr's own ("en"), which loads no language file.
SEARCH_PIPELINE = "en"


#: The page the server shows for any missing address, at any depth.
NOT_FOUND = "404.html"


def _localize_pages(site: Path, langs: Languages, base: str) -> None:
    """Per-page fixes the theme cannot express in configuration.

    - Pages of a translated language get its folder as Material's "base", so its
      search loads that language's index (and its sitemap lookup finds <code>/sitemap.xml).
    - The i18n plugin gives the home pages' language switcher root-absolute links,
      which break on a sub-path and from file://; make them relative.
    - The 404 page's switcher links lead to each language's home from the site's
      root (`base`: SITE_URL's path, else "/"), like the page's own home links:
      it is shown at any depth, where relative links lead to another 404, and the
      i18n plugin gives it the alternates of whichever page it rendered last.
    - Each switcher link is marked with its language: it names the language in that
      language ("Русский", "English"), whatever the page's own.
    - Material fetches "<alternate>/sitemap.xml" for every hreflang link in the
      head (404s on a static host, CORS errors from file://). The sitemap already
      lists each page's language alternates, so the head links are dropped.
    """
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        for lang in langs.translated:
            shutil.copyfile(sitemap, site / lang.prefix / "sitemap.xml")
    for file in site.rglob("*.html"):
        rel = file.relative_to(site)
        text = file.read_text(encoding="utf-8")
        page = html.Page(text)
        edits = page.edit()
        up = "../" * (len(rel.parts) - 1)
        for link in page.select("a", class_="md-select__link", hreflang=True):
            code = link.get("hreflang") or ""
            if code not in langs.codes:
                raise BuildError(
                    file,
                    f"the language switcher links to hreflang {code!r}, not a language of {langs.file}",
                    "rebuild: the i18n plugin's languages come from that file (scripts/i18n/site.py)",
                )
            edits.set_attribute(link, "lang", code)
            href = link.get("href") or ""
            if rel.as_posix() == NOT_FOUND:
                edits.set_attribute(link, "href", base + langs[code].prefix)
            elif href.startswith("/"):
                edits.set_attribute(link, "href", (up + href.lstrip("/")) or "./")
        head = page.first("head")
        for alternate in page.select("link", within=head, rel="alternate", hreflang=True) if head else ():
            edits.remove(alternate, lead=" \t\r\n")
        lang = langs.of_path(rel.as_posix())
        config = page.first("script", id="__config") if not lang.is_source else None
        if config is not None:
            edits.replace(config.inner, _language_base(page.inner(config), lang.prefix))
        new = edits.apply()
        if new != text:
            file.write_text(new, encoding="utf-8")


def _language_base(text: str, prefix: str) -> str:
    config = json.loads(text)
    config["base"] = config["base"].rstrip("/") + "/" + prefix
    return json.dumps(config, ensure_ascii=False)


def page_ids(html_file: Path) -> set[str]:
    page = html.Page(html_file.read_text(encoding="utf-8"))
    return {e.attrs["id"] or "" for e in page.elements if e.attrs.get("id")}


def _check_anchors(site: Path, guide: Guide, quiz, langs: Languages) -> None:
    errors: list[BuildError] = []
    for lang, prefix in ((lang.code, lang.prefix) for lang in langs):
        for page in guide.pages:
            if page.slug == "home":
                continue
            built = site / prefix / page.slug / "index.html"
            ids = page_ids(built) if built.exists() else set()
            wanted = set(page.anchors) | {sid for sid, slug in quiz.sections.items() if slug == page.slug}
            errors.extend(
                BuildError(
                    built,
                    f"section id '{missing}' is not on the built page ({lang})",
                    "place a block with that anchor in content/structure.yml",
                )
                for missing in sorted(wanted - ids)
            )
    if errors:
        raise BuildErrors(errors) if len(errors) > 1 else errors[0]
