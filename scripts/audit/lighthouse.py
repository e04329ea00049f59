"""Lighthouse (npm, pinned in package.json) in the system Chromium, mobile profile.

`run()` audits one URL and returns Lighthouse's report (the JSON "LHR");
`scores()` and `shortfalls()` read it. Accessibility, best practices and SEO are
deterministic checks of the page and must score 100 (tests/audit/); the
performance score is a timing that depends on the machine, so it is not a test:
`performance()` is the call for the benchmark (`make bench`), and `make audit`
records it beside the CPU it ran on.

Lighthouse's default settings are kept (mobile emulation, simulated throttling):
the numbers compare with anyone else's Lighthouse run.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from ..chromium import CHROMIUM, CHROMIUM_ARGS
from ..errors import BuildError
from ..paths import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PACKAGE = ROOT / "node_modules" / "lighthouse" / "package.json"
# Headless and quiet on a closed network (the same flags as the browser tests).
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
CHECKED = ("accessibility", "best-practices", "seo")  # deterministic: must be 100
CATEGORIES = ("performance", *CHECKED)
#: Performance metrics the benchmark records, by Lighthouse audit id.
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def version() -> str:
    if not PACKAGE.is_file():
        raise BuildError(PACKAGE, "Lighthouse is not installed", "run `make setup` (npm ci)")
    return json.loads(PACKAGE.read_text("utf-8"))["version"]


#: Lighthouse's findings on the issue-15 site, fixed since; content and header
#: checks, not timings, so the tests hold them (tests/audit/test_lighthouse.py).
DELIVERY = (
    "unsized-images",
    "unminified-css",
    "unminified-javascript",
    "legacy-javascript",
    "uses-text-compression",
    "uses-long-cache-ttl",
)


def run(
    url: str, categories: tuple[str, ...] = CHECKED, chromium: str = CHROMIUM, audits: tuple[str, ...] = ()
) -> dict:
    """Lighthouse's report for `url`, with `categories` and `audits` audited (either
    may be empty; Lighthouse runs the union)."""
    version()
    if not Path(chromium).is_file():
        raise BuildError(chromium, "Chromium not found", "install it: `apt-get install -y chromium` (`make test` does)")
    with tempfile.TemporaryDirectory(prefix="pk-lighthouse-") as scratch:
        report = Path(scratch) / "report.json"
        cmd = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            *([f"--only-categories={','.join(categories)}"] if categories else []),
            *([f"--only-audits={','.join(audits)}"] if audits else []),
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ]
        # chrome-launcher finds the browser through CHROME_PATH; TMPDIR keeps its
        # throwaway profile in our scratch folder.
        env = {**os.environ, "CHROME_PATH": chromium, "TMPDIR": scratch}
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        if out.returncode != 0 or not report.is_file():
            raise BuildError(
                url,
                f"Lighthouse failed (exit {out.returncode}): {out.stderr.strip()[-800:]}",
                "run it by hand: CHROME_PATH=/usr/bin/chromium node_modules/.bin/lighthouse " + url,
            )
        lhr = json.loads(report.read_text("utf-8"))
    if lhr.get("runtimeError"):
        raise BuildError(
            url, f"Lighthouse could not audit the page: {lhr['runtimeError']}", "check that the page loads in Chromium"
        )
    return lhr


def scores(lhr: dict) -> dict[str, int | None]:
    """Category id -> score out of 100 (None when Lighthouse could not score it)."""
    return {
        cid: (round(c["score"] * 100) if c.get("score") is not None else None) for cid, c in lhr["categories"].items()
    }


def shortfalls(lhr: dict, category: str, weighted_only: bool = True) -> list[str]:
    """What cost `category` points: each weighted audit below full marks, with
    the first few elements or URLs it names. With `weighted_only` off, also the
    unweighted audits that did not pass (for performance: the opportunities and
    diagnostics, e.g. unminified files, which weigh nothing themselves)."""
    lines = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if audit.get("score") in (None, 1) or audit.get("scoreDisplayMode") in _NOT_SCORED:
            continue
        if weighted_only and ref.get("weight", 0) == 0:
            continue
        items = audit.get("details", {}).get("items", [])[:3]
        where = "; ".join(_item(i) for i in items if _item(i))
        lines.append(f"{ref['id']} ({audit['score']}): {audit['title']}" + (f" — {where}" if where else ""))
    return lines


_NOT_SCORED = {"informative", "notApplicable", "manual", "error"}


def failing_items(lhr: dict, audit: str) -> list[str]:
    """The URLs (or elements) an audit flags; empty when it passes."""
    result = lhr["audits"][audit]
    if result.get("score") in (None, 1):
        return []
    return [_item(i) or "?" for i in result.get("details", {}).get("items", [])] or [result["title"]]


def _item(item: dict) -> str:
    node = item.get("node") or {}
    return str(node.get("snippet") or item.get("url") or item.get("source", {}).get("url", "") or "")[:160]


def performance(url: str, chromium: str = CHROMIUM) -> dict:
    """For the benchmark: Lighthouse's mobile performance score for `url` and the
    metrics behind it (milliseconds; layout shift unitless), one run."""
    lhr = run(url, ("performance",), chromium)
    return {
        "url": url,
        "score": scores(lhr)["performance"],
        "metrics": {m: lhr["audits"][m].get("numericValue") for m in METRICS},
        "shortfalls": shortfalls(lhr, "performance", weighted_only=False),
        "lighthouse": lhr["lighthouseVersion"],
        "chromium": lhr["environment"]["hostUserAgent"],
        "benchmark_index": lhr["environment"].get("benchmarkIndex"),
    }
