"""The Nu HTML Checker (vnu) over built pages, with one allow-list.

The checker is the jar the npm package vnu-jar ships (pinned in
package-lock.json), run once for all pages on the system's Java runtime. Every
error it reports must be either fixed in our markup or listed in
`allowlist.toml` beside this file, with its reason: Material's own templates
(described without a link, so the entry can be checked against Material on an
upgrade) or the checker's own limits. An entry matches an error when both
its `message` pattern (the checker's text, ASCII quotes) and its `markup`
pattern (the element the checker highlighted) are found in it, so an allowance
for Material's toggles never covers the same mistake in our own inputs. An
entry with `kind = "warning"` answers a warning instead (warnings never fail,
but one the checker is wrong about would bury the ones worth reading). An
entry that no longer matches anything is reported too: the list stays as short
as the problems it answers.

`python -m scripts.audit.vnu DIR...` checks every .html file under each folder
and exits non-zero on any error not on the list.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import BuildError, BuildErrors
from ..paths import ROOT

JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = Path(__file__).with_name("allowlist.toml")
SOURCES = {"material", "checker"}
KINDS = {"error", "warning"}  # what an allow-list entry can answer
# The checker's parser recurses on deeply nested documents: a larger thread stack
# than Java's default keeps it from overflowing.
_JAVA_OPTS = ["-Xss1024k"]


@dataclass(frozen=True)
class Message:
    """One thing the checker said about one page."""

    page: str  # the page's path as given, relative to the folder it was found in
    line: int
    column: int
    kind: str  # "error", "warning", "info" or "fatal" (the checker could not read the page)
    text: str
    markup: str  # the highlighted part of the page

    def render(self) -> str:
        return f"{self.page}:{self.line}:{self.column}: {self.kind}: {self.text}\n    {self.markup}"


@dataclass(frozen=True)
class Allowed:
    """One allow-list entry."""

    index: int
    message: re.Pattern
    markup: re.Pattern
    source: str
    reason: str
    template: str = ""
    kind: str = "error"

    def matches(self, message: Message) -> bool:
        return (
            message.kind == self.kind
            and bool(self.message.search(message.text))
            and bool(self.markup.search(message.markup))
        )

    def label(self) -> str:
        return f"entry {self.index} ({self.message.pattern!r})"


@dataclass
class Report:
    """What the checker found on a set of pages, sorted against the allow-list."""

    pages: list[str]
    errors: list[Message] = field(default_factory=list)  # ours: must be empty
    allowed: dict[int, list[Message]] = field(default_factory=dict)  # entry index -> what it answered
    warnings: list[Message] = field(default_factory=list)  # shown, not failing
    unused: list[Allowed] = field(default_factory=list)  # entries nothing matched

    def summary(self) -> dict:
        return {
            "pages": len(self.pages),
            "errors": [m.render() for m in self.errors],
            # Entry index -> how many it answered; an entry answers errors or warnings, not both.
            "allowed": {str(i): len(ms) for i, ms in sorted(self.allowed.items()) if ms[0].kind != "warning"},
            "allowed_warnings": {str(i): len(ms) for i, ms in sorted(self.allowed.items()) if ms[0].kind == "warning"},
            "warnings": [m.render() for m in self.warnings],
            "unused_allowlist_entries": [a.label() for a in self.unused],
        }


def jar() -> Path:
    """The vnu.jar the npm package vnu-jar ships."""
    if not JAR.is_file():
        raise BuildError(
            JAR,
            "the Nu HTML Checker is not installed (npm package vnu-jar)",
            "run `make setup-test` (npm ci installs the dev dependencies of package-lock.json)",
        )
    return JAR


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise BuildError(
            None,
            "no Java runtime: the Nu HTML Checker runs on Java (17 or later)",
            "install one: `apt-get install -y default-jre-headless` (`make test` and `make audit` do)",
        )
    return found


def version() -> str:
    out = subprocess.run([java(), "-jar", str(jar()), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def load_allowlist(path: Path = ALLOWLIST) -> list[Allowed]:
    """Read and check the allow-list; every problem is named with its entry."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise BuildError(path, f"cannot read the allow-list: {e}", "fix the TOML syntax") from e
    entries, problems = [], []
    for index, raw in enumerate(data.get("allow", []), start=1):
        where = f"[[allow]] entry {index}"
        missing = [key for key in ("message", "markup", "source", "reason") if not str(raw.get(key, "")).strip()]
        if missing:
            problems.append(
                BuildError(
                    path, f"{where} lacks {', '.join(missing)}", "give message and markup patterns, source and reason"
                )
            )
            continue
        if raw["source"] not in SOURCES:
            problems.append(
                BuildError(
                    path,
                    f"{where} has source {raw['source']!r}",
                    f"use one of {sorted(SOURCES)}: anything else is ours to fix",
                )
            )
            continue
        if raw.get("kind", "error") not in KINDS:
            problems.append(
                BuildError(
                    path,
                    f"{where} has kind {raw['kind']!r}",
                    f"use one of {sorted(KINDS)}, or leave it out for an error",
                )
            )
            continue
        if raw["source"] == "material" and not str(raw.get("template", "")).strip():
            problems.append(
                BuildError(
                    path,
                    f"{where} comes from Material but names no template",
                    "describe the upstream template (file and element), without a link",
                )
            )
            continue
        if re.search(r"https?://", " ".join(str(v) for v in raw.values())):
            problems.append(BuildError(path, f"{where} holds a link", "describe the source in words"))
            continue
        try:
            message, markup = re.compile(raw["message"]), re.compile(raw["markup"])
        except re.error as e:
            problems.append(BuildError(path, f"{where} has a bad pattern: {e}", "fix the regular expression"))
            continue
        entries.append(
            Allowed(
                index,
                message,
                markup,
                raw["source"],
                raw["reason"].strip(),
                raw.get("template", "").strip(),
                raw.get("kind", "error"),
            )
        )
    if problems:
        raise BuildErrors(problems)
    return entries


def html_pages(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*.html") if p.is_file())


def run(files: Iterable[Path]) -> list[Message]:
    """Check `files` in one checker run; every message, in the checker's order."""
    files = [Path(f).resolve() for f in files]
    if not files:
        return []
    cmd = [
        java(),
        *_JAVA_OPTS,
        "-jar",
        str(jar()),
        "--format",
        "json",
        "--asciiquotes",
        "--exit-zero-always",
        "--stdout",
        *map(str, files),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout.strip():
        raise BuildError(
            jar(),
            f"the Nu HTML Checker failed (exit {out.returncode}): {out.stderr.strip()[:500]}",
            "run the command by hand to see why: " + " ".join(cmd[:8]) + " …",
        )
    by_uri = {f.as_uri(): f for f in files}
    messages = []
    for raw in json.loads(out.stdout)["messages"]:
        page = by_uri.get(_uri(raw.get("url", "")), Path(raw.get("url", "?")))
        extract, start = raw.get("extract", ""), raw.get("hiliteStart", 0)
        markup = extract[start : start + raw.get("hiliteLength", len(extract))]
        kind = {"error": "error", "non-document-error": "fatal"}.get(raw["type"], raw.get("subType", "info"))
        messages.append(
            Message(
                str(page),
                raw.get("lastLine", 0),
                raw.get("firstColumn", raw.get("lastColumn", 0)),
                kind,
                raw.get("message", "").strip(),
                markup.strip(),
            )
        )
    return messages


def _uri(url: str) -> str:
    # vnu writes file:/path where Path.as_uri() writes file:///path.
    return "file://" + url[len("file:") :] if url.startswith("file:/") and not url.startswith("file:///") else url


def audit(roots: dict[str, Path], allowlist: list[Allowed] | None = None) -> Report:
    """Check every page under each of `roots` (label -> folder) against the allow-list.

    Pages are named `<label>/<path in the folder>` in the report."""
    allowlist = load_allowlist() if allowlist is None else allowlist
    files: dict[Path, str] = {}
    for label, root in roots.items():
        for page in html_pages(root):
            files[page.resolve()] = f"{label}/{page.relative_to(root).as_posix()}"
    report = Report(pages=sorted(files.values()))
    for message in run(files):
        message = replace(message, page=files.get(Path(message.page), message.page))
        entry = next((a for a in allowlist if a.matches(message)), None)
        if entry is not None:
            report.allowed.setdefault(entry.index, []).append(message)
        elif message.kind in ("warning", "info"):
            report.warnings.append(message)
        else:
            report.errors.append(message)
    report.unused = [a for a in allowlist if a.index not in report.allowed]
    return report


def explain(report: Report) -> str:
    """The failure text: each error, then what to do about it."""
    lines = [f"{len(report.errors)} Nu HTML Checker error(s) in our markup:"]
    lines += [m.render() for m in report.errors]
    lines.append(
        f"fix: correct the markup that produces it; only if it comes from Material's templates or "
        f"the checker's own limits, add an entry to {ALLOWLIST} with its reason"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.audit.vnu", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="built site folders (every .html under each)")
    args = parser.parse_args(argv)
    try:
        report = audit({f.as_posix(): f for f in args.folders})
    except BuildError as e:
        print(e, file=sys.stderr)
        return 2
    summary = report.summary()
    print(
        f"Nu HTML Checker {version()}: {len(report.pages)} pages, {len(report.errors)} error(s) in our markup, "
        f"{sum(summary['allowed'].values())} error(s) and {sum(summary['allowed_warnings'].values())} "
        f"warning(s) allowed (allow-list), {len(report.warnings)} other warning(s)"
    )
    for m in report.warnings:
        print(m.render())
    if report.errors:
        print(explain(report), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
