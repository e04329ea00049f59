"""The quiz pages' data (scripts/assessment/quizdata.py): a bad definition or a missing
translation fails the build with a message naming the file and the item; a good one
gives each language its localized data. (The markup made from it: test_markup.py.)"""

from __future__ import annotations

import re

import polib
import pytest

from scripts.build import generate
from scripts.errors import BuildError
from tests import expect
from tests.project import project_copy
from tests.site import LANGS


def _edit_definition(paths, old: str, new: str) -> None:
    text = paths.quiz_definition.read_text(encoding="utf-8")
    assert old in text, old
    paths.quiz_definition.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '[sections.empty-cup]\npage = "part-ways"',
            ('[sections.empty-cup]\npage = "part-ways"\n\n[sections.no-such-section]\npage = "part-ways"'),
            "section 'no-such-section'",
        ),
        ('id = "nitpicking"', 'id = "schedule"', "schedule"),
        ("weight = 2", "weight = 9", "weight"),
        ("threshold = 8", "threshold = -1", "threshold"),
    ],
    ids=["dead-section", "duplicate-id", "bad-weight", "bad-threshold"],
)
def test_a_bad_definition_fails_naming_the_item(tmp_path, old, new, message):
    paths = project_copy(tmp_path)
    _edit_definition(paths, old, new)
    with pytest.raises(BuildError, match=message) as info:
        generate(paths)
    assert "definition.toml" in str(info.value)


def test_a_missing_english_string_fails_naming_it(tmp_path):
    paths = project_copy(tmp_path)
    po = polib.pofile(str(paths.po("en", "quiz")))
    po.remove(expect.present(po.find("quiz.ui.submit", by="msgctxt"), "quiz.ui.submit"))
    po.save(str(paths.po("en", "quiz")))
    with pytest.raises(BuildError, match=re.escape("segment 'quiz.ui.submit' has no English entry")) as info:
        generate(paths)
    assert "quiz.po" in str(info.value)
    # Lenient: the page builds, the button keeps its Russian label.
    pages = generate(paths, lenient=True).pages
    assert "Получить результат" in pages["quiz.en.md"]


def test_a_changed_russian_question_is_stale_in_english(tmp_path):
    paths = project_copy(tmp_path)
    _edit_definition(paths, "Клиент оспаривает ваши счета", "Клиент спорит по поводу счетов")
    with pytest.raises(BuildError, match=r"segment 'quiz.question.invoices.text' changed in Russian"):
        generate(paths)


# The guide's heading of #avoid-you, in each language.
AVOID_YOU = {"ru": "Избегайте слова «вы»", "en": "Avoid the word “you”", "uk": "Уникайте слова «ви»"}


def test_each_language_gets_its_localized_data():
    data = generate().quiz.data
    assert set(data) == set(LANGS)
    for lang in LANGS:
        assert data[lang]["lang"] == lang
        assert data[lang]["links"]["avoid-you"] == "../part-ways/#avoid-you"
        titles = {sid: s["title"] for sid, s in data[lang]["definition"]["sections"].items()}
        assert titles["avoid-you"] == AVOID_YOU[lang]
