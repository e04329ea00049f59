"""Adding a language is data only (issue 22, CONTRIBUTING.md "Add a language"): the
same sources build with Ukrainian (the shipped list) and without it (its line and its
folder taken away), and each site has exactly its languages everywhere a language
shows: the pages under its folder, the switcher, hreflang, the search index, the
embed views and the site map the deploy check reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from scripts.build import build
from scripts.i18n import sitemap
from scripts.publish import html
from tests.project import project_copy
from tests.site import LANGS, SITE

#: The language taken away: the last one added.
REMOVED = LANGS[-1]


def _languages_of(site: Path) -> dict[str, object]:
    """Where the built site shows its languages."""
    page = html.Page((site / "quiz" / "index.html").read_text("utf-8"))
    switcher = [a.get("hreflang") for a in page.select("a", class_="md-select__link")]
    site_map = json.loads((site / sitemap.FILE).read_text("utf-8"))
    return {
        "folders": sorted(p.name for p in site.iterdir() if (p / "quiz" / "embed" / "index.html").is_file()),
        "switcher": switcher,
        "site map": [lang["code"] for lang in site_map["languages"]],
        "search": sorted(p.parent.parent.name for p in site.glob("*/search/search_index.json")),
    }


def test_the_site_builds_with_and_without_the_last_language(built_site: Path, tmp_path: Path) -> None:
    others = [code for code in LANGS if code != SITE.source.code]
    with_it = _languages_of(built_site)
    assert with_it["switcher"] == with_it["site map"] == list(LANGS)
    assert with_it["folders"] == with_it["search"] == sorted(others)

    paths = project_copy(tmp_path)
    toml = paths.languages
    lines = toml.read_text("utf-8").splitlines(keepends=True)
    assert sum(f'code = "{REMOVED}"' in line for line in lines) == 1, "one line per language in languages.toml"
    toml.write_text("".join(line for line in lines if f'code = "{REMOVED}"' not in line), encoding="utf-8")
    shutil.rmtree(toml.parent / REMOVED)
    site = tmp_path / "site"
    build(paths, site_dir=site)

    without = _languages_of(site)
    kept = [code for code in LANGS if code != REMOVED]
    assert without["switcher"] == without["site map"] == kept
    assert without["folders"] == without["search"] == sorted(c for c in others if c != REMOVED)
    assert not (site / REMOVED).exists()
    head = (site / "index.html").read_text("utf-8")
    assert f'hreflang="{REMOVED}"' not in head and f"/{REMOVED}/" not in head
