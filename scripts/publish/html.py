"""Read and rewrite built HTML pages through a real HTML parser, byte for byte.

The publishing steps change pages after MkDocs (and its minifier) wrote them: a
policy placed, links made relative, scripts added, blocks copied into the embed
view. They find what they change with the standard library's HTML parser
(``html.parser``: script and style content is raw text, comments are skipped,
attributes are read whatever the minifier did to quotes and spacing), never with
regular expressions over the text. Each element comes back with where its tags
stand in the text, and ``Edits`` splices new text in at those places, so every
byte a step does not mean to change stays as MkDocs wrote it: page weights stay
put, and a page rewritten twice comes out as if rewritten once.

A Content-Security-Policy's script hashes are computed from the written page
after the last rewrite (scripts/publish/csp.py), so no edit can stale them.
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: The attributes holding a URL the bundle and the embed pages rewrite.
URL_ATTRIBUTES = ("href", "src")

# Elements that never have an end tag (HTML's void elements).
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)

#: A wanted attribute value: the exact text, a test of the text, or True (present).
Want = str | bool | Callable[[str], bool]


@dataclass(frozen=True)
class Element:
    """One element of a page: its name, attributes (values unescaped, names in
    lower case, as the parser gives them) and where its tags stand in the text."""

    tag: str
    attrs: dict[str, str | None]
    start: tuple[int, int]  # the start tag: [start[0], start[1]) of the page's text
    # The end tag; None for a void element, and for one whose end tag is not written
    # (closed by its parent's, as a <p> or <li> may be): its extent is then unknown.
    end: tuple[int, int] | None = None
    depth: int = 0

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def inner(self) -> tuple[int, int]:
        """Where its content stands (between the tags); empty for a void element."""
        return (self.start[1], self._end()[0])

    @property
    def outer(self) -> tuple[int, int]:
        """Where the whole element stands, tags included."""
        return (self.start[0], self._end()[1])

    def _end(self) -> tuple[int, int]:
        if self.end is not None:
            return self.end
        if self.tag in _VOID:
            return (self.start[1], self.start[1])
        raise ValueError(f"<{self.tag}> at offset {self.start[0]} has no end tag written, so no known extent")

    def contains(self, other: Element) -> bool:
        return self.start[0] < other.start[0] and other.start[1] <= self.outer[1]


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str | None]
    start: tuple[int, int]
    depth: int
    index: int


class _Locator(HTMLParser):
    """Records every element with the offsets of its start and end tags."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        # getpos() gives (line, column), counting lines by "\n" only (so does this).
        self._lines = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self._text = text
        self.elements: list[Element | None] = []
        self._stack: list[_Open] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        at = self._offset()
        raw = self.get_starttag_text() or ""
        span = (at, at + len(raw))
        found = _Open(tag, dict(attrs), span, len(self._stack), len(self.elements))
        self.elements.append(None)  # filled in when it closes: document order by start tag
        if closed or tag in _VOID:
            self._finish(found, None)
        else:
            self._stack.append(found)

    def _finish(self, open_: _Open, end: tuple[int, int] | None) -> None:
        self.elements[open_.index] = Element(open_.tag, open_.attrs, open_.start, end, open_.depth)

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        # An end tag closes the nearest open element of its name and, as in a browser,
        # any left open inside it (e.g. a <p> without its </p>); a stray one is ignored.
        names = [o.tag for o in self._stack]
        if tag not in names:
            return
        at = self._offset()
        end = (at, self._text.index(">", at) + 1)
        while self._stack:
            open_ = self._stack.pop()
            if open_.tag == tag:
                self._finish(open_, end)
                break
            self._finish(open_, None)

    def close(self) -> None:
        super().close()
        while self._stack:
            self._finish(self._stack.pop(), None)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


class Page:
    """A page's text and its elements, in document order."""

    def __init__(self, text: str) -> None:
        self.text = text
        locator = _Locator(text)
        locator.feed(text)
        locator.close()
        self.elements: list[Element] = [e for e in locator.elements if e is not None]
        self._starts = [e.start[0] for e in self.elements]

    def select(self, tag: str | None = None, *, within: Element | None = None, **attrs: Want) -> list[Element]:
        """The elements named `tag` (any, if None) whose attributes match `attrs`
        (``class_`` matches one class among several), inside `within` if given."""
        found = []
        candidates = self.elements if within is None else self._inside(within)
        for element in candidates:
            if tag is not None and element.tag != tag:
                continue
            if all(_matches(element, name, want) for name, want in attrs.items()):
                found.append(element)
        return found

    def first(self, tag: str | None = None, *, within: Element | None = None, **attrs: Want) -> Element | None:
        found = self.select(tag, within=within, **attrs)
        return found[0] if found else None

    def _inside(self, outer: Element) -> list[Element]:
        lo = bisect.bisect_right(self._starts, outer.start[0])
        hi = bisect.bisect_left(self._starts, outer.outer[1])
        return self.elements[lo:hi]

    def markup(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def inner(self, element: Element, *, without: Iterable[Element] = ()) -> str:
        """Its content as written (for a <script> or <style>, the raw text the browser
        runs or reads, and a policy hashes), less the elements `without`."""
        start, end = element.inner
        parts, at = [], start
        for cut in sorted((e for e in without if element.contains(e)), key=lambda e: e.start[0]):
            if cut.start[0] >= at:
                parts.append(self.text[at : cut.start[0]])
                at = cut.outer[1]
        parts.append(self.text[at:end])
        return "".join(parts)

    def text_of(self, element: Element) -> str:
        """Its text without tags, character references resolved."""
        parser = _Text()
        parser.feed(self.inner(element))
        parser.close()
        return "".join(parser.parts)

    def url_attributes(self) -> Iterator[tuple[Element, str, str]]:
        """(element, attribute name, value) of every href/src in the page, in page order."""
        for element in self.elements:
            for name in URL_ATTRIBUTES:
                value = element.attrs.get(name)
                if value is not None:
                    yield element, name, value

    def edit(self) -> Edits:
        return Edits(self)


def _matches(element: Element, name: str, want: Want) -> bool:
    key = name.replace("_", "-")
    if key == "class-":  # class_: any one of its classes
        values = element.classes
    elif key in element.attrs:
        values = [element.attrs[key] or ""]
    else:
        values = []
    if isinstance(want, bool):
        return bool(values) == want
    return any(want(v) if callable(want) else v == want for v in values)


@dataclass
class Edits:
    """Changes to one page, applied together: each replaces one stretch of the
    original text (an insertion replaces an empty one). Stretches may not overlap."""

    page: Page
    _changes: list[tuple[int, int, str]] = field(default_factory=list)
    _attributes: dict[int, tuple[Element, dict[str, str | None]]] = field(default_factory=dict)

    def replace(self, span: tuple[int, int], text: str) -> Edits:
        self._changes.append((span[0], span[1], text))
        return self

    def insert(self, at: int, text: str) -> Edits:
        return self.replace((at, at), text)

    def remove(self, element: Element, *, lead: str = "") -> Edits:
        """Take the element out, with the characters among `lead` right before it
        (e.g. the line break a step put there along with it)."""
        start, end = element.outer
        while start > 0 and lead and self.page.text[start - 1] in lead:
            start -= 1
        return self.replace((start, end), "")

    def set_attribute(self, element: Element, name: str, value: str) -> Edits:
        """Give the element's attribute `name` this value; its start tag is written
        anew (values double-quoted), its other attributes as they were, in their order."""
        _, attrs = self._attributes.setdefault(element.start[0], (element, dict(element.attrs)))
        attrs[name] = value
        return self

    def apply(self) -> str:
        text = self.page.text
        tags = [(e.start[0], e.start[1], start_tag(e.tag, attrs)) for e, attrs in self._attributes.values()]
        changes = sorted([*self._changes, *tags], key=lambda c: (c[0], c[1]))
        for before, after in itertools.pairwise(changes):
            if after[0] < before[1]:
                raise ValueError(f"overlapping edits at {before[:2]} and {after[:2]}")
        out, at = [], 0
        for start, end, new in changes:
            out += [text[at:start], new]
            at = end
        out.append(text[at:])
        return "".join(out)


def start_tag(tag: str, attrs: dict[str, str | None]) -> str:
    """``<tag a="v" b>``: values quoted, & and " escaped, a None value as a bare name."""
    parts = [tag]
    for name, value in attrs.items():
        parts.append(name if value is None else f'{name}="{attribute(value)}"')
    return "<" + " ".join(parts) + ">"


def attribute(value: str) -> str:
    """A value for a double-quoted attribute: & " < > escaped; single quotes (a
    policy's 'self') stay readable."""
    return html.escape(value, quote=False).replace('"', "&quot;")
