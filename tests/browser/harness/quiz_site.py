"""A stand-alone quiz page for developing and testing the browser runtime.

Builds a tiny site with the contract's quiz markup (no MkDocs), the real
docs/assets/quiz files, the Pyodide files and engine wheel from scripts.assessment.runtime,
and serves it with the content types Pyodide needs and the strict Content
Security Policy the site will get (scripts only from the site's own files,
'wasm-unsafe-eval' for the engine). Pages:

    quiz/          Russian, Material's stylesheets (when installed), light scheme
    slow/quiz/     the same with an engine timeout of 1.5 s, for the timeout path

Run it by hand:  .venv/bin/python -m tests.browser.harness.quiz_site [--port 8765]
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import shutil
import sys
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scripts import serve as serve_site
from scripts.assessment.runtime import WHEEL_NAME, build_wheel, copy_pyodide

ROOT = Path(__file__).resolve().parents[3]

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
       "connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'none'")

# page folder -> engine timeout in ms
PAGES = {"quiz": 30000, "slow/quiz": 1500}


def definition() -> dict[str, Any]:
    return tomllib.loads((ROOT / "quiz" / "definition.toml").read_text(encoding="utf-8"))


def _material_css(assets: Path) -> list[str]:
    """Material's own stylesheets, when installed, so both schemes look like the site."""
    try:
        import material
    except ImportError:
        return []
    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css"))
    target = assets / "material"
    target.mkdir(parents=True, exist_ok=True)
    for css in found:
        shutil.copy2(css, target / css.name)
    return [f"material/{css.name}" for css in found]


def render_quiz(data: dict[str, Any], prefix: str) -> str:
    """The contract's markup for /quiz/ (what the build generates)."""
    e = html.escape
    d = data["definition"]
    ui = d["ui"]
    scales = {name: s["options"] for name, s in d["scales"].items()}
    out = [f'<div class="pk-quiz" data-lang="{data["lang"]}">',
           '<div id="quiz-engine" data-state="loading" role="status" aria-live="polite">'
           f'<progress max="100" value="0" aria-label="{e(ui["engine_loading"])}"></progress> '
           f'<span class="pk-quiz__engine-msg">{e(ui["engine_loading"])}</span></div>',
           '<form id="assessment" novalidate>']
    for q in d["questions"]:
        options = scales[q["scale"]] if q["kind"] == "sign" else q["options"]
        out.append(f'<fieldset data-question="{e(q["id"])}"><legend>{e(q["text"])}</legend>')
        if q.get("hint"):
            out.append(f'<p class="pk-quiz__hint">{e(q["hint"])}</p>')
        for o in options:
            out.append(f'<label><input type="radio" name="{e(q["id"])}" value="{e(o["id"])}"> '
                       f'{e(o["label"])}</label>')
        out.append("</fieldset>")
    out.append(f'<button type="submit" class="md-button md-button--primary">{e(ui["submit"])}</button> '
               f'<button type="reset" class="md-button">{e(ui["reset"])}</button></form>')
    out.append('<section id="quiz-result" class="pk-quiz__result" tabindex="-1" hidden '
               'aria-labelledby="quiz-result-title"></section>')
    out.append(f'<noscript>{e(ui["no_script"])}</noscript>')
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    out.append(f'<script type="application/json" id="quiz-data">{payload}</script>')
    out.append(f'<script src="{prefix}assets/quiz/quiz.js" defer></script></div>')
    return "\n".join(out)


def build(dest: Path) -> Path:
    """Write the harness site into ``dest`` (replacing it) and return ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    assets = dest / "assets"
    shutil.copytree(ROOT / "docs" / "assets" / "quiz", assets / "quiz")
    copy_pyodide(assets / "pyodide")
    build_wheel(assets / "quiz")
    stylesheets = _material_css(assets)
    source = definition()
    links = {sid: f"../{spec['page']}/#{sid}" for sid, spec in source["sections"].items()}
    for folder, timeout_ms in PAGES.items():
        prefix = "../" * (folder.count("/") + 1)
        data = {"lang": "ru", "definition": source, "links": links,
                "runtime": {"worker": f"{prefix}assets/quiz/engine-worker.js",
                            "pyodide": f"{prefix}assets/pyodide/",
                            "wheel": f"{prefix}assets/quiz/{WHEEL_NAME}",
                            "timeout_ms": timeout_ms},
                "ui": source["ui"]}
        css = [*stylesheets, "quiz/quiz.css"]
        head = "".join(f'<link rel="stylesheet" href="{prefix}assets/{c}">' for c in css)
        page = (f'<!doctype html><html lang="ru"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width,initial-scale=1">'
                f'<title>Самопроверка</title><link rel="icon" href="data:,">{head}</head>'
                f'<body data-md-color-scheme="default" data-md-color-primary="indigo" '
                f'data-md-color-accent="indigo"><main class="md-main"><div class="md-content">'
                f'<article class="md-content__inner md-typeset"><h1>Самопроверка</h1>'
                f'{render_quiz(data, prefix)}</article></div></main></body></html>')
        target = dest / folder / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return dest


class Handler(serve_site.Handler):
    """The site server's handler (content types for .wasm and .mjs), plus the CSP."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that drops a download (a test ending, a failed engine) is normal here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path, port: int = 0, quiet: bool = True) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 in a thread; yields the base URL (no trailing slash)."""
    handler = functools.partial(Handler, directory=str(root))
    server = Server(("127.0.0.1", port), handler)
    server.quiet = quiet  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the quiz runtime harness.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/pk-harness"))
    args = parser.parse_args()
    root = build(args.dir)
    with serve(root, args.port, quiet=False) as url:
        print(f"{url}/quiz/  (Ctrl-C to stop)")
        threading.Event().wait()


if __name__ == "__main__":
    main()
