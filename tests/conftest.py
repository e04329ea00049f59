"""Shared fixtures: the site map (tests/site.py: languages × pages × addresses); one
real build of the site per test session, served on a free loopback port with the
same server `make serve` uses; the offline bundle and the SCORM package made from
it by the product's own code; and Chromium settings for
pytest-playwright that keep the browser quiet on a closed network. Also the
Hypothesis profile the property tests run under, and the check that `make test`
ran every test group the README promises (none silently empty or skipped)."""

from __future__ import annotations

import functools
import os
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from scripts.build import build
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.i18n.sitemap import SiteMap
from scripts.products.bundle import NAME as BUNDLE_NAME
from scripts.products.bundle import make_bundle
from scripts.products.scorm import EDITIONS as SCORM_EDITIONS
from scripts.products.scorm import make_scorm
from scripts.serve import serving
from tests.site import SITE

# `make test` (and so CI) replays the same generated examples every run, so a red
# build means a change broke something, not that a new example turned up; to search
# for new ones: `HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest tests/quiz`
# (and pin what it finds with @example).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def site_map() -> SiteMap:
    """Every page of the site in every language, and where it lives (tests/site.py's SITE)."""
    return SITE


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make build` makes it, built once into a temporary folder."""
    site = tmp_path_factory.mktemp("build") / "site"
    build(site_dir=site)
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def offline_bundle(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle as a reader has it: made by scripts/products/bundle.py from
    the built site, zipped, and unzipped somewhere else; the unpacked folder."""
    archive = make_bundle(built_site, tmp_path_factory.mktemp("dist"))
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)
    return target / BUNDLE_NAME


@pytest.fixture(scope="session")
def scorm_packages(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each SCORM package `make scorm` ships, made by scripts/products/scorm.py and
    unzipped as an LMS does: package name -> its folder."""
    root = tmp_path_factory.mktemp("scorm")
    packages = {}
    # Every edition scripts/products/scorm.py knows: "scorm12", "scorm2004".
    archives = {
        (name := "scorm" + key.replace(".", "")): make_scorm(built_site, root / f"{name}.zip", edition=key)
        for key in SCORM_EDITIONS
    }
    for name, archive in archives.items():
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(root / name)
        packages[name] = root / name
    return packages


# ---- Every promised test group ran ----------------------------------------------------
#
# `make test` sets PARTING_KIT_FULL_SUITE=1. Then a group the README promises that ran
# no test at all (a broken fixture, a bad import path, a collection filter) fails the
# run instead of passing as silence, and so does any skipped test: nothing in this
# suite is optional, a missing tool must fail with the command that installs it.

FULL_SUITE = "PARTING_KIT_FULL_SUITE"
PROMISED_GROUPS = {
    "tests/browser/": "the browser tests (Playwright in Chromium)",
    "tests/test_node_engine.py": "the engine in Pyodide under Node",
    "tests/guide/": "the guide's steps (scripts/guide/: article, corrections, structure, editorial)",
    "tests/i18n/": "the language layer (scripts/i18n/: languages, site map, catalogues)",
    "tests/assessment/": "the quiz page's build (scripts/assessment/: data, markup, wheel, stdlib)",
    "tests/publish/": "finishing the pages (scripts/publish/: HTML, CSP, assets)",
    "tests/products/": "the SCORM packages (scripts/products/)",
    "tests/quiz/": "the engine's unit and property tests",
    "tests/audit/": "the field's auditors (Nu HTML Checker, Lighthouse, CSP Evaluator)",
    "tests/deploy/": "the deploy tests (the site behind a real nginx)",
    "tests/bench/": "the benchmark's budget checks",
}
TESTS = Path(__file__).resolve().parent


@functools.cache
def promised_groups() -> dict[str, str]:
    """The groups above, and any other folder or top-level file of tests/ that holds
    tests (so a group added later cannot be silently empty either)."""
    groups = dict(PROMISED_GROUPS)
    for path in sorted(TESTS.iterdir()):
        if path.is_dir() and any(path.rglob("test_*.py")):
            groups.setdefault(f"tests/{path.name}/", f"the tests in tests/{path.name}/")
        elif path.is_file() and path.name.startswith("test_") and path.suffix == ".py":
            groups.setdefault(f"tests/{path.name}", f"tests/{path.name}")
    return groups


_ran: Counter[str] = Counter()
_skipped: list[str] = []
_problems: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)
    elif report.when == "call":
        for prefix in promised_groups():
            if report.nodeid.startswith(prefix):
                _ran[prefix] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get(FULL_SUITE) != "1":
        return
    _problems.extend(
        f"no test ran in {prefix} ({what}): a promised test group is missing; "
        "run `.venv/bin/python -m pytest " + prefix + "` to see why"
        for prefix, what in promised_groups().items()
        if _ran[prefix] == 0
    )
    _problems.extend(
        f"skipped: {nodeid} (nothing is optional in `make test`; make it fail with what to install instead)"
        for nodeid in _skipped
    )
    if _problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if os.environ.get(FULL_SUITE) != "1":
        return
    terminalreporter.section("promised test groups")
    for prefix, what in promised_groups().items():
        terminalreporter.write_line(f"{prefix}: {_ran[prefix]} ran ({what})")
    for problem in _problems:
        terminalreporter.write_line(f"FAILED {problem}", red=True, bold=True)
