"""`make scorm`: the SCORM 1.2 package dist/parting-kit-scorm12.zip.

One SCO: the self-assessment's embed view (Russian by default, `--lang en` for
English), which reports completion and the score to the LMS through
assets/quiz/scorm12.js - never the answers.

What goes in: the built site as it is, minus source maps and sitemaps. The
embed view needs the engine (Pyodide, the wheel, quiz.js), most of the size
(11.3 MB of 13.0 MB unpacked, 4.7 MB zipped, November 2026); the guide pages
and Material's scripts (~1.3 MB) keep the result's links working inside the
LMS: they open the package's own guide in a new tab, with its search and
language switcher. The package's copies of the embed pages load scorm12.js
after embed.js; the site's own embed pages do not.

The manifest names the SCORM 1.2 schemas (imscp_rootv1p1p2, adlcp_rootv1p2,
imsmd_rootv1p2p1) by file name in xsi:schemaLocation, without shipping them.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .embed import EMBED_DIR, QUIZ_PAGES
from ..errors import BuildError
from ..paths import ROOT

DEFAULT_OUT = ROOT / "dist" / "parting-kit-scorm12.zip"
MANIFEST = "imsmanifest.xml"
SKIP_SUFFIXES = (".map",)
SKIP_NAMES = {"sitemap.xml", "sitemap.xml.gz"}

NS = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
SCHEMA_LOCATION = " ".join((
    NS[""], "imscp_rootv1p1p2.xsd",
    NS["imsmd"], "imsmd_rootv1p2p1.xsd",
    NS["adlcp"], "adlcp_rootv1p2.xsd",
))

_EMBED_SCRIPT = re.compile(r'(<script src="([^"]*)embed\.js" defer></script>)')
_H1 = re.compile(r"<h1>(.*?)</h1>", re.S)


def launch_path(lang: str) -> str:
    """The SCO's launch page inside the package, for `lang`."""
    return (QUIZ_PAGES[lang].parent / EMBED_DIR / "index.html").as_posix()


def make_scorm(site: Path, out_zip: Path, lang: str = "ru") -> Path:
    """Package the built `site` as a SCORM 1.2 zip at `out_zip`; return its path."""
    launch = launch_path(lang)
    if not (site / launch).exists():
        raise BuildError(site / launch, "the embed view is not in the built site",
                         "run `make build` first (scripts/publish/postbuild.py writes the embed pages)")
    files = sorted(p for p in site.rglob("*") if p.is_file() and _packaged(p))
    pages = {launch_path(code): _with_scorm_script(site / launch_path(code)) for code in QUIZ_PAGES}
    title = _title(pages[launch])
    manifest = manifest_xml(title, launch, [p.relative_to(site).as_posix() for p in files])

    out_zip.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a failed run leaves no half a zip.
    with tempfile.NamedTemporaryFile(dir=out_zip.parent, suffix=".zip.part", delete=False) as tmp:
        part = Path(tmp.name)
    try:
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            zf.writestr(MANIFEST, manifest)
            for path in files:
                rel = path.relative_to(site).as_posix()
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
    return not path.name.endswith(SKIP_SUFFIXES) and path.name not in SKIP_NAMES


def _with_scorm_script(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    new, count = _EMBED_SCRIPT.subn(r'\1\n<script src="\2scorm12.js" defer></script>', text, count=1)
    if not count:
        raise BuildError(page, "the embed page does not load embed.js", "check scripts/publish/embed.py")
    return new


def _title(page: str) -> str:
    import html

    match = _H1.search(page)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else "Parting Kit"


def manifest_xml(title: str, launch: str, files: list[str]) -> bytes:
    """imsmanifest.xml: one organization, one item, one SCO listing every file."""
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)

    def q(name: str, ns: str = "") -> str:
        return f"{{{NS[ns]}}}{name}"

    root = ET.Element(q("manifest"), {
        "identifier": "parting-kit-self-assessment",
        "version": "1.0",
        q("schemaLocation", "xsi"): SCHEMA_LOCATION,
    })
    metadata = ET.SubElement(root, q("metadata"))
    ET.SubElement(metadata, q("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, q("schemaversion")).text = "1.2"
    organizations = ET.SubElement(root, q("organizations"), {"default": "parting-kit"})
    organization = ET.SubElement(organizations, q("organization"), {"identifier": "parting-kit"})
    ET.SubElement(organization, q("title")).text = "Parting Kit"
    item = ET.SubElement(organization, q("item"), {
        "identifier": "self-assessment", "identifierref": "self-assessment-sco", "isvisible": "true",
    })
    ET.SubElement(item, q("title")).text = title
    resources = ET.SubElement(root, q("resources"))
    resource = ET.SubElement(resources, q("resource"), {
        "identifier": "self-assessment-sco", "type": "webcontent", q("scormtype", "adlcp"): "sco", "href": launch,
    })
    for name in files:
        ET.SubElement(resource, q("file"), {"href": name})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.publish.scorm", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--lang", choices=sorted(QUIZ_PAGES), default="ru", help="the SCO's language (default: ru)")
    parser.add_argument("--out", type=Path, help="the zip (default: dist/parting-kit-scorm12.zip, "
                                                  "dist/parting-kit-scorm12-en.zip for English)")
    args = parser.parse_args(argv)
    out = args.out or (DEFAULT_OUT if args.lang == "ru" else DEFAULT_OUT.with_name("parting-kit-scorm12-en.zip"))
    try:
        path = make_scorm(args.site, out, args.lang)
    except BuildError as e:
        print(f"scorm failed — {e}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(path) as zf:
        count = len(zf.infolist())
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {count} files, launch {launch_path(args.lang)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
