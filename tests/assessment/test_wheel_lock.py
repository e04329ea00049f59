"""The site's own pyodide-lock.json (issue 13 §5): the build registers the engine
wheel in it with pyodide-build's `pyodide lockfile add-wheels`, beside the wheel in
its versioned folder, on the installed Pyodide's lock info; the offline bundle
carries the same lock. The worker's side (a wheel that differs is refused) is
tests/browser/test_engine_lock.py."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from scripts.assessment import wheel as engine_wheel
from scripts.paths import ROOT
from scripts.products.bundle import OFFLINE_DIR


def built_lock(site: Path) -> tuple[Path, dict]:
    wheel = site / "assets" / engine_wheel.wheel_path()
    lock = wheel.parent / engine_wheel.LOCK_NAME
    assert wheel.is_file() and lock.is_file(), f"expected {wheel.name} and {lock.name} in {wheel.parent}"
    return wheel, json.loads(lock.read_text(encoding="utf-8"))


def test_the_built_lock_lists_the_wheel_with_its_sha256(built_site: Path) -> None:
    wheel, lock = built_lock(built_site)
    # Only the engine: the site ships none of Pyodide's own packages.
    assert list(lock["packages"]) == ["parting-kit-quiz"]
    entry = lock["packages"]["parting-kit-quiz"]
    assert entry["file_name"] == wheel.name == engine_wheel.WHEEL_NAME  # relative: beside the lock
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["quiz"] and entry["depends"] == [] and entry["version"] == "0.1.0"


def test_the_built_lock_carries_the_installed_pyodides_info(built_site: Path) -> None:
    # Pyodide refuses a lock file whose ABI or Python differs from its runtime's.
    _, lock = built_lock(built_site)
    installed = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["info"] == installed["info"]


def test_the_lock_is_versioned_with_the_wheel(built_site: Path) -> None:
    # In the engine's folder (renamed when the engine or Pyodide's lock info changes),
    # never in Pyodide's: a cached copy cannot outlive its wheel.
    wheel, _ = built_lock(built_site)
    assert wheel.parent.name.startswith("engine-")
    assert not list((built_site / "assets" / "pyodide").rglob(engine_wheel.LOCK_NAME))


def test_pyodide_build_itself_writes_the_same_lock(built_site: Path, tmp_path: Path) -> None:
    # The real command from .venv-pyodide (no cache), as on a clean clone.
    wheel, lock = built_lock(built_site)
    copy = Path(shutil.copy2(wheel, tmp_path / wheel.name))
    written = engine_wheel.lock_wheel(copy, cache_dir=None)
    assert written == tmp_path / engine_wheel.LOCK_NAME
    assert json.loads(written.read_text(encoding="utf-8")) == lock


def test_without_the_tool_venv_the_error_says_make_setup(built_site: Path, tmp_path: Path) -> None:
    wheel, _ = built_lock(built_site)
    copy = Path(shutil.copy2(wheel, tmp_path / wheel.name))
    with pytest.raises(FileNotFoundError, match=r"make setup.*Python >= 3\.12"):
        engine_wheel.lock_wheel(copy, cli=tmp_path / "no-such-venv" / "bin" / "pyodide", cache_dir=None)


def test_the_offline_bundle_embeds_the_same_lock(built_site: Path, offline_bundle: Path) -> None:
    _, lock = built_lock(built_site)
    script = (offline_bundle / OFFLINE_DIR / "offline-runtime.js").read_text(encoding="utf-8")
    payload = json.loads(script[script.index("{") : script.rindex("}") + 1])
    embedded = payload["files"][engine_wheel.LOCK_NAME]
    data = base64.b64decode(embedded["data"])
    assert json.loads(gzip.decompress(data) if embedded["gzip"] else data) == lock
    # Embedded once: no loose copy in the bundle.
    assert not list(offline_bundle.rglob(engine_wheel.LOCK_NAME))
