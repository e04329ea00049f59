"""The drafter's words as data: reading and checking ``phrases.toml``.

``phrases`` is the parsed TOML (the format is described at the top of
``quiz/phrases.toml``)::

    {"lang": "ru",
     "kinds":  {"part-ways": {"label": str, "blocks": [block_id, ...]}, ...},
     "blocks": {block_id: {"label": str, "section": str, "variants": [str, ...],
                           "fallback": [str, ...]?, "optional": bool?,
                           "off_after": [rule, ...]?, "opt_in": [int, ...]?,
                           "topic": sign id?, "join": bool?}, ...},
     "topics": {sign id: {"label": str}, ...},
     "fields": {field: {"label": str, "hint": str?, "list": bool?}, ...},
     "texts":  {key: str, ...},
     "you":    [form, ...]?}   # the page language's forms of "you" (quiz.you_check)

Block texts hold slots: the names of ``fields`` (:func:`field_names`); texts
hold the placeholders ``TEXTS`` allows them.  Nothing else may be in braces.

Their translation (the msgctxt scheme, ``strings``, ``localize``) is
``quiz.draft.translate``'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from quiz import DraftError
from quiz.contract import (  # RULES: an optional block may start off after one
    LETTER_KINDS,
    RULES,
    VERDICT_STEPS,
    Verdict,
)
from quiz.you_check import FormsError, check_forms

__all__ = [
    "KINDS",
    "LANG_RE",
    "RULES",
    "SECTIONS",
    "TEXTS",
    "DraftError",
    "field_names",
    "list_fields",
    "parse_phrases",
    "slots",
    "validate",
    "you_forms",
]

#: The message kinds, for the verdicts that call for a message.
KINDS: tuple[Verdict, ...] = LETTER_KINDS
#: Sections a block may point to: the plan steps of the verdicts that get a letter
#: (the /part-ways/ page of the contract).
SECTIONS = frozenset(section for kind in KINDS for section in VERDICT_STEPS[kind])
#: The other texts, each with the placeholders it may (and must) use.
TEXTS: dict[str, frozenset[str]] = {
    "optional_legend": frozenset(),
    "removed": frozenset({"count"}),
    "marks_capped": frozenset({"shown", "count"}),
    "file_txt": frozenset(),
    "file_md": frozenset(),
    "report_title": frozenset(),
    "report_verdict": frozenset(),
    "report_verdict_keep": frozenset(),
    "report_verdict_last-attempt": frozenset(),
    "report_verdict_part-ways": frozenset(),
    "report_score": frozenset({"score", "max_score"}),
    "report_flagged": frozenset(),
    "report_plan": frozenset(),
    "report_draft": frozenset(),
    "report_you": frozenset(),
    "report_footer": frozenset(),
}

_ID_RE = re.compile(r"[a-z][a-z0-9-]*\Z")
_FIELD_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
_SLOT_RE = re.compile(r"\{([a-z_]+)\}")
#: A BCP 47 language code, optional region ("en", "en-XA"): ``phrases["lang"]``.
LANG_RE = re.compile(r"[a-z]{2,3}(-[A-Za-z]{2,4})?\Z")  # BCP 47 language, optional region: "en", "en-XA"
_FILE_RE = re.compile(r"[a-z0-9][a-z0-9._-]*\.(txt|md)\Z")
_BLOCK_KEYS = ("label", "section", "variants", "fallback", "optional", "off_after", "opt_in", "topic", "join")


def field_names(phrases: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields the reader may fill in, in the order the page shows them (``[fields]``'s)."""
    return tuple(phrases["fields"])


def list_fields(phrases: Mapping[str, Any]) -> frozenset[str]:
    """The fields that hold a list, one item per line (``list = true``)."""
    return frozenset(name for name, spec in phrases["fields"].items() if spec.get("list"))


def slots(text: str, where: str, allowed: frozenset[str] | tuple[str, ...]) -> set[str]:
    """The ``{names}`` in ``text``; an unknown one or a stray brace is an error naming ``where``."""
    found = set(_SLOT_RE.findall(text))
    unknown = found - set(allowed)
    if unknown:
        listed = ", ".join("{" + f + "}" for f in sorted(allowed)) or "none"
        raise DraftError(f"{where}: unknown slot {{{sorted(unknown)[0]}}}; allowed: {listed}")
    rest = _SLOT_RE.sub("", text)
    if "{" in rest or "}" in rest:
        raise DraftError(f"{where}: stray brace in {text!r}; braces are only for slots like {{project}}")
    return found


def parse_phrases(text: str, you: list[str] | None = None) -> dict[str, Any]:
    """Parse and validate the text of ``phrases.toml``; ``you``: the source language's
    forms of "you" (its ``you.txt``), which the letter is checked for."""
    import tomllib  # only the build and the tests read TOML; the page gets JSON

    try:
        phrases = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DraftError(f"phrases: not valid TOML: {exc}") from None
    if you is not None:
        phrases["you"] = list(you)
    validate(phrases)
    return phrases


def _check_keys(table: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    unknown = set(table) - set(allowed)
    if unknown:
        raise DraftError(f"{where}: unknown key '{sorted(unknown)[0]}'; allowed: {', '.join(allowed)}")


def _validate_kinds(kinds: Mapping[str, Any], table: Mapping[str, Any]) -> None:
    for needed in KINDS:
        if needed not in kinds:
            raise DraftError(f"phrases: kind '{needed}' is missing; kinds needed: {', '.join(KINDS)}")
    for kind, spec in kinds.items():
        if kind not in KINDS:
            raise DraftError(f"phrases: unknown kind '{kind}'; allowed: {', '.join(KINDS)}")
        if not isinstance(spec, Mapping) or not isinstance(spec.get("label"), str):
            raise DraftError(f"phrases: kind '{kind}' needs a label")
        ids = spec.get("blocks")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise DraftError(f"phrases: kind '{kind}' needs blocks = [block ids]")
        for block_id in ids:
            if block_id not in table:
                raise DraftError(
                    f"phrases: kind '{kind}' uses block '{block_id}', which is not defined; defined: {', '.join(table)}"
                )
        if len(set(ids)) != len(ids):
            raise DraftError(f"phrases: kind '{kind}' lists a block twice")
        if table[ids[0]].get("join"):
            raise DraftError(f"phrases: kind '{kind}' starts with block '{ids[0]}', which joins a previous one")
        # A topic's blocks sit together, so its paragraph(s) read as one part of the letter.
        seen: list[str] = []
        for block_id in ids:
            topic = table[block_id].get("topic")
            if topic is not None and topic in seen and seen[-1] != topic:
                raise DraftError(
                    f"phrases: kind '{kind}': the blocks of topic '{topic}' must follow one another "
                    f"('{block_id}' comes after another topic's blocks)"
                )
            if topic is not None and topic not in seen:
                seen.append(topic)


def _validate_block(block_id: str, block: Any, fields: tuple[str, ...], topics: Mapping[str, Any]) -> None:
    where = f"phrases: block '{block_id}'"
    if not _ID_RE.match(block_id) or block_id == "kind":
        raise DraftError(f"{where}: ids are lower-case letters, digits and '-' (and not 'kind')")
    if not isinstance(block, Mapping) or not isinstance(block.get("label"), str):
        raise DraftError(f"{where} needs a label")
    _check_keys(block, _BLOCK_KEYS, where)
    section = block.get("section")
    if section is not None and section not in SECTIONS:
        raise DraftError(f"{where}: unknown section '{section}'; allowed: {', '.join(sorted(SECTIONS))}")
    for key in ("variants", "fallback"):
        texts = block.get(key, [] if key == "fallback" else None)
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            raise DraftError(f"{where}: '{key}' must be a list of non-empty strings")
        if key == "variants" and not texts:
            raise DraftError(f"{where}: needs at least one variant")
        for i, text in enumerate(texts):
            slots(text, f"{where} {key}[{i}]", fields)
    for key in ("optional", "join"):
        if not isinstance(block.get(key, False), bool):
            raise DraftError(f"{where}: '{key}' must be true or false")
    off_after = block.get("off_after", [])
    if not isinstance(off_after, list) or not all(rule in RULES for rule in off_after):
        raise DraftError(f"{where}: 'off_after' must list result rules from: {', '.join(RULES)}")
    if off_after and not block.get("optional"):
        raise DraftError(f"{where}: 'off_after' needs optional = true (only an optional block can start off)")
    opt_in = block.get("opt_in", [])
    count = len(block["variants"])
    if (
        not isinstance(opt_in, list)
        or not all(isinstance(i, int) and not isinstance(i, bool) and 0 < i < count for i in opt_in)
        or len(set(opt_in)) != len(opt_in)
    ):
        raise DraftError(
            f"{where}: 'opt_in' must list variant numbers from 1 to {count - 1} "
            "(variant 0 is the default, so it can never be opt-in)"
        )
    topic = block.get("topic")
    if topic is not None and topic not in topics:
        raise DraftError(
            f"{where}: topic '{topic}' has no [topics.{topic}] with a label; topics: {', '.join(topics) or 'none'}"
        )


def _validate_topics(topics: Any, table: Mapping[str, Any]) -> None:
    if not isinstance(topics, Mapping):
        raise DraftError("phrases: needs a table [topics.<sign id>] with a label for each topic")
    for topic, spec in topics.items():
        where = f"phrases: topic '{topic}'"
        if not _ID_RE.match(topic):
            raise DraftError(f"{where}: topic ids are sign ids: lower-case letters, digits and '-'")
        if not isinstance(spec, Mapping):
            raise DraftError(f"{where} must be a table with a label")
        _check_keys(spec, ("label",), where)
        label = spec.get("label")
        if not isinstance(label, str) or not label.strip():
            raise DraftError(f"{where}: 'label' must be a non-empty string")
        if not any(block.get("topic") == topic for block in table.values() if isinstance(block, Mapping)):
            raise DraftError(f'{where}: no block has topic = "{topic}"; add its blocks or remove the topic')


def _validate_fields(fields: Any) -> None:
    if not isinstance(fields, Mapping) or not fields:
        raise DraftError("phrases: needs a table [fields.<name>] with a label for each field")
    for name, spec in fields.items():
        where = f"phrases: field '{name}'"
        if not _FIELD_RE.match(name):
            raise DraftError(f"{where}: field names are lower-case letters, digits and '_'")
        if not isinstance(spec, Mapping):
            raise DraftError(f"{where} must be a table with a label")
        _check_keys(spec, ("label", "hint", "list"), where)
        for key in ("label", "hint"):
            value = spec.get(key, "-" if key == "hint" else None)
            if not isinstance(value, str) or not value.strip():
                raise DraftError(f"{where}: '{key}' must be a non-empty string")
            slots(value, f"{where} {key}", ())
        if not isinstance(spec.get("list", False), bool):
            raise DraftError(f"{where}: 'list' must be true or false")


def _validate_texts(texts: Any) -> None:
    if not isinstance(texts, Mapping):
        raise DraftError("phrases: needs a table [texts]")
    for key, placeholders in TEXTS.items():
        value = texts.get(key)
        where = f"phrases: text '{key}'"
        if not isinstance(value, str) or not value.strip():
            raise DraftError(f'{where} is missing; add {key} = "..." under [texts]')
        used = slots(value, where, placeholders)
        if used != placeholders:
            raise DraftError(f"{where} must use {', '.join('{' + p + '}' for p in sorted(placeholders))}")
        if key.startswith("file_") and not _FILE_RE.match(value):
            raise DraftError(
                f"{where}: a file name of lower-case Latin letters, digits, '.', '-', '_' "
                f"ending in .{key[5:]}, not {value!r}"
            )
    _check_keys(texts, tuple(TEXTS), "phrases: [texts]")


def validate(phrases: Any) -> None:
    """Raise :class:`DraftError` naming the first problem in ``phrases``."""
    if not isinstance(phrases, Mapping):
        raise DraftError(f"phrases must be a table, not {type(phrases).__name__}")
    lang = phrases.get("lang")
    if not isinstance(lang, str) or not LANG_RE.match(lang):
        raise DraftError(f"phrases: 'lang' must be a language code like \"ru\", not {lang!r}")
    kinds, table = phrases.get("kinds"), phrases.get("blocks")
    if not isinstance(kinds, Mapping) or not isinstance(table, Mapping):
        raise DraftError("phrases: needs the tables [kinds.<kind>] and [blocks.<id>]")
    _validate_fields(phrases.get("fields"))
    fields = field_names(phrases)
    topics = phrases.get("topics", {})
    for block_id, block in table.items():
        _validate_block(block_id, block, fields, topics if isinstance(topics, Mapping) else {})
    _validate_kinds(kinds, table)
    _validate_topics(topics, table)
    used = set().union(
        *(slots(t, "", fields) for b in table.values() for t in (*b["variants"], *b.get("fallback", [])))
    )
    unused = [name for name in fields if name not in used]
    if unused:
        raise DraftError(
            f"phrases: field '{unused[0]}' is not used by any block; use it as {{{unused[0]}}} or remove it"
        )
    _validate_texts(phrases.get("texts"))
    if "you" in phrases:
        try:
            check_forms(phrases["you"], "phrases: 'you'")
        except FormsError as exc:
            raise DraftError(str(exc)) from None
    _check_keys(phrases, ("lang", "kinds", "blocks", "topics", "fields", "texts", "you"), "phrases")


def you_forms(phrases: Mapping[str, Any]) -> list[str]:
    """The forms of "you" the letter is checked for: the page language's word list."""
    forms = phrases.get("you")
    if not forms:
        raise DraftError(
            f"phrases in '{phrases.get('lang')}' have no 'you' word list: the build adds the language's "
            "content/translations/<lang>/you.txt"
        )
    return list(forms)
