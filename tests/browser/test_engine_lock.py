"""The engine worker loads the wheel the site's pyodide-lock.json names, and only
that one (issue 13 §5): it reads the lock from beside the wheel, gives it to
Pyodide as its lock file, and fetches the wheel with the lock's sha256 as the
request's integrity. A wheel whose bytes differ, or a lock with another hash,
ends in data-state=failed with the reason in the console, on the hosted site and
in the offline bundle (file://). The built lock itself: tests/assessment/test_wheel_lock.py."""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, Route, expect

from scripts.assessment import wheel as engine_wheel
from scripts.products.bundle import OFFLINE_DIR

READY = 90_000  # ms; a few seconds here, far more on a loaded machine
REFUSED = re.compile(r"engine wheel .*sha256")


def tampered(data: bytes) -> bytes:
    """The same wheel with one byte changed in the middle (same size, still a zip header)."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def warnings(page: Page) -> list[str]:
    found: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type in ("warning", "error"):
            found.append(message.text)

    page.on("console", keep)
    return found


def test_the_worker_takes_the_lock_and_wheel_from_the_engine_folder(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url}/en/quiz/")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    # The wheel's folder as the page names it (#quiz-data), resolved against the page.
    wheel = page.evaluate(
        "new URL(JSON.parse(document.getElementById('quiz-data').textContent).runtime.wheel, location.href).href"
    )
    folder = wheel.rsplit("/", 1)[0] + "/"
    assert folder.startswith(f"{site_url}/assets/quiz/engine-")
    assert f"{folder}{engine_wheel.LOCK_NAME}" in requests
    assert f"{folder}{engine_wheel.WHEEL_NAME}" in requests
    # One lock, the site's: never Pyodide's own (120 KB, listing packages the site lacks).
    assert [u for u in requests if u.endswith(engine_wheel.LOCK_NAME)] == [f"{folder}{engine_wheel.LOCK_NAME}"]


def test_a_wheel_that_differs_from_the_lock_is_refused(page: Page, site_url: str) -> None:
    def corrupt(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=tampered(response.body()))

    page.route(f"**/{engine_wheel.WHEEL_NAME}", corrupt)
    console = warnings(page)
    page.goto(f"{site_url}/quiz/")
    engine = page.locator("#quiz-engine")
    expect(engine).to_have_attribute("data-state", "failed", timeout=READY)
    expect(page.locator("form#assessment button[type=submit]")).to_be_disabled()
    assert any(REFUSED.search(text) for text in console), console


def test_a_lock_with_another_hash_refuses_the_real_wheel(page: Page, site_url: str) -> None:
    def other_hash(route: Route) -> None:
        response = route.fetch()
        lock = response.json()
        for entry in lock["packages"].values():
            entry["sha256"] = "0" * 64
        route.fulfill(response=response, body=json.dumps(lock))

    page.route(f"**/{engine_wheel.LOCK_NAME}", other_hash)
    console = warnings(page)
    page.goto(f"{site_url}/en/quiz/")
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "failed", timeout=READY)
    assert any(REFUSED.search(text) and "0" * 64 in text for text in console), console


@pytest.fixture
def bundle_with_a_tampered_wheel(offline_bundle: Path, tmp_path: Path) -> Path:
    """A copy of the real offline bundle whose embedded wheel has one byte changed."""
    copy = Path(shutil.copytree(offline_bundle, tmp_path / offline_bundle.name))
    script = copy / OFFLINE_DIR / "offline-runtime.js"
    text = script.read_text(encoding="utf-8")
    start, end = text.index("{"), text.rindex("}") + 1
    payload = json.loads(text[start:end])
    wheel = payload["files"][engine_wheel.WHEEL_NAME]
    assert not wheel["gzip"]
    wheel["data"] = base64.b64encode(tampered(base64.b64decode(wheel["data"]))).decode("ascii")
    script.write_text(text[:start] + json.dumps(payload, separators=(",", ":")) + text[end:], encoding="utf-8")
    return copy


def test_the_offline_bundle_checks_the_wheel_too(page: Page, bundle_with_a_tampered_wheel: Path) -> None:
    console = warnings(page)
    page.goto((bundle_with_a_tampered_wheel / "quiz" / "index.html").as_uri())
    expect(page.locator("#quiz-engine")).to_have_attribute("data-state", "failed", timeout=READY)
    assert any(REFUSED.search(text) for text in console), console
