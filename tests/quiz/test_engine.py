"""quiz.engine and quiz.api: a test per decision rule and answer error, properties, vectors."""

from __future__ import annotations

import ast
import copy
import json
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import QuizError, api
from quiz.engine import AnswerError, assess, is_flagged
from quiz.model import parse
from quiz.session import Session
from scripts.paths import ROOT

SIGNS = ["schedule", "scope-creep", "belittling", "invoices", "aggression", "review-threats", "nitpicking", "expertise"]
WEIGHTS = dict(zip(SIGNS, [2, 3, 3, 4, 5, 5, 2, 2], strict=True))
PART_WAYS_STEPS = [
    "professional",
    "avoid-you",
    "leave-window-open",
    "refer-elsewhere",
    "positive-ending",
    "in-writing",
    "empty-cup",
]
LAST_ATTEMPT_STEPS = ["professional", "last-attempt", "in-writing"]
LEVELS = ["never", "sometimes", "often"]

with (ROOT / "quiz" / "definition.toml").open("rb") as _fh:
    RAW = tomllib.load(_fh)
MODEL = parse(RAW)
VECTORS = json.loads((Path(__file__).with_name("vectors.json")).read_text(encoding="utf-8"))


def answers(*, self_check="done", exhausted="no", certainty="sure", **signs) -> dict[str, str]:
    """Complete answers: every sign `never` unless given (underscores stand for dashes)."""
    result = dict.fromkeys(SIGNS, "never")
    result.update({k.replace("_", "-"): v for k, v in signs.items()})
    result.update({"self-check": self_check, "exhausted": exhausted, "certainty": certainty})
    return result


def run(**kw):
    return assess(MODEL, answers(**kw))


# --- Decision rules (CONTRACT.md), one test each ---------------------------------------


def test_often_flags_a_sign():
    assert run(schedule="often").flagged_ids == ["schedule"]


def test_sometimes_does_not_flag_an_ordinary_sign():
    assert run(schedule="sometimes").flagged_ids == []


@pytest.mark.parametrize("sign", ["aggression", "review-threats"])
def test_sometimes_flags_a_hard_stop_sign(sign):
    assert run(**{sign.replace("-", "_"): "sometimes"}).flagged_ids == [sign]


def test_flag_rule_function():
    schedule, aggression = MODEL.question("schedule"), MODEL.question("aggression")
    assert schedule is not None and aggression is not None
    assert [is_flagged(schedule, o) for o in LEVELS] == [False, False, True]
    assert [is_flagged(aggression, o) for o in LEVELS] == [False, True, True]


def test_score_is_weighted_sum_and_max_score():
    result = run(schedule="often", invoices="sometimes", expertise="often")
    assert result.score == 2 * 2 + 4 * 1 + 2 * 2
    assert result.max_score == 52 == 2 * sum(WEIGHTS.values())


@pytest.mark.parametrize("exhausted", ["yes", "no"])
def test_hard_stop_means_part_ways_without_last_attempt(exhausted):
    result = run(review_threats="sometimes", exhausted=exhausted)
    assert (result.verdict, result.rule) == ("part-ways", "hard-stop")
    assert "last-attempt" not in result.plan_ids


def test_nothing_flagged_below_threshold_keeps_the_client():
    result = run(scope_creep="sometimes", invoices="sometimes", exhausted="yes")  # 7 < 8
    assert (result.verdict, result.rule, result.accumulated) == ("keep", "clear", False)


def test_keep_plan_is_watch_the_signs_without_parting_steps():
    assert run().plan_ids == ["warning-signs"]
    assert "empty-cup" not in run(self_check="not-yet", certainty="unsure").plan_ids


def test_score_at_threshold_counts_as_flagged():
    result = run(schedule="sometimes", scope_creep="sometimes", belittling="sometimes")
    assert (result.score, result.threshold) == (8, 8)
    assert result.accumulated and result.flagged == ()
    assert result.verdict == "last-attempt"


def test_accumulated_plan_links_the_signs_that_added_up():
    result = run(schedule="sometimes", scope_creep="sometimes", invoices="sometimes")
    assert result.plan_ids == ["sign-schedule", "sign-scope-creep", "sign-invoices", *LAST_ATTEMPT_STEPS]


def test_accumulated_and_exhausted_parts_ways():
    result = run(schedule="sometimes", scope_creep="sometimes", invoices="sometimes", exhausted="yes")
    assert (result.verdict, result.rule, result.accumulated) == ("part-ways", "exhausted", True)
    assert "last-attempt" not in result.plan_ids


def test_flagged_and_exhausted_parts_ways_without_last_attempt():
    result = run(invoices="often", exhausted="yes")
    assert (result.verdict, result.rule) == ("part-ways", "exhausted")
    assert "last-attempt" not in result.plan_ids


def test_flagged_not_exhausted_gets_a_last_attempt():
    result = run(invoices="often", exhausted="no")
    assert (result.verdict, result.rule) == ("last-attempt", "not-exhausted")
    assert result.plan_ids == ["sign-invoices", *LAST_ATTEMPT_STEPS]


def test_last_attempt_puts_the_offer_in_writing():
    notes = {s.section.id: s.note for s in run(invoices="often").plan}
    assert notes["in-writing"] == RAW["verdicts"]["last-attempt"]["notes"]["in-writing"]
    notes = {s.section.id: s.note for s in run(invoices="often", exhausted="yes").plan}
    assert notes["in-writing"] == RAW["notes"]["in-writing"]


def test_every_flagged_sign_gets_its_section_in_definition_order():
    result = run(expertise="often", schedule="often", aggression="sometimes")
    assert result.flagged_ids == ["schedule", "aggression", "expertise"]
    assert result.plan_ids[:3] == ["sign-schedule", "sign-aggression", "sign-expertise"]


@pytest.mark.parametrize("signs", [{}, {"invoices": "often"}, {"aggression": "often"}])
def test_self_check_not_yet_starts_the_plan(signs):
    assert run(self_check="not-yet", **signs).plan_ids[0] == "self-check"
    assert "self-check" not in run(self_check="done", **signs).plan_ids


@pytest.mark.parametrize("signs", [{}, {"invoices": "often"}, {"aggression": "often"}])
def test_unsure_adds_a_second_opinion(signs):
    assert "second-opinion" in run(certainty="unsure", **signs).plan_ids
    assert "second-opinion" not in run(certainty="sure", **signs).plan_ids


def test_part_ways_plan_has_the_parting_steps_in_order_closed_by_empty_cup():
    result = run(self_check="not-yet", certainty="unsure", nitpicking="often", exhausted="yes")
    assert result.plan_ids == ["self-check", "sign-nitpicking", "second-opinion", *PART_WAYS_STEPS]
    assert result.plan_ids[-1] == "empty-cup"


def test_plan_has_no_duplicates_when_signs_share_a_section():
    raw = copy.deepcopy(RAW)
    for q in raw["questions"]:
        if q["id"] in ("nitpicking", "expertise"):
            q["section"] = "sign-nitpicking"
    result = assess(parse(raw), answers(nitpicking="often", expertise="often"))
    assert result.plan_ids.count("sign-nitpicking") == 1
    assert result.flagged_ids == ["nitpicking", "expertise"]


def test_texts_are_localized_and_placeholders_filled():
    raw = copy.deepcopy(RAW)
    raw["verdicts"]["keep"]["summary"] = "{score}/{max_score}, {threshold}, {flagged_count} {{x}}"
    result = assess(parse(raw), answers(schedule="sometimes"))
    assert result.headline == RAW["verdicts"]["keep"]["title"]
    assert result.explanation == "2/52, 8, 0 {x}"
    assert result.reasons == (("Ни один признак не проявляется часто, а сумма баллов (2) ниже порога (8)."),)


def test_accumulated_reason_comes_before_the_deciding_one():
    result = run(schedule="sometimes", scope_creep="sometimes", invoices="sometimes")
    assert len(result.reasons) == 2
    assert "9" in result.reasons[0] and "8" in result.reasons[0]
    assert result.reasons[1] == RAW["reasons"]["not-exhausted"]


def test_extra_context_questions_are_answered_but_do_not_score():
    raw = copy.deepcopy(RAW)
    raw["questions"].append(
        {
            "id": "budget",
            "kind": "context",
            "text": "?",
            "section": "warning-signs",
            "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
        }
    )
    result = assess(parse(raw), {**answers(invoices="often"), "budget": "b"})
    assert (result.verdict, result.score) == ("last-attempt", 8)


def test_result_repr_is_readable():
    assert repr(run(aggression="sometimes")) == (
        "Result(verdict='part-ways', rule='hard-stop', score=5, max_score=52, threshold=8, "
        "accumulated=False, flagged=(Flag('aggression', 'sometimes'),), "
        "plan=(Step('sign-aggression'), Step('professional'), Step('avoid-you'), Step('leave-window-open'), "
        "Step('refer-elsewhere'), Step('positive-ending'), Step('in-writing'), "
        "Step('empty-cup')), headline='Пора расставаться', provisional=False)"
    )


# --- The reader's own case (issue 20) ----------------------------------------------------


def test_keep_when_continuing_is_impossible_is_heard():
    """No sign of the article, so keep; but the reader's answer is acknowledged, the keep plan
    no longer says "keep working", and a follow-up list gives the self-check, an outside view
    and the parting steps; the parting letter is offered only on the reader's choice."""
    result = run(schedule="sometimes", exhausted="yes")
    assert (result.verdict, result.rule, result.plan_ids) == ("keep", "clear", ["warning-signs"])
    assert result.explanation == RAW["notices"]["keep_exhausted"]
    assert result.explanation != RAW["verdicts"]["keep"]["summary"]
    assert result.plan[0].note == RAW["followup"]["notes"]["warning-signs"]
    assert [s.section.id for s in result.followup] == [
        "self-check",
        "second-opinion",
        "professional",
        "avoid-you",
        "leave-window-open",
        "refer-elsewhere",
        "positive-ending",
        "in-writing",
    ]
    assert result.followup[2].title == RAW["followup"]["titles"]["professional"]
    assert (result.letter, result.letter_opt_in) == ("part-ways", True)
    # A step already in the plan is not repeated below it.
    doubt = run(schedule="sometimes", exhausted="yes", self_check="not-yet", certainty="unsure")
    assert doubt.plan_ids == ["self-check", "second-opinion", "warning-signs"]
    assert [s.section.id for s in doubt.followup][:2] == ["professional", "avoid-you"]
    # Answered "no": the usual keep, nothing more.
    plain_keep = run(schedule="sometimes")
    assert plain_keep.followup == () and plain_keep.letter is None
    assert plain_keep.explanation == RAW["verdicts"]["keep"]["summary"]
    api_result = Session(RAW).assess(answers(schedule="sometimes", exhausted="yes"))
    assert "error" not in api_result
    assert api_result["letter"] == {"kind": "part-ways", "topics": [], "opt_in": True}
    assert api_result["followup"]["heading"] == RAW["followup"]["heading"]
    assert [s["section"] for s in api_result["followup"]["steps"]][:3] == [
        "self-check",
        "second-opinion",
        "professional",
    ]
    assert "followup" not in Session(RAW).assess(answers()) and "letter" not in Session(RAW).assess(answers())


def test_a_last_attempt_plan_speaks_of_the_flagged_signs_topics():
    """Its note names what the letter settles for each flagged sign, never scope unless it was
    flagged, and its writing step is about the proposal, not a refusal."""
    result = run(invoices="often", schedule="often")
    assert result.verdict == "last-attempt" and result.topic_ids == ["schedule", "invoices"]
    note = next(s.note for s in result.plan if s.section.id == "last-attempt")
    topics = [q["topic"] for q in RAW["questions"] if q["id"] in ("schedule", "invoices")]
    assert note.endswith(": " + "; ".join(topics) + ".")
    assert "объём" not in note and "смет" not in note
    in_writing = next(s for s in result.plan if s.section.id == "in-writing")
    assert in_writing.title == RAW["verdicts"]["last-attempt"]["titles"]["in-writing"]
    assert "отказ" not in in_writing.title.lower()
    api_result = Session(RAW).assess(answers(invoices="often"))
    assert "error" not in api_result
    api_step = next(s for s in api_result["plan"] if s["section"] == "in-writing")
    assert api_step["title"] == in_writing.title
    # Accumulated: the signs that added up are the topics.
    accumulated = run(schedule="sometimes", scope_creep="sometimes", invoices="sometimes")
    assert accumulated.accumulated and accumulated.topic_ids == ["schedule", "scope-creep", "invoices"]
    # A part-ways plan keeps the guide's own titles.
    assert all(s.title is None for s in run(invoices="often", exhausted="yes").plan)


def test_after_abuse_nothing_suggests_the_reader_caused_it():
    result = run(aggression="sometimes", self_check="not-yet")
    assert result.explanation.startswith(RAW["notices"]["provisional_hard_stop"])
    assert RAW["notices"]["provisional"] not in result.explanation
    assert result.plan[0].section.id == "self-check"
    assert result.plan[0].note == RAW["rule_notes"]["hard-stop"]["self-check"]
    # The same step after other rules keeps its own note.
    assert run(invoices="often", self_check="not-yet").plan[0].note == RAW["notes"]["self-check"]


@given(
    st.fixed_dictionaries({s: st.sampled_from(LEVELS) for s in SIGNS}),
    st.sampled_from(["done", "not-yet"]),
    st.sampled_from(["yes", "no"]),
    st.sampled_from(["sure", "unsure"]),
)
def test_no_sentence_is_shown_twice(signs, self_check, exhausted, certainty):
    """The summary (and notices) and the reasons never repeat a sentence."""
    result = assess(MODEL, {**signs, "self-check": self_check, "exhausted": exhausted, "certainty": certainty})

    def sentences(text: str) -> list[str]:
        return [s.strip() for s in text.replace("!", ".").split(". ") if s.strip()]

    shown = sentences(result.explanation) + [s for r in result.reasons for s in sentences(r)]
    assert len(shown) == len(set(shown)), shown


# --- Provisional verdict and the profile chart ------------------------------------------


@pytest.mark.parametrize("signs", [{}, {"invoices": "often"}, {"aggression": "sometimes"}])
def test_self_check_not_yet_makes_the_verdict_say_it_is_provisional(signs):
    """Issue 10: the plan starts with the self-check, and the verdict's own text says
    it is provisional until then; the verdict and the plan stay what the rules say."""
    before = assess(MODEL, answers(**signs))
    after = assess(MODEL, answers(self_check="not-yet", **signs))
    assert (after.verdict, after.provisional, before.provisional) == (before.verdict, True, False)
    # After abuse or threats the notice blames no one: they are reason enough on their own.
    notice = "provisional_hard_stop" if after.rule == "hard-stop" else "provisional"
    assert after.explanation == RAW["notices"][notice] + " " + before.explanation
    assert after.plan_ids == ["self-check", *before.plan_ids]


@pytest.mark.parametrize(
    "signs", [{"aggression": "sometimes"}, {"review_threats": "often"}, {"invoices": "often", "exhausted": "yes"}]
)
def test_the_window_step_is_offered_not_assumed(signs):
    """The article keeps the window open only «если вы считаете, что в будущем может быть
    какая-то возможность»: the plan says so, and never opens the parting with it."""
    result = run(**signs)
    assert result.verdict == "part-ways"
    ids = result.plan_ids
    assert ids.index("professional") < ids.index("avoid-you") < ids.index("leave-window-open")
    note = next(s.note for s in result.plan if s.section.id == "leave-window-open")
    assert note.startswith("Если вы допускаете") and "пропустите этот шаг" in note


def test_profile_has_every_sign_with_answer_weight_and_points():
    result = run(schedule="sometimes", invoices="often", aggression="sometimes")
    assert [b.question.id for b in result.profile] == SIGNS
    bars = {b.question.id: b for b in result.profile}
    assert (bars["schedule"].answer.id, bars["schedule"].points, bars["schedule"].max_points) == ("sometimes", 2, 4)
    assert (bars["invoices"].points, bars["invoices"].flagged) == (8, True)
    assert (bars["aggression"].points, bars["aggression"].flagged) == (5, True)
    assert not bars["schedule"].flagged and bars["expertise"].points == 0
    assert sum(b.points for b in result.profile) == result.score
    assert sum(b.max_points for b in result.profile) == result.max_score
    assert repr(bars["invoices"]) == "Bar('invoices', 'often', 8/8)"


def test_api_chart_matches_the_result_and_is_labelled_in_the_definitions_language():
    result = Session(RAW).assess(answers(scope_creep="often", review_threats="sometimes"))
    assert "error" not in result, result
    chart = result["chart"]
    assert (chart["score"], chart["max_score"], chart["threshold"]) == (
        result["score"],
        result["max_score"],
        result["threshold"],
    )
    assert [s["id"] for s in chart["signs"]] == SIGNS
    assert sum(s["points"] for s in chart["signs"]) == result["score"]
    assert [s["id"] for s in chart["signs"] if s["hard_stop"]] == ["aggression", "review-threats"]
    assert [s["id"] for s in chart["signs"] if s["flagged"]] == [f["id"] for f in result["flagged"]]
    review = chart["signs"][5]
    assert review == {
        "id": "review-threats",
        "label": RAW["questions"][5]["short"],
        "answer": "sometimes",
        "answer_label": "Иногда",
        "weight": 5,
        "points": 5,
        "max_points": 10,
        "hard_stop": True,
        "flagged": True,
    }


# --- Answer errors ---------------------------------------------------------------------


def test_unknown_question_id():
    with pytest.raises(AnswerError, match="unknown question 'budget': remove it or use one of schedule, scope-creep"):
        assess(MODEL, {**answers(), "budget": "low"})


def test_unknown_option_id():
    with pytest.raises(
        AnswerError, match="question 'schedule': option 'always' is not one of never, sometimes, often"
    ) as info:
        assess(MODEL, answers(schedule="always"))
    assert info.value.questions == ("schedule",)


def test_missing_answers_are_all_named():
    partial = answers()
    del partial["invoices"], partial["certainty"]
    with pytest.raises(
        AnswerError, match="no answer for questions 'invoices', 'certainty': choose one option for each"
    ) as info:
        assess(MODEL, partial)
    assert info.value.questions == ("invoices", "certainty")


@pytest.mark.parametrize("value", [2, None, ["often"], True])
def test_non_string_answer(value):
    with pytest.raises(AnswerError, match="question 'invoices': the answer must be an option id"):
        assess(MODEL, {**answers(), "invoices": value})


def test_answers_must_be_a_mapping():
    with pytest.raises(AnswerError, match="expected a mapping of question id to option id"):
        assess(MODEL, ["schedule"])  # type: ignore[arg-type]  # the wrong type on purpose: the runtime check


def test_answer_error_is_a_quiz_error():
    assert issubclass(AnswerError, QuizError) and issubclass(AnswerError, ValueError)


# --- Properties ------------------------------------------------------------------------

answer_sets = st.fixed_dictionaries(
    {
        **{s: st.sampled_from(LEVELS) for s in SIGNS},
        "self-check": st.sampled_from(["done", "not-yet"]),
        "exhausted": st.sampled_from(["yes", "no"]),
        "certainty": st.sampled_from(["sure", "unsure"]),
    }
)


@given(answer_sets, st.sampled_from(SIGNS))
def test_raising_a_sign_answer_never_lowers_the_score(given_answers, sign):
    level = LEVELS.index(given_answers[sign])
    for higher in LEVELS[level + 1 :]:
        raised = {**given_answers, sign: higher}
        assert assess(MODEL, raised).score >= assess(MODEL, given_answers).score


@given(answer_sets, st.sampled_from(["aggression", "review-threats"]), st.sampled_from(["sometimes", "often"]))
def test_any_flagged_hard_stop_parts_ways_without_last_attempt(given_answers, sign, level):
    result = assess(MODEL, {**given_answers, sign: level})
    assert result.verdict == "part-ways"
    assert "last-attempt" not in result.plan_ids


@given(answer_sets)
def test_plan_is_unique_known_and_ordered(given_answers):
    result = assess(MODEL, given_answers)
    ids = result.plan_ids
    assert len(ids) == len(set(ids))
    assert all(sid in MODEL.sections for sid in ids)
    assert (ids[0] == "self-check") == (given_answers["self-check"] == "not-yet")
    assert ("second-opinion" in ids) == (given_answers["certainty"] == "unsure")
    assert all(f"sign-{f}" in ids for f in result.flagged_ids)


@given(answer_sets)
def test_keep_exactly_when_nothing_flagged_and_below_threshold(given_answers):
    result = assess(MODEL, given_answers)
    assert (result.verdict == "keep") == (not result.flagged and result.score < 8)
    assert result.accumulated == (not result.flagged and result.score >= 8)


# --- API (what JavaScript sees) --------------------------------------------------------


def plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return isinstance(value, (str, int, bool))


def test_api_result_shape():
    result = Session(RAW).assess(answers(aggression="sometimes", self_check="not-yet"))
    assert "error" not in result, result
    assert plain(result) and json.loads(json.dumps(result)) == result
    assert set(result) == {
        "verdict",
        "rule",
        "score",
        "max_score",
        "threshold",
        "accumulated",
        "headline",
        "explanation",
        "reasons",
        "provisional",
        "flagged",
        "plan",
        "letter",
        "chart",
    }
    assert result["letter"] == {"kind": "part-ways", "topics": [], "opt_in": False}
    assert result["provisional"] is True
    assert result["flagged"] == [
        {
            "id": "aggression",
            "section": "sign-aggression",
            "page": "recognize",
            "answer": "sometimes",
            "answer_label": "Иногда",
            "hard_stop": True,
            "text": RAW["questions"][4]["text"],
            "short": RAW["questions"][4]["short"],
        }
    ]
    # After a hard stop the self-check step carries no blame.
    note = RAW["rule_notes"]["hard-stop"]["self-check"]
    assert result["plan"][0] == {"section": "self-check", "page": "recognize", "note": note}
    assert result["headline"] == RAW["verdicts"]["part-ways"]["title"]


def test_api_includes_section_titles_when_the_build_injected_them():
    raw = copy.deepcopy(RAW)
    raw["sections"]["sign-invoices"]["title"] = "Счета"
    raw["sections"]["professional"]["title"] = "Профессионально"
    result = Session(raw).assess(answers(invoices="often"))
    assert "error" not in result, result
    assert result["flagged"][0]["title"] == "Счета"
    assert result["plan"][1]["title"] == "Профессионально"
    assert "title" not in result["plan"][2]


def test_api_returns_answer_errors():
    result = Session(RAW).assess({**answers(), "schedule": "always"})
    assert result == {
        "error": {
            "kind": "answers",
            "questions": ["schedule"],
            "message": "question 'schedule': option 'always' is not one of never, sometimes, often",
        }
    }


def test_api_returns_definition_errors():
    raw = copy.deepcopy(RAW)
    raw["threshold"] = -3
    assert api.start(raw) == {
        "error": {"kind": "definition", "message": "definition: threshold must be 1 or more, found -3"}
    }
    with pytest.raises(QuizError, match="threshold must be 1 or more"):
        Session(raw)


def test_api_start_says_what_the_session_holds():
    assert api.start(RAW) == {
        "ok": True,
        "questions": [q.id for q in MODEL.questions],
        "max_score": 52,
        "threshold": 8,
    }


def test_api_propagates_programming_errors(monkeypatch):
    import quiz.session

    monkeypatch.setattr(quiz.session, "_assess", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        Session(RAW).assess(answers())


# --- Shared vectors (also replayed inside Pyodide) --------------------------------------


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector(vector):
    result = Session(RAW).assess(vector["answers"])
    assert "error" not in result, result
    got = {
        "verdict": result["verdict"],
        "score": result["score"],
        "flagged": [f["id"] for f in result["flagged"]],
        "plan": [p["section"] for p in result["plan"]],
    }
    assert got == vector["expected"]


def test_vectors_cover_every_rule():
    results = [assess(MODEL, v["answers"]) for v in VECTORS]
    assert {r.rule for r in results} == {"clear", "hard-stop", "exhausted", "not-exhausted"}
    assert any(r.accumulated and r.verdict == "part-ways" for r in results)
    assert any(r.accumulated and r.verdict == "last-attempt" for r in results)
    assert any(r.score == r.threshold and r.accumulated for r in results)
    assert any(r.score == r.threshold - 1 and r.verdict == "keep" for r in results)
    assert any(r.plan_ids[0] == "self-check" for r in results)
    assert any("second-opinion" in r.plan_ids for r in results)
    assert any(f.answer.id == "sometimes" and f.question.hard_stop for r in results for f in r.flagged)
    assert len({v["name"] for v in VECTORS}) == len(VECTORS)


# --- Portability: the same modules run under Pyodide ------------------------------------


@pytest.mark.parametrize(
    "module", ["__init__", "contract", "model", "engine", "localize", "api", "api_types", "saved", "you_check"]
)
def test_engine_modules_import_only_the_standard_library(module):
    tree = ast.parse((ROOT / "quiz" / f"{module}.py").read_text("utf-8"))
    names = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    names |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert names - {"__future__"} <= set(sys.stdlib_module_names) | {"quiz"}
    assert not names & {"js", "pyodide", "polib", "tomllib", "io", "os", "pathlib"}
    calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert "open" not in calls and "print" not in calls and "input" not in calls


def test_cli_imports_polib_lazily():
    tree = ast.parse((ROOT / "quiz" / "cli.py").read_text("utf-8"))
    top = {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    assert "polib" not in top
