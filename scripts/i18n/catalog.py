"""The English translation catalogue: gettext PO files read and written with polib.

One entry per source segment; its msgctxt is the segment's stable id and its msgid
the Russian text, so any PO editor (Poedit, Weblate, Lokalize) can work on it. An
entry whose msgid no longer equals the current Russian text is stale: the Russian
changed after it was translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polib

from ..errors import BuildError
from .languages import CATALOGUES, Language

ProblemKind = Literal["missing", "stale", "untranslated"]
UPDATE_HINT = "run `make catalog` to sync the catalogue, translate the entry, and remove its fuzzy flag"


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    msgctxt: str
    path: Path

    def describe(self) -> str:
        # The catalogue's folder is its language (content/translations/<code>/).
        lang = "English" if self.path.parent.name == "en" else f"'{self.path.parent.name}'"
        what = {
            "missing": f"has no {lang} entry",
            "stale": "changed in Russian since it was translated (the entry's msgid differs)",
            "untranslated": f"has an empty or fuzzy {lang} entry",
        }[self.kind]
        return f"segment '{self.msgctxt}' {what}"

    def as_error(self) -> BuildError:
        return BuildError(self.path, self.describe(), f"{UPDATE_HINT}; or build with LENIENT=1 to show it in Russian")


@dataclass
class Catalogue:
    """All entries of one language, from one or more PO files, by msgctxt."""

    entries: dict[str, polib.POEntry]
    files: dict[str, Path]  # msgctxt -> the file that holds it
    folder: Path = Path()  # the language's catalogue folder (content/translations/<code>/)

    def lookup(self, msgctxt: str, msgid: str) -> tuple[str | None, Problem | None]:
        """The translation of one segment, or why there is none."""
        entry = self.entries.get(msgctxt)
        path = self.files.get(msgctxt, self.folder / "?")
        if entry is None:
            return None, Problem("missing", msgctxt, path)
        if entry.msgid != msgid:
            return None, Problem("stale", msgctxt, path)
        if not entry.msgstr.strip() or entry.fuzzy:
            return None, Problem("untranslated", msgctxt, path)
        return entry.msgstr, None

    def translations(self) -> dict[str, str]:
        """msgctxt -> msgstr for every usable entry (used to localize the quiz data)."""
        return {k: e.msgstr for k, e in self.entries.items() if e.msgstr.strip() and not e.fuzzy}


def read_po(path: Path) -> polib.POFile:
    if not path.exists():
        raise BuildError(path, "the translation catalogue is missing", "restore it from git or run `make catalog`")
    try:
        return polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise BuildError(
            path, f"not a valid PO file: {e}", "fix the syntax (msgfmt --check-format shows the line)"
        ) from None


def load(paths: Iterable[Path]) -> Catalogue:
    entries: dict[str, polib.POEntry] = {}
    files: dict[str, Path] = {}
    folder = Path()
    for path in paths:
        folder = path.parent
        for entry in read_po(path):
            if entry.obsolete:
                continue
            if not entry.msgctxt:
                raise BuildError(
                    path, f"entry «{entry.msgid[:40]}» has no msgctxt", "every entry needs its segment id as msgctxt"
                )
            if entry.msgctxt in entries:
                raise BuildError(
                    path,
                    f"msgctxt '{entry.msgctxt}' is also in {files[entry.msgctxt]}",
                    "keep each segment in one entry",
                )
            entries[entry.msgctxt] = entry
            files[entry.msgctxt] = path
    return Catalogue(entries, files, folder)


def for_language(lang: Language) -> Catalogue:
    """Every PO file of one translated language (guide, quiz, draft, site, pages), as one catalogue."""
    return load(lang.po(kind) for kind in CATALOGUES)


def sync(
    path: Path, segments: list[tuple[str, str]], comments: dict[str, str] | None = None, language: str = "en"
) -> dict[str, int]:
    """Bring one PO file in line with the source segments, the way msgmerge does.

    New segments get empty entries, changed ones keep their old translation but are
    marked fuzzy with the previous msgid shown, vanished ones become obsolete.
    Returns counts, like sphinx-intl's update.
    """
    po = read_po(path) if path.exists() else _new_po(language)
    counts = {"added": 0, "changed": 0, "obsolete": 0, "unchanged": 0}
    by_ctx = {e.msgctxt: e for e in po if not e.obsolete}
    wanted = dict(segments)
    for msgctxt, msgid in segments:
        entry = by_ctx.get(msgctxt)
        if entry is None:
            po.append(polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgstr="", comment=(comments or {}).get(msgctxt, "")))
            counts["added"] += 1
        elif entry.msgid != msgid:
            entry.previous_msgid = entry.msgid
            entry.msgid = msgid
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
            counts["changed"] += 1
        else:
            counts["unchanged"] += 1
    for msgctxt, entry in by_ctx.items():
        if msgctxt not in wanted:
            entry.obsolete = True
            counts["obsolete"] += 1
    order = {ctx: i for i, (ctx, _) in enumerate(segments)}
    po.sort(key=lambda e: (e.obsolete, order.get(e.msgctxt, len(order))))
    po.wrapwidth = 0
    po.save(str(path))
    return counts


def _new_po(language: str = "en") -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "Parting Kit",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return po
