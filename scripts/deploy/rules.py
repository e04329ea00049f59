"""The header rules of a built site: one list, written out for every host.

Derived from the built pages and from the one policy source (scripts/publish/
csp.py: the same directives as each page's <meta> policy, plus what only a
header can carry, frame-ancestors). ``headers.py`` (Netlify, Cloudflare Pages)
and ``nginx.py`` render these rules; ``check.py`` checks a deployed site against
the same expectations; the README's S3 + CloudFront table lists them by hand.

- every response: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy:
  no-referrer``, a ``Permissions-Policy`` that turns off what the site never uses;
- every page: ``Cache-Control: no-cache`` (always revalidated, so a release shows
  at once) and its group's CSP: guide pages and the quiz pages may not be framed
  at all, the embed views (``quiz/embed/``) by the site itself and the course
  origins of FRAME_ANCESTORS; only the quiz pages may compile WebAssembly;
- the versioned runtime folders (scripts/assessment/runtime.py and wheel.py put a version or
  a content hash in their names): ``Cache-Control: public, max-age=31536000,
  immutable``;
- the runtime's two gzipped files, ``*.wasm.gz`` and ``*.zip.gz``: their real
  Content-Type with ``Content-Encoding: gzip``, so the browser inflates them and
  the worker can stream-compile the wasm from the response (Chromium's code cache
  then applies to repeat visits); a host that sends them as plain gzip still
  works (the worker inflates them itself), it is only slower on a repeat visit.
  nginx, which can choose by the request, sends the brotli copy beside each
  (``*.wasm.br``, scripts/publish/precompressed.py) to a browser that accepts br,
  and no encoding the client did not offer;
- file types a host may not know: ``.wasm``, ``.mjs``, ``.whl``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..publish import csp
from .settings import Settings
from .siteurl import page_path

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
#: Features no page of the site uses (the drafter's copy button needs only
#: clipboard-write, which stays at its default, the page itself).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
    )
)
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
}
#: Extensions whose type a host's default table may lack or get wrong.
TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".whl": "application/zip"}
#: The runtime files shipped gzipped: what they are once inflated.
ENCODED_TYPES = {".wasm.gz": "application/wasm", ".zip.gz": "application/zip"}

_EMBED = re.compile(r"^([^/]+/)?quiz/embed/")  # in any language's folder


@dataclass
class Rules:
    common: dict[str, str] = field(default_factory=lambda: dict(COMMON))
    #: page URL path ("quiz/", "" for the home page) -> its file, e.g. "quiz/index.html"
    page_files: dict[str, str] = field(default_factory=dict)
    #: page URL path -> the headers only pages get (CSP, Cache-Control)
    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    #: folder URL paths cached forever, e.g. "assets/pyodide/314.0.8-1a2b3c4d5e/"
    immutable: list[str] = field(default_factory=list)
    #: file URL path -> its real Content-Type, sent as stored with Content-Encoding: gzip
    encoded: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=lambda: dict(TYPES))


def group(file: str) -> str:
    """Which policy a page (its file, e.g. "en/quiz/index.html") gets: "embed", "quiz" or "guide"."""
    if _EMBED.match(file):
        return "embed"
    return "quiz" if csp.is_quiz_page(Path(file)) else "guide"


def frame_ancestors(page_group: str, settings: Settings) -> list[str]:
    return ["'self'", *settings.frame_ancestors] if page_group == "embed" else ["'none'"]


def rules_for(site: Path, settings: Settings) -> Rules:
    """The rules for the built site in ``site`` (after the CSP was applied)."""
    rules = Rules()
    groups: dict[str, list[tuple[str, str]]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        path = page_path(rel)
        rules.page_files[path] = rel.as_posix()
        groups.setdefault(group(rel.as_posix()), []).append((path, page.read_text(encoding="utf-8")))
    for name, pages in groups.items():
        policy = csp.header_policy(
            [html for _, html in pages], quiz=name != "guide", frame_ancestors=frame_ancestors(name, settings)
        )
        for path, _ in pages:
            rules.pages[path] = {"Content-Security-Policy": policy, "Cache-Control": REVALIDATE}
    assets = site / "assets"
    versioned = [*sorted((assets / "pyodide").glob("*/")), *sorted((assets / "quiz").glob("engine-*/"))]
    rules.immutable = [d.relative_to(site).as_posix() + "/" for d in versioned if d.is_dir()]
    for folder in versioned:
        for file in sorted(folder.iterdir()):
            for suffix, content_type in ENCODED_TYPES.items():
                if file.name.endswith(suffix):
                    rules.encoded[file.relative_to(site).as_posix()] = content_type
    return rules
