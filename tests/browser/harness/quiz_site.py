"""A stand-alone quiz page for developing and testing the browser runtime.

The product, without MkDocs' page chrome: the quiz block comes from the build's
own renderer (scripts.build.generate → scripts/assessment/markup.py, quiz.js
`async` as in production), the assets (runtime files, engine wheel, quiz.js,
Material's stylesheets) are the built site's own, the page gets the site's
Content-Security-Policy from scripts/publish/csp.py, and it is served by
scripts/serve.py's `serving()`, the project's one server helper. Pages:

    quiz/          the source language (Russian), Material's stylesheets, light scheme
    <lang>/quiz/   the same in each other language of the site map (en/quiz/, uk/quiz/)
    slow/          the source language with an engine timeout of 1.5 s, for the timeout path

Run it by hand:  .venv/bin/python -m tests.browser.harness.quiz_site
"""

from __future__ import annotations

import argparse
import copy
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.assessment import markup
from scripts.build import build as build_site
from scripts.build import generate
from scripts.errors import BuildError
from scripts.publish.csp import policy_for, set_policy
from scripts.serve import serving
from tests.expect import search
from tests.site import LANGS, SITE, SOURCE

# page folder -> (language, engine timeout in ms or None for the build's own)
PAGES: dict[str, tuple[str, int | None]] = {
    **{SITE.url(lang, "quiz").rstrip("/"): (lang, None) for lang in LANGS},
    "slow": (SOURCE, 1500),
}
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?:\.\./)+(assets/stylesheets/[^"]+\.css)">')


def stylesheets(site: Path) -> list[str]:
    """Material's stylesheets as the built quiz page links them (site-relative).

    An axe or contrast check on an unstyled page proves nothing, so a built page
    without them stops the harness instead of giving a bare page."""
    page = site / "quiz" / "index.html"
    found = _STYLESHEET.findall(page.read_text(encoding="utf-8")) if page.is_file() else []
    if not any("/main." in css for css in found):
        raise BuildError(
            page,
            "the built quiz page links no Material stylesheet (assets/stylesheets/main.*.css)",
            "build the site with `make build` (mkdocs-material from requirements/build.txt)",
        )
    return found


def quizpage_path(lang: str) -> Path:
    return Path(SITE.file(lang, "quiz"))


def ui(lang: str) -> dict[str, str]:
    """The page's strings in ``lang``, as the build put them into #quiz-data."""
    return generate().quiz.data[lang]["ui"]


def build(dest: Path, site: Path) -> Path:
    """Write the harness pages into ``dest`` (with ``site``'s assets) and return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "assets").symlink_to(site / "assets", target_is_directory=True)
    css = stylesheets(site)
    quiz = generate().quiz
    for folder, (lang, timeout_ms) in PAGES.items():
        data = quiz.data[lang]
        if timeout_ms is not None:
            data = copy.deepcopy(data)
            data["runtime"]["timeout_ms"] = timeout_ms
        depth = folder.count("/") + 1
        assert depth == SITE.url(lang, "quiz").count("/"), f"{folder}: the renderer's asset paths assume this depth"
        block = markup.render(data)
        head = "".join(f'<link rel="stylesheet" href="{"../" * depth}{c}">' for c in css)
        title = search(_TITLE, (site / quizpage_path(lang)).read_text(encoding="utf-8")).group(1)
        page = (
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{title}</title><link rel="icon" href="data:,">{head}</head>'
            f'<body data-md-color-scheme="default" data-md-color-primary="indigo" '
            f'data-md-color-accent="indigo"><main class="md-main"><div class="md-content">'
            f'<article class="md-content__inner md-typeset"><h1>{title}</h1>'
            f"{block}</article></div></main></body></html>"
        )
        page = set_policy(page, policy_for(page, quiz=True), where=folder)
        target = dest / folder / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return dest


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` with the project's server; yields the base URL (no trailing slash)."""
    with serving(root) as url:
        yield url


def main() -> None:
    argparse.ArgumentParser(description="Build the site and serve the quiz runtime harness.").parse_args()
    work = Path(tempfile.mkdtemp(prefix="pk-harness-"))
    site = work / "site"
    build_site(site_dir=site)
    root = build(work / "harness", site)
    with serve(root) as url:
        print("  ".join(f"{url}/{folder}/" for folder in PAGES), " (Ctrl-C to stop)")
        threading.Event().wait()


if __name__ == "__main__":
    main()
