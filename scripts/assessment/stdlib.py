"""A small, quick-loading Python standard library for the in-browser engine.

Pyodide's stock ``python_stdlib.zip`` costs the reader twice: 2.5 MB to download
(it is already deflated, so HTTP compression gains nothing), and time, because
Python compiles every module it imports from source, in wasm, before the engine
is ready. This module writes the copy the site ships instead:

- only the modules Python reads from the zip while the engine works: the keep
  list, ``scripts/assessment/stdlib_keep.txt``, in the order Python first imports them.
  Frozen modules (os, site, codecs, importlib's bootstrap…) are built into the
  runtime and never read from the zip, so they are left out;
- without docstrings and comments;
- as bytecode (``.pyc``) instead of source, in the order Python imports them, for
  as many as ``BYTECODE_ALLOWANCE`` extra compressed bytes allow (today: every
  module). Bytecode loads without compiling; compiling from source, in wasm, was
  most of Python's start-up. The quiz page has a byte budget (issue 5: 4.5 MB
  gzip), and bytecode with its full location table is about twice the size of
  source; so the bytecode carries no column ranges (``-X no_debug_ranges``) and a
  location table that puts every instruction of a function on the function's
  first line (its ``def``): a traceback through the standard library still names
  each file, function and a valid line number, and the whole zip, all bytecode,
  gzips to about the size of the earlier mix of bytecode and source.

The keep list is measured by a separate tool, ``python -m scripts.assessment.stdlib_measure``
(it runs the engine, so it needs the engine and its test vectors; this build step
needs neither). ``scripts.assessment.runtime`` ships the zip gzipped, as
``python_stdlib.zip.gz``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..paths import ROOT
from .cache import write_aside
from .pyodide_node import PROGRAMS, PYODIDE_DIR, node

STDLIB_ZIP = PYODIDE_DIR / "python_stdlib.zip"
KEEP_FILE = Path(__file__).with_name("stdlib_keep.txt")

#: Modules kept whatever the measurement says, because a path the measurement does
#: not walk may need them: the codecs a str.encode/bytes.decode may look up by name,
#: and what Python uses to report an error (a traceback turned into a JS Error).
ALWAYS = (
    "encodings",
    "encodings.aliases",
    "encodings.utf_8",
    "encodings.utf_8_sig",
    "encodings.ascii",
    "encodings.latin_1",
    "encodings.utf_16",
    "encodings.utf_32",
    "traceback",
    "linecache",
    "tokenize",
    "token",
    "textwrap",
)

#: How many more compressed bytes the bytecode may cost than the source it replaces,
#: counted file by file at zlib level 9 (the shipped zip, gzipped whole, comes out
#: far smaller than that count). Measured with Pyodide 314.0.8: all 130 files as
#: bytecode with def-line location tables cost 353 KB by this count, and the zip
#: gzipped whole 657 KB, against 652 KB for the earlier 99 modules as bytecode with
#: full line tables and the rest source; in Node, Python was ready after 1.1 s of
#: CPU instead of 1.6 s (6 runs each, in turns). The allowance has room for all.
BYTECODE_ALLOWANCE = 360_000

# Zip entries get a fixed date so an unchanged input gives a byte-identical zip.
_DATE = (1980, 1, 1, 0, 0, 0)


def read_keep(path: Path = KEEP_FILE) -> list[str]:
    """The module names in ``path``, in its order (one per line, ``#`` starts a comment)."""
    if not path.is_file():
        raise FileNotFoundError(
            f"'{path}' is missing: run `.venv/bin/python -m scripts.assessment.stdlib_measure` to write it."
        )
    names: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and line not in names:
            names.append(line)
    return names


def _entries_for(name: str, present: set[str]) -> list[str]:
    """The zip entries of module ``name`` and of its parent packages, parents first."""
    parts = name.split(".")
    found = []
    for depth in range(1, len(parts) + 1):
        stem = "/".join(parts[:depth])
        for candidate in (f"{stem}/__init__.py", f"{stem}.py"):
            if candidate in present:
                found.append(candidate)
                break
        else:
            if depth == len(parts):
                return []
    return found


def trim_stdlib(
    src_zip: Path, dest_zip: Path, keep: list[str], *, bytecode_allowance: int = BYTECODE_ALLOWANCE
) -> dict:
    """Write ``dest_zip`` with only the modules in ``keep``, taken from ``src_zip``.

    Arguments:
        src_zip: Pyodide's ``python_stdlib.zip``.
        dest_zip: Where to write the trimmed zip (its folder is created).
        keep: Dotted module names, in the order Python first imports them; their
            parent packages come along, and ``ALWAYS`` is added at the end.
        bytecode_allowance: Extra compressed bytes the bytecode may cost (0: all source).

    Returns:
        ``{"modules": n, "files": n, "bytecode": [entries shipped as .pyc, in order],
        "bytecode_extra_bytes": n, "bytes": size of dest_zip, "source_bytes": size of src_zip}``.

    Raises:
        FileNotFoundError: ``src_zip`` is missing (run ``npm ci``).
        ValueError: a module in ``keep`` has no file in ``src_zip`` (the list is stale
            for this Pyodide: rerun ``python -m scripts.assessment.stdlib_measure``).
        RuntimeError: Node or Pyodide failed while stripping and compiling.
    """
    src_zip, dest_zip = Path(src_zip), Path(dest_zip)
    if not src_zip.is_file():
        raise FileNotFoundError(f"'{src_zip}' not found: run `npm ci` (or `make setup`).")
    wanted = list(keep) + [name for name in ALWAYS if name not in keep]
    with zipfile.ZipFile(src_zip) as source:
        present = set(source.namelist())
        order: list[str] = []
        missing = []
        for name in wanted:
            entries = _entries_for(name, present)
            if not entries:
                missing.append(name)
            order.extend(entry for entry in entries if entry not in order)
        if missing:
            raise ValueError(
                f"{src_zip}: no file for module(s) {', '.join(missing)} of the keep list. "
                "Rerun `.venv/bin/python -m scripts.assessment.stdlib_measure` to refresh "
                f"'{KEEP_FILE.name}' for this Pyodide."
            )
        files = {entry: source.read(entry) for entry in order}
    prepared, report = _prepare(files, order, bytecode_allowance)
    dest_zip.parent.mkdir(parents=True, exist_ok=True)
    # Stored, not deflated: the site ships this zip gzipped as a whole
    # (scripts/assessment/precompress.py), which compresses across files better than entry
    # by entry, and Python then reads each module without inflating it.
    with zipfile.ZipFile(dest_zip, "w", zipfile.ZIP_STORED) as out:
        for entry, data in sorted(prepared.items()):
            info = zipfile.ZipInfo(entry, date_time=_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    return {
        "modules": len(wanted),
        "files": len(prepared),
        "bytecode": report["bytecode"],
        "bytecode_extra_bytes": report["extra"],
        "bytes": dest_zip.stat().st_size,
        "source_bytes": src_zip.stat().st_size,
    }


# Runs inside Pyodide, because only Python 3.14 reads (and compiles) 3.14's
# standard library. For each file: the source without docstrings and comments
# (ast.unparse of the tree minus its docstrings, checked to give the same tree
# back, else the file stays as it was); then, in import order, the bytecode of
# that source while the allowance lasts, compiled without column ranges (the Node
# side starts Python with PYTHONNODEBUGRANGES). The .pyc is PEP 552's
# unchecked-hash form, which zipimport loads without looking for a source file.
_PREPARE = PROGRAMS / "prepare_stdlib.py"

_PREPARE_NODE = PROGRAMS / "prepare_stdlib.mjs"


def _prepare(files: dict[str, bytes], order: list[str], allowance: int) -> tuple[dict[str, bytes], dict]:
    """``files`` stripped of docstrings, the first of ``order`` as bytecode; and what was done."""
    with tempfile.TemporaryDirectory(prefix="pk-stdlib-prepare-") as scratch:
        work = Path(scratch)
        with zipfile.ZipFile(work / "in.zip", "w") as raw:
            for entry, data in files.items():
                raw.writestr(entry, data)
        (work / "job.json").write_text(json.dumps({"order": order, "allowance": allowance}), encoding="utf-8")
        shutil.copyfile(_PREPARE_NODE, work / "prepare.mjs")
        shutil.copyfile(_PREPARE, work / "prepare.py")
        done = subprocess.run(
            [
                node(),
                str(work / "prepare.mjs"),
                (PYODIDE_DIR / "pyodide.mjs").as_uri(),
                str(work / "in.zip"),
                str(work / "job.json"),
                str(work / "out.zip"),
                str(work / "prepare.py"),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"Preparing the stdlib in Pyodide under Node failed:\n{done.stderr[-4000:]}")
        with zipfile.ZipFile(work / "out.zip") as prepared:
            return {entry: prepared.read(entry) for entry in prepared.namelist()}, json.loads(done.stdout)


def trimmed_stdlib(src_zip: Path = STDLIB_ZIP, cache_dir: Path = ROOT / ".cache" / "stdlib") -> Path:
    """The trimmed zip for the current Pyodide and keep list, built once and cached.

    The cache key covers the stock zip, the keep list and this file, so any change
    to one of them gives a fresh zip; the file is written aside and renamed, so
    builds running side by side never see half a zip.
    """
    digest = hashlib.sha256()
    for part in (Path(src_zip), KEEP_FILE, Path(__file__), _PREPARE, _PREPARE_NODE):
        if not part.is_file():
            raise FileNotFoundError(
                f"'{part}' not found (run `npm ci`, or `python -m scripts.assessment.stdlib_measure`)."
            )
        digest.update(part.read_bytes())
    target = Path(cache_dir) / f"python_stdlib-{digest.hexdigest()[:16]}.zip"
    if not target.is_file():
        write_aside(target, lambda scratch: trim_stdlib(Path(src_zip), scratch, read_keep()))
    return target
