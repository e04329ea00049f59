"""The Pyodide runtime the page's worker loads, for the build step.

``copy_pyodide(dest_dir)`` copies the Pyodide files the engine worker needs, and
nothing else, from ``node_modules/pyodide`` into ``dest_dir``; the standard library
is the trimmed one of ``stdlib.py`` (only the modules the engine loads, as
bytecode), and the two large files are shipped gzipped (``precompress.py``) for the
worker to inflate. ``pyodide_dir()`` is its folder under ``assets/``, with
Pyodide's version and a hash of the shipped files in the path, so a host may cache
it forever and a new release never mixes its files with an old one's.

The engine wheel and its lock file, which the page's ``#quiz-data`` points at beside
this folder, are wheel.py's.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from ..paths import ROOT
from .precompress import gzipped
from .stdlib import trimmed_stdlib

#: The files the engine worker fetches, and only those: shipped name -> the file
#: of the npm package it is made from. The worker passes the site's own lock file
#: (``lock_wheel``) as ``lockFileContents``, so Pyodide's 120 KB
#: ``pyodide-lock.json`` is not needed; source maps, type declarations,
#: the consoles and the UMD ``pyodide.js`` are never loaded. The ``.gz`` files are
#: gzipped at build time and inflated by the worker, whatever the host does.
PYODIDE_FILES = {
    "pyodide.mjs": "pyodide.mjs",  # the loader, imported by the module worker
    "pyodide.asm.mjs": "pyodide.asm.mjs",  # Emscripten glue, imported by the loader
    "pyodide.asm.wasm.gz": "pyodide.asm.wasm",  # the interpreter
    "python_stdlib.zip.gz": "python_stdlib.zip",  # the standard library (trimmed, scripts/assessment/stdlib.py)
}

#: Where the versioned runtime folders live, under the site's ``assets/``.
PYODIDE_ROOT = "pyodide/"


def _digest(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:10]


def pyodide_sources(node_modules: Path = ROOT / "node_modules") -> dict[str, Path]:
    """Shipped name -> the file to ship (stdlib trimmed, large files gzipped; both
    cached under .cache/, so only the first build after a change pays for them).

    Raises:
        FileNotFoundError: ``node_modules/pyodide`` or one of its files is missing;
            the message says to run ``npm ci``.
    """
    source = Path(node_modules) / "pyodide"
    missing = [name for name in PYODIDE_FILES.values() if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide runtime files not found in '{source}' (missing: {', '.join(missing)}). "
            "Run `npm ci` in the project root (or `make setup`) to install the npm package "
            "`pyodide` pinned in package-lock.json."
        )
    files = {}
    for name, origin_name in PYODIDE_FILES.items():
        origin = source / origin_name
        if origin_name == "python_stdlib.zip":
            origin = trimmed_stdlib(origin)
        if name.endswith(".gz"):
            origin = gzipped(origin)
        files[name] = origin
    return files


def pyodide_dir(node_modules: Path = ROOT / "node_modules") -> str:
    """The runtime's folder under ``assets/``, e.g. ``pyodide/314.0.8-1a2b3c4d5e/``:
    Pyodide's version (read from its package.json) and a hash of the shipped files,
    which also change with the stdlib keep list or the bytecode allowance."""
    package = Path(node_modules) / "pyodide" / "package.json"
    try:
        version = json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as error:
        raise FileNotFoundError(f"'{package}': no Pyodide version ({error}). Run `npm ci` (or `make setup`).") from None
    return f"{PYODIDE_ROOT}{version}-{_digest(list(pyodide_sources(node_modules).values()))}/"


def copy_pyodide(dest_dir: Path, *, node_modules: Path = ROOT / "node_modules") -> list[Path]:
    """Write the Pyodide runtime files the engine worker needs into ``dest_dir``.

    Arguments:
        dest_dir: The folder to write to (created if missing), e.g.
            ``site/assets/`` + ``pyodide_dir()``.
        node_modules: Where npm installed the ``pyodide`` package.

    Returns:
        The written files, in the order of ``PYODIDE_FILES``.

    Raises:
        FileNotFoundError: ``node_modules/pyodide`` or one of its files is missing;
            the message says to run ``npm ci``.
    """
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(origin, dest_dir / name)) for name, origin in pyodide_sources(node_modules).items()]
