"""`make bench`: how fast and how heavy the site is, against PyScript in the same run.

Builds the site into a temporary folder (timed), and the offline bundle when
scripts/products/bundle.py exists; serves it on 127.0.0.1 on two hosts (hosts.py):
the site's own server, which sends files as stored, and nginx (ours with the
generated configuration, PyScript with a stock one); drives /usr/bin/chromium with
Playwright. Every timing is the median of RUNS runs: *cold* is a fresh browser
context (empty cache; through nginx a fresh on-disk profile, so the compiled-wasm
cache counts), *warm* the second visit in the same one. Timings are taken in the
page (performance.now from the navigation start, a MutationObserver, a
PerformanceObserver for long tasks), with the start-up timeline read from the page's
and its workers' performance entries (timeline.py); bytes on the plain server (the
bodies it sent; guide pages' gzip sizes computed at level 6) and, for the quiz
page, what nginx sends for the same files offering gzip and offering brotli.

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
On each host every file of both sides has the same modification time (and on the
plain host the same headers), so warm visits meet the same cache rules. After the
timed runs every answer set of tests/quiz/vectors.json is scored on both sides
(ours through the real form) and the benchmark fails if any result differs.

Prints a table, writes bench/results.json, and exits 1 when a budget (report.BUDGETS)
is missed, naming it. Not part of `make test`: it measures, it does not check
behaviour.

This module builds, serves and runs the whole; what is measured in the browser
(and how) is measure.py, the budgets and the printed report are report.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.paths import ROOT
from scripts.publish import html

from . import hosts
from .hosts import Traffic, counting_handler
from .measure import (
    ENGINE_PAGES,
    PYSCRIPT_PAGES,
    Host,
    compare_results,
    engine_runs,
    failed_download,
    guide_bytes,
    lighthouse_scores,
    offline_ready,
    our_results,
    paste_run,
    pyscript_results,
    submit_times,
    transfer_through,
)
from .report import check_budgets, commit, exit_code, machine, median, summarize, table, timeline_table
from .timeline import wasm_path

RESULTS = ROOT / "bench" / "results.json"
PYSCRIPT_TEMPLATE = ROOT / "bench" / "pyscript"
PYSCRIPT_DIST = ROOT / "node_modules" / "@pyscript" / "core" / "dist"
PYODIDE_STOCK = ROOT / "node_modules" / "pyodide"
RUNS = 5

# --- the server: the site's own, counting what it sends ------------------------------


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
    from scripts.products.bundle import make_bundle

    started = time.perf_counter()
    zip_path = Path(make_bundle(site, work / "dist"))
    result.update(bundle_s=time.perf_counter() - started, bundle_zip=zip_path, bundle_bytes=zip_path.stat().st_size)
    return result


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
        hosts.gzip_copies(target)  # for the stock nginx's gzip_static (hosts.py)


def quiz_definition(page: Path) -> dict:
    """The definition the quiz page hands its engine: the `definition` of its #quiz-data."""
    doc = html.Page(page.read_text(encoding="utf-8"))
    data = doc.first("script", id="quiz-data")
    if data is None:
        raise RuntimeError(f"{page}: no #quiz-data script; the benchmark needs the quiz page's definition")
    return json.loads(doc.inner(data))["definition"]


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


# --- the run: build, serve, measure (measure.py), write ------------------------------


def run(out: Path = RESULTS, runs: int = RUNS) -> int:
    from playwright.sync_api import sync_playwright

    from scripts.deploy import nginx
    from scripts.deploy.settings import Settings
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
        isolated = tuple(path for path, worker in PYSCRIPT_PAGES.items() if worker)
        with (
            serving(site, counting_handler(traffic)) as origin,
            nginx.running(site, Settings(), workers=1) as ours_nginx,
            hosts.stock_nginx(site, isolated=isolated) as pyscript_nginx,
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            settings = [
                Host("plain", dict.fromkeys(ENGINE_PAGES, origin), on_disk=False),
                Host(
                    "nginx",
                    {side: ours_nginx.rstrip("/") if side == "ours" else pyscript_nginx for side in ENGINE_PAGES},
                    on_disk=True,
                ),
            ]
            print(f"Measuring ({runs} rounds: each page cold and warm, on each host, in turns)…", flush=True)
            load_before = os.getloadavg()
            engine, (context, page) = engine_runs(pw, browser, settings, traffic, runs)
            load_after = os.getloadavg()
            transfer = transfers(engine["plain"], settings[1])
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
        print("Lighthouse (mobile, through nginx)…", flush=True)
        lighthouse = lighthouse_scores(site)

    summaries: dict[str, dict[str, Any]] = {
        host: {side: summarize(r) for side, r in sides.items()} for host, sides in engine.items()
    }
    # How the wasm reached Pyodide through nginx, cold and warm (the worker's marks).
    summaries["nginx"]["wasm"] = sorted(
        {wasm_path(r["timeline"]) for kind in ("cold", "warm") for r in engine["nginx"]["ours"][kind]}
    )
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
        **summaries,
        "transfer": transfer,
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
        "lighthouse": lighthouse,
        "paste": paste,
    }
    results["ratios"] = {
        f"{host}_{key}": summaries[host]["ours"][f"ready_{key}_ms"] / summaries[host][side][f"ready_{key}_ms"]
        for host in ("plain", "nginx")
        for key in ("cold", "warm")
        for side in ("pyscript",)
    } | {
        "plain_cold_vs_worker": summaries["plain"]["ours"]["ready_cold_ms"]
        / summaries["plain"]["pyscript_worker"]["ready_cold_ms"],
        "nginx_cold_vs_worker": summaries["nginx"]["ours"]["ready_cold_ms"]
        / summaries["nginx"]["pyscript_worker"]["ready_cold_ms"],
        "nginx_warm_vs_cold": summaries["nginx"]["ours"]["ready_warm_ms"] / summaries["nginx"]["ours"]["ready_cold_ms"],
        "transfer_gzip_vs_pyscript": transfer["ours"]["gzip"] / transfer["pyscript"]["gzip"],
        "transfer_br_vs_gzip": transfer["ours"]["br"] / transfer["ours"]["gzip"],
    }
    verdicts = check_budgets(results)
    print()
    print(f"Machine: {info['cpu']}, {info['cores']} cores, Chromium {info['chromium']}; commit {results['commit']}")
    print(table(results))
    print()
    print(timeline_table(results))
    print()
    print("\n".join(verdicts))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWrote {out}")
    return exit_code(results)


def transfers(plain: dict[str, dict], nginx_host: Host) -> dict[str, dict]:
    """Each side's quiz page transfer: as the plain server sent it (no encoding), and
    what nginx sends for the same files offering gzip only, and (ours) brotli too."""
    out = {}
    for side, runs in plain.items():
        paths = sorted(runs["transfer"]["files"])
        origin = nginx_host.origins[side]
        gzip_only = transfer_through(origin, paths, "gzip, deflate")
        entry = {"raw": runs["transfer"]["raw"], "gzip": gzip_only["bytes"], "gzip_files": gzip_only["files"]}
        if side == "ours":
            brotli = transfer_through(origin, paths, "gzip, deflate, br")
            entry.update(br=brotli["bytes"], br_files=brotli["files"])
        out[side] = entry
    return out


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
