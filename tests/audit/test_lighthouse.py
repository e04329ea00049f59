"""Lighthouse 12.2.3 (mobile profile, the system Chromium) on the home page, a
guide page, the self-assessment and the embed guide page in every language,
served by nginx with the generated configuration: accessibility, best practices
and SEO score 100; and what it flagged in issue 15 (unsized logo, unminified or
legacy JavaScript of ours, no compression, no cache policy) stays fixed. The
performance score is a timing and is not tested here (`make audit` records it;
scripts/audit/lighthouse.performance() is the benchmark's call)."""

from __future__ import annotations

import re

import pytest

from scripts.audit import lighthouse
from tests.site import LANGS, SITE

# The embed guide page is the one with links in running text (Lighthouse's
# link-in-text-block found them told apart by colour alone).
# Test id -> the site map's page, in every language: Lighthouse's SEO and accessibility
# checks read each page's language, its links' texts, its title and its description.
PAGES = {"home": "home", "guide": "recognize", "quiz": "quiz", "embed-guide": "embed"}
# Material's own bundle is built for older browsers; ours (web/quiz/, esbuild) is not.
MATERIAL_BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


@pytest.fixture(
    scope="module", params=[(lang, page) for lang in LANGS for page in PAGES], ids=lambda p: f"{p[0]}-{p[1]}"
)
def report(request: pytest.FixtureRequest, nginx_url: str) -> tuple[str, dict]:
    """One Lighthouse run per page: the three categories and the delivery audits."""
    lang, page = request.param
    path = SITE.url(lang, PAGES[page])
    return "/" + path, lighthouse.run(nginx_url + path, lighthouse.CHECKED, audits=lighthouse.DELIVERY)


def test_accessibility_best_practices_and_seo_score_100(report: tuple[str, dict]):
    path, lhr = report
    scores = lighthouse.scores(lhr)
    problems = {c: lighthouse.shortfalls(lhr, c) for c in lighthouse.CHECKED if scores[c] != 100}
    assert all(scores[c] == 100 for c in lighthouse.CHECKED), f"{path}: {scores}; what cost points: {problems}"


def test_what_lighthouse_flagged_in_issue_15_stays_fixed(report: tuple[str, dict]):
    """Sized images (the logo), our CSS and JavaScript minified and modern, text
    compressed and the runtime cached by the server: Lighthouse's own checks of the
    content and headers (not its timings)."""
    path, lhr = report
    flagged = {a: lighthouse.failing_items(lhr, a) for a in lighthouse.DELIVERY}
    legacy = [u for u in flagged.pop("legacy-javascript") if not MATERIAL_BUNDLE.search(u)]
    assert not legacy, f"{path}: legacy JavaScript helpers in our own scripts: {legacy}"
    assert not any(flagged.values()), {a: items for a, items in flagged.items() if items}
