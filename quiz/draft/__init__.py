"""The parting-message drafter: a letter assembled from phrase blocks, and what the reader takes away.

After a ``part-ways`` or ``last-attempt`` result the page offers a draft message in
its own language, built from the blocks in ``quiz/phrases.toml`` (Russian source;
the build puts in the English of ``content/translations/en/draft.po`` and hands
the page the result as JSON).  Every block is written without «вы» / "you" (the
guide's section ``avoid-you``); the reader's edits are checked live with
:mod:`quiz.you_check`.

Pure standard library, no I/O, no browser imports: the page's worker calls
:func:`draft`, :func:`take_away` and :func:`markdown_result` with plain data.

The package follows the drafter's seams:

- :mod:`.phrases`  the words as data: read, check and translate ``phrases.toml``;
- :mod:`.text`     the reader's text made plain (hidden and control characters out);
- :mod:`.message`  the message assembled from blocks, fields, choices and optional blocks;
- :mod:`.report`   what the reader takes away: the letter and the "my result" Markdown.
"""

from __future__ import annotations

from .message import assemble, blocks, draft, form
from .phrases import (
    KINDS,
    RULES,
    SECTIONS,
    TEXTS,
    DraftError,
    field_names,
    list_fields,
    parse_phrases,
    validate,
    you_forms,
)
from .report import escape_markdown, markdown_result, take_away
from .text import clean_items, clean_letter, clean_line
from .translate import comments, localize, strings

__all__ = [
    "KINDS",
    "RULES",
    "SECTIONS",
    "TEXTS",
    "DraftError",
    "assemble",
    "blocks",
    "clean_items",
    "clean_letter",
    "clean_line",
    "comments",
    "draft",
    "escape_markdown",
    "field_names",
    "form",
    "list_fields",
    "localize",
    "markdown_result",
    "parse_phrases",
    "strings",
    "take_away",
    "validate",
    "you_forms",
]
