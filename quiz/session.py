"""One page's engine: the definition parsed once, the phrases checked once, and one
method per request the page (or the CLI) makes.

The page's worker starts a session with what the build gave the page — the
localized definition, the drafter's phrases, the page's language and the guide's
section links — and from then on each request carries only its own data: the
answers, the letter's fields, a file's text (``quiz.api`` routes them here).

Each method answers with plain dicts, lists and strings (their shapes:
``quiz.api_types``).  A problem the reader or an author can fix comes back as
``{"error": {"kind", "message", ...}}``; anything else is a bug and propagates.

Standard library only, no I/O: it runs in CPython (tests, ``python -m quiz``) and
in Pyodide alike. The drafter (``quiz.draft``, ``quiz.you_check``: most of the
engine's code) is imported where a method needs it, not with this module: the page
says "ready" once ``quiz.api`` is imported, and scoring needs none of it (the worker
starts the session, which checks the phrases and so imports it, right after).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from quiz import DraftError, QuizError
from quiz import saved as answers_file
from quiz.api_types import Assessment, Chart, ChartSign, ErrorResult, FlaggedSign, PlanStep, YouCheck
from quiz.engine import AnswerError, Result, Step
from quiz.engine import assess as _assess
from quiz.model import Definition, parse

__all__ = ["Session", "error_dict", "request", "result_dict"]

_F = TypeVar("_F", bound=Callable[..., Any])


def request(method: _F) -> _F:
    """Mark a method of :class:`Session` as a request the page may send (quiz.api.REQUESTS
    lists them, in the order they are defined); its parameters are the request's data."""
    method.__pk_request__ = True  # type: ignore[attr-defined]  # a marker, read by requests()
    return method


class Session:
    """The engine for one page: ``Session(definition, phrases, lang, links)``.

    ``definition``: the (localized) definition table; ``phrases``: the drafter's
    localized phrases, or None where no letter is drafted (the CLI); ``lang``: the
    page's language, the phrases' when omitted; ``links``: guide section id -> the
    section's URL (absolute: the "my result" document is read away from the site).
    Raises ``QuizError`` for a definition or phrases that fail their checks.
    """

    def __init__(
        self,
        definition: Mapping[str, Any],
        phrases: Mapping[str, Any] | None = None,
        lang: str | None = None,
        links: Mapping[str, str] | None = None,
    ) -> None:
        self.model: Definition = parse(definition)
        if phrases is not None:
            from quiz import draft as drafter

            drafter.validate(phrases)
            if lang is not None and phrases["lang"] != lang:
                raise DraftError(f"the phrases are in '{phrases['lang']}', not '{lang}'")
        self.phrases = phrases
        self.lang = lang or (phrases["lang"] if phrases is not None else None)
        if links is not None and not (
            isinstance(links, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in links.items())
        ):
            raise QuizError("links must map guide section ids to URLs (text)")
        self.links: dict[str, str] = dict(links or {})

    def __repr__(self) -> str:
        return f"Session(lang={self.lang!r}, questions={len(self.model.questions)}, phrases={self.phrases is not None})"

    def summary(self) -> dict[str, Any]:
        """What the page may check once the session has started."""
        return {
            "ok": True,
            "questions": [q.id for q in self.model.questions],
            "max_score": self.model.max_score,
            "threshold": self.model.threshold,
        }

    # ---- the requests ------------------------------------------------------------

    @request
    def assess(self, answers: Any) -> Assessment | ErrorResult:
        """Score one reader's answers (quiz/api.py's docstring has the shape)."""
        try:
            return result_dict(_assess(self.model, answers))
        except QuizError as exc:
            return error_dict(exc)

    @request
    def draft(
        self,
        kind: Any,
        fields: Any = None,
        choices: Any = None,
        include: Any = None,
        rule: Any = None,
        topics: Any = None,
    ) -> dict[str, Any]:
        """The letter of ``kind`` for the result's ``rule`` and ``topics``, with the form to show."""
        from quiz import draft as drafter

        return drafter.draft(self._phrases(), kind, fields, choices, include, rule, topics)

    @request
    def check(self, text: Any) -> YouCheck | ErrorResult:
        """Every form of "you" in the letter as the reader left it (the page language's word list)."""
        if not isinstance(text, str):
            return {"error": {"kind": "draft", "message": f"the letter must be text, not {type(text).__name__}"}}
        from quiz import draft as drafter
        from quiz import you_check

        try:
            return you_check.check(text, drafter.you_forms(self._phrases()))
        except QuizError as exc:
            return {"error": {"kind": "draft", "message": str(exc)}}

    @request
    def take_away(self, text: Any) -> dict[str, Any]:
        """The letter as it leaves the page (copied or saved as .txt): cleaned, with a notice."""
        from quiz import draft as drafter

        try:
            return drafter.take_away(text, self._phrases())
        except QuizError as exc:
            return {"error": {"kind": "draft", "message": str(exc)}}

    @request
    def markdown(self, result: Any, draft: Any = None) -> str | dict[str, Any]:
        """The "my result" Markdown document, its links the session's (absolute) ones."""
        from quiz import draft as drafter

        try:
            return drafter.markdown_result(result, draft, self._phrases(), self.links)
        except QuizError as exc:
            return {"error": {"kind": "draft", "message": str(exc)}}

    @request
    def save_answers(self, answers: Any, saved_on: Any) -> dict[str, Any]:
        """The answers file for complete ``answers``, saved on the reader's date ``saved_on``."""
        try:
            name = answers_file.filename(saved_on)
            return {
                "text": answers_file.dump(self.model, answers, saved_on),
                "filename": name,
                "type": "application/json",
                "message": self.model.ui["saved_done"].format(filename=name),
            }
        except answers_file.SavedError as exc:
            return self._saved_error(exc)
        except QuizError as exc:
            return dict(error_dict(exc))

    @request
    def open_answers(self, text: Any, size: Any = None) -> dict[str, Any]:
        """Check a file's text (``size`` in bytes, as the browser reports it) before the form changes."""
        try:
            found = answers_file.load(self.model, text, size)
        except answers_file.SavedError as exc:
            return self._saved_error(exc)
        return {
            "answers": dict(found.answers),
            "saved_on": found.saved_on,
            "message": self.model.ui["saved_opened"].format(saved_on=found.saved_on),
        }

    @request
    def compare_answers(self, saved: Any, answers: Any) -> dict[str, Any]:
        """What changed from an opened file's answers (``saved``: ``open_answers``' answer) to these."""
        try:
            if not isinstance(saved, Mapping):
                raise answers_file.SavedError("saved_wrong_format", "saved must be open_answers()'s answer")
            before = answers_file.Saved(
                answers_file.check(self.model, saved.get("answers")), answers_file.check_date(saved.get("saved_on"))
            )
            return answers_file.compare(self.model, before, answers)
        except answers_file.SavedError as exc:
            return self._saved_error(exc)
        except QuizError as exc:
            return dict(error_dict(exc))

    # ---- helpers -------------------------------------------------------------------

    @classmethod
    def requests(cls) -> tuple[str, ...]:
        """The names of the methods marked with ``@request``, in the order they are defined."""
        return tuple(name for name, value in vars(cls).items() if getattr(value, "__pk_request__", False))

    def _phrases(self) -> Mapping[str, Any]:
        if self.phrases is None:
            raise DraftError("this session has no phrases: start it with the drafter's phrases")
        return self.phrases

    def _saved_error(self, exc: answers_file.SavedError) -> dict[str, Any]:
        message = answers_file.message(self.model, exc)
        return {"error": {"kind": "saved", "key": exc.key, "message": message, "detail": str(exc)}}


def result_dict(result: Result) -> Assessment:
    """The engine's result as plain data for the page."""
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
    if isinstance(exc, DraftError):
        return {"error": {"kind": "draft", "message": str(exc)}}
    return {"error": {"kind": "definition", "message": str(exc)}}
