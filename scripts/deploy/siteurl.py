"""With SITE_URL set: hreflang alternates in each page head, and robots.txt.

MkDocs writes the canonical link of every page and the absolute sitemap (with
each page's language alternates) from ``site_url`` (mkdocs.yml reads SITE_URL).
What it does not write, this does:

- ``<link rel="alternate" hreflang="<each language>|x-default">`` in the head of every page
  that exists in more than one language, absolute (the i18n plugin's own head links are
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

from ..i18n import languages
from ..i18n.languages import Languages
from ..paths import Paths
from ..publish import html
from .settings import Settings

# The embed views are for iframes only: not indexed, no alternates.
_EMBED = re.compile(r"^([^/]+/)?quiz/embed/")  # in any language's folder


def page_path(rel: Path) -> str:
    """The URL path of a built page relative to the site root: "quiz/" for quiz/index.html."""
    posix = rel.as_posix()
    return posix[: -len("index.html")] if posix.endswith("index.html") else posix


def apply(site: Path, settings: Settings, langs: Languages) -> None:
    if not settings.site_url:
        return
    base = settings.site_url
    sitemap = site / "sitemap.xml"
    for page in sorted(site.rglob("index.html")):
        rel = page_path(page.relative_to(site))
        if _EMBED.match(rel):
            continue
        neutral = langs.neutral(rel)
        alternates = {
            lang.code: lang.prefix + neutral
            for lang in langs
            if (site / (lang.prefix + neutral) / "index.html").is_file()
        }
        if len(alternates) < 2:
            continue
        links = "".join(
            f'<link rel="alternate" hreflang="{lang}" href="{base}{path}">' for lang, path in alternates.items()
        )
        links += f'<link rel="alternate" hreflang="x-default" href="{base}{alternates[langs.source.code]}">'
        doc = html.Page(page.read_text(encoding="utf-8"))
        head = doc.first("head")
        canonical = doc.first("link", within=head, rel="canonical") if head else None
        # Beside the canonical link MkDocs writes, or else at the end of the head.
        if canonical is not None:
            at = canonical.outer[1]
        elif head is not None and head.end is not None:
            at = head.end[0]
        else:
            raise ValueError(f"{page}: no </head> to put the language alternates before: rebuild the site")
        page.write_text(doc.edit().insert(at, links).apply(), encoding="utf-8")
        for path in alternates.values():
            target = site / path / "sitemap.xml"
            if sitemap.is_file() and not target.exists():
                shutil.copyfile(sitemap, target)
    (site / "robots.txt").write_text(robots(settings, langs), encoding="utf-8")


def robots(settings: Settings, langs: Languages | None = None) -> str:
    langs = langs or languages.load(Paths().languages)
    prefix = settings.prefix
    lines = ["User-agent: *", "Allow: " + prefix]
    lines += [f"Disallow: {prefix}{lang.prefix}quiz/embed/" for lang in langs]
    lines += ["", f"Sitemap: {settings.site_url}sitemap.xml", ""]
    return "\n".join(lines)
