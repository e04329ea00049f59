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

Each manifest names its edition's schemas in xsi:schemaLocation by file name,
and the package ships those files at its root (scorm_schemas/, with their
licence as schemas-LICENSE.txt), so strict package checkers find them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import BuildError
from ..i18n import sitemap
from ..paths import ROOT, Paths
from ..publish import html
from ..publish.precompressed import is_copy

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
SCHEMAS = Path(__file__).with_name("scorm_schemas")
SCHEMA_LICENCE = "schemas-LICENSE.txt"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# The [ui] string for the manifest's description, read from each built quiz page.
DESCRIPTION_KEY = "course_privacy"
# The [ui] string for the launch page's note on what the LMS receives.
LMS_NOTE_KEY = "course_lms_shares"


@dataclass(frozen=True)
class Edition:
    """What differs between the SCORM 1.2 and 2004 packages."""

    key: str  # "1.2" | "2004", as on the command line
    zip_name: str  # under dist/; "-<lang>" before ".zip" for an SCO in another language than the source
    script: str  # assets/quiz/<script>: the LMS reporting for this edition
    schemas: str  # folder under scorm_schemas/, copied to the package root
    schemaversion: str  # <metadata><schemaversion>
    namespaces: dict[str, str]  # prefix -> URI ("" is the manifest's own)
    schema_location: tuple[tuple[str, str], ...]  # (namespace URI, schema file)
    scorm_type: str  # the adlcp attribute naming a resource a SCO

    def out(self, lang: str) -> Path:
        name = self.zip_name if lang == SOURCE else self.zip_name.replace(".zip", f"-{lang}.zip")
        return ROOT / "dist" / name

    def q(self, name: str, prefix: str = "") -> str:
        return f"{{{self.namespaces[prefix]}}}{name}"


SCORM12 = Edition(
    key="1.2",
    zip_name="parting-kit-scorm12.zip",
    script="scorm12.js",
    schemas="scorm12",
    schemaversion="1.2",
    namespaces={
        "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
        "xsi": XSI,
    },
    schema_location=(
        ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
        ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
    ),
    scorm_type="scormtype",
)
SCORM2004 = Edition(
    key="2004",
    zip_name="parting-kit-scorm2004.zip",
    script="scorm2004.js",
    schemas="scorm2004",
    schemaversion="2004 4th Edition",
    namespaces={
        "": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
        # Inline IEEE LOM metadata; the CP schema processes it laxly.
        "lom": "http://ltsc.ieee.org/xsd/LOM",
        "xsi": XSI,
    },
    # The set ADL's 4th Edition packages name; the package uses CP and ADL CP only.
    schema_location=(
        ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
        ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
    ),
    scorm_type="scormType",
)
EDITIONS = {e.key: e for e in (SCORM12, SCORM2004)}


def launch_path(lang: str) -> str:
    """The SCO's launch page inside the package, for `lang`."""
    return SITE.file(lang, sitemap.EMBED_VIEW)


def schema_files(edition: Edition) -> list[Path]:
    """The schema files the package ships at its root for `edition`."""
    folder = SCHEMAS / edition.schemas
    files = sorted(p for p in folder.iterdir() if p.is_file())
    missing = [name for _, name in edition.schema_location if not (folder / name).is_file()]
    if missing:
        raise BuildError(
            folder / missing[0],
            "a schema the manifest names is missing",
            "restore scripts/products/scorm_schemas/ from git (see its README.md)",
        )
    return files


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


def manifest_xml(
    title: str,
    launch: str,
    files: list[str],
    lang: str = SOURCE,
    descriptions: dict[str, str] | None = None,
    edition: str = "1.2",
) -> bytes:
    """imsmanifest.xml: one organization, one item, one SCO listing every file."""
    ed = EDITIONS[edition]
    for prefix, uri in ed.namespaces.items():
        ET.register_namespace(prefix, uri)
    q = ed.q
    root = ET.Element(
        q("manifest"),
        {
            "identifier": "parting-kit-self-assessment" + ("" if ed is SCORM12 else "-2004"),
            "version": "1.0",
            q("schemaLocation", "xsi"): " ".join(f"{uri} {name}" for uri, name in ed.schema_location),
        },
    )
    metadata = ET.SubElement(root, q("metadata"))
    ET.SubElement(metadata, q("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, q("schemaversion")).text = ed.schemaversion
    if descriptions:
        _metadata(metadata, ed, title, lang, descriptions)
    organizations = ET.SubElement(root, q("organizations"), {"default": "parting-kit"})
    organization = ET.SubElement(organizations, q("organization"), {"identifier": "parting-kit"})
    ET.SubElement(organization, q("title")).text = "Parting Kit"
    item = ET.SubElement(
        organization,
        q("item"),
        {
            "identifier": "self-assessment",
            "identifierref": "self-assessment-sco",
            "isvisible": "true",
        },
    )
    ET.SubElement(item, q("title")).text = title
    if ed is SCORM2004:
        # The SCO's own reports decide: without these, an LMS ending the attempt
        # would mark a result it never received "completed" and the objective
        # "satisfied" (passed), though a self-assessment has no pass mark.
        sequencing = ET.SubElement(item, q("sequencing", "imsss"))
        ET.SubElement(
            sequencing,
            q("deliveryControls", "imsss"),
            {"completionSetByContent": "true", "objectiveSetByContent": "true"},
        )
    resources = ET.SubElement(root, q("resources"))
    resource = ET.SubElement(
        resources,
        q("resource"),
        {
            "identifier": "self-assessment-sco",
            "type": "webcontent",
            q(ed.scorm_type, "adlcp"): "sco",
            "href": launch,
        },
    )
    for name in files:
        ET.SubElement(resource, q("file"), {"href": name})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _metadata(metadata: ET.Element, ed: Edition, title: str, lang: str, descriptions: dict[str, str]) -> None:
    """Title and description (the privacy statement), the SCO's language first.

    SCORM 1.2 carries IMS Metadata 1.2.1 (`langstring xml:lang`), 2004 IEEE LOM
    (`string language`): each the metadata its edition's packages use.
    """
    order = [lang] + [code for code in descriptions if code != lang]
    if ed is SCORM12:
        lom = ET.SubElement(metadata, ed.q("lom", "imsmd"))
        general = ET.SubElement(lom, ed.q("general", "imsmd"))
        ET.SubElement(
            ET.SubElement(general, ed.q("title", "imsmd")), ed.q("langstring", "imsmd"), {XML_LANG: lang}
        ).text = title
        description = ET.SubElement(general, ed.q("description", "imsmd"))
        for code in order:
            ET.SubElement(description, ed.q("langstring", "imsmd"), {XML_LANG: code}).text = descriptions[code]
    else:
        lom = ET.SubElement(metadata, ed.q("lom", "lom"))
        general = ET.SubElement(lom, ed.q("general", "lom"))
        ET.SubElement(
            ET.SubElement(general, ed.q("title", "lom")), ed.q("string", "lom"), {"language": lang}
        ).text = title
        description = ET.SubElement(general, ed.q("description", "lom"))
        for code in order:
            ET.SubElement(description, ed.q("string", "lom"), {"language": code}).text = descriptions[code]


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
        out = args.out or EDITIONS[key].out(args.lang)
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
