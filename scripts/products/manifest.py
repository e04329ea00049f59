"""The SCORM packages' manifests: what differs between the two editions (``Edition``:
SCORM 1.2 and SCORM 2004 4th Edition), ``imsmanifest.xml`` for one package, and the
schema files it names.

Each manifest names its edition's schemas in xsi:schemaLocation by file name, and
the package ships those files at its root (scorm_schemas/, with their licence), so
strict package checkers find them. scorm.py makes the packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import BuildError

SCHEMAS = Path(__file__).with_name("scorm_schemas")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class Edition:
    """What differs between the SCORM 1.2 and 2004 packages."""

    key: str  # "1.2" | "2004", as on the command line
    zip_name: str  # under dist/ (scorm.out_path); "-<lang>" before ".zip" for another language than the source
    script: str  # assets/quiz/<script>: the LMS reporting for this edition
    schemas: str  # folder under scorm_schemas/, copied to the package root
    schemaversion: str  # <metadata><schemaversion>
    namespaces: dict[str, str]  # prefix -> URI ("" is the manifest's own)
    schema_location: tuple[tuple[str, str], ...]  # (namespace URI, schema file)
    scorm_type: str  # the adlcp attribute naming a resource a SCO

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


def manifest_xml(
    title: str,
    launch: str,
    files: list[str],
    lang: str,
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
