"""The SCORM packages in Chromium under a stand-in LMS, in both languages: scorm-again's
Scorm12API (SCORM 1.2) or Scorm2004API (SCORM 2004 4th Edition), from the npm package,
copied in at test time, on a harness page that frames the unzipped package's launch
page as an LMS does (same origin: SCORM's API discovery reads the parent's API object,
so no cross-frame helper - and no "*" origin - is involved). Initialisation, completion
and the score reach the LMS; no answer, interaction or suspend data does; the session
ends when the learner leaves; and without an LMS the launch page is a plain
self-assessment."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, expect

from quiz import api
from scripts.publish.scorm import launch_path, make_scorm
from scripts.serve import serving
from tests.expect import ok

from .helpers import watch

ROOT = Path(__file__).resolve().parents[2]
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist"
VECTORS = {v["name"]: v for v in json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))}
READY = 40_000  # ms; ~3 s here, cold

# The stand-in LMS: the API object where a SCO looks for it (the frame's parent),
# every call the SCO makes recorded, and the SCO framed from ?launch=.
LMS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="{library}"></script></head>
<body>
<script>
window.{global} = new {api}({{logLevel: 5}});
window.calls = [];
{methods}.forEach(function (name) {{
  var original = window.{global}[name].bind(window.{global});
  window.{global}[name] = function () {{
    var args = Array.prototype.slice.call(arguments);
    var value = original.apply(null, args);
    window.calls.push({{name: name, args: args, value: String(value)}});
    return value;
  }};
}});
// cmi.exit is write-only for a SCO; scorm-again lets its own JSON export read it.
function writeOnly(c, name) {{
  c.jsonString = true;
  try {{ return c[name]; }} finally {{ c.jsonString = false; }}
}}
function cmi() {{
  var c = window.{global}.cmi;
  return {state};
}}
var frame = document.createElement("iframe");
frame.id = "sco";
frame.title = "Self-check";
frame.style.width = "100%";
frame.style.height = "600px";
frame.src = new URLSearchParams(location.search).get("launch");
document.body.appendChild(frame);
</script>
</body></html>
"""

EDITIONS: dict[str, dict[str, Any]] = {
    "1.2": {
        "library": "scorm12.min.js",
        "global": "API",
        "api": "Scorm12API",
        "methods": ["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"],
        "state": """{status: c.core.lesson_status, raw: c.core.score.raw, min: c.core.score.min,
                     max: c.core.score.max, suspend_data: c.suspend_data,
                     interactions: c.interactions.childArray.length, objectives: c.objectives.childArray.length}""",
        "initialize": "LMSInitialize",
        "terminate": "LMSFinish",
        "set": "LMSSetValue",
    },
    "2004": {
        "library": "scorm2004.min.js",
        "global": "API_1484_11",
        "api": "Scorm2004API",
        "methods": ["Initialize", "SetValue", "Commit", "Terminate"],
        "state": """{completion: c.completion_status, success: c.success_status, raw: c.score.raw,
                     min: c.score.min, max: c.score.max, scaled: c.score.scaled, exit: writeOnly(c, "exit"),
                     suspend_data: c.suspend_data, interactions: c.interactions.childArray.length,
                     objectives: c.objectives.childArray.length}""",
        "initialize": "Initialize",
        "terminate": "Terminate",
        "set": "SetValue",
    },
}


@pytest.fixture(scope="module", params=list(EDITIONS), ids=["scorm12", "scorm2004"])
def lms(request, built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(edition, URL of a loopback LMS serving both languages' unzipped packages)."""
    edition = request.param
    spec = EDITIONS[edition]
    root = tmp_path_factory.mktemp(f"lms{edition}")
    for lang in ("ru", "en"):
        package = make_scorm(built_site, root / f"{lang}.zip", lang=lang, edition=edition)
        with zipfile.ZipFile(package) as zf:
            zf.extractall(root / lang)
    library = SCORM_AGAIN / spec["library"]
    assert library.is_file(), f"{library} is missing: run `npm ci` (scorm-again is pinned in package.json)"
    shutil.copyfile(library, root / spec["library"])
    page = LMS.format(
        library=spec["library"], methods=json.dumps(spec["methods"]), **{k: spec[k] for k in ("global", "api", "state")}
    )
    (root / "index.html").write_text(page, encoding="utf-8")
    with serving(root) as url:
        yield edition, url


def run(frame: Frame, vector: dict) -> None:
    expect(frame.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    for question, option in vector["answers"].items():
        frame.locator(f'input[name="{question}"][value="{option}"]').check()
    frame.locator("form#assessment button[type=submit]").click()
    expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", vector["expected"]["verdict"])


def expected_state(edition: str, result: dict) -> dict:
    score, top = result["score"], result["max_score"]
    if edition == "1.2":
        assert top <= 100  # else scorm12.js reports a percentage
        return {
            "status": "completed",
            "raw": str(score),
            "min": "0",
            "max": str(top),
            "suspend_data": "",
            "interactions": 0,
            "objectives": 0,
        }
    return {
        "completion": "completed",
        "success": "unknown",
        "raw": str(score),
        "min": "0",
        "max": str(top),
        "scaled": format(round(score / top, 4), "g"),
        "exit": "normal",
        "suspend_data": "",
        "interactions": 0,
        "objectives": 0,
    }


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_lms_gets_completion_and_score_and_no_answer(page: Page, lms, lang):
    edition, url = lms
    spec = EDITIONS[edition]
    page.goto(f"{url}/?launch={lang}/{launch_path(lang)}")
    page.wait_for_function(f"() => window.calls.some(c => c.name === '{spec['initialize']}')")
    started = page.evaluate("cmi()")
    assert started.get("status", started.get("completion")) == "incomplete"
    frame = page.main_frame.child_frames[0]
    expect(frame.locator("html")).to_have_attribute("lang", lang)
    expect(frame.locator("#pk-embed-shares")).to_be_visible()

    vector = VECTORS["flagged-exhausted-part-ways"]
    run(frame, vector)
    page.wait_for_function("() => (cmi().status || cmi().completion) === 'completed'")
    definition = json.loads(frame.locator("#quiz-data").text_content() or "")["definition"]
    expected = ok(api.assess(definition, vector["answers"]))
    assert page.evaluate("cmi()") == expected_state(edition, expected)

    # Leaving the page ends the session, once.
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function(f"() => window.calls.some(c => c.name === '{spec['terminate']}')")
    calls = page.evaluate("window.calls")
    assert all(c["value"] == "true" for c in calls), calls
    names = [c["name"] for c in calls]
    assert names.count(spec["initialize"]) == 1 and names.count(spec["terminate"]) == 1
    assert names[0] == spec["initialize"] and names[-1] == spec["terminate"]
    written = {c["args"][0]: c["args"][1] for c in calls if c["name"] == spec["set"]}
    allowed = {
        "1.2": {"cmi.core.lesson_status", "cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"},
        "2004": {
            "cmi.completion_status",
            "cmi.success_status",
            "cmi.score.raw",
            "cmi.score.min",
            "cmi.score.max",
            "cmi.score.scaled",
            "cmi.exit",
        },
    }[edition]
    assert set(written) == allowed
    assert not any(".interactions" in k or "suspend_data" in k or "objectives" in k for k in written)
    assert not set(vector["answers"].values()) & set(written.values())
    assert page.evaluate("cmi()") == expected_state(edition, expected)


def test_a_second_result_replaces_the_score(page: Page, lms):
    edition, url = lms
    page.goto(f"{url}/?launch=en/{launch_path('en')}")
    frame = page.frame_locator("#sco")
    expect(frame.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    sco = page.main_frame.child_frames[0]
    definition = json.loads(sco.locator("#quiz-data").text_content() or "")["definition"]
    for name in ("flagged-exhausted-part-ways", "all-clear"):
        sco.locator("form#assessment button[type=reset]").click()
        run(sco, VECTORS[name])
        expected = expected_state(edition, ok(api.assess(definition, VECTORS[name]["answers"])))
        page.wait_for_function("raw => cmi().raw === raw", arg=expected["raw"])
    assert page.evaluate("cmi()") == expected


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_without_an_lms_the_launch_page_is_a_plain_self_assessment(page: Page, lms, lang):
    _, url = lms
    traffic = watch(page, url)
    page.goto(f"{url}/{lang}/{launch_path(lang)}")
    run(page.main_frame, VECTORS["all-clear"])
    expect(page.locator("#pk-embed-shares")).to_be_hidden()
    assert traffic.off_origin == []
    assert traffic.errors == []
