"""scripts/i18n/sitemap.py: the one site map (languages × pages × addresses)."""

from __future__ import annotations

import json

from scripts.build import build
from scripts.i18n import languages, sitemap
from scripts.paths import Paths


def test_every_page_of_every_language_has_one_address() -> None:
    site = sitemap.load(Paths())
    langs = languages.load(Paths().languages)
    assert site.codes == langs.codes and site.source == langs.source
    assert [p.id for p in site] == ["home", "recognize", "part-ways", "quiz", "embed", "quiz-embed"]
    for lang in langs:
        assert site.url(lang.code, "home") == lang.prefix
        assert site.url(lang.code, "quiz-embed") == f"{lang.prefix}quiz/embed/"
        assert site.file(lang.code, "recognize") == f"{lang.prefix}recognize/index.html"
    assert len(site.urls()) == len(langs.codes) * len(site.pages)
    assert not site.page("quiz-embed").indexed and site.page("embed").kind == "course"


def test_the_build_writes_the_map_into_the_site(tmp_path) -> None:
    """check-deploy (standard library only) reads it from the deployed site."""
    build(site_dir=tmp_path / "site")
    written = json.loads((tmp_path / "site" / sitemap.FILE).read_text(encoding="utf-8"))
    assert written == sitemap.load(Paths()).as_json()
    for lang in written["languages"]:
        for page in written["pages"]:
            assert (tmp_path / "site" / (lang["prefix"] + page["path"]) / "index.html").is_file()
