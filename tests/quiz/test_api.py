"""quiz.api: the page's one way into Python (a session started once, one request per call),
its one list of request types, and what it does with a malformed request."""

from __future__ import annotations

import json
import tomllib

import pytest

import quiz.session
from quiz import api
from quiz.session import Session
from scripts.paths import ROOT

RAW = tomllib.loads((ROOT / "quiz" / "definition.toml").read_text(encoding="utf-8"))
SIGNS = ["schedule", "scope-creep", "belittling", "invoices", "aggression", "review-threats", "nitpicking", "expertise"]


def answers(**signs: str) -> dict[str, str]:
    result = dict.fromkeys(SIGNS, "never") | {"self-check": "done", "exhausted": "no", "certainty": "sure"}
    return result | {k.replace("_", "-"): v for k, v in signs.items()}


def test_the_requests_are_listed_once_and_reach_the_page() -> None:
    """REQUESTS is "start" and the session's @request methods, in order; the build hands
    that list to every quiz page (#quiz-data.runtime.requests), so the page knows no other."""
    from scripts.build import generate

    assert ("start", *Session.requests()) == api.REQUESTS
    assert api.REQUESTS[1:] == (
        "assess",
        "draft",
        "check",
        "take_away",
        "markdown",
        "save_answers",
        "open_answers",
        "compare_answers",
    )
    for data in generate().quiz.data.values():
        assert data["runtime"]["requests"] == list(api.REQUESTS)


def test_the_session_parses_the_definition_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page sends the definition once ("start"); every later call only its own data."""
    api.start(RAW)
    first = api.session().model
    assert api.call("assess", json.dumps({"answers": answers(invoices="often")}))["verdict"] == "last-attempt"
    assert api.session().model is first
    calls: list[object] = []
    monkeypatch.setattr(quiz.session, "parse", lambda d: calls.append(d))
    for _ in range(3):
        api.call("assess", json.dumps({"answers": answers()}))
    assert calls == []


@pytest.mark.parametrize(
    ("request_type", "data", "message"),
    [
        ("score", "{}", "unknown request type 'score'"),
        ("assess", "[", "not JSON"),
        ("assess", "[]", "must be an object, not list"),
        (
            "assess",
            '{"answers": {}, "definition": {}}',
            "unknown key 'definition' in a 'assess' request; keys: answers",
        ),
        ("assess", "{}", "a 'assess' request needs 'answers'"),
        ("save_answers", '{"answers": {}}', "needs 'saved_on'"),
    ],
)
def test_api_refuses_a_malformed_request(request_type, data, message):
    api.start(RAW)
    result = api.call(request_type, data)
    assert result["error"]["kind"] == "request" and message in result["error"]["message"]


def test_api_refuses_requests_before_start(monkeypatch):
    monkeypatch.setattr(api, "_session", None)
    assert api.call("assess", '{"answers": {}}')["error"]["message"].startswith("a 'assess' request before")
    with pytest.raises(RuntimeError, match="start"):
        api.session()


def test_every_request_type_but_start_is_a_session_method():
    assert api.REQUESTS[0] == "start"
    for name in api.REQUESTS[1:]:
        assert callable(getattr(Session, name)), name
    public = {n for n in vars(Session) if not n.startswith("_") and callable(getattr(Session, n))}
    assert public - {"summary", "requests"} == set(api.REQUESTS[1:])  # every other public method is a request
