"""With SITE_URL set: hreflang alternates in each page head, and robots.txt.

MkDocs writes the canonical link of every page and the absolute sitemap (with
each page's language alternates) from ``site_url`` (mkdocs.yml reads SITE_URL).
What it does not write, this does:

- ``<link rel="alternate" hreflang="ru|en|x-default">`` in the head of every page
  that exists in both languages, absolute (the i18n plugin's own head links are
  root-relative and dropped by postbuild). Material fetches ``sitemap.xml`` next
  to every alternate it finds (to keep the reader on the same page when switching
  language), so the sitemap is copied into those page folders: no 404s.
- ``robots.txt`` pointing at the sitemap; the frame-only embed views are left out
  of indexing. A crawler reads robots.txt only at the host's root: under a
  sub-path, copy its lines into the host's own file (README, Deploy).

Without SITE_URL nothing here runs: the site stays relative, as before.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .settings import Settings

LANGS = {"ru": "", "en": "en/"}  # language -> folder prefix (Russian is the default)
_CANONICAL = re.compile(r'<link rel="?canonical"? href="[^"]*">')
_HEAD_END = re.compile(r"</head>", re.I)
# The embed views are for iframes only: not indexed, no alternates.
_EMBED = re.compile(r"^(en/)?quiz/embed/")


def page_path(rel: Path) -> str:
    """The URL path of a built page relative to the site root: "quiz/" for quiz/index.html."""
    posix = rel.as_posix()
    return posix[: -len("index.html")] if posix.endswith("index.html") else posix


def apply(site: Path, settings: Settings) -> None:
    if not settings.site_url:
        return
    base = settings.site_url
    sitemap = site / "sitemap.xml"
    for page in sorted(site.rglob("index.html")):
        rel = page_path(page.relative_to(site))
        if _EMBED.match(rel):
            continue
        neutral = rel[len("en/"):] if rel.startswith("en/") else rel
        alternates = {lang: prefix + neutral for lang, prefix in LANGS.items()
                      if (site / (prefix + neutral) / "index.html").is_file()}
        if len(alternates) < 2:
            continue
        links = "".join(f'<link rel="alternate" hreflang="{lang}" href="{base}{path}">'
                        for lang, path in alternates.items())
        links += f'<link rel="alternate" hreflang="x-default" href="{base}{alternates["ru"]}">'
        html = page.read_text(encoding="utf-8")
        canonical = _CANONICAL.search(html)
        at = canonical.end() if canonical else _HEAD_END.search(html).start()
        page.write_text(html[:at] + links + html[at:], encoding="utf-8")
        for path in alternates.values():
            target = site / path / "sitemap.xml"
            if sitemap.is_file() and not target.exists():
                shutil.copyfile(sitemap, target)
    (site / "robots.txt").write_text(robots(settings), encoding="utf-8")


def robots(settings: Settings) -> str:
    prefix = settings.prefix
    lines = ["User-agent: *", "Allow: " + prefix]
    lines += [f"Disallow: {prefix}{lang_prefix}quiz/embed/" for lang_prefix in LANGS.values()]
    lines += ["", f"Sitemap: {settings.site_url}sitemap.xml", ""]
    return "\n".join(lines)
