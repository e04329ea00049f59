"""Place the article's text on the guide's pages, as the structure map says.

The map (content/structure.yml) is data: which article block goes to which page,
under which contract id, plus the few editorial headings the article lacks. This
module checks the map against the article — every article block placed exactly
once, every match found — and returns the guide as pages of Russian segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from ..errors import BuildError, BuildErrors
from .article import Article, Block

Role = Literal[
    "title",
    "description",
    "lead",
    "paragraph",
    "heading",
    "list-lead",
    "list-item",
    "link",
    "note-label",
    "editorial-note",
    "next",
]

# Page slugs and their URL paths (contract: same slugs in both languages).
PAGES = ("home", "recognize", "part-ways", "quiz")
SIGN_TAIL = " ,.;"


@dataclass(frozen=True)
class Segment:
    """One translatable piece of a page: its id is the catalogue's msgctxt."""

    id: str
    role: Role
    text: str
    anchor: str | None = None
    level: int | None = None
    link: str | None = None  # target page slug, for roles "link" and "next"
    line: int | None = None  # article line, None for editorial text

    def __repr__(self) -> str:
        return f"Segment({self.id!r}, {self.role})"


@dataclass(frozen=True)
class Page:
    slug: str
    title: Segment
    description: Segment
    body: tuple[Segment, ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        return (self.title, self.description, *self.body)

    @property
    def anchors(self) -> tuple[str, ...]:
        return tuple(s.anchor for s in self.body if s.anchor)


@dataclass(frozen=True)
class Guide:
    pages: tuple[Page, ...]
    rubrics: tuple[str, ...]
    tags: tuple[str, ...]

    def page(self, slug: str) -> Page:
        return next(p for p in self.pages if p.slug == slug)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(s for p in self.pages for s in p.segments)


def load_map(path: Path) -> dict[str, Any]:
    """Read the structure map; a YAML or shape error names the file and the fix."""
    if not path.exists():
        raise BuildError(path, "the structure map is missing", "restore content/structure.yml from git")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise BuildError(path, f"not a valid YAML file: {e}", "fix the syntax at the position shown") from None
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise BuildError(path, "expected a mapping with a 'pages' list", "see the comment at the top of the file")
    return data


def place(article: Article, mapping: dict[str, Any], map_path: Path) -> Guide:
    """Resolve the map against the article and check that every block is placed once."""
    placer = _Placer(article, map_path)
    pages = tuple(placer.page(p, i) for i, p in enumerate(mapping["pages"]))
    placer.check_complete()
    seen_slugs = [p.slug for p in pages]
    if sorted(seen_slugs) != sorted(PAGES):
        placer.fail(
            f"pages {seen_slugs} do not match the guide's pages {list(PAGES)}",
            "list each of home, recognize, part-ways, quiz exactly once",
        )
    placer.raise_if_failed()
    return Guide(pages=pages, rubrics=article.rubrics, tags=article.tags)


class _Placer:
    """Walks the map, collecting every problem before raising them together."""

    def __init__(self, article: Article, map_path: Path) -> None:
        self.article = article
        self.map_path = map_path
        self.used: dict[int, str] = {}  # block index -> segment id that placed it
        self.ids: set[str] = set()
        self.anchors: set[tuple[str, str]] = set()
        self.errors: list[BuildError] = []

    def fail(self, message: str, fix: str) -> None:
        self.errors.append(BuildError(self.map_path, message, fix))

    def raise_if_failed(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise BuildErrors(self.errors)

    def page(self, spec: Any, index: int) -> Page:
        if not isinstance(spec, dict) or spec.get("page") not in PAGES:
            self.fail(f"pages[{index}]: 'page' must be one of {', '.join(PAGES)}", "fix the page name")
            self.raise_if_failed()
        slug = spec["page"]
        self.page_slug = slug
        title = self.segment(spec.get("title"), f"{slug}.title", "title")
        description = self.segment(spec.get("description"), f"{slug}.description", "description")
        body: list[Segment] = []
        for i, block in enumerate(spec.get("blocks") or []):
            body.extend(self.block(block, f"{slug}.blocks[{i}]"))
        return Page(slug, title, description, tuple(body))

    def block(self, spec: Any, where: str) -> list[Segment]:
        if not isinstance(spec, dict) or "id" not in spec:
            self.fail(f"{where}: each block needs an 'id'", "add a stable segment id like 'page.section.1'")
            return []
        if "links" in spec:
            return [self.segment({**link, "role": "link"}, f"{where}.links", "link") for link in spec["links"]]
        if "signs" in spec:
            return self.signs(spec, where)
        role: Role = "heading" if spec.get("heading") else spec.get("role", "paragraph")
        if role == "editorial-note":
            # Marked on the page as the editors' words, not the article's: the label
            # ("Editorial note") is a segment of its own, translated like any other.
            if not spec.get("label") or "match" in spec:
                self.fail(
                    f"{where}: an editorial note needs a 'label' and its own 'text' (never article text)",
                    'add label: {id: ..., text: "Примечание редакции"} and text: "..."',
                )
                return []
            return [self.segment(spec["label"], f"{where}.label", "note-label"), self.segment(spec, where, role)]
        return [self.segment(spec, where, role)]

    def segment(self, spec: Any, where: str, role: Role) -> Segment:
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            self.fail(
                f"{where}: missing or invalid segment (needs 'id' and one of match/from/text)",
                "add the block with an 'id'",
            )
            return Segment(where, role, "")
        seg_id = spec["id"]
        if seg_id in self.ids:
            self.fail(f"segment id '{seg_id}' is used twice", "give each block its own id")
        self.ids.add(seg_id)
        anchor = spec.get("anchor")
        if anchor:
            if (self.page_slug, anchor) in self.anchors:
                self.fail(
                    f"anchor '{anchor}' is used twice on page '{self.page_slug}'", "anchors must be unique per page"
                )
            self.anchors.add((self.page_slug, anchor))
        text, line = self.resolve_text(spec, seg_id)
        linked = role in ("link", "next")
        if linked and spec.get("page") not in PAGES:
            self.fail(
                f"segment '{seg_id}': link to unknown page {spec.get('page')!r}", f"use one of {', '.join(PAGES)}"
            )
        return Segment(
            seg_id,
            role,
            text,
            anchor=anchor,
            level=spec.get("heading"),
            link=spec.get("page") if linked else None,
            line=line,
        )

    def resolve_text(self, spec: dict[str, Any], seg_id: str) -> tuple[str, int | None]:
        sources = [k for k in ("match", "from", "text") if k in spec]
        if len(sources) != 1:
            self.fail(
                f"segment '{seg_id}': give exactly one of match, from, text (found {sources or 'none'})",
                "say where the text comes from",
            )
            return "", None
        if "text" in spec:
            return _normalise(str(spec["text"])), None
        if "from" in spec:
            if spec["from"] not in ("title", "subtitle"):
                self.fail(f"segment '{seg_id}': 'from' must be title or subtitle", "fix the value")
                return "", None
            return getattr(self.article, spec["from"]), 1
        index = self.find(spec["match"], seg_id)
        if index is None:
            return "", None
        block = self.article.blocks[index]
        return block.text, block.line

    def find(self, match: str, seg_id: str) -> int | None:
        match = _normalise(str(match))
        hits = [i for i, b in enumerate(self.article.blocks) if b.text.startswith(match)]
        if not hits:
            self.fail(
                f"segment '{seg_id}': the article has no heading or paragraph starting with «{match}»",
                "copy the start of the block from content/article.ru.txt as corrected by "
                "content/corrections.txt, or fix the article",
            )
            return None
        if len(hits) > 1:
            self.fail(
                f"segment '{seg_id}': «{match}» starts {len(hits)} blocks (lines "
                f"{', '.join(str(self.article.blocks[i].line) for i in hits)})",
                "make the match longer",
            )
            return None
        index = hits[0]
        if index in self.used:
            self.fail(
                f"segment '{seg_id}': article line {self.article.blocks[index].line} is already placed "
                f"by '{self.used[index]}'",
                "place each article block once",
            )
        self.used[index] = seg_id
        return index

    def signs(self, spec: dict[str, Any], where: str) -> list[Segment]:
        """Split the warning-signs paragraph into its items, in the article's order."""
        index = self.find(spec.get("match", ""), spec["id"])
        lead = self.segment(spec.get("lead"), f"{where}.lead", "list-lead")
        if index is None:
            return [lead]
        block: Block = self.article.blocks[index]
        items = spec.get("signs") or []
        starts = []
        for item in items:
            pos = block.text.find(_normalise(str(item.get("match", ""))))
            if pos < 0 or not item.get("match"):
                self.fail(
                    f"segment '{item.get('id')}': the paragraph at line {block.line} does not contain "
                    f"«{item.get('match')}»",
                    "copy the start of the sign from the article",
                )
                return [lead]
            starts.append(pos)
        if starts != sorted(starts):
            self.fail(f"{where}: the signs are not in the article's order", "list them as the article does")
            return [lead]
        segments = [lead]
        for n, item in enumerate(items):
            end = starts[n + 1] if n + 1 < len(items) else len(block.text)
            text = block.text[starts[n] : end].strip()
            trim = item.get("trim")
            if trim and text.startswith(trim):
                text = text[len(trim) :]
            text = text.rstrip(SIGN_TAIL)
            text = re.sub(r",? и$", "", text)  # "…придирчивы, и" keeps the list grammatical
            segments.append(self._sign_segment(item, text, block.line, where, n))
        return segments

    def _sign_segment(self, item: dict[str, Any], text: str, line: int, where: str, n: int) -> Segment:
        seg_id = item.get("id")
        if not isinstance(seg_id, str) or not item.get("anchor"):
            self.fail(f"{where}.signs[{n}]: each sign needs an 'id' and an 'anchor'", "add the contract id as anchor")
            return Segment(f"{where}.signs[{n}]", "list-item", text)
        if seg_id in self.ids:
            self.fail(f"segment id '{seg_id}' is used twice", "give each block its own id")
        self.ids.add(seg_id)
        self.anchors.add((self.page_slug, item["anchor"]))
        # The items continue the lead-in sentence («Токсичные клиенты:»), so they keep
        # the article's lower case; the page adds «;» after each and «.» after the last.
        return Segment(seg_id, "list-item", text, anchor=item["anchor"], line=line)

    def check_complete(self) -> None:
        for i, block in enumerate(self.article.blocks):
            if i not in self.used:
                self.fail(
                    f"article line {block.line} ({block.kind} «{block.text[:50]}…») is not placed on any page",
                    "add a block with a 'match' for it to content/structure.yml",
                )


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
