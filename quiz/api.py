"""Entry points JavaScript calls through Pyodide: plain dicts, lists, str, int, bool only.
Their shapes are typed once in quiz/api_types.py (TypedDicts; JavaScript's side:
web/quiz/lib/types.js).

Each function is one call from the page's worker.  Errors a reader or author can
fix (``QuizError``) come back as ``{"error": {"kind", "message", ...}}`` so the
page can show them; anything else is a bug and propagates.

Result of ``assess`` on success::

    {"verdict": "keep" | "last-attempt" | "part-ways",
     "rule": "clear" | "hard-stop" | "exhausted" | "not-exhausted",
     "score": int, "max_score": int, "threshold": int, "accumulated": bool,
     "headline": str, "explanation": str, "reasons": [str, ...],
     "provisional": bool,   # self-check not yet done: the explanation says the verdict is provisional
     "flagged": [{"id", "section", "page", "answer", "answer_label", "hard_stop",
                  "text", "short", "title"?}, ...],          # definition order
     "plan": [{"section", "page", "note", "title"?}, ...],   # reading order
     "followup"?: {"heading": str, "steps": [step, ...]},  # keep, yet continuing is impossible
     "letter"?: {"kind": "part-ways" | "last-attempt", "topics": [sign id, ...],
                 "opt_in": bool},   # the letter the result calls for, when it calls for one
     "chart": {"score": int, "max_score": int, "threshold": int,
               "signs": [{"id", "label", "answer", "answer_label", "weight", "points",
                          "max_points", "hard_stop", "flagged"}, ...]}}  # every sign

A step's ``title`` is the plan's own (e.g. a last attempt puts the *proposal* in
writing) or else the section's, present when the definition's section carries one
(the build injects the guide's headings).  On a ``QuizError``::

    {"error": {"kind": "definition", "message": str}}
    {"error": {"kind": "answers", "message": str, "questions": [question id, ...]}}
"""

from __future__ import annotations

import json
from typing import Any

from quiz import QuizError, saved
from quiz.api_types import (
    Assessment,
    Chart,
    ChartSign,
    ErrorResult,
    FlaggedSign,
    PlanStep,
    Validation,
)
from quiz.engine import AnswerError, Result, Step
from quiz.engine import assess as _assess
from quiz.model import Definition, parse

# Validated definitions by content.  The page sends the same definition with
# every submit; re-checking it each time would eat the 50 ms budget in Pyodide.
_CACHE: dict[str, Definition] = {}
_CACHE_SIZE = 8


def load(definition: dict[str, Any]) -> Definition:
    """Parse ``definition`` once per distinct content and remember the result."""
    try:
        key = json.dumps(definition, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return parse(definition)  # not JSON-shaped: let parse() explain what is wrong
    model = _CACHE.get(key)
    if model is None:
        model = parse(definition)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = model
    return model


def assess(definition: dict[str, Any], answers: dict[str, Any]) -> Assessment | ErrorResult:
    """Score one reader's answers; see the module docstring for the shape."""
    try:
        model = load(definition)
        return result_dict(_assess(model, answers))
    except QuizError as exc:
        return error_dict(exc)


def validate(definition: dict[str, Any]) -> Validation | ErrorResult:
    """Check a definition without answers: ``{"ok": True, ...}`` or ``{"error": ...}``."""
    try:
        model = load(definition)
    except QuizError as exc:
        return error_dict(exc)
    return {
        "ok": True,
        "questions": [q.id for q in model.questions],
        "max_score": model.max_score,
        "threshold": model.threshold,
    }


def result_dict(result: Result) -> Assessment:
    flagged: list[FlaggedSign] = []
    for flag in result.flagged:
        item: FlaggedSign = {
            "id": flag.question.id,
            "section": flag.section.id,
            "page": flag.section.page,
            "answer": flag.answer.id,
            "answer_label": flag.answer.label,
            "hard_stop": flag.question.hard_stop,
            "text": flag.question.text,
            "short": flag.question.short or flag.question.text,
        }
        if flag.section.title is not None:
            item["title"] = flag.section.title
        flagged.append(item)
    out: Assessment = {
        "verdict": result.verdict,
        "rule": result.rule,
        "score": result.score,
        "max_score": result.max_score,
        "threshold": result.threshold,
        "accumulated": result.accumulated,
        "headline": result.headline,
        "explanation": result.explanation,
        "reasons": list(result.reasons),
        "provisional": result.provisional,
        "flagged": flagged,
        "plan": [step_dict(s) for s in result.plan],
        "chart": chart_dict(result),
    }
    # Present only when they apply: no None crosses to JavaScript (it would arrive as undefined).
    if result.followup:
        out["followup"] = {"heading": result.followup_heading, "steps": [step_dict(s) for s in result.followup]}
    if result.letter is not None:
        # Topics are what a last attempt speaks of; a parting letter has none.
        topics = result.topic_ids if result.letter == "last-attempt" else []
        out["letter"] = {"kind": result.letter, "topics": topics, "opt_in": result.letter_opt_in}
    return out


def step_dict(step: Step) -> PlanStep:
    """One plan step: its section, page, note and title (the plan's own, else the guide's)."""
    item: PlanStep = {"section": step.section.id, "page": step.section.page, "note": step.note}
    title = step.title if step.title is not None else step.section.title
    if title is not None:
        item["title"] = title
    return item


def chart_dict(result: Result) -> Chart:
    """The profile chart's data: every sign with its answer and points, the score
    against the threshold. The page draws it (SVG and a table) and decides nothing."""
    signs: list[ChartSign] = [
        {
            "id": bar.question.id,
            "label": bar.question.short or bar.question.text,
            "answer": bar.answer.id,
            "answer_label": bar.answer.label,
            "weight": bar.question.weight,
            "points": bar.points,
            "max_points": bar.max_points,
            "hard_stop": bar.question.hard_stop,
            "flagged": bar.flagged,
        }
        for bar in result.profile
    ]
    return {"score": result.score, "max_score": result.max_score, "threshold": result.threshold, "signs": signs}


def error_dict(exc: QuizError) -> ErrorResult:
    if isinstance(exc, AnswerError):
        return {"error": {"kind": "answers", "message": str(exc), "questions": list(exc.questions)}}
    return {"error": {"kind": "definition", "message": str(exc)}}


# --- Saved answers (quiz/saved.py): a file the reader keeps, never storage -------------
#
#   save_answers(definition, answers, saved_on)
#       -> {"text": <the file>, "filename": str, "type": "application/json", "message": str}
#   open_answers(definition, text, size)
#       -> {"answers": {question: option}, "saved_on": "YYYY-MM-DD", "message": str}
#   compare_answers(definition, saved, answers)     saved: open_answers()'s answer
#       -> {"heading", "intro", "saved_on", "score": {"then", "now", "max_score", "text"},
#           "verdict": {"then", "now", "text"}, "none": str | None,
#           "groups": [{"id", "heading", "signs": [{"id", "section", "page", "text",
#                       "title"?, "hard_stop", "then", "now", "change"}]}]}
# A file the page must refuse: {"error": {"kind": "saved", "key": <[ui] key>,
# "message": <for the reader, in the definition's language>, "detail": <English>}}.


def save_answers(definition: dict[str, Any], answers: dict[str, Any], saved_on: Any) -> dict[str, Any] | ErrorResult:
    """The answers file for complete ``answers``, saved on the reader's date ``saved_on``."""
    try:
        model = load(definition)
        name = saved.filename(saved_on)
        return {
            "text": saved.dump(model, answers, saved_on),
            "filename": name,
            "type": "application/json",
            "message": model.ui["saved_done"].format(filename=name),
        }
    except saved.SavedError as exc:
        return _saved_error(model, exc)
    except QuizError as exc:
        return error_dict(exc)


def open_answers(definition: dict[str, Any], text: Any, size: Any = None) -> dict[str, Any] | ErrorResult:
    """Check a file's text (``size`` in bytes, as the browser reports it) before the form changes."""
    try:
        model = load(definition)
        found = saved.load(model, text, size)
    except saved.SavedError as exc:
        return _saved_error(model, exc)
    except QuizError as exc:
        return error_dict(exc)
    return {
        "answers": dict(found.answers),
        "saved_on": found.saved_on,
        "message": model.ui["saved_opened"].format(saved_on=found.saved_on),
    }


def compare_answers(
    definition: dict[str, Any], saved_answers: Any, answers: dict[str, Any]
) -> dict[str, Any] | ErrorResult:
    """What changed from an opened file's answers to the ones just assessed."""
    try:
        model = load(definition)
        if not isinstance(saved_answers, dict):
            raise saved.SavedError("saved_wrong_format", "saved must be open_answers()'s answer")
        before = saved.Saved(
            saved.check(model, saved_answers.get("answers")), saved.check_date(saved_answers.get("saved_on"))
        )
        return saved.compare(model, before, answers)
    except saved.SavedError as exc:
        return _saved_error(model, exc)
    except QuizError as exc:
        return error_dict(exc)


def _saved_error(model: Definition, exc: saved.SavedError) -> dict[str, Any]:
    return {"error": {"kind": "saved", "key": exc.key, "message": saved.message(model, exc), "detail": str(exc)}}
