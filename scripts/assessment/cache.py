"""The build's cache (.cache/): files made once per input, kept under a hash of it.

Builds run side by side (the tests, the benchmark, `make serve`), so a cached file is
written aside and renamed into place: a reader sees the whole file or none.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def write_aside(target: Path, write: Callable[[Path], object]) -> Path:
    """Make ``target`` by calling ``write`` with a scratch path beside it, then rename
    the scratch file into place; return ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    write(scratch)
    os.replace(scratch, target)
    return target
