"""`make serve`: serve the built site on 127.0.0.1 with the right content types.

Module scripts need a JavaScript type, and Pyodide's loader hangs forever on a
.wasm file served with the wrong type (the site ships its wasm gzipped and the
worker labels it itself, but the benchmark's PyScript page loads the stock file),
so the types are set here explicitly rather than left to the platform's
mimetypes table.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from .deploy import nginx

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".xml": "application/xml",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}  # noqa: RUF012 - as the base declares it

    def log_message(self, format: str, *args) -> None:
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


class Server(http.server.ThreadingHTTPServer):
    quiet = False

    def handle_error(self, request, client_address) -> None:  # the base's signature
        # A browser that drops a download it no longer needs (a closed test page,
        # an aborted fetch) is not a server error: say nothing when quiet.
        if self.quiet and isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(
    root: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False, handler: type[Handler] = Handler
) -> Server:
    server = Server((host, port), functools.partial(handler, directory=str(root)))
    server.quiet = quiet
    return server


def with_types(types: dict[str, str], handler: type[Handler] = Handler) -> type[Handler]:
    """``handler`` sending these types (extension -> type) instead of its own: a
    file server with another table, as an LMS serving a course package may have."""
    return type("TypedHandler", (handler,), {"extensions_map": {**handler.extensions_map, **types}})


@contextlib.contextmanager
def serving(root: Path, handler: type[Handler] = Handler, types: dict[str, str] | None = None) -> Iterator[str]:
    """Serve ``root`` quietly on a free loopback port, in a background thread, for
    the tests and the benchmark; yields the base URL (no trailing slash). ``types``
    overrides the content types of some extensions (see ``with_types``)."""
    server = make_server(root, port=0, quiet=True, handler=with_types(types, handler) if types else handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.socket.getsockname()[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serving_site(site: Path, server: str = "python") -> Iterator[str]:
    """The built ``site``'s base URL (ending with a slash), served on a free loopback
    port by this module's server ("python": files as stored, as a plain host sends
    them) or through a real nginx with the configuration the build generates
    ("nginx", scripts/deploy/nginx.py: the deploy recipe's headers and encodings).
    The one way the audits, the benchmark and the tests serve a built site.

    Raises:
        ValueError: ``server`` is neither.
        FileNotFoundError: nginx is not installed (the message says how to install it).
    """
    if server == "nginx":
        with nginx.running(site) as url:
            yield url if url.endswith("/") else url + "/"
    elif server == "python":
        with serving(site) as url:
            yield url + "/"
    else:
        raise ValueError(f"server must be 'python' or 'nginx', not {server!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.serve", description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if not (args.root / "index.html").exists():
        print(f"{args.root}/index.html not found: run `make build` first", file=sys.stderr)
        return 1
    server = make_server(args.root, args.host, args.port)
    print(f"Serving {args.root}/ on http://{args.host}:{args.port}/ (Ctrl-C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
