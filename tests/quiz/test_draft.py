"""The parting-message drafter (quiz/draft/, quiz/phrases.toml, content/translations/en/draft.po).

Regenerate the Pyodide replay vectors after a deliberate change:
``.venv/bin/python tests/quiz/test_draft.py --write-vectors``
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import markdown
import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # for --write-vectors run as a script
    sys.path.insert(0, str(ROOT))

from quiz import QuizError  # noqa: E402 - after the sys.path line above (for --write-vectors)
from quiz.draft import (  # noqa: E402 - after the sys.path line above (for --write-vectors)
    KINDS,
    TEXTS,
    DraftError,
    assemble,
    blocks,
    clean_items,
    clean_letter,
    clean_line,
    comments,
    draft,
    escape_markdown,
    field_names,
    form,
    list_fields,
    localize,
    markdown_result,
    parse_phrases,
    strings,
    take_away,
    validate,
)
from quiz.draft.message import _fields, _render  # noqa: E402 - after the sys.path line above (for --write-vectors); the renderer assemble uses
from quiz.session import Session  # noqa: E402 - after the sys.path line above (for --write-vectors)
from quiz.you_check import check  # noqa: E402 - after the sys.path line above (for --write-vectors)
from scripts.assessment.phrases import phrases_by_language  # noqa: E402 - after the sys.path line above (for --write-vectors)

PHRASES_PATH = ROOT / "quiz" / "phrases.toml"
PO_PATH = ROOT / "content" / "translations" / "en" / "draft.po"
VECTORS_PATH = Path(__file__).with_name("draft_vectors.json")

TOML_TEXT = PHRASES_PATH.read_text(encoding="utf-8")
DEFINITION = tomllib.loads((ROOT / "quiz" / "definition.toml").read_text(encoding="utf-8"))
# Russian as the page carries it: the source phrases with Russian's forms of "you".
RU = phrases_by_language()["ru"]
# English as the page carries it: translated at build time from draft.po (polib).
EN = phrases_by_language()["en"]
# Every language the site ships, as its quiz page carries the phrases.
BY_LANG = phrases_by_language()
LANGS = list(BY_LANG)
# Both languages' forms of "you": a letter's text must hold none of either.
ANY_YOU = sorted({form for phrases in BY_LANG.values() for form in phrases["you"]})
# The fields the phrases define (quiz/phrases.toml [fields], in the page's order).
FIELDS = field_names(RU)
LIST_FIELDS = list_fields(RU)
# The signs a last attempt can speak of: every sign but the hard stops, in question order.
TOPICS = ["schedule", "scope-creep", "belittling", "invoices", "nitpicking", "expertise"]

# Contract: section ids on /part-ways/.
PART_WAYS_SECTIONS = {
    "professional",
    "last-attempt",
    "avoid-you",
    "leave-window-open",
    "refer-elsewhere",
    "positive-ending",
    "in-writing",
    "empty-cup",
}

FILLED = {
    "client_name": "Анна Сергеевна",
    "project": "Сайт «Ромашка»",
    "sender_name": "Иван Петров",
    "end_date": "15 декабря",
    "handover": "исходные файлы\nфинальный счёт",
    "referrals": "Студия «Лис» — lis.example\n\n- https://blog.example/howto\n",
    "agreed_scope": "дизайн пяти страниц\nвёрстка",
    "extra_requests": ["мобильная версия", "  перевод на английский  ", "", "• ещё три баннера"],
    "reply_by": "20 декабря",
    "work_hours": "по будням с 10:00 до 19:00",
    "response_time": "в течение рабочего дня",
    "urgent": "звонок с пометкой «срочно»",
    "estimate_cost": "40 000 ₽",
    "estimate_time": "две недели",
    "feedback_when": "по пятницам",
    "payment_terms": "в течение пяти рабочих дней",
    "unpaid_invoices": "№ 12 от 1 ноября — 40 000 ₽\n№ 14 от 15 ноября — 25 000 ₽",
    "acceptance": "макет утверждён\nвсе страницы свёрстаны",
    "revision_rounds": "два",
    "own_decisions": "выбор шрифтов и вёрстку",
}
FILLED_EN = {
    "client_name": "Anna",
    "project": "Acme website",
    "sender_name": "Jo Smith",
    "end_date": "December 15",
    "handover": ["source files", "the final invoice"],
    "referrals": ["Fox Studio, fox.example", "https://blog.example/howto"],
    "agreed_scope": "five page designs\nfront-end build",
    "extra_requests": "mobile version\n* Spanish translation\n3) three more banners",
    "reply_by": "December 20",
    "work_hours": "on weekdays from 10 a.m. to 7 p.m.",
    "response_time": "within one business day",
    "urgent": "a call marked “urgent”",
    "estimate_cost": "$1,200",
    "estimate_time": "two weeks",
    "feedback_when": "on Fridays",
    "payment_terms": "within five business days",
    "unpaid_invoices": ["#12, November 1, $400", "#14, November 15, $250"],
    "acceptance": "the layout is approved\nevery page is built",
    "revision_rounds": "two",
    "own_decisions": "the fonts and the layout",
}
FILLED_UK = {
    "client_name": "Ганна Сергіївна",
    "project": "Сайт «Ромашка»",
    "sender_name": "Іван Петренко",
    "end_date": "15 грудня",
    "handover": "вихідні файли\nфінальний рахунок",
    "referrals": ["Студія «Лис» — lis.example", "https://blog.example/howto"],
    "agreed_scope": "дизайн п’яти сторінок\nверстка",
    "extra_requests": "мобільна версія\n* переклад англійською\n3) ще три банери",
    "reply_by": "20 грудня",
    "work_hours": "з понеділка до п’ятниці, з 10:00 до 19:00",
    "response_time": "протягом робочого дня",
    "urgent": "дзвінок із позначкою «терміново»",
    "estimate_cost": "12 000 грн",
    "estimate_time": "два тижні",
    "feedback_when": "щоп’ятниці",
    "payment_terms": "протягом п’яти робочих днів",
    "unpaid_invoices": "№ 12 від 1 листопада — 12 000 грн",
    "acceptance": "макет затверджено\nусі сторінки зверстано",
    "revision_rounds": "два",
    "own_decisions": "вибір шрифтів і верстка",
}
FILLED_BY_LANG = {"ru": FILLED, "en": FILLED_EN, "uk": FILLED_UK}


def block_texts(phrases):
    """Every text that can go into a letter: each block's variants and fallbacks."""
    for block in phrases["blocks"].values():
        yield from block["variants"]
        yield from block.get("fallback", [])


def all_texts(phrases):
    yield from (kind["label"] for kind in phrases["kinds"].values())
    yield from (block["label"] for block in phrases["blocks"].values())
    yield from block_texts(phrases)
    for spec in phrases["fields"].values():
        yield from (v for v in spec.values() if isinstance(v, str))
    for spec in phrases["topics"].values():
        yield spec["label"]
    yield from phrases["texts"].values()


# ------------------------------------------------------------------ phrases


def test_phrases_parse_and_validate():
    assert RU["lang"] == "ru" and EN["lang"] == "en"
    assert set(RU["kinds"]) == set(KINDS)
    assert set(RU["fields"]) == set(FIELDS) and set(RU["texts"]) == set(TEXTS)
    validate(RU)
    validate(EN)


@pytest.mark.parametrize("lang", LANGS)
def test_no_letter_text_contains_a_form_of_you(lang):
    for text in block_texts(BY_LANG[lang]):
        assert check(text, ANY_YOU)["count"] == 0, text
    for kind in BY_LANG[lang]["kinds"].values():  # labels name the letter, not the client
        assert check(kind["label"], ANY_YOU)["count"] == 0


def test_russian_texts_avoid_gendered_forms():
    for text in block_texts(RU):
        assert "(а)" not in text and "(ла)" not in text, text
        assert not re.search(r"\b(рад|рада|решил|решила|благодарен|благодарна|уверен|уверена)\b", text), text


def test_russian_typography_no_breaking_space_before_a_dash():
    for text in all_texts(RU):
        assert " — " not in text.replace("\u00a0— ", ""), text


@pytest.mark.parametrize("lang", LANGS)
def test_no_phrase_reads_as_sarcasm_or_officialese(lang):
    """After a parting, thanks for "the experience" reads as a dig; «условия… на прежних условиях» as a form."""
    for text in block_texts(BY_LANG[lang]):
        lower = text.lower()
        for banned in ("опыт", "experience", "изнутри", "from the inside", "lesson", "урок", "досвід", "зсередини"):
            assert banned not in lower, text
        lower = re.sub(r"\{[a-z_]+\}", "", lower)  # a slot's name is not a word of the letter
        assert lower.count("услови") <= 1 and lower.count("terms") <= 1, text
        assert "separately" not in lower and "отдельно" not in lower, text  # the list is shown, not promised


def test_english_reads_native():
    """US spelling, curly quotes and apostrophes, and no "thank you" (a "you" the checker would flag)."""
    for text in all_texts(EN):
        if text.endswith((".txt", ".md")):
            continue
        assert "'" not in text and '"' not in text, text
        assert not re.search(
            r"colour|favour|behaviour|organis|realis|recognis|analys|centre|whilst|"
            r"Kind regards",
            text,
        ), text


def test_blocks_point_to_part_ways_sections():
    for block in RU["blocks"].values():
        assert block["section"] in PART_WAYS_SECTIONS


def test_each_kind_has_the_blocks_of_the_issue_in_order():
    # Part ways: decision -> handover (date, files and invoice, referrals) -> positive close ->
    # the window left open (optional) -> sign-off.
    assert RU["kinds"]["part-ways"]["blocks"] == [
        "greeting",
        "decision",
        "end-date",
        "handover",
        "referral",
        "closing",
        "door-open",
        "signoff",
    ]
    # Last attempt: why the letter -> a part per sign the reader may flag, in the questions'
    # order (remind of what was agreed, the facts, clear terms) -> a reply by a date -> a
    # positive close.
    last = RU["kinds"]["last-attempt"]["blocks"]
    assert last[:2] == ["greeting", "attempt-intro"] and last[-3:] == ["reply", "attempt-closing", "signoff"]
    topics = [RU["blocks"][b].get("topic") for b in last[2:-3]]
    assert all(topics) and list(dict.fromkeys(topics)) == TOPICS
    assert sum(len(b["variants"]) > 1 for b in RU["blocks"].values()) >= 5
    # After abuse or threats the letter starts short: no referral, no warm close, no window.
    optional = {b: spec.get("off_after") for b, spec in RU["blocks"].items() if spec.get("optional")}
    assert optional == {"referral": ["hard-stop"], "closing": ["hard-stop"], "door-open": ["hard-stop"]}


def test_each_topic_has_the_issues_fields():
    """Each sign's paragraph asks for what settles it (issue 20 §2)."""
    wanted = {
        "schedule": {"work_hours", "response_time", "urgent"},
        "scope-creep": {"agreed_scope", "extra_requests", "estimate_cost", "estimate_time"},
        "belittling": {"feedback_when"},
        "invoices": {"payment_terms", "unpaid_invoices"},
        "nitpicking": {"acceptance", "revision_rounds"},
        "expertise": {"own_decisions"},
    }
    for phrases in (RU, EN):
        groups = {g["topic"]: g for g in form(phrases, "last-attempt", "not-exhausted", TOPICS)["groups"]}
        assert list(groups) == ["", *TOPICS]
        for topic, fields in wanted.items():
            assert {f["name"] for f in groups[topic]["fields"]} == fields
            assert groups[topic]["label"] == phrases["topics"][topic]["label"]
        assert {f["name"] for f in groups[""]["fields"]} == {"client_name", "project", "sender_name", "reply_by"}
    # The estimate is given, not promised: the amount and the timeline are the reader's.
    assert "{estimate_cost}" in RU["blocks"]["scope-estimate"]["variants"][0]
    assert "{estimate_time}" in RU["blocks"]["scope-estimate-time"]["variants"][0]
    for text in block_texts(RU):
        assert not re.search(r"подготовлю|пришлю смету|составлю смету", text), text


# Words that say the agreement was not kept («договор», not «договориться»).
BREACH = r"\bдоговор(а|у|ом|е)?\b|\bдогов[оі]р(у|ом|і)?\b|agreement|contract"
# Words of the scope of work, which a last attempt uses only when scope creep was flagged.
SCOPE_WORDS = r"объ[её]м|scope|сверх|beyond|обсяг|понад"


def test_the_breach_is_a_wording_the_reader_picks():
    """No preselected wording says the agreement was broken: only the reader may say so."""
    for phrases in (RU, EN):
        decision = phrases["blocks"]["decision"]
        assert decision["opt_in"] == [2]
        breach = re.compile(BREACH, re.I)
        for i, text in enumerate(decision["variants"] + decision["fallback"]):
            assert bool(breach.search(text)) == (i % 3 == 2), text
        for text in block_texts(phrases):
            if breach.search(text):
                assert text in decision["variants"][2:] + decision["fallback"][2:], text


@pytest.mark.parametrize("lang", LANGS)
def test_slots_never_touch_a_letter_or_digit(lang):
    """So that reader text can never join template text into a new word (such as «вы»)."""
    for text in block_texts(BY_LANG[lang]):
        for m in re.finditer(r"\{[a-z_]+\}", text):
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            assert not before.isalnum() and not after.isalnum(), text


def test_the_door_open_line_quotes_the_article():
    assert RU["blocks"]["door-open"]["variants"][0] == "Возможно, позднее мы сможем снова работать вместе."


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p.pop("lang"), "lang"),
        (lambda p: p["kinds"].pop("last-attempt"), "last-attempt"),
        (lambda p: p["kinds"]["part-ways"]["blocks"].append("nope"), "nope"),
        (lambda p: p["blocks"]["greeting"]["variants"].append("Привет, {name}!"), "{name}"),
        (lambda p: p["blocks"]["greeting"]["variants"].append("Привет, {project!"), "stray brace"),
        (lambda p: p["blocks"]["greeting"].update(section="nowhere"), "nowhere"),
        (lambda p: p["blocks"]["greeting"].update(variants=[]), "variant"),
        (lambda p: p["blocks"]["greeting"].update(colour="red"), "colour"),
        (lambda p: p["blocks"]["greeting"].update(off_after=["hard-stop"]), "needs optional = true"),
        (lambda p: p["blocks"]["door-open"].update(off_after=["rudeness"]), "off_after"),
        (lambda p: p["blocks"]["door-open"].update(optional="yes"), "optional"),
        (lambda p: p["fields"].pop("end_date"), "unknown slot {end_date}"),
        (lambda p: p["fields"]["project"].pop("label"), "field 'project': 'label'"),
        (lambda p: p["fields"]["project"].update(list="yes"), "'list' must be true or false"),
        (lambda p: p["fields"].update(email={"label": "E-mail"}), "field 'email' is not used by any block"),
        (lambda p: p["fields"].update({"E-mail": {"label": "E-mail"}}), "field names are lower-case"),
        (lambda p: p["blocks"]["decision"].update(opt_in=[0]), "variant 0 is the default"),
        (lambda p: p["blocks"]["decision"].update(opt_in=[3]), "'opt_in' must list variant numbers from 1 to 2"),
        (lambda p: p["blocks"]["decision"].update(topic="nowhere"), "topic 'nowhere' has no [topics.nowhere]"),
        (lambda p: p["blocks"]["greeting"].update(join=True), "starts with block 'greeting', which joins"),
        (lambda p: p["blocks"]["reply"].update(topic="schedule"), "the blocks of topic 'schedule' must follow"),
        (lambda p: p["topics"].update(lost={"label": "x"}), 'no block has topic = "lost"'),
        (lambda p: p["topics"]["schedule"].update(hint="x"), "topic 'schedule': unknown key 'hint'"),
        (lambda p: p["texts"].pop("removed"), "text 'removed' is missing"),
        (lambda p: p["texts"].update(removed="Убрано."), "must use {count}"),
        (lambda p: p["texts"].update(file_md="../evil.md"), "file name"),
        (lambda p: p["texts"].update(extra="x"), "unknown key 'extra'"),
        (lambda p: p.update(ui={}), "unknown key 'ui'"),
    ],
)
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


def test_no_po_parser_ships_in_the_engine():
    """The browser gets translated phrases as JSON; reading PO files is the build's job (polib)."""
    import quiz.draft as package

    assert not hasattr(package, "parse_po") and not hasattr(package, "phrases_for")
    import quiz.draft.message
    import quiz.draft.phrases
    import quiz.draft.report
    import quiz.draft.text
    import quiz.draft.translate

    modules = [quiz.draft.message, quiz.draft.phrases, quiz.draft.report, quiz.draft.text, quiz.draft.translate]
    assert not [name for module in modules for name in vars(module) if re.search(r"(^|_)po($|_)", name)]


# ------------------------------------------------------------------ translations (PO)


def test_strings_use_the_documented_msgctxt_scheme():
    items = strings(RU)
    ctxts = [c for c, _ in items]
    assert len(ctxts) == len(set(ctxts))
    assert ("draft.kind.part-ways", "Письмо о расставании") in items
    assert ("draft.greeting.label", "Приветствие") in items
    assert ("draft.greeting.0", "Здравствуйте, {client_name}!") in items
    assert ("draft.greeting.fallback.0", "Здравствуйте!") in items
    assert ("draft.field.end_date.label", RU["fields"]["end_date"]["label"]) in items
    assert ("draft.text.removed", RU["texts"]["removed"]) in items
    for ctxt in ctxts:
        assert re.fullmatch(
            r"draft\.(kind\.[a-z-]+|[a-z-]+\.(label|\d+|fallback\.\d+)"
            r"|field\.[a-z_]+\.(label|hint)|topic\.[a-z-]+\.label|text\.[a-z_-]+)",
            ctxt,
        ), ctxt
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


def po_translations() -> dict[tuple[str, str], str]:
    return {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(PO_PATH))
        if e.msgstr and not e.fuzzy and not e.obsolete
    }


def test_localize_accepts_msgctxt_keys_and_ignores_stale_pairs():
    by_ctxt = {ctxt: text for (ctxt, _), text in po_translations().items()}
    assert localize(RU, by_ctxt, "en", EN["you"]) == EN
    assert "you" not in localize(RU, by_ctxt, "en")  # one language's forms never carry over to another
    stale = po_translations()
    stale[("draft.greeting.0", "Привет, {client_name}!")] = stale.pop(
        ("draft.greeting.0", "Здравствуйте, {client_name}!")
    )
    with pytest.raises(DraftError, match=re.escape("draft.greeting.0")):
        localize(RU, stale, "en")
    lenient = localize(RU, stale, "en", strict=False)
    assert lenient["blocks"]["greeting"]["variants"][0] == "Здравствуйте, {client_name}!"
    assert lenient["blocks"]["greeting"]["variants"][1] == "Hello {client_name},"
    assert RU["blocks"]["greeting"]["variants"][1] == "Добрый день, {client_name}!"  # not mutated


def test_localize_rejects_a_lost_slot_or_placeholder():
    translations = po_translations()
    translations[("draft.greeting.0", "Здравствуйте, {client_name}!")] = "Hello there,"
    with pytest.raises(DraftError, match="slots"):
        localize(RU, translations, "en")
    translations = po_translations()
    translations[("draft.text.removed", RU["texts"]["removed"])] = "Something was removed."
    with pytest.raises(DraftError, match=re.escape("draft.text.removed")):
        localize(RU, translations, "en")


# ------------------------------------------------------------------ assembly


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
def test_assemble(lang, kind, filled):
    phrases = BY_LANG[lang]
    fields = FILLED_BY_LANG[lang] if filled else {}
    draft = assemble(phrases, kind, fields, topics=TOPICS)
    assert draft["kind"] == kind and draft["lang"] == lang
    assert draft["label"] == phrases["kinds"][kind]["label"]
    ids = [b["id"] for b in draft["blocks"]]
    if filled:
        assert ids == phrases["kinds"][kind]["blocks"]
    else:  # the blocks made only of an optional slot are left out
        assert ids == [
            b
            for b in phrases["kinds"][kind]["blocks"]
            if phrases["blocks"][b].get("fallback") or not any("{" in v for v in phrases["blocks"][b]["variants"])
        ]
    paragraphs: list[str] = []
    for block in draft["blocks"]:
        if block["join"] and paragraphs and "\n" not in paragraphs[-1]:
            paragraphs[-1] += " " + block["text"]
        else:
            paragraphs.append(block["text"])
    assert draft["text"] == "\n\n".join(paragraphs)
    assert "{" not in draft["text"] and "}" not in draft["text"]
    assert draft["you"] == check(draft["text"], phrases["you"])
    assert draft["you"]["count"] == 0
    for block in draft["blocks"]:
        assert set(block) == {"id", "label", "section", "topic", "join", "text", "choice", "options"}
        assert block["choice"] == 0 and block["text"] == block["options"][0]
        assert len(block["options"]) == len(phrases["blocks"][block["id"]]["variants"])
    if filled:
        used = {slot for b in blocks(phrases, kind, TOPICS) for slot in b["slots"]}
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
    assert "Пишу, чтобы сообщить, что завершаю работу над проектом «Сайт «Ромашка»».\n\n" in text
    assert "Последний день работы над проектом\u00a0— 15 декабря.\n\n" in text
    assert "До завершения передам:\n- исходные файлы\n- финальный счёт\n\n" in text
    assert "- Студия «Лис» — lis.example\n- https://blog.example/howto\n\n" in text
    assert text.endswith("\n\nВозможно, позднее мы сможем снова работать вместе.\n\nС уважением,\nИван Петров")
    # decision, then the practical end, the handover, the positive close, the open window
    order = ["завершаю работу", "Последний день", "передам", "Студия", "Спасибо за возможность", "Возможно"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def test_after_abuse_the_letter_is_short_and_factual():
    """Decision, end date, handover, sign-off: no reasons, no warm close, no referral, no window."""
    for lang, phrases in BY_LANG.items():
        made = assemble(phrases, "part-ways", FILLED_BY_LANG[lang], rule="hard-stop")
        assert [b["id"] for b in made["blocks"]] == ["greeting", "decision", "end-date", "handover", "signoff"]
        assert made["blocks"][1]["choice"] == 0 and ":" not in made["blocks"][1]["text"]  # no reason given
        assert made["include"] == {"referral": False, "closing": False, "door-open": False}
        for word in ("спасибо", "благодар", "интересно", "thank", "grateful", "enjoyed", "sorry", "извин", "жаль"):
            assert word not in made["text"].lower(), word
        assert [p["on"] for p in form(phrases, "part-ways", "hard-stop")["optional"]] == [False, False, False]
        # The reader can add the rest.
        full = assemble(phrases, "part-ways", {}, include={"referral": True, "closing": True}, rule="hard-stop")
        assert {"referral", "closing"} <= {b["id"] for b in full["blocks"]}


def test_the_window_is_offered_not_assumed_after_a_hard_stop():
    for phrases in (RU, EN):
        door = phrases["blocks"]["door-open"]["variants"][0]
        everything = {"referral": True, "closing": True, "door-open": True}
        for rule in (None, "exhausted", "clear"):
            made = assemble(phrases, "part-ways", {}, rule=rule)
            assert door in made["text"] and made["include"] == everything
        after_abuse = assemble(phrases, "part-ways", {}, rule="hard-stop")
        assert door not in after_abuse["text"] and after_abuse["include"]["door-open"] is False
        assert "door-open" not in [b["id"] for b in after_abuse["blocks"]]
        # The reader may opt in (or out) either way.
        opted = assemble(phrases, "part-ways", {}, {"door-open": 1}, {"door-open": True}, "hard-stop")
        assert phrases["blocks"]["door-open"]["variants"][1] in opted["text"]
        assert door not in assemble(phrases, "part-ways", {}, include={"door-open": False})["text"]
        assert form(phrases, "part-ways", "hard-stop")["optional"][-1] == {
            "id": "door-open",
            "label": phrases["blocks"]["door-open"]["label"],
            "on": False,
        }
        assert form(phrases, "part-ways", "exhausted")["optional"][-1]["on"] is True
        assert form(phrases, "last-attempt", "not-exhausted", TOPICS)["optional"] == []


def test_a_reminder_always_says_what_it_reminds_of():
    # Every text that announces a reminder carries the slot that says it.
    for phrases in (RU, EN):
        for text in block_texts(phrases):
            if re.search(r"напомню|remind", text, re.I):
                assert re.search(r"\{(agreed_scope|payment_terms)\}", text), text
    for phrases in BY_LANG.values():
        empty = assemble(phrases, "last-attempt", {}, {"scope": 1, "invoices": 1}, topics=TOPICS)["text"]
        assert "Напомню" not in empty and "remind" not in empty.lower()


def test_last_attempt_lists_every_extra_request_and_asks_for_a_reply_by_the_date():
    many = [f"request {n}" for n in range(1, 31)]
    for lang in ("ru", "en"):
        fields = {**FILLED_BY_LANG[lang], "extra_requests": many}
        text = assemble(BY_LANG[lang], "last-attempt", fields, topics=["scope-creep"])["text"]
        assert ":\n" + "\n".join("- " + item for item in many) + "\n\n" in text  # in full, in order
        date = FILLED_BY_LANG[lang]["reply_by"]
        filled = assemble(BY_LANG[lang], "last-attempt", FILLED_BY_LANG[lang], topics=["schedule"])
        reply = next(b["text"] for b in filled["blocks"] if b["id"] == "reply")
        assert date in reply
        undated = assemble(BY_LANG[lang], "last-attempt", {}, topics=["invoices"])
        assert (
            next(b["text"] for b in undated["blocks"] if b["id"] == "reply")
            == (BY_LANG[lang]["blocks"]["reply"]["fallback"][0])
        )
    ru = assemble(RU, "last-attempt", FILLED, topics=["scope-creep"])["text"]
    assert ":\n- мобильная версия\n- перевод на английский\n- ещё три баннера\n\n" in ru
    assert "Стоимость\u00a0— 40 000 ₽. Срок\u00a0— две недели." in ru  # the estimate itself
    en = assemble(EN, "last-attempt", FILLED_EN, topics=["scope-creep"])["text"]
    assert ":\n- mobile version\n- Spanish translation\n- three more banners\n\n" in en
    assert "Please let me know by December 20" in en and "Cost: $1,200. Timeline: two weeks." in en


def test_each_topic_reads_as_a_paragraph_of_the_readers_case():
    ru = assemble(RU, "last-attempt", FILLED, topics=["schedule", "invoices", "nitpicking"])["text"]
    assert (
        "Я на связи по будням с 10:00 до 19:00. На сообщения отвечаю в течение рабочего дня. "
        "Срочные вопросы предлагаю решать так: звонок с пометкой «срочно»."
    ) in ru
    assert "Сейчас не оплачены счета:\n- № 12 от 1 ноября — 40 000 ₽\n- № 14 от 15 ноября — 25 000 ₽\n\n" in ru
    assert "Число раундов правок, включённых в стоимость,\u00a0— два;" in ru
    en = assemble(EN, "last-attempt", FILLED_EN, topics=["invoices", "expertise", "belittling"])["text"]
    assert "These invoices are currently unpaid:\n- #12, November 1, $400\n- #14, November 15, $250" in en
    assert "My part includes, for example, the fonts and the layout." in en
    assert "The best time to send them is on Fridays." in en
    # A topic's joined sentence never follows a list's last line.
    made = assemble(RU, "last-attempt", {"acceptance": "a\nb", "revision_rounds": "два"}, topics=["nitpicking"])
    assert "- b\n\nЧисло раундов" in made["text"]


def test_empty_slots_use_the_fallback_lines():
    draft = assemble(RU, "part-ways", {"referrals": " \n - \n", "project": "  "})
    by_id = {b["id"]: b["text"] for b in draft["blocks"]}
    assert by_id["referral"] == RU["blocks"]["referral"]["fallback"][0]
    assert by_id["decision"] == RU["blocks"]["decision"]["fallback"][0]
    made = assemble(EN, "last-attempt", {"extra_requests": []}, topics=["scope-creep"])
    extras = {b["id"]: b for b in made["blocks"]}["scope-extras"]
    assert extras["text"] == EN["blocks"]["scope-extras"]["fallback"][0]


def test_a_block_without_fallback_and_with_an_empty_slot_is_left_out():
    phrases = {**tomllib.loads(TOML_TEXT), "you": RU["you"]}
    del phrases["blocks"]["referral"]["fallback"]
    assert "referral" not in [b["id"] for b in assemble(phrases, "part-ways", {})["blocks"]]
    assert "referral" in [b["id"] for b in assemble(phrases, "part-ways", {"referrals": "x"})["blocks"]]
    assert "end-date" in [b["id"] for b in assemble(phrases, "part-ways", {"end_date": "x"})["blocks"]]


def test_choices_pick_variants():
    draft = assemble(EN, "part-ways", {"project": "Acme"}, {"door-open": 1, "decision": 2.0, "closing": 2})  # type: ignore[dict-item]  # 2.0: a whole float counts
    by_id = {b["id"]: b for b in draft["blocks"]}
    assert by_id["door-open"]["text"] == EN["blocks"]["door-open"]["variants"][1]
    assert by_id["door-open"]["choice"] == 1
    assert by_id["decision"]["text"].startswith("I’m writing to say that I’m ending my work on Acme: the terms")
    assert by_id["closing"]["text"] == EN["blocks"]["closing"]["variants"][2].replace("{project}", "Acme")
    # a fallback follows the chosen variant
    empty = {b["id"]: b for b in assemble(RU, "part-ways", {}, {"decision": 1, "closing": 2})["blocks"]}
    assert empty["decision"]["text"] == RU["blocks"]["decision"]["fallback"][1]
    assert empty["closing"]["text"] == RU["blocks"]["closing"]["fallback"][2]


ALLOWED_FIELDS = ", ".join(RU["fields"])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: assemble(RU, "keep", {}), "'keep'; allowed: part-ways, last-attempt"),
        (lambda: assemble(RU, "part-ways", {"email": "x"}), f"unknown field 'email'; allowed: {ALLOWED_FIELDS}"),
        (lambda: assemble(RU, "part-ways", {"project": 5}), "field 'project' must be text"),
        (lambda: assemble(RU, "part-ways", {"extra_requests": [1]}), "field 'extra_requests'"),
        (lambda: assemble(RU, "part-ways", {}, {"scope": 0}), "unknown block 'scope'"),
        (lambda: assemble(RU, "part-ways", {}, {"greeting": 3}), "0..2"),
        (lambda: assemble(RU, "part-ways", {}, {"greeting": True}), "0..2"),
        (lambda: assemble(RU, "part-ways", [], None), "fields must be a table"),  # type: ignore[arg-type]  # the wrong type on purpose
        (lambda: assemble(RU, "part-ways", {}, None, {"greeting": True}), "'greeting' in include is not an optional"),
        (lambda: assemble(RU, "part-ways", {}, None, {"door-open": "yes"}), "must be true or false"),  # type: ignore[dict-item]  # the wrong type on purpose
        (lambda: assemble(RU, "part-ways", {}, None, None, "rudeness"), "unknown rule 'rudeness'"),
        (lambda: assemble(RU, "last-attempt", {}, topics=["aggression"]), "unknown topic 'aggression'"),
        (lambda: assemble(RU, "last-attempt", {}, topics="schedule"), "topics must be a list"),
        (lambda: blocks(RU, "thank-you"), "allowed: part-ways, last-attempt"),
    ],
)
def test_bad_input_names_the_culprit_and_the_allowed_values(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_draft_entry_point_returns_errors_as_data_and_the_form():
    made = draft(EN, "part-ways", {"project": "Acme"}, rule="hard-stop")
    assert {k: v for k, v in made.items() if k != "form"} == assemble(
        EN, "part-ways", {"project": "Acme"}, rule="hard-stop"
    )
    assert made["form"] == form(EN, "part-ways", "hard-stop")
    assert "allowed: part-ways" in draft(EN, "keep")["error"]["message"]
    assert "unknown field 'x'" in draft(EN, "part-ways", {"x": ""})["error"]["message"]
    assert draft({"kind": "part-ways"}, "part-ways")["error"]["kind"] == "draft"
    last = draft(EN, "last-attempt", topics=["invoices"])
    assert last["topics"] == ["invoices"] and last["form"] == form(EN, "last-attempt", None, ["invoices"])


def test_the_session_drafts_with_the_phrases_it_started_with():
    """The page sends the phrases once; a draft request carries only the letter's own data."""
    session = Session(DEFINITION, EN, "en", {"avoid-you": "https://kit.example/en/part-ways/#avoid-you"})
    assert session.draft("part-ways", {"project": "Acme"}, rule="hard-stop") == draft(
        EN, "part-ways", {"project": "Acme"}, rule="hard-stop"
    )
    assert session.check("you") == check("you", EN["you"])
    assert session.take_away("a\u202eb") == take_away("a\u202eb", EN)
    assert "(https://kit.example/en/part-ways/#avoid-you): 0" in session.markdown(RESULT, {"text": "Hi", "lang": "en"})
    with pytest.raises(DraftError, match="the phrases are in 'en', not 'ru'"):
        Session(DEFINITION, EN, "ru")
    assert "no phrases" in Session(DEFINITION).take_away("x")["error"]["message"]


def test_the_form_asks_for_the_fields_the_letter_uses():
    for phrases in (RU, EN):
        part_ways = form(phrases, "part-ways")["groups"]
        assert [g["topic"] for g in part_ways] == [""]
        assert [f["name"] for f in part_ways[0]["fields"]] == [
            "client_name",
            "project",
            "sender_name",
            "end_date",
            "handover",
            "referrals",
        ]
        # A last attempt asks only for the fields of the signs it speaks of.
        last = form(phrases, "last-attempt", "not-exhausted", ["invoices"])["groups"]
        assert [g["topic"] for g in last] == ["", "invoices"]
        assert [f["name"] for f in last[0]["fields"]] == ["client_name", "project", "sender_name", "reply_by"]
        assert [f["name"] for f in last[1]["fields"]] == ["payment_terms", "unpaid_invoices"]
        for group in part_ways + last:
            for field in group["fields"]:
                assert field["label"] == phrases["fields"][field["name"]]["label"]
                assert field["list"] == (field["name"] in LIST_FIELDS)
        # Wordings: only the blocks this letter holds.
        wordings = [w["block"] for w in form(phrases, "last-attempt", None, ["invoices"])["wordings"]]
        assert wordings == [
            "greeting",
            "attempt-intro",
            "invoices",
            "invoices-open",
            "invoices-pause",
            "reply",
            "attempt-closing",
            "signoff",
        ]


def test_none_fields_and_none_values_are_empty():
    assert assemble(RU, "part-ways", None) == assemble(RU, "part-ways", {"project": None})


def test_blocks_lists_the_templates_for_a_picker():
    items = blocks(EN, "last-attempt", TOPICS)
    assert [b["id"] for b in items] == EN["kinds"]["last-attempt"]["blocks"]
    intro = items[1]
    assert intro["text"] == intro["variants"][0] == EN["blocks"]["attempt-intro"]["variants"][0]
    assert intro["slots"] == ["project"] and intro["section"] == "last-attempt" and intro["topic"] == ""
    pause = next(b for b in items if b["id"] == "invoices-pause")
    assert pause["fallback"] == [] and pause["slots"] == [] and pause["topic"] == "invoices"
    assert [b["optional"] for b in blocks(EN, "part-ways")].count(True) == 3
    assert next(b for b in blocks(EN, "part-ways") if b["id"] == "decision")["opt_in"] == [2]
    assert [b["id"] for b in blocks(EN, "last-attempt")] == [
        "greeting",
        "attempt-intro",
        "reply",
        "attempt-closing",
        "signoff",
    ]


# ------------------------------------------------------------------ every combination: no "you"

# Realistic reader text without a "you" (the guarantee is about the phrases, not the reader's words).
SAMPLE = {
    "ru": {**FILLED, "referrals": "Студия «Лис»\nВашингтонский блог", "client_name": "Вызов и Ко"},
    "en": {**FILLED_EN, "referrals": "Youth Media\nBayou Design", "client_name": "Young & Co"},
    "uk": {**FILLED_UK, "referrals": "Студія «Лис»\nВашингтонський блог", "client_name": "Виклик і Ко"},
}


def field_patterns(names):
    """Every way of leaving some of ``names`` empty: one dict of values per subset."""
    for filled in itertools.product((False, True), repeat=len(names)):
        yield dict(zip(names, filled, strict=True))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_block_variant_and_field_combination_is_free_of_you(lang, kind):
    """Every variant of every block under every combination of empty and filled fields.

    A letter is its blocks joined by blank lines or a space, and no form of "you" holds
    a space, so these are all the texts any letter can be made of; the next tests
    assemble whole letters.
    """
    assert all(" " not in form and "\n" not in form for form in ANY_YOU)
    phrases = BY_LANG[lang]
    seen = 0
    for item in blocks(phrases, kind, TOPICS):
        block = phrases["blocks"][item["id"]]
        for pattern in field_patterns(item["slots"]):
            values = _fields(phrases, {name: SAMPLE[lang][name] for name, on in pattern.items() if on})
            for index in range(len(block["variants"])):
                text = _render(block, index, values)
                assert check(text, ANY_YOU)["count"] == 0, (item["id"], text)
                seen += 1
    assert seen > 20


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_wording_and_optional_block_is_free_of_you(lang, kind):
    """Whole letters, every field filled, each wording of every block (the n-th wording of
    each block at once) under every on/off setting of the optional blocks."""
    phrases = BY_LANG[lang]
    items = blocks(phrases, kind, TOPICS)
    optional = [b["id"] for b in items if b["optional"]]
    widest = max(len(b["variants"]) for b in items)
    count = 0
    for n in range(widest):
        choices = {b["id"]: n % len(b["variants"]) for b in items}
        for switches in itertools.product((True, False), repeat=len(optional)):
            made = assemble(
                phrases, kind, SAMPLE[lang], choices, dict(zip(optional, switches, strict=True)), topics=TOPICS
            )
            assert made["you"]["count"] == 0, (choices, made["text"])
            count += 1
    assert count == widest * 2 ** len(optional)


# ------------------------------------------------------------------ the reader's own case (issue 20)

SIGN_WEIGHTS = {
    q["id"]: q["weight"]
    for q in tomllib.loads((ROOT / "quiz" / "definition.toml").read_text("utf-8"))["questions"]
    if q["kind"] == "sign"
}
ANSWERS = dict.fromkeys(SIGN_WEIGHTS, "never") | {"self-check": "done", "exhausted": "no", "certainty": "sure"}


def letter_topics(made: dict) -> list[str]:
    """The topics a letter speaks of, read from its blocks' markers, in letter order."""
    return list(dict.fromkeys(b["topic"] for b in made["blocks"] if b["topic"]))


def topic_cases():
    """Every set of flagged signs a last attempt can have (all 2^6 subsets of the signs that
    are not hard stops, answered "often"), and every "accumulated" case (no sign often, the
    "sometimes" ones adding up to the threshold)."""
    definition = api_definition()
    for size in range(len(TOPICS) + 1):
        for flagged in itertools.combinations(TOPICS, size):
            yield "flagged", {**ANSWERS, **dict.fromkeys(flagged, "often")}
            sometimes = {**ANSWERS, **dict.fromkeys(flagged, "sometimes")}
            if sum(SIGN_WEIGHTS[s] for s in flagged) >= definition["threshold"]:
                yield "accumulated", sometimes


def api_definition():
    return tomllib.loads((ROOT / "quiz" / "definition.toml").read_text("utf-8"))


def test_a_last_attempt_speaks_of_exactly_the_readers_signs():
    """The topic map: for every case, in both languages and with every wording, the letter's
    topics are exactly the result's signs (flagged, or those that added up), in the
    questions' order; no "you"; a reply-by sentence."""

    definition = api_definition()
    cases = 0
    for how, answers in topic_cases():
        result = Session(definition).assess(answers)
        assert "error" not in result
        if result["verdict"] == "keep":
            assert how == "flagged" and not any(v == "often" for v in answers.values())
            assert "letter" not in result
            continue
        assert result["verdict"] == "last-attempt" and result["letter"]["kind"] == "last-attempt"
        expected = [s for s in TOPICS if answers[s] != "never"]
        assert result["letter"]["topics"] == expected, (how, answers)
        assert result["accumulated"] == (how == "accumulated")
        for lang, phrases in BY_LANG.items():
            items = blocks(phrases, "last-attempt", expected)
            for n in range(3):
                choices = {b["id"]: n % len(b["variants"]) for b in items}
                for fields in ({}, SAMPLE[lang]):
                    made = assemble(phrases, "last-attempt", fields, choices, topics=result["letter"]["topics"])
                    assert letter_topics(made) == expected, (lang, how, expected, made["text"])
                    assert made["you"]["count"] == 0, made["text"]
                    assert "reply" in [b["id"] for b in made["blocks"]]
                    if "scope-creep" not in expected:  # no word of scope unless it was flagged
                        assert not re.search(SCOPE_WORDS, made["text"], re.I), made["text"]
                    cases += 1
    assert cases >= 64 * 2 * 3 * 2


def test_part_ways_never_preselects_a_breach_claim():
    """For every deciding rule and the keep + exhausted offer, the default letter claims no
    breach; the opt-in wording appears only when chosen."""

    definition = api_definition()
    hard_stop = {**ANSWERS, "aggression": "sometimes"}
    exhausted = {**ANSWERS, "invoices": "often", "exhausted": "yes"}
    keep_exhausted = {**ANSWERS, "schedule": "sometimes", "exhausted": "yes"}
    for answers, rule in ((hard_stop, "hard-stop"), (exhausted, "exhausted"), (keep_exhausted, "clear")):
        result = Session(definition).assess(answers)
        assert "error" not in result
        assert result["rule"] == rule and result["letter"]["kind"] == "part-ways"
        assert result["letter"]["opt_in"] == (result["verdict"] == "keep")
        for lang, phrases in BY_LANG.items():
            breach = list(phrases["blocks"]["decision"]["variants"][2:])
            for fields in ({}, SAMPLE[lang]):
                made = assemble(phrases, "part-ways", fields, rule=rule, topics=result["letter"]["topics"])
                assert not re.search(BREACH, made["text"], re.I), made["text"]
                chosen = assemble(phrases, "part-ways", fields, {"decision": 2}, rule=rule)
                assert re.search(BREACH, chosen["text"], re.I)
                assert any(t.split(":")[-1] in chosen["text"] for t in breach)


# ------------------------------------------------------------------ reader text is plain text


def test_reader_text_is_cleaned():
    assert clean_line("  Анна\x00\x07 \u202eСергеевна\u200b\r\n ") == "Анна Сергеевна"
    assert clean_line("a\tb\u00a0\u2028c") == "a b c"
    assert clean_line("👩‍👩‍👧 ok") == "👩‍👩‍👧 ok"  # ZWJ kept
    assert clean_items("one\r\ntwo\rthree\u2029\n\n  - four\n1. five\n-6%") == [
        "one",
        "two",
        "three",
        "four",
        "five",
        "-6%",
    ]
    assert clean_items(["  a  b ", "\n", "* c"]) == ["a b", "c"]


HOSTILE = "\ufeffDear Anna,\x00\n\nThe invoice \u202eis paid\u202c and \u2066hidden\u2069.\u200b\r\n\u200e"


def test_the_letter_leaves_without_hidden_characters_and_the_reader_is_told():
    text, removed = clean_letter(HOSTILE)
    assert text == "Dear Anna,\n\nThe invoice is paid and hidden."
    assert removed == 8
    for phrases in (RU, EN):
        out = take_away(HOSTILE, phrases)
        assert out["text"] == text and out["removed"] == 8
        assert out["notice"] == phrases["texts"]["removed"].replace("{count}", "8")
        assert take_away("Plain text.\n", phrases) == {"text": "Plain text.", "removed": 0, "notice": ""}
    assert "‍" in clean_letter("👩‍👩‍👧")[0]  # ZWJ sequences stay whole
    with pytest.raises(DraftError, match="text"):
        take_away(None, EN)


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
    draft = assemble(
        RU, "last-attempt", {"client_name": "Анна", "extra_requests": ["ваш логотип 😀", "вам"]}, topics=["scope-creep"]
    )
    you = draft["you"]
    assert [m["word"] for m in you["matches"]] == ["ваш", "вам"]
    for m in you["matches"]:
        assert draft["text"][m["start"] : m["end"]] == m["word"]
    assert you["matches"][1]["start16"] == you["matches"][1]["start"] + 1  # after one emoji


# ------------------------------------------------------------------ Hypothesis: no "you" in, no "you" out

line_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
free_line = line_text.filter(lambda s: check(s, ANY_YOU)["count"] == 0)
field_values = st.fixed_dictionaries(
    {},
    optional={
        name: st.one_of(st.none(), free_line, st.lists(free_line, max_size=4))
        if name in LIST_FIELDS
        else st.one_of(st.none(), free_line)
        for name in FIELDS
    },
)


def no_you_after_cleaning(fields) -> bool:
    for value in fields.values():
        if value is None:
            continue
        items = clean_items(value) if not isinstance(value, str) else [clean_line(value), *clean_items(value)]
        if any(check(item, ANY_YOU)["count"] for item in items):
            return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    fields=field_values,
    lang=st.sampled_from(LANGS),
    kind=st.sampled_from(KINDS),
    choices=st.fixed_dictionaries({}, optional={"greeting": st.integers(0, 2), "signoff": st.integers(0, 1)}),
    rule=st.sampled_from([None, "hard-stop", "exhausted", "not-exhausted", "clear"]),
    topics=st.lists(st.sampled_from(TOPICS), unique=True).map(lambda t: sorted(t, key=TOPICS.index)),
)
def test_fields_without_you_give_a_draft_without_you(fields, lang, kind, choices, rule, topics):
    # Dropping control characters could join "в\x00ы" into "вы": that is the reader's "вы".
    assume(no_you_after_cleaning(fields))
    draft = assemble(BY_LANG[lang], kind, fields, choices, rule=rule, topics=topics)
    assert letter_topics(draft) == (topics if kind == "last-attempt" else [])
    assert draft["you"]["count"] == 0, (draft["text"], draft["you"])
    assert check(draft["text"], ANY_YOU)["count"] == 0
    for block in draft["blocks"]:
        assert block["text"].strip() == block["text"] and block["text"]
    assert "\n\n\n" not in draft["text"]


@settings(max_examples=200, deadline=None)
@given(
    fields=st.fixed_dictionaries({}, optional={f: st.one_of(st.none(), st.text(max_size=30)) for f in FIELDS}),
    lang=st.sampled_from(LANGS),
    kind=st.sampled_from(KINDS),
)
def test_any_text_assembles_and_offsets_point_into_it(fields, lang, kind):
    draft = assemble(BY_LANG[lang], kind, fields, topics=TOPICS)
    for m in draft["you"]["matches"]:
        assert draft["text"][m["start"] : m["end"]] == m["word"]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]", draft["text"])


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_take_away_is_plain_and_counts_what_it_removed(text):
    out = take_away(text, EN)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufeff\u200b\u200e\u200f]", out["text"])
    assert (out["notice"] != "") == (out["removed"] > 0)
    assert clean_letter(out["text"]) == (out["text"], 0)  # cleaning twice changes nothing


# ------------------------------------------------------------------ Markdown result

RESULT = {
    "verdict": "part-ways",
    "score": 14,
    "max_score": 24,
    "headline": "Пора расставаться",
    "explanation": "Агрессия — это стоп-сигнал.\n\nПоследняя попытка здесь не нужна.",
    "flagged": [
        {
            "id": "aggression",
            "section": "sign-aggression",
            "page": "recognize",
            "text": "Агрессивен или груб в общении",
            "title": "Агрессия",
        },
        {"id": "invoices", "section": "sign-invoices", "page": "recognize", "text": "Оспаривает счета"},
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


def indented(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.split("\n"))


def test_markdown_result_has_the_followup():
    followup = {
        "heading": "If you still decide to part ways",
        "steps": [{"section": "professional", "page": "part-ways", "note": "Facts only.", "title": "Part well"}],
    }
    md = markdown_result({**RESULT, "followup": followup}, None, EN, LINKS)
    step = "1. [Part well](https://kit.example/part-ways/#professional)\u00a0— Facts only."
    assert f"## If you still decide to part ways\n\n{step}" in md


def test_markdown_result_has_every_part():
    draft = assemble(RU, "part-ways", FILLED)
    md = markdown_result(RESULT, draft, RU, LINKS)
    assert md.startswith("# Результат самооценки\n\n## Пора расставаться\n")
    assert "**Итог:** пора расставаться" in md
    assert "Баллы: 14 из 24" in md
    assert "Агрессия — это стоп\\-сигнал." not in md  # inline '-' is not escaped needlessly
    assert "Агрессия — это стоп-сигнал.\n\nПоследняя попытка здесь не нужна." in md
    # A no-break space before each dash: the note stays on its title's line.
    assert "- [Агрессия](https://kit.example/recognize/#sign-aggression)\u00a0— Агрессивен или груб в общении" in md
    assert "- [Оспаривает счета](/recognize/#sign-invoices)" in md
    assert "1. [Профессионально](https://kit.example/part-ways/#professional)\u00a0— Только факты." in md
    assert "2. [Без «вы».](https://kit.example/part-ways/#avoid-you)\n" in md
    assert f"## Черновик письма\n\n{indented(draft['text'])}\n\n" in md
    assert "[Формы «вы» в черновике](https://kit.example/part-ways/#avoid-you): 0" in md
    html = markdown.markdown(md)
    assert html.count("<a ") == 5 and html.count("<pre>") == 1


def test_markdown_result_in_english_without_draft():
    md = markdown_result({**RESULT, "verdict": "keep", "flagged": [], "plan": [], "headline": ""}, None, EN, {})
    assert md.startswith("# Self-assessment result\n\n## a difficult client, not a toxic one\n")
    verdict_line = next(line for line in md.split("\n") if line.startswith("**Verdict:**"))
    assert verdict_line.count(":") == 1, verdict_line  # no second colon inside the verdict line
    assert "Score: 14 out of 24" in md
    assert "Draft message" not in md and "Warning signs" not in md


class Elements(HTMLParser):
    """Every element and attribute in rendered HTML, and the text of each <pre>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.pre: list[str] = []
        self._in_pre = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]
        if tag == "pre":
            self._in_pre = True
            self.pre.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data):
        if self._in_pre:
            self.pre[-1] += data


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


EVIL = [
    "[click](https://evil.example)",
    "![img](https://evil.example/x.png)",
    "<script>alert(1)</script>",
    "<a href='https://evil.example'>x</a>",
    "&lt;b&gt;",
    "# heading",
    "> quote",
    "1. list",
    "- item",
    "*bold* _it_ `code` ~~s~~ | a | b |",
    "\\[x\\](y)",
    "[x]: https://evil.example",
    "===",
    "<img src=x onerror=alert(1)>",
    "<div>\n<img src=x onerror=alert(1)>\n</div>",
    "<!-- x --><b>b</b>",
    "```\n<script>alert(1)</script>\n```",
    "    <script>alert(2)</script>",
    "<https://evil.example>",
]
# What the document may contain: our headings, lists, emphasis, our links, the rule, the letter's code block.
ALLOWED = {"h1", "h2", "p", "strong", "em", "ul", "ol", "li", "a", "hr", "pre", "code"}


@pytest.mark.parametrize("evil", EVIL)
@pytest.mark.parametrize("extensions", [[], ["fenced_code", "tables"]], ids=["markdown-pl", "extended"])
def test_markdown_is_inert_in_every_dialect(evil, extensions):
    """Python-Markdown without extensions renders like Markdown.pl (raw HTML passes through):
    nothing typed by the reader or carried by the result becomes an element."""
    result = {
        "verdict": "part-ways",
        "score": 1,
        "max_score": 2,
        "headline": evil,
        "explanation": evil,
        "flagged": [{"id": "x", "section": "sign-x", "page": "recognize", "text": evil, "title": evil}],
        "plan": [{"section": "avoid-you", "page": "part-ways", "note": evil, "title": evil}],
    }
    letter = f"{evil}\n```\n{evil}\n````\n\n\ufeff\u202e{evil}\x00"
    md = markdown_result(result, {"text": letter, "lang": "en"}, EN, {"sign-x": "https://ok.example/#x"})
    found = elements(markdown.markdown(md, extensions=extensions))
    assert set(found.tags) <= ALLOWED, found.tags
    assert [a for a in found.attrs if a[:2] != ("a", "href")] == []
    assert [a[2] for a in found.attrs] == ["https://ok.example/#x"]  # only our own link to sign-x
    assert found.tags.count("h1") == 1 and found.tags.count("pre") == 1
    # The letter survives verbatim (cleaned like the .txt) as the one code block.
    assert found.pre == [clean_letter(letter)[0] + "\n"]


def test_escape_markdown_keeps_text_readable():
    assert escape_markdown("Простой текст, без разметки.") == "Простой текст, без разметки."
    assert escape_markdown("[x](y) <b> & *") == "\\[x\\](y) &lt;b&gt; &amp; \\*"
    assert escape_markdown("# h") == "\\# h"
    assert escape_markdown("12. twelve") == "12\\. twelve"
    assert escape_markdown("line\nbreak") == "line break"


def test_markdown_links_only_http_or_relative():
    for url in ("javascript:alert(1)", "data:text/html,x", "vbscript:x", None, 5):
        md = markdown_result(RESULT, None, RU, {"sign-aggression": url})  # type: ignore[dict-item]  # the wrong type on purpose
        assert "](" not in md.split("## План")[0].split("## Замеченные")[1]
    md = markdown_result(RESULT, None, RU, {"sign-aggression": "https://x.example/a b)(c"})
    assert "[Агрессия](https://x.example/a%20b%29%28c)" in md


def test_markdown_result_rejects_bad_input():
    with pytest.raises(DraftError, match="localized phrases"):
        markdown_result(RESULT, None, 5, LINKS)  # type: ignore[arg-type]  # the wrong type on purpose
    with pytest.raises(DraftError, match="text"):
        markdown_result(RESULT, {"blocks": []}, RU, LINKS)


# ------------------------------------------------------------------ vectors replayed in Pyodide


def vector_cases() -> list[dict]:
    cases = []
    checks = [
        ("ru-forms", "ru", "Вы, ВАС, вАш, вашему, «вы», по-вашему; вызов, Вашингтон, ваза."),
        ("en-forms", "en", 'You\'re sure? "you," YOURS, yourself, you’ll; youth, bayou, yourt, Young.'),
        ("emoji-utf16", "ru", "😀 Вы 👩‍👩‍👧 ваш 🇷🇺 вам"),
        ("math-letters-utf16", "en", "𝕏𝕐 your 𝒜 you"),
        ("stress-and-yo", "ru", "вы́ вы́зов твоё твое"),
        ("uk-forms", "uk", "Ви, ВАС, вашої, твоє, твому; виклик, вишня, тиша, твір, Вашингтон."),
        ("empty", "en", ""),
        ("many-marks-capped", "en", "you " * 250),
    ]
    for name, lang, text in checks:
        cases.append(
            {
                "name": f"check/{name}",
                "lang": lang,
                "fn": "check",
                "input": {"text": text},
                "expected": check(text, BY_LANG[lang]["you"]),
            }
        )
    for lang, fields in FILLED_BY_LANG.items():
        for kind in KINDS:
            for label, f, choices, include, rule in (
                ("empty", {}, {}, {}, "clear"),
                ("filled", fields, {}, {}, "not-exhausted"),
                ("choices", fields, {"greeting": 1, "signoff": 1}, {}, "exhausted"),
                ("hard-stop", fields, {}, {}, "hard-stop"),
            ):
                if kind == "part-ways" and label == "hard-stop":
                    include = {"door-open": True}
                topics = TOPICS if kind == "last-attempt" and label != "choices" else ["invoices", "expertise"]
                if kind == "part-ways":
                    topics = []
                cases.append(
                    {
                        "name": f"draft/{lang}/{kind}/{label}",
                        "lang": lang,
                        "fn": "draft",
                        "input": {
                            "kind": kind,
                            "fields": f,
                            "choices": choices,
                            "include": include,
                            "rule": rule,
                            "topics": topics,
                        },
                        "expected": assemble(BY_LANG[lang], kind, f, choices, include, rule, topics),
                    }
                )
    dirty = {
        "client_name": " \u202eАнна\x00 ",
        "project": "«Ромашка» 😀",
        "extra_requests": "ваш логотип\r\n\r\n* вам баннер",
    }
    cases.append(
        {
            "name": "draft/ru/last-attempt/dirty-and-you",
            "lang": "ru",
            "fn": "draft",
            "input": {
                "kind": "last-attempt",
                "fields": dirty,
                "choices": {},
                "include": {},
                "rule": "not-exhausted",
                "topics": ["scope-creep"],
            },
            "expected": assemble(RU, "last-attempt", dirty, {}, {}, "not-exhausted", ["scope-creep"]),
        }
    )
    return json.loads(json.dumps(cases, ensure_ascii=False))


def write_vectors() -> None:
    lines = (json.dumps(case, ensure_ascii=False) for case in vector_cases())
    VECTORS_PATH.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


def replay(case: dict):
    """What tests/node does inside Pyodide: ``check`` with the language's forms, or ``assemble`` with the
    phrases the quiz page of that language carries and the input's kind/fields/choices/include/rule/topics."""
    if case["fn"] == "check":
        return check(case["input"]["text"], BY_LANG[case["lang"]]["you"])
    i = case["input"]
    return assemble(BY_LANG[case["lang"]], i["kind"], i["fields"], i["choices"], i["include"], i["rule"], i["topics"])


def test_vectors_match_cpython():
    stored = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    assert stored == vector_cases(), "run: .venv/bin/python tests/quiz/test_draft.py --write-vectors"
    for case in stored:
        assert set(case) == {"name", "lang", "fn", "input", "expected"}
        assert replay(case) == case["expected"]
        assert "null" not in json.dumps(case["expected"])  # None would come back to JS as undefined
    assert len({c["name"] for c in stored}) == len(stored)


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-vectors"]:
        write_vectors()
        print(f"wrote {VECTORS_PATH}")
    else:
        sys.exit("usage: test_draft.py --write-vectors")
