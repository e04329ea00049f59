"""Saved answers: the small file a reader keeps to compare two assessments (pure functions).

A coaching client who reassesses a month later has no server and no browser
storage to remember the first time: the page offers "Save my answers" (a JSON
file made on the device, only when asked) and "Open saved answers" (that file
read back into the form). This module owns the file's format and every check of
it, and the comparison the result shows once a new result is in; the page only
moves text between the file, the form and these functions (quiz/api.py).

The file (``FORMAT``, ``VERSION`` 1)::

    {"format": "parting-kit-answers", "version": 1, "definition_version": 1,
     "saved_on": "YYYY-MM-DD", "answers": {"<question id>": "<option id>", ...}}

Option and question ids are the same in every language, so a file saved on the
Russian page opens on the English one.  Anything else is refused with a message
in the reader's language (``SavedError``: a [ui] key and its placeholders) and
the form stays as it was: a file too large or nested too deep (both refused before
it is parsed), not JSON, not this format, another format version, answers to
another version of the questions, an extra field, an unknown question, an option
that does not exist (e.g. a translated label instead of an id), or missing answers.
Values from the file are quoted in messages only after ``shown()`` has made them
short, single-line and free of control and direction-changing characters; the page
puts messages in as text, never markup.

Standard library only (json, re), like the rest of the engine: the in-browser
runtime ships just the modules the engine imports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from quiz import QuizError
from quiz.engine import assess, check_answers
from quiz.model import Definition, Question

FORMAT = "parting-kit-answers"
VERSION = 1
# A complete file is ~400 bytes; anything past this is not one of ours, and is
# refused before it is parsed (the page reads at most this many bytes + 1).
MAX_BYTES = 16 * 1024
KEYS = ("format", "version", "definition_version", "saved_on", "answers")
# The deepest nesting of arrays and objects a file may have; the format itself needs
# two levels (the file's object and its "answers").  A few kilobytes of brackets make
# thousands of levels, which json.loads follows by recursion: CPython raises
# RecursionError, and in Pyodide the WebAssembly stack overflows first, a fatal
# error that takes the engine down with it.  So the depth is measured before parsing.
MAX_DEPTH = 32
# Longest quoted value in a message, in characters.
SHOWN_CHARS = 40

# Sign answers grouped by how they moved, in the order the result lists them.
GROUPS = ("appeared", "disappeared", "more_frequent", "less_frequent")

_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
# What the depth scan looks at: a JSON string (to its closing quote, escapes
# included, or to the end of an unclosed one), whose brackets do not count, or a bracket.
_BRACKETS_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.S)
# C0/C1 controls, zero-width and direction marks, bidi embeddings/overrides/isolates,
# line/paragraph separators and the BOM: nothing a quoted id needs, and what a
# hostile file would use to make a message read differently than it is.
_INVISIBLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class SavedError(QuizError):
    """A saved-answers file the page must refuse.

    ``key`` names the [ui] message for the reader, ``values`` fills its
    placeholders; ``str()`` is the same problem in English for the console.
    """

    def __init__(self, key: str, detail: str, **values: Any) -> None:
        super().__init__(detail)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Saved:
    """A checked file: complete answers to this definition, and the day they were saved."""

    answers: Mapping[str, str] = field(repr=False)
    saved_on: str


# --------------------------------------------------------------------------- writing


def filename(saved_on: str) -> str:
    """The download's name: the same in both languages, like the file's contents."""
    return f"parting-kit-answers-{check_date(saved_on)}.json"


def dump(definition: Definition, answers: Mapping[str, Any], saved_on: str) -> str:
    """The file's text for complete ``answers`` (raises ``AnswerError`` otherwise)."""
    chosen = check_answers(definition, answers)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "definition_version": definition.version,
        "saved_on": check_date(saved_on),
        # Definition order, so two files of the same answers are the same bytes.
        "answers": {q.id: chosen[q.id].id for q in definition.questions},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def check_date(value: Any) -> str:
    """``value`` if it is a real calendar date written YYYY-MM-DD, else ``SavedError``."""
    match = _DATE_RE.match(value) if isinstance(value, str) else None
    if match:
        year, month, day = (int(g) for g in match.groups())
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if 1 <= month <= 12 and 1 <= day <= (_DAYS[month - 1] if month != 2 or leap else 28):
            return match.string
    raise SavedError("saved_wrong_format", f"'saved_on' must be a date like 2026-12-01, found {shown(value)}")


# --------------------------------------------------------------------------- reading


def load(definition: Definition, text: Any, size: Any = None) -> Saved:
    """Check a file's ``text`` (``size``: its length in bytes, if known) against ``definition``.

    The checks run from the outside in (size, JSON, format, version, fields,
    answers), so the message names the first thing wrong as the reader would see it.
    """
    if not isinstance(text, str):
        raise SavedError("saved_not_json", f"expected the file's text, found {type(text).__name__}")
    declared = size if isinstance(size, int) and not isinstance(size, bool) else 0
    if max(declared, len(text.encode("utf-8", "surrogatepass"))) > MAX_BYTES:
        raise SavedError(
            "saved_too_big",
            f"the file has {max(declared, len(text))} bytes; a saved-answers file has at most {MAX_BYTES}",
            max_kb=MAX_BYTES // 1024,
        )
    try:
        # A byte-order mark from an editor is harmless; duplicate keys are not
        # (which one counts would depend on the reader).
        data = loads(text.removeprefix("\ufeff"), object_pairs_hook=_no_duplicates)
    except ValueError as exc:
        if isinstance(exc, SavedError):
            raise
        raise SavedError("saved_not_json", f"not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SavedError(
            "saved_wrong_format", f'not a saved-answers file: expected an object with "format": "{FORMAT}"'
        )
    version = data.get("version")
    if not _is_int(version) or version != VERSION:
        raise SavedError(
            "saved_wrong_version",
            f"file format version {shown(version)} is not supported; this page reads version {VERSION}",
            found=shown(version),
            expected=VERSION,
        )
    extra = [key for key in data if key not in KEYS]
    if extra:
        raise SavedError(
            "saved_extra_field",
            f"unknown field {shown(extra[0])}; a saved-answers file has only {', '.join(KEYS)}",
            field=shown(extra[0]),
        )
    missing = [key for key in KEYS if key not in data]
    if missing:
        raise SavedError("saved_wrong_format", f"missing field '{missing[0]}'")
    found = data["definition_version"]
    if not _is_int(found) or found != definition.version:
        raise SavedError(
            "saved_other_questions",
            f"the answers are to questions version {shown(found)}, the page has version {definition.version}",
            found=shown(found),
            expected=definition.version,
        )
    saved_on = check_date(data["saved_on"])
    return Saved(check(definition, data["answers"]), saved_on)


def loads(text: str, **options: Any) -> Any:
    """``json.loads(text, **options)`` for a file from outside: ``SavedError`` when
    its arrays and objects nest deeper than ``MAX_DEPTH``, checked before parsing."""
    check_depth(text)
    try:
        return json.loads(text, **options)
    except RecursionError:
        # check_depth() refuses anything this deep first; this is the last guard.
        raise _too_deep() from None


def check_depth(text: str) -> None:
    """Refuse JSON ``text`` nested deeper than ``MAX_DEPTH`` before anything parses it.

    One linear pass counting the brackets outside strings, which stops at the first
    level too many; whether the brackets match is left to the parser.
    """
    depth = 0
    for token in _BRACKETS_RE.finditer(text):
        bracket = token.group()
        if bracket in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep()
        elif bracket in ("]", "}"):
            depth -= 1


def _too_deep() -> SavedError:
    return SavedError(
        "saved_too_deep",
        f"arrays or objects nested more than {MAX_DEPTH} levels deep; a saved-answers file has 2",
        max_depth=MAX_DEPTH,
    )


def check(definition: Definition, answers: Any) -> dict[str, str]:
    """Complete answers to ``definition`` (question id -> option id), or ``SavedError``."""
    if not isinstance(answers, dict):
        raise SavedError(
            "saved_wrong_format",
            f"'answers' must be an object of question id to option id, found {type(answers).__name__}",
        )
    for qid, value in answers.items():
        question = definition.question(qid)
        if question is None:
            raise SavedError("saved_unknown_question", f"unknown question {shown(qid)}", question=shown(qid))
        if not isinstance(value, str) or question.option(value) is None:
            options = ", ".join(o.id for o in question.options)
            raise SavedError(
                "saved_bad_value",
                f"question '{qid}': {shown(value)} is not one of {options}",
                question=_question_name(question),
                value=shown(value),
            )
    missing = [q.id for q in definition.questions if q.id not in answers]
    if missing:
        raise SavedError("saved_incomplete", f"no answer for {', '.join(missing)}", count=len(missing))
    return dict(answers)


def reason(definition: Definition, error: SavedError) -> str:
    """What is wrong with the file, for the reader, in the definition's language."""
    return definition.ui[error.key].format_map(error.values)


def message(definition: Definition, error: SavedError) -> str:
    """The page's message for ``error``: the reason, and that the form stayed as it was."""
    return f"{reason(definition, error)} {definition.ui['saved_form_unchanged']}"


def shown(value: Any) -> str:
    """A value from a file as it may be quoted to the reader: short, one line, visible."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(_INVISIBLE_RE.sub(" ", text).split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _question_name(question: Question) -> str:
    # The question's own words, cut like a quoted value: the reader recognises it.
    return shown(question.text)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise SavedError("saved_wrong_format", f"the key {shown(key)} appears twice")
        data[key] = value
    return data


# --------------------------------------------------------------------------- comparing


def compare(definition: Definition, saved: Saved, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What changed from the saved answers to the current ones, ready to show.

    Signs are grouped by how their answer moved (``GROUPS``: from never to some
    frequency, back to never, up, down); each group has its heading and each sign
    its guide section and "then → now" in the definition's language.  Score and
    verdict are the engine's for both sets of answers, so a file can never claim
    a score of its own.
    """
    ui = definition.ui
    then, now = assess(definition, saved.answers), assess(definition, answers)
    before = check_answers(definition, saved.answers)
    after = check_answers(definition, answers)
    groups: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    for question in definition.signs:
        old, new = before[question.id], after[question.id]
        if old.value == new.value:
            continue
        if old.value == 0:
            group = "appeared"
        elif new.value == 0:
            group = "disappeared"
        else:
            group = "more_frequent" if new.value > old.value else "less_frequent"
        section = definition.sections[question.section]
        item = {
            "id": question.id,
            "section": section.id,
            "page": section.page,
            "text": question.text,
            "hard_stop": question.hard_stop,
            "then": old.id,
            "now": new.id,
            "change": ui["change_answer"].format(then=old.label, now=new.label),
        }
        if section.title is not None:
            item["title"] = section.title
        groups[group].append(item)
    return {
        "heading": ui["change_heading"],
        "intro": ui["change_intro"].format(saved_on=saved.saved_on),
        "saved_on": saved.saved_on,
        "score": {
            "then": then.score,
            "now": now.score,
            "max_score": now.max_score,
            "text": ui["change_score"].format(then=then.score, now=now.score, max_score=now.max_score),
        },
        "verdict": {
            "then": then.verdict,
            "now": now.verdict,
            "text": ui["change_verdict"].format(then=then.headline, now=now.headline),
        },
        "groups": [{"id": g, "heading": ui[f"change_{g}"], "signs": groups[g]} for g in GROUPS if groups[g]],
        "none": None if any(groups.values()) else ui["change_none"],
    }


def change_markdown(
    change: Mapping[str, Any], escape: Callable[[Any], str], link: Callable[[str, Any], str]
) -> list[str]:
    """Lines of the result document for ``compare()``'s output.

    ``escape`` makes a text inert Markdown and ``link(label, section)`` links a
    label to a guide section: the result document's own helpers (quiz.draft), so
    this part follows the same escaping rules as the rest of the document.
    """
    if not isinstance(change, Mapping):
        return []
    out = [f"## {escape(change.get('heading') or '')}", ""]
    for key in ("intro",):
        if change.get(key):
            out += [escape(change[key]), ""]
    for key in ("score", "verdict"):
        part = change.get(key)
        if isinstance(part, Mapping) and part.get("text"):
            out += [escape(part["text"]), ""]
    for group in change.get("groups") or []:
        if not isinstance(group, Mapping):
            continue
        out += [f"### {escape(group.get('heading') or '')}", ""]
        for sign in group.get("signs") or []:
            if isinstance(sign, Mapping):
                label = escape(sign.get("title") or sign.get("text") or sign.get("id") or "")
                out.append(f"- {link(label, sign.get('section'))}\u00a0— {escape(sign.get('change') or '')}")
        out.append("")
    if change.get("none"):
        out += [escape(change["none"]), ""]
    return out
