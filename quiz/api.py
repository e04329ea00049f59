"""Entry points JavaScript calls through Pyodide: plain dicts, lists, str, int, bool only.

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
                  "text", "title"?}, ...],          # definition order
     "plan": [{"section", "page", "note", "title"?}, ...],   # reading order
     "chart": {"score": int, "max_score": int, "threshold": int,
               "signs": [{"id", "label", "answer", "answer_label", "weight", "points",
                          "max_points", "hard_stop", "flagged"}, ...]}}  # every sign

``title`` is present only when the definition's section carries one (the build
injects the guide's headings).  On a ``QuizError``::

    {"error": {"kind": "definition", "message": str}}
    {"error": {"kind": "answers", "message": str, "questions": [question id, ...]}}
"""

from __future__ import annotations

import json
from typing import Any

from quiz import QuizError
from quiz.engine import AnswerError, Result
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


def assess(definition: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Score one reader's answers; see the module docstring for the shape."""
    try:
        model = load(definition)
        return result_dict(_assess(model, answers))
    except QuizError as exc:
        return error_dict(exc)


def validate(definition: dict[str, Any]) -> dict[str, Any]:
    """Check a definition without answers: ``{"ok": True, ...}`` or ``{"error": ...}``."""
    try:
        model = load(definition)
    except QuizError as exc:
        return error_dict(exc)
    return {"ok": True, "questions": [q.id for q in model.questions],
            "max_score": model.max_score, "threshold": model.threshold}


def result_dict(result: Result) -> dict[str, Any]:
    flagged = []
    for flag in result.flagged:
        item = {"id": flag.question.id, "section": flag.section.id, "page": flag.section.page,
                "answer": flag.answer.id, "answer_label": flag.answer.label,
                "hard_stop": flag.question.hard_stop, "text": flag.question.text}
        if flag.section.title is not None:
            item["title"] = flag.section.title
        flagged.append(item)
    plan = []
    for step in result.plan:
        item = {"section": step.section.id, "page": step.section.page, "note": step.note}
        if step.section.title is not None:
            item["title"] = step.section.title
        plan.append(item)
    return {
        "verdict": result.verdict, "rule": result.rule,
        "score": result.score, "max_score": result.max_score, "threshold": result.threshold,
        "accumulated": result.accumulated,
        "headline": result.headline, "explanation": result.explanation,
        "reasons": list(result.reasons), "provisional": result.provisional,
        "flagged": flagged, "plan": plan, "chart": chart_dict(result),
    }


def chart_dict(result: Result) -> dict[str, Any]:
    """The profile chart's data: every sign with its answer and points, the score
    against the threshold. The page draws it (SVG and a table) and decides nothing."""
    signs = [{"id": bar.question.id, "label": bar.question.short or bar.question.text,
              "answer": bar.answer.id, "answer_label": bar.answer.label,
              "weight": bar.question.weight, "points": bar.points, "max_points": bar.max_points,
              "hard_stop": bar.question.hard_stop, "flagged": bar.flagged}
             for bar in result.profile]
    return {"score": result.score, "max_score": result.max_score,
            "threshold": result.threshold, "signs": signs}


def error_dict(exc: QuizError) -> dict[str, Any]:
    if isinstance(exc, AnswerError):
        return {"error": {"kind": "answers", "message": str(exc),
                          "questions": list(exc.questions)}}
    return {"error": {"kind": "definition", "message": str(exc)}}
