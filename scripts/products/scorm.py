"""`make scorm`: the course packages dist/parting-kit-scorm12.zip and dist/parting-kit-scorm2004.zip.

Two editions of the same package, for the LMSs that take one or the other:
SCORM 1.2 (Moodle and most LMSs) and SCORM 2004 4th Edition (corporate
platforms that take only 2004). Each has one SCO: the self-assessment's embed
view (in the source language by default, `--lang <code>` for another), which reports completion,
the score and the session time to the LMS through assets/quiz/scorm12.js or
scorm2004.js - never the answers, interactions or suspend data. The manifest's
description says so, in every language (the [ui] string `course_privacy`, read
from the built quiz pages), and so does the launch page's note to the learner
(`course_lms_shares`, in place of the iframe view's note on the verdict and score).

What goes in: the built site as it is, minus source maps, sitemaps and the
precompressed transfer copies (scripts/publish/precompressed.py). The
embed view needs the engine (Pyodide, the wheel, quiz.js), most of the size
(11.3 MB of 13.0 MB unpacked, 4.7 MB zipped, November 2026); the guide pages
and Material's scripts (~1.3 MB) keep the result's links working inside the
LMS: they open the package's own guide in a new tab, with its search and
language switcher. The package's copies of the embed pages load the edition's
script right after embed.js; the site's own embed pages load neither.

An LMS serves the unpacked package from its own file server, whose table of
types may label .mjs (or .wasm, .gz, .json, .whl, .zip) application/octet-stream:
the package's pages that run the engine set #quiz-data's runtime.fetch_modules,
so the engine worker imports Pyodide's modules from their fetched text
(web/quiz/lib/worker-modules.js), and every other runtime file is fetched and
read whatever its type. The hosted site's header rules (_headers) stay out.

The manifest and the schema files it names (shipped at the package root, their
licence as schemas-LICENSE.txt) are manifest.py's.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zipfile
from html import escape
from pathlib import Path

from ..errors import BuildError
from ..i18n import sitemap
from ..paths import ROOT, Paths
from ..publish import html
from ..publish.precompressed import is_copy
from .manifest import EDITIONS, SCHEMAS, Edition, manifest_xml, schema_files

#: The site's languages and pages (scripts/i18n/sitemap.py): each language's quiz
#: page and its embed view, the SCO's launch page.
SITE = sitemap.load(Paths())
#: The package's default language, the site's source language.
SOURCE = SITE.source.code

MANIFEST = "imsmanifest.xml"
SKIP_SUFFIXES = (".map",)
# Sitemaps are for crawlers; _headers is the hosted site's header rules for Netlify
# and Cloudflare Pages (scripts/deploy/headers.py), which no LMS reads.
SKIP_NAMES = {"sitemap.xml", "sitemap.xml.gz", "_headers"}
SCHEMA_LICENCE = "schemas-LICENSE.txt"
# The [ui] string for the manifest's description, read from each built quiz page.
DESCRIPTION_KEY = "course_privacy"
# The [ui] string for the launch page's note on what the LMS receives.
LMS_NOTE_KEY = "course_lms_shares"


def out_path(edition: Edition, lang: str) -> Path:
    """Where `make scorm` writes the package of ``edition`` in ``lang``, under dist/."""
    name = edition.zip_name if lang == SOURCE else edition.zip_name.replace(".zip", f"-{lang}.zip")
    return ROOT / "dist" / name


def launch_path(lang: str) -> str:
    """The SCO's launch page inside the package, for `lang`."""
    return SITE.file(lang, sitemap.EMBED_VIEW)


def make_scorm(site: Path, out_zip: Path, lang: str = SOURCE, edition: str = "1.2") -> Path:
    """Package the built `site` as a SCORM `edition` ("1.2" or "2004") zip at `out_zip`."""
    ed = EDITIONS[edition]
    launch = launch_path(lang)
    if not (site / launch).exists():
        raise BuildError(
            site / launch,
            "the embed view is not in the built site",
            "run `make build` first (scripts/publish/postbuild.py writes the embed pages)",
        )
    files = sorted(p for p in site.rglob("*") if p.is_file() and _packaged(p))
    # Every page that runs the engine, each language's quiz page and its embed view
    # (the launch page), set for any file server; the launch pages get the edition's script.
    quiz_pages = {code: SITE.file(code, "quiz") for code in SITE.codes}
    pages = {rel: _for_any_server(site / rel) for rel in quiz_pages.values()}
    pages.update({launch_path(code): _launch_page(site / launch_path(code), ed.script) for code in SITE.codes})
    if not (site / "assets" / "quiz" / ed.script).is_file():
        raise BuildError(
            site / "assets" / "quiz" / ed.script,
            f"the SCORM {ed.key} script is not in the built site",
            "check the JavaScript build (web/quiz/) and run `make build`",
        )
    descriptions = {code: _description(site / rel) for code, rel in quiz_pages.items()}
    title = _title(pages[launch])
    schemas = schema_files(ed)
    names = [p.relative_to(site).as_posix() for p in files]
    clash = sorted(({s.name for s in schemas} | {MANIFEST, SCHEMA_LICENCE}) & set(names))
    if clash:
        raise BuildError(
            site / clash[0],
            "a site file has the name of a file the package adds at its root",
            "rename it: the package root holds imsmanifest.xml, the schemas and their licence",
        )
    manifest = manifest_xml(title, launch, names, lang, descriptions, edition)

    out_zip.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a failed run leaves no half a zip.
    with tempfile.NamedTemporaryFile(dir=out_zip.parent, suffix=".zip.part", delete=False) as tmp:
        part = Path(tmp.name)
    try:
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            zf.writestr(MANIFEST, manifest)
            for schema in schemas:
                zf.write(schema, schema.name)
            zf.write(SCHEMAS / "LICENSE", SCHEMA_LICENCE)
            for path, rel in zip(files, names, strict=True):
                if rel in pages:
                    zf.writestr(rel, pages[rel])
                else:
                    zf.write(path, rel)
        part.chmod(0o644)  # tempfile makes it private; the package is for sharing
        part.replace(out_zip)
    finally:
        part.unlink(missing_ok=True)
    return out_zip


def _packaged(path: Path) -> bool:
    # The .gz/.br transfer copies are for hosts that serve them with a Content-Encoding;
    # an LMS serves the package's files as they are.
    return not path.name.endswith(SKIP_SUFFIXES) and path.name not in SKIP_NAMES and not is_copy(path)


def _launch_page(page: Path, script: str) -> str:
    """The package's copy of an embed page: its edition's script, the LMS's note, any file server."""
    return _for_any_server(page, _with_lms_note(page, _with_scorm_script(page, script)))


def _with_lms_note(page: Path, text: str) -> str:
    """The page with the note on what the course receives saying what the LMS receives.

    The embed view's note (#pk-embed-shares) speaks of the iframe's messages (the
    verdict and the score); a SCORM package reports completion, the score and the
    session time instead: the [ui] string LMS_NOTE_KEY of the page's own #quiz-data.
    """
    doc = html.Page(text)
    note = doc.first("p", id="pk-embed-shares")
    if note is None or note.end is None:
        raise BuildError(page, "the embed page has no #pk-embed-shares note", "check scripts/publish/embed.py")
    words = _ui_text(page, doc, LMS_NOTE_KEY)
    return doc.edit().replace(note.inner, escape(words, quote=False)).apply()


def _with_scorm_script(page: Path, script: str) -> str:
    doc = html.Page(page.read_text(encoding="utf-8"))
    embed = doc.first("script", src=lambda src: src.endswith("embed.js"))
    if embed is None or embed.end is None:
        raise BuildError(page, "the embed page does not load embed.js", "check scripts/publish/embed.py")
    # Same loading as embed.js (its own tag, copied), right after it.
    copy = html.start_tag("script", {**embed.attrs, "src": (embed.get("src") or "")[: -len("embed.js")] + script})
    return doc.edit().insert(embed.outer[1], "\n" + copy + doc.markup(embed.inner) + "</script>").apply()


def _for_any_server(page: Path, text: str | None = None) -> str:
    """The page (``text``, or the file's) with its engine set to work on any file server.

    An LMS serves the unpacked package with its own table of types, which may give
    .mjs files no JavaScript type: #quiz-data's runtime.fetch_modules has the engine
    worker import Pyodide's modules from their fetched text (web/quiz/lib/worker-modules.js).
    """
    doc = html.Page(text if text is not None else page.read_text(encoding="utf-8"))
    block = doc.first("script", id="quiz-data", type="application/json")
    try:
        data = json.loads(doc.inner(block)) if block else None
        runtime = data["runtime"] if isinstance(data, dict) else None
    except (ValueError, KeyError):
        runtime = None
    if block is None or not isinstance(runtime, dict) or not isinstance(data, dict):
        raise BuildError(page, "no #quiz-data with the engine's runtime on the page", "run `make build` again")
    runtime["fetch_modules"] = True
    # Serialised as the quiz page's #quiz-data (scripts/templates.py): "</" cannot end the script early.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return doc.edit().replace(block.inner, payload).apply()


def _title(page: str) -> str:
    doc = html.Page(page)
    h1 = doc.first("h1")
    return doc.text_of(h1).strip() if h1 else "Parting Kit"


def _description(quiz_page: Path) -> str:
    """The privacy statement for the manifest, in the page's language."""
    doc = html.Page(quiz_page.read_text(encoding="utf-8")) if quiz_page.is_file() else None
    return _ui_text(quiz_page, doc, DESCRIPTION_KEY)


def _ui_text(page: Path, doc: html.Page | None, key: str) -> str:
    """The [ui] string ``key`` from the page's #quiz-data, in the page's language."""
    data = doc.first("script", id="quiz-data", type="application/json") if doc else None
    try:
        text = json.loads(doc.inner(data))["definition"]["ui"][key] if doc and data else None
    except (ValueError, KeyError, TypeError):
        text = None
    if not isinstance(text, str) or not text.strip():
        raise BuildError(
            page,
            f"no [ui] {key} in the page's #quiz-data",
            f"add {key} under [ui] in quiz/definition.toml (and its translation in each "
            f"language's content/translations/<lang>/quiz.po), then `make build`",
        )
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.publish.scorm", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument(
        "--lang", choices=SITE.codes, default=SOURCE, help=f"the SCO's language (default: {SOURCE}, the source's)"
    )
    parser.add_argument(
        "--edition", choices=[*EDITIONS, "all"], default="all", help="SCORM 1.2, 2004 (4th Edition) or both (default)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="the zip, for one edition (default: dist/parting-kit-scorm12.zip, "
        "dist/parting-kit-scorm2004.zip; -<lang> before .zip for another language than the source)",
    )
    args = parser.parse_args(argv)
    editions = list(EDITIONS) if args.edition == "all" else [args.edition]
    if args.out and len(editions) > 1:
        parser.error("--out names one zip: add --edition 1.2 or --edition 2004")
    for key in editions:
        out = args.out or out_path(EDITIONS[key], args.lang)
        try:
            path = make_scorm(args.site, out, args.lang, key)
        except BuildError as e:
            print(f"scorm failed — {e}", file=sys.stderr)
            return 1
        with zipfile.ZipFile(path) as zf:
            count = len(zf.infolist())
        print(
            f"wrote {path} (SCORM {key}, {path.stat().st_size / 1e6:.1f} MB, {count} files, "
            f"launch {launch_path(args.lang)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
