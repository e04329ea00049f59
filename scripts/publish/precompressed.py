"""Precompressed copies of the built site's files, for hosts that serve them.

nginx (the generated configuration, scripts/deploy/nginx.py) answers a
request from ``file.br`` when the browser accepts brotli and from ``file.gz`` when
it accepts gzip (``brotli_static``, ``gzip_static``), so the copies are made once,
at build time, as small as each format gets (scripts/assessment/precompress.py:
zopfli, brotli at quality 11), instead of by the server on every request:

- every text file a page loads (pages, scripts, stylesheets, JSON, SVG, XML, the
  Pyodide loader and its 1.2 MB Emscripten module): ``file.gz`` and ``file.br``;
- the runtime's two files shipped gzipped (``pyodide.asm.wasm.gz``,
  ``python_stdlib.zip.gz``): ``pyodide.asm.wasm.br`` beside them, the brotli of
  the same bytes (nginx sends it for the ``.gz`` URL to a browser that accepts br).

A host that ignores them serves the files themselves, as before. The offline
bundle and the SCORM packages leave them out (``is_copy``): neither is served
with a Content-Encoding. Runs last in the build, after every page is final
(its CSP, its links), since a copy must match its file byte for byte once inflated.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from ..assessment.precompress import brotlied, gzipped
from ..deploy.rules import ENCODED_TYPES

#: Text files worth a copy (what a page loads, and the sitemap and robots.txt).
TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")
#: Below this, a compressed copy saves less than a packet (nginx compresses on the fly anyway).
MIN_BYTES = 1000
#: The suffixes a copy adds.
COPY_SUFFIXES = (".gz", ".br")


def is_copy(path: Path) -> bool:
    """Whether ``path`` is a transfer copy this module wrote (or MkDocs' sitemap.xml.gz):
    a ``.br`` file, or a ``.gz`` beside the file it compresses. The runtime's own
    ``.wasm.gz`` and ``.zip.gz`` are not copies: they are the files the worker loads."""
    if path.suffix == ".br":
        return True
    return path.suffix == ".gz" and path.with_suffix("").is_file()


def write_copies(site: Path) -> list[Path]:
    """Write the ``.gz`` and ``.br`` copies under ``site``; return the files written."""
    written: list[Path] = []
    for file in sorted(p for p in Path(site).rglob("*") if p.is_file()):
        if file.suffix in COPY_SUFFIXES and file.name.endswith(tuple(ENCODED_TYPES)):
            # The runtime's gzipped file: its brotli twin, of the same (inflated) bytes.
            twin = file.with_suffix(".br")
            shutil.copyfile(brotlied(twin, data=gzip.decompress(file.read_bytes())), twin)
            written.append(twin)
        elif file.suffix in TEXT_SUFFIXES and file.stat().st_size >= MIN_BYTES:
            for suffix, make in ((".gz", gzipped), (".br", brotlied)):
                copy = file.with_name(file.name + suffix)
                shutil.copyfile(make(file), copy)
                written.append(copy)
    return written
