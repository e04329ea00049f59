"""Google's CSP Evaluator on every Content-Security-Policy the site ships.

Three forms of the same policy reach a browser: the <meta> in each page (static
hosts, the offline bundle), the header rules written for Netlify/Cloudflare
Pages (`site/_headers`) and the header nginx sends with the generated
configuration. Each is evaluated by the npm package csp_evaluator (pinned in
package.json) through the small Node script beside this file.

The bar (issue 15): no finding more severe than "medium-maybe" among the
evaluator's default checks. Its separate strict-CSP advice ('strict-dynamic'
instead of a host allowlist, an 'unsafe-inline' fallback for CSP1 browsers,
Trusted Types) is recorded, not enforced: the policy is a hash-based allowlist
on purpose, and an 'unsafe-inline' fallback would open pages that carry no
hash to inline scripts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import BuildError
from ..paths import ROOT
from ..publish import html
from ..publish.csp import policy_metas

SCRIPT = Path(__file__).with_name("csp_evaluate.cjs")
PACKAGE = ROOT / "node_modules" / "csp_evaluator" / "package.json"
# The evaluator's severities (finding.ts): lower numbers are more severe.
SEVERITIES = {
    10: "high",
    20: "syntax",
    30: "medium",
    40: "high-maybe",
    45: "strict-csp",
    50: "medium-maybe",
    60: "info",
    100: "none",
}
#: The most severe finding allowed: anything with a lower number fails.
THRESHOLD = 50  # medium-maybe


@dataclass(frozen=True)
class Finding:
    policy: str  # the label of the policy it was found in
    severity: int
    type: int
    directive: str
    value: str | None
    description: str
    check: str  # "default" (enforced) or "strict" (advice)

    @property
    def severity_name(self) -> str:
        return SEVERITIES.get(self.severity, str(self.severity))

    def render(self) -> str:
        value = f" {self.value}" if self.value else ""
        return f"{self.policy}: {self.severity_name} in {self.directive}{value}: {self.description}"

    def to_json(self) -> dict:
        return {**asdict(self), "severity_name": self.severity_name}


def version() -> str:
    if not PACKAGE.is_file():
        raise BuildError(PACKAGE, "csp_evaluator is not installed", "run `make setup` (npm ci)")
    return json.loads(PACKAGE.read_text("utf-8"))["version"]


def evaluate(policies: dict[str, str]) -> list[Finding]:
    """Every finding for every policy (label -> policy text), in label order."""
    version()  # names the fix when the package is missing
    node = shutil.which("node")
    if not node:
        raise BuildError(None, "node is not installed: the CSP Evaluator runs on Node", "install Node 18 or newer")
    out = subprocess.run([node, str(SCRIPT)], input=json.dumps(policies), capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise BuildError(
            SCRIPT, f"the CSP Evaluator failed: {out.stderr.strip()[:500]}", "run `make setup` (npm ci), then retry"
        )
    findings = []
    for label, checks in sorted(json.loads(out.stdout).items()):
        seen = set()
        for check in ("default", "strict"):
            for raw in checks[check]:
                key = (raw["type"], raw["directive"], raw["value"])
                if key in seen:  # both runs report what the effective policy drops
                    continue
                seen.add(key)
                findings.append(
                    Finding(
                        label, raw["severity"], raw["type"], raw["directive"], raw["value"], raw["description"], check
                    )
                )
    return findings


def too_severe(findings: list[Finding]) -> list[Finding]:
    """The findings that fail the bar: default checks above medium-maybe."""
    return [f for f in findings if f.check == "default" and f.severity < THRESHOLD]


def worst(findings: list[Finding], check: str = "default") -> str:
    severities = [f.severity for f in findings if f.check == check]
    return SEVERITIES.get(min(severities), "?") if severities else "none"


# ---- Where the policies are -----------------------------------------------------


def meta_policy(page: Path) -> str | None:
    """The page's <meta> policy, None when it has none."""
    policies = [meta.get("content") or "" for meta in policy_metas(html.Page(page.read_text("utf-8")))]
    if len(policies) > 1:
        raise BuildError(page, f"{len(policies)} CSP <meta> elements", "a page carries one policy")
    return policies[0] if policies else None


def meta_policies(root: Path, label: str) -> dict[str, str | None]:
    """`<label>/<page> meta` -> the page's <meta> policy, for every page under `root`."""
    return {f"{label}/{p.relative_to(root).as_posix()} meta": meta_policy(p) for p in sorted(root.rglob("*.html"))}


def headers_file_policies(headers: Path) -> dict[str, str]:
    """`_headers <path>` -> the CSP that Netlify/Cloudflare Pages file gives that path."""
    if not headers.is_file():
        raise BuildError(headers, "no _headers file in the built site", "run `make build` (it writes the file)")
    policies: dict[str, str] = {}
    paths: list[str] = []
    in_block = False
    for line in headers.read_text("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            paths = [*paths, line.strip()] if not in_block else [line.strip()]
            in_block = False
            continue
        in_block = True
        name, _, value = line.strip().partition(":")
        if name.strip().lower() == "content-security-policy":
            for path in paths:
                policies[f"_headers {path}"] = value.strip()
    return policies


def served_policies(base_url: str, paths: list[str], label: str = "served") -> dict[str, str | None]:
    """`<label> /<path>` -> the Content-Security-Policy header the server sent
    for that page (None when it sent none). `base_url` ends with a slash."""
    policies = {}
    for path in paths:
        with urllib.request.urlopen(base_url + path, timeout=30) as response:
            policies[f"{label} /{path}"] = response.headers.get("Content-Security-Policy")
    return policies
