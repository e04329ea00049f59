"""The tool that measures what the trimmed standard library keeps (stdlib.py's keep list).

``python -m scripts.assessment.stdlib_measure`` builds the engine wheel, runs the
engine in Pyodide under Node as ``web/quiz/engine-worker.js`` sets it up (the
engine wheel on ``sys.path``, Pyodide's own bootstrap included) through every
request the page makes (pyodide_programs/exercise.py, on the shared test vectors),
and rewrites ``stdlib_keep.txt`` with the modules read from the stock zip, in the
order Python first imports them. Rerun it after an engine or Pyodide upgrade;
``tests/assessment/test_stdlib.py`` (which runs the same program on the trimmed zip)
fails when the list has gone stale. ``--out FILE`` writes the trimmed zip and says
what is in it.

A tool, not a build step: the build only reads the keep list (stdlib.py), never
the vectors under tests/.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from ..paths import ROOT
from .phrases import phrases_by_language
from .pyodide_node import PROGRAMS, PYODIDE_DIR, node
from .stdlib import KEEP_FILE, STDLIB_ZIP, read_keep, trim_stdlib
from .wheel import build_wheel

# Sets Pyodide up the way engine-worker.js does (stdlib zip, the engine wheel on
# sys.path), then runs EXERCISE and prints its JSON answer on stdout.
_NODE_SCRIPT = PROGRAMS / "run_engine.mjs"

# Every call the page makes, through json as the worker passes arguments. Returns
# JSON: the results (to compare with the shared vectors) and the stdlib modules loaded.
EXERCISE = PROGRAMS / "exercise.py"


def run_engine(stdlib_zip: Path, wheel: Path, *, timeout: float = 300) -> dict:
    """Run EXERCISE in Pyodide under Node with ``stdlib_zip`` and the engine ``wheel``.

    Returns the parsed JSON answer: ``assess`` and ``draft`` results keyed by the
    vector names of tests/quiz/vectors.json and draft_vectors.json, ``extra`` checks
    and ``modules`` (the standard-library modules loaded from the zip).

    Raises:
        RuntimeError: node is missing, or Pyodide or the engine failed (stderr quoted).
    """
    vectors_dir = ROOT / "tests" / "quiz"
    quiz_dir = ROOT / "quiz"
    phrases = phrases_by_language()  # as the quiz pages carry them (translated at build time)
    data = {
        "definition": tomllib.loads((quiz_dir / "definition.toml").read_text(encoding="utf-8")),
        "phrases": phrases,
        "vectors": json.loads((vectors_dir / "vectors.json").read_text(encoding="utf-8")),
        "draft_vectors": json.loads((vectors_dir / "draft_vectors.json").read_text(encoding="utf-8")),
    }
    with tempfile.TemporaryDirectory(prefix="pk-stdlib-") as scratch:
        work = Path(scratch)
        shutil.copyfile(_NODE_SCRIPT, work / "run.mjs")
        (work / "input.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        shutil.copyfile(EXERCISE, work / "input.json.py")
        done = subprocess.run(
            [
                node(),
                str(work / "run.mjs"),
                (PYODIDE_DIR / "pyodide.mjs").as_uri(),
                str(Path(stdlib_zip).resolve()),
                str(Path(wheel).resolve()),
                str(work / "input.json"),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    if done.returncode != 0:
        raise RuntimeError(
            f"The engine failed in Pyodide under Node with stdlib '{stdlib_zip}' "
            f"(exit {done.returncode}):\n{done.stderr[-4000:]}"
        )
    return json.loads(done.stdout)


def measure() -> list[str]:
    """The stdlib modules the engine and Pyodide's bootstrap load, with the stock zip."""
    with tempfile.TemporaryDirectory(prefix="pk-stdlib-wheel-") as scratch:
        wheel = build_wheel(Path(scratch))
        answer = run_engine(STDLIB_ZIP, wheel)
    return answer["modules"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.assessment.stdlib_measure", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--out", type=Path, help="instead, write the trimmed zip here and print its size")
    args = parser.parse_args(argv)
    if args.out:
        stats = trim_stdlib(STDLIB_ZIP, args.out, read_keep())
        print(
            f"{args.out}: {stats['files']} files, {stats['bytes']} bytes "
            f"(stock: {stats['source_bytes']} bytes); {len(stats['bytecode'])} as bytecode "
            f"(+{stats['bytecode_extra_bytes']} bytes), the rest as source"
        )
        return 0
    modules = measure()
    KEEP_FILE.write_text(
        "# Standard-library modules the in-browser engine reads from the zip (Pyodide's bootstrap\n"
        "# included), in the order Python first imports them.\n"
        "# Measured by `.venv/bin/python -m scripts.assessment.stdlib_measure`; do not edit by hand.\n"
        + "".join(f"{name}\n" for name in modules),
        encoding="utf-8",
    )
    print(f"{KEEP_FILE}: {len(modules)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
