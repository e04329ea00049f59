"""quiz.localize and the English catalogue content/translations/en/quiz.po."""

from __future__ import annotations

import copy
import re
import string
import tomllib

import polib
import pytest

from quiz.localize import localize, missing, strings
from quiz.model import parse
from quiz.session import Session
from scripts.paths import ROOT

PO_PATH = ROOT / "content" / "translations" / "en" / "quiz.po"
with (ROOT / "quiz" / "definition.toml").open("rb") as _fh:
    RAW = tomllib.load(_fh)
CYRILLIC = re.compile("[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


@pytest.fixture(scope="module")
def english(catalogue) -> dict:
    return {e.msgctxt: e.msgstr for e in catalogue if e.msgstr and not e.fuzzy and not e.obsolete}


def all_strings(value, path=()):
    """Every string value in the definition with its key path (to find untranslatable text)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from all_strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from all_strings(v, (*path, i))
    elif isinstance(value, str):
        yield path, value


# --- strings() -------------------------------------------------------------------------


def test_contexts_are_unique_and_named_as_documented():
    contexts = [c for c, _ in strings(RAW)]
    assert len(contexts) == len(set(contexts))
    assert contexts[:2] == ["quiz.question.schedule.text", "quiz.question.schedule.hint"]
    for ctx in [
        "quiz.scale.frequency.never",
        "quiz.verdict.keep.title",
        "quiz.ui.submit",
        "quiz.note.avoid-you",
        "quiz.question.self-check.option.not-yet",
        "quiz.verdict.last-attempt.note.in-writing",
        "quiz.reason.hard-stop",
        "quiz.question.aggression.short",
        "quiz.notice.provisional",
    ]:
        assert ctx in contexts


def test_order_is_stable_and_follows_the_definition():
    assert strings(RAW) == strings(copy.deepcopy(RAW))
    contexts = [c for c, _ in strings(RAW)]
    firsts = [
        next(i for i, c in enumerate(contexts) if c.startswith(p))
        for p in ("quiz.question.", "quiz.scale.", "quiz.verdict.", "quiz.reason.", "quiz.note.", "quiz.ui.")
    ]
    assert firsts == sorted(firsts)


def test_every_russian_text_is_translatable():
    listed = {text for _, text in strings(RAW)}
    for path, text in all_strings(RAW):
        if CYRILLIC.search(text):
            assert text in listed, f"{path} is not offered for translation"


def test_ids_and_enums_are_not_translatable():
    listed = {text for _, text in strings(RAW)}
    assert not listed & {"schedule", "sign", "context", "recognize", "part-ways", "frequency"}


def test_section_titles_are_left_to_the_build():
    raw = copy.deepcopy(RAW)
    raw["sections"]["avoid-you"]["title"] = "Избегайте слова «вы»"
    assert strings(raw) == strings(RAW)


def test_partial_definition_does_not_crash():
    assert strings({}) == []
    assert strings({"questions": [{"id": "x", "text": "Текст"}, "junk"], "ui": None}) == [
        ("quiz.question.x.text", "Текст")
    ]


# --- localize() / missing() ------------------------------------------------------------


def test_localize_replaces_and_leaves_the_input_alone():
    before = copy.deepcopy(RAW)
    result = localize(RAW, {"quiz.ui.submit": "Show", "quiz.scale.frequency.often": "Often"})
    assert before == RAW
    assert result["ui"]["submit"] == "Show"
    assert result["scales"]["frequency"]["options"][2]["label"] == "Often"
    assert result["ui"]["reset"] == RAW["ui"]["reset"]


def test_empty_translation_keeps_the_source():
    result = localize(RAW, {"quiz.ui.submit": ""})
    assert result["ui"]["submit"] == RAW["ui"]["submit"]


def test_missing_lists_untranslated_contexts_in_order():
    contexts = [c for c, _ in strings(RAW)]
    assert missing(RAW, {}) == contexts
    assert missing(RAW, dict.fromkeys(contexts[1:], "x") | {contexts[0]: ""}) == [contexts[0]]


# --- The English catalogue -------------------------------------------------------------


def test_catalogue_header(catalogue):
    assert catalogue.metadata["Language"] == "en"
    assert "charset=UTF-8" in catalogue.metadata["Content-Type"]


def test_catalogue_is_complete_and_current(catalogue):
    entries = {e.msgctxt: e for e in catalogue if not e.obsolete}
    for ctx, russian in strings(RAW):
        entry = entries.get(ctx)
        assert entry is not None, f"{ctx}: no entry in {PO_PATH.name}"
        assert entry.msgid == russian, f"{ctx}: msgid is stale; the Russian text changed"
        assert entry.msgstr.strip(), f"{ctx}: empty msgstr"
        assert not entry.fuzzy, f"{ctx}: fuzzy"


def test_catalogue_has_no_leftover_entries(catalogue):
    current = {c for c, _ in strings(RAW)}
    assert {e.msgctxt for e in catalogue if not e.obsolete} == current


def test_english_is_english_and_keeps_placeholders(english):
    source = dict(strings(RAW))

    def fields(text: str) -> list[str]:
        return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)

    for ctx, text in english.items():
        assert not CYRILLIC.search(text), f"{ctx}: Cyrillic in the English text"
        assert fields(text) == fields(source[ctx]), f"{ctx}: placeholders differ"


def test_english_definition_is_valid_and_scores_the_same(english):
    en = localize(RAW, english)
    assert missing(RAW, english) == []
    parse(en)
    given = {
        "schedule": "often",
        "scope-creep": "never",
        "belittling": "sometimes",
        "invoices": "never",
        "aggression": "never",
        "review-threats": "never",
        "nitpicking": "never",
        "expertise": "often",
        "self-check": "not-yet",
        "exhausted": "no",
        "certainty": "unsure",
    }
    ru_result, en_result = Session(RAW).assess(given), Session(en).assess(given)
    assert "error" not in ru_result and "error" not in en_result, (ru_result, en_result)
    for key in ("verdict", "score", "max_score", "threshold", "accumulated", "rule"):
        assert ru_result[key] == en_result[key]
    assert [p["section"] for p in ru_result["plan"]] == [p["section"] for p in en_result["plan"]]
    assert en_result["headline"] == "Make one last attempt"
    assert en_result["flagged"][0]["answer_label"] == "Often"


def test_cyrillic_round_trips_through_po(tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt="quiz.ui.submit", msgid=RAW["ui"]["submit"], msgstr="Go"))
    po.save(str(tmp_path / "t.po"))
    assert polib.pofile(str(tmp_path / "t.po"))[0].msgid == RAW["ui"]["submit"]


# --- One voice in each language (issue 10 §3) ------------------------------------------

# British spellings the English used to mix in; the product writes US English.
BRITISH = re.compile(
    r"\b(behaviour|realis\w*|criticis\w*|organis\w*|colour\w*|favour\w*|apologis\w*|"
    r"recognis\w*|analys(e|ed|ing)|cancelled|programme)\b",
    re.I,
)


def test_russian_quiz_strings_keep_a_dash_on_its_line():
    """Russian typography: a no-break space before « — », as the guide's own text has."""
    for ctx, text in strings(RAW):
        assert " —" not in text and " - " not in text, f"{ctx}: use \\u00a0— (a no-break space before the dash)"


def test_russian_quiz_strings_never_call_the_reader_ty():
    """The page speaks to the reader as «вы»; a string that says «без обращения на «вы»»
    reads as a switch to «ты» (issue 10 §3)."""
    for ctx, text in strings(RAW):
        assert "обращени" not in text, f"{ctx}: say what the phrases lack, not how they address the reader"


def test_english_quiz_strings_are_in_one_voice(english):
    for ctx, text in english.items():
        assert "'" not in text and '"' not in text, f"{ctx}: use curly quotes and apostrophes (’ “ ”)"
        assert not BRITISH.search(text), f"{ctx}: US spelling"
        assert not re.search(r"deal-?breaker|hard-stop sign", text, re.I), f"{ctx}: the term is “hard stop”"
        assert " — " not in text, f"{ctx}: US style closes up the em dash (or rewrite without one)"
