"""`make build`: content/ and quiz/ (with the assets in docs/) → site/.

Reads top to bottom like MkDocs' own build: gather and check every input first,
then write the generated Markdown, build the site into a staging folder, check
the built pages, and only then swap the staging folder in for site/. A failure
at any step leaves the previous site/ as it was.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .assessment import quizpage
from .errors import BuildError
from .guide import read_guide
from .guide.markdown import PAGE_FILES, render_page
from .guide.structure import Guide
from .i18n import catalog
from .i18n.translate import Text, localize
from .paths import Paths
from .publish.deploy import nginx as deploy_nginx
from .publish.deploy.settings import Settings
from .publish import assets, postbuild

LANGS = ("ru", "en")
log = logging.getLogger("partingkit.build")


@dataclass
class Report:
    pages: list[Path] = field(default_factory=list)
    pending: dict[str, list[str]] = field(default_factory=dict)  # lang -> segment ids shown in Russian
    seconds: float = 0.0


@dataclass
class Generated:
    """Everything the build derives from the sources, before anything is written."""

    guide: Guide
    quiz: quizpage.QuizPages
    pages: dict[str, str]  # file name in docs/ -> Markdown
    pending: dict[str, list[str]] = field(default_factory=dict)  # lang -> segment ids shown in Russian


def generate(paths: Paths = Paths(), lenient: bool = False) -> Generated:
    """Read and check every input, and render the pages; writes nothing."""
    guide = read_guide(paths)  # the article as received, its reviewed slips corrected, placed
    catalogue = catalog.load([paths.guide_po] + [p for p in (paths.quiz_po, paths.draft_po) if p.exists()])
    texts: dict[str, dict[str, Text]] = {}
    pending: dict[str, list[str]] = {}
    for lang in LANGS:
        texts[lang], problems = localize(guide, lang, catalogue, lenient)
        if problems:
            pending[lang] = [p.msgctxt for p in problems]
            for p in problems:
                log.warning("%s: %s (shown in Russian: lenient mode)", p.path, p.describe())
    quiz = quizpage.prepare(paths, guide, texts, catalogue, lenient)
    pages = {}
    for lang in LANGS:
        titles = {p.slug: texts[lang][p.title.id].value for p in guide.pages}
        for page in guide.pages:
            extra = quiz.html[lang] if page.slug == "quiz" else ""
            pages[f"{PAGE_FILES[page.slug]}.{lang}.md"] = render_page(page, texts[lang], lang, titles, extra)
    return Generated(guide, quiz, pages, pending)


def build(paths: Paths = Paths(), lenient: bool = False, site_dir: Path | None = None) -> Report:
    started = time.monotonic()
    site_dir = site_dir or paths.site

    # First gather and check all data: nothing is written before every check passes.
    generated = generate(paths, lenient)

    # Then write the MkDocs input into a private folder of this build (never into
    # the repo's docs/, so two builds at once — tests and the benchmark — cannot
    # race), and build into a staging folder beside site/.
    work = Path(tempfile.mkdtemp(prefix="parting-kit-build-"))
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=site_dir.parent))
    try:
        docs_dir = work / "docs"
        written = _write_docs(paths, generated.pages, docs_dir)
        _run_mkdocs(paths, docs_dir, staging)
        assets.build_assets(paths, staging)  # our JS bundled from web/quiz/, our CSS minified
        postbuild.finish(paths, staging, generated.guide, generated.quiz)
        _swap(staging, site_dir)
        # The nginx recipe, beside the site (it names the site's folder): deploy/nginx.conf.
        deploy_nginx.write(site_dir, Settings.from_env(), site_dir.parent / "deploy")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    return Report(pages=written, pending=generated.pending, seconds=time.monotonic() - started)


def _write_docs(paths: Paths, pages: dict[str, str], docs_dir: Path) -> list[Path]:
    """Lay out the MkDocs input in ``docs_dir``: the hand-written assets of docs/,
    the generated pages and the hand-written pages of content/pages/."""
    # Markdown in docs/ is never input (the repo's docs/ holds assets only); an old
    # checkout may still have generated pages lying there.
    shutil.copytree(paths.docs, docs_dir, ignore=shutil.ignore_patterns("*.md"))
    written = []
    for name, markdown in pages.items():
        target = docs_dir / name
        target.write_text(markdown, encoding="utf-8")
        written.append(Path(name))
    # Hand-written pages (content/pages/<slug>.{ru,en}.md) go in beside them.
    for source in sorted((paths.root / "content" / "pages").glob("*.md")):
        shutil.copyfile(source, docs_dir / source.name)
        written.append(Path(source.name))
    return written


def _run_mkdocs(paths: Paths, docs_dir: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        config = load_config(str(paths.mkdocs_yml), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
    except (Abort, ConfigurationError) as e:
        raise BuildError(paths.mkdocs_yml, f"MkDocs build failed: {e}",
                         "read the MkDocs warnings above; --strict turns each one into a failure") from None


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the new site in place with two renames, so site/ is never half-written."""
    # mkdtemp made the staging folder private (0700); a site is meant to be read.
    staging.chmod(0o755)
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.build", description=__doc__.splitlines()[0])
    parser.add_argument("--lenient", action="store_true",
                        help="show untranslated or stale segments in Russian with a 'translation pending' note")
    parser.add_argument("--site-dir", type=Path, help="output folder (default: site/)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        report = build(Paths(), lenient=args.lenient, site_dir=args.site_dir)
    except BuildError as e:
        print(f"build failed — {e}\n(the previous site/ is unchanged)", file=sys.stderr)
        return 1
    pending = sum(len(v) for v in report.pending.values())
    print(f"built {len(report.pages)} pages in {report.seconds:.1f}s"
          + (f"; {pending} segment(s) pending translation" if pending else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
