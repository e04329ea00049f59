"""The generated nginx configuration's details (issue 24 §6, issue 23 §3), against a
real nginx serving the build under a sub-path: a clean ``nginx -t``, a type for
every file the site ships, nothing of the hosts' ``_headers``, the site's 404 page
for a folder without a page, and the runtime's ``.gz`` URLs answered in the
encoding each client accepts (brotli, gzip or none), with ``Vary``."""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from scripts.deploy import nginx, rules
from tests.expect import search


def get(url: str, accept: str = "gzip") -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and the body as sent (not decoded)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, {k.lower(): v for k, v in headers.items()}, body


def decoded(headers: dict[str, str], body: bytes) -> bytes:
    encoding = headers.get("content-encoding", "")
    return {"br": brotli.decompress, "gzip": gzip.decompress}.get(encoding, lambda b: b)(body)


def runtime_folder(site: Path) -> str:
    data = json.loads(
        search(
            r'<script[^>]*id="?quiz-data"?[^>]*>(.*?)</script>',
            (site / "quiz" / "index.html").read_text("utf-8"),
            re.S,
        ).group(1)
    )["runtime"]
    return data["pyodide"].removeprefix("../")


def test_nginx_t_prints_no_warning(deployed_site, deploy_settings, nginx_installed):
    """Debian's mime.types already lists .wasm: the config's own table replaces it."""
    conf = nginx.render(
        rules.rules_for(deployed_site, deploy_settings),
        root=deployed_site,
        prefix=deploy_settings.prefix,
        listen="127.0.0.1:8080",
    )
    assert nginx.syntax_check(conf) == ""


def test_every_file_the_site_ships_has_a_type(deployed_site, deploy_settings):
    table = nginx.type_table(rules.rules_for(deployed_site, deploy_settings))
    suffixes = {p.suffix for p in deployed_site.rglob("*") if p.is_file() and p.suffix and p.suffix != ".br"}
    assert suffixes <= set(table), f"no type for {sorted(suffixes - set(table))}: add them to nginx.TYPE_TABLE"


def test_the_hosts_header_rules_are_not_served(subpath_url, deployed_site):
    assert (deployed_site / "_headers").is_file()
    status, _, body = get(subpath_url + "_headers", accept="identity")
    _, _, page = get(subpath_url + "404.html", accept="identity")
    assert status == 404 and body == page


def test_a_folder_without_a_page_is_the_sites_404(subpath_url):
    _, _, page = get(subpath_url + "404.html", accept="identity")
    for folder in ("assets/pyodide/", "assets/quiz/", "assets/"):
        status, headers, body = get(subpath_url + folder, accept="identity")
        assert status == 404 and body == page, folder
        assert headers["x-content-type-options"] == "nosniff"


#: Accept-Encoding -> the Content-Encoding the runtime's .gz URLs must come with.
OFFERS = {"br, gzip": "br", "gzip, deflate": "gzip", "identity": None, "": None}


@pytest.mark.parametrize("accept", OFFERS)
@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "python_stdlib.zip"])
def test_runtime_gz_urls_answer_in_the_encoding_the_client_accepts(subpath_url, deployed_site, name, accept):
    folder = runtime_folder(deployed_site)
    stored = (deployed_site / folder / f"{name}.gz").read_bytes()
    status, headers, body = get(f"{subpath_url}{folder}{name}.gz", accept)
    assert status == 200
    # Brotli to a browser that takes it, the stored gzip to one that takes only gzip,
    # and the file itself (never gzip) to a client that offers neither.
    assert headers.get("content-encoding") == OFFERS[accept]
    assert headers["content-type"].startswith(rules.ENCODED_TYPES["." + name.rsplit(".", 1)[1] + ".gz"])
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert "immutable" in headers["cache-control"]
    assert decoded(headers, body) == gzip.decompress(stored)
    size = {"br": len(stored) * 0.85, "gzip": len(stored), None: None}[OFFERS[accept]]
    if size is not None:
        assert len(body) <= size  # the brotli copy is a fifth smaller; gzip is the stored file
