"""Lighthouse 12.2.3 (mobile profile, the system Chromium) on the home page, a
guide page and the self-assessment in both languages, served by nginx with the
generated configuration: accessibility, best practices and SEO score 100; and
what it flagged in issue 15 (unsized logo, unminified or legacy JavaScript of
ours, no compression, no cache policy) stays fixed. The performance score is a
timing and is not tested here (`make audit` records it;
scripts/audit/lighthouse.performance() is the benchmark's call)."""

from __future__ import annotations

import re

import pytest

from scripts.audit import lighthouse

PAGES = ["", "recognize/", "quiz/"]


@pytest.mark.parametrize("lang", ["", "en/"], ids=["ru", "en"])
@pytest.mark.parametrize("page", PAGES, ids=["home", "guide", "quiz"])
def test_accessibility_best_practices_and_seo_score_100(nginx_url: str, lang: str, page: str):
    lhr = lighthouse.run(nginx_url + lang + page, lighthouse.CHECKED)
    scores = lighthouse.scores(lhr)
    problems = {c: lighthouse.shortfalls(lhr, c) for c in lighthouse.CHECKED if scores[c] != 100}
    assert all(scores[c] == 100 for c in lighthouse.CHECKED), (
        f"{lang + page or '/'}: {scores}; what cost points: {problems}")


# Material's own bundle is built for older browsers; ours (web/quiz/, esbuild) is not.
MATERIAL_BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


@pytest.mark.parametrize("path", ["en/quiz/", "recognize/"])
def test_what_lighthouse_flagged_in_issue_15_stays_fixed(nginx_url: str, path: str):
    """Sized images (the logo), our CSS and JavaScript minified and modern, text
    compressed and the runtime cached by the server: Lighthouse's own checks of the
    content and headers (not its timings)."""
    lhr = lighthouse.run(nginx_url + path, audits=lighthouse.DELIVERY)
    flagged = {a: lighthouse.failing_items(lhr, a) for a in lighthouse.DELIVERY}
    legacy = [u for u in flagged.pop("legacy-javascript") if not MATERIAL_BUNDLE.search(u)]
    assert not legacy, f"legacy JavaScript helpers in our own scripts: {legacy}"
    assert not any(flagged.values()), {a: items for a, items in flagged.items() if items}
