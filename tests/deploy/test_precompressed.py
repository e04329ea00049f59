"""The precompressed copies the build writes for hosts that serve them
(scripts/publish/precompressed.py): each inflates to its file byte for byte, the
runtime's gzipped files have their brotli twin, and neither the offline bundle nor
the SCORM packages carry any of them."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from scripts.deploy.rules import ENCODED_TYPES
from scripts.publish import precompressed


def test_every_text_file_has_gzip_and_brotli_copies_of_its_bytes(built_site: Path):
    texts = [
        p
        for p in built_site.rglob("*")
        if p.is_file() and p.suffix in precompressed.TEXT_SUFFIXES and p.stat().st_size >= precompressed.MIN_BYTES
    ]
    # The pages, our scripts, Material's, the Pyodide loader and its Emscripten module.
    names = {p.name for p in texts}
    assert {"index.html", "quiz.js", "engine-worker.js", "pyodide.mjs", "pyodide.asm.mjs"} <= names
    for file in texts:
        data = file.read_bytes()
        assert gzip.decompress(file.with_name(file.name + ".gz").read_bytes()) == data, file
        assert brotli.decompress(file.with_name(file.name + ".br").read_bytes()) == data, file


def test_the_runtime_gz_files_have_brotli_twins(built_site: Path):
    stored = [p for p in built_site.rglob("*.gz") if p.name.endswith(tuple(ENCODED_TYPES))]
    assert {p.name for p in stored} == {"pyodide.asm.wasm.gz", "python_stdlib.zip.gz"}
    for file in stored:
        twin = file.with_suffix(".br")
        original = gzip.decompress(file.read_bytes())
        assert brotli.decompress(twin.read_bytes()) == original
        # About a fifth smaller than the zopfli gzip on the wasm (issue 23 §3).
        assert twin.stat().st_size < 0.85 * file.stat().st_size, twin
        assert not precompressed.is_copy(file) and precompressed.is_copy(twin)


def test_the_offline_bundle_and_the_scorm_packages_leave_the_copies_out(
    built_site: Path, offline_bundle: Path, scorm_packages: dict[str, Path]
):
    for folder in (offline_bundle, *scorm_packages.values()):
        files = [p for p in folder.rglob("*") if p.is_file()]
        assert not [p for p in files if p.suffix == ".br"], folder
        assert not [p for p in files if p.suffix == ".gz" and p.with_suffix("").is_file()], folder
    # The SCORM packages still carry the runtime the worker fetches.
    for folder in scorm_packages.values():
        assert {p.name for p in folder.rglob("*.gz")} == {"pyodide.asm.wasm.gz", "python_stdlib.zip.gz"}
