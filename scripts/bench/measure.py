"""The benchmark's measurements in Chromium: what each page is timed and weighed by.

These functions drive a browser (Playwright, /usr/bin/chromium) against the site
that scripts/bench/bench.py has built and is serving, and return plain numbers:

- engine_runs: cold and warm time-to-ready, long tasks, the start-up timeline
  (timeline.py) and bytes of our quiz page and of each PyScript page, taken in
  turns, on each host (hosts.py): the plain server, and nginx (ours with the
  generated configuration, PyScript with a stock one; on-disk profiles, so the
  wasm code cache counts);
- transfer_through: what a host sends for a page's files, offering gzip or brotli;
- submit_times, our_results, pyscript_results, compare_results: submit → result,
  and every answer set scored on both sides, with the differences listed;
- guide_bytes: what each guide page downloads, its Pyodide files named apart;
- failed_download, offline_ready: a refused runtime download, and the offline
  bundle opened from file://;
- lighthouse_scores: Lighthouse on the site through nginx;
- paste_run: a 100,000-character paste into the drafter.

Timings are taken in the page by page_scripts/init.js, installed before any page script
(performance.now from the navigation start, a MutationObserver for data-state, a
PerformanceObserver for long tasks). Bytes come from hosts.py's Traffic, the
server's counter, reset before the visit they weigh.
"""

from __future__ import annotations

import functools
import json
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quiz import you_check
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.i18n import sitemap
from scripts.paths import Paths
from scripts.serve import serving_site

from . import timeline
from .hosts import Traffic

SUBMITS = 20
TIMEOUT_MS = 60_000
#: Every language's guide pages (scripts/i18n/sitemap.py), as URL paths.
SITE = sitemap.load(Paths())
#: The guide pages without the self-assessment: they must load no Pyodide byte.
GUIDE_PAGES = tuple(
    "/" + SITE.url(lang, p.id) for lang in SITE.codes for p in SITE if p.kind == "guide" and p.id != "quiz"
)
#: Pages Lighthouse scores (through nginx): the guide's, the self-assessment's included.
LIGHTHOUSE_PAGES = tuple(SITE.urls(kinds=("guide",)))
#: The pasted letter: 100,000 characters, with a "you" every 10 to 16 (6,000 to 10,000 of them).
PASTE_CHARS = 100_000

#: The baseline pages: URL path → whether PyScript runs Python in a worker.
PYSCRIPT_PAGES = {"/bench-pyscript/": False, "/bench-pyscript-worker/": True}
#: The engine pages timed, by side: ours, and PyScript's two modes.
ENGINE_PAGES = {"ours": "/quiz/", "pyscript": "/bench-pyscript/", "pyscript_worker": "/bench-pyscript-worker/"}

#: The programs run in the measured pages (timings, submits, the paste), kept as files beside this one.
PAGE_SCRIPTS = Path(__file__).with_name("page_scripts")


@functools.cache
def page_script(name: str) -> str:
    return (PAGE_SCRIPTS / name).read_text(encoding="utf-8")


def _watch(context, origins: tuple[str, ...]):
    """Note every request off ``origins`` (context.off_origin). Only noted: a route
    that refused them would also switch off the browser's HTTP cache (Playwright:
    "enabling routing disables http cache") and add a round trip to the driver on
    every request, which would skew both sides' times; the run then fails on any."""
    off_origin: list[str] = []

    def check(request):
        if not request.url.startswith((*origins, "data:", "blob:", "file:")):
            off_origin.append(request.url)

    context.on("request", check)
    context.off_origin = off_origin
    context.add_init_script(page_script("init.js"))
    return context


def new_context(browser, origin: str):
    """A fresh in-memory context (its own empty cache), watched for requests off ``origin``."""
    return _watch(browser.new_context(), (origin,))


def visit(context, url: str) -> dict:
    """Open ``url``; wait for its engine (if any) to be ready; return the page's numbers,
    with its start-up timeline (timeline.py)."""
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
    workers = []
    for worker in page.workers:
        try:
            workers.append(worker.evaluate(page_script("timeline.js")))
        except Exception:
            continue
    numbers["timeline"] = timeline.steps(page.evaluate(page_script("timeline.js")), workers, numbers)
    return numbers


@dataclass
class Host:
    """One of the two settings (hosts.py): where each side's pages are served, and
    whether each run gets a fresh on-disk profile (nginx: Chromium keeps compiled
    wasm in the profile's code cache, which an in-memory context never has) or a
    fresh in-memory context (plain)."""

    name: str
    origins: dict[str, str]  # side (ENGINE_PAGES) -> origin, no trailing slash
    on_disk: bool


def _context(pw, browser, host: Host, side: str, profile: str):
    if host.on_disk:
        context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        return _watch(context, (host.origins[side],))
    return new_context(browser, host.origins[side])


def engine_runs(pw, browser, hosts: list[Host], traffic: Traffic, runs: int) -> tuple[dict, tuple[Any, Any]]:
    """``runs`` rounds; in each, for every host, a cold visit (fresh context or profile)
    and a warm one (the same again) of our quiz page and of each PyScript page, taken
    in turns so that a change in the machine's load hits all alike. The plain host's
    bytes are from each side's first cold visit (bench.py's server counts them).

    Returns ({host: {side: {"cold": [...], "warm": [...], "transfer": ...}}}, (context,
    page) of our last warm visit on the first host, left open for the submit runs).
    """
    out: dict[str, dict[str, dict[str, Any]]] = {
        host.name: {side: {"cold": [], "warm": [], "transfer": None} for side in ENGINE_PAGES} for host in hosts
    }
    last: tuple[Any, Any] | None = None
    for run in range(runs):
        for host in hosts:
            for side, path in ENGINE_PAGES.items():
                into = out[host.name][side]
                keep = host is hosts[0] and side == "ours" and run == runs - 1
                with tempfile.TemporaryDirectory(prefix="pk-bench-profile-") as profile:
                    context = _context(pw, browser, host, side, profile)
                    traffic.reset()
                    cold = visit(context, host.origins[side] + path)
                    if host is hosts[0] and into["transfer"] is None:
                        into["transfer"] = traffic.totals()
                    cold.pop("page").close()
                    warm = visit(context, host.origins[side] + path)
                    if context.off_origin:
                        raise RuntimeError(f"{host.name} {path}: requests off the origin: {context.off_origin}")
                    into["cold"].append(cold)
                    into["warm"].append(warm)
                    page = warm.pop("page")
                    if keep:
                        last = (context, page)
                    else:
                        context.close()
            times = ", ".join(
                f"{side} {r['cold'][-1]['ready']:.0f}/{r['warm'][-1]['ready']:.0f}"
                for side, r in out[host.name].items()
            )
            print(f"  run {run + 1}/{runs}, {host.name}: {times} ms (cold/warm)", flush=True)
    assert last is not None, "runs must be 1 or more"  # the last run keeps our page open
    return out, last


def transfer_through(origin: str, paths: list[str], accept: str) -> dict:
    """What a host sends for ``paths`` (what a cold visit loaded) to a browser offering
    ``accept``: the bodies as sent (not inflated), summed, and each file's encoding."""
    files = {}
    for path in paths:
        request = urllib.request.Request(origin + path, headers={"Accept-Encoding": accept})
        with urllib.request.urlopen(request, timeout=60) as response:
            files[path] = {"bytes": len(response.read()), "encoding": response.headers.get("Content-Encoding", "")}
    return {"bytes": sum(f["bytes"] for f in files.values()), "files": files}


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

    out = {}
    with serving_site(site, "nginx") as url:
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
    # A "you" of the page's language (the source's, the page is /quiz/): its shortest form,
    # between digits and a comma, which belong to no script: a filler in another script
    # (Latin around Cyrillic) would split the text into thousands of shaping runs and
    # measure the browser's text layout instead of the drafter.
    forms = you_check.read_forms(SITE.source.you_file.read_text("utf-8"), str(SITE.source.you_file))
    word = min(forms, key=lambda form: (len(form), form))
    return page.evaluate(page_script("paste.js"), {"chars": PASTE_CHARS, "unit": f"1234567890, {word} ", "word": word})
