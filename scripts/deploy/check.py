"""`make check-deploy URL=<deployed site>`: check a published Parting Kit, rule by rule.

Standard library only, so it runs anywhere Python 3.11+ does (``python3
scripts/deploy/check.py URL``). It reads the site's map (``site-map.json``,
which the build writes from scripts/i18n/sitemap.py: languages, their folders, pages),
fetches every page in every language, the assessment's runtime files (found through the quiz page's
``#quiz-data``) and the assets the pages load, and checks what a host must get
right (the same rules ``make build`` writes for nginx and ``_headers``):

- types: pages text/html, JavaScript types for .js/.mjs, application/wasm for the
  interpreter, application/zip for the standard library;
- encoding: the interpreter and the standard library arrive with Content-Encoding,
  only in an encoding the client offered (none to ``Accept-Encoding: identity``),
  with ``Vary: Accept-Encoding`` where the encoding depends on the offer; and which
  encoding the host sends each way (br, gzip, none), for the runtime and for the
  assets the pages load (a line marked INFO, not a rule: hosts differ);
- caching: pages ``no-cache``; the versioned runtime ``max-age=31536000, immutable``;
- CSP as a header on every page, no 'unsafe-inline'/'unsafe-eval' for scripts,
  'wasm-unsafe-eval' only on the quiz pages, ``frame-ancestors`` on every page:
  'none' on guide and quiz pages, the course origins on the embed views;
- nosniff, ``Referrer-Policy: no-referrer`` and a ``Permissions-Policy`` on every response;
- no page loads anything from another origin;
- the hosts' header rules (``_headers``) are not served as a file, and a folder
  without a page (``assets/pyodide/``) answers with the site's own 404 page.

Prints one line per rule (PASS / FAIL, with what was found), INFO lines on the
encodings, and exits 1 when any rule fails, 2 when the site cannot be reached at all.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

#: The site map the build writes at the site's root (scripts/i18n/sitemap.py, FILE).
SITE_MAP = "site-map.json"
#: What the runtime's .gz files are asked for with: every encoding a browser offers,
#: gzip only (an older client or a proxy), and nothing (identity).
OFFERS = ("br, gzip", "gzip", "identity")
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


@dataclass(frozen=True)
class SiteMap:
    """What this check needs of site-map.json: each language's folder ("" for the
    source language, "<code>/" for the others), each page's path below it, which
    path is the self-assessment's page and which its embed view."""

    prefixes: list[str]
    pages: list[str]
    quiz: str
    embed_view: str
    not_found: str

    @classmethod
    def parse(cls, body: bytes) -> SiteMap:
        data = json.loads(body)
        if data.get("version") != 1:
            raise ValueError(f"version {data.get('version')!r}, this check reads version 1")
        pages = {page["id"]: page for page in data["pages"]}
        return cls(
            prefixes=[lang["prefix"] for lang in data["languages"]],
            pages=[page["path"] for page in data["pages"]],
            quiz=pages["quiz"]["path"],
            embed_view=next(page["path"] for page in data["pages"] if page["kind"] == "embed-view"),
            not_found=data["not_found"],
        )


@dataclass
class Report:
    results: list[tuple[bool, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def rule(self, ok: bool, name: str, detail: str = "") -> None:
        self.results.append((ok, name, detail))
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail and not ok else ""), flush=True)

    def info(self, text: str) -> None:
        """A fact about the host that is no rule (which encoding it sends, say)."""
        self.notes.append(text)
        print(f"INFO  {text}", flush=True)

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

    found = fetch(urljoin(base, SITE_MAP))
    try:
        site = SiteMap.parse(found.body) if found.status == 200 else None
        problem = f"HTTP {found.status}"
    except (ValueError, KeyError, TypeError, StopIteration) as error:
        site, problem = None, f"unreadable: {error!r}"
    report.rule(
        site is not None,
        f"/{SITE_MAP}: the site's map (languages, pages)",
        f"{problem}; publish the whole of site/ as `make build` wrote it",
    )
    if site is None:
        return report
    for lang in site.prefixes:
        for page in site.pages:
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
            quiz = page in (site.quiz, site.embed_view)
            report.rule(
                ("'wasm-unsafe-eval'" in scripts) == quiz,
                f"{what}: CSP 'wasm-unsafe-eval' {'present' if quiz else 'absent'}",
                " ".join(scripts),
            )
            ancestors = policy.get("frame-ancestors")
            if page == site.embed_view:
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

    report.rule(bool(runtime), "the quiz page names its runtime (#quiz-data)", f"no #quiz-data on /{site.quiz}")
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
            _negotiation(report, url, what, {OFFERS[0]: response})
    sent: dict[str, int] = {}  # Content-Encoding ("" for none) -> how many assets came so
    for url, page in sorted(assets.items()):
        what = "/" + url[len(base) :] if url.startswith(base) else url
        response = fetch(url, encodings=OFFERS[0])
        encoding = response.header("content-encoding").lower()
        sent[encoding] = sent.get(encoding, 0) + 1
        report.rule(response.status == 200, f"{what} (from {page}): 200", str(response.status))
        if response.status != 200:
            continue
        common(response, what)
        path = urlsplit(url).path
        if path.endswith((".js", ".mjs")):
            report.rule(response.content_type in JS_TYPES, f"{what}: JavaScript type", repr(response.content_type))
        elif path.endswith(".css"):
            report.rule(response.content_type == "text/css", f"{what}: text/css", repr(response.content_type))
    if assets:
        report.info(
            f"the pages' {len(assets)} assets, offered {OFFERS[0]!r}: "
            + ", ".join(f"{n} {enc or 'uncompressed'}" for enc, n in sorted(sent.items(), key=lambda kv: -kv[1]))
        )
    _private_files(report, base, site.not_found)
    return report


def _negotiation(report: Report, url: str, what: str, responses: dict[str, Response]) -> None:
    """Rules and a note on how a runtime .gz file's encoding follows the request's offer."""
    for offer in OFFERS:
        if offer not in responses:
            responses[offer] = fetch(url, encodings=offer)
    sent = {offer: r.header("content-encoding").lower() for offer, r in responses.items()}
    for offer in OFFERS[1:]:
        offered = {e.strip() for e in offer.split(",")} - {"identity"}
        report.rule(
            sent[offer] in offered | {""},
            f"{what}: no Content-Encoding the client did not offer (Accept-Encoding: {offer})",
            f"sent {sent[offer]!r}",
        )
    if len(set(sent.values())) > 1:
        vary = {v.strip().lower() for r in responses.values() for v in r.header("vary").split(",")}
        report.rule("accept-encoding" in vary, f"{what}: Vary: Accept-Encoding", f"Vary {sorted(vary - {''})}")
    report.info(f"{what}: " + ", ".join(f"{enc or 'none'} to {offer!r}" for offer, enc in sent.items()))


def _private_files(report: Report, base: str, not_found: str) -> None:
    """The hosts' header file is not served; a folder without a page is the site's 404."""
    headers = fetch(urljoin(base, "_headers"))
    report.rule(headers.status == 404, "/_headers (the hosts' header rules) is not served", f"HTTP {headers.status}")
    page = fetch(urljoin(base, not_found))
    folder = fetch(urljoin(base, "assets/pyodide/"))
    report.rule(
        folder.status == 404 and page.status == 200 and folder.body == page.body,
        "/assets/pyodide/ (a folder without a page): 404 with the site's 404 page",
        f"HTTP {folder.status}" + ("" if folder.body == page.body else f", not the site's {not_found}"),
    )


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
