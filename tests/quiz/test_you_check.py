"""The live "you" checker (quiz/you_check.py): every form, no false friends, JS-safe offsets."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quiz.you_check import (
    MARK_LIMIT,
    SECTION,
    FormsError,
    Match,
    check,
    check_forms,
    find_you,
    normalize_form,
    read_forms,
)
from scripts.assessment.quizdata import read_you
from scripts.i18n import languages
from scripts.paths import Paths

# Each language's forms, as the build reads them (content/translations/<lang>/you.txt).
FORMS = {lang.code: frozenset(read_you(lang.you_file)) for lang in languages.load(Paths().languages)}
BOTH = FORMS["ru"] | FORMS["en"]


def forms(lang: str | None) -> frozenset[str]:
    """A language's forms; None (or a language without a list): Russian and English together."""
    return FORMS.get(lang, BOTH) if lang is not None else BOTH


RU_VY = ["вы", "вас", "вам", "вами"]
RU_VASH = [
    "ваш",
    "вашего",
    "вашему",
    "вашим",
    "вашем",
    "ваша",
    "вашей",
    "вашею",
    "вашу",
    "ваше",
    "ваши",
    "ваших",
    "вашими",
]
RU_TY = [
    "ты",
    "тебя",
    "тебе",
    "тобой",
    "тобою",
    "твой",
    "твоего",
    "твоему",
    "твоим",
    "твоём",
    "твоя",
    "твоей",
    "твоею",
    "твою",
    "твоё",
    "твои",
    "твоих",
    "твоими",
]
EN = ["you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd", "y'all"]


def caps(word: str) -> list[str]:
    """lower, Title, UPPER and a mixed spelling."""
    mixed = "".join(c.upper() if i % 2 else c for i, c in enumerate(word))
    return sorted({word, word[:1].upper() + word[1:], word.upper(), mixed})


def spans(text: str, lang: str | None) -> list[str]:
    return [text[m.start : m.end] for m in find_you(text, forms(lang))]


# ------------------------------------------------------------------ every form


@pytest.mark.parametrize("form", RU_VY + RU_VASH + RU_TY)
def test_every_russian_form_in_every_capitalisation(form):
    for spelling in caps(form):
        text = f"Вот так: {spelling}, и всё."
        found = find_you(text, forms("ru"))
        assert len(found) == 1, (spelling, found)
        m = found[0]
        assert text[m.start : m.end] == m.word == spelling
        assert m.form == form.replace("ё", "е")


UK = [
    "ви", "вас", "вам", "вами", "ваш", "вашого", "вашому", "вашим", "вашім", "ваша", "вашої", "вашій", "вашу",
    "вашою", "ваше", "ваші", "ваших", "вашими", "ти", "тебе", "тобі", "тобою", "твій", "твого", "твоєму", "твому",
    "твоїм", "твоя", "твоєї", "твоїй", "твою", "твоєю", "твоє", "твої", "твоїх", "твоїми",
]  # fmt: skip


@pytest.mark.parametrize("form", UK)
def test_every_ukrainian_form_in_every_capitalisation(form):
    """Ukrainian is data (its you.txt): «ви» and «ваш» in every form, «ти» and «твій» too."""
    for spelling in caps(form):
        found = find_you(f"Ось так: {spelling}, і все.", forms("uk"))
        assert [m.word for m in found] == [spelling], spelling


@pytest.mark.parametrize("word", ["виклик", "вишня", "вихід", "вистава", "тиша", "тиск", "твір", "тобто", "вашингтон"])
def test_ukrainian_false_friends_are_not_flagged(word):
    assert find_you(f"{word} {word.upper()} ({word})", forms("uk")) == []


def test_ukrainian_is_not_russian():
    """«є» is not «е» and «и» not «ы»: Russian's list marks no Ukrainian «ви», and the reverse."""
    assert spans("ви твоє", "ru") == [] and spans("вы твое", "uk") == []


def test_the_article_forms_are_all_there():
    assert set(RU_VY + RU_VASH) <= FORMS["ru"]
    assert {f.replace("ё", "е") for f in RU_TY} <= FORMS["ru"]
    assert set(EN) == FORMS["en"]


@pytest.mark.parametrize(
    ("spelled", "form"),
    [("твоё", "твое"), ("твое", "твое"), ("ТВОЁМ", "твоем"), ("твоём", "твоем"), ("вашём", "вашем"), ("ВашЁ", "ваше")],
)
def test_yo_and_ye_are_the_same_letter(spelled, form):
    (m,) = find_you(f"({spelled})", forms("ru"))
    assert m.form == form and m.word == spelled


@pytest.mark.parametrize("form", EN)
@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc"])
def test_every_english_form_in_every_capitalisation(form, apostrophe):
    for spelling in caps(form.replace("'", apostrophe)):
        text = f"Well, {spelling} know."
        found = find_you(text, forms("en"))
        assert [m.word for m in found] == [spelling], spelling
        assert found[0].form == form


def test_contractions_are_one_match():
    assert spans("You're late, you've said, you'll see, you'd know", "en") == ["You're", "you've", "you'll", "you'd"]
    # an unknown ending after the apostrophe leaves just "you"
    assert spans("you'z you's", "en") == ["you", "you"]


# ------------------------------------------------------------------ false friends

FALSE_FRIENDS = [
    "вызов",
    "Вызов",
    "вывод",
    "ВЫВОД",
    "высокий",
    "выход",
    "ваза",
    "Вашингтон",
    "вашингтонский",
    "Ваша2",
    "вы1",
    "вашa",  # last: Latin "a"
    "тыква",
    "тыл",
    "твоякий",
    "Твери",
    "тебенёк",
    "youth",
    "Youth",
    "bayou",
    "yourt",
    "Young",
    "YouTube",
    "yous",
    "yo",
    "yeah",
    "thou",
    "fryou",
    "you2",
    "myyou",
]


@pytest.mark.parametrize("word", FALSE_FRIENDS)
def test_false_friends_are_not_flagged(word):
    for lang in ("ru", "en", None):
        assert find_you(f"{word} {word}. ({word})", forms(lang)) == [], (word, forms(lang))


def test_a_stress_mark_belongs_to_its_word():
    assert spans("Вы́ правы", "ru") == ["Вы́"]
    assert spans("вы́зов", "ru") == []
    assert normalize_form("Вы́") == "вы"


# ------------------------------------------------------------------ punctuation and quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«вы»", ["вы"]),
        ("„Вас“", ["Вас"]),
        ('"you,"', ["you"]),
        ("“You”", ["You"]),
        ("(вам)", ["вам"]),
        ("[yours]", ["yours"]),
        ("вы!", ["вы"]),
        ("вы?", ["вы"]),
        ("вы…", ["вы"]),
        ("вы—", ["вы"]),
        ("—вы", ["вы"]),
        ("по-вашему", ["вашему"]),
        ("вы-то", ["вы"]),
        ("_вы_", ["вы"]),
        ("*you*", ["you"]),
        ("**Ваш**", ["Ваш"]),
        ("your_name", ["your"]),
        ("вы\u00a0правы", ["вы"]),
        ("thank-you", ["you"]),
        ("d'you", ["you"]),
        ("you\nyour\tyours", ["you", "your", "yours"]),
        ("ВЫ,ВАС;ВАМ:ВАМИ", ["ВЫ", "ВАС", "ВАМ", "ВАМИ"]),
    ],
)
def test_punctuation_and_quotes_around_words(text, expected):
    assert spans(text, None) == expected


# ------------------------------------------------------------------ languages


def test_the_word_list_selects_the_forms():
    text = "вы и you"
    assert spans(text, "ru") == ["вы"]
    assert spans(text, "en") == ["you"]
    assert spans(text, None) == ["вы", "you"]
    assert [m.word for m in find_you("ви і you", ["ви"])] == ["ви"]


def test_every_language_of_the_site_has_its_word_list():
    """A language is data: its forms of "you" are its you.txt, which the build checks."""
    assert set(FORMS) == set(languages.load(Paths().languages).codes)
    for code, found in FORMS.items():
        assert found, code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no forms"),
        ("# only a comment\n", "no forms"),
        ("вы\nвы\n", "'вы' is listed twice"),
        ("Вы\n", "write 'Вы' as 'вы'"),
        ("твоё\n", "write 'твоё' as 'твое'"),
        ("you’re\n", "write 'you’re' as \"you're\""),
        ("two words\n", "'two words' is not a form"),
        ("you2\n", "'you2' is not a form"),
    ],
)
def test_a_bad_word_list_is_named_with_its_fix(text, message):
    with pytest.raises(FormsError, match=message) as info:
        read_forms(text, "content/translations/xx/you.txt")
    assert "content/translations/xx/you.txt" in str(info.value)
    with pytest.raises(FormsError):
        check_forms("вы")


def test_check_is_plain_data():
    result = check("😀 Вы", forms("ru"))
    assert result == {
        "count": 1,
        "section": SECTION,
        "matches": [{"start": 2, "end": 4, "start16": 3, "end16": 5, "word": "Вы", "form": "вы", "line": 1}],
    }
    assert SECTION == "avoid-you"
    assert check("", forms("en")) == {"count": 0, "matches": [], "section": "avoid-you"}


def test_text_must_be_a_string():
    with pytest.raises(TypeError):
        find_you(None, forms("ru"))  # type: ignore[arg-type]  # the wrong type on purpose


# ------------------------------------------------------------------ UTF-16 offsets


def utf16_slice(text: str, start16: int, end16: int) -> str:
    return text.encode("utf-16-le")[2 * start16 : 2 * end16].decode("utf-16-le")


@pytest.mark.parametrize(
    "text",
    [
        "😀 вы",
        "👩‍👩‍👧 Вам 🇷🇺 ваш 😀😀 you",
        "𝕏 your 𝒜𝒷 yours",
        "вы 😀 вы",
        "no astral here: вы",
    ],
)
def test_utf16_offsets_survive_astral_characters(text):
    found = find_you(text, forms(None))
    assert found
    for m in found:
        assert utf16_slice(text, m.start16, m.end16) == m.word
        assert m.end16 - m.start16 == len(m.word.encode("utf-16-le")) // 2


def test_utf16_offsets_count_each_emoji_twice():
    (m,) = find_you("😀😀 you", forms("en"))
    assert (m.start, m.end, m.start16, m.end16) == (3, 6, 5, 8)


# ------------------------------------------------------------------ large letters (issue 16.6)


@pytest.mark.parametrize("lang", ["ru", "en", None])
def test_a_huge_letter_is_counted_exactly_and_marked_up_to_the_limit(lang):
    """A pasted 100,000-character letter: the page gets every match counted but only
    MARK_LIMIT of them to mark, so building the marks cannot freeze it (the time is
    measured by `make bench`, not here)."""
    text = ("Вы знаете, что ваш проект — вызов. You know your scope; youth and bayou. 😀 " * 1400)[:100_000]
    every = find_you(text, forms(lang))
    assert len(every) > 5 * MARK_LIMIT
    result = check(text, forms(lang))
    assert result["count"] == len(every)
    assert len(result["matches"]) == MARK_LIMIT
    assert result["matches"] == [m.as_dict() for m in every[:MARK_LIMIT]]
    assert find_you(text, forms(lang), 3) == every[:3]


@pytest.mark.parametrize("n", [MARK_LIMIT - 1, MARK_LIMIT, MARK_LIMIT + 1])
def test_the_count_is_exact_at_the_limit(n):
    text = "ваш " * n
    result = check(text, forms("ru"))
    assert result["count"] == n and len(result["matches"]) == min(n, MARK_LIMIT)


# ------------------------------------------------------------------ robustness (Hypothesis)

ALL_FORMS = sorted(BOTH)
PIECES = [
    *ALL_FORMS,
    "вы",
    "Ваш",
    "YOU",
    "'re",
    "’ll",
    "зов",
    "ш",
    "th",
    "bay",
    "\u0301",
    "ё",
    "Ё",
    " ",
    "-",
    "_",
    "«",
    "»",
    ".",
    "'",
    "😀",
    "🇷🇺",
    "\u200d",
    "\n",
    "7",
    "a",
    "я",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join),
)


def is_word_char(ch: str) -> bool:
    return (ch.isalnum() and ch != "_") or "\u0300" <= ch <= "\u036f"


@settings(max_examples=400, deadline=None)
@given(text=texts, lang=st.sampled_from(["ru", "en", None]))
@example(text="Y'ALL\u0300", lang="en")
def test_never_crashes_and_every_match_is_a_whole_allowed_word(text, lang):
    found = find_you(text, forms(lang))
    allowed = forms(lang)
    previous_end = 0
    for m in found:
        assert isinstance(m, Match)
        assert previous_end <= m.start < m.end <= len(text)
        previous_end = m.end
        assert m.word == text[m.start : m.end]
        assert normalize_form(m.word) == m.form in allowed
        # Without accents and with a straight apostrophe, the word is its form as
        # typed (Hypothesis once found "Y'ALL" + U+0300, which only normalizes to it).
        if not any("\u0300" <= ch <= "\u036f" for ch in m.word) and (m.word.isalpha() or "'" in m.word):
            assert m.word.lower().replace("ё", "е") in allowed
        assert m.start == 0 or not is_word_char(text[m.start - 1])
        assert m.end == len(text) or not is_word_char(text[m.end])
        prefix16 = len(text[: m.start].encode("utf-16-le", "surrogatepass")) // 2
        assert m.start16 == prefix16
        assert m.end16 == prefix16 + len(m.word.encode("utf-16-le", "surrogatepass")) // 2
    assert check(text, forms(lang))["count"] == len(found)


@settings(max_examples=300, deadline=None)
@given(left=st.text(max_size=30), form=st.sampled_from(ALL_FORMS), right=st.text(max_size=30), upper=st.booleans())
def test_a_form_set_off_by_spaces_is_always_found(left, form, right, upper):
    word = form.upper() if upper else form
    text = f"{left} {word} {right}"
    start = len(left) + 1
    assert any(m.start == start and m.end == start + len(word) for m in find_you(text, forms(None)))
