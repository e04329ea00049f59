"""Shared fixtures: one real build of the site per test session, served on a free
loopback port with the same server `make serve` uses, and Chromium settings for
pytest-playwright that keep the browser quiet on a closed network. Also the
Hypothesis profile the property tests run under."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from scripts.build import build
from scripts.serve import serving

# `make test` (and so CI) replays the same generated examples every run, so a red
# build means a change broke something, not that a new example turned up; to search
# for new ones: `HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest tests/quiz`
# (and pin what it finds with @example).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make build` makes it, built once into a temporary folder."""
    site = tmp_path_factory.mktemp("build") / "site"
    build(site_dir=site)
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
