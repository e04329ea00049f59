"""quiz.api: the page's one way into Python (a session started once, one request per call),
and the page's own list of request types (web/quiz/lib/requests.js) against Python's."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

import quiz.session
from quiz import api
from quiz.session import Session

ROOT = Path(__file__).resolve().parents[2]
RAW = tomllib.loads((ROOT / "quiz" / "definition.toml").read_text(encoding="utf-8"))
SIGNS = ["schedule", "scope-creep", "belittling", "invoices", "aggression", "review-threats", "nitpicking", "expertise"]


def answers(**signs: str) -> dict[str, str]:
    result = dict.fromkeys(SIGNS, "never") | {"self-check": "done", "exhausted": "no", "certainty": "sure"}
    return result | {k.replace("_", "-"): v for k, v in signs.items()}


PRINT = "console.log(JSON.stringify(REQUESTS))"


def test_the_pages_request_types_are_pythons() -> None:
    """web/quiz/lib/requests.js is the page's copy of quiz.api.REQUESTS: imported here, not read as text."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js")
    module = (ROOT / "web" / "quiz" / "lib" / "requests.js").as_uri()
    done = subprocess.run(
        [
            node,
            "--input-type=module",
            "-e",
            f"import {{ REQUESTS }} from {json.dumps(module)}; console.log(JSON.stringify(REQUESTS))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(done.stdout) == list(api.REQUESTS)


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
    assert public - {"summary"} == set(api.REQUESTS[1:])
