"""The parting-message drafter (quiz/draft.py, quiz/phrases.toml, content/translations/en/draft.po).

Regenerate the Pyodide replay vectors after a deliberate change:
``.venv/bin/python tests/quiz/test_draft.py --write-vectors``
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import markdown
import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # for --write-vectors run as a script
    sys.path.insert(0, str(ROOT))

from quiz import QuizError  # noqa: E402
from quiz.draft import (  # noqa: E402
    FIELDS, KINDS, DraftError, assemble, blocks, draft, clean_items, clean_line, comments, escape_markdown,
    localize, markdown_result, parse_phrases, parse_po, phrases_for, strings, validate,
)
from quiz.you_check import check  # noqa: E402

PHRASES_PATH = ROOT / "quiz" / "phrases.toml"
PO_PATH = ROOT / "content" / "translations" / "en" / "draft.po"
VECTORS_PATH = Path(__file__).with_name("draft_vectors.json")

TOML_TEXT = PHRASES_PATH.read_text(encoding="utf-8")
PO_TEXT = PO_PATH.read_text(encoding="utf-8")
RU = phrases_for(TOML_TEXT)
EN = phrases_for(TOML_TEXT, PO_TEXT, "en")
BY_LANG = {"ru": RU, "en": EN}

# Contract: section ids on /part-ways/.
PART_WAYS_SECTIONS = {"professional", "last-attempt", "avoid-you", "leave-window-open",
                      "refer-elsewhere", "positive-ending", "in-writing", "empty-cup"}

FILLED = {
    "client_name": "Анна Сергеевна",
    "project": "Сайт «Ромашка»",
    "sender_name": "Иван Петров",
    "referrals": "Студия «Лис» — lis.example\n\n- https://blog.example/howto\n",
    "extra_requests": ["мобильная версия", "  перевод на английский  ", "", "• ещё три баннера"],
}
FILLED_EN = {
    "client_name": "Anna",
    "project": "Acme website",
    "sender_name": "Jo Smith",
    "referrals": ["Fox Studio, fox.example", "https://blog.example/howto"],
    "extra_requests": "mobile version\n* Spanish translation\n3) three more banners",
}


def all_texts(phrases):
    for kind in phrases["kinds"].values():
        yield kind["label"]
    for block in phrases["blocks"].values():
        yield block["label"]
        yield from block["variants"]
        yield from block.get("fallback", [])


# ------------------------------------------------------------------ phrases


def test_phrases_parse_and_validate():
    assert RU["lang"] == "ru" and EN["lang"] == "en"
    assert set(RU["kinds"]) == set(KINDS)
    validate(RU)
    validate(EN)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_text_contains_a_form_of_you(lang):
    for text in all_texts(BY_LANG[lang]):
        assert check(text, None)["count"] == 0, text


def test_russian_texts_avoid_gendered_slashes():
    for text in all_texts(RU):
        assert "(а)" not in text and "(ла)" not in text, text


def test_blocks_point_to_part_ways_sections():
    for block in RU["blocks"].values():
        assert block["section"] in PART_WAYS_SECTIONS


def test_each_kind_has_the_blocks_of_the_issue():
    assert RU["kinds"]["part-ways"]["blocks"] == [
        "greeting", "decision", "door-open", "referral", "closing", "signoff"]
    assert RU["kinds"]["last-attempt"]["blocks"] == [
        "greeting", "scope", "extras", "estimate", "attempt-closing", "signoff"]
    # several blocks offer alternatives
    assert sum(len(b["variants"]) > 1 for b in RU["blocks"].values()) >= 5


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_slots_never_touch_a_letter_or_digit(lang):
    """So that reader text can never join template text into a new word (such as «вы»)."""
    for text in all_texts(BY_LANG[lang]):
        for m in re.finditer(r"\{[a-z_]+\}", text):
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            assert not before.isalnum() and not after.isalnum(), text


def test_the_door_open_line_quotes_the_article():
    assert RU["blocks"]["door-open"]["variants"][0] == "Возможно, позднее мы сможем снова работать вместе."


@pytest.mark.parametrize("mutate,message", [
    (lambda p: p.pop("lang"), "lang"),
    (lambda p: p["kinds"].pop("last-attempt"), "last-attempt"),
    (lambda p: p["kinds"]["part-ways"]["blocks"].append("nope"), "nope"),
    (lambda p: p["blocks"]["greeting"]["variants"].append("Привет, {name}!"), "{name}"),
    (lambda p: p["blocks"]["greeting"]["variants"].append("Привет, {project!"), "stray brace"),
    (lambda p: p["blocks"]["greeting"].update(section="nowhere"), "nowhere"),
    (lambda p: p["blocks"]["greeting"].update(variants=[]), "variant"),
    (lambda p: p["blocks"]["greeting"].update(colour="red"), "colour"),
])
def test_broken_phrases_are_explained(mutate, message):
    broken = tomllib.loads(TOML_TEXT)
    mutate(broken)
    with pytest.raises(DraftError, match=re.escape(message)):
        validate(broken)


def test_draft_error_is_a_value_error():
    assert issubclass(DraftError, QuizError) and issubclass(DraftError, ValueError)


def test_parse_phrases_reports_bad_toml():
    with pytest.raises(DraftError, match="TOML"):
        parse_phrases("lang = ")


# ------------------------------------------------------------------ translations (PO)


def test_strings_use_the_documented_msgctxt_scheme():
    items = strings(RU)
    ctxts = [c for c, _ in items]
    assert len(ctxts) == len(set(ctxts))
    assert ("draft.kind.part-ways", "Письмо о расставании") in items
    assert ("draft.greeting.label", "Приветствие") in items
    assert ("draft.greeting.0", "Здравствуйте, {client_name}!") in items
    assert ("draft.greeting.fallback.0", "Здравствуйте!") in items
    for ctxt in ctxts:
        assert re.fullmatch(r"draft\.(kind\.[a-z-]+|[a-z-]+\.(label|\d+|fallback\.\d+))", ctxt), ctxt
    assert set(comments(RU)) == set(ctxts)


def test_po_is_complete_and_current():
    po = polib.pofile(str(PO_PATH), encoding="utf-8")
    entries = {e.msgctxt: e for e in po if not e.obsolete}
    wanted = dict(strings(RU))
    assert set(entries) == set(wanted), set(entries) ^ set(wanted)
    for ctxt, msgid in wanted.items():
        entry = entries[ctxt]
        assert entry.msgid == msgid, f"{ctxt}: stale, the Russian text changed"
        assert not entry.fuzzy, f"{ctxt}: fuzzy"
        assert entry.msgstr.strip(), f"{ctxt}: untranslated"
        assert sorted(re.findall(r"\{\w+\}", entry.msgstr)) == sorted(re.findall(r"\{\w+\}", msgid)), ctxt


def test_po_has_no_cyrillic_in_english():
    for text in all_texts(EN):
        assert not re.search("[а-яё]", text, re.I), text


def test_parse_po_agrees_with_polib():
    po = polib.pofile(PO_TEXT)
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in po
                if e.msgstr and not e.fuzzy and not e.obsolete and e.msgid}
    assert parse_po(PO_TEXT) == expected


def test_parse_po_skips_fuzzy_obsolete_and_empty_and_reads_continuations():
    text = '''msgid ""
msgstr ""
"Language: en\\n"

#, fuzzy
msgctxt "a"
msgid "А"
msgstr "A"

msgctxt "b"
msgid ""
"Б\\n"
"в \\"кавычках\\""
msgstr "B\\n"
"in \\"quotes\\""
msgctxt "c"
msgid "В"
msgstr ""

#~ msgctxt "d"
#~ msgid "Г"
#~ msgstr "D"
'''
    assert parse_po("\ufeff" + text) == {("b", 'Б\nв "кавычках"'): 'B\nin "quotes"'}
    with pytest.raises(DraftError, match="line 2"):
        parse_po('msgid ""\nmsgstr oops\n')


def test_localize_accepts_msgctxt_keys_and_ignores_stale_pairs():
    by_ctxt = {c: t.msgstr for t in polib.pofile(PO_TEXT) for c in [t.msgctxt] if c}
    assert localize(RU, by_ctxt) == EN
    stale = dict(parse_po(PO_TEXT))
    stale[("draft.greeting.0", "Привет, {client_name}!")] = stale.pop(
        ("draft.greeting.0", "Здравствуйте, {client_name}!"))
    with pytest.raises(DraftError, match="draft.greeting.0"):
        localize(RU, stale)
    lenient = localize(RU, stale, strict=False)
    assert lenient["blocks"]["greeting"]["variants"][0] == "Здравствуйте, {client_name}!"
    assert lenient["blocks"]["greeting"]["variants"][1] == "Hello {client_name},"
    assert RU["blocks"]["greeting"]["variants"][1] == "Добрый день, {client_name}!"  # not mutated


def test_localize_rejects_a_lost_slot():
    translations = dict(parse_po(PO_TEXT))
    translations[("draft.greeting.0", "Здравствуйте, {client_name}!")] = "Hello there,"
    with pytest.raises(DraftError, match="slots"):
        localize(RU, translations)


# ------------------------------------------------------------------ assembly


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
def test_assemble(lang, kind, filled):
    phrases = BY_LANG[lang]
    fields = (FILLED if lang == "ru" else FILLED_EN) if filled else {}
    draft = assemble(phrases, kind, fields)
    assert draft["kind"] == kind and draft["lang"] == lang
    assert draft["label"] == phrases["kinds"][kind]["label"]
    assert [b["id"] for b in draft["blocks"]] == phrases["kinds"][kind]["blocks"]
    assert draft["text"] == "\n\n".join(b["text"] for b in draft["blocks"])
    assert "{" not in draft["text"] and "}" not in draft["text"]
    assert draft["you"] == check(draft["text"], lang)
    assert draft["you"]["count"] == 0
    for block in draft["blocks"]:
        assert set(block) == {"id", "label", "section", "text", "choice", "options"}
        assert block["choice"] == 0 and block["text"] == block["options"][0]
        assert len(block["options"]) == len(phrases["blocks"][block["id"]]["variants"])
    if filled:
        used = {slot for b in blocks(phrases, kind) for slot in b["slots"]}
        for name, value in fields.items():
            if name not in used:
                continue
            items = [value] if isinstance(value, str) and "\n" not in value else clean_items(value)
            for item in items:
                assert item.strip() in draft["text"]
    else:
        first, last = draft["blocks"][0]["text"], draft["blocks"][-1]["text"]
        assert first == phrases["blocks"]["greeting"]["fallback"][0]
        assert last == phrases["blocks"]["signoff"]["fallback"][0]


def test_filled_russian_part_ways_reads_as_a_letter():
    text = assemble(RU, "part-ways", FILLED)["text"]
    assert text.startswith("Здравствуйте, Анна Сергеевна!\n\n")
    assert "проектом «Сайт «Ромашка»»" in text
    assert "- Студия «Лис» — lis.example\n- https://blog.example/howto\n\n" in text
    assert text.endswith("\n\nС уважением,\nИван Петров")
    assert "Условия договора в последнее время не соблюдались" in text


def test_last_attempt_lists_the_extra_requests():
    text = assemble(RU, "last-attempt", FILLED)["text"]
    assert ":\n- мобильная версия\n- перевод на английский\n- ещё три баннера\n\n" in text
    en = assemble(EN, "last-attempt", FILLED_EN)["text"]
    assert ":\n- mobile version\n- Spanish translation\n- three more banners\n\n" in en
    assert "new estimate and schedule" in en


def test_empty_slots_use_the_fallback_lines():
    draft = assemble(RU, "part-ways", {"referrals": " \n - \n", "project": "  "})
    by_id = {b["id"]: b["text"] for b in draft["blocks"]}
    assert by_id["referral"] == RU["blocks"]["referral"]["fallback"][0]
    assert by_id["decision"] == RU["blocks"]["decision"]["fallback"][0]
    extras = assemble(EN, "last-attempt", {"extra_requests": []})["blocks"][2]
    assert extras["text"] == EN["blocks"]["extras"]["fallback"][0]


def test_a_block_without_fallback_and_with_an_empty_slot_is_left_out():
    phrases = tomllib.loads(TOML_TEXT)
    del phrases["blocks"]["referral"]["fallback"]
    assert "referral" not in [b["id"] for b in assemble(phrases, "part-ways", {})["blocks"]]
    assert "referral" in [b["id"] for b in assemble(phrases, "part-ways", {"referrals": "x"})["blocks"]]


def test_choices_pick_variants():
    draft = assemble(EN, "part-ways", {"project": "Acme"}, {"door-open": 1, "decision": 2.0, "closing": 2})
    by_id = {b["id"]: b for b in draft["blocks"]}
    assert by_id["door-open"]["text"] == EN["blocks"]["door-open"]["variants"][1]
    assert by_id["door-open"]["choice"] == 1
    assert by_id["decision"]["text"].startswith("Work on “Acme” is coming to an end")
    assert by_id["closing"]["text"] == EN["blocks"]["closing"]["variants"][2]
    # a fallback follows the chosen variant
    empty = {b["id"]: b for b in assemble(RU, "part-ways", {}, {"decision": 1, "closing": 2})["blocks"]}
    assert empty["decision"]["text"] == RU["blocks"]["decision"]["fallback"][1]
    assert empty["closing"]["text"] == RU["blocks"]["closing"]["variants"][2]


@pytest.mark.parametrize("call,message", [
    (lambda: assemble(RU, "keep", {}), "'keep'; allowed: part-ways, last-attempt"),
    (lambda: assemble(RU, "part-ways", {"email": "x"}),
     "unknown field 'email'; allowed: client_name, project, sender_name, referrals, extra_requests"),
    (lambda: assemble(RU, "part-ways", {"project": 5}), "field 'project' must be text"),
    (lambda: assemble(RU, "part-ways", {"extra_requests": [1]}), "field 'extra_requests'"),
    (lambda: assemble(RU, "part-ways", {}, {"scope": 0}), "unknown block 'scope'"),
    (lambda: assemble(RU, "part-ways", {}, {"greeting": 3}), "0..2"),
    (lambda: assemble(RU, "part-ways", {}, {"greeting": True}), "0..2"),
    (lambda: assemble(RU, "part-ways", [], None), "fields must be a table"),
    (lambda: blocks(RU, "thank-you"), "allowed: part-ways, last-attempt"),
])
def test_bad_input_names_the_culprit_and_the_allowed_values(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_draft_entry_point_returns_errors_as_data():
    request = {"phrases": EN, "kind": "part-ways", "fields": {"project": "Acme"}}
    assert draft(request, "en") == assemble(EN, "part-ways", {"project": "Acme"})
    assert draft(request) == draft(request, "en")
    assert draft(request, "ru")["error"]["message"] == "the phrases are in 'en', not 'ru'"
    assert "allowed: part-ways" in draft({**request, "kind": "keep"})["error"]["message"]
    assert "unknown field 'x'" in draft({**request, "fields": {"x": ""}})["error"]["message"]
    assert "unknown request key 'lang'" in draft({**request, "lang": "en"})["error"]["message"]
    assert draft({"kind": "part-ways"})["error"]["kind"] == "draft"
    assert draft("nope")["error"]["kind"] == "draft"


def test_none_fields_and_none_values_are_empty():
    assert assemble(RU, "part-ways", None) == assemble(RU, "part-ways", {"project": None})


def test_blocks_lists_the_templates_for_a_picker():
    items = blocks(EN, "last-attempt")
    assert [b["id"] for b in items] == EN["kinds"]["last-attempt"]["blocks"]
    scope = items[1]
    assert scope["text"] == scope["variants"][0] == EN["blocks"]["scope"]["variants"][0]
    assert scope["slots"] == ["project"] and scope["section"] == "last-attempt"
    assert items[3]["fallback"] == [] and items[3]["slots"] == []


# ------------------------------------------------------------------ reader text is plain text


def test_reader_text_is_cleaned():
    assert clean_line("  Анна\x00\x07 \u202eСергеевна\u200b\r\n ") == "Анна Сергеевна"
    assert clean_line("a\tb\u00a0\u2028c") == "a b c"
    assert clean_line("👩‍👩‍👧 ok") == "👩‍👩‍👧 ok"  # ZWJ kept
    assert clean_items("one\r\ntwo\rthree\u2029\n\n  - four\n1. five\n-6%") == [
        "one", "two", "three", "four", "five", "-6%"]
    assert clean_items(["  a  b ", "\n", "* c"]) == ["a b", "c"]


def test_markup_and_braces_are_left_alone():
    fields = {"client_name": "<b>Анна</b>", "project": "{client_name} & [x](javascript:alert(1))"}
    text = assemble(RU, "part-ways", fields)["text"]
    assert text.startswith("Здравствуйте, <b>Анна</b>!")
    assert "«{client_name} & [x](javascript:alert(1))»" in text


def test_outer_quotes_of_the_project_are_not_doubled():
    for typed in ("«Ромашка»", '"Ромашка"', "“Ромашка”", " «Ромашка» "):
        assert "проектом «Ромашка»" in assemble(RU, "part-ways", {"project": typed})["text"]
    assert "проектом ««Сайт» и «Блог»»" in assemble(RU, "part-ways", {"project": "«Сайт» и «Блог»"})["text"]


def test_you_in_reader_text_is_reported_with_offsets():
    draft = assemble(RU, "last-attempt", {"client_name": "Анна", "extra_requests": ["ваш логотип 😀", "вам"]})
    you = draft["you"]
    assert [m["word"] for m in you["matches"]] == ["ваш", "вам"]
    for m in you["matches"]:
        assert draft["text"][m["start"]:m["end"]] == m["word"]
    assert you["matches"][1]["start16"] == you["matches"][1]["start"] + 1  # after one emoji


# ------------------------------------------------------------------ Hypothesis: no "you" in, no "you" out

line_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
free_line = line_text.filter(lambda s: check(s, None)["count"] == 0)
field_values = st.fixed_dictionaries({}, optional={
    "client_name": st.one_of(st.none(), free_line),
    "project": st.one_of(st.none(), free_line),
    "sender_name": st.one_of(st.none(), free_line),
    "referrals": st.one_of(st.none(), free_line, st.lists(free_line, max_size=4)),
    "extra_requests": st.one_of(st.none(), free_line, st.lists(free_line, max_size=5)),
})


def no_you_after_cleaning(fields) -> bool:
    for value in fields.values():
        if value is None:
            continue
        items = clean_items(value) if not isinstance(value, str) else [clean_line(value), *clean_items(value)]
        if any(check(item, None)["count"] for item in items):
            return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(fields=field_values, lang=st.sampled_from(["ru", "en"]), kind=st.sampled_from(KINDS),
       choices=st.fixed_dictionaries({}, optional={"greeting": st.integers(0, 2), "signoff": st.integers(0, 1)}))
def test_fields_without_you_give_a_draft_without_you(fields, lang, kind, choices):
    # Dropping control characters could join "в\x00ы" into "вы": that is the reader's "вы".
    assume(no_you_after_cleaning(fields))
    draft = assemble(BY_LANG[lang], kind, fields, choices)
    assert draft["you"]["count"] == 0, (draft["text"], draft["you"])
    assert check(draft["text"], None)["count"] == 0
    for block in draft["blocks"]:
        assert block["text"].strip() == block["text"] and block["text"]
    assert "\n\n\n" not in draft["text"]


@settings(max_examples=200, deadline=None)
@given(fields=st.fixed_dictionaries({}, optional={f: st.one_of(st.none(), st.text(max_size=30)) for f in FIELDS}),
       lang=st.sampled_from(["ru", "en"]), kind=st.sampled_from(KINDS))
def test_any_text_assembles_and_offsets_point_into_it(fields, lang, kind):
    draft = assemble(BY_LANG[lang], kind, fields)
    for m in draft["you"]["matches"]:
        assert draft["text"][m["start"]:m["end"]] == m["word"]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", draft["text"])


# ------------------------------------------------------------------ Markdown result

RESULT = {
    "verdict": "part-ways", "score": 14, "max_score": 24,
    "headline": "Пора расставаться",
    "explanation": "Агрессия — это стоп-сигнал.\n\nПоследняя попытка здесь не нужна.",
    "flagged": [
        {"id": "aggression", "section": "sign-aggression", "page": "recognize",
         "text": "Агрессивен или груб в общении", "title": "Агрессия"},
        {"id": "invoices", "section": "sign-invoices", "page": "recognize",
         "text": "Оспаривает счета"},
    ],
    "plan": [
        {"section": "professional", "page": "part-ways", "note": "Только факты.", "title": "Профессионально"},
        {"section": "avoid-you", "page": "part-ways", "note": "Без «вы»."},
    ],
}
LINKS = {
    "sign-aggression": "https://kit.example/recognize/#sign-aggression",
    "sign-invoices": "/recognize/#sign-invoices",
    "professional": "https://kit.example/part-ways/#professional",
    "avoid-you": "https://kit.example/part-ways/#avoid-you",
}


def rendered(md: str) -> str:
    return markdown.markdown(md, extensions=["fenced_code"])


def test_markdown_result_has_every_part():
    draft = assemble(RU, "part-ways", FILLED)
    md = markdown_result(RESULT, draft, "ru", LINKS)
    assert md.startswith("# Результат самооценки\n\n## Пора расставаться\n")
    assert "**Баллы:** 14 из 24" in md
    assert "Агрессия — это стоп\\-сигнал." not in md  # inline '-' is not escaped needlessly
    assert "Агрессия — это стоп-сигнал.\n\nПоследняя попытка здесь не нужна." in md
    assert "- [Агрессия](https://kit.example/recognize/#sign-aggression) — Агрессивен или груб в общении" in md
    assert "- [Оспаривает счета](/recognize/#sign-invoices)" in md
    assert "1. [Профессионально](https://kit.example/part-ways/#professional) — Только факты." in md
    assert "2. [Без «вы».](https://kit.example/part-ways/#avoid-you)\n" in md
    assert f"```text\n{draft['text']}\n```" in md
    assert "[Формы «вы» в черновике](https://kit.example/part-ways/#avoid-you): 0" in md
    html = rendered(md)
    assert html.count("<a ") == 5


def test_markdown_result_in_english_without_draft():
    md = markdown_result({**RESULT, "verdict": "keep", "flagged": [], "plan": [], "headline": ""},
                         None, "en-GB", {})
    assert md.startswith("# Self-assessment result\n\n## a difficult client, not a toxic one: worth keeping")
    assert "**Score:** 14 out of 24" in md
    assert "Draft message" not in md and "Warning signs" not in md


EVIL = [
    "[click](https://evil.example)", "![img](https://evil.example/x.png)", "<script>alert(1)</script>",
    "<a href='https://evil.example'>x</a>", "&lt;b&gt;", "# heading", "> quote", "1. list", "- item",
    "*bold* _it_ `code` ~~s~~ | a | b |", "\\[x\\](y)", "[x]: https://evil.example", "===",
]


@pytest.mark.parametrize("evil", EVIL)
def test_markdown_escaping_defeats_injection(evil):
    result = {"verdict": "part-ways", "score": 1, "max_score": 2, "headline": evil, "explanation": evil,
              "flagged": [{"id": "x", "section": "sign-x", "page": "recognize", "text": evil, "title": evil}],
              "plan": [{"section": "avoid-you", "page": "part-ways", "note": evil, "title": evil}]}
    draft = {"text": f"{evil}\n```\n{evil}\n````", "lang": "en"}
    md = markdown_result(result, draft, "en", {"sign-x": "https://ok.example/#x"})
    html = rendered(md)
    assert "<script" not in html and "<a href='https" not in html and "<img" not in html
    assert html.count("<a ") == 1  # only our own link to sign-x
    assert html.count("<h1>") == 1 and html.count("<blockquote>") == 0
    # the draft survives verbatim inside the fence
    fence = re.search(r"^(`{3,})text\n(.*?)\n\1$", md, re.S | re.M)
    assert fence and fence.group(2) == draft["text"]


def test_escape_markdown_keeps_text_readable():
    assert escape_markdown("Простой текст, без разметки.") == "Простой текст, без разметки."
    assert escape_markdown("[x](y) <b> & *") == "\\[x\\](y) \\<b\\> \\& \\*"
    assert escape_markdown("# h") == "\\# h"
    assert escape_markdown("12. twelve") == "12\\. twelve"
    assert escape_markdown("line\nbreak") == "line break"


def test_markdown_links_only_http_or_relative():
    for url in ("javascript:alert(1)", "data:text/html,x", "vbscript:x", None, 5):
        md = markdown_result(RESULT, None, "ru", {"sign-aggression": url})
        assert "](" not in md.split("## План")[0].split("## Замеченные")[1]
    md = markdown_result(RESULT, None, "ru", {"sign-aggression": "https://x.example/a b)(c"})
    assert "[Агрессия](https://x.example/a%20b%29%28c)" in md


def test_markdown_result_rejects_bad_input():
    with pytest.raises(DraftError, match="allowed: ru, en"):
        markdown_result(RESULT, None, "de", LINKS)
    with pytest.raises(DraftError, match="text"):
        markdown_result(RESULT, {"blocks": []}, "ru", LINKS)


# ------------------------------------------------------------------ vectors replayed in Pyodide


def vector_cases() -> list[dict]:
    cases = []
    checks = [
        ("ru-forms", "ru", "Вы, ВАС, вАш, вашему, «вы», по-вашему; вызов, Вашингтон, ваза."),
        ("en-forms", "en", "You're sure? \"you,\" YOURS, yourself, you’ll; youth, bayou, yourt, Young."),
        ("both-unknown-lang", "xx", "вы and you"),
        ("ru-region-code", "ru-RU", "Вам и you"),
        ("emoji-utf16", "ru", "😀 Вы 👩‍👩‍👧 ваш 🇷🇺 вам"),
        ("math-letters-utf16", "en", "𝕏𝕐 your 𝒜 you"),
        ("stress-and-yo", "ru", "вы́ вы́зов твоё твое"),
        ("empty", "en", ""),
    ]
    for name, lang, text in checks:
        cases.append({"name": f"check/{name}", "lang": lang, "fn": "check", "input": {"text": text},
                      "expected": check(text, lang)})
    for lang, fields in (("ru", FILLED), ("en", FILLED_EN)):
        for kind in KINDS:
            for label, f, choices in (("empty", {}, None), ("filled", fields, None),
                                      ("choices", fields, {"greeting": 1, "signoff": 1})):
                cases.append({"name": f"draft/{lang}/{kind}/{label}", "lang": lang, "fn": "draft",
                              "input": {"kind": kind, "fields": f, "choices": choices},
                              "expected": assemble(BY_LANG[lang], kind, f, choices)})
    dirty = {"client_name": " \u202eАнна\x00 ", "project": "«Ромашка» 😀",
             "extra_requests": "ваш логотип\r\n\r\n* вам баннер"}
    cases.append({"name": "draft/ru/last-attempt/dirty-and-you", "lang": "ru", "fn": "draft",
                  "input": {"kind": "last-attempt", "fields": dirty, "choices": None},
                  "expected": assemble(RU, "last-attempt", dirty)})
    return json.loads(json.dumps(cases, ensure_ascii=False))


def write_vectors() -> None:
    lines = (json.dumps(case, ensure_ascii=False) for case in vector_cases())
    VECTORS_PATH.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


def replay(case: dict):
    """What tests/node does inside Pyodide: ``check(input.text, lang)``, or ``assemble`` with
    ``phrases_for(phrases.toml, draft.po of lang, or None for ru)`` and input kind/fields/choices."""
    if case["fn"] == "check":
        return check(case["input"]["text"], case["lang"])
    po = None if case["lang"] == "ru" else (ROOT / "content" / "translations" / case["lang"] / "draft.po")
    phrases = phrases_for(TOML_TEXT, po and po.read_text(encoding="utf-8"), case["lang"])
    request = case["input"]
    return assemble(phrases, request["kind"], request["fields"], request["choices"])


def test_vectors_match_cpython():
    stored = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    assert stored == vector_cases(), "run: .venv/bin/python tests/quiz/test_draft.py --write-vectors"
    for case in stored:
        assert set(case) == {"name", "lang", "fn", "input", "expected"}
        assert replay(case) == case["expected"]
        assert "null" not in json.dumps(case["expected"])  # None reaches JavaScript as undefined
        assert "null" not in json.dumps(case["expected"])  # None would come back to JS as undefined
    assert len({c["name"] for c in stored}) == len(stored)


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-vectors"]:
        write_vectors()
        print(f"wrote {VECTORS_PATH}")
    else:
        sys.exit("usage: test_draft.py --write-vectors")
