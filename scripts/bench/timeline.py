"""The start-up timeline: where the time from navigation to "ready" goes.

Read from a measured page once its engine is ready (page_scripts/timeline.js, run in
the page and in each of its workers): the navigation's own timing, every resource
fetched (request start, response end), and the User Timing marks. Ours are the
engine's own (web/quiz/lib/worker-timeline.js: "parting-kit:<step>"); PyScript's page
has the three its main.py sets (Python running, wheel fetched, quiz.api imported).
Worker times are moved onto the page's clock (each global's time origin differs).

``steps`` turns one visit into {step: ms from navigation start}; ``medians`` takes
the median of each step over the cold runs; ``table`` prints the README's table,
with each step's time and, in brackets, how long after the latest step before it
it came (downloads overlap: a file row shows when it was requested and received).
"""

from __future__ import annotations

import statistics
from typing import Any

#: The rows, in the order things happen: (label, step key). A file row's key names
#: the file; its cell shows when it was requested and when it was received.
ROWS = (
    ("HTML received", "html-received"),
    ("HTML parsed (DOM interactive)", "html-parsed"),
    ("page script runs (quiz.js starts the engine; PyScript: core.js received)", "page-script"),
    ("worker created", "worker-created"),
    ("worker script running", "worker-run"),
    ("pyodide.mjs (loader) requested → received", "file:pyodide.mjs"),
    ("pyodide.asm.mjs (Emscripten module) requested → received", "file:pyodide.asm.mjs"),
    ("python_stdlib.zip requested → received", "file:python_stdlib.zip"),
    ("pyodide.asm.wasm requested → received", "file:pyodide.asm.wasm"),
    ("wasm compiled and instantiated", "compiled"),
    ("interpreter started (Python's main() done)", "interpreter-started"),
    ("Pyodide ready (its bootstrap imports done; PyScript: main.py runs)", "python-ready"),
    ("engine wheel requested → received", "wheel"),
    ("quiz.api imported", "engine-imported"),
    ('"ready" (the page sees data-state="ready")', "ready"),
)

#: Mark names (without "parting-kit:") -> step keys, where they differ. A file's row
#: is the browser's own record of its request and response (Resource Timing): the
#: worker's marks on the same files (received, wheel verified) come when its thread
#: gets round to them, late while Python starts; they stay in results.json.
_MARKS = {
    "engine-start": "page-script",
    "pyodide-ready": "python-ready",
    "python-running": "python-ready",  # PyScript's main.py, first line
}


def _file_key(url: str) -> str | None:
    name = url.split("?")[0].rsplit("/", 1)[-1]
    if name.endswith(".whl"):
        return "wheel"
    name = name.removesuffix(".gz")
    if name in ("pyodide.mjs", "pyodide.asm.mjs", "python_stdlib.zip", "pyodide.asm.wasm"):
        return f"file:{name}"
    if name == "core.js":
        return "page-script:core"
    return None


def steps(page_entries: dict[str, Any], workers: list[dict[str, Any]], bench: dict[str, Any]) -> dict[str, float]:
    """One visit's steps, in ms from the page's navigation start.

    Arguments:
        page_entries: timeline.js's answer in the page.
        workers: its answer in each of the page's workers.
        bench: the page's ``window.__bench`` (page_scripts/init.js).
    """
    out: dict[str, float] = {}
    origin = page_entries["origin"]
    navigation = page_entries.get("navigation") or {}
    if navigation:
        out["html-received"] = navigation["responseEnd"]
        out["html-parsed"] = navigation["domInteractive"]
    for entries in (page_entries, *workers):
        offset = entries["origin"] - origin
        for resource in entries["resources"]:
            key = _file_key(resource["name"])
            if key is not None:
                out.setdefault(f"{key}:start", resource["start"] + offset)
                out.setdefault(f"{key}:end", resource["end"] + offset)
        for mark in entries["marks"]:
            name = mark["name"].removeprefix("parting-kit:")
            if name != mark["name"]:
                out[_MARKS.get(name, name)] = mark["at"] + offset
    if "page-script" not in out and "page-script:core:end" in out:
        out["page-script"] = out["page-script:core:end"]
    created = [w["at"] for w in bench.get("workers") or [] if "/workers/search" not in w["url"]]
    if created:
        out["worker-created"] = created[0]
    if bench.get("ready") is not None:
        out["ready"] = bench["ready"]
    return out


def medians(visits: list[dict[str, float]]) -> dict[str, float]:
    """The median of each step over the visits that have it."""
    keys = sorted({key for visit in visits for key in visit})
    return {key: round(statistics.median(v[key] for v in visits if key in v), 1) for key in keys}


def cell(timeline: dict[str, float] | None, key: str, previous: float | None) -> tuple[str, float | None]:
    """The table cell of one step, and the time the next row counts from."""
    if not timeline:
        return "", previous
    if key.startswith("file:") or key == "wheel":
        start, end = timeline.get(f"{key}:start"), timeline.get(f"{key}:end")
        if end is None:
            return "", previous
        text = f"{start:.0f} → {end:.0f}" if start is not None else f"→ {end:.0f}"
        return text, end
    at = timeline.get(key)
    if at is None:
        return "", previous
    gap = f" (+{at - previous:.0f})" if previous is not None and at >= previous else ""
    return f"{at:.0f}{gap}", at


def table(columns: dict[str, dict[str, float] | None]) -> str:
    """A Markdown table: one row per step (ROWS), one column per timeline given."""
    header = ["step, ms from navigation (median of the cold runs)", *columns]
    rows = [header, ["---", *("---:" for _ in columns)]]
    previous: dict[str, float | None] = dict.fromkeys(columns)
    for label, key in ROWS:
        cells = []
        for name, timeline in columns.items():
            text, reached = cell(timeline, key, previous[name])
            # Downloads overlap: the next step counts from the latest point reached.
            previous[name] = max(p for p in (previous[name], reached) if p is not None) if reached else previous[name]
            cells.append(text)
        if any(cells):
            rows.append([label, *cells])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def wasm_path(visit: dict[str, float]) -> str:
    """How the wasm reached Pyodide on one visit (the worker's mark): "streamed" (the
    host's response, compiled as it arrives) or "inflated" (by the worker)."""
    return next((path for path in ("streamed", "inflated") if f"wasm-{path}" in visit), "unknown")
