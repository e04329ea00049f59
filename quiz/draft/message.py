"""Message assembly: the reader's fields and choices put into the phrase blocks.

``assemble(phrases, kind, fields, choices, include, rule, topics)`` builds the
message; ``draft(...)`` is the same for the page (errors come back as data);
``blocks(phrases, kind, topics)`` lists the unfilled blocks for a picker.

What the page may not decide, this module does: which blocks a letter holds (a
block with a ``topic`` only when that sign is one of the result's topics, so a
last attempt speaks of exactly the signs the reader flagged), which fields it
asks for (the slots of those blocks, in ``[fields]`` order, grouped by topic),
which optional blocks start switched on (all of them, except those whose
``off_after`` names the result's rule: after abuse or threats the letter starts
short and factual), and which wording each block starts with (the first; an
``opt_in`` wording, such as a claim that the contract was not kept, only when the
reader picks it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from quiz.you_check import check

from .phrases import KINDS, RULES, DraftError, field_names, list_fields, slots, validate, you_forms
from .text import BULLET, clean_items, clean_line

__all__ = ["assemble", "blocks", "draft", "form"]

_SLOT_RE = re.compile(r"\{([a-z_]+)\}")
_QUOTE_PAIRS = frozenset({("«", "»"), ('"', '"'), ("“", "”"), ("„", "“"), ("'", "'"), ("‘", "’")})


def _fields(phrases: Mapping[str, Any], fields: Mapping[str, Any] | None) -> dict[str, str]:
    """Validated, cleaned field values, each rendered as the text that goes into its slot."""
    names, lists = field_names(phrases), list_fields(phrases)
    if fields is None:
        fields = {}
    if not isinstance(fields, Mapping):
        raise DraftError(f"fields must be a table of {', '.join(names)}, not {type(fields).__name__}")
    values = dict.fromkeys(names, "")
    for name, value in fields.items():
        if name not in names:
            raise DraftError(f"unknown field '{name}'; allowed: {', '.join(names)}")
        if value is None:
            continue
        if name in lists:
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


def _block_slots(phrases: Mapping[str, Any], block: Mapping[str, Any], where: str) -> set[str]:
    texts = (*block["variants"], *block.get("fallback", []))
    return set().union(*(slots(t, where, field_names(phrases)) for t in texts))


def _topics(phrases: Mapping[str, Any], topics: Any) -> tuple[str, ...]:
    """The result's topics (sign ids), checked: only the phrases' topics, each once."""
    if topics is None:
        return ()
    known = tuple(phrases.get("topics", {}))
    if not isinstance(topics, (list, tuple)) or not all(isinstance(t, str) for t in topics):
        raise DraftError(f"topics must be a list of sign ids, not {type(topics).__name__}")
    for topic in topics:
        if topic not in known:
            raise DraftError(f"unknown topic {topic!r}; allowed: {', '.join(known) or 'none'} (the result's 'topics')")
    return tuple(dict.fromkeys(topics))


def _letter_blocks(phrases: Mapping[str, Any], kind: str, topics: tuple[str, ...]) -> list[str]:
    """The ids of the blocks this letter can hold: its kind's, a topic's only for the result's topics."""
    table = phrases["blocks"]
    return [b for b in _kind(phrases, kind)["blocks"] if table[b].get("topic") in (None, *topics)]


def blocks(phrases: Mapping[str, Any], kind: str, topics: Any = None) -> list[dict[str, Any]]:
    """The blocks of a letter, unfilled, for a picker.

    ``[{"id", "label", "text" (default variant, slots unfilled), "section",
    "variants": [str, ...], "fallback": [str, ...], "slots": [field, ...],
    "optional": bool, "opt_in": [int, ...], "topic": sign id or ""}, ...]``
    """
    validate(phrases)
    out = []
    for block_id in _letter_blocks(phrases, kind, _topics(phrases, topics)):
        block = phrases["blocks"][block_id]
        variants, fallback = list(block["variants"]), list(block.get("fallback", []))
        used = _block_slots(phrases, block, block_id)
        out.append(
            {
                "id": block_id,
                "label": block["label"],
                "text": variants[0],
                "section": block.get("section") or "",
                "variants": variants,
                "fallback": fallback,
                "slots": [f for f in field_names(phrases) if f in used],
                "optional": bool(block.get("optional")),
                "opt_in": list(block.get("opt_in", [])),
                "topic": block.get("topic") or "",
            }
        )
    return out


def form(phrases: Mapping[str, Any], kind: str, rule: str | None = None, topics: Any = None) -> dict[str, Any]:
    """What the page shows above the message: the fields to ask for, the wordings and the optional blocks.

    ``{"groups": [{"topic": sign id | "", "label": str, "fields": [{"name", "label",
    "hint", "list": bool}, ...]}, ...],`` (the letter's own fields first, topic "" and
    label "", then each topic's in the letter's order)
    ``"wordings": [{"block", "label", "variants": [str, ...] (unfilled)}, ...],``
    (the blocks with more than one wording)
    ``"optional": [{"id", "label", "on": bool (its default after ``rule``)}, ...]}``
    """
    validate(phrases)
    topics = _topics(phrases, topics)
    groups: dict[str, list[str]] = {"": []}  # topic ("" for the letter's own fields) -> field names
    optional, wordings = [], []
    for block_id in _letter_blocks(phrases, kind, topics):
        block = phrases["blocks"][block_id]
        group = groups.setdefault(block.get("topic") or "", [])
        group += [f for f in sorted(_block_slots(phrases, block, block_id)) if not any(f in g for g in groups.values())]
        if block.get("optional"):
            optional.append({"id": block_id, "label": block["label"], "on": rule not in block.get("off_after", [])})
        if len(block["variants"]) > 1:
            wordings.append({"block": block_id, "label": block["label"], "variants": list(block["variants"])})
    order, lists = field_names(phrases), list_fields(phrases)
    out_groups = []
    for topic, names in groups.items():
        spec = phrases["fields"]
        fields = [
            {"name": n, "label": spec[n]["label"], "hint": spec[n].get("hint", ""), "list": n in lists}
            for n in order
            if n in names
        ]
        label = phrases["topics"][topic]["label"] if topic else ""
        if fields:
            out_groups.append({"topic": topic, "label": label, "fields": fields})
    return {"groups": out_groups, "wordings": wordings, "optional": optional}


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
    topics: Any = None,
) -> dict[str, Any]:
    """The draft message of ``kind`` with the reader's ``fields`` filled in.

    ``phrases``: localized (``lang`` says which language the checker uses).
    ``choices``: block id -> variant number (default 0 for each block; an
    ``opt_in`` variant only when chosen here).
    ``include``: optional block id -> bool; a block not named there is on unless
    its ``off_after`` names ``rule`` (the engine result's ``rule``).
    ``topics``: the result's topics (sign ids): a block with a ``topic`` goes in
    only for these.
    Returns ``{"kind", "lang", "label", "topics": [...], "blocks": [{"id", "label",
    "section", "topic" (sign id or ""), "join", "text", "choice", "options": [each variant filled in]}],
    "text": the whole message (blocks joined by a blank line, a ``join`` block by a
    space), "you": you_check.check(text, the phrases' "you" forms), "include": {optional block id: bool}}``.
    A block whose slot is empty uses its fallback; without one it is left out.
    """
    validate(phrases)
    spec = _kind(phrases, kind)
    chosen_topics = _topics(phrases, topics)
    values = _fields(phrases, fields)
    picked = _choices(spec, phrases["blocks"], choices)
    switched = _include(spec, phrases["blocks"], include, rule)
    out_blocks = []
    for block_id in _letter_blocks(phrases, kind, chosen_topics):
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
                "topic": block.get("topic") or "",
                "join": bool(block.get("join")),
                "text": options[index],
                "choice": index,
                "options": options,
            }
        )
    paragraphs: list[str] = []
    for i, item in enumerate(out_blocks):
        # A joined block continues the paragraph of the block before it, when that
        # block is in the letter, of the same topic and not a list (a sentence after
        # a list's last line would read as part of that item); else it stands alone.
        if item["join"] and i and out_blocks[i - 1]["topic"] == item["topic"] and "\n" not in paragraphs[-1]:
            paragraphs[-1] += " " + item["text"]
        else:
            paragraphs.append(item["text"])
    text = "\n\n".join(paragraphs)
    return {
        "kind": kind,
        "topics": list(chosen_topics),
        "lang": phrases["lang"],
        "label": spec["label"],
        "blocks": out_blocks,
        "text": text,
        "you": check(text, you_forms(phrases)),
        "include": switched,
    }


def draft(
    phrases: Mapping[str, Any],
    kind: Any,
    fields: Any = None,
    choices: Any = None,
    include: Any = None,
    rule: Any = None,
    topics: Any = None,
) -> dict[str, Any]:
    """The letter as the page asks for it (quiz.session): plain data in, plain data out.

    The arguments are :func:`assemble`'s, as they come from the page's JSON (of any
    shape: each part is checked and named when wrong).  Returns :func:`assemble`'s
    result plus ``"form"`` (:func:`form`), or ``{"error": {"kind": "draft",
    "message": str}}`` for a problem the reader or an author can fix.
    """
    try:
        made = assemble(phrases, kind, fields, choices, include, rule, topics)
        return {**made, "form": form(phrases, made["kind"], rule, topics)}
    except DraftError as exc:
        return {"error": {"kind": "draft", "message": str(exc)}}
