"""`make bench`: how fast and how heavy the site is, against PyScript in the same run.

Builds the site into a temporary folder (timed), and the offline bundle when
scripts/publish/bundle.py exists; serves it on 127.0.0.1 with the site's own server;
drives /usr/bin/chromium with Playwright. Every timing is the median of RUNS
runs: *cold* is a fresh browser context (empty cache), *warm* the second visit
in the same context. Timings are taken in the page (performance.now from the
navigation start, a MutationObserver, a PerformanceObserver for long tasks),
bytes on the server (the bodies it sent; gzip sizes computed at level 6, since
the test server does not compress).

The baseline loads the same engine wheel and makes the same scoring calls through
PyScript and the same Pyodide as the site, all self-hosted (bench/pyscript/), in two
configurations: PyScript's default (Python on the main thread) and its worker mode
(`<script type="py" worker>`, Python in a worker; its page is served
cross-origin-isolated, which that mode needs to reach the DOM), so our main thread
is compared with PyScript at its best, not only its default.

The protocol, the same on both sides: the timed window runs from navigation start
to the page's engine element getting data-state="ready". Before "ready" each side
does only what the scoring call needs: fetch the engine wheel, put it on sys.path
(zipimport) and import quiz.api. Everything else — json, the definition (both use
the quiz page's own #quiz-data), the answers, the scoring calls — comes after.
Every file of both sides is served by the same server with the same headers and
the same modification time, so warm visits meet the same cache rules. After the
timed runs every answer set of tests/quiz/vectors.json is scored on both sides
(ours through the real form) and the benchmark fails if any result differs.

Prints a table, writes bench/results.json, and exits 1 when a budget (report.BUDGETS)
is missed, naming it. Not part of `make test`: it measures, it does not check
behaviour.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.i18n import languages
from scripts.paths import Paths

from .report import check_budgets, commit, exit_code, machine, median, summarize, table

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results.json"
PYSCRIPT_TEMPLATE = ROOT / "bench" / "pyscript"
PYSCRIPT_DIST = ROOT / "node_modules" / "@pyscript" / "core" / "dist"
PYODIDE_STOCK = ROOT / "node_modules" / "pyodide"
RUNS = 5
SUBMITS = 20
TIMEOUT_MS = 60_000
#: Every language's folder ("" for Russian, "en/"): content/translations/languages.toml.
LANG_PREFIXES = tuple(lang.prefix for lang in languages.load(Paths().languages))
GUIDE_PAGES = tuple(f"/{prefix}{page}" for prefix in LANG_PREFIXES for page in ("", "recognize/", "part-ways/"))
#: Pages Lighthouse scores (through nginx).
LIGHTHOUSE_PAGES = tuple(
    f"{prefix}{page}" for prefix in LANG_PREFIXES for page in ("", "recognize/", "part-ways/", "quiz/")
)
#: The pasted letter: 100,000 characters, with a "you" every 10 to 16 (6,000 to 10,000 of them).
PASTE_CHARS = 100_000

# Installed before any page script: records when the questions are first
# visible (checked every frame, just before paint), when an engine element gets
# data-state="ready", and every long main-thread task.
INIT_SCRIPT = r"""
(() => {
  const bench = (window.__bench = { longtasks: [], questions: null, ready: null, failed: null, worker: null });
  // Our engine worker reports {type: "ready", ms, python_ms}: keep it, and when the
  // worker was started, to split time-to-ready into its parts.
  if (window.Worker) {
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        const started = performance.now();
        this.addEventListener("message", (e) => {
          if (e.data && e.data.type === "ready" && bench.worker === null) {
            bench.worker = { started, ms: e.data.ms, python_ms: e.data.python_ms };
          }
        });
      }
    };
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  const frame = () => {
    const q = document.querySelector("#assessment fieldset");
    if (q && q.getBoundingClientRect().height > 0) bench.questions = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new MutationObserver(() => {
    const el = document.querySelector("#quiz-engine, #engine");
    if (!el) return;
    const state = el.getAttribute("data-state");
    if (state === "ready" && bench.ready === null) bench.ready = performance.now();
    if (state === "failed" && bench.failed === null) bench.failed = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"], childList: true });
})();
"""

# Submits the filled form `count` times, timing each submit → data-verdict in the page.
SUBMIT_SCRIPT = r"""
async (count) => {
  const form = document.getElementById("assessment");
  const out = document.getElementById("quiz-result");
  const times = [];
  for (let i = 0; i < count; i++) {
    const done = new Promise((resolve, reject) => {
      const obs = new MutationObserver(() => {
        if (out.hasAttribute("data-verdict")) { obs.disconnect(); resolve(performance.now()); }
      });
      obs.observe(out, { attributes: true, attributeFilter: ["data-verdict"] });
      setTimeout(() => reject(new Error("no result within 60 s of a submit")), 60000);
    });
    const t0 = performance.now();
    form.requestSubmit();
    times.push((await done) - t0);
    await new Promise((r) => setTimeout(r, 50));  // let the page settle between submits
  }
  return { times, verdict: out.getAttribute("data-verdict") };
}
"""


# --- the server: the site's own, counting what it sends ------------------------------


class Traffic:
    """Files the server sent since the last reset: [(url path, bytes, file path)]."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int, str]] = []
        self._gzip: dict[str, int] = {}

    def reset(self) -> None:
        with self.lock:
            self.sent = []

    def add(self, path: str, size: int, file: str) -> None:
        with self.lock:
            self.sent.append((path, size, file))

    def gzip_size(self, file: str) -> int:
        if file not in self._gzip:
            self._gzip[file] = len(gzip.compress(Path(file).read_bytes(), compresslevel=6))
        return self._gzip[file]

    def totals(self) -> dict:
        with self.lock:
            sent = list(self.sent)
        return {
            "requests": len(sent),
            "raw": sum(size for _, size, _ in sent),
            "gzip": sum(self.gzip_size(file) for _, _, file in sent),
            "files": {path: size for path, size, _ in sorted(sent)},
        }


def counting_handler(traffic: Traffic):
    """The site server's request handler, noting in ``traffic`` each file it sends."""
    from scripts.serve import Handler

    class Counting(Handler):
        def end_headers(self) -> None:
            # PyScript's worker mode reaches the DOM through SharedArrayBuffer, which
            # a page has only when cross-origin isolated: give its page what it needs.
            if urlsplit(self.path).path.startswith("/bench-pyscript-worker/"):
                self.send_header("Cross-Origin-Opener-Policy", "same-origin")
                self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            super().end_headers()

        def send_head(self):
            f = super().send_head()
            if f is not None and isinstance(getattr(f, "name", None), str):
                # f is the file sent (a folder's index.html for a folder URL).
                traffic.add(urlsplit(self.path).path, os.fstat(f.fileno()).st_size, f.name)
            return f

    return Counting


# --- build --------------------------------------------------------------------------


def build_site(work: Path) -> dict:
    from scripts.assessment.precompress import CACHE_DIR
    from scripts.build import build

    site = work / "site"
    # The first build compresses the runtime (zopfli, ~20 s) and keeps the result
    # in .cache/; later builds reuse it. Say which one was timed.
    first = not any(CACHE_DIR.glob("*.gz"))
    started = time.perf_counter()
    build(site_dir=site)
    result = {
        "site": site,
        "build_s": time.perf_counter() - started,
        "first_build": first,
        "bundle_s": None,
        "bundle_zip": None,
        "bundle_bytes": None,
    }
    from scripts.publish.bundle import make_bundle

    started = time.perf_counter()
    zip_path = Path(make_bundle(site, work / "dist"))
    result.update(bundle_s=time.perf_counter() - started, bundle_zip=zip_path, bundle_bytes=zip_path.stat().st_size)
    return result


#: The baseline pages: URL path → whether PyScript runs Python in a worker.
PYSCRIPT_PAGES = {"/bench-pyscript/": False, "/bench-pyscript-worker/": True}
#: Every served file gets this modification time, so both sides meet the same
#: cache rules (a browser's heuristic freshness grows with a file's age).
SERVED_MTIME = 1_700_000_000


def add_pyscript_pages(site: Path) -> None:
    """Copy the baseline page (both modes), PyScript's own files, the stock Pyodide,
    the site's own engine wheel and the quiz page's definition into the site."""
    for needed in (PYSCRIPT_TEMPLATE / "index.html", PYSCRIPT_DIST / "core.js", PYODIDE_STOCK / "pyodide.mjs"):
        if not needed.is_file():
            raise FileNotFoundError(f"'{needed}' is missing: run `make setup` (npm ci) in the project root.")
    wheels = sorted(site.rglob("parting_kit_quiz-*.whl"))
    if not wheels:
        raise FileNotFoundError(
            f"no engine wheel (parting_kit_quiz-*.whl) in the built site {site}: the build is broken"
        )
    definition = quiz_definition(site / "quiz" / "index.html")
    vectors = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text(encoding="utf-8"))
    for path, worker in PYSCRIPT_PAGES.items():
        target = site / path.strip("/")
        shutil.copytree(PYSCRIPT_TEMPLATE, target)
        if worker:
            page = target / "index.html"
            html = page.read_text(encoding="utf-8")
            page.write_text(html.replace('<script type="py" ', '<script type="py" worker ', 1), encoding="utf-8")
        shutil.copytree(PYSCRIPT_DIST, target / "pyscript", ignore=shutil.ignore_patterns("*.map"))
        (target / "pyodide").mkdir()
        # What PyScript loads of Pyodide: the stock files, its lock file included.
        for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
            shutil.copy2(PYODIDE_STOCK / name, target / "pyodide" / name)
        shutil.copy2(wheels[0], target / "engine.whl")
        (target / "definition.json").write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
        (target / "answers.json").write_text(json.dumps(answer_sets(vectors)), encoding="utf-8")


def quiz_definition(page: Path) -> dict:
    """The definition the quiz page hands its engine: the `definition` of its #quiz-data."""
    import re

    match = re.search(r'<script[^>]*id="?quiz-data"?[^>]*>(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    if not match:
        raise RuntimeError(f"{page}: no #quiz-data script; the benchmark needs the quiz page's definition")
    return json.loads(match.group(1))["definition"]


def answer_sets(vectors: list[dict]) -> list[dict]:
    """Every answer set of the vectors, the "keep" one first (see keep_vector)."""
    first = keep_vector(vectors)
    return [first["answers"]] + [v["answers"] for v in vectors if v is not first]


def keep_vector(vectors: list[dict]) -> dict:
    # A "keep" answer set: no drafter follows it, so submits time the scoring alone.
    return next(v for v in vectors if v["expected"]["verdict"] == "keep")


def same_mtime(site: Path) -> None:
    for path in site.rglob("*"):
        os.utime(path, (SERVED_MTIME, SERVED_MTIME), follow_symlinks=False)


# --- the browser --------------------------------------------------------------------


def new_context(browser, origin: str):
    context = browser.new_context()
    # Nothing may leave the machine: anything off the origin is refused and noted.
    off_origin: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith((origin, "data:", "blob:", "file:")):
            route.continue_()
        else:
            off_origin.append(url)
            route.abort()

    context.route("**/*", guard)
    context.off_origin = off_origin
    context.add_init_script(INIT_SCRIPT)
    return context


def visit(context, url: str) -> dict:
    """Open ``url``; wait for its engine (if any) to be ready; return the page's numbers."""
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.__bench.ready !== null || window.__bench.failed !== null", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    numbers = page.evaluate("() => window.__bench")
    numbers["page"] = page
    if numbers["failed"] is not None:
        raise RuntimeError(f"{url}: the engine failed (data-state=failed)")
    ready = numbers["ready"]
    during = [t for t in numbers["longtasks"] if t["start"] < ready]
    numbers["longest_task"] = max((t["duration"] for t in during), default=0.0)
    numbers["tbt"] = sum(max(0.0, t["duration"] - 50) for t in during)
    return numbers


def engine_run(browser, origin: str, path: str, traffic: Traffic, keep_open: bool = False) -> dict:
    """One cold visit (fresh context) and one warm visit (same context) of an engine page."""
    context = new_context(browser, origin)
    traffic.reset()
    cold = visit(context, origin + path)
    transfer = traffic.totals()
    cold.pop("page").close()
    warm = visit(context, origin + path)
    if context.off_origin:
        raise RuntimeError(f"{path}: requests off the origin: {context.off_origin}")
    page = warm.pop("page")
    if not keep_open:
        context.close()
    return {"cold": cold, "warm": warm, "transfer": transfer, "context": context, "page": page}


def engine_runs(browser, origin: str, traffic: Traffic, runs: int) -> tuple[dict, dict, tuple[Any, Any]]:
    """``runs`` cold + warm visits of our quiz page and of each PyScript page, taken in
    turns so that a change in the machine's load hits all alike. Bytes are from the
    first cold visit. Returns (ours, {pyscript path: runs}, (context, page) of our
    last warm visit)."""
    ours: dict[str, Any] = {"cold": [], "warm": [], "transfer": None}
    theirs: dict[str, dict[str, Any]] = {path: {"cold": [], "warm": [], "transfer": None} for path in PYSCRIPT_PAGES}
    last: tuple[Any, Any] | None = None
    for run in range(runs):
        for path, into in (("/quiz/", ours), *theirs.items()):
            keep = path == "/quiz/" and run == runs - 1
            done = engine_run(browser, origin, path, traffic, keep_open=keep)
            into["cold"].append(done["cold"])
            into["warm"].append(done["warm"])
            into["transfer"] = into["transfer"] or done["transfer"]
            if keep:
                last = (done["context"], done["page"])
        print(
            f"  run {run + 1}/{runs}: ours {ours['cold'][-1]['ready']:.0f} ms cold, PyScript "
            + ", ".join(f"{path.strip('/')} {r['cold'][-1]['ready']:.0f} ms" for path, r in theirs.items()),
            flush=True,
        )
    assert last is not None, "runs must be 1 or more"  # the last run keeps our page open
    return ours, theirs, last


def our_results(page, sets: list[dict]) -> list[dict]:
    """Score every answer set through our real form; the result element's data."""
    out = []
    for answers in sets:
        page.evaluate("() => document.getElementById('assessment').reset()")
        for question, option in answers.items():
            page.check(f'#assessment input[name="{question}"][value="{option}"]')
        page.evaluate("() => document.getElementById('quiz-result').removeAttribute('data-verdict')")
        page.evaluate("() => document.getElementById('assessment').requestSubmit()")
        page.wait_for_function(
            "() => document.getElementById('quiz-result').hasAttribute('data-verdict')", timeout=TIMEOUT_MS
        )
        data = page.evaluate("""() => { const o = document.getElementById('quiz-result');
            return {verdict: o.getAttribute('data-verdict'), score: Number(o.getAttribute('data-score')),
                    max_score: Number(o.getAttribute('data-max-score'))}; }""")
        out.append(data)
    return out


def pyscript_results(browser, origin: str, path: str) -> list[dict]:
    context = new_context(browser, origin)
    page = context.new_page()
    page.goto(origin + path)
    page.wait_for_function("() => document.getElementById('engine').hasAttribute('data-results')", timeout=TIMEOUT_MS)
    results = json.loads(page.get_attribute("#engine", "data-results") or "[]")
    context.close()
    return results


def compare_results(sets: list[dict], ours: list[dict], theirs: dict[str, list[dict]]) -> list[str]:
    """Every answer set on which a PyScript page's result differs from ours."""
    differences = []
    for path, results in theirs.items():
        if len(results) != len(sets):
            differences.append(f"{path}: {len(results)} results for {len(sets)} answer sets")
            continue
        for i, (a, b) in enumerate(zip(ours, results, strict=True)):
            if a != b:
                differences.append(f"{path}, answer set {i}: ours {a}, PyScript {b}")
    return differences


def guide_bytes(browser, origin: str, traffic: Traffic) -> dict:
    pages = {}
    for path in GUIDE_PAGES:
        context = new_context(browser, origin)
        page = context.new_page()
        traffic.reset()
        page.goto(origin + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        totals = traffic.totals()
        totals["pyodide_files"] = [f for f in totals["files"] if "/pyodide/" in f or f.endswith((".wasm", ".whl"))]
        pages[path] = totals
        context.close()
    return pages


def submit_times(page, answers: dict) -> dict:
    for question, option in answers.items():
        page.check(f'#assessment input[name="{question}"][value="{option}"]')
    return page.evaluate(SUBMIT_SCRIPT, SUBMITS)


def offline_ready(browser, bundle_zip: Path, work: Path, runs: int) -> list[float] | None:
    """Cold time-to-ready of the bundle's Russian quiz page opened from file://."""
    folder = work / "offline"
    with zipfile.ZipFile(bundle_zip) as zf:
        zf.extractall(folder)
    pages = sorted(folder.rglob("quiz/index.html"), key=lambda p: len(p.parts))
    if not pages:
        raise RuntimeError(f"{bundle_zip}: no quiz/index.html inside")
    times = []
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(INIT_SCRIPT)
        numbers = visit(context, pages[0].as_uri())
        times.append(numbers["ready"])
        context.close()
    return times


def nginx_runs(pw, site: Path, runs: int) -> dict:
    """Cold and warm time-to-ready of /quiz/ served by nginx with the generated
    configuration (the runtime arrives with Content-Encoding, so the worker lets
    the browser stream-compile the wasm). Each run is a fresh on-disk profile:
    Chromium keeps compiled wasm in the profile's code cache, which an in-memory
    context (browser.new_context) never has. Returns the runs and how the wasm
    arrived (the worker's performance marks)."""
    from scripts.publish.deploy import nginx
    from scripts.publish.deploy.settings import Settings

    cold: list[Any] = []
    warm: list[Any] = []
    paths: list[Any] = []
    with nginx.running(site, Settings(), workers=1) as url:
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="pk-bench-profile-") as profile:
                context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context.add_init_script(INIT_SCRIPT)
                for into in (cold, warm):
                    numbers = visit(context, url + "quiz/")
                    page = numbers.pop("page")
                    marks = [
                        m
                        for w in page.workers
                        for m in w.evaluate("performance.getEntriesByType('mark').map(m => m.name)")
                    ]
                    paths.append(
                        "streamed"
                        if "parting-kit:wasm-streamed" in marks
                        else "inflated"
                        if "parting-kit:wasm-inflated" in marks
                        else "unknown"
                    )
                    page.close()
                    into.append(numbers)
                context.close()
    return {
        "ready_cold_ms": median(r["ready"] for r in cold),
        "ready_warm_ms": median(r["ready"] for r in warm),
        "ready_cold_runs_ms": [round(r["ready"], 1) for r in cold],
        "ready_warm_runs_ms": [round(r["ready"], 1) for r in warm],
        "longest_task_ms": max(r["longest_task"] for r in cold + warm),
        "wasm": sorted(set(paths)),
    }


def failed_download(browser, origin: str, runs: int) -> list[float]:
    """Time from navigation to data-state="failed" on /quiz/ when the interpreter's
    download is refused (as a proxy that blocks .wasm would)."""
    times = []
    for _ in range(runs):
        context = new_context(browser, origin)
        context.route("**/*.wasm*", lambda route: route.abort())
        page = context.new_page()
        page.goto(origin + "/quiz/")
        page.wait_for_function(
            "() => window.__bench.failed !== null || window.__bench.ready !== null", timeout=TIMEOUT_MS
        )
        numbers = page.evaluate("() => window.__bench")
        if numbers["failed"] is None:
            raise RuntimeError("/quiz/: the engine got ready although its wasm download was refused")
        times.append(numbers["failed"])
        context.close()
    return times


def lighthouse_scores(site: Path) -> dict:
    """Lighthouse's mobile performance score of every page, through nginx."""
    from scripts.audit import lighthouse
    from scripts.publish.deploy import nginx
    from scripts.publish.deploy.settings import Settings

    out = {}
    with nginx.running(site, Settings(), workers=1) as url:
        for path in LIGHTHOUSE_PAGES:
            report = lighthouse.performance(url + path)
            out["/" + path] = {
                "score": report["score"],
                "metrics": report["metrics"],
                "benchmark_index": report["benchmark_index"],
            }
            print(f"  Lighthouse /{path}: performance {report['score']}", flush=True)
    return out


# Pastes a long letter into the drafter's message box (as a paste does: one input
# event) and waits for the "you" count; returns the main-thread tasks meanwhile.
PASTE_SCRIPT = r"""
async (chars) => {
  const box = document.querySelector("#quiz-draft textarea.pk-draft__text");
  const section = document.getElementById("quiz-draft");
  // A "you" of the page's language every few words (the checker looks for the
  // draft's language); the last unit may be cut, so count what was pasted.
  const [unit, word] = document.documentElement.lang.startsWith("ru") ? ["Добрый день, вы ", /вы /g]
                                                                       : ["Hello you ", /you /g];
  const text = unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  const expected = String((text.match(word) || []).length);
  const t0 = performance.now();
  box.value = text;
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  const deadline = t0 + 60000;
  await new Promise((resolve, reject) => {
    const check = () => {
      if (section.getAttribute("data-you") === expected) resolve();
      else if (performance.now() > deadline) {
        reject(new Error(`the drafter counted ${section.getAttribute("data-you")} "you", not ${expected}`));
      } else setTimeout(check, 20);
    };
    check();
  });
  await new Promise((r) => setTimeout(r, 300));  // let the mirror and the count settle
  // One more keystroke after the paste: the check runs again on the long text.
  box.value += " you";
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: " you" }));
  await new Promise((r) => setTimeout(r, 500));
  const tasks = window.__bench.longtasks.filter((t) => t.start >= t0);
  return { ms: performance.now() - t0, count: Number(expected),
           longest_task: Math.max(0, ...tasks.map((t) => t.duration)), tasks: tasks.length };
}
"""


def paste_run(page, vectors: list[dict]) -> dict:
    """Score a part-ways answer set on our page, then paste PASTE_CHARS characters
    into the drafter's message; the longest main-thread task from the paste on."""
    part_ways = next(v for v in vectors if v["expected"]["verdict"] == "part-ways")
    page.evaluate("() => document.getElementById('assessment').reset()")
    for question, option in part_ways["answers"].items():
        page.check(f'#assessment input[name="{question}"][value="{option}"]')
    page.evaluate("() => document.getElementById('assessment').requestSubmit()")
    page.wait_for_selector("#quiz-draft textarea.pk-draft__text", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.getElementById('quiz-draft').hasAttribute('data-you')", timeout=TIMEOUT_MS)
    return page.evaluate(PASTE_SCRIPT, PASTE_CHARS)


def run(out: Path = RESULTS, runs: int = RUNS) -> int:
    from playwright.sync_api import sync_playwright

    from scripts.serve import serving

    measured = commit()  # before the run: the tree may move on while it measures
    with tempfile.TemporaryDirectory(prefix="pk-bench-") as scratch:
        work = Path(scratch)
        print("Building the site and the offline bundle…", flush=True)
        built = build_site(work)
        site = built["site"]
        add_pyscript_pages(site)
        same_mtime(site)
        traffic = Traffic()
        vectors = json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text(encoding="utf-8"))
        sets = answer_sets(vectors)
        with serving(site, counting_handler(traffic)) as origin, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"Measuring on {origin} ({runs} cold + warm runs each)…", flush=True)
            load_before = os.getloadavg()
            ours_runs, ps_runs, (context, page) = engine_runs(browser, origin, traffic, runs)
            load_after = os.getloadavg()
            print("Submit → result, and every answer set on both sides…", flush=True)
            submits = submit_times(page, keep_vector(vectors)["answers"])
            # Both engines score every answer set; any difference fails the run.
            ours_results = our_results(page, sets)
            print("A 100,000-character paste into the drafter…", flush=True)
            paste = paste_run(page, vectors)
            context.close()
            theirs = {path: pyscript_results(browser, origin, path) for path in PYSCRIPT_PAGES}
            print("Guide pages, a refused runtime download, the offline bundle…", flush=True)
            guides = guide_bytes(browser, origin, traffic)
            failed = failed_download(browser, origin, runs)
            offline = offline_ready(browser, built["bundle_zip"], work, runs)
            info = machine(browser)
            browser.close()
            print("Through nginx (cold and warm, on-disk profiles)…", flush=True)
            through_nginx = nginx_runs(pw, site, runs)
        print("Lighthouse (mobile, through nginx)…", flush=True)
        lighthouse = lighthouse_scores(site)

    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": measured,
        "machine": info,
        # Other work on the machine slows every number; the load average says how much.
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(load_after[0], 2)},
        "runs": runs,
        "build": {
            "build_s": built["build_s"],
            "first_build": built["first_build"],
            "bundle_s": built["bundle_s"],
            "bundle_bytes": built["bundle_bytes"],
        },
        "ours": summarize(ours_runs),
        "pyscript": summarize(ps_runs["/bench-pyscript/"]),
        "pyscript_worker": summarize(ps_runs["/bench-pyscript-worker/"]),
        "submit": {
            "median_ms": median(submits["times"]),
            "runs_ms": [round(t, 1) for t in submits["times"]],
            "verdict": submits["verdict"],
        },
        "answer_sets": len(sets),
        "our_results": ours_results,
        "differences": compare_results(sets, ours_results, theirs),
        "guide_pages": guides,
        "offline_ready_cold_ms": median(offline) if offline else None,
        "failed_download_ms": median(failed),
        "nginx": through_nginx,
        "lighthouse": lighthouse,
        "paste": paste,
    }
    results["ratios"] = {
        "ready_cold": results["ours"]["ready_cold_ms"] / results["pyscript"]["ready_cold_ms"],
        "ready_warm": results["ours"]["ready_warm_ms"] / results["pyscript"]["ready_warm_ms"],
        "ready_cold_vs_worker": results["ours"]["ready_cold_ms"] / results["pyscript_worker"]["ready_cold_ms"],
        "transfer_gzip": results["ours"]["transfer_gzip_bytes"] / results["pyscript"]["transfer_gzip_bytes"],
        "nginx_warm_vs_cold": through_nginx["ready_warm_ms"] / through_nginx["ready_cold_ms"],
    }
    verdicts = check_budgets(results)
    print()
    print(f"Machine: {info['cpu']}, {info['cores']} cores, Chromium {info['chromium']}; commit {results['commit']}")
    print(table(results))
    print()
    print("\n".join(verdicts))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWrote {out}")
    return exit_code(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    parser.add_argument(
        "--runs", type=int, default=RUNS, help=f"cold + warm runs per page (default {RUNS}, at least 5)"
    )
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    return run(args.out, args.runs)


if __name__ == "__main__":
    sys.exit(main())
