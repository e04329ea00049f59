"""Where the pipeline reads and writes: one place, so tests can point it elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    root: Path = ROOT
    #: The languages to build (default content/translations/languages.toml); the
    #: pseudo-locale test points it at a temporary file with a third language.
    languages_file: Path | None = None

    @property
    def languages(self) -> Path:
        return self.languages_file or self.root / "content" / "translations" / "languages.toml"

    @property
    def site_strings(self) -> Path:
        return self.root / "content" / "site.toml"

    @property
    def article(self) -> Path:
        return self.root / "content" / "article.ru.txt"

    @property
    def structure(self) -> Path:
        return self.root / "content" / "structure.yml"

    @property
    def corrections(self) -> Path:
        return self.root / "content" / "corrections.txt"

    def po(self, lang: str, kind: str) -> Path:
        """A language's catalogue, e.g. ``po("en", "quiz")`` (tools and tests that edit
        one; the build finds every language's folder through scripts/i18n/languages.py)."""
        return self.root / "content" / "translations" / lang / f"{kind}.po"

    @property
    def quiz_definition(self) -> Path:
        return self.root / "quiz" / "definition.toml"

    @property
    def phrases(self) -> Path:
        return self.root / "quiz" / "phrases.toml"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"
