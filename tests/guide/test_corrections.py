"""The reviewed corrections list (content/corrections.txt): applied by the build to the
article as read, never to the file; a line that no longer fits (not found, found
twice, stale, duplicate, malformed) fails the build naming the file, the line and the fix."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scripts.build import generate
from scripts.errors import BuildError
from scripts.guide import read_guide
from scripts.guide.article import parse_article, read_article
from scripts.guide.corrections import Correction, apply_corrections, read_corrections
from scripts.guide.markdown import escape_md, typography
from scripts.paths import ROOT, Paths
from tests.project import project_copy

LIST = ROOT / "content" / "corrections.txt"
ARTICLE = ROOT / "content" / "article.ru.txt"
SMALL = (
    "Заголовок? Подзаголовок\nПервый абзац, где есть ошибка, и точка.\nКороткий заголовок\nВторой абзац, с ошибкой.\n"
)


def _list(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "corrections.txt"
    path.write_text("# comment\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _apply(tmp_path: Path, *lines: str):
    path = _list(tmp_path, *lines)
    return apply_corrections(parse_article(SMALL), read_corrections(path), path)


def test_a_correction_is_applied_where_its_text_occurs_once(tmp_path):
    article = _apply(
        tmp_path,
        "абзац, где есть ошибка, → абзац, где нет ошибки, | test",
        "Подзаголовок → Новый подзаголовок | the title line is corrected too",
    )
    assert article.blocks[0].text == "Первый абзац, где нет ошибки, и точка."
    assert article.blocks[0].line == 2  # lines still point into the article file
    assert article.subtitle == "Новый подзаголовок"
    assert article.blocks[2].text == "Второй абзац, с ошибкой."


def test_the_list_is_read_line_by_line_with_its_reasons():
    corrections = read_corrections(LIST)
    assert corrections and all(isinstance(c, Correction) and c.reason for c in corrections)
    first = corrections[0]
    assert repr(first).startswith(f"Correction(line {first.line}, ")
    assert LIST.read_text(encoding="utf-8").splitlines()[first.line - 1].startswith(first.before)


def test_not_found_names_the_file_the_line_and_the_fix(tmp_path):
    with pytest.raises(BuildError) as info:
        _apply(tmp_path, "нет такого текста → другой текст | test")
    message = str(info.value)
    assert "corrections.txt: line 3: «нет такого текста» is not in the article" in message
    assert "fix: copy 'before' exactly from content/article.ru.txt" in message


def test_found_twice_fails_and_says_where(tmp_path):
    with pytest.raises(
        BuildError,
        match=r"line 3: «абзац» occurs 2 times in the article "
        r"\(article line 2, article line 4\)\n  fix: make 'before' longer",
    ):
        _apply(tmp_path, "абзац → текст | test")


def test_stale_when_the_article_already_reads_the_correction(tmp_path):
    with pytest.raises(
        BuildError,
        match=r"line 3: stale: the article no longer contains «с промахом\.» and "
        r"already reads «с ошибкой\.»\n  fix: .*delete this line",
    ):
        _apply(tmp_path, "с промахом. → с ошибкой. | test")


def test_stale_after_the_article_is_fixed_at_the_source(tmp_path):
    fixed = SMALL.replace("где есть ошибка", "где нет ошибки")
    path = _list(tmp_path, "где есть ошибка → где нет ошибки | test")
    with pytest.raises(BuildError, match=r"line 3: stale: .*already reads «где нет ошибки»"):
        apply_corrections(parse_article(fixed), read_corrections(path), path)


def test_a_duplicate_line_fails_naming_both(tmp_path):
    with pytest.raises(BuildError, match=r"line 4: «ошибкой» is already corrected on line 3\n  fix: keep one line"):
        read_corrections(_list(tmp_path, "ошибкой → оплошностью | a", "ошибкой  → промахом | b"))


@pytest.mark.parametrize(
    "line",
    [
        "ошибкой -> промахом | arrow",
        "ошибкой → промахом",
        "ошибкой → | no after",
        " → промахом | no before",
        "ошибкой → промахом | ",
    ],
)
def test_a_malformed_line_fails_with_the_format(tmp_path, line):
    with pytest.raises(BuildError, match=r"line 3: expected 'before → after \| reason'"):
        read_corrections(_list(tmp_path, line))


def test_every_problem_is_reported_at_once(tmp_path):
    with pytest.raises(BuildError) as info:
        _apply(tmp_path, "нет такого → x | a", "абзац → y | b")
    assert str(info.value).startswith("2 problem(s) found:")


def test_the_article_file_is_never_touched_and_is_still_the_one_received():
    before = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    read_guide(Paths())
    generate(Paths())
    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == before
    # The slips are still in the file, for the record.
    assert "нет ничего, чтобы было «достаточно хорошо»" in ARTICLE.read_text(encoding="utf-8")


def test_the_guide_shows_every_correction_and_none_of_the_slips():
    pages = generate(Paths()).pages
    russian = "\n".join(text for name, text in pages.items() if name.endswith(".ru.md"))
    raw = read_article(ARTICLE)
    for c in read_corrections(LIST):
        # Compared with the Markdown as written: escaped (paragraphs) or not (list items).
        assert escape_md(typography(c.after)) in russian or c.after in russian, c
        assert escape_md(typography(c.before)) not in russian and c.before not in russian, c
        assert any(c.before in t for t in (raw.title, raw.subtitle, *(b.text for b in raw.blocks))), c


def test_a_correction_that_no_longer_fits_fails_the_build(tmp_path):
    paths = project_copy(tmp_path)
    with paths.corrections.open("a", encoding="utf-8") as fh:
        fh.write("ошибка, которой нет → исправление | test\n")
    number = len(paths.corrections.read_text(encoding="utf-8").splitlines())
    with pytest.raises(
        BuildError, match=rf"corrections\.txt: line {number}: «ошибка, которой нет» is not in the article"
    ):
        generate(paths)
