"""The English catalogue: complete, stale entries caught, lenient mode, PO round trip."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from scripts.errors import BuildError
from scripts.guide import read_guide
from scripts.i18n import catalog
from scripts.i18n.translate import localize
from scripts.paths import ROOT, Paths
from tests import expect

PO = ROOT / "content" / "translations" / "en" / "guide.po"
GUIDE = read_guide(Paths())


def test_the_english_guide_is_complete_and_current():
    texts, problems = localize(GUIDE, "en", catalog.load([PO]), lenient=False)
    assert problems == []
    assert len(texts) == len(GUIDE.segments)
    cyrillic = [k for k, t in texts.items() if any("а" <= ch <= "я" for ch in t.value.lower())]
    assert cyrillic == []


def test_every_entry_is_used():
    used = {s.id for s in GUIDE.segments}
    entries = {e.msgctxt for e in polib.pofile(str(PO)) if not e.obsolete}
    assert entries == used


def _stale_copy(tmp_path: Path) -> Path:
    po = polib.pofile(str(PO))
    expect.present(
        po.find("part-ways.avoid-you.1", by="msgctxt"), "part-ways.avoid-you.1"
    ).msgid = "Старый русский текст абзаца."
    path = tmp_path / "guide.po"
    po.save(str(path))
    return path


def test_a_changed_russian_paragraph_fails_the_build_naming_it(tmp_path):
    path = _stale_copy(tmp_path)
    with pytest.raises(BuildError) as info:
        localize(GUIDE, "en", catalog.load([path]), lenient=False)
    message = str(info.value)
    assert "segment 'part-ways.avoid-you.1' changed in Russian" in message
    assert str(path) in message
    assert "make catalog" in message and "LENIENT=1" in message


def test_lenient_mode_shows_the_russian_text_as_pending(tmp_path):
    texts, problems = localize(GUIDE, "en", catalog.load([_stale_copy(tmp_path)]), lenient=True)
    assert [p.msgctxt for p in problems] == ["part-ways.avoid-you.1"]
    pending = texts["part-ways.avoid-you.1"]
    assert pending.pending and pending.value.startswith("Никому не нравится")
    assert not texts["part-ways.avoid-you.heading"].pending


def test_missing_and_fuzzy_entries_are_reported(tmp_path):
    po = polib.pofile(str(PO))
    po.remove(expect.present(po.find("home.contents", by="msgctxt"), "home.contents"))
    expect.present(po.find("home.intro-1", by="msgctxt"), "home.intro-1").flags.append("fuzzy")
    path = tmp_path / "guide.po"
    po.save(str(path))
    _, problems = localize(GUIDE, "en", catalog.load([path]), lenient=True)
    assert {(p.kind, p.msgctxt) for p in problems} == {("missing", "home.contents"), ("untranslated", "home.intro-1")}


def test_a_broken_po_file_names_the_file(tmp_path):
    path = tmp_path / "guide.po"
    path.write_text('msgctxt "x"\nmsgid "a"\nmsgstr "b"\nthis is not PO syntax\n', encoding="utf-8")
    with pytest.raises(BuildError, match="not a valid PO file") as info:
        catalog.load([path])
    assert str(path) in str(info.value)


def test_sync_counts_and_keeps_old_translations_as_fuzzy(tmp_path):
    path = tmp_path / "guide.po"
    shutil.copy(PO, path)
    segments = [(s.id, s.text) for s in GUIDE.segments]
    assert catalog.sync(path, segments)["unchanged"] == len(segments)
    changed = [(ctx, text + " Новое предложение.") if ctx == "home.intro-1" else (ctx, text) for ctx, text in segments]
    changed.append(("home.new", "Новый абзац"))
    counts = catalog.sync(path, [c for c in changed if c[0] != "home.contents"])
    assert counts == {"added": 1, "changed": 1, "obsolete": 1, "unchanged": len(segments) - 2}
    po = polib.pofile(str(path))
    entry = expect.present(po.find("home.intro-1", by="msgctxt"), "home.intro-1")
    assert entry.fuzzy and entry.previous_msgid and entry.msgstr  # translator sees the old text and keeps work
    assert expect.present(po.find("home.new", by="msgctxt"), "home.new").msgid == "Новый абзац"  # Cyrillic round-trips


def test_the_catalogue_is_in_sync_with_the_sources(tmp_path):
    path = tmp_path / "guide.po"
    shutil.copy(PO, path)
    counts = catalog.sync(path, [(s.id, s.text) for s in GUIDE.segments])
    assert counts["added"] == counts["changed"] == counts["obsolete"] == 0


def test_the_english_guide_is_in_one_voice():
    """US spelling, curly quotes and apostrophes (issue 10 §3)."""
    british = re.compile(r"\b(behaviour|realis\w*|criticis\w*|organis\w*|colour\w*|favour\w*|recognis\w*)\b", re.I)
    for entry in polib.pofile(str(PO)):
        if entry.obsolete:
            continue
        assert "'" not in entry.msgstr and '"' not in entry.msgstr, f"{entry.msgctxt}: use ’ “ ”"
        assert not british.search(entry.msgstr), f"{entry.msgctxt}: US spelling"
        assert "on the outside" not in entry.msgstr, f"{entry.msgctxt}: someone outside the situation"


COURSE_PAGE = ROOT / "content" / "pages" / "embed.ru.md"
PAGES_PO = ROOT / "content" / "translations" / "en" / "pages.po"


def prose(markdown: str) -> str:
    """The reader's text of a Markdown block: no fenced or inline code (snippets keep
    their straight quotes), no YAML quoting in the front matter."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced or line == "---":
            continue
        front = re.fullmatch(r'(title|description): "(.*)"', line)
        out.append(front.group(2) if front else line)
    return re.sub(r"`[^`]*`", " ", "\n".join(out))


def test_the_course_page_is_in_each_languages_typography_and_names_the_self_assessment():
    """Russian: a no-break space before every dash; English: curly quotes and apostrophes.
    The assessment is «самооценка» / "self-assessment", never «самопроверка» / "self-check"
    (the guide's "start with yourself" step)."""
    russian = prose(COURSE_PAGE.read_text(encoding="utf-8"))
    assert "—" in russian and not re.search(r"(?<!\u00a0)—", russian), "use \\u00a0— before every dash"
    assert "самооценк" in russian.lower() and "самопроверк" not in russian.lower()
    english = [e for e in polib.pofile(str(PAGES_PO)) if not e.obsolete]
    assert english
    for entry in english:
        text = prose(entry.msgstr)
        assert "'" not in text and '"' not in text, f"{entry.msgctxt}: use ’ “ ” in prose"
        assert "self-check" not in text.lower(), f"{entry.msgctxt}: the assessment is the self-assessment"
    assert any("self-assessment" in e.msgstr for e in english)
