"""The letters of each language's texts, for tests that tell whether a text reads in
its page's language or was left in another one (an untranslated string, a Russianism
in a Ukrainian text): a text in the language holds some of its letters and none of
the letters that betray another language.

The one place tests know a language's letters: a language added to
content/translations/languages.toml needs its line here (the tests that read its
pages say so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Alphabet:
    letters: re.Pattern[str]  # a text in the language holds some of these
    foreign: re.Pattern[str]  # ...and none of these


ALPHABETS = {
    # Russian: Cyrillic, never the letters only Ukrainian has.
    "ru": Alphabet(re.compile("[а-яё]", re.I), re.compile("[іїєґ]", re.I)),
    # English: Latin, no Cyrillic at all.
    "en": Alphabet(re.compile("[a-z]", re.I), re.compile("[\u0400-\u04ff]")),
    # Ukrainian: Cyrillic, never the letters only Russian has.
    "uk": Alphabet(re.compile("[а-яіїєґ]", re.I), re.compile("[ыэъё]", re.I)),
}


def alphabet(lang: str) -> Alphabet:
    assert lang in ALPHABETS, f"tests/alphabets.py has no letters for the language {lang!r}: add its line"
    return ALPHABETS[lang]


def foreign_letters(lang: str, text: str) -> list[str]:
    """The words of `text` with a letter `lang` does not use (empty: it reads as `lang`)."""
    return [word for word in text.split() if alphabet(lang).foreign.search(word)]


def reads_as(lang: str, text: str) -> bool:
    """`text` has the letters of `lang` and none of another language's."""
    return bool(alphabet(lang).letters.search(text)) and not foreign_letters(lang, text)
