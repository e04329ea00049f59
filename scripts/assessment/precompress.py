"""Compress a file once, as small as its format gets, and keep the result.

Two encodings, each cached under ``.cache/`` by the input's content:

- ``gzipped``: gzip made with zopfli, which finds a tighter deflate stream than
  zlib at any level (−131 KB on the wasm). The self-assessment's two large runtime
  files, the Pyodide interpreter (9.6 MB of wasm) and the standard library, are
  shipped this way and inflated in the reader's browser by the engine worker
  (``DecompressionStream``), so they download small from any host, whether it
  compresses responses or not (a course platform serving a SCORM package often
  does not). The output is a plain gzip member with no name and a zero timestamp.
- ``brotlied``: brotli at its highest quality, for hosts that serve precompressed
  copies (nginx's ``brotli_static``): about a fifth smaller than gzip on the wasm.
  Browsers decode it only as a response's Content-Encoding (``DecompressionStream``
  has no brotli), so it is never the only copy.

Both take seconds on the large files, so each result is kept, written aside and
then renamed so that builds running side by side never see half a file; the same
input always gives the same bytes. ``scripts/publish/precompressed.py`` writes the
copies beside the built site's files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import brotli
import zopfli.gzip

from ..paths import ROOT
from .cache import write_aside

CACHE_DIR = ROOT / ".cache" / "gzip"
BROTLI_CACHE_DIR = ROOT / ".cache" / "brotli"

#: Zopfli's passes over a file (its default is 15). Each pass costs time in
#: proportion to the size and gains less than the one before: one pass over the
#: 9.6 MB wasm takes ~12 s and gets within 0.3 % of fifteen.
ITERATIONS_SMALL, ITERATIONS_LARGE = 15, 1
LARGE = 2_000_000  # bytes

#: Brotli's quality (0-11) and window (2**22 bytes, its default: on the wasm a
#: larger window came out 30 KB bigger, measured).
BROTLI_QUALITY, BROTLI_WINDOW = 11, 22


def gzipped(source: Path, *, cache_dir: Path = CACHE_DIR) -> Path:
    """The gzip of ``source``'s bytes, made with zopfli and cached; returns its path.

    Raises:
        FileNotFoundError: ``source`` does not exist.
    """
    data = Path(source).read_bytes()
    iterations = ITERATIONS_LARGE if len(data) >= LARGE else ITERATIONS_SMALL
    return _cached(
        data,
        Path(cache_dir) / Path(source).name,
        f"zopfli-gzip/{iterations}",
        ".gz",
        lambda: zopfli.gzip.compress(data, numiterations=iterations),
    )


def brotlied(source: Path, *, data: bytes | None = None, cache_dir: Path = BROTLI_CACHE_DIR) -> Path:
    """The brotli of ``source``'s bytes (or of ``data``, the bytes it stands for),
    cached; returns its path.

    Raises:
        FileNotFoundError: ``source`` does not exist (and no ``data`` was given).
    """
    raw = Path(source).read_bytes() if data is None else data
    return _cached(
        raw,
        Path(cache_dir) / Path(source).name,
        f"brotli/{brotli.version}/{BROTLI_QUALITY}/{BROTLI_WINDOW}",
        ".br",
        lambda: brotli.compress(raw, quality=BROTLI_QUALITY, lgwin=BROTLI_WINDOW),
    )


def _cached(data: bytes, stem: Path, method: str, suffix: str, make: Callable[[], bytes]) -> Path:
    digest = hashlib.sha256(data + method.encode()).hexdigest()[:16]
    target = stem.with_name(f"{stem.name}-{digest}{suffix}")
    if not target.is_file():
        write_aside(target, lambda scratch: scratch.write_bytes(make()))
    return target
