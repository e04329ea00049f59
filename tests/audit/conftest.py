"""The built site served through nginx with the configuration the build generates
(scripts/deploy/nginx.py), so what the auditors see includes the headers
a real deployment sends: compression, caching, the CSP header."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.serve import serving_site


@pytest.fixture(scope="session")
def nginx_url(built_site: Path) -> Iterator[str]:
    """The site's base URL on nginx, ending with a slash."""
    with serving_site(built_site, "nginx") as url:
        yield url
