"""Errors the author must fix, each naming the file, the item and the fix."""

from __future__ import annotations

from pathlib import Path


class BuildError(Exception):
    """A problem in the project's input; the build stops and leaves site/ untouched."""

    def __init__(self, path: Path | str | None, message: str, fix: str = "") -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        self.fix = fix
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{self.path}: " if self.path else ""
        fix = f"\n  fix: {self.fix}" if self.fix else ""
        return f"{where}{self.message}{fix}"


class BuildErrors(BuildError):  # noqa: N818 - several BuildError at once: the plural says so
    """Several problems found in one pass, so the author can fix them all at once."""

    def __init__(self, errors: list[BuildError]) -> None:
        self.errors = errors
        Exception.__init__(self, self.render())

    def render(self) -> str:
        lines = [f"{len(self.errors)} problem(s) found:"]
        lines += [f"- {e.render()}" for e in self.errors]
        return "\n".join(lines)
