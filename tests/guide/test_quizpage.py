"""The quiz compile step: a bad definition or a missing translation fails the build
with a message naming the file and the item; a good one renders the contract markup."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import polib
import pytest

from scripts.build import generate
from scripts.errors import BuildError
from tests import expect

from .test_build import _project_copy

ROOT = Path(__file__).resolve().parents[2]


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
    paths = _project_copy(tmp_path)
    _edit_definition(paths, old, new)
    with pytest.raises(BuildError, match=message) as info:
        generate(paths)
    assert "definition.toml" in str(info.value)


def test_a_missing_english_string_fails_naming_it(tmp_path):
    paths = _project_copy(tmp_path)
    po = polib.pofile(str(paths.quiz_po))
    po.remove(expect.present(po.find("quiz.ui.submit", by="msgctxt"), "quiz.ui.submit"))
    po.save(str(paths.quiz_po))
    with pytest.raises(BuildError, match=re.escape("segment 'quiz.ui.submit' has no English entry")) as info:
        generate(paths)
    assert "quiz.po" in str(info.value)
    # Lenient: the page builds, the button keeps its Russian label.
    pages = generate(paths, lenient=True).pages
    assert "Получить результат" in pages["quiz.en.md"]


def test_a_changed_russian_question_is_stale_in_english(tmp_path):
    paths = _project_copy(tmp_path)
    _edit_definition(paths, "Клиент оспаривает ваши счета", "Клиент спорит по поводу счетов")
    with pytest.raises(BuildError, match=r"segment 'quiz.question.invoices.text' changed in Russian"):
        generate(paths)


def test_the_quiz_page_has_the_contract_markup_and_localized_data():
    pages = generate().pages
    for lang in ("ru", "en"):
        md = pages[f"quiz.{lang}.md"]
        assert '<form id="assessment"' in md and 'id="quiz-engine" class="pk-quiz__engine" data-state="loading"' in md
        assert 'id="quiz-result"' in md
        data = expect.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', md, re.S).group(1)
        import json

        data = json.loads(data.replace("<\\/", "</"))
        assert data["lang"] == lang
        assert data["links"]["avoid-you"] == "../part-ways/#avoid-you"
        titles = {sid: s["title"] for sid, s in data["definition"]["sections"].items()}
        assert titles["avoid-you"] == ("Избегайте слова «вы»" if lang == "ru" else "Avoid the word “you”")
    source = tomllib.loads((ROOT / "quiz" / "definition.toml").read_text(encoding="utf-8"))
    for question in source["questions"]:
        assert f'<fieldset data-question="{question["id"]}"' in pages["quiz.ru.md"]


def test_the_page_prints_hand_scoring_instructions_from_the_definition():
    source = tomllib.loads((ROOT / "quiz" / "definition.toml").read_text(encoding="utf-8"))
    signs = [q for q in source["questions"] if q["kind"] == "sign"]
    pages = generate().pages
    for lang, hard_stop in (("ru", "Стоп-сигнал"), ("en", "Hard stop")):
        manual = expect.search(
            r'<details class="pk-quiz__manual"[^>]*>.*?</details>', pages[f"quiz.{lang}.md"], re.S
        ).group(0)
        rows = re.findall(r"<tr><td>.*?</td><td>(\d+)</td><td>(.*?)</td></tr>", manual)
        assert [int(w) for w, _ in rows] == [q["weight"] for q in signs]
        assert [bool(h) for _, h in rows] == [q["hard_stop"] for q in signs]
        assert all(h in ("", hard_stop) for _, h in rows)
        assert str(source["threshold"]) in manual
