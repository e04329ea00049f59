"""Pyodide under Node at build time: where the pinned runtime is and which Node runs it.

The build runs Python 3.14 programs inside Pyodide (pyodide_programs/): trimming
the standard library to bytecode (stdlib.py), compiling the engine wheel
(wheel.py), and the keep list's measurement (stdlib_measure.py). Bytecode is
only valid for the Python that wrote it, so they run in the Pyodide the site ships.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..paths import ROOT

#: The npm package `pyodide`, pinned in package-lock.json.
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
#: The programs run in Pyodide under Node, kept as files beside this module.
PROGRAMS = Path(__file__).with_name("pyodide_programs")


def node() -> str:
    """The `node` executable on PATH.

    Raises:
        RuntimeError: there is none; the message says what to install.
    """
    found = shutil.which("node")
    if found is None:
        raise RuntimeError("node is not on PATH: install Node.js (needed to run Pyodide here).")
    return found
