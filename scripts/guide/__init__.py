"""The guide from the article: read the scraped article, correct its reviewed slips
(content/corrections.txt), place its blocks on pages (content/structure.yml), render
each page's Markdown."""

from __future__ import annotations

from ..paths import Paths
from .article import read_article
from .corrections import corrected
from .structure import Guide, load_map, place


def read_guide(paths: Paths) -> Guide:
    """The article as received, corrected and placed: what the build and `make catalog` use."""
    article = corrected(read_article(paths.article), paths.corrections)
    return place(article, load_map(paths.structure), paths.structure)
