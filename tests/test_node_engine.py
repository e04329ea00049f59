"""Run the Node tests (tests/node, `node --test`) as part of `make test`.

engine.test.mjs replays the engine's vectors inside Pyodide, the interpreter the
reader's browser runs; lms.test.mjs checks the session time the SCORM packages
report against scorm-again. Here the engine comes the way the site ships it, the
wheel from scripts.assessment.wheel.build_wheel, with the full CPython result of
every vector, which the Pyodide result must equal field for field.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from quiz.session import Session
from scripts.assessment.phrases import phrases_by_language
from scripts.assessment.wheel import build_wheel
from scripts.paths import ROOT

NODE_TESTS = ROOT / "tests" / "node"


def test_engine_in_pyodide(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js (the Pyodide tests need it)")
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm").is_file():
        pytest.fail("node_modules/pyodide is missing: run `npm ci` (or `make setup`)")

    wheel = build_wheel(tmp_path / "wheel")
    definition = tomllib.loads((ROOT / "quiz" / "definition.toml").read_text(encoding="utf-8"))
    vectors = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text(encoding="utf-8"))
    session = Session(definition)
    expected = {v["name"]: session.assess(v["answers"]) for v in vectors}
    results = tmp_path / "cpython-results.json"
    results.write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")

    # The drafter's phrases as the quiz pages carry them (translated by the build, with polib).
    phrases = tmp_path / "draft-phrases.json"
    phrases.write_text(json.dumps(phrases_by_language(), ensure_ascii=False), encoding="utf-8")

    env = dict(os.environ, PK_QUIZ_WHEEL=str(wheel), PK_CPYTHON_RESULTS=str(results), PK_DRAFT_PHRASES=str(phrases))
    done = subprocess.run(
        [node, "--test", "--test-reporter=spec", str(NODE_TESTS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        pytest.fail(
            f"`node --test tests/node` failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False
        )
    # A green exit is not enough: node's own summary must show tests that ran,
    # and none skipped or left as todo (a skipped group passes silently).
    summary = dict(re.findall(r"^\S* ?(tests|pass|fail|skipped|todo) (\d+)$", done.stdout, re.M))
    assert set(summary) >= {"tests", "pass", "skipped", "todo"}, f"no summary in node's output:\n{done.stdout}"
    assert int(summary["tests"]) > 0 and int(summary["pass"]) == int(summary["tests"]), done.stdout
    assert summary["skipped"] == summary["todo"] == "0", f"node skipped tests:\n{done.stdout}"
