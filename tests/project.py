"""A copy of the project's sources in a temporary folder, for tests that change or
break one of them and build from the copy (the real sources stay untouched)."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.paths import ROOT, Paths


def project_copy(tmp_path: Path) -> Paths:
    """The build's inputs (content, templates, stylesheets, web/, the quiz's data and
    mkdocs.yml) copied under `tmp_path`/project; its Paths."""
    root = tmp_path / "project"
    for rel in ("content", "overrides", "docs/assets/stylesheets", "web"):
        if (ROOT / rel).exists():
            shutil.copytree(ROOT / rel, root / rel)
    (root / "quiz").mkdir(parents=True)
    for name in ("definition.toml", "phrases.toml"):
        shutil.copy(ROOT / "quiz" / name, root / "quiz" / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Paths(root)
