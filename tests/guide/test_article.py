"""The article parser: title, duplicate body, footer, headings, variants, bad input."""

from __future__ import annotations

import hashlib

import pytest

from scripts.errors import BuildError
from scripts.guide.article import parse_article, read_article

from .article_variants import ARTICLE, RAW, ROOT, TEXT, VARIANTS, single_copy

# The article as received (../shared/seed/article.ru.txt), by checksum: a clone
# without ../shared beside it (CI) still proves that the project's copy is untouched.
SEED_SHA256 = "2fdceaddd0896bbc0381c2794101567c27b6ad56392859ee7ea40fd3978c97de"


def test_the_projects_copy_is_the_article_as_received():
    assert hashlib.sha256(RAW).hexdigest() == SEED_SHA256, (
        "content/article.ru.txt differs from the article as received: restore it with "
        "`git checkout content/article.ru.txt` (corrections belong in the build, not in this file)"
    )
    seed = ROOT.parent / "shared" / "seed" / "article.ru.txt"
    if seed.exists():  # the project's machines: the seed itself is the reference too
        assert seed.read_bytes() == RAW, f"content/article.ru.txt differs from {seed}"


def test_title_and_subtitle_come_from_the_first_line():
    article = read_article(ARTICLE)
    assert article.title == "Настало время распрощаться?"
    assert article.subtitle == "Когда и как расставаться с вашим клиентом"


def test_the_repeated_body_is_dropped():
    article = read_article(ARTICLE)
    texts = [b.text for b in article.blocks]
    assert len(texts) == len(set(texts)) == 23
    assert article.dropped_duplicate_lines == 23
    assert texts[0].startswith("У вас есть клиенты")
    assert texts[-1].startswith("Никто не обязан терпеть")


def test_footer_becomes_metadata_and_leaves_the_body():
    article = read_article(ARTICLE)
    assert article.rubrics == ("Бизнес технологии", "Продажи")
    assert article.tags == ("плохой клиент", "бизнес")
    body = " ".join(b.text for b in article.blocks)
    for noise in ("Рубрика", "Просмотров", "4339", "Оставьте комментарий"):
        assert noise not in body


def test_short_lines_without_final_punctuation_are_headings():
    article = read_article(ARTICLE)
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == [
        "Как распознать токсичного клиента",
        "Все должно быть сделано профессионально",
        "Сделайте последнюю отчаянную попытку сохранить отношения",
        "Избегайте слова «вы»",
        "Закройте дверь, но оставьте окно открытым",
        "Посоветуйте им кого-нибудь другого",
        "Заканчивайте расставание на позитивной ноте",
        "Разместите ваш отказ в письменном виде",
    ]


@pytest.mark.parametrize("name", VARIANTS)
def test_variants_parse_to_the_same_article(name):
    assert parse_article(VARIANTS[name](TEXT)) == parse_article(TEXT)


def test_a_truncated_second_copy_is_dropped_too():
    lines = TEXT.split("\n")
    truncated = "\n".join(lines[:24] + lines[24:30] + lines[47:])
    assert parse_article(truncated) == parse_article(TEXT)


def test_the_no_duplicate_variant_really_has_one_copy():
    assert parse_article(single_copy(TEXT)).dropped_duplicate_lines == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"   \n\n  \r\n", "the article is empty"),
        (b"\xff\xfe\x00\x00broken", "not valid UTF-8"),
        ("Заголовок\nОдин абзац без заголовков. Совсем.\n".encode(), "structure not recognised"),
        ("Только заголовок\n".encode(), "structure not recognised"),
    ],
    ids=["empty", "blank-lines", "not-utf8", "no-headings", "title-only"],
)
def test_bad_input_names_the_file_and_the_fix(tmp_path, content, message):
    path = tmp_path / "article.ru.txt"
    path.write_bytes(content)
    with pytest.raises(BuildError) as info:
        read_article(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert "fix:" in str(info.value)


def test_a_missing_article_is_reported(tmp_path):
    with pytest.raises(BuildError, match="the article file is missing"):
        read_article(tmp_path / "nope.txt")
