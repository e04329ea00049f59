"""The engine wheel the page's worker imports, for the build step.

- ``build_wheel(out_dir)`` packs the scoring engine (the ``quiz`` package and its
  ``*.toml`` data) into ``parting_kit_quiz-0.1.0-py3-none-any.whl`` in ``out_dir``,
  the modules imported before "ready" as bytecode (``compile_wheel``).
- ``lock_wheel(wheel)`` registers the wheel in the site's own ``pyodide-lock.json``,
  written beside it, with pyodide-build's ``pyodide lockfile add-wheels`` (file
  name, sha256, imports, dependencies), on the runtime's own lock ``info``.
- ``engine_dir()``/``wheel_path()``: where both go under ``assets/``, with a version
  in the path (a hash of the engine's sources and of the runtime's lock ``info``),
  so a host may cache them forever (scripts/deploy/rules.py says ``immutable``).

The lock file lives in the engine's folder, not Pyodide's (runtime.py): it changes
with the wheel (its sha256), so it must be versioned with the wheel; in the Pyodide
folder it would either go stale in caches or rename the 5 MB runtime on every engine
change. The worker reads it from beside the wheel (``LOCK_NAME``), passes it to
Pyodide as ``lockFileContents`` and fetches the wheel with the lock's sha256 as the
request's ``integrity``, so a wheel that differs from the lock never runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..paths import ROOT
from .cache import write_aside
from .pyodide_node import PROGRAMS, PYODIDE_DIR, node

#: What ``python -m build`` produces from ``pyproject.toml``.
WHEEL_NAME = "parting_kit_quiz-0.1.0-py3-none-any.whl"

#: The site's own lock file, written beside the wheel by ``lock_wheel``.
LOCK_NAME = "pyodide-lock.json"

#: pyodide-build's command line, in the venv ``make setup`` makes for it (it needs
#: Python >= 3.12; requirements/pyodide.txt pins it with hashes).
PYODIDE_CLI = ROOT / ".venv-pyodide" / "bin" / "pyodide"

# The command takes a second or more to start: its result is kept under .cache/,
# by the wheel's bytes, the lock info and the pinned tool versions.
_LOCK_CACHE = ROOT / ".cache" / "pyodide-lock"
_TOOL_PINS = ROOT / "requirements" / "pyodide.txt"

ENGINE_ROOT = "quiz/engine-"

# A fixed timestamp for the files inside the wheel, so an unchanged engine gives a
# byte-identical wheel (stable caches, reproducible bundles).
_SOURCE_DATE_EPOCH = "315532800"  # 1980-01-01, the earliest a zip can record


def build_wheel(out_dir: Path, *, source_root: Path = ROOT) -> Path:
    """Build the engine wheel into ``out_dir`` and return its path.

    The build runs in a scratch copy of ``pyproject.toml`` and ``quiz/`` so that
    no ``build/`` or ``*.egg-info`` folder is left in the work tree, and no stale
    file from an earlier build can slip into the wheel.

    Arguments:
        out_dir: The folder to write the wheel to (created if missing).
        source_root: The project root holding ``pyproject.toml`` and ``quiz/``.

    Returns:
        The path of ``parting_kit_quiz-0.1.0-py3-none-any.whl`` in ``out_dir``.

    Raises:
        FileNotFoundError: ``pyproject.toml`` or ``quiz/`` is missing.
        RuntimeError: ``python -m build`` failed (its output is in the message).
    """
    source_root = Path(source_root)
    out_dir = Path(out_dir).resolve()
    for needed in ("pyproject.toml", "quiz"):
        if not (source_root / needed).exists():
            raise FileNotFoundError(f"Cannot build the engine wheel: '{needed}' is missing in '{source_root}'.")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pk-wheel-") as scratch:
        work = Path(scratch)
        shutil.copy2(source_root / "pyproject.toml", work / "pyproject.toml")
        shutil.copytree(
            source_root / "quiz",
            work / "quiz",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        env = dict(os.environ, SOURCE_DATE_EPOCH=_SOURCE_DATE_EPOCH)
        done = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out_dir)],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise RuntimeError(
            "Building the engine wheel failed (python -m build --wheel --no-isolation):\n" + done.stdout + done.stderr
        )
    wheel = out_dir / WHEEL_NAME
    if not wheel.is_file():
        raise RuntimeError(
            f"python -m build succeeded but '{WHEEL_NAME}' is not in '{out_dir}'; "
            "check the name and version in pyproject.toml."
        )
    return compile_wheel(wheel)


#: Where the engine worker puts the wheel in Pyodide's file system (web/quiz/
#: engine-worker.js, WHEEL_PATH): the file name its bytecode's tracebacks give.
WHEEL_MOUNT = "/lib/parting_kit_quiz.whl"
_COMPILE_CACHE = ROOT / ".cache" / "engine-bytecode"


def compile_wheel(wheel: Path, *, cache_dir: Path | None = _COMPILE_CACHE) -> Path:
    """Rewrite ``wheel`` in place with the modules Python imports before the page
    says "ready" (``quiz.api`` and what it imports) as bytecode instead of source;
    return it.

    Compiling source is the longest part of importing the engine in the browser,
    where Python's compiler runs cold in wasm (measured: quiz.api imported in
    ~100 ms instead of ~300 ms on a loaded 2-core machine). Only 3.14 compiles for
    3.14, so this runs in Pyodide under Node (pyodide_programs/compile_wheel.py).
    The drafter's modules, which the session imports when it starts (after
    "ready"), stay source: a bytecode file costs about twice its source's bytes in
    the quiz page's download.
    The result is kept under .cache/ by the input's bytes and the program's.

    Raises:
        RuntimeError: Node or Pyodide failed (its stderr is in the message).
    """
    wheel = Path(wheel)
    program, driver = PROGRAMS / "compile_wheel.py", PROGRAMS / "prepare_stdlib.mjs"
    digest = hashlib.sha256(wheel.read_bytes() + program.read_bytes() + driver.read_bytes())
    digest.update((PYODIDE_DIR / "package.json").read_bytes())
    cached = Path(cache_dir) / f"{digest.hexdigest()[:16]}.whl" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, wheel)
        return wheel
    with tempfile.TemporaryDirectory(prefix="pk-wheel-compile-") as scratch:
        work = Path(scratch)
        (work / "job.json").write_text(json.dumps({"mount": WHEEL_MOUNT}), encoding="utf-8")
        done = subprocess.run(
            [
                node(),
                str(driver),
                (PYODIDE_DIR / "pyodide.mjs").as_uri(),
                str(wheel),
                str(work / "job.json"),
                str(work / "out.whl"),
                str(program),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"Compiling the engine wheel in Pyodide under Node failed:\n{done.stderr[-4000:]}")
        shutil.copyfile(work / "out.whl", wheel)
    if cached is not None:
        write_aside(cached, lambda scratch: shutil.copyfile(wheel, scratch))
    return wheel


def lock_info(node_modules: Path = ROOT / "node_modules") -> dict[str, str]:
    """The ``info`` of the installed Pyodide's lock file (ABI, platform, Python):
    Pyodide refuses a lock file whose ``info`` does not match its runtime."""
    lock = Path(node_modules) / "pyodide" / LOCK_NAME
    try:
        info = json.loads(lock.read_text(encoding="utf-8"))["info"]
    except (OSError, ValueError, KeyError) as error:
        raise FileNotFoundError(f"'{lock}': no lock file info ({error}). Run `npm ci` (or `make setup`).") from None
    return dict(info)


def lock_wheel(
    wheel: Path,
    *,
    node_modules: Path = ROOT / "node_modules",
    cli: Path = PYODIDE_CLI,
    cache_dir: Path | None = _LOCK_CACHE,
) -> Path:
    """Write the site's ``pyodide-lock.json`` beside ``wheel``, listing only it.

    ``pyodide lockfile add-wheels`` (pyodide-build's CLI) reads the wheel and writes
    its entry: file name (relative to the lock file), sha256, imports, dependencies
    (it fails on a dependency no lock entry provides: the site ships no other
    package). Its input is the installed Pyodide's lock ``info`` with no packages,
    because the site ships none of Pyodide's own packages: a lock listing them
    would promise files that are not there.

    Arguments:
        wheel: The engine wheel (``build_wheel``'s result), in its versioned folder.
        node_modules: Where npm installed the ``pyodide`` package.
        cli: The ``pyodide`` command (in ``.venv-pyodide/``).
        cache_dir: Where results are kept (None: always run the command).

    Returns:
        The path of the written lock file.

    Raises:
        FileNotFoundError: the ``pyodide`` command or Pyodide's lock file is missing;
            the message says to run ``make setup``.
        RuntimeError: the command failed (its output is in the message).
    """
    wheel = Path(wheel).resolve()
    target = wheel.parent / LOCK_NAME
    info = lock_info(node_modules)
    key = hashlib.sha256(
        wheel.name.encode()
        + b"\0"
        + wheel.read_bytes()
        + json.dumps(info, sort_keys=True).encode()
        + (_TOOL_PINS.read_bytes() if _TOOL_PINS.is_file() else b"")
    ).hexdigest()[:16]
    cached = Path(cache_dir) / f"{key}.json" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, target)
        return target
    cli = Path(cli)
    if not cli.is_file():
        raise FileNotFoundError(
            f"'{cli}' is missing: pyodide-build (requirements/pyodide.txt) registers the engine wheel "
            "in the site's pyodide-lock.json. Run `make setup` (it needs Python >= 3.12)."
        )
    with tempfile.TemporaryDirectory(prefix="pk-lock-") as scratch:
        base = Path(scratch) / "base.json"
        base.write_text(json.dumps({"info": info, "packages": {}}), encoding="utf-8")
        out = Path(scratch) / LOCK_NAME
        done = subprocess.run(
            [str(cli), "lockfile", "add-wheels", "--input", str(base), "--output", str(out), str(wheel)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not out.is_file():
            raise RuntimeError(
                f"`pyodide lockfile add-wheels` failed for '{wheel}' (exit {done.returncode}):\n"
                + done.stdout
                + done.stderr
            )
        # Compact and sorted, so the same wheel always gives the same bytes.
        lock = json.loads(out.read_text(encoding="utf-8"))
    target.write_text(json.dumps(lock, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    if cached is not None:
        write_aside(cached, lambda scratch: shutil.copyfile(target, scratch))
    return target


def engine_dir(source_root: Path = ROOT, node_modules: Path = ROOT / "node_modules") -> str:
    """The engine wheel's folder under ``assets/``, e.g. ``quiz/engine-1a2b3c4d5e/``:
    a hash of what the wheel is built from (pyproject.toml and quiz/'s files) and of
    the runtime's lock ``info`` (the lock file beside the wheel carries it), so the
    folder changes exactly when the wheel's or the lock's content can."""
    source_root = Path(source_root)
    files = [
        source_root / "pyproject.toml",
        *sorted(
            f
            for f in (source_root / "quiz").rglob("*")
            if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc"
        ),
    ]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.relative_to(source_root).as_posix().encode() + b"\0" + file.read_bytes())
    digest.update(json.dumps(lock_info(node_modules), sort_keys=True).encode())
    return f"{ENGINE_ROOT}{digest.hexdigest()[:10]}/"


def wheel_path(source_root: Path = ROOT) -> str:
    """The wheel's path under ``assets/`` (what ``#quiz-data`` points at)."""
    return engine_dir(source_root) + WHEEL_NAME
