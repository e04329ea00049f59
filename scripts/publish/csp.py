"""Give every built page a strict Content-Security-Policy: scripts only from the
site itself.

A static host and file:// send no headers, so the policy travels in the page as
<meta http-equiv="Content-Security-Policy">, placed before anything it governs.
Material for MkDocs puts small inline scripts in every page; each is allowed by
its sha256 hash, computed here from the built HTML (never 'unsafe-inline' or
'unsafe-eval' for scripts). Data blocks such as <script type="application/json">
are never executed and need no hash. Only the self-assessment pages (quiz/ in
either language, embed pages included) may compile WebAssembly, for Pyodide.

`apply_csp` can run again on pages it already rewrote (the offline bundle adds
its own inline scripts, then calls it with offline=True): the old policy is
replaced and every hash is recomputed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from ..errors import BuildError
from . import html

# Types whose inline content the browser executes (HTML's "JavaScript MIME type
# essence match", "module", and the two JSON-like types Chromium also checks
# against script-src). Any other type is a data block.
_JS_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}

# A page under quiz/, in the default language or a two-letter language folder.
_QUIZ_PATH = re.compile(r"^(?:[a-z]{2}/)?quiz/")

# file:// (the offline bundle), Chromium, measured: on a file:// page 'self'
# matches every file: URL (any folder), so the bundle's own .js files pass as
# 'self'. 'self' never matches blob: URLs, and a file:// page can start a worker
# only from a blob: URL (a file: worker is refused as cross-origin; so is a module
# worker from blob:, a classic one works), and that worker can import only blob:
# URLs it made itself. A blob: worker inherits this page's policy, so blob: goes
# into worker-src and script-src (the worker's imports), 'wasm-unsafe-eval' stays
# the quiz pages' alone, and fetch needs nothing more (the bundle answers its
# runtime's fetches in memory).
_OFFLINE_EXTRA = {"script-src": ["blob:"], "worker-src": ["blob:"]}


def scripts_of(text: str) -> list[tuple[dict[str, str], str]]:
    """(attributes, text) of every <script> element, in page order (the parser reads
    script content as raw text, as browsers do, and skips what sits in comments)."""
    page = html.Page(text)
    return [({k: v or "" for k, v in s.attrs.items()}, page.inner(s)) for s in page.select("script")]


def inline_scripts(text: str) -> list[str]:
    """The text of every inline script the browser would execute, in page order."""
    return [
        script
        for attrs, script in scripts_of(text)
        if "src" not in attrs  # external: allowed by its origin, its text ignored
        and attrs.get("type", "").strip().lower() in _JS_TYPES
    ]  # others are data blocks


def script_hash(text: str) -> str:
    """The CSP source for one inline script. Browsers hash the text after the
    parser has turned CR LF and lone CR into LF, so the same is done here."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def directives(hashes: list[str], *, quiz: bool, offline: bool = False) -> dict[str, list[str]]:
    """The policy's directives, name -> sources: the one source of truth for the
    <meta> policy of every page and for the header form the deploy recipes send
    (scripts/deploy/rules.py)."""
    policy: dict[str, list[str]] = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *hashes, *(["'wasm-unsafe-eval'"] if quiz else [])],
        # Material and the quiz set styles only from stylesheets and through the
        # CSSOM (element.style), which a policy does not govern: no inline styles.
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # No page submits a form anywhere: the self-assessment's answers must never
        # leave the device, whatever state the page's scripts are in.
        "form-action": ["'none'"],
    }
    if offline:
        for name, sources in _OFFLINE_EXTRA.items():
            policy[name] += sources
    return policy


def format_policy(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


def page_hashes(text: str, extra_scripts: tuple[str, ...] = ()) -> list[str]:
    """The hash source of every inline script of one page, in page order, once each."""
    return list(dict.fromkeys(script_hash(s) for s in [*inline_scripts(text), *extra_scripts]))


def policy_for(text: str, *, quiz: bool, offline: bool = False, extra_scripts: tuple[str, ...] = ()) -> str:
    """The policy for one page. `extra_scripts` are inline scripts the page will
    create at run time (their text known at build time) that need a hash too."""
    return format_policy(directives(page_hashes(text, extra_scripts), quiz=quiz, offline=offline))


def header_policy(pages: list[str], *, quiz: bool, frame_ancestors: list[str]) -> str:
    """The policy as an HTTP header for a group of built pages.

    A server sends one header for a whole location, so its script-src allows the
    inline scripts of every page in the group; the browser enforces the header
    and each page's own <meta> policy together, so each page still runs only its
    own scripts. Only the header can say who may frame a page (frame-ancestors is
    ignored in <meta>): `frame_ancestors` is that list of sources.
    """
    hashes = list(dict.fromkeys(h for page in pages for h in page_hashes(page)))
    policy = directives(hashes, quiz=quiz)
    policy["frame-ancestors"] = list(frame_ancestors) or ["'none'"]
    return format_policy(policy)


def policy_metas(page: html.Page) -> list[html.Element]:
    """The page's policy <meta> elements (browsers match http-equiv ASCII case-insensitively)."""
    return page.select("meta", http_equiv=lambda value: value.strip().lower() == "content-security-policy")


def set_policy(text: str, policy: str, *, where: str = "page") -> str:
    """The page with its policy meta (any earlier one replaced) at the top of <head>:
    right after <meta charset>, which must stay within the first 1024 bytes, and
    before every script and stylesheet."""
    page = html.Page(text)
    head = page.first("head")
    if head is None:
        raise BuildError(
            where, "no <head> element to carry the Content-Security-Policy", "give the page template a <head>"
        )
    edits = page.edit()
    for meta in policy_metas(page):
        edits.remove(meta, lead="\n")  # with the line break put before it below: a rerun gives the same bytes
    at = head.start[1]
    first = next((e for e in page.select(within=head) if e.depth == head.depth + 1), None)
    if first is not None and first.tag == "meta" and "charset" in first.attrs and not text[at : first.start[0]].strip():
        at = first.start[1]
    tag = f'\n<meta http-equiv="Content-Security-Policy" content="{html.attribute(policy)}">'
    return edits.insert(at, tag).apply()


def is_quiz_page(rel: Path) -> bool:
    return bool(_QUIZ_PATH.match(rel.as_posix()))


def apply_csp(site: Path, *, offline: bool = False) -> int:
    """Rewrite every .html under `site` in place with its policy; return how many."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        text = page.read_text(encoding="utf-8")
        extra = _iframe_worker_scripts(page, text) if offline else ()
        policy = policy_for(text, quiz=is_quiz_page(rel), offline=offline, extra_scripts=extra)
        new = set_policy(text, policy, where=str(page))
        if new != text:
            page.write_text(new, encoding="utf-8")
        count += 1
    return count


# --- the iframe-worker shim (search from file://) --------------------------------
#
# Material's search runs in a Web Worker, which a file:// page cannot start from a
# file: URL; the iframe-worker shim stands in for Worker there by writing a hidden
# about:blank iframe whose first script is inline. That iframe inherits this page's
# policy, so its inline script needs a hash too. Its text is fixed by the shim's
# source and the worker URL the page passes (Material: __config.search), so it is
# rebuilt here exactly as the shim's template literal produces it.

_SHIM_WRITE = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script>")
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


def _function_source(source: str, name: str) -> str:
    """`function NAME(...){...}` as Function.prototype.toString gives it back."""
    start = source.find(f"function {name}(")
    if start < 0:
        raise ValueError(f"function {name} not found")
    depth = 0
    for i in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        if depth == 0:
            return source[start : i + 1]
    raise ValueError(f"function {name} is not closed")


def iframe_worker_script(shim: str, worker_url: str) -> str:
    """The inline script the shim writes into its iframe for `new Worker(worker_url)`."""
    match = _SHIM_WRITE.search(shim)
    if not match:
        raise ValueError("the iframe-worker shim no longer writes its iframe as expected")
    constructor = re.search(r"constructor\((\w+)\)", shim)
    if not constructor:
        raise ValueError("the iframe-worker shim no longer writes its iframe as expected")
    constructor_arg = constructor.group(1)

    def fill(m: re.Match) -> str:
        name = m.group(1)
        return worker_url if name == constructor_arg else _function_source(shim, name)

    return _PLACEHOLDER.sub(fill, match.group(1))


def _iframe_worker_scripts(page: Path, text: str) -> tuple[str, ...]:
    scripts = scripts_of(text)
    shims = [attrs["src"] for attrs, _ in scripts if "iframe-worker" in attrs.get("src", "")]
    if not shims:
        return ()
    shim_file = (page.parent / shims[0].split("?")[0]).resolve()
    if not shim_file.is_file():
        raise BuildError(
            page,
            f"the iframe-worker shim '{shims[0]}' is not in the bundle",
            "copy the shim next to the page's other scripts",
        )
    shim = shim_file.read_text(encoding="utf-8")
    urls = [json.loads(script).get("search") for attrs, script in scripts if attrs.get("id") == "__config"]
    try:
        return tuple(iframe_worker_script(shim, url) for url in urls if url)
    except ValueError as error:
        raise BuildError(
            shim_file, str(error), "update scripts/publish/csp.py for this version of iframe-worker"
        ) from error
