"""Reader text as plain text: what the reader types or pastes, made safe to send on.

Everything the reader types is plain text.  Characters that can change how a
text *looks* without being seen are removed: control characters (NUL and the
like; line breaks and tabs are normalised instead), format characters (the
bidirectional overrides and isolates U+202A–U+202E and U+2066–U+2069 behind
"Trojan Source" spoofing, zero-width spaces, the byte-order mark U+FEFF) and
lone surrogates.  Kept: ZWJ and ZWNJ (scripts and emoji sequences need them)
and the emoji tag characters (flags of regions).

The same function cleans the fields, the copied letter, the ``.txt`` and the
letter in the ``.md``, so the three take-aways carry the same text; each says
how many characters it removed, so the page can tell the reader.  No markup
is ever interpreted here and no HTML is built.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["BULLET", "clean_items", "clean_letter", "clean_line", "plain"]

#: Marker in front of each line of a list slot.
BULLET = "- "

_LINE_BREAKS_RE = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_KEEP_FORMAT = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ
_BULLET_RE = re.compile(r"(?:[-*+•‣◦·–—]|\d{1,3}[.)])(?:\s+|\Z)")


def _kept(ch: str) -> bool:
    if ch == "\n":
        return True
    category = unicodedata.category(ch)
    return category not in ("Cc", "Cf", "Cs") or ch in _KEEP_FORMAT or "\U000e0020" <= ch <= "\U000e007f"


def plain(text: str) -> tuple[str, int]:
    """``text`` with unified line breaks (``\\n``), tabs as spaces and hidden characters removed.

    Returns the text and how many characters were removed (line breaks and tabs
    are rewritten, not counted).
    """
    text = _LINE_BREAKS_RE.sub("\n", text).replace("\t", " ")
    if text.replace("\n", "").isprintable():  # the usual case, in C
        return text, 0
    kept = "".join(ch for ch in text if _kept(ch))
    return kept, len(text) - len(kept)


def clean_line(value: str) -> str:
    """One line of reader text: plain characters, whitespace runs collapsed, ends stripped."""
    return " ".join(plain(value)[0].split())


def clean_items(value: str | Sequence[str]) -> list[str]:
    """Reader text as list items: one per non-blank line (or per list element), bullets dropped."""
    lines = plain(value)[0].split("\n") if isinstance(value, str) else [clean_line(v) for v in value]
    items = []
    for line in lines:
        line = " ".join(line.split())
        line = _BULLET_RE.sub("", line, count=1) if _BULLET_RE.match(line) else line
        if line:
            items.append(line)
    return items


def clean_letter(text: str) -> tuple[str, int]:
    """The letter as it leaves the page (copied, ``.txt``, ``.md``): its lines and paragraphs
    kept, trailing spaces and blank lines at the ends dropped, hidden characters removed.

    Returns the text and the number of characters removed (not counting the
    trailing spaces and blank lines, which nobody sees).
    """
    text, removed = plain(text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n"), removed
