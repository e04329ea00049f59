"""The parting-message drafter: a message assembled from phrase blocks, plus a Markdown report.

After a ``part-ways`` or ``last-attempt`` result the page offers a draft message in
its own language, built here from the blocks in ``quiz/phrases.toml`` (Russian
source) and ``content/translations/en/draft.po`` (English).  Every block is
written without «вы» / "you" (the guide's section ``avoid-you``); the reader's
edits are checked live with :mod:`quiz.you_check`.

Pure standard library, no I/O: the caller reads the files and passes text or dicts.

Phrases
-------
``phrases`` is the parsed TOML (see the comment at the top of phrases.toml)::

    {"lang": "ru",
     "kinds":  {"part-ways": {"label": str, "blocks": [block_id, ...]}, ...},
     "blocks": {block_id: {"label": str, "section": str,
                           "variants": [str, ...], "fallback": [str, ...]?}, ...}}

Texts hold slots ``{client_name}``, ``{project}``, ``{sender_name}``,
``{referrals}``, ``{extra_requests}``; nothing else may be in braces.

Translations (msgctxt scheme)
-----------------------------
``strings(phrases)`` lists every translatable text as ``(msgctxt, msgid)`` with the
Russian text as msgid:

=================================  ==========================================
``draft.kind.<kind>``              the label of a message kind
``draft.<block>.label``            the label of a block
``draft.<block>.<i>``              variant *i* of a block (0-based)
``draft.<block>.fallback.<i>``     fallback *i* of a block (0-based)
=================================  ==========================================

``localize(phrases, translations)`` swaps them in.  ``translations`` maps either
``(msgctxt, msgid)`` (an entry only counts while its msgid equals the current
Russian: stale entries are ignored) or ``msgctxt`` alone (the caller has checked
staleness, e.g. the build's catalogue) to the msgstr.  ``parse_po(text)`` reads a
PO file's text into the first form without polib (which Pyodide lacks), and
``phrases_for(toml_text, po_text)`` does both steps at once.

``localize`` is strict by default (a missing, empty, fuzzy or stale entry is an
error naming its msgctxt); ``strict=False`` keeps the Russian text instead.

Calls
-----
``assemble(phrases, kind, fields, choices)`` builds the message;
``draft({"phrases", "kind", "fields", "choices"}, lang)`` is the same for
JavaScript, with errors returned as ``{"error": {"kind": "draft", "message"}}``;
``blocks(phrases, kind)`` lists the unfilled blocks for a picker;
``markdown_result(result, draft, lang, links)`` writes the "download my result"
document.

Reader text
-----------
Everything the reader types is plain text: control, format (bidi override, zero
width...) and surrogate characters are dropped, whitespace is collapsed, and
nothing is interpreted as markup.  No HTML is built here: the page inserts the
text as text.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from quiz import QuizError
from quiz.you_check import SECTION as YOU_SECTION
from quiz.you_check import check

__all__ = [
    "DraftError", "KINDS", "FIELDS", "LIST_FIELDS",
    "parse_phrases", "validate", "strings", "comments", "localize", "parse_po", "phrases_for",
    "clean_line", "clean_items", "blocks", "assemble", "draft",
    "escape_markdown", "markdown_result",
]

#: The message kinds, for the verdicts that call for a message.
KINDS = ("part-ways", "last-attempt")
#: Fields the reader fills in; ``referrals`` and ``extra_requests`` are lists of lines.
FIELDS = ("client_name", "project", "sender_name", "referrals", "extra_requests")
LIST_FIELDS = frozenset({"referrals", "extra_requests"})
#: Marker in front of each line of a list slot.
BULLET = "- "
#: Sections a block may point to (the /part-ways/ page of the contract).
SECTIONS = frozenset({"professional", "last-attempt", "avoid-you", "leave-window-open",
                      "refer-elsewhere", "positive-ending", "in-writing", "empty-cup"})

_ID_RE = re.compile(r"[a-z][a-z0-9-]*\Z")
_SLOT_RE = re.compile(r"\{([a-z_]+)\}")
_LANG_RE = re.compile(r"[a-z]{2,3}\Z")


class DraftError(QuizError):
    """Bad phrases, translations, kind, field or choice; the message names it and what is allowed."""


# --------------------------------------------------------------------------- phrases


def parse_phrases(text: str) -> dict[str, Any]:
    """Parse and validate the text of ``phrases.toml``."""
    import tomllib  # stdlib (3.11+); imported here so the module loads without it

    try:
        phrases = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DraftError(f"phrases: not valid TOML: {exc}") from None
    validate(phrases)
    return phrases


def _slots(text: str, where: str) -> set[str]:
    found = set(_SLOT_RE.findall(text))
    unknown = found - set(FIELDS)
    if unknown:
        raise DraftError(f"{where}: unknown slot {{{sorted(unknown)[0]}}}; "
                         f"allowed: {', '.join('{' + f + '}' for f in FIELDS)}")
    if "{" in _SLOT_RE.sub("", text) or "}" in _SLOT_RE.sub("", text):
        raise DraftError(f"{where}: stray brace in {text!r}; braces are only for slots like {{project}}")
    return found


def validate(phrases: Any) -> None:
    """Raise :class:`DraftError` naming the first problem in ``phrases``."""
    if not isinstance(phrases, Mapping):
        raise DraftError(f"phrases must be a table, not {type(phrases).__name__}")
    lang = phrases.get("lang")
    if not isinstance(lang, str) or not _LANG_RE.match(lang):
        raise DraftError(f"phrases: 'lang' must be a language code like \"ru\", not {lang!r}")
    kinds, table = phrases.get("kinds"), phrases.get("blocks")
    if not isinstance(kinds, Mapping) or not isinstance(table, Mapping):
        raise DraftError("phrases: needs the tables [kinds.<kind>] and [blocks.<id>]")
    for kind in KINDS:
        if kind not in kinds:
            raise DraftError(f"phrases: kind '{kind}' is missing; kinds needed: {', '.join(KINDS)}")
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
                raise DraftError(f"phrases: kind '{kind}' uses block '{block_id}', which is not defined; "
                                 f"defined: {', '.join(table)}")
        if len(set(ids)) != len(ids):
            raise DraftError(f"phrases: kind '{kind}' lists a block twice")
    for block_id, block in table.items():
        where = f"phrases: block '{block_id}'"
        if not _ID_RE.match(block_id) or block_id == "kind":
            raise DraftError(f"{where}: ids are lower-case letters, digits and '-' (and not 'kind')")
        if not isinstance(block, Mapping) or not isinstance(block.get("label"), str):
            raise DraftError(f"{where} needs a label")
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
                _slots(text, f"{where} {key}[{i}]")
        unknown = set(block) - {"label", "section", "variants", "fallback"}
        if unknown:
            raise DraftError(f"{where}: unknown key '{sorted(unknown)[0]}'; "
                             "allowed: label, section, variants, fallback")


def _texts(phrases: Mapping[str, Any]):
    """(msgctxt, path, text, comment) for every translatable text, in file order."""
    for kind, spec in phrases["kinds"].items():
        yield f"draft.kind.{kind}", ("kinds", kind, "label"), spec["label"], f"label of the message kind {kind}"
    for block_id, block in phrases["blocks"].items():
        yield f"draft.{block_id}.label", ("blocks", block_id, "label"), block["label"], \
            f"label of the block {block_id}"
        variants = block["variants"]
        for i, text in enumerate(variants):
            yield f"draft.{block_id}.{i}", ("blocks", block_id, "variants", i), text, \
                f"block {block_id}, variant {i + 1} of {len(variants)}; no form of 'you'"
        for i, text in enumerate(block.get("fallback", [])):
            yield f"draft.{block_id}.fallback.{i}", ("blocks", block_id, "fallback", i), text, \
                f"block {block_id}, used instead of variant {i + 1} when its slot is empty; no form of 'you'"


def strings(phrases: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every translatable text as ``(msgctxt, Russian msgid)``, in file order."""
    validate(phrases)
    return [(ctxt, text) for ctxt, _, text, _ in _texts(phrases)]


def comments(phrases: Mapping[str, Any]) -> dict[str, str]:
    """msgctxt -> a note for translators (PO ``#.`` comment)."""
    validate(phrases)
    return {ctxt: note for ctxt, _, _, note in _texts(phrases)}


def localize(phrases: Mapping[str, Any], translations: Mapping[Any, str], lang: str = "en",
             *, strict: bool = True) -> dict[str, Any]:
    """A copy of ``phrases`` in ``lang``, texts taken from ``translations``.

    Keys of ``translations``: ``(msgctxt, msgid)`` or ``msgctxt`` (see the module
    docstring).  A translation must keep the same slots as the Russian text.
    ``strict``: a text without a usable translation is an error naming it;
    otherwise it stays in Russian.
    """
    validate(phrases)
    if not isinstance(lang, str) or not _LANG_RE.match(lang):
        raise DraftError(f"localize: lang must be a language code like \"en\", not {lang!r}")
    out = copy.deepcopy(dict(phrases))
    out["lang"] = lang
    missing = []
    for ctxt, path, text, _ in _texts(phrases):
        msgstr = translations.get((ctxt, text))
        if msgstr is None:
            msgstr = translations.get(ctxt)
        if not isinstance(msgstr, str) or not msgstr.strip():
            missing.append(ctxt)
            continue
        if _slots(msgstr, f"translation '{ctxt}'") != _slots(text, ctxt):
            raise DraftError(f"translation '{ctxt}' must use the slots "
                             f"{sorted(_slots(text, ctxt)) or 'none'}, as the Russian text does")
        node = out
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = msgstr
    if missing and strict:
        raise DraftError(f"no {lang} translation for {len(missing)} draft text(s), first '{missing[0]}' "
                         "(missing, empty, fuzzy, or its msgid differs from the current Russian text)")
    return out


_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
               "f": "\f", "v": "\v"}
_PO_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"\s*\Z')


def _po_unquote(line: str, lineno: int) -> str:
    m = _PO_STRING_RE.match(line)
    if not m:
        raise DraftError(f"PO line {lineno}: expected a quoted string, got {line[:40]!r}")
    return re.sub(r"\\(.)", lambda e: _PO_ESCAPES.get(e.group(1), e.group(1)), m.group(1))


def parse_po(text: str) -> dict[tuple[str, str], str]:
    """``{(msgctxt, msgid): msgstr}`` for every translated, non-fuzzy, non-obsolete entry.

    A small reader for what polib/msgmerge write: comments, ``msgctxt``,
    ``msgid``, ``msgstr`` and continuation lines.  Plural entries are skipped.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    result: dict[tuple[str, str], str] = {}
    entry: dict[str, str] = {}
    flags: set[str] = set()
    key: str | None = None

    def finish() -> None:
        nonlocal entry, flags, key
        if ("msgid" in entry and "msgstr" in entry and "msgid_plural" not in entry
                and entry["msgid"] and entry["msgstr"] and "fuzzy" not in flags):
            result[(entry.get("msgctxt", ""), entry["msgid"])] = entry["msgstr"]
        entry, flags, key = {}, set(), None

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#"):
            if key is not None and "msgstr" in entry:
                finish()
            if line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(","))
        elif line.startswith('"'):
            if key is None:
                raise DraftError(f"PO line {lineno}: a string continues nothing")
            entry[key] += _po_unquote(line, lineno)
        else:
            word, _, rest = line.partition(" ")
            if word.startswith("msgstr["):
                word = "msgstr_plural"
            if word not in ("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural"):
                raise DraftError(f"PO line {lineno}: unknown keyword {word!r}")
            if word in ("msgctxt", "msgid") and "msgstr" in entry:
                finish()
            key = word
            entry[key] = entry.get(key, "") if word == "msgstr_plural" else ""
            entry[key] += _po_unquote(rest.strip(), lineno)
    finish()
    return result


def phrases_for(toml_text: str, po_text: str | None = None, lang: str = "en",
                *, strict: bool = True) -> dict[str, Any]:
    """``phrases.toml`` text, localized with a PO file's text (or Russian when ``po_text`` is None)."""
    phrases = parse_phrases(toml_text)
    if po_text is None:
        return phrases
    return localize(phrases, parse_po(po_text), lang, strict=strict)


# --------------------------------------------------------------------------- reader text

_LINE_BREAKS_RE = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_KEEP_FORMAT = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ (scripts and emoji need them)
_QUOTE_PAIRS = frozenset({("«", "»"), ('"', '"'), ("“", "”"), ("„", "“"), ("'", "'"), ("‘", "’")})
_BULLET_RE = re.compile(r"(?:[-*+•‣◦·–—]|\d{1,3}[.)])(?:\s+|\Z)")


def _plain(text: str) -> str:
    """Drop control (except line breaks, tabs), format and surrogate characters."""
    text = _LINE_BREAKS_RE.sub("\n", text).replace("\t", " ")
    if text.replace("\n", "").isprintable():
        return text
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == "\n" or (cat not in ("Cc", "Cf", "Cs")) or ch in _KEEP_FORMAT \
                or "\U000e0020" <= ch <= "\U000e007f":  # emoji tag sequences (flags)
            kept.append(ch)
    return "".join(kept)


def clean_line(value: str) -> str:
    """One line of reader text: plain characters, whitespace runs collapsed, ends stripped."""
    return " ".join(_plain(value).split())


def clean_items(value: str | list[str] | tuple[str, ...]) -> list[str]:
    """Reader text as list items: one per non-blank line (or per list element), bullets dropped."""
    lines = _plain(value).split("\n") if isinstance(value, str) else [clean_line(v) for v in value]
    items = []
    for line in lines:
        line = " ".join(line.split())
        line = _BULLET_RE.sub("", line, count=1) if _BULLET_RE.match(line) else line
        if line:
            items.append(line)
    return items


def _fields(fields: Mapping[str, Any] | None) -> dict[str, str]:
    """Validated, cleaned field values, each rendered as the text that goes into its slot."""
    if fields is None:
        fields = {}
    if not isinstance(fields, Mapping):
        raise DraftError(f"fields must be a table of {', '.join(FIELDS)}, not {type(fields).__name__}")
    values = {name: "" for name in FIELDS}
    for name, value in fields.items():
        if name not in FIELDS:
            raise DraftError(f"unknown field '{name}'; allowed: {', '.join(FIELDS)}")
        if value is None:
            continue
        if name in LIST_FIELDS:
            if isinstance(value, str) or (
                    isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
                values[name] = "\n".join(BULLET + item for item in clean_items(value))
                continue
            raise DraftError(f"field '{name}' must be text or a list of texts, not {type(value).__name__}")
        if not isinstance(value, str):
            raise DraftError(f"field '{name}' must be text, not {type(value).__name__}")
        values[name] = clean_line(value)
    # The templates put the project name in quotes; don't double the reader's own.
    project = values["project"]
    if len(project) > 2 and (project[0], project[-1]) in _QUOTE_PAIRS \
            and not any(q in project[1:-1] for q in (project[0], project[-1])):
        values["project"] = project[1:-1].strip()
    return values


# --------------------------------------------------------------------------- assembly


def _kind(phrases: Mapping[str, Any], kind: Any) -> Mapping[str, Any]:
    if kind not in KINDS:
        raise DraftError(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    return phrases["kinds"][kind]


def blocks(phrases: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    """The blocks of a message kind, unfilled, for a picker.

    ``[{"id", "label", "text" (default variant, slots unfilled), "section",
    "variants": [str, ...], "fallback": [str, ...], "slots": [field, ...]}, ...]``
    """
    validate(phrases)
    out = []
    for block_id in _kind(phrases, kind)["blocks"]:
        block = phrases["blocks"][block_id]
        variants, fallback = list(block["variants"]), list(block.get("fallback", []))
        slots = set().union(*(_slots(t, block_id) for t in variants))
        out.append({"id": block_id, "label": block["label"], "text": variants[0],
                    "section": block.get("section") or "", "variants": variants, "fallback": fallback,
                    "slots": [f for f in FIELDS if f in slots]})
    return out


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
            raise DraftError(f"choice for block '{block_id}' must be a variant number "
                             f"0..{count - 1}, not {index!r}")
        out[block_id] = index
    return out


def assemble(phrases: Mapping[str, Any], kind: str, fields: Mapping[str, Any] | None,
             choices: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The draft message of ``kind`` with the reader's ``fields`` filled in.

    ``phrases``: localized (``lang`` says which language the checker uses).
    ``choices``: block id -> variant number (default 0 for each block).
    Returns ``{"kind", "lang", "label", "blocks": [{"id", "label", "section", "text",
    "choice", "options": [each variant filled in]}], "text": the whole message
    (blocks joined by a blank line), "you": you_check.check(text, lang)}``.
    A block whose slot is empty uses its fallback; without one it is left out.
    """
    validate(phrases)
    spec = _kind(phrases, kind)
    values = _fields(fields)
    picked = _choices(spec, phrases["blocks"], choices)
    out_blocks = []
    for block_id in spec["blocks"]:
        block = phrases["blocks"][block_id]
        options = [_render(block, i, values) for i in range(len(block["variants"]))]
        index = picked.get(block_id, 0)
        if not options[index]:
            continue
        out_blocks.append({"id": block_id, "label": block["label"], "section": block.get("section") or "",
                           "text": options[index], "choice": index, "options": options})
    text = "\n\n".join(b["text"] for b in out_blocks)
    return {"kind": kind, "lang": phrases["lang"], "label": spec["label"], "blocks": out_blocks,
            "text": text, "you": check(text, phrases["lang"])}


def draft(request: Mapping[str, Any], lang: str | None = None) -> dict[str, Any]:
    """The entry point JavaScript calls (through Pyodide): plain data in, plain data out.

    ``request``: ``{"phrases": localized phrases, "kind": str, "fields": {...}?,
    "choices": {...}?}``; ``lang``, if given, must be the phrases' language.
    Returns :func:`assemble`'s result, or ``{"error": {"kind": "draft", "message": str}}``
    for a problem the reader or an author can fix.
    """
    try:
        if not isinstance(request, Mapping):
            raise DraftError(f"request must be a table with phrases, kind, fields, choices, "
                             f"not {type(request).__name__}")
        unknown = set(request) - {"phrases", "kind", "fields", "choices"}
        if unknown:
            raise DraftError(f"unknown request key '{sorted(unknown)[0]}'; allowed: phrases, kind, fields, choices")
        phrases = request.get("phrases")
        validate(phrases)
        if lang is not None and lang != phrases["lang"]:
            raise DraftError(f"the phrases are in '{phrases['lang']}', not '{lang}'")
        return assemble(phrases, request.get("kind"), request.get("fields"), request.get("choices"))
    except DraftError as exc:
        return {"error": {"kind": "draft", "message": str(exc)}}


# --------------------------------------------------------------------------- Markdown report

_DOC = {
    "ru": {
        "title": "Результат самооценки",
        "verdict": "Итог",
        "verdicts": {"keep": "трудный клиент, но не токсичный: стоит продолжать",
                     "last-attempt": "сделать последнюю попытку",
                     "part-ways": "пора расставаться"},
        "score": "Баллы", "of": "из",
        "flagged": "Замеченные признаки",
        "plan": "План действий",
        "draft": "Черновик письма",
        "you": "Формы «вы» в черновике",
        "footer": "Документ создан на этом устройстве; ответы никуда не отправлялись.",
    },
    "en": {
        "title": "Self-assessment result",
        "verdict": "Verdict",
        "verdicts": {"keep": "a difficult client, not a toxic one: worth keeping",
                     "last-attempt": "make one last attempt",
                     "part-ways": "time to part ways"},
        "score": "Score", "of": "out of",
        "flagged": "Warning signs noticed",
        "plan": "Action plan",
        "draft": "Draft message",
        "you": "Forms of “you” in the draft",
        "footer": "Created on this device; no answers were sent anywhere.",
    },
}

# Characters with inline meaning in CommonMark/GFM (and common extensions: $ math).
_MD_INLINE_RE = re.compile(r"([\\`*_\[\]<>&|~$])")
# Line starts that open a block: heading, quote, list item, setext underline.
_MD_LINE_START_RE = re.compile(r"[#>+=-]|\d{1,9}(?=[.)])")
_URL_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def escape_markdown(text: Any) -> str:
    """Reader or engine text as inert Markdown: no links, HTML, emphasis or block syntax.

    Line breaks become spaces (the result sits in a heading, list item or paragraph).
    """
    line = clean_line(str(text))
    line = _MD_INLINE_RE.sub(r"\\\1", line)
    m = _MD_LINE_START_RE.match(line)
    if m:  # "# x" -> "\# x", "1. x" -> "1\. x"
        cut = m.end() if m.group()[0].isdigit() else 0
        line = line[:cut] + "\\" + line[cut:]
    return line


def _escape_paragraphs(text: Any) -> list[str]:
    paragraphs = re.split(r"\n\s*\n", _plain(str(text)))
    return [p for p in (escape_markdown(p) for p in paragraphs) if p]


def _safe_url(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    url = clean_line(url)
    scheme = _URL_SCHEME_RE.match(url)
    if not url or (scheme and scheme.group(1).lower() not in ("http", "https")):
        return None
    return re.sub(r"[\s<>()\[\]\"'`\\]", lambda m: "%{:02X}".format(ord(m.group())), url)


def _link(label: str, section: Any, links: Mapping[str, Any]) -> str:
    url = _safe_url(links.get(section)) if isinstance(section, str) else None
    return f"[{label}]({url})" if url else label


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return escape_markdown(value)


def markdown_result(result: Mapping[str, Any], draft: Mapping[str, Any] | None, lang: str,
                    links: Mapping[str, str] | None) -> str:
    """A "download my result" Markdown document in ``lang`` ("ru" or "en").

    ``result``: the engine's output (verdict, score, max_score, headline, explanation,
    flagged, plan); ``draft``: :func:`assemble`'s output (or any dict with "text",
    e.g. after the reader edited it) or None; ``links``: section id -> URL (http(s)
    or relative; other schemes are dropped).  Every text is escaped; the draft goes
    in a fenced code block, so it is shown exactly as written.
    """
    code = lang.split("-")[0].split("_")[0].lower() if isinstance(lang, str) else lang
    if code not in _DOC:
        raise DraftError(f"unknown language {lang!r} for the result document; allowed: {', '.join(_DOC)}")
    if not isinstance(result, Mapping):
        raise DraftError(f"result must be the engine's result table, not {type(result).__name__}")
    words, links = _DOC[code], links or {}
    out = [f"# {escape_markdown(words['title'])}", ""]
    verdict = result.get("verdict")
    verdict = verdict if isinstance(verdict, str) else None
    headline = result.get("headline") or words["verdicts"].get(verdict, verdict or "")
    out += [f"## {escape_markdown(headline)}", ""]
    if verdict in words["verdicts"]:
        out += [f"**{words['verdict']}:** {escape_markdown(words['verdicts'][verdict])}", ""]
    for paragraph in _escape_paragraphs(result.get("explanation") or ""):
        out += [paragraph, ""]
    if result.get("score") is not None:
        score = f"**{words['score']}:** {_number(result['score'])}"
        if result.get("max_score") is not None:
            score += f" {words['of']} {_number(result['max_score'])}"
        out += [score, ""]
    flagged = [f for f in result.get("flagged") or [] if isinstance(f, Mapping)]
    if flagged:
        out += [f"## {escape_markdown(words['flagged'])}", ""]
        for item in flagged:
            title, text = escape_markdown(item.get("title") or ""), escape_markdown(item.get("text") or "")
            label = title or text or escape_markdown(item.get("section") or item.get("id") or "")
            line = _link(label, item.get("section"), links)
            if title and text:
                line += f" — {text}"
            out.append(f"- {line}")
        out.append("")
    plan = [p for p in result.get("plan") or [] if isinstance(p, Mapping)]
    if plan:
        out += [f"## {escape_markdown(words['plan'])}", ""]
        for n, step in enumerate(plan, 1):
            title, note = escape_markdown(step.get("title") or ""), escape_markdown(step.get("note") or "")
            label = title or note or escape_markdown(step.get("section") or "")
            line = _link(label, step.get("section"), links)
            out.append(f"{n}. {line}" + (f" — {note}" if title and note else ""))
        out.append("")
    if draft is not None:
        if not isinstance(draft, Mapping) or not isinstance(draft.get("text"), str):
            raise DraftError("draft must be assemble()'s result or a table with a 'text'")
        text = "\n".join(line.rstrip() for line in _plain(draft["text"]).split("\n")).strip("\n")
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        you = check(text, draft.get("lang") or code)
        out += [f"## {escape_markdown(words['draft'])}", "", f"{fence}text", text, fence, "",
                f"{_link(escape_markdown(words['you']), YOU_SECTION, links)}: {you['count']}", ""]
    out += ["---", "", f"*{escape_markdown(words['footer'])}*", ""]
    return "\n".join(out)
