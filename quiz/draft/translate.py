"""Translating the drafter's words: the msgctxt scheme, the texts for the catalogue,
and a copy of ``phrases`` in another language.

Translations (msgctxt scheme)
-----------------------------
``strings(phrases)`` lists every translatable text as ``(msgctxt, msgid)`` with the
Russian text as msgid:

=================================  ==========================================
``draft.kind.<kind>``              the label of a message kind
``draft.<block>.label``            the label of a block
``draft.<block>.<i>``              variant *i* of a block (0-based)
``draft.<block>.fallback.<i>``     fallback *i* of a block (0-based)
``draft.topic.<sign>.label``       the heading of a topic's fields
``draft.field.<field>.label``      the label of a field (``.hint``: its hint)
``draft.text.<key>``               one of the other texts
=================================  ==========================================

``localize(phrases, translations)`` swaps them in.  ``translations`` maps either
``(msgctxt, msgid)`` (an entry only counts while its msgid equals the current
Russian: stale entries are ignored) or ``msgctxt`` alone (the caller has checked
staleness, as the build's catalogue does) to the translation.  Reading PO files
is the build's business (polib, in ``scripts/``): the reader's browser gets the
phrases already translated, in the page's JSON.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from quiz import DraftError

from .phrases import LANG_RE, TEXTS, field_names, slots, validate

# A path into ``phrases`` and the placeholders the text there may use.
_Entry = tuple[str, tuple[Any, ...], str, str, frozenset[str] | tuple[str, ...]]


def _texts(phrases: Mapping[str, Any]) -> Iterator[_Entry]:
    """(msgctxt, path, text, comment, allowed slots) for every translatable text, in file order."""
    fields = field_names(phrases)
    for kind, spec in phrases["kinds"].items():
        yield (f"draft.kind.{kind}", ("kinds", kind, "label"), spec["label"], f"label of the message kind {kind}", ())
    for block_id, block in phrases["blocks"].items():
        yield (
            f"draft.{block_id}.label",
            ("blocks", block_id, "label"),
            block["label"],
            f"label of the block {block_id}",
            (),
        )
        variants = block["variants"]
        for i, text in enumerate(variants):
            yield (
                f"draft.{block_id}.{i}",
                ("blocks", block_id, "variants", i),
                text,
                f"block {block_id}, variant {i + 1} of {len(variants)}; no form of 'you'"
                + ("; a claim only the reader can make, never preselected" if i in block.get("opt_in", []) else ""),
                fields,
            )
        for i, text in enumerate(block.get("fallback", [])):
            yield (
                f"draft.{block_id}.fallback.{i}",
                ("blocks", block_id, "fallback", i),
                text,
                (f"block {block_id}, used instead of variant {i + 1} when its slot is empty; no form of 'you'"),
                fields,
            )
    for topic, spec in phrases.get("topics", {}).items():
        yield (
            f"draft.topic.{topic}.label",
            ("topics", topic, "label"),
            spec["label"],
            f"heading of the drafter's fields for the sign {topic}",
            (),
        )
    for name, spec in phrases["fields"].items():
        for key in ("label", "hint"):
            if isinstance(spec.get(key), str):
                yield (
                    f"draft.field.{name}.{key}",
                    ("fields", name, key),
                    spec[key],
                    f"{key} of the drafter's field {name} (speaks to the reader)",
                    (),
                )
    for key, text in phrases["texts"].items():
        yield (f"draft.text.{key}", ("texts", key), text, f"drafter text '{key}'", TEXTS[key])


def strings(phrases: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every translatable text as ``(msgctxt, Russian msgid)``, in file order."""
    validate(phrases)
    return [(ctxt, text) for ctxt, _, text, _, _ in _texts(phrases)]


def comments(phrases: Mapping[str, Any]) -> dict[str, str]:
    """msgctxt -> a note for translators (PO ``#.`` comment)."""
    validate(phrases)
    return {ctxt: note for ctxt, _, _, note, _ in _texts(phrases)}


def localize(
    phrases: Mapping[str, Any],
    translations: Mapping[Any, str],
    lang: str,
    you: list[str] | None = None,
    *,
    strict: bool = True,
) -> dict[str, Any]:
    """A copy of ``phrases`` in ``lang``, texts taken from ``translations``, checked for
    ``you`` (that language's forms of "you"; the Russian list never carries over).

    Keys of ``translations``: ``(msgctxt, Russian text)`` or ``msgctxt`` (see the module
    docstring).  A translation must keep the same slots as the Russian text.
    ``strict``: a text without a usable translation is an error naming it;
    otherwise it stays in Russian.
    """
    validate(phrases)
    if not isinstance(lang, str) or not LANG_RE.match(lang):
        raise DraftError(f'localize: lang must be a language code like "en", not {lang!r}')
    out = copy.deepcopy(dict(phrases))
    out["lang"] = lang
    out.pop("you", None)
    if you is not None:
        out["you"] = list(you)
    missing = []
    for ctxt, path, text, _, allowed in _texts(phrases):
        translated = translations.get((ctxt, text))
        if translated is None:
            translated = translations.get(ctxt)
        if not isinstance(translated, str) or not translated.strip():
            missing.append(ctxt)
            continue
        wanted = slots(text, ctxt, allowed)
        if slots(translated, f"translation '{ctxt}'", allowed) != wanted:
            raise DraftError(
                f"translation '{ctxt}' must use the slots {sorted(wanted) or 'none'}, as the Russian text does"
            )
        node = out
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = translated
    if missing and strict:
        raise DraftError(
            f"no {lang} translation for {len(missing)} draft text(s), first '{missing[0]}' "
            "(missing, empty, fuzzy, or its msgid differs from the current Russian text)"
        )
    validate(out)  # e.g. a translated file name must still be a file name
    return out
