"""Find every form of "you" in a text, for the live checker under the draft message.

The article's advice (section ``avoid-you``): when ending a working relationship,
avoid the word «вы» — "the contract terms were not met" instead of "you broke the
contract".  ``find_you`` marks each form so the page can highlight it as the
reader edits.

Pure standard library, no I/O: runs in CPython 3.11 and in Pyodide alike.

What counts as "you"
--------------------
Each language's forms are data: ``content/translations/<lang>/you.txt`` (one form
per line), which the build reads with :func:`read_forms` and hands to the page with
the drafter's phrases (``phrases["you"]``); nothing here names a language.  For
Russian they are «вы» and «ваш» in every case, gender and number and the informal
«ты» / «твой» (both address the reader's client directly, which is what the advice
is about); for English you, your, yours, yourself, yourselves, the contractions
you're, you've, you'll, you'd and y'all.

A form is written in lower case with «е» for «ё» and a straight ``'`` for any
apostrophe: the check takes «е» and «ё» for one letter (``твое`` = ``твоё``) and
the typographic ``’`` and modifier ``ʼ`` for the straight one.

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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from quiz import QuizError
from quiz.api_types import YouCheck, YouMatch

__all__ = ["MARK_LIMIT", "SECTION", "Match", "check", "check_forms", "find_you", "normalize_form", "read_forms"]

#: The guide section that explains why these words are flagged.
SECTION = "avoid-you"
#: How many matches ``check`` returns for the page to mark (the count is always exact).
MARK_LIMIT = 200

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


# A form: letters (no digit, no "_") and straight apostrophes, lower case, «е» for «ё».
_FORM_RE = re.compile(f"(?:[^\\W\\d_]|[{_APOSTROPHES}])+\\Z")


class FormsError(QuizError):
    """A word list that is not one: the message names the list, the line and the fix."""


def check_forms(forms: Iterable[str], where: str = "the forms") -> frozenset[str]:
    """``forms`` as the check needs them, or ``FormsError`` naming the first bad one."""
    if isinstance(forms, str):
        raise FormsError(f"{where}: a list of forms, not one text")
    out: set[str] = set()
    for form in forms:
        if not isinstance(form, str) or not _FORM_RE.match(form):
            raise FormsError(f"{where}: {form!r} is not a form: letters and ' only, one word")
        if form != normalize_form(form):
            raise FormsError(f"{where}: write {form!r} as {normalize_form(form)!r} (lower case, «е» for «ё», ')")
        out.add(form)
    if not out:
        raise FormsError(f"{where}: no forms; list at least one")
    return frozenset(out)


def read_forms(text: str, where: str) -> list[str]:
    """A ``you.txt`` word list: one form per line, ``#`` comments; sorted, checked."""
    lines = [line.strip() for line in text.splitlines()]
    forms = [line for line in lines if line and not line.startswith("#")]
    if len(set(forms)) != len(forms):
        twice = next(f for f in forms if forms.count(f) > 1)
        raise FormsError(f"{where}: {twice!r} is listed twice")
    return sorted(check_forms(forms, where))


@lru_cache(maxsize=8)
def _regex(forms: frozenset[str]) -> re.Pattern[str]:
    return re.compile(f"{_BEFORE}(?:{_pattern(forms)}){_AFTER}")


@dataclass(frozen=True, slots=True)
class Match:
    """One form of "you" in the text.

    ``word`` is the text exactly as written (``text[start:end]``); ``form`` the
    dictionary spelling (lower case, accents dropped, «ё» as «е», ``'`` apostrophe).
    """

    start: int
    end: int
    start16: int
    end16: int
    word: str
    form: str
    line: int = 1  # 1-based line of the text it starts on (where the page says it is)

    def as_dict(self) -> YouMatch:
        return {
            "start": self.start,
            "end": self.end,
            "start16": self.start16,
            "end16": self.end16,
            "word": self.word,
            "form": self.form,
            "line": self.line,
        }


def normalize_form(word: str) -> str:
    """The dictionary spelling of a matched word: lower case, no accents, «е», ``'``."""
    word = _MARKS_RE.sub("", word).lower().replace("ё", "е")
    return _APOSTROPHE_RE.sub("'", word)


def find_you(text: str, forms: Iterable[str], limit: int | None = None) -> list[Match]:
    """Every one of ``forms`` (a language's word list) in ``text``, in order (the first ``limit`` if given)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    regex = _regex(check_forms(forms))
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
        line = bisect_left(breaks, start) + 1
        matches.append(Match(start, end, start + shift_start, end + shift_end, word, normalize_form(word), line))
    return matches


def check(text: str, forms: Iterable[str]) -> YouCheck:
    """``find_you`` as plain data for JavaScript, the matches capped at ``MARK_LIMIT``.

    ``{"count": int (every match), "matches": [{"start", "end", "start16", "end16",
    "word", "form", "line"}, ...] (the first MARK_LIMIT), "section": "avoid-you"}``

    The page marks each match in a mirror of the text: a pasted 100,000-character
    letter can hold 10,000 of them, and so many elements would freeze it; the
    count stays exact (the rest are only counted, which is cheap).
    """
    forms = check_forms(forms)
    matches = find_you(text, forms, MARK_LIMIT)
    count = len(matches)
    if count == MARK_LIMIT:
        count += sum(1 for _ in _regex(forms).finditer(text, matches[-1].end))
    return {"count": count, "matches": [m.as_dict() for m in matches], "section": SECTION}
