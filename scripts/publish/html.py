"""Read and rewrite built HTML pages through a real HTML parser.

The publishing steps change pages after MkDocs (and its minifier) wrote them: links
for file://, scripts added, policies replaced. They do that on the parsed document
(selectolax, on the Lexbor HTML5 engine: the tree a browser builds, whatever the
minifier did to quotes and spacing), never with regular expressions over the text,
and write the page back with ``serialize``. Serializing keeps every script's text
byte for byte (script content is raw text), but not the page's other bytes (the
doctype's case, spacing between tags): so a Content-Security-Policy's script hashes
are computed from the written page, after the last rewrite (scripts/publish/csp.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: The attributes holding a URL the bundle and the embed pages rewrite.
URL_ATTRIBUTES = ("href", "src")

#: A policy <meta>, matched the way browsers read http-equiv (ASCII case-insensitive).
CSP_META = 'meta[http-equiv="content-security-policy" i]'


def parse(text: str) -> LexborHTMLParser:
    """The page's document tree."""
    return LexborHTMLParser(text)


def serialize(tree: LexborHTMLParser) -> str:
    """The page's text, from its (rewritten) tree."""
    return tree.html or ""


def element(markup: str) -> LexborNode:
    """One element made from its markup (e.g. ``'<script src="x.js"></script>'``),
    to insert into a page with ``insert_before``/``insert_after``/``replace_with``."""
    tree = LexborHTMLParser(f"<!doctype html><html><head></head><body>{markup}</body></html>")
    body = tree.body
    node = body.child if body is not None else None
    while node is not None and not node.is_element_node:
        node = node.next
    if node is None:
        raise ValueError(f"no element in {markup!r}")
    return node


def remove(node: LexborNode) -> None:
    """Take an element out of its page, with the line break csp.set_policy put before it
    (so a page rewritten twice comes out as if rewritten once)."""
    before = node.prev
    if before is not None and before.is_text_node and before.text_content == "\n":
        before.decompose()
    node.decompose()


def url_attributes(tree: LexborHTMLParser) -> Iterator[tuple[LexborNode, str, str]]:
    """(element, attribute name, value) of every href/src in the page, in page order."""
    selector = ", ".join(f"[{name}]" for name in URL_ATTRIBUTES)
    for node in tree.css(selector):
        for name in URL_ATTRIBUTES:
            value = node.attributes.get(name)
            if value is not None:
                yield node, name, value


def script_text(node: LexborNode) -> str:
    """A <script>'s raw text, as the browser runs (or reads) it."""
    return node.text(deep=True)
