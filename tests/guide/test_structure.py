"""The structure map: every article block placed once, contract ids, the eight signs."""

from __future__ import annotations

import copy
import re

import pytest

from scripts.errors import BuildError
from scripts.guide.article import read_article
from scripts.guide.corrections import corrected
from scripts.guide.structure import load_map, place
from scripts.paths import ROOT

from .contract_ids import CONTRACT_IDS

MAP_PATH = ROOT / "content" / "structure.yml"
# The map places the corrected article (content/corrections.txt), as the build does.
ARTICLE = corrected(read_article(ROOT / "content" / "article.ru.txt"), ROOT / "content" / "corrections.txt")
MAP = load_map(MAP_PATH)


def _place(mapping):
    return place(ARTICLE, mapping, MAP_PATH)


def _blocks(mapping, page):
    return next(p for p in mapping["pages"] if p["page"] == page)["blocks"]


def test_every_contract_id_is_on_its_page_in_order():
    guide = _place(MAP)
    for slug, ids in CONTRACT_IDS.items():
        assert list(guide.page(slug).anchors) == ids


def test_the_signs_paragraph_becomes_eight_items_in_the_articles_order():
    items = [s for s in _place(MAP).page("recognize").body if s.role == "list-item"]
    assert [s.anchor for s in items] == CONTRACT_IDS["recognize"][2:10]
    # Lower case: the items continue the lead-in «Токсичные клиенты:».
    assert items[0].text.startswith("постоянно неуважительно относятся к вашему расписанию")
    assert items[1].text.startswith("продолжают добавлять условия")  # "Они " trimmed
    assert items[4].text == "агрессивны или оскорбительны в своем общении"
    assert items[6].text == "чересчур придирчивы, и для них нет ничего, что было бы «достаточно хорошо»"
    assert items[7].text.endswith("или как делать вещи «правильно»")
    assert all(not s.text.endswith((",", ".", " и")) for s in items)


def test_every_article_block_is_placed_exactly_once():
    guide = _place(MAP)
    lines = sorted(s.line for s in guide.segments if s.line and s.line > 1 and s.role != "list-item")
    lines.append(7)  # the signs paragraph, split into items
    assert sorted(lines) == [b.line for b in ARTICLE.blocks]


def test_an_unplaced_paragraph_fails():
    mapping = copy.deepcopy(MAP)
    blocks = _blocks(mapping, "part-ways")
    blocks[:] = [b for b in blocks if b["id"] != "part-ways.empty-cup.1"]
    with pytest.raises(BuildError, match=r"article line 24 .* is not placed on any page") as info:
        _place(mapping)
    assert "structure.yml" in str(info.value)


def test_a_paragraph_placed_twice_fails():
    mapping = copy.deepcopy(MAP)
    _blocks(mapping, "home").append({"id": "home.again", "match": "Трудные клиенты - это"})
    with pytest.raises(BuildError, match=re.escape("already placed by 'home.intro-2'")):
        _place(mapping)


def test_a_match_the_article_does_not_contain_fails():
    mapping = copy.deepcopy(MAP)
    _blocks(mapping, "home")[1]["match"] = "Этого текста в статье нет"
    with pytest.raises(BuildError, match="the article has no heading or paragraph starting with «Этого текста"):
        _place(mapping)


def test_a_sign_the_paragraph_does_not_contain_fails():
    mapping = copy.deepcopy(MAP)
    signs = next(b for b in _blocks(mapping, "recognize") if "signs" in b)["signs"]
    signs[3]["match"] = "требуют скидку"
    with pytest.raises(BuildError, match="does not contain «требуют скидку»"):
        _place(mapping)


def test_duplicate_segment_ids_fail():
    mapping = copy.deepcopy(MAP)
    _blocks(mapping, "quiz")[1]["id"] = "quiz.intro"
    with pytest.raises(BuildError, match=re.escape("segment id 'quiz.intro' is used twice")):
        _place(mapping)


def test_a_broken_map_file_names_the_file(tmp_path):
    bad = tmp_path / "structure.yml"
    bad.write_text("pages: [unclosed", encoding="utf-8")
    with pytest.raises(BuildError, match="not a valid YAML file") as info:
        load_map(bad)
    assert str(bad) in str(info.value)
    bad.write_text("just: text", encoding="utf-8")
    with pytest.raises(BuildError, match="expected a mapping with a 'pages' list"):
        load_map(bad)
