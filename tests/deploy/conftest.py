"""Fixtures for the deploy tests: the site built for a real host (SITE_URL and
FRAME_ANCESTORS set, as a maintainer would) and served by a real nginx with the
configuration the build generates.

- ``subpath_url``: built with SITE_URL=http://127.0.0.1:<port>/parting-kit/ and
  served under /parting-kit/ (nginx ``alias``); the embed view may be framed by
  the course origin http://127.0.0.2:<port> only.
- ``root_url``: the ordinary relative build (no SITE_URL), served at the root.

nginx comes from the system's packages; `make test` installs it when missing. A
missing nginx fails these tests with the command that installs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.build import build
from scripts.deploy import nginx
from scripts.deploy.settings import Settings
from scripts.serve import make_server

COURSE_HOST = "127.0.0.2"  # another loopback address: another origin than the site's
OTHER_HOST = "127.0.0.3"  # a course origin that is not on the list


@pytest.fixture(scope="session")
def nginx_installed() -> None:
    if not Path(nginx.NGINX).is_file():
        pytest.fail(f"{nginx.NGINX} not found: {nginx.INSTALL_HINT}")


@pytest.fixture(scope="session")
def ports() -> dict[str, int]:
    return {"site": nginx.free_port(), "course": nginx.free_port(COURSE_HOST), "other": nginx.free_port(OTHER_HOST)}


@pytest.fixture(scope="session")
def course_origin(ports) -> str:
    return f"http://{COURSE_HOST}:{ports['course']}"


@pytest.fixture(scope="session")
def deploy_settings(ports, course_origin) -> Settings:
    return Settings(site_url=f"http://127.0.0.1:{ports['site']}/parting-kit/", frame_ancestors=(course_origin,))


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory: pytest.TempPathFactory, deploy_settings: Settings) -> Path:
    """`SITE_URL=… FRAME_ANCESTORS=… make build`, into a temporary folder."""
    site = tmp_path_factory.mktemp("deploy") / "site"
    saved = {name: os.environ.get(name) for name in ("SITE_URL", "FRAME_ANCESTORS")}
    os.environ["SITE_URL"] = deploy_settings.site_url
    os.environ["FRAME_ANCESTORS"] = " ".join(deploy_settings.frame_ancestors)
    try:
        build(site_dir=site)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return site


@pytest.fixture(scope="session")
def subpath_url(nginx_installed, deployed_site, deploy_settings, ports) -> Iterator[str]:
    with nginx.running(deployed_site, deploy_settings, port=ports["site"], workers=2) as url:
        yield url


@pytest.fixture(scope="session")
def root_url(nginx_installed, built_site) -> Iterator[str]:
    with nginx.running(built_site, Settings()) as url:
        yield url


@pytest.fixture(scope="session")
def course_pages(tmp_path_factory: pytest.TempPathFactory, ports) -> Iterator[dict[str, str]]:
    """The course page (frames ?src= and records the messages it gets) on the listed
    origin and on one that is not listed."""
    import threading

    from tests.browser.test_embed import HARNESS

    root = tmp_path_factory.mktemp("course")
    (root / "index.html").write_text(HARNESS, encoding="utf-8")
    servers = {
        name: make_server(root, host, ports[name], quiet=True)
        for name, host in (("course", COURSE_HOST), ("other", OTHER_HOST))
    }
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield {name: "http://{}:{}".format(*server.socket.getsockname()[:2]) for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
