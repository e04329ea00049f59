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

from .assessment import markup, quizdata
from .deploy import nginx as deploy_nginx
from .deploy.settings import Settings
from .errors import BuildError, BuildErrors
from .guide import read_guide
from .guide.markdown import PAGE_FILES, render_page
from .guide.structure import Guide
from .i18n import catalog, languages, site
from .i18n import pages as hand_written
from .i18n.languages import Languages
from .i18n.translate import Text, localize
from .paths import Paths
from .publish import assets, postbuild

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
    quiz: quizdata.QuizPages
    pages: dict[str, str]  # file name in docs/ -> Markdown
    languages: Languages  # content/translations/languages.toml: every stage's list of languages
    site: site.SiteTexts  # the site frame's texts per language (content/site.toml + site.po)
    pending: dict[str, list[str]] = field(default_factory=dict)  # lang -> segment ids shown in Russian


def generate(paths: Paths = Paths(), lenient: bool = False) -> Generated:
    """Read and check every input, and render the pages; writes nothing."""
    guide = read_guide(paths)  # the article as received, its reviewed slips corrected, placed
    langs = languages.load(paths.languages)  # the one list of languages every stage uses
    catalogues = {lang.code: catalog.for_language(lang) for lang in langs.translated}
    texts: dict[str, dict[str, Text]] = {}
    pending: dict[str, list[str]] = {}
    for lang in langs:
        texts[lang.code], problems = localize(guide, lang.code, catalogues.get(lang.code), lenient)
        if problems:
            pending[lang.code] = [p.msgctxt for p in problems]
            for p in problems:
                log.warning("%s: %s (shown in Russian: lenient mode)", p.path, p.describe())
    site_texts, site_pending = site.localize(site.read_source(paths.site_strings), langs, catalogues, lenient)
    for ctx in site_pending:
        log.warning("%s: %s has no current translation (shown in Russian: lenient mode)", paths.site_strings, ctx)
    quiz = quizdata.prepare(paths, guide, texts, catalogues, lenient, langs)
    pages = _hand_written_pages(paths, langs, catalogues, lenient, pending)
    for lang in langs:
        code = lang.code
        titles = {p.slug: texts[code][p.title.id].value for p in guide.pages}
        for page in guide.pages:
            extra = markup.render(quiz.data[code]) if page.slug == "quiz" else ""
            pages[f"{PAGE_FILES[page.slug]}.{code}.md"] = render_page(
                page, texts[code], lang, titles, extra, pending_note=site_texts[code]["pending_note"]
            )
    return Generated(guide, quiz, pages, langs, site_texts, pending)


def _hand_written_pages(
    paths: Paths,
    langs: Languages,
    catalogues: dict[str, catalog.Catalogue],
    lenient: bool,
    pending: dict[str, list[str]],
) -> dict[str, str]:
    """content/pages/<slug>.ru.md as written, and in every other language from its
    pages.po (scripts/i18n/pages.py): file name in the MkDocs input -> Markdown."""
    pages: dict[str, str] = {}
    errors = []
    for slug, source in hand_written.sources(paths.root / "content" / "pages", langs.source.code).items():
        markdown = source.read_text(encoding="utf-8")
        pages[f"{slug}.{langs.source.code}.md"] = markdown
        for lang in langs.translated:
            pages[f"{slug}.{lang.code}.md"], problems = hand_written.render(slug, markdown, catalogues[lang.code])
            errors += [p.as_error() for p in problems]
            if problems:
                pending.setdefault(lang.code, []).extend(p.msgctxt for p in problems)
            for p in problems:
                log.warning("%s: %s (shown in Russian: lenient mode)", p.path, p.describe())
    if errors and not lenient:
        raise BuildErrors(errors) if len(errors) > 1 else errors[0]
    return pages


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
        _run_mkdocs(paths, docs_dir, staging, generated)
        assets.build_assets(paths, staging)  # our JS bundled from web/quiz/, our CSS minified
        postbuild.finish(paths, staging, generated.guide, generated.quiz, generated.languages, generated.site)
        _swap(staging, site_dir)
        # The nginx recipe, beside the site (it names the site's folder): deploy/nginx.conf.
        deploy_nginx.write(site_dir, Settings.from_env(), site_dir.parent / "deploy")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    return Report(pages=written, pending=generated.pending, seconds=time.monotonic() - started)


def _write_docs(paths: Paths, pages: dict[str, str], docs_dir: Path) -> list[Path]:
    """Lay out the MkDocs input in ``docs_dir``: the hand-written assets of docs/ and
    every page of every language (the guide's, and content/pages/ through pages.po)."""
    # Markdown in docs/ is never input (the repo's docs/ holds assets only); an old
    # checkout may still have generated pages lying there.
    shutil.copytree(paths.docs, docs_dir, ignore=shutil.ignore_patterns("*.md"))
    written = []
    for name, markdown in pages.items():
        target = docs_dir / name
        target.write_text(markdown, encoding="utf-8")
        written.append(Path(name))
    return written


def _run_mkdocs(paths: Paths, docs_dir: Path, site_dir: Path, generated: Generated) -> None:
    import yaml
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # mkdocs.yml says how the site looks; its languages and their texts come from
    # the language layer (scripts/i18n/site.py), passed over the file's settings.
    with paths.mkdocs_yml.open(encoding="utf-8") as f:
        raw = yaml.load(f, Loader=get_yaml_loader())  # MkDocs' own loader (its !ENV tag), on our own file
    overrides = site.mkdocs_overrides(raw, generated.languages, generated.site, paths.mkdocs_yml)
    try:
        config = load_config(
            str(paths.mkdocs_yml), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, **overrides
        )
        mkdocs_build(config)
    except (Abort, ConfigurationError) as e:
        raise BuildError(
            paths.mkdocs_yml,
            f"MkDocs build failed: {e}",
            "read the MkDocs warnings above; --strict turns each one into a failure",
        ) from None


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
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="show untranslated or stale segments in Russian with a 'translation pending' note",
    )
    parser.add_argument("--site-dir", type=Path, help="output folder (default: site/)")
    parser.add_argument(
        "--languages",
        type=Path,
        help="languages file (default: content/translations/languages.toml; "
        "a pseudo-locale: python -m scripts.i18n.pseudo)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        report = build(Paths(languages_file=args.languages), lenient=args.lenient, site_dir=args.site_dir)
    except BuildError as e:
        print(f"build failed — {e}\n(the previous site/ is unchanged)", file=sys.stderr)
        return 1
    pending = sum(len(v) for v in report.pending.values())
    print(
        f"built {len(report.pages)} pages in {report.seconds:.1f}s"
        + (f"; {pending} segment(s) pending translation" if pending else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
