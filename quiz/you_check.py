"""Find every form of "you" in a text, for the live checker under the draft message.

The article's advice (section ``avoid-you``): when ending a working relationship,
avoid the word «вы» — "the contract terms were not met" instead of "you broke the
contract".  ``find_you`` marks each form so the page can highlight it as the
reader edits.

Pure standard library, no I/O: runs in CPython 3.11 and in Pyodide alike.

What counts as "you"
--------------------
Russian (``lang="ru"``)
    The pronoun «вы» in every case (вы, вас, вам, вами), the possessive «ваш» in
    every gender, number and case (ваш, вашего, вашему, вашим, вашем, ваша, вашей,
    вашею, вашу, ваше, ваши, ваших, вашими), and the informal «ты» / «твой» with all
    their forms (ты, тебя, тебе, тобой, тобою, твой, твоя, твоё, твои, твоего, ...):
    both address the reader's client directly, which is what the advice is about.
    Written «е» and «ё» are interchangeable (``твое`` = ``твоё``).
English (``lang="en"``)
    you, your, yours, yourself, yourselves, the contractions you're, you've,
    you'll, you'd (straight ``'``, typographic ``’`` or modifier ``ʼ`` apostrophe)
    and y'all.
Any other ``lang`` (or ``None``) checks both languages.

Matching is case-insensitive letter by letter (Вы, ВАС, вАш all match) and whole
words only: a match may not touch a letter or digit on either side, so вызов,
вывод, Вашингтон, youth, bayou, yourt and YouTube are not flagged, while «вы»,
"you," and по-вашему are.  Combining accents (U+0300–U+036F, e.g. a stress mark
in «вы́») count as part of the word they follow.  Underscores do not join words,
so ``_вы_`` is flagged.

Offsets
-------
``start`` / ``end`` are Python ``str`` indices (code points).  The page highlights
in JavaScript, whose strings count UTF-16 code units, so every match also carries
``start16`` / ``end16``: characters above U+FFFF (most emoji) count twice there.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice

from quiz.api_types import YouCheck, YouMatch

__all__ = ["FORMS", "MARK_LIMIT", "SECTION", "Match", "check", "find_you", "normalize_form"]

#: The guide section that explains why these words are flagged.
SECTION = "avoid-you"
#: How many matches ``check`` returns for the page to mark (the count is always exact).
MARK_LIMIT = 200

#: Every form, lower case, written with «е» (never «ё»), per language.
FORMS: dict[str, frozenset[str]] = {
    "ru": frozenset(
        {
            # вы
            "вы",
            "вас",
            "вам",
            "вами",
            # ваш
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
            # ты
            "ты",
            "тебя",
            "тебе",
            "тобой",
            "тобою",
            # твой
            "твой",
            "твоего",
            "твоему",
            "твоим",
            "твоем",
            "твоя",
            "твоей",
            "твоею",
            "твою",
            "твое",
            "твои",
            "твоих",
            "твоими",
        }
    ),
    "en": frozenset(
        {
            "you",
            "your",
            "yours",
            "yourself",
            "yourselves",
            "you're",
            "you've",
            "you'll",
            "you'd",
            "y'all",
        }
    ),
}

_LANGS = tuple(FORMS)

# Combining diacritical marks: part of the preceding letter (stress marks etc.).
_MARKS = "\u0300-\u036f"
_MARKS_RE = re.compile(f"[{_MARKS}]")
_APOSTROPHES = "'\u2019\u02bc"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
# A letter or digit (not "_") or a combining mark may not touch a match.
_BEFORE = f"(?<![^\\W_])(?<![{_MARKS}])"
_AFTER = f"(?![^\\W_])(?![{_MARKS}])"
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def _letter(ch: str) -> str:
    """A character class for one letter of a form: both cases, е/ё alike, then accents."""
    if ch == "'":
        return f"[{_APOSTROPHES}]"
    chars = {ch, ch.upper()}
    if ch == "е":
        chars |= {"ё", "Ё"}
    cls = "".join(sorted(re.escape(c) for c in chars))
    return f"[{cls}][{_MARKS}]*"


def _pattern(forms: frozenset[str]) -> str:
    # Longest first: not needed for correctness (the boundary check backtracks),
    # but it makes the first alternative tried the one that usually wins.
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    return "|".join("".join(_letter(c) for c in form) for form in ordered)


_REGEX: dict[str, re.Pattern[str]] = {
    lang: re.compile(f"{_BEFORE}(?:{_pattern(forms)}){_AFTER}") for lang, forms in FORMS.items()
}
_REGEX[""] = re.compile(f"{_BEFORE}(?:{'|'.join(_pattern(FORMS[lang]) for lang in _LANGS)}){_AFTER}")


@dataclass(frozen=True, slots=True)
class Match:
    """One form of "you" in the text.

    ``word`` is the text exactly as written (``text[start:end]``); ``form`` the
    dictionary spelling (lower case, accents dropped, «ё» as «е», ``'`` apostrophe)
    and ``lang`` the language it belongs to.
    """

    start: int
    end: int
    start16: int
    end16: int
    word: str
    form: str
    lang: str
    line: int = 1  # 1-based line of the text it starts on (where the page says it is)

    def as_dict(self) -> YouMatch:
        return {
            "start": self.start,
            "end": self.end,
            "start16": self.start16,
            "end16": self.end16,
            "word": self.word,
            "form": self.form,
            "lang": self.lang,
            "line": self.line,
        }


def normalize_form(word: str) -> str:
    """The dictionary spelling of a matched word: lower case, no accents, «е», ``'``."""
    word = _MARKS_RE.sub("", word).lower().replace("ё", "е")
    return _APOSTROPHE_RE.sub("'", word)


def _lang_key(lang: str | None) -> str:
    """``"ru"`` / ``"en"`` for ``ru``, ``RU``, ``ru-RU``, ``en_GB``...; ``""`` = both."""
    if not isinstance(lang, str):
        return ""
    code = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
    return code if code in FORMS else ""


def find_you(text: str, lang: str | None, limit: int | None = None) -> list[Match]:
    """Every form of "you" in ``text``, in order (the first ``limit`` if given).

    ``lang`` unknown or ``None``: both languages.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    regex = _REGEX[_lang_key(lang)]
    found = list(islice(regex.finditer(text), limit))
    if not found:
        return []
    # UTF-16 offset = code-point offset + number of astral characters before it.
    astral = [m.start() for m in _ASTRAL_RE.finditer(text)]
    breaks = [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []
    matches = []
    for m in found:
        start, end = m.span()
        shift_start = bisect_left(astral, start) if astral else 0
        shift_end = bisect_left(astral, end) if astral else 0
        word = m.group()
        form = normalize_form(word)
        lang_of = "ru" if form in FORMS["ru"] else "en"
        line = bisect_left(breaks, start) + 1
        matches.append(Match(start, end, start + shift_start, end + shift_end, word, form, lang_of, line))
    return matches


def check(text: str, lang: str | None) -> YouCheck:
    """``find_you`` as plain data for JavaScript, the matches capped at ``MARK_LIMIT``.

    ``{"count": int (every match), "matches": [{"start", "end", "start16", "end16",
    "word", "form", "lang", "line"}, ...] (the first MARK_LIMIT), "section": "avoid-you"}``

    The page marks each match in a mirror of the text: a pasted 100,000-character
    letter can hold 10,000 of them, and so many elements would freeze it; the
    count stays exact (the rest are only counted, which is cheap).
    """
    matches = find_you(text, lang, MARK_LIMIT)
    count = len(matches)
    if count == MARK_LIMIT:
        regex = _REGEX[_lang_key(lang)]
        count += sum(1 for _ in regex.finditer(text, matches[-1].end))
    return {"count": count, "matches": [m.as_dict() for m in matches], "section": SECTION}
