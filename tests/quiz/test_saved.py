"""quiz.saved and its quiz.api entry points: the answers file a reader keeps, every way a
file is refused (with the reader's message in both languages), and the comparison of two
assessments (signs that appeared, disappeared, moved; score and verdict then and now)."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import localize, saved
from quiz.contract import REQUIRED_UI
from quiz.draft import escape_markdown
from quiz.model import parse
from quiz.session import Session
from scripts.paths import ROOT
from tests.expect import ok

SIGNS = ["schedule", "scope-creep", "belittling", "invoices", "aggression", "review-threats", "nitpicking", "expertise"]

with (ROOT / "quiz" / "definition.toml").open("rb") as _fh:
    RU = tomllib.load(_fh)


def _english() -> dict:
    import polib

    po = polib.pofile(str(ROOT / "content" / "translations" / "en" / "quiz.po"))
    return localize.localize(RU, {e.msgctxt: e.msgstr for e in po if e.msgstr and not e.obsolete})


EN = _english()
DEFINITIONS = {"ru": RU, "en": EN}
MODEL = parse(RU)


def answers(**signs: str) -> dict[str, str]:
    result = dict.fromkeys(SIGNS, "never")
    result.update({k.replace("_", "-"): v for k, v in signs.items()})
    result.update({"self-check": "done", "exhausted": "no", "certainty": "sure"})
    return result


def file_text(**fields) -> str:
    data = {
        "format": "parting-kit-answers",
        "version": 1,
        "definition_version": 1,
        "saved_on": "2026-11-01",
        "answers": answers(),
    }
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


# --- Saving -----------------------------------------------------------------------------


def test_saved_file_is_small_versioned_json_with_every_answer_in_definition_order():
    given_answers = dict(reversed(list(answers(invoices="often").items())))
    made = ok(Session(RU).save_answers(given_answers, "2026-12-01"))
    data = json.loads(made["text"])
    assert data == {
        "format": "parting-kit-answers",
        "version": 1,
        "definition_version": 1,
        "saved_on": "2026-12-01",
        "answers": answers(invoices="often"),
    }
    assert list(data["answers"]) == [q.id for q in MODEL.questions]
    assert len(made["text"].encode()) < 1024 < saved.MAX_BYTES
    assert made["filename"] == "parting-kit-answers-2026-12-01.json"
    assert made["type"] == "application/json"
    assert "parting-kit-answers-2026-12-01.json" in made["message"]


def test_saving_incomplete_answers_is_refused_like_an_assessment():
    made = Session(RU).save_answers({"schedule": "often"}, "2026-12-01")
    assert made["error"]["kind"] == "answers" and "invoices" in made["error"]["questions"]


@pytest.mark.parametrize("date", ["2026-13-01", "2026-02-30", "01.12.2026", "", None, 20261201])
def test_saving_with_a_date_that_is_not_a_day_is_refused(date):
    assert Session(RU).save_answers(answers(), date)["error"]["kind"] == "saved"


def test_leap_day_is_a_day():
    assert saved.check_date("2028-02-29") == "2028-02-29"
    with pytest.raises(saved.SavedError):
        saved.check_date("2100-02-29")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_saved_file_opens_again_in_either_language(lang):
    text = ok(Session(RU).save_answers(answers(aggression="sometimes"), "2026-11-01"))["text"]
    opened = ok(Session(DEFINITIONS[lang]).open_answers(text, len(text.encode())))
    assert opened["answers"] == answers(aggression="sometimes")
    assert opened["saved_on"] == "2026-11-01"
    assert "2026-11-01" in opened["message"]


@given(
    st.fixed_dictionaries({s: st.sampled_from(["never", "sometimes", "often"]) for s in SIGNS}),
    st.sampled_from(["done", "not-yet"]),
    st.sampled_from(["yes", "no"]),
)
def test_round_trip_keeps_every_answer(signs, self_check, exhausted):
    chosen = {**answers(), **signs, "self-check": self_check, "exhausted": exhausted}
    text = ok(Session(RU).save_answers(chosen, "2026-11-01"))["text"]
    assert ok(Session(RU).open_answers(text))["answers"] == chosen


def test_a_byte_order_mark_from_an_editor_is_harmless():
    assert "answers" in Session(RU).open_answers("\ufeff" + file_text())


# --- Refusing ---------------------------------------------------------------------------

BAD_FILES = {
    # name: (file text, the [ui] key of the message, a text the reader's message must quote)
    "not-json": ("Dear diary,\nthe client was rude again.", "saved_not_json", None),
    "empty": ("", "saved_not_json", None),
    "json-array": ("[1, 2, 3]", "saved_wrong_format", None),
    "other-format": (file_text(format="something-else"), "saved_wrong_format", None),
    "no-format": (json.dumps({"answers": answers()}), "saved_wrong_format", None),
    "newer-version": (file_text(version=2), "saved_wrong_version", "2"),
    "version-as-text": (file_text(version="1"), "saved_wrong_version", "1"),
    "version-true": (file_text(version=True), "saved_wrong_version", "true"),
    "other-questions": (file_text(definition_version=7), "saved_other_questions", "7"),
    "extra-field": (file_text(score=52), "saved_extra_field", "score"),
    "missing-answers-field": (
        json.dumps({"format": "parting-kit-answers", "version": 1, "definition_version": 1, "saved_on": "2026-11-01"}),
        "saved_wrong_format",
        None,
    ),
    "bad-date": (file_text(saved_on="yesterday"), "saved_wrong_format", None),
    "answers-not-object": (file_text(answers=["often"] * 11), "saved_wrong_format", None),
    "unknown-question": (file_text(answers={**answers(), "weather": "often"}), "saved_unknown_question", "weather"),
    # The page's other language: Russian labels where option ids belong...
    "translated-labels": (file_text(answers={**answers(), "invoices": "Часто"}), "saved_bad_value", "Часто"),
    # ...and question ids that were translated.
    "translated-question": (file_text(answers={"расписание": "often"}), "saved_unknown_question", "расписание"),
    "english-label": (file_text(answers={**answers(), "invoices": "Often"}), "saved_bad_value", "Often"),
    "number-answer": (file_text(answers={**answers(), "invoices": 2}), "saved_bad_value", "2"),
    "null-answer": (file_text(answers={**answers(), "invoices": None}), "saved_bad_value", "null"),
    "incomplete": (file_text(answers={"schedule": "often"}), "saved_incomplete", "10"),
    "duplicate-key": ('{"format": "parting-kit-answers", "format": "parting-kit-answers"}', "saved_wrong_format", None),
    "script-in-question": (
        file_text(answers={**answers(), "<script>alert(1)</script>": "often"}),
        "saved_unknown_question",
        "<script>alert(1)</script>",
    ),
    "script-in-value": (
        file_text(answers={**answers(), "invoices": "<img src=x onerror=alert(1)>"}),
        "saved_bad_value",
        "<img src=x onerror=alert(1)>",
    ),
}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_with_the_readers_message(name, lang):
    text, key, quoted = BAD_FILES[name]
    definition = DEFINITIONS[lang]
    opened = Session(definition).open_answers(text, len(text.encode()))
    assert set(opened) == {"error"}, opened
    error = opened["error"]
    assert error["kind"] == "saved" and error["key"] == key, error
    ui = definition["ui"]
    # The message is the page language's, not the English detail, and says the form stayed.
    assert error["message"].endswith(ui["saved_form_unchanged"])
    prefix = ui[key].split("{")[0]
    assert error["message"].startswith(prefix)
    if quoted is not None:
        assert quoted in error["message"]
    assert error["detail"] and error["detail"] != error["message"]


def test_a_huge_file_is_refused_before_it_is_parsed():
    huge = file_text()[:-1] + ', "padding": "' + "x" * saved.MAX_BYTES + '"}'
    error = Session(RU).open_answers(huge, len(huge))["error"]
    assert error["key"] == "saved_too_big" and str(saved.MAX_BYTES // 1024) in error["message"]
    # The browser's size counts even when the page read only the first bytes of a larger file.
    error = Session(RU).open_answers(file_text(), 50_000_000)["error"]
    assert error["key"] == "saved_too_big"
    # Multi-byte text counts in bytes, as on disk.
    cyrillic = "я" * (saved.MAX_BYTES // 2 + 1)
    assert Session(RU).open_answers(cyrillic)["error"]["key"] == "saved_too_big"


def nested(depth: int, kind: str) -> str:
    """JSON nested ``depth`` levels deep: arrays, objects, or both in turn ("mixed"), or
    only the opening brackets ("unclosed", the most levels a file of a given size holds)."""
    opening = {"arrays": ["["], "objects": ['{"a":'], "mixed": ["[", '{"a":'], "unclosed": ["[", '{"a":']}[kind]
    closing = {"[": "]", '{"a":': "}"}
    levels = [opening[i % len(opening)] for i in range(depth)]
    if kind == "unclosed":
        return "".join(levels)
    return "".join(levels) + "1" + "".join(closing[level] for level in reversed(levels))


DEPTHS = [100, 1_000, 5_000, 20_000, 100_000]
NESTINGS = ["arrays", "objects", "mixed", "unclosed"]


@pytest.mark.parametrize("kind", NESTINGS)
@pytest.mark.parametrize("depth", DEPTHS)
def test_a_deeply_nested_file_is_refused_before_it_is_parsed(depth, kind):
    """A few kilobytes of brackets would make json.loads recurse until it fails (a
    RecursionError in CPython; in Pyodide a fatal stack overflow that takes the engine
    down): such a file gets the reader's message like any other refusal."""
    text = nested(depth, kind)
    with pytest.raises(saved.SavedError) as raised:
        saved.check_depth(text)
    assert raised.value.key == "saved_too_deep"
    for lang, definition in DEFINITIONS.items():
        # Without the size the browser states, so only the depth can refuse the small ones.
        error = Session(definition).open_answers(text)["error"]
        expected = "saved_too_big" if len(text.encode()) > saved.MAX_BYTES else "saved_too_deep"
        assert error["kind"] == "saved" and error["key"] == expected, (lang, error)
        if expected == "saved_too_deep":
            assert error["message"] == (
                definition["ui"]["saved_too_deep"].format(max_depth=saved.MAX_DEPTH)
                + " "
                + definition["ui"]["saved_form_unchanged"]
            )
    # The engine is as good as before.
    assert ok(Session(RU).open_answers(file_text()))["answers"] == answers()


def test_the_depth_limit_leaves_room_for_the_format_and_counts_only_brackets_outside_strings():
    # The format needs two levels; the limit is well above that and refuses one level more.
    assert json.loads(file_text())["answers"] and saved.MAX_DEPTH >= 8
    saved.check_depth(nested(saved.MAX_DEPTH, "mixed"))
    with pytest.raises(saved.SavedError):
        saved.check_depth(nested(saved.MAX_DEPTH + 1, "mixed"))
    # Brackets in strings (escaped quotes included) are text, not nesting.
    question = '\\"' + "[{" * 200
    error = Session(RU).open_answers(file_text(answers={**answers(), question: "often"}))["error"]
    assert error["key"] == "saved_unknown_question"
    assert Session(RU).open_answers('"' + "[" * 1000)["error"]["key"] == "saved_not_json"


def test_a_recursion_error_while_parsing_is_a_refusal_too(monkeypatch):
    def recurse(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded while decoding a JSON array")

    monkeypatch.setattr(json, "loads", recurse)  # the json module quiz.saved parses with
    assert Session(RU).open_answers(file_text())["error"]["key"] == "saved_too_deep"


@pytest.mark.parametrize("text", [b"{}", None, 42, ["a"]])
def test_something_that_is_not_text_is_refused(text):
    assert Session(RU).open_answers(text)["error"]["key"] == "saved_not_json"


def test_quoted_values_are_short_single_line_and_without_invisible_characters():
    hostile = "evil\u202eelif.exe\n\u0000" + "x" * 200
    error = Session(RU).open_answers(file_text(answers={**answers(), hostile: "often"}))["error"]
    quoted = saved.shown(hostile)
    assert quoted in error["message"]
    assert len(quoted) == saved.SHOWN_CHARS and quoted.endswith("…")
    for char in "\u202e\n\u0000":
        assert char not in error["message"]


def test_the_reader_is_told_which_question_has_a_bad_answer_in_their_words():
    error = Session(EN).open_answers(file_text(answers={**answers(), "invoices": "Often"}))["error"]
    english_question = next(q["text"] for q in EN["questions"] if q["id"] == "invoices")
    assert saved.shown(english_question) in error["message"]


# --- Comparing --------------------------------------------------------------------------


def opened(**signs: str) -> dict[str, Any]:
    text = ok(Session(RU).save_answers(answers(**signs), "2026-11-01"))["text"]
    return ok(Session(RU).open_answers(text))


def test_change_groups_signs_by_how_they_moved_with_score_and_verdict_then_and_now():
    before = opened(schedule="sometimes", invoices="often", nitpicking="sometimes", expertise="often")
    now = answers(
        scope_creep="sometimes", invoices="sometimes", nitpicking="often", aggression="sometimes", expertise="often"
    )
    change = ok(Session(RU).compare_answers(before, now))
    groups = {g["id"]: [s["id"] for s in g["signs"]] for g in change["groups"]}
    assert groups == {
        "appeared": ["scope-creep", "aggression"],
        "disappeared": ["schedule"],
        "more_frequent": ["nitpicking"],
        "less_frequent": ["invoices"],
    }
    then_result, now_result = ok(Session(RU).assess(before["answers"])), ok(Session(RU).assess(now))
    assert change["score"]["then"] == then_result["score"] == 2 * 1 + 4 * 2 + 2 * 1 + 2 * 2
    assert change["score"]["now"] == now_result["score"]
    assert change["score"]["max_score"] == 52
    assert change["verdict"] == {
        "then": then_result["verdict"],
        "now": now_result["verdict"],
        "text": RU["ui"]["change_verdict"].format(then=then_result["headline"], now=now_result["headline"]),
    }
    assert change["none"] is None
    assert change["intro"] == RU["ui"]["change_intro"].format(saved_on="2026-11-01")
    aggression = change["groups"][0]["signs"][1]
    assert aggression["section"] == "sign-aggression" and aggression["page"] == "recognize"
    assert aggression["hard_stop"] is True
    assert aggression["then"] == "never" and aggression["now"] == "sometimes"
    assert aggression["change"] == RU["ui"]["change_answer"].format(then="Никогда", now="Иногда")


def test_change_in_english_uses_english_labels_and_headings():
    before = opened(invoices="often")
    change = ok(Session(EN).compare_answers(before, answers()))
    assert change["heading"] == EN["ui"]["change_heading"]
    assert [g["heading"] for g in change["groups"]] == [EN["ui"]["change_disappeared"]]
    sign = change["groups"][0]["signs"][0]
    labels = {o["id"]: o["label"] for o in EN["scales"]["frequency"]["options"]}
    assert sign["change"] == EN["ui"]["change_answer"].format(then=labels["often"], now=labels["never"])
    assert sign["text"] == next(q["text"] for q in EN["questions"] if q["id"] == "invoices")


def test_same_sign_answers_say_so_even_when_the_context_changed():
    before = opened(invoices="often")
    now = {**answers(invoices="often"), "exhausted": "yes"}
    change = ok(Session(RU).compare_answers(before, now))
    assert change["groups"] == [] and change["none"] == RU["ui"]["change_none"]
    assert change["verdict"]["then"] == "last-attempt" and change["verdict"]["now"] == "part-ways"


def test_compare_checks_both_sets_of_answers_again():
    assert (
        Session(RU).compare_answers({"answers": {"x": "y"}, "saved_on": "2026-11-01"}, answers())["error"]["key"]
        == "saved_unknown_question"
    )
    assert Session(RU).compare_answers("not a dict", answers())["error"]["kind"] == "saved"
    assert Session(RU).compare_answers(opened(), {"schedule": "often"})["error"]["kind"] == "answers"


def test_change_in_the_result_document_is_inert_markdown_with_links():
    change = ok(Session(RU).compare_answers(opened(invoices="often"), answers(aggression="often")))
    change["intro"] = "# not a heading <b>nor html</b>"
    links = {"sign-aggression": "https://site.example/recognize/#sign-aggression"}
    lines = saved.change_markdown(
        change, escape_markdown, lambda label, section: f"[{label}]({links[section]})" if section in links else label
    )
    text = "\n".join(lines)
    assert lines[0] == f"## {RU['ui']['change_heading']}"
    assert "\\# not a heading &lt;b&gt;nor html&lt;/b&gt;" in text
    assert f"### {RU['ui']['change_appeared']}" in text and f"### {RU['ui']['change_disappeared']}" in text
    assert "](https://site.example/recognize/#sign-aggression)\u00a0— " in text
    assert escape_markdown(change["score"]["text"]) in text


def test_every_saved_ui_key_is_in_the_definition_and_translated():
    for key in (k for k in REQUIRED_UI if k.startswith(("saved_", "change_"))):
        assert RU["ui"].get(key) and EN["ui"].get(key) and EN["ui"][key] != RU["ui"][key], key


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_result_document_carries_the_change_after_the_plan(lang):
    from quiz.draft import markdown_result
    from scripts.assessment.phrases import phrases_by_language

    definition = DEFINITIONS[lang]
    now = answers(aggression="often")
    result = ok(Session(definition).assess(now))
    result["change"] = ok(Session(definition).compare_answers(opened(invoices="often"), now))
    links = {"sign-aggression": "https://site.example/recognize/#sign-aggression"}
    document = markdown_result(result, None, phrases_by_language()[lang], links)
    ui = definition["ui"]
    heading = f"## {escape_markdown(ui['change_heading'])}"
    assert heading in document
    assert document.index(heading) > document.index(escape_markdown(result["plan"][0]["note"]))
    assert escape_markdown(result["change"]["score"]["text"]) in document
    assert f"### {escape_markdown(ui['change_appeared'])}" in document
    assert "](https://site.example/recognize/#sign-aggression)\u00a0— " in document
    # Without a comparison the document has no such part.
    del result["change"]
    assert heading not in markdown_result(result, None, phrases_by_language()[lang], links)


def test_the_terminal_reads_a_saved_file_too(tmp_path):
    import io

    from quiz import cli

    path = tmp_path / "answers.json"
    path.write_text(ok(Session(RU).save_answers(answers(invoices="often"), "2026-11-01"))["text"], "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--answers", str(path), "--json"], stdout=out, stderr=err) == 0, err.getvalue()
    assert json.loads(out.getvalue()) == Session(RU).assess(answers(invoices="often"))
    # A bad saved file: the reader's message, naming the file.
    path.write_text(file_text(version=2), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--answers", str(path)], stdout=out, stderr=err) == 2
    assert str(path) in err.getvalue() and RU["ui"]["saved_form_unchanged"] not in err.getvalue()
    assert RU["ui"]["saved_wrong_version"].split("{")[0] in err.getvalue()
