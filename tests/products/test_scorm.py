"""The course packages, SCORM 1.2 and SCORM 2004 4th Edition, in every language: an
imsmanifest.xml that validates (xmllint) against the schema files the package itself
ships, one SCO launching the embed view, a package layout by the content-packaging
rules (every referenced file present, nothing referenced outside the package, every
file listed), the privacy statement in the manifest's description in every language,
and the launch page wired to its edition's script; `python -m scripts.products.scorm
--lang <code>` writes each language's."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from posixpath import normpath
from xml.etree import ElementTree as ET

import pytest

from scripts.errors import BuildError
from scripts.paths import ROOT
from scripts.products import scorm
from scripts.products.scorm import EDITIONS, launch_path, make_scorm
from scripts.publish import html
from tests import expect
from tests.alphabets import reads_as
from tests.site import FORM_PAGES, LANGS, SITE, TRANSLATED

XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADDED = {"imsmanifest.xml", "schemas-LICENSE.txt"}  # what the package adds beside the site
PACKAGES = [(edition, lang) for edition in EDITIONS for lang in LANGS]


@pytest.fixture(scope="module", params=PACKAGES, ids=[f"scorm{e}-{lang}" for e, lang in PACKAGES])
def package(request, built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    edition, lang = request.param
    out = make_scorm(built_site, tmp_path_factory.mktemp("scorm") / "package.zip", lang=lang, edition=edition)
    with zipfile.ZipFile(out) as zf:
        yield EDITIONS[edition], lang, zf


def manifest(zf: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(zf.read("imsmanifest.xml"))


def schema_locations(root: ET.Element) -> list[tuple[str, str]]:
    pairs = expect.present(root.get(f"{XSI}schemaLocation"), "xsi:schemaLocation").split()
    return list(zip(pairs[::2], pairs[1::2], strict=True))


def test_manifest_names_its_edition_and_has_one_sco(package):
    ed, lang, zf = package
    root = manifest(zf)
    q = ed.q
    assert root.tag == q("manifest") and root.get("identifier")
    assert root.findtext(f"{q('metadata')}/{q('schema')}") == "ADL SCORM"
    assert root.findtext(f"{q('metadata')}/{q('schemaversion')}") == {"1.2": "1.2", "2004": "2004 4th Edition"}[ed.key]
    files = {name for _, name in schema_locations(root)}
    assert {
        "1.2": {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd"},
        "2004": {"imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd", "imsss_v1p0.xsd"},
    }[ed.key] == files

    organizations = expect.present(root.find(q("organizations")), "<organizations>")
    default = organizations.get("default")
    organization = organizations.find(f"{q('organization')}[@identifier='{default}']")
    assert organization is not None and organization.findtext(q("title"))
    items = organization.findall(q("item"))
    assert len(items) == 1 and items[0].findtext(q("title"))
    if ed.key == "2004":
        # Completion and success are the SCO's to say: the LMS must not mark an
        # attempt completed or passed by itself when it ends.
        controls = items[0].find(f"{q('sequencing', 'imsss')}/{q('deliveryControls', 'imsss')}")
        assert controls is not None
        assert controls.get("completionSetByContent") == controls.get("objectiveSetByContent") == "true"

    resources = root.findall(f"{q('resources')}/{q('resource')}")
    scos = [r for r in resources if r.get(q(ed.scorm_type, "adlcp")) == "sco"]
    assert len(resources) == 1 and len(scos) == 1
    assert scos[0].get("identifier") == items[0].get("identifierref")
    assert scos[0].get("type") == "webcontent"
    assert scos[0].get("href") == launch_path(lang) == SITE.file(lang, "quiz-embed")


def xmllint() -> str:
    found = shutil.which("xmllint")
    assert found, "xmllint is missing: `apt-get install libxml2-utils` (`make test` installs it)"
    return found


def validate(folder: Path, manifest_file: str = "imsmanifest.xml") -> subprocess.CompletedProcess:
    """xmllint the manifest against every schema its xsi:schemaLocation names, as shipped in `folder`."""
    root = ET.parse(folder / manifest_file).getroot()
    imports = "".join(f'<xs:import namespace="{uri}" schemaLocation="{name}"/>' for uri, name in schema_locations(root))
    driver = folder / "_validate.xsd"
    driver.write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>', "utf-8")
    try:
        return subprocess.run(
            [xmllint(), "--noout", "--nonet", "--schema", driver.name, manifest_file],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        driver.unlink()


def unpack_schemas(zf: zipfile.ZipFile, folder: Path) -> None:
    for name in zf.namelist():
        if "/" not in name and (name.endswith((".xsd", ".dtd")) or name == "imsmanifest.xml"):
            (folder / name).write_bytes(zf.read(name))


def test_manifest_validates_against_the_schemas_the_package_ships(package, tmp_path):
    _, _, zf = package
    unpack_schemas(zf, tmp_path)
    run = validate(tmp_path)
    assert run.returncode == 0 and "imsmanifest.xml validates" in run.stderr, run.stderr


def test_the_validation_catches_a_manifest_that_breaks_the_schema(package, tmp_path):
    """The check above is not vacuous: the same schemas refuse a SCO type the standard lacks."""
    ed, _, zf = package
    unpack_schemas(zf, tmp_path)
    text = (tmp_path / "imsmanifest.xml").read_text("utf-8")
    broken = text.replace(f'adlcp:{ed.scorm_type}="sco"', f'adlcp:{ed.scorm_type}="lesson"')
    assert broken != text
    (tmp_path / "broken.xml").write_text(broken, "utf-8")
    run = validate(tmp_path, "broken.xml")
    assert run.returncode != 0 and "lesson" in run.stderr, run.stderr


def test_package_layout_follows_the_content_packaging_rules(package):
    ed, _, zf = package
    root = manifest(zf)
    names = set(zf.namelist())
    listed = [expect.present(f.get("href"), "<file href>") for f in root.iter(ed.q("file"))]
    hrefs = listed + [expect.present(r.get("href"), "<resource href>") for r in root.iter(ed.q("resource"))]
    # Nothing outside the package: relative paths that stay inside it.
    for href in hrefs:
        assert not re.match(r"^[a-z][a-z0-9+.-]*:|^/", href, re.I), href
        assert not normpath(href).startswith(".."), href
    # Every referenced file is present, once.
    assert len(listed) == len(set(listed)) and set(hrefs) <= names
    # Every schema the manifest names, and every schema or DTD those import or include.
    schemas = {name for _, name in schema_locations(root)}
    for name in sorted(n for n in names if n.endswith(".xsd")):
        # The references themselves, not the examples in comments and documentation.
        # (A regular expression: ims_xml.xsd binds the xml namespace as its default,
        # which xmllint accepts and ElementTree refuses.)
        text = re.sub(
            r"<!--.*?-->|<(\w+:)?documentation\b.*?</(\w+:)?documentation>",
            "",
            zf.read(name).decode("utf-8"),
            flags=re.S,
        )
        schemas |= set(re.findall(r'<\w+:(?:import|include|redefine)\b[^>]*?schemaLocation\s*=\s*"([^"]+)"', text))
        schemas |= set(re.findall(r'<!DOCTYPE[^>]*"([^"]+\.dtd)"', text))
    assert schemas <= names, schemas - names
    # Every file is the SCO's, or what the package adds: the manifest, the schemas, their licence.
    added = {n for n in names if "/" not in n and n.endswith((".xsd", ".dtd"))} | ADDED
    assert names - set(listed) == added
    assert sorted(p.name for p in (scorm.SCHEMAS / ed.schemas).iterdir()) == sorted(added - ADDED)
    assert b"MIT License" in zf.read("schemas-LICENSE.txt")


def test_manifest_description_says_what_the_lms_receives_in_both_languages(package):
    ed, lang, zf = package
    root = manifest(zf)
    if ed.key == "1.2":
        strings = root.findall(f".//{ed.q('description', 'imsmd')}/{ed.q('langstring', 'imsmd')}")
        texts = {s.get(XML_LANG): s.text for s in strings}
    else:
        strings = root.findall(f".//{ed.q('description', 'lom')}/{ed.q('string', 'lom')}")
        texts = {s.get("language"): s.text for s in strings}
    # The package's own language first, then every other language of the site.
    assert next(iter(texts)) == lang and set(texts) == set(LANGS)
    for code, text in texts.items():  # each in its own language
        assert text is not None and "LMS" in text and reads_as(expect.present(code, "a language"), text), (code, text)
    ru, en = expect.present(texts["ru"], "ru description"), expect.present(texts["en"], "en description")
    assert "never the answers" in en and "session time" in en
    assert "никогда" in ru and "ответов" in ru


def test_package_holds_what_the_launch_page_loads_and_the_guide(package):
    ed, lang, zf = package
    names = set(zf.namelist())
    launch = zf.read(launch_path(lang)).decode("utf-8")
    up = "../" * launch_path(lang).count("/")
    other = {"scorm12.js", "scorm2004.js"} - {ed.script}
    assert f'src="{up}assets/quiz/{ed.script}"' in launch and other.pop() not in launch
    assert launch.index("embed.js") < launch.index(ed.script) < launch.index("quiz.js")
    for asset in (
        "assets/quiz/quiz.js",
        "assets/quiz/embed.js",
        f"assets/quiz/{ed.script}",
        "assets/quiz/engine-worker.js",
    ):
        assert asset in names
    assert any(n.startswith("assets/") and n.endswith("pyodide.asm.wasm.gz") for n in names)
    assert any(n.startswith("assets/quiz/") and n.endswith(".whl") for n in names)
    # Result links open the package's own guide pages, in every language.
    assert {SITE.file(code, page) for code in LANGS for page in ("recognize", "part-ways")} <= names
    assert not any(n.endswith(".map") or n.startswith("sitemap") for n in names)


def test_package_leaves_out_the_hosted_sites_header_rules(package, built_site):
    """site/_headers is for Netlify and Cloudflare Pages; an LMS would serve it as a file."""
    ed, _, zf = package
    assert (built_site / "_headers").is_file()
    hrefs = {f.get("href") for f in manifest(zf).iter(ed.q("file"))}
    assert not any(name.rsplit("/", 1)[-1] == "_headers" for name in [*zf.namelist(), *hrefs])


def quiz_data(text: str) -> dict:
    page = html.Page(text)
    return json.loads(page.inner(expect.present(page.first("script", id="quiz-data"), "#quiz-data")))


def test_every_engine_page_of_the_package_imports_the_runtime_whatever_its_type(package, built_site):
    """An LMS may label .mjs files with any type: the package's pages (each language's
    quiz page and embed view) have the worker import Pyodide from fetched text, and
    the hosted site's pages keep importing it by URL."""
    _, _, zf = package
    pages = [SITE.file(code, page) for code in LANGS for page in FORM_PAGES]
    for name in pages:
        site_data, package_data = quiz_data((built_site / name).read_text("utf-8")), quiz_data(zf.read(name).decode())
        assert "fetch_modules" not in site_data["runtime"], name
        assert package_data["runtime"].pop("fetch_modules") is True, name
        assert package_data == site_data, name


def test_the_sites_own_embed_pages_load_no_scorm_script(built_site):
    for page in (SITE.file(code, "quiz-embed") for code in LANGS):
        text = (built_site / page).read_text("utf-8")
        assert "embed.js" in text and "scorm12.js" not in text and "scorm2004.js" not in text


def test_make_scorm_writes_both_packages(built_site, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(scorm, "ROOT", tmp_path)
    assert scorm.main(["--site", str(built_site)]) == 0
    written = sorted(p.name for p in (tmp_path / "dist").iterdir())
    assert written == ["parting-kit-scorm12.zip", "parting-kit-scorm2004.zip"]
    assert "SCORM 1.2" in capsys.readouterr().out


@pytest.mark.parametrize("lang", TRANSLATED)
def test_python_dash_m_scorm_lang_writes_that_languages_package(built_site, tmp_path, lang):
    """The command a course author runs for a package in another language (CONTRACT.md's
    `python -m scripts.publish.scorm --lang <code>`)."""
    out = tmp_path / "package.zip"
    command = ["-m", "scripts.publish.scorm", "--site", str(built_site), "--lang", lang, "--edition", "2004"]
    run = subprocess.run(
        [sys.executable, *command, "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert f"launch {SITE.file(lang, 'quiz-embed')}" in run.stdout
    with zipfile.ZipFile(out) as zf:
        root = manifest(zf)
        ed = EDITIONS["2004"]
        assert [r.get("href") for r in root.iter(ed.q("resource"))] == [SITE.file(lang, "quiz-embed")]
        titles = [t.text for t in root.iter(ed.q("title"))]
        launch = zf.read(SITE.file(lang, "quiz-embed")).decode("utf-8")
    assert f'<html lang="{lang}"' in launch
    assert titles and all(titles), titles


@pytest.mark.parametrize("edition", EDITIONS)
def test_packaging_an_unbuilt_site_names_the_fix(tmp_path, edition):
    with pytest.raises(BuildError, match="make build"):
        make_scorm(tmp_path / "site", tmp_path / "out.zip", edition=edition)
    assert not (tmp_path / "out.zip").exists()
