"""The page's one way into Python: a session, started once, and one request per call.

The page's worker (web/quiz/engine-worker.js) calls :func:`call` with a request
type and that request's own data as JSON text, and passes back what it returns;
``python -m quiz`` calls the same functions.  The request types are listed once,
here (``REQUESTS``: "start" and the methods of the session marked ``@request``); the
build hands the list to the page (``#quiz-data.runtime.requests``), which sends
no other.

* ``start`` — ``{definition, phrases, lang, links}``, once per page: the localized
  definition is parsed and the phrases checked here, and kept (:class:`quiz.session.Session`).
* every other type is a method of the session, its data the method's arguments:

  ==================  =========================================================
  ``assess``          ``{answers}`` -> the result (shape below)
  ``draft``           ``{kind, fields?, choices?, include?, rule?, topics?}`` -> the letter and its form
  ``check``           ``{text}`` -> every form of "you" in the letter
  ``take_away``       ``{text}`` -> the letter cleaned for copying or saving
  ``markdown``        ``{result, draft?}`` -> the "my result" document (text)
  ``save_answers``    ``{answers, saved_on}`` -> the answers file
  ``open_answers``    ``{text, size?}`` -> the answers in a file, checked
  ``compare_answers`` ``{saved, answers}`` -> what changed since the saved answers
  ==================  =========================================================

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
(the build injects the guide's headings).

Errors a reader or author can fix come back as data: ``{"error": {"kind", "message",
...}}`` with kind "definition", "answers" (and the unanswered ``questions``),
"draft", "saved" (and the [ui] ``key``, and an English ``detail``) or "request" (a
call the page should never make: an unknown type, data of the wrong shape, no
session yet).  Anything else is a bug and propagates.
"""

from __future__ import annotations

import json
from typing import Any

from quiz import QuizError
from quiz.api_types import ErrorResult
from quiz.session import Session, error_dict

__all__ = ["REQUESTS", "call", "session", "start"]

#: Every request type the page may send, in one list: the session's start, then each
#: request of quiz.session.Session (adding one: a method marked @request, and its caller
#: in the page's JavaScript).
REQUESTS: tuple[str, ...] = ("start", *Session.requests())

# The one session of this interpreter: one page's worker, or one run of the CLI.
_session: Session | None = None


def start(definition: Any, phrases: Any = None, lang: Any = None, links: Any = None) -> dict[str, Any]:
    """Start (or restart) the session; ``{"ok": True, "questions", "max_score", "threshold"}``."""
    global _session
    try:
        _session = Session(definition, phrases, lang, links)
    except QuizError as exc:
        _session = None
        return dict(error_dict(exc))
    return _session.summary()


def session() -> Session:
    """The started session (``start`` first), for callers in Python such as the CLI."""
    if _session is None:
        raise RuntimeError("no session: call quiz.api.start() first")
    return _session


def call(request: str, data: str) -> Any:
    """One request from the page: ``request`` a type of ``REQUESTS``, ``data`` its JSON text.

    Data crosses as JSON text and is decoded here, so it arrives exactly as CPython
    would read it (Pyodide's own conversion would turn a null into ``jsnull``).
    """
    if request not in REQUESTS:
        return _request_error(f"unknown request type {request!r}; types: {', '.join(REQUESTS)}")
    try:
        args = json.loads(data)
    except (TypeError, ValueError) as exc:
        return _request_error(f"the data of a {request!r} request is not JSON: {exc}")
    if not isinstance(args, dict):
        return _request_error(f"the data of a {request!r} request must be an object, not {type(args).__name__}")
    if request == "start":
        function = start
    elif _session is None:
        return _request_error(f"a {request!r} request before the session started: send 'start' first")
    else:
        function = getattr(_session, request)
    code = function.__code__
    # The request's keys are the function's parameters (after self for a method).
    names = code.co_varnames[1 if request != "start" else 0 : code.co_argcount]
    unknown = sorted(set(args) - set(names))
    if unknown:
        return _request_error(f"unknown key {unknown[0]!r} in a {request!r} request; keys: {', '.join(names)}")
    required = names[: len(names) - len(function.__defaults__ or ())]
    missing = [n for n in required if n not in args]
    if missing:
        return _request_error(f"a {request!r} request needs {', '.join(repr(m) for m in missing)}")
    return function(**args)


def _request_error(message: str) -> ErrorResult:
    return {"error": {"kind": "request", "message": message}}
