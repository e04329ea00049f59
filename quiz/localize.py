"""List and replace the translatable strings of a quiz definition (pure functions).

Every text a reader sees gets a stable message context (``msgctxt``), so a PO
catalogue can carry one entry per string even when two Russian strings are equal:

    quiz.question.<id>.text / .hint / .short / .topic / .option.<option id>
    quiz.scale.<scale>.<option id>
    quiz.verdict.<verdict>.title / .summary / .note.<section id> / .step.<section id>
    quiz.reason.<reason id>
    quiz.notice.<notice id>
    quiz.note.<section id>
    quiz.rule-note.<rule>.<section id>
    quiz.followup.heading / .step.<section id> / .note.<section id>
    quiz.ui.<key>

Section titles are not listed: the build injects them from the guide's own
(already translated) headings.  Reading PO files is the caller's business.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

# (msgctxt, the table holding the string, the key of the string in that table)
_Slot = tuple[str, MutableMapping[str, Any], str]


def strings(definition: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every translatable ``(msgctxt, source text)`` in definition order."""
    return [(ctx, table[key]) for ctx, table, key in _slots(definition)]


def localize(definition: Mapping[str, Any], translations: Mapping[str, str]) -> dict[str, Any]:
    """A copy of ``definition`` with each string replaced by its translation, if any.

    An empty translation counts as missing (that is what an untranslated PO
    entry holds), so the source text stays rather than a blank.
    """
    result = copy.deepcopy(dict(definition))
    for ctx, table, key in _slots(result):
        text = translations.get(ctx)
        if text:
            table[key] = text
    return result


def missing(definition: Mapping[str, Any], translations: Mapping[str, str]) -> list[str]:
    """The msgctxt of every string without a (non-empty) translation, in definition order."""
    return [ctx for ctx, _ in strings(definition) if not translations.get(ctx)]


def _slots(definition: Mapping[str, Any]) -> Iterator[_Slot]:
    # Tolerant of partial definitions: model.parse() reports what is missing.
    for question in _list(definition.get("questions")):
        qid = question.get("id")
        yield from _text(f"quiz.question.{qid}.text", question, "text")
        yield from _text(f"quiz.question.{qid}.hint", question, "hint")
        yield from _text(f"quiz.question.{qid}.short", question, "short")
        yield from _text(f"quiz.question.{qid}.topic", question, "topic")
        for option in _list(question.get("options")):
            yield from _text(f"quiz.question.{qid}.option.{option.get('id')}", option, "label")
    for name, scale in _table(definition.get("scales")).items():
        for option in _list(_table(scale).get("options")):
            yield from _text(f"quiz.scale.{name}.{option.get('id')}", option, "label")
    for vid, verdict in _table(definition.get("verdicts")).items():
        verdict = _table(verdict)
        yield from _text(f"quiz.verdict.{vid}.title", verdict, "title")
        yield from _text(f"quiz.verdict.{vid}.summary", verdict, "summary")
        notes = _table(verdict.get("notes"))
        for sid in notes:
            yield from _text(f"quiz.verdict.{vid}.note.{sid}", notes, sid)
        titles = _table(verdict.get("titles"))
        for sid in titles:
            yield from _text(f"quiz.verdict.{vid}.step.{sid}", titles, sid)
    for prefix, name in (
        ("quiz.reason", "reasons"),
        ("quiz.notice", "notices"),
        ("quiz.note", "notes"),
        ("quiz.ui", "ui"),
    ):
        table = _table(definition.get(name))
        for key in table:
            yield from _text(f"{prefix}.{key}", table, key)
        if name == "notes":  # the other notes follow the generic ones
            for rule, notes in _table(definition.get("rule_notes")).items():
                notes = _table(notes)
                for sid in notes:
                    yield from _text(f"quiz.rule-note.{rule}.{sid}", notes, sid)
            followup = _table(definition.get("followup"))
            yield from _text("quiz.followup.heading", followup, "heading")
            for key, part in (("titles", "step"), ("notes", "note")):
                table2 = _table(followup.get(key))
                for sid in table2:
                    yield from _text(f"quiz.followup.{part}.{sid}", table2, sid)


def _text(ctx: str, table: Any, key: str) -> Iterator[_Slot]:
    if isinstance(table, MutableMapping) and isinstance(table.get(key), str):
        yield ctx, table, key


def _list(value: Any) -> list[Any]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _table(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
