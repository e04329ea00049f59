"""The two kinds of host the benchmark serves both sides from, in the same run.

- *plain*: the site's own server (scripts/serve.py), which sends every file as
  stored, with no Content-Encoding: as GitHub Pages sends our ``.gz`` runtime
  files, and as a course platform serving a SCORM package would. ``Traffic``
  counts what it sends.
- *nginx*: ours with the configuration the build generates (scripts/publish/
  deploy/nginx.py); PyScript with a stock configuration, as its documentation's
  reader would deploy it: nginx's own type table (plus ``.mjs``), ``gzip_static``
  serving ``.gz`` copies of its files (made here, ``gzip -9``, as ``gzip -k``
  would) and on-the-fly gzip for the rest; its worker-mode page gets the two
  headers that mode needs (cross-origin isolation).
"""

from __future__ import annotations

import contextlib
import gzip
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from scripts.deploy import nginx
from scripts.serve import Handler

#: PyScript's files worth a precompressed copy (the wheel is a zip already).
_GZIP_MIN_BYTES = 1000
_GZIP_SKIP = (".gz", ".whl", ".html")


def gzip_copies(folder: Path) -> list[Path]:
    """Write ``file.gz`` (level 9) beside every file of ``folder`` worth it; return them."""
    written = []
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        if file.name.endswith(_GZIP_SKIP) or file.stat().st_size < _GZIP_MIN_BYTES:
            continue
        target = file.with_name(file.name + ".gz")
        target.write_bytes(gzip.compress(file.read_bytes(), compresslevel=9, mtime=0))
        written.append(target)
    return written


def stock_config(root: Path, *, listen: str, isolated: tuple[str, ...]) -> str:
    """A stock nginx server for PyScript's pages under ``root`` (``isolated``: the
    URL paths of the pages that need cross-origin isolation)."""
    lines = [
        "server {",
        f"    listen {listen};",
        f"    root {Path(root).resolve()};",
        f"    include {nginx.MIME_TYPES};",
        "    types { text/javascript mjs; }",
        "    gzip_static on;",
        "    gzip on;",
        "    gzip_types text/css text/javascript application/javascript application/json application/wasm;",
    ]
    for path in isolated:
        lines += [
            f"    location {path} {{",
            "        add_header Cross-Origin-Opener-Policy same-origin;",
            "        add_header Cross-Origin-Embedder-Policy require-corp;",
            "    }",
        ]
    return "\n".join([*lines, "}", ""])


@contextlib.contextmanager
def stock_nginx(root: Path, *, isolated: tuple[str, ...]) -> Iterator[str]:
    """Serve ``root`` through nginx with ``stock_config``; yields the origin (no slash)."""
    host = "127.0.0.1"
    port = nginx.free_port(host)
    with nginx.serving(stock_config(root, listen=f"{host}:{port}", isolated=isolated), host=host, port=port):
        yield f"http://{host}:{port}"


# --- the plain host, counting what it sends -------------------------------------


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
