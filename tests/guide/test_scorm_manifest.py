"""The SCORM 1.2 package: a well-formed imsmanifest.xml with the SCORM 1.2 schema
names, one SCO launching the embed view, every listed file in the zip (and every
file of the zip listed), and the package's launch page wired to scorm12.js."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from scripts.errors import BuildError
from scripts.publish.scorm import launch_path, make_scorm

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


@pytest.fixture(scope="module", params=["ru", "en"])
def package(request, built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, zipfile.ZipFile]:
    out = make_scorm(built_site, tmp_path_factory.mktemp("scorm") / "package.zip", lang=request.param)
    with zipfile.ZipFile(out) as zf:
        yield request.param, zf


def manifest(zf: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(zf.read("imsmanifest.xml"))


def test_manifest_is_scorm_1_2_with_one_sco(package):
    lang, zf = package
    root = manifest(zf)
    assert root.tag == f"{CP}manifest" and root.get("identifier")
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    locations = root.get(f"{XSI}schemaLocation").split()
    assert {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd"} <= set(locations[1::2])

    organizations = root.find(f"{CP}organizations")
    default = organizations.get("default")
    organization = organizations.find(f"{CP}organization[@identifier='{default}']")
    assert organization is not None and organization.findtext(f"{CP}title")
    items = organization.findall(f"{CP}item")
    assert len(items) == 1 and items[0].findtext(f"{CP}title")

    resources = root.findall(f"{CP}resources/{CP}resource")
    scos = [r for r in resources if r.get(f"{ADLCP}scormtype") == "sco"]
    assert len(scos) == 1 and scos[0].get("identifier") == items[0].get("identifierref")
    assert scos[0].get("type") == "webcontent"
    assert scos[0].get("href") == launch_path(lang) == ("quiz/embed/index.html" if lang == "ru" else "en/quiz/embed/index.html")


def test_every_listed_file_is_in_the_zip_and_every_file_is_listed(package):
    _, zf = package
    root = manifest(zf)
    names = set(zf.namelist())
    listed = [f.get("href") for f in root.iter(f"{CP}file")]
    assert len(listed) == len(set(listed))
    assert set(listed) <= names
    assert names - set(listed) == {"imsmanifest.xml"}
    sco = root.find(f"{CP}resources/{CP}resource")
    assert sco.get("href") in listed


def test_package_holds_what_the_launch_page_loads_and_the_guide(package):
    lang, zf = package
    names = set(zf.namelist())
    launch = zf.read(launch_path(lang)).decode("utf-8")
    up = "../" * launch_path(lang).count("/")
    assert f'<script src="{up}assets/quiz/scorm12.js" defer></script>' in launch
    assert launch.index("embed.js") < launch.index("scorm12.js") < launch.index("quiz.js")
    for asset in ("assets/quiz/quiz.js", "assets/quiz/embed.js", "assets/quiz/scorm12.js",
                  "assets/quiz/engine-worker.js"):
        assert asset in names
    assert any(n.startswith("assets/pyodide/") and n.endswith("/pyodide.asm.wasm.gz") for n in names)
    assert any(n.startswith("assets/quiz/") and n.endswith(".whl") for n in names)
    # Result links open the package's own guide pages.
    assert {"recognize/index.html", "part-ways/index.html", "en/recognize/index.html"} <= names
    assert not any(n.endswith(".map") or n.startswith("sitemap") for n in names)


def test_the_sites_own_embed_page_does_not_load_scorm12(built_site):
    page = (built_site / "quiz" / "embed" / "index.html").read_text("utf-8")
    assert "embed.js" in page and "scorm12.js" not in page


def test_packaging_an_unbuilt_site_names_the_fix(tmp_path):
    with pytest.raises(BuildError, match="make build"):
        make_scorm(tmp_path / "site", tmp_path / "out.zip")
    assert not (tmp_path / "out.zip").exists()
