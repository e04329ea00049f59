"""What the built guide tells a reader beside the article (issue 10): the editorial note
under #last-attempt, the "next" link after «Вот как следует заканчивать отношения.»,
the sign list's case and punctuation, and plan notes that promise only what their
link delivers. Checked on the built site, in every language."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests import expect
from tests.site import LANGS, SITE

# Each language's words for what these tests look for (a language added to the site
# needs its entries here).
NOTE_LABEL = {"ru": "Примечание редакции", "en": "Editor’s note", "uk": "Примітка редакції"}
# The words the quiz's `exhausted` question uses for "working together has become
# impossible": the note must say it the same way (issue 10 §1).
IMPOSSIBLE = {
    "ru": "продолжать работать с этим клиентом для вас уже невозможно",
    "en": "continuing to work with this client has become impossible for you",
    "uk": "працювати з цим клієнтом далі для вас уже неможливо",
}
POSSIBLE = {
    "ru": "продолжать работать с этим клиентом для вас ещё возможно",
    "en": "continuing to work with this client is still possible for you",
    "uk": "працювати з цим клієнтом далі для вас ще можливо",
}
ENDING = {
    "ru": "Вот как следует заканчивать отношения.",
    "en": "Here’s how to end the relationship.",
    "uk": "Ось як варто завершувати стосунки.",
}
NEXT = {"ru": "Дальше", "en": "Next", "uk": "Далі"}


def _article(site: Path, lang: str, slug: str) -> str:
    page = (site / SITE.file(lang, slug)).read_text(encoding="utf-8")
    return expect.search(r"<article.*?</article>", page, re.S).group(0)


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _section(article: str, anchor: str) -> str:
    """The text a link to #anchor lands on: a list item, or a heading's whole section."""
    if m := re.search(rf'<li id="{anchor}"[^>]*>(.*?)</li>', article, re.S):
        return _text(m.group(1))
    m = re.search(rf'<h2[^>]* id="{anchor}"[^>]*>.*?</h2>(.*?)(?=<h2|</article>)', article, re.S)
    assert m, f"#{anchor} is not a list item or a section heading"
    return _text(m.group(1))


def _sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?…])[”»]?\s+", text) if s.strip()])


@pytest.mark.parametrize("lang", LANGS)
def test_last_attempt_carries_a_marked_editorial_note_in_the_quizs_words(built_site, lang):
    article = _article(built_site, lang, "part-ways")
    section = expect.search(r'<h2[^>]* id="last-attempt".*?(?=<h2)', article, re.S).group(0)
    notes = re.findall(r'<div class="admonition note editorial-note" role="note">(.*?)</div>', section, re.S)
    assert len(notes) == 1, "exactly one editorial note in #last-attempt"
    label, body = re.findall(r"<p[^>]*>(.*?)</p>", notes[0], re.S)
    assert 'class="admonition-title"' in notes[0] and _text(label) == NOTE_LABEL[lang]
    assert IMPOSSIBLE[lang] in _text(body) and POSSIBLE[lang] in _text(body)
    # ...the same words as the question and the reasons the verdict shows (issue 10 §1).
    quiz = (built_site / SITE.file(lang, "quiz")).read_text(encoding="utf-8")
    definition = json.loads(expect.search(r'id="quiz-data">(.*?)</script>', quiz, re.S).group(1).replace("<\\/", "</"))
    question = next(q for q in definition["definition"]["questions"] if q["id"] == "exhausted")
    # (English asks it as a question: "Has continuing … become impossible for you?")
    words = {"en": ["continuing to work with this client", "impossible for you"]}.get(lang, [IMPOSSIBLE[lang]])
    assert all(w in question["text"].lower() for w in words), question["text"]
    reasons = definition["definition"]["reasons"]
    assert IMPOSSIBLE[lang] in reasons["exhausted"] and POSSIBLE[lang] in reasons["not-exhausted"], reasons
    # The note is the editors' words: not on any other page, and after the article's text.
    assert section.index("editorial-note") > section.index("<p>")
    assert "editorial-note" not in _article(built_site, lang, "recognize")


@pytest.mark.parametrize("lang", LANGS)
def test_the_paragraph_that_says_here_is_how_to_end_it_is_followed_by_the_parting_page(built_site, lang):
    article = _article(built_site, lang, "recognize")
    m = re.search(rf"{re.escape(ENDING[lang])}</p>\s*(<p[^>]*>.*?</p>)", article, re.S)
    assert m, "the paragraph must be followed directly by the next-page link"
    # Navigation, not content: out of the search index (its words are the next page's subject).
    link = re.fullmatch(
        r'<p class="pk-next" data-search-exclude><a href="([^"]+)" rel="next">([^<]+)</a></p>', m.group(1)
    )
    assert link, m.group(1)
    assert link.group(1) == "../part-ways/"
    assert (built_site / SITE.file(lang, "part-ways")).exists()
    assert link.group(2).startswith(NEXT[lang]), link.group(2)


@pytest.mark.parametrize("lang", LANGS)
def test_sign_list_continues_its_lead_in(built_site, lang):
    article = _article(built_site, lang, "recognize")
    items = [
        _text(li)
        for li in re.findall(r'<ol class="pk-signs">(.*?)</ol>', article, re.S)[0].split("</li>")
        if li.strip()
    ]
    assert len(items) == 8
    assert all(item[0].islower() for item in items), items
    assert all(item.endswith(";") for item in items[:-1]), items
    assert items[-1].endswith(".") or items[-1].endswith(".”"), items[-1]
    lead = _text(expect.search(r"<p>([^<]*)</p>\s*<ol class=\"pk-signs\">", article).group(1))
    assert lead.endswith(":")


# A note that promises an explanation ("read why …") must land on a section that has
# one: more than one sentence. A sign's anchor is a one-line list item.
PROMISE = {
    "ru": re.compile(r"прочитайте|узнайте|почему|чем это", re.I),
    "en": re.compile(r"\b(read|learn|find out)\b|\bwhy\b", re.I),
    "uk": re.compile(r"прочитайте|дізнайтеся|чому|чим це", re.I),
}
SEE_SIGN = {"ru": "См. этот признак", "en": "See this sign", "uk": "Див. цю ознаку"}


def test_the_promise_patterns_catch_the_old_wording():
    assert PROMISE["ru"].search(
        "Клиент требует, чтобы вы были доступны всегда. Прочитайте, почему это тревожный признак."
    )
    assert PROMISE["en"].search("The client expects you to be available at all times. Read why that is a warning sign.")


@pytest.mark.parametrize("lang", LANGS)
def test_every_plan_note_promises_only_what_its_link_delivers(built_site, lang):
    quiz = (built_site / SITE.file(lang, "quiz")).read_text(encoding="utf-8")
    data = json.loads(
        expect.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', quiz, re.S)
        .group(1)
        .replace("<\\/", "</")
    )
    definition = data["definition"]
    notes = [(sid, text) for sid, text in definition["notes"].items()]
    notes += [(sid, text) for v in definition["verdicts"].values() for sid, text in (v.get("notes") or {}).items()]
    assert len(notes) > 10
    for sid, note in notes:
        page = definition["sections"][sid]["page"]
        target = _section(_article(built_site, lang, page), sid)
        assert target, f"#{sid} on {page} is empty"
        if PROMISE[lang].search(note):
            assert _sentences(target) > 1, f"note for #{sid} promises an explanation: {note!r}; target: {target!r}"
        if SEE_SIGN[lang] in note:
            assert sid.startswith("sign-") and _sentences(target) == 1, (sid, note)
