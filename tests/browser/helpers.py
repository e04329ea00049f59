"""Browser-test helpers: record every request and console error a page makes."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Frame, Page


@dataclass
class Traffic:
    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def off_origin(self) -> list[str]:
        def foreign(url: str) -> bool:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                return False
            if self.origin.startswith("file:"):
                return parts.scheme != "file"
            return f"{parts.scheme}://{parts.netloc}" != self.origin

        return [u for u in self.requests if foreign(u)]


def watch(page: Page, origin: str) -> Traffic:
    traffic = Traffic(origin)
    page.on("request", lambda r: traffic.requests.append(r.url))
    page.on("console", lambda m: traffic.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: traffic.errors.append(str(e)))
    # Workers' requests go through the context too.
    page.context.on("request", lambda r: traffic.requests.append(r.url))
    return traffic


def submit(page: Page | Frame, answers: dict[str, str]) -> None:
    """Clear the assessment form, answer it and submit it."""
    page.locator("form#assessment button[type=reset]").click()
    for question, option in answers.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()
    page.locator("form#assessment button[type=submit]").click()
