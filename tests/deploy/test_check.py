"""check-deploy's own rules on small hand-made sites: each failure it must catch."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.deploy import check
from scripts.serve import Handler, serving
from tests.site import SITE


def results(report: check.Report) -> dict[str, bool]:
    return {name: ok for ok, name, _ in report.results}


def site_map(folder: Path) -> None:
    """The site's map, as the build writes it: the check reads the pages from it."""
    (folder / check.SITE_MAP).write_text(json.dumps(SITE.as_json()), encoding="utf-8")


def test_without_its_site_map_the_site_fails_and_nothing_else_is_guessed(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    with serving(tmp_path) as url:
        report = check.check(url + "/")
    assert [(ok, name) for ok, name, _ in report.results] == [
        (False, "/site-map.json: the site's map (languages, pages)")
    ]
    (tmp_path / check.SITE_MAP).write_text('{"version": 2}', encoding="utf-8")
    with serving(tmp_path) as url:
        report = check.check(url + "/")
    assert report.failed == 1 and "this check reads version 1" in report.results[0][2]


def test_a_page_that_loads_from_another_origin_fails(tmp_path: Path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><script src="https://cdn.example/lib.js"></script>'
        '<link rel="stylesheet" href="/ok.css"><link rel="canonical" href="https://example.org/"></head>'
        '<body><a href="https://elsewhere.example/">a link is not a load</a></body></html>',
        encoding="utf-8",
    )
    site_map(tmp_path)
    with serving(tmp_path) as url:
        report = check.check(url + "/")
    got = results(report)
    assert got["/: loads nothing from another origin"] is False
    detail = next(d for ok, name, d in report.results if name == "/: loads nothing from another origin")
    assert detail == "https://cdn.example/lib.js"
    assert got["/: Content-Security-Policy header"] is False
    # Every page of the map is fetched, in every language.
    assert all(got[f"/{url}: 200 text/html"] is False for url in SITE.urls() if url)


class _Unsafe(Handler):
    def end_headers(self):
        self.send_header(
            "Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors *"
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


def test_unsafe_inline_and_a_framable_guide_page_fail(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    site_map(tmp_path)
    with serving(tmp_path, handler=_Unsafe) as url:
        got = results(check.check(url + "/"))
    assert got["/: Content-Security-Policy header"] is True
    assert got["/: X-Content-Type-Options: nosniff"] is True
    assert got["/: CSP allows no unsafe-inline / unsafe-eval script"] is False
    assert got["/: CSP frame-ancestors 'none' (not framed)"] is False
    assert got["/: Referrer-Policy: no-referrer"] is False


def test_directives_parse_like_a_browser():
    assert check.directives("default-src 'self'; script-src 'self' 'sha256-x';; frame-ancestors 'none'") == {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'sha256-x'"],
        "frame-ancestors": ["'none'"],
    }
