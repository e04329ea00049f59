"""The benchmark's measurements in Chromium: what each page is timed and weighed by.

These functions drive a browser (Playwright, /usr/bin/chromium) against the site
that scripts/bench/bench.py has built and is serving, and return plain numbers:

- engine_runs: cold and warm time-to-ready, long tasks and bytes of our quiz page
  and of each PyScript page, taken in turns;
- submit_times, our_results, pyscript_results, compare_results: submit → result,
  and every answer set scored on both sides, with the differences listed;
- guide_bytes: what each guide page downloads, its Pyodide files named apart;
- failed_download, offline_ready: a refused runtime download, and the offline
  bundle opened from file://;
- nginx_runs, lighthouse_scores: the site through nginx with the generated
  configuration (on-disk profiles, so the wasm code cache counts), and Lighthouse;
- paste_run: a 100,000-character paste into the drafter.

Timings are taken in the page by page_scripts/init.js, installed before any page script
(performance.now from the navigation start, a MutationObserver for data-state, a
PerformanceObserver for long tasks). Bytes come from bench.py's Traffic, the
server's counter, reset before the visit they weigh.
"""

from __future__ import annotations

import functools
import json
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.i18n import languages
from scripts.paths import Paths

from .report import median

if TYPE_CHECKING:
    # Only for the annotations: bench.py imports this module to run it.
    from .bench import Traffic

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

#: The baseline pages: URL path → whether PyScript runs Python in a worker.
PYSCRIPT_PAGES = {"/bench-pyscript/": False, "/bench-pyscript-worker/": True}

#: The programs run in the measured pages (timings, submits, the paste), kept as files beside this one.
PAGE_SCRIPTS = Path(__file__).with_name("page_scripts")


@functools.cache
def page_script(name: str) -> str:
    return (PAGE_SCRIPTS / name).read_text(encoding="utf-8")


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
    context.add_init_script(page_script("init.js"))
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
    return page.evaluate(page_script("submit.js"), SUBMITS)


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
        context.add_init_script(page_script("init.js"))
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
                context.add_init_script(page_script("init.js"))
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
    return page.evaluate(page_script("paste.js"), PASTE_CHARS)
