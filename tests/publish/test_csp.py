"""The Content-Security-Policy of every built page (scripts/publish/csp.py): the policy
sits first in <head>, its hashes are exactly those of the page's inline scripts,
only the self-assessment pages may compile WebAssembly, and rewriting a page
again (as the offline bundle does) gives one policy with fresh hashes."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from scripts.i18n.sitemap import NOT_FOUND
from scripts.paths import ROOT
from scripts.publish.csp import apply_csp, iframe_worker_script, inline_scripts, policy_for, set_policy
from tests.site import FORM_PAGES, LANGS, SITE, TRANSLATED

SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Inline script elements as the page source has them; the tests' own reading, not csp.py's.
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<text>.*?)</script>", re.S)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def directives(html: str) -> dict[str, list[str]]:
    found = META.findall(html)
    assert len(found) == 1, f"{len(found)} policies"
    policy = found[0].replace("&quot;", '"').replace("&amp;", "&")
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def executed_inline(html: str) -> list[str]:
    return [
        m["text"] for m in SCRIPT.finditer(html) if "src=" not in m["attrs"] and "application/json" not in m["attrs"]
    ]


def is_quiz(rel: str) -> bool:
    """A page of the self-assessment (its page or its embed view) in any language."""
    return rel.startswith(tuple(SITE.url(lang, "quiz") for lang in SITE.codes))


def test_every_page_is_covered_including_404(built_site):
    found = {p.relative_to(built_site).as_posix() for p in pages(built_site)}
    assert {SITE.file(lang, page.id) for lang in LANGS for page in SITE} | {NOT_FOUND} <= found
    for page in pages(built_site):
        directives(page.read_text(encoding="utf-8"))  # exactly one policy each


@pytest.mark.parametrize("rel", [*(SITE.file(lang, page) for lang in LANGS for page in ("home", "quiz")), NOT_FOUND])
def test_policy_is_the_first_thing_in_head_before_any_script_or_stylesheet(built_site, rel):
    html = (built_site / rel).read_text(encoding="utf-8")
    head = html[html.index("<head>") + len("<head>") :]
    before = head[: head.index('<meta http-equiv="Content-Security-Policy"')]
    # Only the charset declaration may come first (it must stay in the first 1024 bytes).
    assert re.fullmatch(r'\s*(<meta charset="utf-8">)?\s*', before), before
    assert html.index("Content-Security-Policy") < min(html.index("<script"), html.index("<link"))


def test_hashes_are_exactly_those_of_the_pages_inline_scripts(built_site):
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        scripts = executed_inline(html)
        hashes = [s for s in directives(html)["script-src"] if s.startswith("'sha256-")]
        assert sorted(hashes) == sorted({sha256(s) for s in scripts}), page
        if not page.as_posix().endswith("quiz/embed/index.html"):  # embed views: external scripts only
            assert scripts, f"{page}: Material's inline scripts are gone; is this test still reading pages right?"


def test_scripts_come_only_from_the_site_and_quiz_pages_alone_compile_wasm(built_site):
    quiz_pages = []
    for page in pages(built_site):
        rel = page.relative_to(built_site).as_posix()
        d = directives(page.read_text(encoding="utf-8"))
        keywords = [s for s in d["script-src"] if not s.startswith("'sha256-")]
        assert keywords == (["'self'", "'wasm-unsafe-eval'"] if is_quiz(rel) else ["'self'"]), rel
        if is_quiz(rel):
            quiz_pages.append(rel)
        assert d["default-src"] == ["'self'"] and d["connect-src"] == ["'self'"]
        assert d["worker-src"] == ["'self'"] and d["style-src"] == ["'self'"]
        assert d["img-src"] == ["'self'", "data:"] and d["font-src"] == ["'self'"]
        assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"] and d["form-action"] == ["'none'"]
        assert not [s for v in d.values() for s in v if "unsafe-inline" in s or s == "'unsafe-eval'"]
    assert {SITE.file(lang, page) for lang in LANGS for page in FORM_PAGES} <= set(quiz_pages)


def test_rerun_is_idempotent_and_picks_up_new_inline_scripts(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pyodide", "*.whl"))
    before = {p: p.read_bytes() for p in pages(site)}
    assert apply_csp(site) == len(before)
    assert {p: p.read_bytes() for p in pages(site)} == before

    page = site / SITE.file(TRANSLATED[0], "recognize")
    added = "window.partingKitOffline = true;"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", f"<script>{added}</script></body>"), encoding="utf-8"
    )
    apply_csp(site, offline=True)
    d = directives(page.read_text(encoding="utf-8"))
    assert sha256(added) in d["script-src"]
    assert d["script-src"][-1] == "blob:" and d["worker-src"] == ["'self'", "blob:"]
    assert d["connect-src"] == ["'self'"]


def test_data_blocks_and_external_scripts_get_no_hash():
    html = (
        '<html><head><meta charset="utf-8"></head><body>'
        '<script type="application/json" id="d">{"a": 1}</script>'
        '<script src="x.js"></script><script type="module">go()</script>'
        "<!-- <script>commented()</script> --><SCRIPT>\r\nrun()\r\n</SCRIPT></body></html>"
    )
    assert inline_scripts(html) == ["go()", "\r\nrun()\r\n"]
    policy = policy_for(html, quiz=False)
    # Browsers hash the text after turning CR LF into LF.
    assert sha256("go()") in policy and sha256("\nrun()\n") in policy
    assert policy.count("'sha256-") == 2


def test_an_existing_policy_is_replaced_not_duplicated():
    html = "<!doctype html><html><head><title>t</title><script>a()</script></head></html>"
    once = set_policy(html, policy_for(html, quiz=True))
    twice = set_policy(once, policy_for(once, quiz=False))
    assert len(META.findall(twice)) == 1
    assert "wasm-unsafe-eval" not in twice
    assert twice.index("Content-Security-Policy") < twice.index("<title>")


def test_iframe_worker_script_is_what_the_shim_writes():
    assert SHIM.is_file(), f"{SHIM} is missing: run `npm ci` (or `make setup`)"
    # The shim writes `<script>postMessage=${c};importScripts=${d};...filename:"${e}"...`:
    # c and d are its functions' source text, e the URL given to `new Worker`.
    script = iframe_worker_script(SHIM.read_text(encoding="utf-8"), "../assets/w.js")
    assert script.startswith("postMessage=function ") and ";importScripts=function " in script
    assert 'filename:"../assets/w.js"' in script and "${" not in script


def test_the_offline_bundle_never_ships_without_its_policy(built_site, tmp_path, monkeypatch):
    from scripts.errors import BuildError
    from scripts.products import bundle

    # A policy step that writes nothing: the bundle must stop, not ship pages unguarded
    # (the hosted policy they came with is dropped, it does not fit file://).
    monkeypatch.setattr(bundle, "apply_csp", lambda site, offline: len(list(site.rglob("*.html"))))
    with pytest.raises(BuildError, match="no single Content-Security-Policy"):
        bundle.make_bundle(built_site, tmp_path)
    assert list(tmp_path.iterdir()) == [], "a half-made bundle was left behind"


def test_every_page_of_the_offline_bundle_has_the_offline_policy(offline_bundle):
    found = pages(offline_bundle)
    assert {SITE.file(lang, page) for lang in LANGS for page in ("home", *FORM_PAGES)} <= {
        p.relative_to(offline_bundle).as_posix() for p in found
    }
    for page in found:
        d = directives(page.read_text(encoding="utf-8"))  # exactly one policy each
        assert d["form-action"] == ["'none'"] and d["worker-src"] == ["'self'", "blob:"], page
