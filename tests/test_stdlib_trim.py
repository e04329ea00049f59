"""The trimmed standard library (scripts/stdlib.py) still runs the engine in Pyodide.

The site ships only the stdlib modules the engine loads, without docstrings. Here
the engine wheel runs in Pyodide under Node on exactly that zip, through every call
the page makes, and must give the shared vectors' answers; the keep list must still
be what a fresh measurement with the stock zip finds; and the zip must stay small.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from scripts import stdlib
from scripts.runtime import build_wheel

ROOT = Path(__file__).resolve().parent.parent

#: The stock zip is 2.5 MB; the trimmed one measured 0.46 MB with Pyodide 314.0.7.
MAX_TRIMMED_BYTES = 600_000


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def trimmed() -> Path:
    return stdlib.trimmed_stdlib()


@pytest.fixture(scope="module")
def on_trimmed(trimmed: Path, wheel: Path) -> dict:
    return stdlib.run_engine(trimmed, wheel)


def test_trimmed_zip_is_small(trimmed: Path) -> None:
    stock = stdlib.STDLIB_ZIP.stat().st_size
    size = trimmed.stat().st_size
    assert size <= MAX_TRIMMED_BYTES, f"trimmed stdlib is {size} bytes (bound {MAX_TRIMMED_BYTES})"
    assert size < stock / 4
    with zipfile.ZipFile(trimmed) as zf:
        names = set(zf.namelist())
        # The engine's own imports are in, what it never uses is not.
        assert {"json/__init__.py", "tomllib/_parser.py", "dataclasses.py"} <= names
        assert not {"unittest/__init__.py", "pydoc.py", "email/parser.py"} & names
        # Docstrings are gone: json's module docstring starts with "JSON".
        assert '"""JSON' not in zf.read("json/__init__.py").decode("utf-8")


def test_engine_answers_the_vectors_on_the_trimmed_stdlib(on_trimmed: dict) -> None:
    vectors = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text(encoding="utf-8"))
    assert on_trimmed["assess"].keys() == {v["name"] for v in vectors}
    for vector in vectors:
        got = dict(on_trimmed["assess"][vector["name"]])
        assert got.pop("error") is None, vector["name"]
        assert got == vector["expected"], vector["name"]
    assert on_trimmed["extra"]["unanswered"] == "answers"


def test_drafter_and_checker_on_the_trimmed_stdlib(on_trimmed: dict) -> None:
    vectors = json.loads((ROOT / "tests" / "quiz" / "draft_vectors.json").read_text(encoding="utf-8"))
    for vector in vectors:
        assert on_trimmed["draft"][vector["name"]] == vector["expected"], vector["name"]
    for call in ("draft-ru", "draft-en", "markdown-ru", "markdown-en"):
        assert on_trimmed["extra"][call] is True, call


def test_keep_list_is_current(wheel: Path, on_trimmed: dict) -> None:
    measured = set(stdlib.run_engine(stdlib.STDLIB_ZIP, wheel)["modules"])
    keep = stdlib.read_keep()
    assert measured <= keep | stdlib.ALWAYS, (
        f"the engine now loads {sorted(measured - keep - stdlib.ALWAYS)}: "
        "run `.venv/bin/python -m scripts.stdlib --measure`"
    )
    # The trimmed run loaded the same modules, all from the trimmed zip.
    assert set(on_trimmed["modules"]) == measured


def test_the_site_ships_the_trimmed_zip(built_site: Path, trimmed: Path) -> None:
    shipped = built_site / "assets" / "pyodide" / "python_stdlib.zip"
    assert shipped.read_bytes() == trimmed.read_bytes()
