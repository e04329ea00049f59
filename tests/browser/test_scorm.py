"""The SCORM 1.2 package in Chromium under a stand-in LMS: scorm-again's
Scorm12API (the npm package, copied in at test time) on a harness page that frames
the package's launch page, as an LMS does. Completion and the score reach the
LMS; no answer does; the session ends when the learner leaves; and without an
LMS the launch page is a plain self-assessment."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, expect

from quiz import api
from scripts.publish.scorm import launch_path, make_scorm
from scripts.serve import serving

from .helpers import watch

ROOT = Path(__file__).resolve().parents[2]
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
VECTORS = {v["name"]: v for v in json.loads((ROOT / "tests" / "quiz" / "vectors.json").read_text("utf-8"))}
READY = 40_000  # ms; ~3 s here, cold

# The stand-in LMS: the API object where a SCO looks for it (the frame's parent),
# every call the SCO makes recorded, and the SCO framed from ?launch=.
LMS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.min.js"></script></head>
<body>
<script>
window.API = new Scorm12API({logLevel: 5});
window.calls = [];
["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
  var original = window.API[name].bind(window.API);
  window.API[name] = function () {
    var args = Array.prototype.slice.call(arguments);
    var value = original.apply(null, args);
    window.calls.push({name: name, args: args, value: String(value)});
    return value;
  };
});
function cmi() {
  return {
    status: API.cmi.core.lesson_status,
    raw: API.cmi.core.score.raw, min: API.cmi.core.score.min, max: API.cmi.core.score.max,
    suspend_data: API.cmi.suspend_data,
    interactions: API.cmi.interactions.childArray.length,
    objectives: API.cmi.objectives.childArray.length,
  };
}
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


@pytest.fixture(scope="module")
def lms_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("lms")
    package = make_scorm(built_site, root / "package.zip")
    with zipfile.ZipFile(package) as zf:
        zf.extractall(root / "package")
    shutil.copyfile(SCORM_AGAIN, root / "scorm12.min.js")
    (root / "index.html").write_text(LMS, encoding="utf-8")
    with serving(root) as url:
        yield url


def run(frame: Frame, vector: dict) -> None:
    expect(frame.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    for question, option in vector["answers"].items():
        frame.locator(f'input[name="{question}"][value="{option}"]').check()
    frame.locator("form#assessment button[type=submit]").click()
    expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", vector["expected"]["verdict"])


def test_lms_gets_completion_and_score_and_no_answer(page: Page, lms_url):
    page.goto(f"{lms_url}/?launch=package/{launch_path('ru')}")
    page.wait_for_function("() => window.calls.some(c => c.name === 'LMSInitialize')")
    assert page.evaluate("cmi().status") == "incomplete"
    frame = page.main_frame.child_frames[0]
    expect(frame.locator("#pk-embed-shares")).to_be_visible()

    vector = VECTORS["flagged-exhausted-part-ways"]
    run(frame, vector)
    page.wait_for_function("() => cmi().status === 'completed'")
    definition = json.loads(frame.locator("#quiz-data").text_content())["definition"]
    expected = api.assess(definition, vector["answers"])
    assert expected["max_score"] <= 100  # else scorm12.js reports a percentage
    state = page.evaluate("cmi()")
    assert state == {"status": "completed", "raw": str(expected["score"]), "min": "0",
                     "max": str(expected["max_score"]), "suspend_data": "", "interactions": 0, "objectives": 0}

    # Leaving the page ends the session.
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("() => window.calls.some(c => c.name === 'LMSFinish')")
    calls = page.evaluate("window.calls")
    assert all(c["value"] == "true" for c in calls), calls
    assert [c["name"] for c in calls].count("LMSFinish") == 1
    written = {c["args"][0]: c["args"][1] for c in calls if c["name"] == "LMSSetValue"}
    assert set(written) == {"cmi.core.lesson_status", "cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max"}
    assert not set(vector["answers"].values()) & set(written.values())


def test_without_an_lms_the_launch_page_is_a_plain_self_assessment(page: Page, lms_url):
    traffic = watch(page, lms_url)
    page.goto(f"{lms_url}/package/{launch_path('ru')}")
    run(page.main_frame, VECTORS["all-clear"])
    expect(page.locator("#pk-embed-shares")).to_be_hidden()
    assert traffic.off_origin == []
    assert traffic.errors == []
