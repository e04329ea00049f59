"""Our own JavaScript and CSS as the site ships them: bundled and minified by esbuild.

The JavaScript sources are ES modules in ``web/quiz/`` (one entry module per shipped
script, the modules it imports in ``web/quiz/lib/``); the quiz's stylesheet is
``web/quiz/quiz.css``, whose ``@import``s pull in the CSS beside each module
(``web/quiz/lib/form.css`` beside ``form.js``, ...). The build step calls
``build_assets(paths, site)`` on the staged site right after MkDocs (before the
CSP and the embed pages), so the site keeps its URLs (pages, CSP, offline bundle
and SCORM package all name ``assets/quiz/quiz.js``, ``assets/quiz/quiz.css`` and
friends). After MkDocs, not before: the i18n plugin would take the ``js`` of
``quiz.js.map`` for a language suffix and drop the maps.

- each entry becomes one classic script (a strict-mode IIFE: no ``import``/``export`` left,
  so the offline bundle can run ``engine-worker.js`` as a classic worker from a
  ``blob:`` URL and the pages load the others with ``async``/``defer``), minified,
  for a modern target (``TARGET``: nothing is transpiled into legacy helpers),
  with a linked source map beside it (``quiz.js.map``) whose sources name the
  repo's files;
- each stylesheet entry (``STYLES``) becomes one minified stylesheet, its imports
  inlined in their order (the cascade's), with a linked source map the same way;
- the site-wide stylesheet MkDocs copies from ``docs/`` (``OWN_CSS``) is minified
  in place.

The readable sources stay in the repo; ``docs/`` holds no JavaScript and none of
the quiz's CSS.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from ..errors import BuildError
from ..paths import ROOT, Paths

#: The shipped scripts: web/quiz/<name> (entry module) -> assets/quiz/<name>.
ENTRIES = ("quiz.js", "engine-worker.js", "embed.js", "scorm12.js", "scorm2004.js")

#: The JavaScript language level of the output. Chromium, Firefox and Safari have
#: run ES2022 natively since 2022 (and Pyodide 314 needs newer browsers still), so
#: esbuild leaves our syntax as written: no down-levelled helpers.
TARGET = "es2022"

#: What esbuild would otherwise read from web/quiz/jsconfig.json (the type checker's
#: settings): none of it but strict mode. The sources are ES modules, so strict; the
#: IIFE keeps that with a "use strict" prologue.
TSCONFIG = '{"compilerOptions":{"alwaysStrict":true}}'

#: The shipped stylesheets: web/quiz/<name> (entry, @import-ing lib/*.css) -> assets/quiz/<name>.
STYLES = ("quiz.css",)

#: Our own stylesheets MkDocs copies from docs/ (site-wide), relative to the built site.
OWN_CSS = ("assets/stylesheets/extra.css",)

ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"


def build_assets(paths: Paths, site: Path) -> list[Path]:
    """Bundle the scripts and the quiz's stylesheet into ``site/assets/quiz``,
    and minify the site-wide CSS in place.

    Returns the files written (scripts, stylesheets, their maps).

    Raises:
        BuildError: esbuild is missing, a source is missing, or esbuild failed
            (its message names the file and line).
    """
    source_dir = paths.root / "web" / "quiz"
    written = bundle_scripts(site / "assets" / "quiz", source_dir=source_dir)
    written += bundle_styles(site / "assets" / "quiz", source_dir=source_dir)
    for rel in OWN_CSS:
        css = site / rel
        if css.is_file():
            written.append(minify_css(css))
    return written


def bundle_scripts(out_dir: Path, source_dir: Path = ROOT / "web" / "quiz") -> list[Path]:
    """Write each entry of ``ENTRIES`` from ``source_dir`` as one minified script
    (and its ``.map``) into ``out_dir``; return the paths written."""
    flags = ["--format=iife", f"--target={TARGET}", f"--tsconfig-raw={TSCONFIG}"]
    return _bundle(ENTRIES, "ENTRIES", "a script's entry module", flags, source_dir, out_dir)


def bundle_styles(out_dir: Path, source_dir: Path = ROOT / "web" / "quiz") -> list[Path]:
    """Write each entry of ``STYLES`` from ``source_dir`` as one minified stylesheet,
    its ``@import``s inlined in their order (and its ``.map``), into ``out_dir``;
    return the paths written."""
    return _bundle(STYLES, "STYLES", "a stylesheet's entry", [], source_dir, out_dir)


def _bundle(names: tuple[str, ...], listed_in: str, what: str, flags: list[str], source: Path, out: Path) -> list[Path]:
    missing = [source / name for name in names if not (source / name).is_file()]
    if missing:
        raise BuildError(
            missing[0],
            f"{what} is missing",
            f"restore it from git, or drop it from {listed_in} in scripts/publish/assets.py",
        )
    out.mkdir(parents=True, exist_ok=True)
    _esbuild(
        [
            *(str(source / name) for name in names),
            "--bundle",
            *flags,
            "--minify",
            "--sourcemap=linked",
            "--charset=utf8",
            "--legal-comments=none",
            "--log-level=warning",
            f"--outdir={out}",
        ],
        source,
    )
    written = []
    for name in names:
        _relabel_sources(out / f"{name}.map", source)
        written += [out / name, out / f"{name}.map"]
    return written


def minify_css(css: Path) -> Path:
    """Minify the stylesheet ``css`` in place (no bundling: url()s stay as written)."""
    minified = css.with_name(css.name + ".min.tmp")
    _esbuild([str(css), "--minify", "--charset=utf8", "--log-level=warning", f"--outfile={minified}"], css)
    minified.replace(css)
    return css


def esbuild() -> Path:
    """The pinned esbuild (package.json), or a BuildError saying how to install it."""
    if not ESBUILD.exists() or shutil.which("node") is None:
        raise BuildError(
            ESBUILD,
            "esbuild (or Node) is not installed; the build bundles and minifies "
            "the site's own JavaScript and CSS with it",
            "run `npm ci` (or `make setup`); Node >= 18 must be on PATH",
        )
    return ESBUILD


def _esbuild(args: list[str], subject: Path) -> None:
    done = subprocess.run([str(esbuild()), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(
            subject,
            f"esbuild failed:\n{(done.stderr or done.stdout).strip()}",
            "fix the file and line esbuild names above",
        )


def _relabel_sources(map_path: Path, source_dir: Path) -> None:
    """Name each source by its path in the repo (``web/quiz/lib/page.js``) instead
    of a path relative to the build's temporary folder, so the map (embedded
    sources included) is the same wherever and whenever the site is built."""
    data = json.loads(map_path.read_text(encoding="utf-8"))
    project = source_dir.parent.parent
    labels = []
    for source in data.get("sources", []):
        path = (map_path.parent / source).resolve()
        try:
            labels.append(path.relative_to(project.resolve()).as_posix())
        except ValueError:
            labels.append(Path(source).name)
    data["sources"] = labels
    map_path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
