"""What a maintainer sets for a deployment, read from the environment and checked.

- ``SITE_URL``: the absolute URL the site is published at (``https://example.org/``
  or under a sub-path, ``https://example.org/parting-kit/``). Unset, the build
  stays relative (works anywhere, but no canonical links, sitemap URLs or hreflang).
- ``FRAME_ANCESTORS``: the course origins that may show the assessment's embed view
  in an iframe (space- or comma-separated, e.g. ``https://lms.example.edu``). The
  site's own origin always may; no other page may be framed at all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import BuildError

_ORIGIN = re.compile(r"^https?://[^/\s?#]+$")


@dataclass(frozen=True)
class Settings:
    site_url: str = ""  # "" or absolute, ending in "/"
    frame_ancestors: tuple[str, ...] = ()  # origins, e.g. "https://lms.example.edu"

    @property
    def prefix(self) -> str:
        """The URL path the site lives under: "/" or e.g. "/parting-kit/"."""
        return urlsplit(self.site_url).path or "/" if self.site_url else "/"

    @classmethod
    def from_env(cls, environ: os._Environ | dict | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        return cls(
            site_url=site_url(environ.get("SITE_URL", "")),
            frame_ancestors=frame_ancestors(environ.get("FRAME_ANCESTORS", "")),
        )


def site_url(value: str) -> str:
    """SITE_URL checked and given its trailing slash ("" stays "")."""
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise BuildError(
            "SITE_URL",
            f"'{value}' is not an absolute http(s) URL of a folder",
            "set it like SITE_URL=https://example.org/ or https://example.org/parting-kit/",
        )
    return value.rstrip("/") + "/"


def frame_ancestors(value: str) -> tuple[str, ...]:
    """FRAME_ANCESTORS split and checked: each item an origin (scheme://host[:port])."""
    items = [item.rstrip("/") for item in re.split(r"[\s,]+", value.strip()) if item]
    bad = [item for item in items if not _ORIGIN.match(item)]
    if bad:
        raise BuildError(
            "FRAME_ANCESTORS",
            f"not an origin: {', '.join(repr(b) for b in bad)}",
            "list course origins only, scheme and host (and port), e.g. "
            "FRAME_ANCESTORS='https://lms.example.edu https://moodle.example.org'",
        )
    return tuple(dict.fromkeys(items))
