"""scripts/publish/html.py, the parser the publishing steps rewrite pages with:
script text survives a rewrite byte for byte (CSP hashes are taken from it), URLs
are found in attributes only, and a removed policy takes its line break along."""

from __future__ import annotations

from scripts.publish import html
from scripts.publish.csp import inline_scripts, set_policy
from tests import expect

PAGE = (
    '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
    '<script>if (a < b && c) { x("</p>"); }</script></head>'
    '<body><a href=recognize/>Знаки &amp; шаги</a><img src="logo.svg" alt="">'
    "<script>var s = ' href=\"not-a-link/\"';</script>"
    '<script type="application/json" id="quiz-data">{"a":"<\\/b> &amp;"}</script></body></html>'
)


def test_a_round_trip_keeps_every_scripts_text() -> None:
    assert inline_scripts(html.serialize(html.parse(PAGE))) == inline_scripts(PAGE)
    data = expect.present(html.parse(PAGE).css_first("#quiz-data"), "#quiz-data")
    assert html.script_text(data) == '{"a":"<\\/b> &amp;"}'


def test_urls_come_from_attributes_not_from_script_text() -> None:
    found = [(node.tag, name, value) for node, name, value in html.url_attributes(html.parse(PAGE))]
    assert found == [("a", "href", "recognize/"), ("img", "src", "logo.svg")]


def test_removing_a_policy_undoes_set_policy() -> None:
    with_policy = html.serialize(html.parse(set_policy(PAGE, "default-src 'self'")))
    tree = html.parse(with_policy)
    (meta,) = tree.css(html.CSP_META)
    html.remove(meta)
    assert html.serialize(tree) == html.serialize(html.parse(PAGE))


def test_element_makes_one_insertable_element() -> None:
    tree = html.parse(PAGE)
    expect.present(tree.css_first("#quiz-data"), "#quiz-data").insert_before(
        html.element('<script src="engine.js"></script>')
    )
    assert [n.attributes.get("src") for n in tree.css("script")][-2:] == ["engine.js", None]
