"""`make check-deploy URL=<deployed site>`: check a published Parting Kit, rule by rule.

Standard library only, so it runs anywhere Python 3.11+ does (``python3
scripts/publish/deploy/check.py URL``). It fetches the contract's pages in both
languages, the assessment's runtime files (found through the quiz page's
``#quiz-data``) and the assets the pages load, and checks what a host must get
right (the same rules ``make build`` writes for nginx and ``_headers``):

- types: pages text/html, JavaScript types for .js/.mjs, application/wasm for the
  interpreter, application/zip for the standard library;
- encoding: the interpreter and the standard library arrive with Content-Encoding;
- caching: pages ``no-cache``; the versioned runtime ``max-age=31536000, immutable``;
- CSP as a header on every page, no 'unsafe-inline'/'unsafe-eval' for scripts,
  'wasm-unsafe-eval' only on the quiz pages, ``frame-ancestors`` on every page:
  'none' on guide and quiz pages, the course origins on the embed views;
- nosniff, ``Referrer-Policy: no-referrer`` and a ``Permissions-Policy`` on every response;
- no page loads anything from another origin.

Prints one line per rule (PASS / FAIL, with what was found) and exits 1 when any
rule fails, 2 when the site cannot be reached at all.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tomllib
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

#: The contract's pages (CONTRACT.md), both languages, and the embed views.
PAGES = ["", "recognize/", "part-ways/", "quiz/", "embed/", "quiz/embed/"]
#: Each language's folder: the source language at the root, the others under <code>/
#: (content/translations/languages.toml, read directly: this file also runs alone).
_LANGUAGES = Path(__file__).resolve().parents[3] / "content" / "translations" / "languages.toml"
LANG_PREFIXES = [
    ("" if i == 0 else entry["code"] + "/")
    for i, entry in enumerate(tomllib.loads(_LANGUAGES.read_text("utf-8"))["languages"])
]
JS_TYPES = {"text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript"}
YEAR = 31536000


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def content_type(self) -> str:
        return self.header("content-type").split(";")[0].strip().lower()


@dataclass
class Report:
    results: list[tuple[bool, str, str]] = field(default_factory=list)

    def rule(self, ok: bool, name: str, detail: str = "") -> None:
        self.results.append((ok, name, detail))
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail and not ok else ""), flush=True)

    @property
    def failed(self) -> int:
        return sum(1 for ok, _, _ in self.results if not ok)


def fetch(url: str, *, encodings: str = "gzip", timeout: float = 30) -> Response:
    """GET ``url`` offering ``encodings``; the body is inflated when it is gzip or deflate."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encodings, "User-Agent": "parting-kit-check"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    lowered = {k.lower(): v for k, v in headers.items()}
    # Repeated headers (two CSPs, say) are joined, as a browser would see them.
    for name in {k.lower() for k in headers}:
        values = headers.get_all(name) or []
        if len(values) > 1:
            lowered[name] = ", ".join(values)
    encoding = lowered.get("content-encoding", "").lower()
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "deflate":
        body = zlib.decompress(body)
    return Response(url, status, lowered, body)


class _Refs(HTMLParser):
    """What a page loads: (tag, attribute, URL) of every resource reference, and
    the JSON of <script id="quiz-data">."""

    LOADS = frozenset(
        {
            ("script", "src"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("audio", "src"),
            ("video", "src"),
            ("embed", "src"),
            ("object", "data"),
            ("input", "src"),
        }
    )
    LINK_LOADS = frozenset(
        {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []
        self.quiz_data: str | None = None
        self._in_quiz_data = False

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        for t, a in self.LOADS:
            if tag == t and attrs.get(a):
                self.refs.append((tag, attrs[a]))
        if tag == "link" and set(attrs.get("rel", "").lower().split()) & self.LINK_LOADS and attrs.get("href"):
            self.refs.append(("link", attrs["href"]))
        self._in_quiz_data = tag == "script" and attrs.get("id") == "quiz-data"

    def handle_data(self, data):
        if self._in_quiz_data:
            self.quiz_data = (self.quiz_data or "") + data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_quiz_data = False


def directives(policy: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out.setdefault(words[0].lower(), words[1:])
    return out


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def check(base: str, *, frame_ancestors: list[str] | None = None) -> Report:
    base = base if base.endswith("/") else base + "/"
    report = Report()
    site_origin = origin(base)
    assets: dict[str, str] = {}  # URL -> the page that loads it
    runtime: list[str] = []

    def common(response: Response, what: str) -> None:
        report.rule(
            response.header("x-content-type-options").lower() == "nosniff",
            f"{what}: X-Content-Type-Options: nosniff",
            repr(response.header("x-content-type-options")),
        )
        report.rule(
            response.header("referrer-policy").lower() == "no-referrer",
            f"{what}: Referrer-Policy: no-referrer",
            repr(response.header("referrer-policy")),
        )
        report.rule(bool(response.header("permissions-policy")), f"{what}: Permissions-Policy present", "missing")

    for lang in LANG_PREFIXES:
        for page in PAGES:
            path = lang + page
            url = urljoin(base, path)
            what = f"/{path}"
            response = fetch(url)
            report.rule(
                response.status == 200 and response.content_type == "text/html",
                f"{what}: 200 text/html",
                f"{response.status} {response.content_type!r}",
            )
            if response.status != 200:
                continue
            common(response, what)
            cache = response.header("cache-control").lower()
            report.rule(
                "no-cache" in cache or ("max-age=0" in cache and "must-revalidate" in cache),
                f"{what}: Cache-Control no-cache (revalidated on every visit)",
                repr(cache),
            )
            policy = directives(response.header("content-security-policy"))
            report.rule(
                bool(policy),
                f"{what}: Content-Security-Policy header",
                "missing (a <meta> policy cannot set frame-ancestors)",
            )
            scripts = policy.get("script-src", policy.get("default-src", []))
            report.rule(
                bool(policy) and not {"'unsafe-inline'", "'unsafe-eval'"} & set(scripts),
                f"{what}: CSP allows no unsafe-inline / unsafe-eval script",
                " ".join(scripts),
            )
            quiz = page.startswith("quiz/")
            report.rule(
                ("'wasm-unsafe-eval'" in scripts) == quiz,
                f"{what}: CSP 'wasm-unsafe-eval' {'present' if quiz else 'absent'}",
                " ".join(scripts),
            )
            ancestors = policy.get("frame-ancestors")
            if page == "quiz/embed/":
                ok = ancestors is not None and "'none'" not in ancestors
                if ok and ancestors is not None and frame_ancestors is not None:
                    ok = {a.rstrip("/") for a in ancestors if a != "'self'"} == {a.rstrip("/") for a in frame_ancestors}
                report.rule(
                    ok,
                    f"{what}: CSP frame-ancestors lists the course origins",
                    f"found {ancestors}" + (f", expected {frame_ancestors}" if frame_ancestors is not None else ""),
                )
            else:
                report.rule(
                    ancestors in (["'none'"], ["'self'"]),
                    f"{what}: CSP frame-ancestors 'none' (not framed)",
                    f"found {ancestors}",
                )
            connect = policy.get("connect-src", policy.get("default-src", []))
            report.rule(
                all(s in ("'self'", "'none'") for s in connect),
                f"{what}: CSP connects only to 'self'",
                " ".join(connect),
            )
            refs = _Refs()
            refs.feed(response.body.decode("utf-8", errors="replace"))
            off = [
                u
                for _, u in refs.refs
                if urlsplit(urljoin(url, u)).scheme in ("http", "https") and origin(urljoin(url, u)) != site_origin
            ]
            report.rule(not off, f"{what}: loads nothing from another origin", ", ".join(off[:5]))
            for _, ref in refs.refs:
                absolute = urljoin(url, ref).split("#")[0]
                if origin(absolute) == site_origin:
                    assets.setdefault(absolute, what)
            if refs.quiz_data and not runtime:
                data = json.loads(refs.quiz_data)["runtime"]
                pyodide = urljoin(url, data["pyodide"])
                runtime = [
                    urljoin(pyodide, name)
                    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm.gz", "python_stdlib.zip.gz")
                ]
                runtime += [urljoin(url, data["wheel"])]
                assets.setdefault(urljoin(url, data["worker"]), what)

    report.rule(bool(runtime), "the quiz page names its runtime (#quiz-data)", "no #quiz-data on /quiz/")
    for url in runtime:
        what = "/" + url[len(base) :] if url.startswith(base) else url
        response = fetch(url, encodings="gzip, br")
        report.rule(response.status == 200, f"{what}: 200", str(response.status))
        if response.status != 200:
            continue
        common(response, what)
        cache = response.header("cache-control").lower()
        age = re.search(r"max-age=(\d+)", cache)
        report.rule(
            "immutable" in cache and age is not None and int(age.group(1)) >= YEAR,
            f"{what}: cached forever (max-age={YEAR}, immutable)",
            repr(cache),
        )
        expected = {
            ".mjs": JS_TYPES,
            ".wasm.gz": {"application/wasm"},
            ".zip.gz": {"application/zip"},
            ".whl": {"application/zip", "application/octet-stream"},
        }
        for suffix, types in expected.items():
            if url.endswith(suffix):
                report.rule(
                    response.content_type in types,
                    f"{what}: Content-Type {' or '.join(sorted(types))}",
                    repr(response.content_type),
                )
        if url.endswith((".wasm.gz", ".zip.gz")):
            encoding = response.header("content-encoding").lower()
            report.rule(encoding in ("gzip", "br"), f"{what}: arrives compressed (Content-Encoding)", repr(encoding))
    for url, page in sorted(assets.items()):
        what = "/" + url[len(base) :] if url.startswith(base) else url
        response = fetch(url)
        report.rule(response.status == 200, f"{what} (from {page}): 200", str(response.status))
        if response.status != 200:
            continue
        common(response, what)
        path = urlsplit(url).path
        if path.endswith((".js", ".mjs")):
            report.rule(response.content_type in JS_TYPES, f"{what}: JavaScript type", repr(response.content_type))
        elif path.endswith(".css"):
            report.rule(response.content_type == "text/css", f"{what}: text/css", repr(response.content_type))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check-deploy", description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the deployed site, e.g. https://example.org/parting-kit/")
    parser.add_argument(
        "--frame-ancestors",
        help="the course origins the embed view must list "
        "(space- or comma-separated; default: FRAME_ANCESTORS is not checked)",
    )
    args = parser.parse_args(argv)
    if urlsplit(args.url).scheme not in ("http", "https"):
        print(
            f"check-deploy: '{args.url}' is not an http(s) URL; pass the deployed site, e.g. "
            "make check-deploy URL=https://example.org/parting-kit/",
            file=sys.stderr,
        )
        return 2
    expected = re.split(r"[\s,]+", args.frame_ancestors.strip()) if args.frame_ancestors else None
    try:
        report = check(args.url, frame_ancestors=[e for e in expected if e] if expected is not None else None)
    except (urllib.error.URLError, OSError) as error:
        print(f"check-deploy: cannot reach {args.url}: {error}", file=sys.stderr)
        return 2
    total = len(report.results)
    print(f"\n{total - report.failed} of {total} rules hold" + (f"; {report.failed} FAILED" if report.failed else ""))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
