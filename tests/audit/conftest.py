"""The built site served through nginx with the configuration the build generates
(scripts/publish/deploy/nginx.py), so what the auditors see includes the headers
a real deployment sends: compression, caching, the CSP header."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.publish.deploy import nginx


@pytest.fixture(scope="session")
def nginx_url(built_site: Path) -> Iterator[str]:
    """The site's base URL on nginx, ending with a slash."""
    with nginx.running(built_site) as url:
        yield url if url.endswith("/") else url + "/"
