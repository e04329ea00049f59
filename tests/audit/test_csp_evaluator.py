"""Google's CSP Evaluator (npm csp_evaluator) on every policy the site ships, in
each form a browser gets it: the <meta> of every page (site, offline bundle,
SCORM packages), the Netlify/Cloudflare Pages rules in site/_headers and the
header nginx sends with the generated configuration. No finding of the
evaluator's checks may be more severe than "medium-maybe" (its usual caution
about 'self' in script-src); its strict-CSP advice is recorded by `make audit`
and left out of the bar (scripts/audit/cspeval.py says why)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from scripts.audit import cspeval
from tests.site import SITE

PATHS = SITE.urls()  # every page of every language (tests/site.py)


def _assert_within_bar(policies: Mapping[str, str | None]) -> None:
    missing = [label for label, policy in policies.items() if not policy]
    assert not missing, f"no Content-Security-Policy: {missing}"
    findings = cspeval.evaluate({label: policy for label, policy in policies.items() if policy})
    bad = cspeval.too_severe(findings)
    assert not bad, "CSP Evaluator findings above medium-maybe:\n" + "\n".join(f.render() for f in bad)


@pytest.fixture(scope="module")
def meta_policies(built_site: Path, offline_bundle: Path, scorm_packages: dict[str, Path]) -> dict[str, str | None]:
    policies = {**cspeval.meta_policies(built_site, "site"), **cspeval.meta_policies(offline_bundle, "offline")}
    for name, folder in scorm_packages.items():
        policies.update(cspeval.meta_policies(folder, name))
    return policies


def test_every_page_meta_policy(meta_policies: dict[str, str | None]):
    assert {f"site/{p}index.html meta" for p in PATHS} <= set(meta_policies)
    assert "site/404.html meta" in meta_policies and "offline/quiz/index.html meta" in meta_policies
    _assert_within_bar(meta_policies)


def test_header_rules_for_netlify_and_cloudflare_pages(built_site: Path):
    policies = cspeval.headers_file_policies(built_site / "_headers")
    assert {f"_headers /{p}" for p in PATHS} <= set(policies), sorted(policies)
    _assert_within_bar(policies)


def test_header_nginx_sends(nginx_url: str):
    _assert_within_bar(cspeval.served_policies(nginx_url, PATHS, "nginx"))


def test_the_evaluator_flags_a_weak_policy():
    """The bar is real: a policy with inline scripts and any https: host fails it."""
    findings = cspeval.evaluate({"weak": "script-src 'self' 'unsafe-inline' https:; object-src 'none'"})
    bad = {(f.directive, f.severity_name) for f in cspeval.too_severe(findings)}
    assert ("script-src", "high") in bad
    assert cspeval.worst(findings) == "high"
