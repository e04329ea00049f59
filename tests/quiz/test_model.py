"""quiz.model: the shipped definition is valid, and each malformation is named with its fix."""

from __future__ import annotations

import copy
import tomllib

import pytest

from quiz import QuizError
from quiz.contract import CONTEXT_OPTIONS, REQUIRED_UI, VERDICT_STEPS
from quiz.model import DefinitionError, Option, Question, Section, parse
from scripts.paths import ROOT
from tests import expect

DEFINITION = ROOT / "quiz" / "definition.toml"
SIGNS = ["schedule", "scope-creep", "belittling", "invoices", "aggression", "review-threats", "nitpicking", "expertise"]
RECOGNIZE = ["self-check", "warning-signs", *(f"sign-{s}" for s in SIGNS), "second-opinion"]
PART_WAYS = [
    "professional",
    "last-attempt",
    "avoid-you",
    "leave-window-open",
    "refer-elsewhere",
    "positive-ending",
    "in-writing",
    "empty-cup",
]


@pytest.fixture(scope="module")
def source() -> dict:
    with DEFINITION.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture
def raw(source: dict) -> dict:
    return copy.deepcopy(source)


def question(raw: dict, qid: str) -> dict:
    return next(q for q in raw["questions"] if q["id"] == qid)


def fails(raw: dict, pattern: str) -> None:
    with pytest.raises(DefinitionError, match=pattern):
        parse(raw)


# --- The shipped definition ------------------------------------------------------------


def test_shipped_definition_follows_the_contract(raw):
    model = parse(raw)
    assert [q.id for q in model.signs] == SIGNS
    assert {q.id for q in model.signs if q.hard_stop} == {"aggression", "review-threats"}
    for qid, options in CONTEXT_OPTIONS.items():
        assert {o.id for o in expect.present(model.question(qid), qid).options} == set(options)
    assert [o.id for o in model.signs[0].options] == ["never", "sometimes", "often"]
    for q in model.signs:
        assert q.section == f"sign-{q.id}"
        assert 1 <= q.weight <= 5


def test_sections_cover_every_contract_id_on_the_right_page(raw):
    model = parse(raw)
    assert {s for s, sec in model.sections.items() if sec.page == "recognize"} == set(RECOGNIZE)
    assert {s for s, sec in model.sections.items() if sec.page == "part-ways"} == set(PART_WAYS)


def test_max_score_and_threshold(raw):
    model = parse(raw)
    assert model.max_score == 2 * sum(q.weight for q in model.signs) == 52
    assert model.threshold == 8


def test_plan_steps_never_include_last_attempt_for_part_ways():
    assert "last-attempt" not in VERDICT_STEPS["part-ways"]
    assert VERDICT_STEPS["last-attempt"] == ("professional", "last-attempt", "in-writing")


def test_parse_does_not_mutate_its_input(raw, source):
    parse(raw)
    assert raw == source


def test_reprs_are_readable(raw):
    model = parse(raw)
    assert repr(model).startswith("Definition(version=1, threshold=8, max_score=52, questions=[schedule, scope-creep,")
    assert repr(model.question("aggression")) == (
        "Question(id='aggression', kind='sign', section='sign-aggression', weight=5, hard_stop=True)"
    )
    assert repr(model.signs[0].options[2]) == "Option(id='often', value=2)"
    assert repr(model.sections["avoid-you"]) == ("Section(id='avoid-you', page='part-ways', title=None)")


def test_optional_section_title_is_kept(raw):
    raw["sections"]["avoid-you"]["title"] = "Избегайте слова «вы»"
    assert parse(raw).sections["avoid-you"] == Section("avoid-you", "part-ways", "Избегайте слова «вы»")


def test_errors_are_value_errors():
    assert issubclass(DefinitionError, QuizError) and issubclass(QuizError, ValueError)


def test_dataclasses_are_frozen(raw):
    q: Question = parse(raw).signs[0]
    with pytest.raises(AttributeError):
        q.weight = 9  # type: ignore[misc]  # assigning to a frozen field is the point
    with pytest.raises(AttributeError):
        Option("x", "X").value = 1  # type: ignore[misc]  # assigning to a frozen field is the point


# --- Malformed definitions -------------------------------------------------------------


def test_not_a_table():
    with pytest.raises(DefinitionError, match="expected a table"):
        parse(["questions"])  # type: ignore[arg-type]  # the wrong type on purpose


@pytest.mark.parametrize(
    "key", ["version", "threshold", "scales", "questions", "sections", "notes", "verdicts", "reasons", "ui", "notices"]
)
def test_missing_top_level_key(raw, key):
    del raw[key]
    fails(raw, f"definition: missing key '{key}'")


def test_unsupported_version(raw):
    raw["version"] = 2
    fails(raw, "version 2 is not supported; use version = 1")


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        (-1, "threshold must be 1 or more, found -1"),
        ("8", "'threshold' must be an integer, found '8'"),
        (8.0, "'threshold' must be an integer, found 8.0"),
        (True, "'threshold' must be an integer, found True"),  # bool is an int in Python
    ],
)
def test_bad_threshold(raw, value, pattern):
    raw["threshold"] = value
    fails(raw, pattern)


def test_threshold_zero_is_refused(raw):
    """At 0 every reader's answers would "add up" (all "never" too): a last attempt about nothing."""
    raw["threshold"] = 0
    fails(raw, "threshold must be 1 or more, found 0")


def test_duplicate_question_id(raw):
    raw["questions"].append(copy.deepcopy(question(raw, "invoices")))
    fails(raw, "question 'invoices': duplicate question id")


@pytest.mark.parametrize(
    ("weight", "pattern"),
    [
        (0, "weight must be an integer from 1 to 5, found 0"),
        (6, "weight must be an integer from 1 to 5, found 6"),
        (2.5, "'weight' must be an integer, found 2.5"),
        ("3", "'weight' must be an integer, found '3'"),
        (True, "'weight' must be an integer, found True"),
    ],
)
def test_weight_out_of_range_or_not_int(raw, weight, pattern):
    question(raw, "schedule")["weight"] = weight
    fails(raw, "question 'schedule': " + pattern)


def test_missing_weight(raw):
    del question(raw, "nitpicking")["weight"]
    fails(raw, r"question 'nitpicking': missing key 'weight' \(an integer\)")


def test_hard_stop_on_context_question(raw):
    question(raw, "certainty")["hard_stop"] = True
    fails(raw, "question 'certainty': hard_stop applies to sign questions only")


def test_hard_stop_must_be_bool(raw):
    question(raw, "aggression")["hard_stop"] = "yes"
    fails(raw, "question 'aggression': 'hard_stop' must be true or false")


def test_section_must_exist(raw):
    question(raw, "expertise")["section"] = "sign-expert"
    fails(
        raw,
        r"question 'expertise': section 'sign-expert' is not defined; add "
        r"\[sections.sign-expert\]",
    )


def test_sign_section_must_be_on_recognize_page(raw):
    question(raw, "schedule")["section"] = "last-attempt"
    fails(raw, "a sign's section must be on the recognize page")


def test_unknown_question_key_is_a_typo(raw):
    question(raw, "schedule")["hardstop"] = True
    fails(raw, "question 'schedule': unknown key 'hardstop'")


def test_unknown_kind(raw):
    question(raw, "schedule")["kind"] = "symptom"
    fails(raw, "kind 'symptom' is not one of sign, context")


def test_unknown_scale(raw):
    question(raw, "schedule")["scale"] = "likert"
    fails(raw, "scale 'likert' is not defined")


def test_missing_question_text(raw):
    del question(raw, "belittling")["text"]
    fails(raw, "question 'belittling': missing key 'text'")


def test_scale_must_be_never_sometimes_often(raw):
    raw["scales"]["frequency"]["options"][2]["id"] = "always"
    fails(
        raw, "scale 'frequency': options must be never, sometimes, often in this order, found never, sometimes, always"
    )


def test_scale_values_must_rise(raw):
    raw["scales"]["frequency"]["options"][2]["value"] = 1
    fails(raw, "option values must rise from never to often")


def test_duplicate_option_id(raw):
    options = question(raw, "exhausted")["options"]
    options.append(dict(options[0]))
    fails(raw, "question 'exhausted': duplicate option id 'yes'")


@pytest.mark.parametrize("qid", list(CONTEXT_OPTIONS))
def test_required_context_question(raw, qid):
    raw["questions"] = [q for q in raw["questions"] if q["id"] != qid]
    fails(raw, f"missing context question '{qid}'")


def test_context_option_ids_are_fixed(raw):
    question(raw, "certainty")["options"][1]["id"] = "doubtful"
    fails(raw, "question 'certainty': options must be sure, unsure, found sure, doubtful")


def test_extra_context_question_is_allowed(raw):
    raw["questions"].append(
        {
            "id": "budget",
            "kind": "context",
            "text": "Бюджет?",
            "section": "warning-signs",
            "options": [{"id": "big", "label": "Большой"}, {"id": "small", "label": "Маленький"}],
        }
    )
    assert expect.present(parse(raw).question("budget"), "budget").kind == "context"


def test_section_page_must_be_known(raw):
    raw["sections"]["empty-cup"]["page"] = "home"
    fails(raw, "section 'empty-cup': page 'home' is not one of recognize, part-ways")


def test_plan_section_must_exist(raw):
    del raw["sections"]["empty-cup"]
    fails(raw, r"sections: missing \[sections.empty-cup\]")


def test_plan_section_needs_a_note(raw):
    del raw["notes"]["refer-elsewhere"]
    fails(raw, "notes: missing 'refer-elsewhere'; add refer-elsewhere = .* under \\[notes\\] saying why")


def test_note_for_unknown_section(raw):
    raw["notes"]["goodbye"] = "..."
    fails(raw, "notes: 'goodbye' is not one of self-check, warning-signs")


@pytest.mark.parametrize("verdict", ["keep", "last-attempt", "part-ways"])
def test_missing_verdict(raw, verdict):
    del raw["verdicts"][verdict]
    fails(raw, rf"verdicts: missing \[verdicts.{verdict}\]")


@pytest.mark.parametrize("key", ["title", "summary"])
def test_missing_verdict_text(raw, key):
    del raw["verdicts"]["keep"][key]
    fails(raw, f"verdict 'keep': missing key '{key}'")


def test_empty_verdict_text(raw):
    raw["verdicts"]["part-ways"]["title"] = "  "
    fails(raw, "verdict 'part-ways': title: must not be empty")


def test_unknown_verdict(raw):
    raw["verdicts"]["maybe"] = {"title": "x", "summary": "y"}
    fails(raw, "verdicts: unknown key 'maybe'; allowed keys: keep, last-attempt, part-ways")


def test_unknown_placeholder_in_summary(raw):
    raw["verdicts"]["keep"]["summary"] = "Баллы: {points}"
    fails(raw, r"verdict 'keep': summary: unknown placeholder \{points\}")


def test_unbalanced_brace_in_summary(raw):
    raw["verdicts"]["keep"]["summary"] = "Баллы: {score"
    fails(raw, "verdict 'keep': summary: .*write a literal brace as")


def test_missing_reason(raw):
    del raw["reasons"]["hard-stop"]
    fails(raw, "reasons: missing 'hard-stop'")


def test_missing_provisional_notice(raw):
    del raw["notices"]["provisional"]
    fails(raw, "notices: missing 'provisional'")


def test_sign_needs_a_short_name_for_the_chart(raw):
    del question(raw, "invoices")["short"]
    fails(raw, "question 'invoices': missing key 'short'")
    question(raw, "invoices")["short"] = "  "
    fails(raw, "question 'invoices': short: must not be empty")


def test_short_name_is_kept_for_signs_only(raw):
    model = parse(raw)
    assert all(q.short for q in model.signs)
    question(raw, "exhausted")["short"] = "x"
    fails(raw, "question 'exhausted': unknown key 'short'")


@pytest.mark.parametrize("key", REQUIRED_UI)
def test_missing_ui_string(raw, key):
    del raw["ui"][key]
    fails(raw, f"ui: missing '{key}'")


def test_ui_placeholders_are_checked(raw):
    raw["ui"]["cli_invalid"] = "От 1 до {n}."
    fails(raw, r"ui.cli_invalid: unknown placeholder \{n\}; allowed: \{count\}")


def test_ui_value_must_be_string(raw):
    raw["ui"]["submit"] = 1
    fails(raw, "ui: 'submit' must be a string, found int")
