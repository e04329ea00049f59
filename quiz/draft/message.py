"""Message assembly: the reader's fields and choices put into the phrase blocks.

``assemble(phrases, kind, fields, choices, include, rule)`` builds the message;
``draft(request)`` is the same for JavaScript (errors come back as data);
``blocks(phrases, kind)`` lists the unfilled blocks for a picker.

What the page may not decide, this module does: which fields a kind of message
asks for (the slots its blocks use, in ``FIELDS`` order), and which optional
blocks start switched on (all of them, except those whose ``off_after`` names
the result's rule: the window left open is offered, not assumed, after abuse or
threats).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from quiz.you_check import check

from .phrases import FIELDS, KINDS, LIST_FIELDS, RULES, DraftError, slots, validate
from .text import BULLET, clean_items, clean_line

__all__ = ["assemble", "blocks", "draft", "form"]

_SLOT_RE = re.compile(r"\{([a-z_]+)\}")
_QUOTE_PAIRS = frozenset({("«", "»"), ('"', '"'), ("“", "”"), ("„", "“"), ("'", "'"), ("‘", "’")})
_REQUEST_KEYS = ("phrases", "kind", "fields", "choices", "include", "rule")


def _fields(fields: Mapping[str, Any] | None) -> dict[str, str]:
    """Validated, cleaned field values, each rendered as the text that goes into its slot."""
    if fields is None:
        fields = {}
    if not isinstance(fields, Mapping):
        raise DraftError(f"fields must be a table of {', '.join(FIELDS)}, not {type(fields).__name__}")
    values = dict.fromkeys(FIELDS, "")
    for name, value in fields.items():
        if name not in FIELDS:
            raise DraftError(f"unknown field '{name}'; allowed: {', '.join(FIELDS)}")
        if value is None:
            continue
        if name in LIST_FIELDS:
            if isinstance(value, str) or (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
                values[name] = "\n".join(BULLET + item for item in clean_items(value))
                continue
            raise DraftError(f"field '{name}' must be text or a list of texts, not {type(value).__name__}")
        if not isinstance(value, str):
            raise DraftError(f"field '{name}' must be text, not {type(value).__name__}")
        values[name] = clean_line(value)
    # The templates put the project name in quotes; don't double the reader's own.
    project = values["project"]
    if (
        len(project) > 2
        and (project[0], project[-1]) in _QUOTE_PAIRS
        and not any(q in project[1:-1] for q in (project[0], project[-1]))
    ):
        values["project"] = project[1:-1].strip()
    return values


def _kind(phrases: Mapping[str, Any], kind: Any) -> Mapping[str, Any]:
    if kind not in KINDS:
        raise DraftError(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    kinds: Mapping[str, Mapping[str, Any]] = phrases["kinds"]
    return kinds[kind]


def _block_slots(block: Mapping[str, Any], where: str) -> set[str]:
    return set().union(*(slots(t, where) for t in block["variants"]))


def blocks(phrases: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    """The blocks of a message kind, unfilled, for a picker.

    ``[{"id", "label", "text" (default variant, slots unfilled), "section",
    "variants": [str, ...], "fallback": [str, ...], "slots": [field, ...],
    "optional": bool}, ...]``
    """
    validate(phrases)
    out = []
    for block_id in _kind(phrases, kind)["blocks"]:
        block = phrases["blocks"][block_id]
        variants, fallback = list(block["variants"]), list(block.get("fallback", []))
        used = _block_slots(block, block_id)
        out.append(
            {
                "id": block_id,
                "label": block["label"],
                "text": variants[0],
                "section": block.get("section") or "",
                "variants": variants,
                "fallback": fallback,
                "slots": [f for f in FIELDS if f in used],
                "optional": bool(block.get("optional")),
            }
        )
    return out


def form(phrases: Mapping[str, Any], kind: str, rule: str | None = None) -> dict[str, Any]:
    """What the page shows above the message: the fields to ask for and the optional blocks.

    ``{"fields": [{"name", "label", "hint", "list": bool}, ...],
    "optional": [{"id", "label", "on": bool (its default after ``rule``)}, ...]}``
    """
    validate(phrases)
    spec = _kind(phrases, kind)
    used: set[str] = set()
    optional = []
    for block_id in spec["blocks"]:
        block = phrases["blocks"][block_id]
        used |= _block_slots(block, block_id)
        if block.get("optional"):
            optional.append({"id": block_id, "label": block["label"], "on": rule not in block.get("off_after", [])})
    fields = [
        {
            "name": name,
            "label": phrases["fields"][name]["label"],
            "hint": phrases["fields"][name].get("hint", ""),
            "list": name in LIST_FIELDS,
        }
        for name in FIELDS
        if name in used
    ]
    return {"fields": fields, "optional": optional}


def _fill(template: str, values: Mapping[str, str]) -> str:
    # Substituted values are never scanned again, so reader text with braces is safe.
    return _SLOT_RE.sub(lambda m: values[m.group(1)], template)


def _render(block: Mapping[str, Any], index: int, values: Mapping[str, str]) -> str:
    """Variant ``index`` filled in; its fallback if a slot is empty; "" if neither works."""
    fallback = block.get("fallback", [])
    candidates = [block["variants"][index]]
    if fallback:
        candidates.append(fallback[min(index, len(fallback) - 1)])
    for template in candidates:
        if all(values[slot] for slot in _SLOT_RE.findall(template)):
            return _fill(template, values)
    return ""


def _choices(kind_spec: Mapping[str, Any], table: Mapping[str, Any], choices: Any) -> dict[str, int]:
    if choices is None:
        return {}
    if not isinstance(choices, Mapping):
        raise DraftError(f"choices must map block ids to variant numbers, not {type(choices).__name__}")
    allowed = kind_spec["blocks"]
    out = {}
    for block_id, index in choices.items():
        if block_id not in allowed:
            raise DraftError(f"unknown block {block_id!r} in choices; allowed: {', '.join(allowed)}")
        count = len(table[block_id]["variants"])
        if isinstance(index, float) and index.is_integer():
            index = int(index)
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
            raise DraftError(f"choice for block '{block_id}' must be a variant number 0..{count - 1}, not {index!r}")
        out[block_id] = index
    return out


def _include(kind_spec: Mapping[str, Any], table: Mapping[str, Any], include: Any, rule: Any) -> dict[str, bool]:
    """Optional block id -> in the message or not: the reader's say, else the default after ``rule``."""
    if rule is not None and rule not in RULES:
        raise DraftError(f"unknown rule {rule!r}; allowed: {', '.join(RULES)} (the result's 'rule')")
    optional = [b for b in kind_spec["blocks"] if table[b].get("optional")]
    out = {b: rule not in table[b].get("off_after", []) for b in optional}
    if include is None:
        return out
    if not isinstance(include, Mapping):
        raise DraftError(f"include must map optional block ids to true or false, not {type(include).__name__}")
    for block_id, on in include.items():
        if block_id not in out:
            raise DraftError(
                f"block {block_id!r} in include is not an optional block of this message; "
                f"optional: {', '.join(optional) or 'none'}"
            )
        if not isinstance(on, bool):
            raise DraftError(f"include['{block_id}'] must be true or false, not {on!r}")
        out[block_id] = on
    return out


def assemble(
    phrases: Mapping[str, Any],
    kind: str,
    fields: Mapping[str, Any] | None,
    choices: Mapping[str, int] | None = None,
    include: Mapping[str, bool] | None = None,
    rule: str | None = None,
) -> dict[str, Any]:
    """The draft message of ``kind`` with the reader's ``fields`` filled in.

    ``phrases``: localized (``lang`` says which language the checker uses).
    ``choices``: block id -> variant number (default 0 for each block).
    ``include``: optional block id -> bool; a block not named there is on unless
    its ``off_after`` names ``rule`` (the engine result's ``rule``).
    Returns ``{"kind", "lang", "label", "blocks": [{"id", "label", "section",
    "text", "choice", "options": [each variant filled in]}], "text": the whole
    message (blocks joined by a blank line), "you": you_check.check(text, lang),
    "include": {optional block id: bool}}``.
    A block whose slot is empty uses its fallback; without one it is left out.
    """
    validate(phrases)
    spec = _kind(phrases, kind)
    values = _fields(fields)
    picked = _choices(spec, phrases["blocks"], choices)
    switched = _include(spec, phrases["blocks"], include, rule)
    out_blocks = []
    for block_id in spec["blocks"]:
        if not switched.get(block_id, True):
            continue
        block = phrases["blocks"][block_id]
        options = [_render(block, i, values) for i in range(len(block["variants"]))]
        index = picked.get(block_id, 0)
        if not options[index]:
            continue
        out_blocks.append(
            {
                "id": block_id,
                "label": block["label"],
                "section": block.get("section") or "",
                "text": options[index],
                "choice": index,
                "options": options,
            }
        )
    text = "\n\n".join(b["text"] for b in out_blocks)
    return {
        "kind": kind,
        "lang": phrases["lang"],
        "label": spec["label"],
        "blocks": out_blocks,
        "text": text,
        "you": check(text, phrases["lang"]),
        "include": switched,
    }


def draft(request: Mapping[str, Any], lang: str | None = None) -> dict[str, Any]:
    """The entry point JavaScript calls (through Pyodide): plain data in, plain data out.

    ``request``: ``{"phrases": localized phrases, "kind": str, "fields": {...}?,
    "choices": {...}?, "include": {...}?, "rule": the result's rule?}``; ``lang``,
    if given, must be the phrases' language.  Returns :func:`assemble`'s result
    plus ``"form"`` (:func:`form`), or ``{"error": {"kind": "draft", "message":
    str}}`` for a problem the reader or an author can fix.
    """
    try:
        if not isinstance(request, Mapping):
            raise DraftError(f"request must be a table with {', '.join(_REQUEST_KEYS)}, not {type(request).__name__}")
        unknown = set(request) - set(_REQUEST_KEYS)
        if unknown:
            raise DraftError(f"unknown request key '{sorted(unknown)[0]}'; allowed: {', '.join(_REQUEST_KEYS)}")
        # The page's JSON, of any shape: validate() and assemble() check each part and name
        # what is wrong, so these are Any until checked.
        phrases: Any = request.get("phrases")
        kind: Any = request.get("kind")
        validate(phrases)
        if lang is not None and lang != phrases["lang"]:
            raise DraftError(f"the phrases are in '{phrases['lang']}', not '{lang}'")
        rule = request.get("rule")
        made = assemble(phrases, kind, request.get("fields"), request.get("choices"), request.get("include"), rule)
        return {**made, "form": form(phrases, made["kind"], rule)}
    except DraftError as exc:
        return {"error": {"kind": "draft", "message": str(exc)}}
