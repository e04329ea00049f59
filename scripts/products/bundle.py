"""Make the offline bundle: the built site as a folder and a zip that work when
unpacked and opened by double-click (file://…/index.html), with no server.

`python -m scripts.products.bundle` (what `make bundle` runs after `make build`) reads
site/ and writes dist/parting-kit-offline/ and dist/parting-kit-offline.zip.
Tests call `make_bundle(site, out_dir)`.

What file:// needs that the hosted site does not (the hosted site is unchanged):
- Links: a browser opens a folder, not its index.html, from file://. Every
  relative link to a page (`recognize/`, `..`, the language switcher, the quiz's
  result links, the search results) gets its `index.html`.
- Search: Material loads `search/search_index.js` (a script) instead of the JSON
  on file://, and its search worker runs through the iframe-worker shim
  (vendored from node_modules/iframe-worker, loaded before Material's bundle).
  Each language keeps its own index (scripts/publish/postbuild.py split them).
- The self-assessment: nothing can be fetched or imported from file://, so the
  Pyodide runtime and the engine wheel are embedded (gzipped, base64) in a
  classic script, assets/offline/offline-runtime.js, and the engine worker runs
  from a blob: URL (scripts/products/bundle_assets/ holds that JavaScript).
- Left out: source maps, sitemaps, the 404 page, the runtime files the embedded
  copy replaces, search-language files no index uses, and the precompressed
  transfer copies (file:// has no Content-Encoding).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

from ..assessment.runtime import PYODIDE_FILES
from ..assessment.wheel import LOCK_NAME
from ..errors import BuildError, BuildErrors
from ..paths import ROOT, Paths
from ..publish import html
from ..publish.csp import apply_csp, policy_metas
from ..publish.precompressed import is_copy

NAME = "parting-kit-offline"
ASSETS = Path(__file__).resolve().parent / "bundle_assets"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
OFFLINE_DIR = "assets/offline"  # the bundle's own scripts, inside the bundle
SHIM_NAME = "iframe-worker-shim.js"

# The runtime files embedded in offline-runtime.js, the hosted site's own
# (runtime.PYODIDE_FILES): name -> (MIME type, gzip?). The .gz files are gzipped
# already (the worker inflates them, as on the hosted site) and the wheel is a
# zip: gzip would only add a header to those.
_TYPES = {".mjs": "text/javascript", ".gz": "application/gzip"}
RUNTIME = {name: (_TYPES[Path(name).suffix], not name.endswith(".gz")) for name in PYODIDE_FILES}
WHEEL_TYPE = "application/zip"
LOCK_TYPE = "application/json"  # the site's pyodide-lock.json, beside the wheel (wheel.lock_wheel)

# Nothing in these is used from file:// (or it is replaced by an embedded copy).
_DROP_FILES = re.compile(r"(\.map|\.whl|sitemap\.xml(\.gz)?|search_index\.json|pyodide-lock\.json)$")
_DROP_PATHS = {"404.html", "assets/pyodide", "assets/quiz/engine-worker.js"}

# Material's own script, by its URL (a script element's src).
_MATERIAL_BUNDLE = re.compile(r"(^|/)assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so an unchanged site gives a byte-identical zip


def make_bundle(site: Path, out_dir: Path) -> Path:
    """Bundle the built `site` into `out_dir`; return the path of the zip.

    Writes `out_dir/parting-kit-offline/` (replacing it) and
    `out_dir/parting-kit-offline.zip` (whose single top folder is that one).

    Raises:
        BuildError: `site` is not a built site, a file the bundle needs is
            missing, a page links to something the bundle does not hold, or a
            page was left without its Content-Security-Policy (nothing is left
            in `out_dir/parting-kit-offline/` then).
    """
    site, out_dir = Path(site), Path(out_dir)
    if not (site / "index.html").is_file():
        raise BuildError(site, "no built site here (index.html is missing)", "run `make build` first")
    out_dir.mkdir(parents=True, exist_ok=True)
    bundle = out_dir / NAME
    if bundle.exists():
        shutil.rmtree(bundle)
    try:
        _copy_site(site, bundle)
        langs = _search_scripts(site, bundle)
        _prune_lunr(bundle, langs)
        _add_offline_assets(site, bundle)
        for page in sorted(bundle.rglob("*.html")):
            _rewrite_page(bundle, page)
        _check_links(bundle)
        _apply_csp(bundle)
    except BaseException:
        # No half-made folder is left to be shipped (one without its CSP, say).
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    return _zip(bundle, out_dir / f"{NAME}.zip")


# ---- Copy -------------------------------------------------------------------------


def _copy_site(site: Path, bundle: Path) -> None:
    def ignore(folder: str, names: list[str]) -> set[str]:
        rel = Path(folder).relative_to(site)
        return {
            n
            for n in names
            if _DROP_FILES.search(n) or (rel / n).as_posix() in _DROP_PATHS or is_copy(Path(folder) / n)
        }

    shutil.copytree(site, bundle, ignore=ignore)


# ---- Search -----------------------------------------------------------------------


def _search_scripts(site: Path, bundle: Path) -> set[str]:
    """Write search/search_index.js per language; return the languages indexed."""
    langs: set[str] = set()
    indexes = sorted(site.glob("search/search_index.json")) + sorted(site.glob("*/search/search_index.json"))
    if not indexes:
        raise BuildError(site / "search", "no search index in the built site", "run `make build` again")
    for source in indexes:
        index = json.loads(source.read_text(encoding="utf-8"))
        langs.update(index.get("config", {}).get("lang", []))
        base = source.parent.parent  # locations are relative to the language's home
        for doc in index["docs"]:
            path = doc["location"].partition("#")[0]
            doc["location"] = _page_link(doc["location"], (base / path / "index.html").is_file())
        target = bundle / source.relative_to(site).with_suffix(".js")
        target.parent.mkdir(parents=True, exist_ok=True)
        # What Material's offline mode reads on file://: a script defining __index.
        payload = json.dumps(index, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        target.write_text(f"var __index = {payload};\n", encoding="utf-8")
    return langs


def _prune_lunr(bundle: Path, langs: set[str]) -> None:
    """Keep only the lunr language files the search worker loads for these indexes."""
    folder = bundle / "assets" / "javascripts" / "lunr"
    if not folder.is_dir():
        return
    keep = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"}
    keep |= {f"min/lunr.{lang}.min.js" for lang in langs}
    keep |= {"tinyseg.js"} if "ja" in langs else set()
    keep |= {"wordcut.js"} if langs & {"hi", "th"} else set()
    for file in folder.rglob("*"):
        if file.is_file() and file.relative_to(folder).as_posix() not in keep:
            file.unlink()


# ---- Engine and shim ----------------------------------------------------------------


def _add_offline_assets(site: Path, bundle: Path) -> None:
    target = bundle / OFFLINE_DIR
    target.mkdir(parents=True, exist_ok=True)
    if not SHIM.is_file():
        raise BuildError(SHIM, "the iframe-worker shim is missing", "run `npm ci` (or `make setup`)")
    shutil.copyfile(SHIM, target / SHIM_NAME)
    shutil.copyfile(ASSETS / "offline-engine.js", target / "offline-engine.js")
    (target / "offline-runtime.js").write_text(_runtime_script(site), encoding="utf-8")


def _runtime_script(site: Path) -> str:
    """offline-runtime.js: the engine worker's source and the files it loads."""
    # The runtime sits in versioned folders (runtime.pyodide_dir, wheel.engine_dir):
    # assets/pyodide/<version>-<hash>/ and assets/quiz/engine-<hash>/.
    folders = sorted(p for p in (site / "assets" / "pyodide").glob("*/") if p.is_dir())
    pyodide = folders[-1] if folders else site / "assets" / "pyodide"
    wheels = sorted((site / "assets" / "quiz").glob("**/*.whl"))
    missing = [str(pyodide / n) for n in RUNTIME if not (pyodide / n).is_file()]
    if not wheels:
        missing.append(str(site / "assets" / "quiz" / "*.whl"))
    elif not (wheels[-1].parent / LOCK_NAME).is_file():
        missing.append(str(wheels[-1].parent / LOCK_NAME))
    if missing:
        raise BuildError(missing[0], "the engine runtime is missing from the built site", "run `make build` again")
    files = {}
    for name, (mime, packed) in RUNTIME.items():
        files[name] = _embed((pyodide / name).read_bytes(), mime, packed)
    files[wheels[-1].name] = _embed(wheels[-1].read_bytes(), WHEEL_TYPE, False)
    files[LOCK_NAME] = _embed((wheels[-1].parent / LOCK_NAME).read_bytes(), LOCK_TYPE, True)
    worker = (ASSETS / "offline-worker-prelude.js").read_text(encoding="utf-8") + _engine_worker(site)
    runtime = {"worker": worker, "files": files}
    return (
        "/* Parting Kit offline bundle: the self-assessment engine's runtime, embedded for file://.\n"
        "   Generated by scripts/products/bundle.py; read by offline-engine.js. */\n"
        f"self.partingKitOfflineRuntime = {json.dumps(runtime, separators=(',', ':'))};\n"
    )


def _embed(data: bytes, mime: str, packed: bool) -> dict:
    if packed:
        data = gzip.compress(data, compresslevel=9, mtime=0)
    return {"type": mime, "gzip": packed, "data": base64.b64encode(data).decode("ascii")}


def _engine_worker(site: Path) -> str:
    """The hosted engine worker with its dynamic imports routed to the prelude's __pkImport."""
    source = site / "assets" / "quiz" / "engine-worker.js"
    if not source.is_file():
        raise BuildError(source, "the engine worker is missing from the built site", "run `make build` again")
    text = source.read_text(encoding="utf-8")
    # The bundle runs it as a classic worker (Chromium starts no module worker on a
    # file:// page): it must not use what only a module may.
    if re.search(r"^\s*(import|export)\b[^(]|import\.meta", text, re.M):
        raise BuildError(
            source,
            "the engine worker uses static import/export or import.meta, which the "
            "offline bundle's classic worker cannot run",
            "load modules with import(...) in engine-worker.js, or adapt scripts/products/bundle.py",
        )
    text, count = re.subn(r"(?<![\w$.])import\(", "__pkImport(", text)
    if count == 0:
        raise BuildError(
            source,
            "no dynamic import() of Pyodide found to route to the embedded runtime",
            "update scripts/products/bundle.py and scripts/products/bundle_assets/offline-worker-prelude.js "
            "to the way engine-worker.js now loads Pyodide",
        )
    return text


# ---- Pages --------------------------------------------------------------------------


def _rewrite_page(bundle: Path, page: Path) -> None:
    """Rewrite one page for file://, at the places its parse found (scripts/publish/html.py)."""
    doc = html.Page(page.read_text(encoding="utf-8"))
    edits = doc.edit()
    # The hosted site's policy does not fit the rewritten page (new scripts, file://
    # needs): it goes, and _apply_csp gives the page its offline one (or stops).
    for meta in policy_metas(doc):
        edits.remove(meta, lead="\n")
    folder = page.parent
    for element, name, value in doc.url_attributes():
        local = _local_link(value, folder)
        if local != value:
            edits.set_attribute(element, name, local)

    root = "../" * (len(page.relative_to(bundle).parts) - 1)
    data_blocks = doc.select("script", id="quiz-data", type="application/json")
    for block in data_blocks:
        # The quiz's result links live in its data (JSON, "</" escaped as "<\/"): each
        # link string is replaced where it stands, so nothing else in the block moves.
        payload = doc.inner(block)
        data = json.loads(payload.replace("<\\/", "</"))
        for old in (data.get("links") or {}).values():
            if isinstance(old, str):
                payload = payload.replace(json.dumps(old, ensure_ascii=False), json.dumps(_local_link(old, folder)))
        edits.replace(block.inner, payload)
    if data_blocks:
        # The engine's script goes before #quiz-data, so it runs before the shim at the
        # end of the body: the shim replaces window.Worker, and the engine needs the real one.
        edits.insert(data_blocks[0].start[0], f'<script src="{root}{OFFLINE_DIR}/offline-engine.js"></script>\n')
    # Material's search worker needs the shim on file://, loaded before Material's bundle.
    material = doc.first("script", src=_is_material_bundle)
    if material is not None:
        edits.insert(material.start[0], f'<script src="{root}{OFFLINE_DIR}/{SHIM_NAME}"></script>\n      ')
    page.write_text(edits.apply(), encoding="utf-8")


def _is_material_bundle(src: str) -> bool:
    return bool(_MATERIAL_BUNDLE.search(src))


def _local_link(url: str, folder: Path) -> str:
    """The same link, with index.html added where it names a folder of the bundle."""
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return url
    path, _, fragment = url.partition("#")
    path, _, query = path.partition("?")
    if not path:
        return url
    new = _page_link(path, (folder / path / "index.html").is_file())
    return new + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def _page_link(location: str, is_folder: bool) -> str:
    """'recognize/#x' -> 'recognize/index.html#x', '' -> 'index.html', '..' -> '../index.html'."""
    path, hashmark, fragment = location.partition("#")
    if is_folder:
        path = (path if path == "" or path.endswith("/") else path + "/") + "index.html"
    return path + hashmark + fragment


def _check_links(bundle: Path) -> None:
    """Every relative href/src of every page must name a file the bundle holds."""
    errors = []
    for page in sorted(bundle.rglob("*.html")):
        for _, _, url in html.Page(page.read_text(encoding="utf-8")).url_attributes():
            if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
                continue
            path = url.partition("#")[0].partition("?")[0]
            if path and not (page.parent / path).is_file():
                errors.append(
                    BuildError(
                        page,
                        f"link '{url}' names no file of the bundle",
                        "bundle the target or drop the link (scripts/products/bundle.py)",
                    )
                )
    if errors:
        raise BuildErrors(errors) if len(errors) > 1 else errors[0]


def _apply_csp(bundle: Path) -> None:
    """Give every page of the bundle its Content-Security-Policy, in the offline form.

    The bundle's pages differ from the site's (scripts added, links rewritten), so
    scripts/publish/csp.py recomputes each policy with its hashes. A bundle never
    ships without one: a page left without exactly one policy stops the bundle.
    """
    pages = sorted(bundle.rglob("*.html"))
    written = apply_csp(bundle, offline=True)
    unguarded = [p for p in pages if len(policy_metas(html.Page(p.read_text(encoding="utf-8")))) != 1]
    if written != len(pages) or unguarded:
        raise BuildError(
            unguarded[0] if unguarded else bundle,
            "a page of the offline bundle has no single Content-Security-Policy",
            "check scripts/publish/csp.py's apply_csp (it must give every page one policy)",
        )


# ---- Zip ----------------------------------------------------------------------------


def _zip(bundle: Path, target: Path) -> Path:
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in sorted(p for p in bundle.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{NAME}/{file.relative_to(bundle).as_posix()}", date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes(), compresslevel=9)
    partial.replace(target)
    return target


def main() -> int:
    site = Paths().site
    try:
        archive = make_bundle(site, ROOT / "dist")
    except BuildError as error:
        print(f"bundle failed: {error}", file=sys.stderr)
        return 1
    size = archive.stat().st_size
    print(
        f"{archive.relative_to(ROOT)}: {size} bytes ({size / 1_000_000:.2f} MB); "
        f"unpacked in {(archive.parent / NAME).relative_to(ROOT)}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
