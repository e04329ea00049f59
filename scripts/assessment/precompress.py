"""Gzip a runtime file once, as small as deflate gets, and keep it.

The self-assessment's two large runtime files, the Pyodide interpreter (9.6 MB of
wasm) and the standard library, are shipped gzipped and inflated in the reader's
browser by the engine worker (``DecompressionStream``). So they download small
from any host, whether it compresses responses or not (a course platform serving
a SCORM package often does not), and smaller than a server's on-the-fly gzip
would make them: zopfli finds a tighter deflate stream than zlib at any level
(−131 KB on the wasm). That takes seconds, so each result is cached under
``.cache/gzip/`` by the input's content and written aside, then renamed, so that
builds running side by side never see half a file.

The output is a plain gzip member with no name and a zero timestamp: the same
input always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import zopfli.gzip

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / ".cache" / "gzip"

#: Zopfli's passes over a file (its default is 15). Each pass costs time in
#: proportion to the size and gains less than the one before: one pass over the
#: 9.6 MB wasm takes ~12 s and gets within 0.3 % of fifteen.
ITERATIONS_SMALL, ITERATIONS_LARGE = 15, 1
LARGE = 2_000_000  # bytes


def gzipped(source: Path, *, cache_dir: Path = CACHE_DIR) -> Path:
    """The gzip of ``source``'s bytes, made with zopfli and cached; returns its path.

    Raises:
        FileNotFoundError: ``source`` does not exist.
    """
    data = Path(source).read_bytes()
    iterations = ITERATIONS_LARGE if len(data) >= LARGE else ITERATIONS_SMALL
    digest = hashlib.sha256(data + f"zopfli-gzip/{iterations}".encode()).hexdigest()[:16]
    target = Path(cache_dir) / f"{Path(source).name}-{digest}.gz"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        scratch.write_bytes(zopfli.gzip.compress(data, numiterations=iterations))
        os.replace(scratch, target)
    return target
