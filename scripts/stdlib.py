"""A trimmed Python standard library for the in-browser engine.

Pyodide's stock ``python_stdlib.zip`` is 2.5 MB (2.5 MB gzip too: it is already
deflated) and the reader's browser downloads all of it although the engine
imports a small part. This module writes a copy holding only the modules that
are really used:

- ``trim_stdlib(src_zip, dest_zip, keep)`` copies the ``.py`` files of the modules
  in ``keep`` (and their parent packages) from ``src_zip`` into ``dest_zip``.
- ``python -m scripts.stdlib --measure`` finds ``keep`` by running the engine in
  Pyodide under Node exactly as ``docs/assets/quiz/engine-worker.js`` sets it up
  (the wheel unpacked into site-packages, Pyodide's own bootstrap included) and
  exercising every call the page makes (assess, draft, check, markdown); it
  writes the modules found in ``sys.modules`` to ``scripts/stdlib_keep.txt``.
  Rerun it after an engine or Pyodide upgrade; ``tests/test_stdlib_trim.py``
  fails when the list has gone stale.

``scripts.runtime.copy_pyodide`` ships the trimmed zip under the stock name.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
STDLIB_ZIP = PYODIDE_DIR / "python_stdlib.zip"
KEEP_FILE = Path(__file__).with_name("stdlib_keep.txt")

#: Modules kept whatever the measurement says, because a path the measurement does
#: not walk may need them: the codecs a str.encode/bytes.decode may look up by name,
#: and what Python uses to report an error (a traceback turned into a JS Error).
ALWAYS = frozenset({
    "encodings", "encodings.aliases", "encodings.utf_8", "encodings.utf_8_sig",
    "encodings.ascii", "encodings.latin_1", "encodings.utf_16", "encodings.utf_32",
    "traceback", "linecache", "tokenize", "token", "textwrap",
})

# Zip entries get a fixed date so an unchanged list gives a byte-identical zip.
_DATE = (1980, 1, 1, 0, 0, 0)


def read_keep(path: Path = KEEP_FILE) -> set[str]:
    """The module names in ``path`` (one per line, ``#`` starts a comment)."""
    if not path.is_file():
        raise FileNotFoundError(
            f"'{path}' is missing: run `.venv/bin/python -m scripts.stdlib --measure` to write it."
        )
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def _entries_for(name: str, present: set[str]) -> list[str]:
    """The zip entries of module ``name`` and of its parent packages."""
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


def trim_stdlib(src_zip: Path, dest_zip: Path, keep: set[str], *, strip: bool = True) -> dict:
    """Write ``dest_zip`` with only the modules in ``keep`` taken from ``src_zip``.

    Arguments:
        src_zip: Pyodide's ``python_stdlib.zip``.
        dest_zip: Where to write the trimmed zip (its folder is created).
        keep: Dotted module names; their parent packages come along. ``ALWAYS`` is added.
        strip: Remove docstrings and comments (needs Node and node_modules/pyodide).

    Returns:
        ``{"modules": n, "files": n, "source_bytes_kept": their size before stripping,
        "stripped_bytes": after, "bytes": size of dest_zip, "source_bytes": size of src_zip}``.

    Raises:
        FileNotFoundError: ``src_zip`` is missing (run ``npm ci``).
        ValueError: a module in ``keep`` has no file in ``src_zip`` (the list is stale
            for this Pyodide: rerun ``python -m scripts.stdlib --measure``).
    """
    src_zip, dest_zip = Path(src_zip), Path(dest_zip)
    if not src_zip.is_file():
        raise FileNotFoundError(f"'{src_zip}' not found: run `npm ci` (or `make setup`).")
    wanted = set(keep) | ALWAYS
    with zipfile.ZipFile(src_zip) as source:
        present = set(source.namelist())
        chosen: set[str] = set()
        missing = []
        for name in sorted(wanted):
            entries = _entries_for(name, present)
            if entries:
                chosen.update(entries)
            else:
                missing.append(name)
        if missing:
            raise ValueError(
                f"{src_zip}: no file for module(s) {', '.join(missing)} of the keep list. "
                "Rerun `.venv/bin/python -m scripts.stdlib --measure` to refresh "
                f"'{KEEP_FILE.name}' for this Pyodide."
            )
        files = {entry: source.read(entry) for entry in sorted(chosen)}
    kept_bytes = sum(len(data) for data in files.values())
    if strip:
        files = _strip_docstrings(files)
    dest_zip.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest_zip, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for entry, data in sorted(files.items()):
            info = zipfile.ZipInfo(entry, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    return {
        "modules": len(wanted),
        "files": len(files),
        "source_bytes_kept": kept_bytes,
        "stripped_bytes": sum(len(data) for data in files.values()),
        "bytes": dest_zip.stat().st_size,
        "source_bytes": src_zip.stat().st_size,
    }


# Rewrites each kept file without docstrings and comments: ast.unparse of the
# parsed module minus its docstrings, checked to give the same tree back (else the
# file stays as it was). It runs inside Pyodide because only Python 3.14's own
# parser reads 3.14's standard library. Halves what the reader downloads.
_STRIP = r'''
import ast, zipfile
class _NoDocstrings(ast.NodeTransformer):
    def _strip(self, node):
        self.generic_visit(node)
        body = node.body
        if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
        return node
    visit_Module = visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _strip
kept = 0
with zipfile.ZipFile("/in.zip") as source, zipfile.ZipFile("/out.zip", "w") as out:
    for name in source.namelist():
        data = source.read(name)
        if name.endswith(".py"):
            tree = _NoDocstrings().visit(ast.parse(data, name))
            text = ast.unparse(tree) + "\n"
            if ast.dump(ast.parse(text)) == ast.dump(tree):
                data = text.encode("utf-8")
            else:
                kept += 1
        out.writestr(name, data)
kept
'''

_STRIP_NODE = r"""
import { readFileSync, writeFileSync } from "node:fs";
const [pyodideMjs, inZip, outZip, code] = process.argv.slice(2);
const { loadPyodide } = await import(pyodideMjs);
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (l) => process.stderr.write(l + "\n") });
pyodide.FS.writeFile("/in.zip", new Uint8Array(readFileSync(inZip)));
pyodide.runPython(readFileSync(code, "utf8"));
writeFileSync(outZip, pyodide.FS.readFile("/out.zip"));
"""


def _strip_docstrings(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` (zip entry -> bytes) with docstrings and comments removed from the .py files."""
    node = _node()
    with tempfile.TemporaryDirectory(prefix="pk-stdlib-strip-") as scratch:
        work = Path(scratch)
        with zipfile.ZipFile(work / "in.zip", "w") as raw:
            for entry, data in files.items():
                raw.writestr(entry, data)
        (work / "strip.mjs").write_text(_STRIP_NODE, encoding="utf-8")
        (work / "strip.py").write_text(_STRIP, encoding="utf-8")
        done = subprocess.run(
            [node, str(work / "strip.mjs"), (PYODIDE_DIR / "pyodide.mjs").as_uri(),
             str(work / "in.zip"), str(work / "out.zip"), str(work / "strip.py")],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"Stripping docstrings in Pyodide under Node failed:\n{done.stderr[-4000:]}")
        with zipfile.ZipFile(work / "out.zip") as stripped:
            return {entry: stripped.read(entry) for entry in stripped.namelist()}


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH: install Node.js (needed to run Pyodide here).")
    return node


def trimmed_stdlib(src_zip: Path = STDLIB_ZIP, cache_dir: Path = ROOT / ".cache" / "stdlib") -> Path:
    """The trimmed zip for the current Pyodide and keep list, built once and cached.

    The cache key covers the stock zip, the keep list and this file, so any change
    to one of them gives a fresh zip; the file is written aside and renamed, so
    builds running side by side never see half a zip.
    """
    digest = hashlib.sha256()
    for part in (Path(src_zip), KEEP_FILE, Path(__file__)):
        if not part.is_file():
            raise FileNotFoundError(f"'{part}' not found (run `npm ci`, or `python -m scripts.stdlib --measure`).")
        digest.update(part.read_bytes())
    target = Path(cache_dir) / f"python_stdlib-{digest.hexdigest()[:16]}.zip"
    if not target.is_file():
        scratch = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        trim_stdlib(Path(src_zip), scratch, read_keep())
        os.replace(scratch, target)
    return target


# --- running the engine in Pyodide under Node --------------------------------------

# Sets Pyodide up the way engine-worker.js does (stdlib zip, wheel unpacked into
# site-packages), then runs EXERCISE and prints its JSON answer on stdout.
_NODE_SCRIPT = r"""
import { readFileSync } from "node:fs";
const [pyodideMjs, stdlib, wheel, input] = process.argv.slice(2);
const { loadPyodide } = await import(pyodideMjs);
const stderr = [];
const pyodide = await loadPyodide({ stdLibURL: stdlib, stdout: () => {}, stderr: (l) => stderr.push(l) });
try {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  pyodide.globals.set("INPUT", readFileSync(input, "utf8"));
  process.stdout.write(pyodide.runPython(readFileSync(input + ".py", "utf8")));
} catch (error) {
  process.stderr.write(String(error) + "\n" + stderr.join("\n"));
  process.exit(1);
}
"""

# Every call the page makes, through json as the worker passes arguments. Returns
# JSON: the results (to compare with the shared vectors) and the stdlib modules loaded.
EXERCISE = r'''
import json, sys, importlib.resources, tomllib
data = json.loads(INPUT)
from quiz import api, draft, you_check

def js(value):  # what crossing from JavaScript as JSON does to a value
    return json.loads(json.dumps(value))

definition = js(tomllib.loads(importlib.resources.files("quiz").joinpath("definition.toml").read_text("utf-8")))
toml = importlib.resources.files("quiz").joinpath("phrases.toml").read_text("utf-8")
out = {"assess": {}, "draft": {}, "extra": {}}
last = None
for vector in data["vectors"]:
    result = api.assess(definition, js(vector["answers"]))
    out["assess"][vector["name"]] = {
        "verdict": result.get("verdict"), "score": result.get("score"),
        "flagged": [s["id"] for s in result.get("flagged", [])],
        "plan": [s["section"] for s in result.get("plan", [])],
        "error": result.get("error"),
    }
    if result.get("verdict") == "part-ways":
        last = result
out["extra"]["unanswered"] = api.assess(definition, {}).get("error", {}).get("kind")
for vector in data["draft_vectors"]:
    if vector["fn"] == "check":
        got = you_check.check(vector["input"]["text"], vector["lang"])
    else:
        po = data["po"].get(vector["lang"])
        phrases = draft.phrases_for(toml, po, vector["lang"])
        i = vector["input"]
        got = draft.assemble(phrases, i["kind"], js(i.get("fields")), js(i.get("choices")))
    out["draft"][vector["name"]] = js(got)
# The page's other calls: draft(request) and the Markdown report, in both languages.
for lang in ("ru", "en"):
    phrases = js(draft.phrases_for(toml, data["po"].get(lang), lang))
    made = draft.draft(js({"phrases": phrases, "kind": "part-ways", "fields": {}, "choices": {}}), lang)
    out["extra"][f"draft-{lang}"] = "error" not in made
    md = draft.markdown_result(js(last), js({"text": made.get("text", ""), "lang": lang}), lang,
                               {"professional": "../part-ways/#professional"})
    out["extra"][f"markdown-{lang}"] = isinstance(md, str) and len(md) > 0
# Named by their file in the zip (os.path is posixpath.py, _frozen_importlib is
# importlib/_bootstrap.py), so that every name has a file of its own.
files = {getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}
out["modules"] = sorted(
    f.split(".zip/", 1)[1].removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    for f in files if f.startswith("/lib/python3") and ".zip/" in f
)
json.dumps(out, ensure_ascii=False)
'''


def run_engine(stdlib_zip: Path, wheel: Path, *, timeout: float = 300) -> dict:
    """Run EXERCISE in Pyodide under Node with ``stdlib_zip`` and the engine ``wheel``.

    Returns the parsed JSON answer: ``assess`` and ``draft`` results keyed by the
    vector names of tests/quiz/vectors.json and draft_vectors.json, ``extra`` checks
    and ``modules`` (the standard-library modules loaded from the zip).

    Raises:
        RuntimeError: node is missing, or Pyodide or the engine failed (stderr quoted).
    """
    node = _node()
    vectors_dir = ROOT / "tests" / "quiz"
    po = {}
    for lang_dir in sorted((ROOT / "content" / "translations").iterdir()):
        if (lang_dir / "draft.po").is_file():
            po[lang_dir.name] = (lang_dir / "draft.po").read_text(encoding="utf-8")
    data = {
        "vectors": json.loads((vectors_dir / "vectors.json").read_text(encoding="utf-8")),
        "draft_vectors": json.loads((vectors_dir / "draft_vectors.json").read_text(encoding="utf-8")),
        "po": po,
    }
    with tempfile.TemporaryDirectory(prefix="pk-stdlib-") as scratch:
        work = Path(scratch)
        (work / "run.mjs").write_text(_NODE_SCRIPT, encoding="utf-8")
        (work / "input.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        (work / "input.json.py").write_text(EXERCISE, encoding="utf-8")
        done = subprocess.run(
            [node, str(work / "run.mjs"), (PYODIDE_DIR / "pyodide.mjs").as_uri(),
             str(Path(stdlib_zip).resolve()), str(Path(wheel).resolve()), str(work / "input.json")],
            cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        )
    if done.returncode != 0:
        raise RuntimeError(
            f"The engine failed in Pyodide under Node with stdlib '{stdlib_zip}' "
            f"(exit {done.returncode}):\n{done.stderr[-4000:]}"
        )
    return json.loads(done.stdout)


def measure() -> list[str]:
    """The stdlib modules the engine and Pyodide's bootstrap load, with the stock zip."""
    from .runtime import build_wheel

    with tempfile.TemporaryDirectory(prefix="pk-stdlib-wheel-") as scratch:
        wheel = build_wheel(Path(scratch))
        answer = run_engine(STDLIB_ZIP, wheel)
    return answer["modules"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.stdlib", description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true",
                        help=f"run the engine in Pyodide under Node and rewrite {KEEP_FILE.name}")
    parser.add_argument("--out", type=Path, help="write the trimmed zip here and print its size")
    args = parser.parse_args(argv)
    if args.measure:
        modules = measure()
        KEEP_FILE.write_text(
            "# Standard-library modules the in-browser engine loads (Pyodide's bootstrap included).\n"
            "# Measured by `.venv/bin/python -m scripts.stdlib --measure`; do not edit by hand.\n"
            + "".join(f"{name}\n" for name in modules),
            encoding="utf-8",
        )
        print(f"{KEEP_FILE}: {len(modules)} modules")
    if args.out:
        stats = trim_stdlib(STDLIB_ZIP, args.out, read_keep())
        print(f"{args.out}: {stats['files']} files, {stats['bytes']} bytes "
              f"(stock: {stats['source_bytes']} bytes)")
    if not (args.measure or args.out):
        parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
