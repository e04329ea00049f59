"""The trimmed standard library (scripts/assessment/stdlib.py) still runs the engine in Pyodide.

The site ships only the stdlib modules the engine loads, without docstrings, as
bytecode. Here the engine wheel runs in Pyodide under Node
on exactly that zip, through every call the page makes, and must give the shared
vectors' answers; the keep list must still be what a fresh measurement with the
stock zip finds; and the zip must stay small.
"""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from pathlib import Path

import pytest

from scripts.assessment import runtime, stdlib, stdlib_measure
from scripts.assessment.precompress import gzipped
from scripts.assessment.wheel import build_wheel
from scripts.paths import ROOT

#: The stock zip is 2.5 MB to download; the shipped one, gzipped, measured 0.66 MB
#: with Pyodide 314.0.8 (the source of the 130 files gzips to 0.33 MB, plus the
#: allowance spent on bytecode).
MAX_SHIPPED_BYTES = 350_000 + stdlib.BYTECODE_ALLOWANCE


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def trimmed() -> Path:
    return stdlib.trimmed_stdlib()


@pytest.fixture(scope="module")
def on_trimmed(trimmed: Path, wheel: Path) -> dict:
    return stdlib_measure.run_engine(trimmed, wheel)


def test_trimmed_zip_is_small(trimmed: Path) -> None:
    stock = stdlib.STDLIB_ZIP.stat().st_size
    size = gzipped(trimmed).stat().st_size
    assert size <= MAX_SHIPPED_BYTES, f"trimmed stdlib is {size} bytes gzipped (bound {MAX_SHIPPED_BYTES})"
    assert size < stock / 4
    with zipfile.ZipFile(trimmed) as zf:
        # Stored: the zip is gzipped whole for the site, and read without inflating.
        assert {info.compress_type for info in zf.infolist()} == {zipfile.ZIP_STORED}
        modules = {name.rsplit(".", 1)[0] for name in zf.namelist()}
        # The engine's own imports are in, what it never uses is not, nor what
        # Python has frozen into the runtime (os, site, codecs…), nor the
        # build-time TOML parser (the page hands the engine JSON).
        assert {"json/__init__", "dataclasses", "re/__init__"} <= modules
        assert (
            not {
                "unittest/__init__",
                "pydoc",
                "email/parser",
                "tomllib/__init__",
                "os",
                "site",
                "codecs",
                "importlib/_bootstrap",
            }
            & modules
        )
        # Each module once: as bytecode or as source, never both.
        assert len(modules) == len(zf.namelist())


def test_every_module_python_imports_is_bytecode(trimmed: Path) -> None:
    keep = stdlib.read_keep()
    with zipfile.ZipFile(trimmed) as zf:
        names = set(zf.namelist())
        # Compiling source in wasm was most of Python's start-up: nothing it
        # imports is left to compile (the allowance has room for all of it).
        for module in keep:
            stem = module.replace(".", "/")
            assert {f"{stem}.pyc", f"{stem}/__init__.pyc"} & names, module
        # PEP 552 unchecked-hash bytecode for this Python: zipimport loads it as is.
        data = zf.read(sorted(n for n in names if n.endswith(".pyc"))[0])
        assert data[4:8] == (0b01).to_bytes(4, "little")


def test_engine_answers_the_vectors_on_the_trimmed_stdlib(on_trimmed: dict) -> None:
    vectors = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text(encoding="utf-8"))
    assert on_trimmed["assess"].keys() == {v["name"] for v in vectors}
    for vector in vectors:
        got = dict(on_trimmed["assess"][vector["name"]])
        assert got.pop("error") is None, vector["name"]
        assert got == vector["expected"], vector["name"]
    assert on_trimmed["extra"]["unanswered"] == "answers"


def test_errors_in_stdlib_bytecode_still_make_a_traceback(on_trimmed: dict) -> None:
    tb = on_trimmed["extra"]["traceback"]
    assert tb.startswith("Traceback (most recent call last):")
    assert "re/_parser.py" in tb and "PatternError: missing ), unterminated subpattern" in tb
    # Every frame names a line (its function's def line, for the stdlib's bytecode).
    frames = [line for line in tb.splitlines() if line.startswith("  File ")]
    assert frames and all(re.search(r", line \d+, in ", line) for line in frames), tb


def test_drafter_and_checker_on_the_trimmed_stdlib(on_trimmed: dict) -> None:
    vectors = json.loads((ROOT / "tests" / "quiz" / "draft_vectors.json").read_text(encoding="utf-8"))
    for vector in vectors:
        assert on_trimmed["draft"][vector["name"]] == vector["expected"], vector["name"]
    for call in ("draft-ru", "draft-en", "markdown-ru", "markdown-en", "saved"):
        assert on_trimmed["extra"][call] is True, call


def test_keep_list_is_current(wheel: Path, on_trimmed: dict) -> None:
    measured = set(stdlib_measure.run_engine(stdlib.STDLIB_ZIP, wheel)["modules"])
    keep = set(stdlib.read_keep()) | set(stdlib.ALWAYS)
    assert measured <= keep, (
        f"the engine now loads {sorted(measured - keep)}: run `.venv/bin/python -m scripts.assessment.stdlib_measure`"
    )
    # The trimmed run loaded the same modules, all from the trimmed zip.
    assert set(on_trimmed["modules"]) == measured


def test_the_site_ships_the_trimmed_zip_gzipped(built_site: Path, trimmed: Path) -> None:
    folder = built_site / "assets" / runtime.pyodide_dir()  # versioned: <version>-<hash>/
    shipped = folder / "python_stdlib.zip.gz"
    assert gzip.decompress(shipped.read_bytes()) == trimmed.read_bytes()
    assert not (folder / "python_stdlib.zip").exists()
