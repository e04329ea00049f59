"""The drafter's phrase blocks in the quiz pages' #quiz-data ("phrases"), per language.

English comes from content/translations/en/draft.po through the build's catalogue:
a stale or missing entry fails the build like a guide segment, unless lenient
(then that text stays in Russian).
"""

from __future__ import annotations

import re

import pytest

from quiz.draft import parse_phrases
from scripts.assessment.phrases import phrases_by_language
from scripts.build import generate
from scripts.errors import BuildError
from tests.project import project_copy

STALE_MSGID = 'msgid "Здравствуйте, {client_name}!"'


def test_each_quiz_page_carries_the_phrases_in_its_language(tmp_path):
    paths = project_copy(tmp_path)
    data = generate(paths).quiz.data
    toml = paths.phrases.read_text(encoding="utf-8")
    # Each page's phrases carry its language's forms of "you" (its you.txt), for the check.
    assert data["ru"]["phrases"] == parse_phrases(toml, data["ru"]["phrases"]["you"])
    assert data["en"]["phrases"] == phrases_by_language(paths)["en"]
    assert "вы" in data["ru"]["phrases"]["you"] and "you" in data["en"]["phrases"]["you"]
    assert not set(data["ru"]["phrases"]["you"]) & set(data["en"]["phrases"]["you"])
    assert data["en"]["phrases"]["texts"]["file_md"].endswith(".md")
    assert data["en"]["phrases"]["lang"] == "en"
    for key in ("draft_heading", "draft_you_count", "draft_copy", "draft_download_md"):
        assert data["ru"]["ui"][key] and data["en"]["ui"][key] != data["ru"]["ui"][key]


def test_a_stale_draft_translation_fails_unless_lenient(tmp_path):
    paths = project_copy(tmp_path)
    po = paths.po("en", "draft").read_text(encoding="utf-8")
    assert STALE_MSGID in po
    paths.po("en", "draft").write_text(po.replace(STALE_MSGID, 'msgid "Привет, {client_name}!"'), encoding="utf-8")
    with pytest.raises(BuildError, match=r"draft\.greeting\.0"):
        generate(paths)
    phrases = generate(paths, lenient=True).quiz.data["en"]["phrases"]
    assert phrases["blocks"]["greeting"]["variants"][0] == "Здравствуйте, {client_name}!"
    assert phrases["blocks"]["greeting"]["variants"][1] == "Hello {client_name},"


def test_broken_phrases_fail_the_build(tmp_path):
    paths = project_copy(tmp_path)
    paths.phrases.write_text('lang = "ru"\n', encoding="utf-8")
    with pytest.raises(BuildError, match="phrases"):
        generate(paths)
    paths.phrases.unlink()
    with pytest.raises(BuildError, match="phrases are missing"):
        generate(paths)


def test_a_language_without_its_word_list_fails_naming_the_file(tmp_path):
    paths = project_copy(tmp_path)
    you = paths.root / "content" / "translations" / "en" / "you.txt"
    you.unlink()
    with pytest.raises(BuildError, match=re.escape("you.txt")) as info:
        generate(paths)
    assert "forms of 'you'" in str(info.value)
    you.write_text("You\n", encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape("write 'You' as 'you'")):
        generate(paths)
