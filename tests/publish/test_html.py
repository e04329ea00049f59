"""scripts/publish/html.py, the parser the publishing steps rewrite pages with:
elements are found where a browser finds them (not in script text or comments,
whatever the quoting), a rewrite changes only the bytes it means to, script text
is read byte for byte (CSP hashes are taken from it), and a removed policy takes
its line break along."""

from __future__ import annotations

import pytest

from scripts.publish import html
from scripts.publish.csp import inline_scripts, policy_metas, set_policy
from tests import expect

PAGE = (
    '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
    '<script>if (a < b && c) { x("</p>"); }</script></head>'
    '<body><!-- <a href="in-a-comment/"> --><p>Один<p>Два '
    '<a href=recognize/ class="x md-select__link">Знаки &amp; шаги</a></p><IMG SRC="logo.svg" alt="">'
    '<svg viewBox="0 0 1 1"><path d="M0"/></svg>'
    "<script>var s = ' href=\"not-a-link/\"';</script>"
    '<script type="application/json" id="quiz-data">{"a":"<\\/b> &amp;"}</script></body></html>'
)


def test_a_page_without_edits_comes_back_byte_for_byte() -> None:
    assert html.Page(PAGE).edit().apply() == PAGE


def test_script_text_is_read_as_written() -> None:
    page = html.Page(PAGE)
    data = expect.present(page.first("script", id="quiz-data"), "#quiz-data")
    assert page.inner(data) == '{"a":"<\\/b> &amp;"}'
    assert inline_scripts(PAGE) == ['if (a < b && c) { x("</p>"); }', "var s = ' href=\"not-a-link/\"';"]


def test_urls_come_from_attributes_not_from_script_text_or_comments() -> None:
    found = [(element.tag, name, value) for element, name, value in html.Page(PAGE).url_attributes()]
    assert found == [("a", "href", "recognize/"), ("img", "src", "logo.svg")]


def test_elements_know_their_extent_as_a_browser_would() -> None:
    page = html.Page(PAGE)
    first, second = page.select("p")
    with pytest.raises(ValueError, match="no end tag"):
        page.inner(first)  # closed by the next <p>, as HTML allows: where it ends is not written
    assert page.text_of(second) == "Два Знаки & шаги"
    link = expect.present(page.first("a", class_="md-select__link"), "the link")
    assert page.markup(link.outer) == '<a href=recognize/ class="x md-select__link">Знаки &amp; шаги</a>'
    svg = expect.present(page.first("svg"), "<svg>")
    assert page.first("path", within=svg) is not None and page.first("svg", within=second) is None
    body = expect.present(page.first("body"), "<body>")
    assert page.inner(body, without=page.select("script", within=body)).endswith("</svg>")


def test_an_attribute_edit_rewrites_that_start_tag_only() -> None:
    page = html.Page(PAGE)
    link = expect.present(page.first("a"), "the link")
    out = page.edit().set_attribute(link, "href", '../a"b&c/').apply()
    assert out == PAGE.replace(
        '<a href=recognize/ class="x md-select__link">', '<a href="../a&quot;b&amp;c/" class="x md-select__link">'
    )
    assert html.Page(out).first("a").get("href") == '../a"b&c/'  # type: ignore[union-attr]  # just found above


def test_overlapping_edits_are_refused() -> None:
    page = html.Page(PAGE)
    body = expect.present(page.first("body"), "<body>")
    with pytest.raises(ValueError, match="overlapping"):
        page.edit().replace(body.inner, "").remove(expect.present(page.first("a"), "the link")).apply()


def test_a_policy_goes_after_the_charset_and_a_rerun_replaces_it() -> None:
    once = set_policy(PAGE, "default-src 'self'")
    assert '<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">' in once
    assert set_policy(once, "default-src 'none'") == set_policy(PAGE, "default-src 'none'")
    page = html.Page(once)
    (meta,) = policy_metas(page)
    assert page.edit().remove(meta, lead="\n").apply() == PAGE


def test_a_policy_in_any_letter_case_is_found() -> None:
    shouting = PAGE.replace("<head>", '<head><META HTTP-EQUIV="content-SECURITY-policy" CONTENT="x">')
    assert len(policy_metas(html.Page(shouting))) == 1
    assert len(policy_metas(html.Page(set_policy(shouting, "default-src 'self'")))) == 1
