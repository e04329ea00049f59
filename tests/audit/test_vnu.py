"""The Nu HTML Checker (vnu, the jar of the npm package vnu-jar) on every page we
ship: the built site in every language with its embed pages and 404, the offline
bundle's pages and the SCORM packages' pages. Zero errors in our own markup;
what Material's templates or the checker's own limits cause is listed in
scripts/audit/allowlist.toml, each entry with its reason, and an entry that
matches nothing any more fails too."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scripts.audit import vnu
from scripts.errors import BuildError
from scripts.i18n.sitemap import NOT_FOUND
from tests.site import FORM_PAGES, LANGS, SITE

# Every page of every language (tests/site.py), and the page a server shows for a missing one.
SITE_PAGES = [*(SITE.file(lang, page.id) for lang in LANGS for page in SITE), NOT_FOUND]
# The offline bundle's pages a reader starts from, in every language.
OFFLINE_PAGES = [SITE.file(lang, page) for lang in LANGS for page in ("home", *FORM_PAGES)]


@pytest.fixture(scope="module")
def report(built_site: Path, offline_bundle: Path, scorm_packages: dict[str, Path]) -> vnu.Report:
    return vnu.audit({"site": built_site, "offline": offline_bundle, **scorm_packages})


def test_every_page_we_ship_is_checked(report: vnu.Report, scorm_packages: dict[str, Path]):
    checked = set(report.pages)
    assert {f"site/{p}" for p in SITE_PAGES} <= checked
    assert {f"offline/{p}" for p in OFFLINE_PAGES} <= checked
    for name in scorm_packages:
        assert any(p.startswith(f"{name}/") and p.endswith("embed/index.html") for p in checked), name


def test_no_error_in_our_own_markup(report: vnu.Report):
    assert not report.errors, vnu.explain(report)


def test_every_allowlist_entry_is_still_needed(report: vnu.Report):
    assert not report.unused, (
        "allow-list entries that match no error any more (Material or the checker changed, or we "
        f"fixed it): {[a.label() for a in report.unused]}; fix: remove them from {vnu.ALLOWLIST}"
    )


def test_allowlist_entries_say_where_they_come_from_and_why():
    entries = vnu.load_allowlist()
    assert entries
    for entry in entries:
        assert entry.source in vnu.SOURCES and len(entry.reason) > 40, entry.label()
        if entry.source == "material":
            assert entry.template, entry.label()


def test_the_checker_catches_our_kind_of_mistake_and_the_list_stays_narrow(tmp_path: Path):
    """A page with a mistake the checker found before (a markdown attribute), a
    label pointing nowhere, and two the allow-list must not excuse: autocomplete
    on one of our radios, next to Material's toggle, which it does excuse; an
    image from another host under the page's CSP, next to one of our own assets,
    whose warning it does excuse. (The current checker no longer checks where an
    aria-labelledby points: tests/audit/test_result_label.py holds #quiz-result's.)"""
    (tmp_path / "page.html").write_text(
        textwrap.dedent("""\
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>t</title>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'"></head><body>
        <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
        <div class="pk-quiz" markdown="0"><form><label><input type="radio" name="q" value="a" autocomplete="off"> A</label></form>
        <label for="quiz-nowhere">Result</label>
        <img src="assets/images/favicon.svg" alt=""><img src="https://elsewhere.example/pixel.png" alt=""></div>
        </body></html>
        """),  # noqa: E501 - fixture HTML, one element a line
        encoding="utf-8",
    )
    found = vnu.audit({"canary": tmp_path})
    errors = "\n".join(m.render() for m in found.errors)
    assert "'markdown' not allowed" in errors
    assert "'for' attribute of the 'label' element must be the ID of a non-hidden form control" in errors
    assert 'type="radio"' in errors  # our radio's autocomplete is not excused...
    allowed = [m for ms in found.allowed.values() for m in ms]
    # ...Material's toggle is, by its entry alone; and our own asset's CSP warning.
    assert [m.markup for m in allowed if m.kind == "error"] == [
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    ]
    assert [m.markup for m in allowed if m.kind == "warning"] == ['<img src="assets/images/favicon.svg" alt="">']
    # The other host's image stays a warning.
    assert any("elsewhere.example" in m.text for m in found.warnings), [m.render() for m in found.warnings]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('message = "x"\nmarkup = "y"\nsource = "material"\nreason = "because"', "names no template"),
        ('message = "x"\nmarkup = "y"\nsource = "ours"\nreason = "because"', "source 'ours'"),
        ('message = "x"\nsource = "checker"\nreason = "because"', "lacks markup"),
        ('message = "("\nmarkup = "y"\nsource = "checker"\nreason = "because"', "bad pattern"),
        ('message = "x"\nmarkup = "y"\nsource = "checker"\nreason = "see https://example.org"', "holds a link"),
        ('kind = "info"\nmessage = "x"\nmarkup = "y"\nsource = "checker"\nreason = "because"', "kind 'info'"),
    ],
)
def test_a_bad_allowlist_entry_is_refused_with_its_number(tmp_path: Path, entry: str, problem: str):
    path = tmp_path / "allowlist.toml"
    path.write_text(f"[[allow]]\n{entry}\n", encoding="utf-8")
    with pytest.raises(BuildError, match="entry 1") as error:
        vnu.load_allowlist(path)
    assert problem in str(error.value) and str(path) in str(error.value)
