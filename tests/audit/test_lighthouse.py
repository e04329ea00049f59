"""Lighthouse 12.2.3 (mobile profile, the system Chromium) on the home page, a
guide page and the self-assessment in both languages, served by nginx with the
generated configuration: accessibility, best practices and SEO score 100. The
performance score is a timing and is not tested here (`make audit` records it;
scripts/audit/lighthouse.performance() is the benchmark's call)."""

from __future__ import annotations

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
