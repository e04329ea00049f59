"""Turn a quiz definition (a plain dict, e.g. from ``tomllib``) into checked dataclasses.

``parse()`` is the only way in: it either returns a frozen ``Definition`` the
engine can trust, or raises ``DefinitionError`` naming the item at fault and the
fix.  It checks everything the rules, the page and the CLI rely on
(``quiz.contract``), so a translated or edited definition that breaks them
fails here, not halfway through scoring a reader's answers.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from quiz import QuizError

# What the decision rules, the page and the CLI need from any definition: one table.
from quiz.contract import (
    CONTEXT_OPTIONS,
    FOLLOWUP_STEPS,
    NOTICES,
    PAGES,
    PLACEHOLDERS,
    REASONS,
    REQUIRED_UI,
    RULES,
    SECOND_OPINION_STEP,
    SELF_CHECK_STEP,
    SIGN_OPTIONS,
    UI_PLACEHOLDERS,
    VERDICT_STEPS,
    VERDICTS,
    Page,
    Verdict,
)

QuestionKind = Literal["sign", "context"]

_QUESTION_KEYS = {
    "sign": {"id", "kind", "text", "hint", "weight", "hard_stop", "section", "scale", "short", "topic"},
    "context": {"id", "kind", "text", "hint", "section", "options"},
}


class DefinitionError(QuizError):
    """The quiz definition is malformed; the message names the item and the fix."""


@dataclass(frozen=True)
class Option:
    id: str
    label: str = field(repr=False)
    value: int = 0


@dataclass(frozen=True)
class Question:
    id: str
    kind: QuestionKind
    section: str
    text: str = field(repr=False)
    hint: str | None = field(default=None, repr=False)
    options: tuple[Option, ...] = field(default=(), repr=False)
    weight: int = 0
    hard_stop: bool = False
    short: str | None = field(default=None, repr=False)  # a sign's name in a few words
    topic: str | None = field(default=None, repr=False)  # what a last attempt about it settles

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def max_value(self) -> int:
        return max(o.value for o in self.options)


@dataclass(frozen=True)
class Section:
    id: str
    page: Page
    title: str | None = None


@dataclass(frozen=True)
class VerdictText:
    id: Verdict
    title: str
    summary: str = field(repr=False)
    # Notes that replace the generic [notes] ones for this verdict, e.g. the
    # last attempt puts the *offer* in writing rather than the parting.
    notes: Mapping[str, str] = field(default_factory=dict, repr=False)
    # Step titles that replace the guide's heading in this verdict's plan.
    titles: Mapping[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Followup:
    """The follow-up list after ``keep`` with exhausted = yes: its heading, titles and notes."""

    heading: str
    titles: Mapping[str, str] = field(default_factory=dict, repr=False)
    notes: Mapping[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True, repr=False)
class Definition:
    version: int
    threshold: int
    max_score: int
    questions: tuple[Question, ...]
    sections: Mapping[str, Section]
    verdicts: Mapping[str, VerdictText]
    reasons: Mapping[str, str]
    notes: Mapping[str, str]
    ui: Mapping[str, str]
    notices: Mapping[str, str] = field(default_factory=dict)
    followup: Followup = field(default_factory=lambda: Followup(""))
    # Notes that replace the others after one deciding rule, e.g. after abuse or threats.
    rule_notes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __repr__(self) -> str:
        ids = ", ".join(q.id for q in self.questions)
        return (
            f"Definition(version={self.version}, threshold={self.threshold}, "
            f"max_score={self.max_score}, questions=[{ids}], sections={len(self.sections)})"
        )

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def signs(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == "sign")

    def note(self, verdict: str, section: str, rule: str | None = None) -> str:
        """Why ``section`` is in a plan: the deciding rule's note, else the verdict's, else the generic one."""
        by_rule = self.rule_notes.get(rule, {}) if rule is not None else {}
        return by_rule.get(section) or self.verdicts[verdict].notes.get(section) or self.notes[section]


def parse(data: Mapping[str, Any]) -> Definition:
    """Check ``data`` against the schema in definition.toml's header and freeze it."""
    if not isinstance(data, Mapping):
        raise DefinitionError(f"definition: expected a table (dict), found {type(data).__name__}")
    version = _get(data, "version", int, "definition")
    if version != 1:
        raise DefinitionError(f"definition: version {version} is not supported; use version = 1")
    threshold = _get(data, "threshold", int, "definition")
    if threshold < 1:
        # At 0 every reader's answers would "add up", even all "never".
        raise DefinitionError(f"definition: threshold must be 1 or more, found {threshold}")

    sections = _parse_sections(_get(data, "sections", Mapping, "definition"))
    scales = _parse_scales(_get(data, "scales", Mapping, "definition"))
    questions = _parse_questions(_get(data, "questions", list, "definition"), scales, sections)

    # Every step the engine may put in a plan needs a guide section and a note.
    needed = [SELF_CHECK_STEP, SECOND_OPINION_STEP]
    needed += [q.section for q in questions if q.kind == "sign"]
    needed += [s for steps in VERDICT_STEPS.values() for s in steps]
    for sid in dict.fromkeys(needed):
        if sid not in sections:
            raise DefinitionError(
                f"sections: missing [sections.{sid}]; the engine links to it "
                f'in plans, add it with page = "recognize" or "part-ways"'
            )
    needed += list(FOLLOWUP_STEPS)
    notes = _texts(
        data, "notes", needed, allowed=sections, placeholders=PLACEHOLDERS, fix="saying why the step is in a plan"
    )
    verdicts = _parse_verdicts(_get(data, "verdicts", Mapping, "definition"), sections)
    reasons = _texts(data, "reasons", REASONS, allowed=REASONS, placeholders=PLACEHOLDERS)
    ui = _texts(data, "ui", REQUIRED_UI, placeholders=UI_PLACEHOLDERS)
    notices = _texts(data, "notices", NOTICES, allowed=NOTICES, placeholders=PLACEHOLDERS)
    followup = _parse_followup(_get(data, "followup", Mapping, "definition"))
    rule_notes = _parse_rule_notes(_get(data, "rule_notes", Mapping, "definition", required=False) or {}, sections)

    max_score = sum(q.weight * q.max_value for q in questions if q.kind == "sign")
    return Definition(
        version, threshold, max_score, questions, sections, verdicts, reasons, notes, ui, notices, followup, rule_notes
    )


def _parse_followup(raw: Mapping[str, Any]) -> Followup:
    where = "followup"
    _only_keys(raw, {"heading", "titles", "notes"}, where)
    heading = _nonempty(_get(raw, "heading", str, where), f"{where}: heading")
    tables = {}
    for key in ("titles", "notes"):
        table = _string_table(_get(raw, key, Mapping, where, required=False) or {}, f"{where}: {key}")
        # A note may also replace the keep plan's own steps' (they are shown beside the list).
        steps = FOLLOWUP_STEPS + (VERDICT_STEPS["keep"] if key == "notes" else ())
        for sid, text in table.items():
            if sid not in steps:
                raise DefinitionError(f"{where}: {key[:-1]} for '{sid}', which is not one of {', '.join(steps)}")
            _check_placeholders(text, PLACEHOLDERS, f"{where}.{key}.{sid}")
        tables[key] = table
    return Followup(heading, tables["titles"], tables["notes"])


def _parse_rule_notes(table: Mapping[str, Any], sections: Mapping[str, Section]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for rule, raw in table.items():
        where = f"rule_notes.{rule}"
        if rule not in RULES:
            raise DefinitionError(f"rule_notes: '{rule}' is not a deciding rule; rules: {', '.join(RULES)}")
        if not isinstance(raw, Mapping):
            raise DefinitionError(f"{where}: expected a table of section id = note")
        notes = _string_table(raw, where)
        for sid, text in notes.items():
            if sid not in sections:
                raise DefinitionError(f"{where}: note for unknown section '{sid}'")
            _check_placeholders(text, PLACEHOLDERS, f"{where}.{sid}")
        out[rule] = notes
    return out


def _parse_sections(table: Mapping[str, Any]) -> dict[str, Section]:
    sections = {}
    for sid, raw in table.items():
        where = f"section '{sid}'"
        _only_keys(raw, {"page", "title"}, where)
        page = _get(raw, "page", str, where)
        if page not in PAGES:
            raise DefinitionError(f"{where}: page '{page}' is not one of {', '.join(PAGES)}")
        title = _get(raw, "title", str, where, required=False)
        sections[sid] = Section(sid, page, title)
    return sections


def _parse_scales(table: Mapping[str, Any]) -> dict[str, tuple[Option, ...]]:
    scales = {}
    for name, raw in table.items():
        where = f"scale '{name}'"
        _only_keys(raw, {"options"}, where)
        options = _parse_options(_get(raw, "options", list, where), where, valued=True)
        ids = tuple(o.id for o in options)
        if ids != SIGN_OPTIONS:
            raise DefinitionError(
                f"{where}: options must be {', '.join(SIGN_OPTIONS)} in this order, found {', '.join(ids)}"
            )
        values = [o.value for o in options]
        # Strictly rising values keep "a worse answer never lowers the score" true.
        if any(a >= b for a, b in pairwise(values)):
            raise DefinitionError(f"{where}: option values must rise from never to often, found {values}")
        scales[name] = options
    return scales


def _parse_options(raw: list[Any], where: str, valued: bool) -> tuple[Option, ...]:
    options: list[Option] = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise DefinitionError(f'{where}: option #{i + 1} must be a table like {{ id = "...", label = "..." }}')
        oid = _get(item, "id", str, f"{where}, option #{i + 1}")
        here = f"{where}, option '{oid}'"
        _only_keys(item, {"id", "label", "value"} if valued else {"id", "label"}, here)
        label = _get(item, "label", str, here)
        value = _get(item, "value", int, here) if valued else 0
        if value < 0:
            raise DefinitionError(f"{here}: value must be 0 or more, found {value}")
        if any(o.id == oid for o in options):
            raise DefinitionError(f"{where}: duplicate option id '{oid}'; option ids must be unique")
        options.append(Option(oid, label, value))
    if len(options) < 2:
        raise DefinitionError(f"{where}: needs at least two options")
    return tuple(options)


def _parse_questions(
    raw: list[Any], scales: Mapping[str, tuple[Option, ...]], sections: Mapping[str, Section]
) -> tuple[Question, ...]:
    questions: list[Question] = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise DefinitionError(f"questions: entry #{i + 1} must be a [[questions]] table")
        qid = _get(item, "id", str, f"questions: entry #{i + 1}")
        where = f"question '{qid}'"
        if any(q.id == qid for q in questions):
            raise DefinitionError(f"{where}: duplicate question id; question ids must be unique")
        kind = _get(item, "kind", str, where)
        if kind not in _QUESTION_KEYS:
            raise DefinitionError(f"{where}: kind '{kind}' is not one of sign, context")
        if kind == "context" and "hard_stop" in item:
            raise DefinitionError(
                f'{where}: hard_stop applies to sign questions only; remove it or make the question kind = "sign"'
            )
        _only_keys(item, _QUESTION_KEYS[kind], where)
        text = _get(item, "text", str, where)
        hint = _get(item, "hint", str, where, required=False)
        section = _get(item, "section", str, where)
        if section not in sections:
            raise DefinitionError(
                f"{where}: section '{section}' is not defined; add [sections.{section}] or fix the id"
            )
        if kind == "sign":
            if sections[section].page != "recognize":
                raise DefinitionError(
                    f"{where}: a sign's section must be on the recognize page, "
                    f"'{section}' is on {sections[section].page}"
                )
            weight = _get(item, "weight", int, where)
            if not 1 <= weight <= 5:
                raise DefinitionError(f"{where}: weight must be an integer from 1 to 5, found {weight}")
            hard_stop = _get(item, "hard_stop", bool, where)
            # The chart labels each sign by this short name; the question is too long.
            short = _nonempty(_get(item, "short", str, where), f"{where}: short")
            # A last attempt's plan names what it settles for this sign (payment, hours...).
            topic = _nonempty(_get(item, "topic", str, where), f"{where}: topic")
            scale = _get(item, "scale", str, where)
            if scale not in scales:
                raise DefinitionError(
                    f"{where}: scale '{scale}' is not defined; add [scales.{scale}] or use one of {', '.join(scales)}"
                )
            questions.append(Question(qid, "sign", section, text, hint, scales[scale], weight, hard_stop, short, topic))
        else:
            options = _parse_options(_get(item, "options", list, where), where, valued=False)
            expected = CONTEXT_OPTIONS.get(qid)
            if expected and sorted(o.id for o in options) != sorted(expected):
                raise DefinitionError(
                    f"{where}: options must be {', '.join(expected)}, found {', '.join(o.id for o in options)}"
                )
            questions.append(Question(qid, "context", section, text, hint, options))
    for qid in CONTEXT_OPTIONS:
        q = next((q for q in questions if q.id == qid), None)
        if q is None or q.kind != "context":
            raise DefinitionError(
                f"questions: missing context question '{qid}' (options "
                f"{', '.join(CONTEXT_OPTIONS[qid])}); the rules depend on it"
            )
    if not any(q.kind == "sign" for q in questions):
        raise DefinitionError('questions: at least one question must have kind = "sign"')
    return tuple(questions)


def _parse_verdicts(table: Mapping[str, Any], sections: Mapping[str, Section]) -> dict[str, VerdictText]:
    _only_keys(table, set(VERDICTS), "verdicts")
    verdicts: dict[str, VerdictText] = {}
    for vid in VERDICTS:
        if vid not in table:
            raise DefinitionError(f"verdicts: missing [verdicts.{vid}] with title and summary")
        where = f"verdict '{vid}'"
        raw = table[vid]
        _only_keys(raw, {"title", "summary", "notes", "titles"}, where)
        title = _nonempty(_get(raw, "title", str, where), f"{where}: title")
        summary = _nonempty(_get(raw, "summary", str, where), f"{where}: summary")
        _check_placeholders(summary, PLACEHOLDERS, f"{where}: summary")
        notes = _string_table(_get(raw, "notes", Mapping, where, required=False) or {}, f"{where}: notes")
        titles = _string_table(_get(raw, "titles", Mapping, where, required=False) or {}, f"{where}: titles")
        for kind, texts in (("note", notes), ("title", titles)):
            for sid, text in texts.items():
                if sid not in sections:
                    raise DefinitionError(f"{where}: {kind} for unknown section '{sid}'")
                _check_placeholders(text, PLACEHOLDERS, f"{where}: {kind}s.{sid}")
        verdicts[vid] = VerdictText(vid, title, summary, notes, titles)
    return verdicts


def _texts(
    data: Mapping[str, Any], name: str, required: Any, *, allowed: Any = None, placeholders: Any = None, fix: str = ""
) -> dict[str, str]:
    """A table of strings: every ``required`` key present, no key outside ``allowed``.

    ``placeholders`` is the set every value may use, or a dict of such sets per key
    (keys not in it may use none); ``None`` means the values are never formatted.
    """
    table = _string_table(_get(data, name, Mapping, "definition"), name)
    for key in dict.fromkeys(required):
        if key not in table:
            raise DefinitionError(
                f"{name}: missing '{key}'; add {key} = \"...\" under [{name}]{' ' + fix if fix else ''}"
            )
    for key, text in table.items():
        if allowed is not None and key not in allowed:
            raise DefinitionError(f"{name}: '{key}' is not one of {', '.join(allowed)}")
        if isinstance(placeholders, dict):
            _check_placeholders(text, placeholders.get(key, frozenset()), f"{name}.{key}")
        elif placeholders is not None:
            _check_placeholders(text, placeholders, f"{name}.{key}")
    return table


def _string_table(table: Mapping[str, Any], where: str) -> dict[str, str]:
    for key, value in table.items():
        if not isinstance(value, str):
            raise DefinitionError(f"{where}: '{key}' must be a string, found {type(value).__name__}")
        _nonempty(value, f"{where}: '{key}'")
    return dict(table)


def _check_placeholders(text: str, allowed: frozenset[str], where: str) -> None:
    """Fail now on a placeholder the formatter would choke on later, e.g. a translated name."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise DefinitionError(f"{where}: {exc}; write a literal brace as {{{{ or }}}}") from None
    for name in fields:
        if name not in allowed:
            known = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "none"
            raise DefinitionError(f"{where}: unknown placeholder {{{name}}}; allowed: {known}")


def _nonempty(text: str, where: str) -> str:
    if not text.strip():
        raise DefinitionError(f"{where}: must not be empty")
    return text


def _only_keys(raw: Any, allowed: set[str], where: str) -> None:
    if not isinstance(raw, Mapping):
        raise DefinitionError(f"{where}: expected a table, found {type(raw).__name__}")
    extra = sorted(set(raw) - allowed)
    if extra:
        raise DefinitionError(f"{where}: unknown key '{extra[0]}'; allowed keys: {', '.join(sorted(allowed))}")


def _get(raw: Mapping[str, Any], key: str, kind: type, where: str, required: bool = True) -> Any:
    names = {int: "an integer", str: "a string", bool: "true or false", list: "an array", Mapping: "a table"}
    if key not in raw:
        if required:
            raise DefinitionError(f"{where}: missing key '{key}' ({names[kind]})")
        return None
    value = raw[key]
    # bool is an int subclass: `weight = true` must not pass as weight 1.
    bad = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
    if bad:
        raise DefinitionError(f"{where}: '{key}' must be {names[kind]}, found {value!r}")
    return value
