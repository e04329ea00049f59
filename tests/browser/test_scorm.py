"""The SCORM packages in Chromium under a stand-in LMS, one per language (`make_scorm(...,
lang=...)`, as `python -m scripts.products.scorm --lang <code>` makes it): scorm-again's
Scorm12API (SCORM 1.2) or Scorm2004API (SCORM 2004 4th Edition), from the npm package,
copied in at test time, on a harness page that frames the unzipped package's launch
page as an LMS does (same origin: SCORM's API discovery reads the parent's API object,
so no cross-frame helper - and no "*" origin - is involved). Initialisation, completion,
the score and the session time reach the LMS; no answer, interaction or suspend data
does; the session ends when the learner leaves; a file server that labels the runtime's
files application/octet-stream (.mjs included) changes nothing; after a reload inside the
player the LMS refuses a second session, and the learner is told that the result cannot
reach the course; and without an LMS the launch page is a plain self-assessment. Every
language's package reaches the LMS (its launch page, its words); the rest, the same
script in every package, runs in one."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, Response, expect

from quiz.session import Session
from scripts.paths import ROOT
from scripts.products.scorm import launch_path, make_scorm
from scripts.serve import serving
from tests import course_claims
from tests.expect import ok
from tests.site import LANGS, SOURCE

from .helpers import watch

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
    var error = String(window.{global}.{last_error}());
    window.calls.push({{name: name, args: args, value: String(value), error: error}});
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
frame.title = "Self-assessment";
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
                     max: c.core.score.max, session_time: writeOnly(c.core, "session_time"),
                     suspend_data: c.suspend_data,
                     interactions: c.interactions.childArray.length, objectives: c.objectives.childArray.length}""",
        "initialize": "LMSInitialize",
        "terminate": "LMSFinish",
        "set": "LMSSetValue",
        "last_error": "LMSGetLastError",
        "session_time": "cmi.core.session_time",
    },
    "2004": {
        "library": "scorm2004.min.js",
        "global": "API_1484_11",
        "api": "Scorm2004API",
        "methods": ["Initialize", "SetValue", "Commit", "Terminate"],
        "state": """{completion: c.completion_status, success: c.success_status, raw: c.score.raw,
                     min: c.score.min, max: c.score.max, scaled: c.score.scaled, exit: writeOnly(c, "exit"),
                     session_time: writeOnly(c, "session_time"),
                     suspend_data: c.suspend_data, interactions: c.interactions.childArray.length,
                     objectives: c.objectives.childArray.length}""",
        "initialize": "Initialize",
        "terminate": "Terminate",
        "set": "SetValue",
        "last_error": "GetLastError",
        "session_time": "cmi.session_time",
    },
}


# A file server with its own table of types, as an LMS serving unpacked packages may
# have: every runtime file labelled as a download, only .js as JavaScript.
OCTET_STREAM = {
    **dict.fromkeys((".mjs", ".wasm", ".json", ".whl", ".zip", ".gz"), "application/octet-stream"),
    ".js": "text/javascript",
}


@pytest.fixture(scope="module", params=list(EDITIONS), ids=["scorm12", "scorm2004"])
def lms_root(request, built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """(edition, a folder holding the stand-in LMS page and every language's unzipped package)."""
    edition = request.param
    spec = EDITIONS[edition]
    root = tmp_path_factory.mktemp(f"lms{edition}")
    for lang in LANGS:
        package = make_scorm(built_site, root / f"{lang}.zip", lang=lang, edition=edition)
        with zipfile.ZipFile(package) as zf:
            zf.extractall(root / lang)
    library = SCORM_AGAIN / spec["library"]
    assert library.is_file(), f"{library} is missing: run `npm ci` (scorm-again is pinned in package.json)"
    shutil.copyfile(library, root / spec["library"])
    page = LMS.format(
        library=spec["library"],
        methods=json.dumps(spec["methods"]),
        **{k: spec[k] for k in ("global", "api", "state", "last_error")},
    )
    (root / "index.html").write_text(page, encoding="utf-8")
    return edition, root


@pytest.fixture(scope="module")
def lms(lms_root: tuple[str, Path]) -> Iterator[tuple[str, str]]:
    """(edition, URL of a loopback LMS serving every language's unzipped package)."""
    edition, root = lms_root
    with serving(root) as url:
        yield edition, url


@pytest.fixture(scope="module")
def octet_lms(lms_root: tuple[str, Path]) -> Iterator[tuple[str, str]]:
    """The same LMS, its file server sending the types of OCTET_STREAM."""
    edition, root = lms_root
    with serving(root, types=OCTET_STREAM) as url:
        yield edition, url


def run(frame: Frame, vector: dict) -> None:
    expect(frame.locator("#quiz-engine")).to_have_attribute("data-state", "ready", timeout=READY)
    for question, option in vector["answers"].items():
        frame.locator(f'input[name="{question}"][value="{option}"]').check()
    frame.locator("form#assessment button[type=submit]").click()
    expect(frame.locator("#quiz-result")).to_have_attribute("data-verdict", vector["expected"]["verdict"])


# The session time as each standard writes it: SCORM 1.2's CMITimespan (HHHH:MM:SS.SS,
# two to four digits of hours) and SCORM 2004's timeinterval, the ISO 8601 duration the
# SCO writes (PT<h>H<m>M<s>S, at most hundredths of a second).
SESSION_TIME = {
    "1.2": re.compile(r"(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?"),
    "2004": re.compile(r"PT(\d+)H([0-5]?\d)M([0-5]?\d)(\.\d{1,2})?S"),
}
# What the LMS keeps may be its own rewriting of the same time (scorm-again drops zeros).
KEPT_TIME = {
    "1.2": re.compile(r"(\d+):(\d+):(\d+)(\.\d+)?"),
    "2004": re.compile(r"P(?:0D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(\.\d+)?S)?"),
}


def seconds(pattern: re.Pattern[str], value: str) -> float:
    """A session time in seconds; fails unless the whole value has the pattern's form."""
    match = pattern.fullmatch(value)
    assert match, f"{value!r} is not a session time of the form {pattern.pattern}"
    hours, minutes, whole, fraction = match.groups()
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(whole or 0) + float(fraction or 0)


def lms_state(page: Page) -> tuple[dict, str]:
    """What the LMS holds: every value but the session time, and the session time."""
    state = page.evaluate("cmi()")
    return state, state.pop("session_time")


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


@pytest.mark.parametrize("lang", LANGS)
def test_lms_gets_completion_and_score_and_no_answer(page: Page, lms, lang):
    edition, url = lms
    spec = EDITIONS[edition]
    page.goto(f"{url}/?launch={lang}/{launch_path(lang)}")
    page.wait_for_function(f"() => window.calls.some(c => c.name === '{spec['initialize']}')")
    started = page.evaluate("cmi()")
    assert started.get("status", started.get("completion")) == "incomplete"
    frame = page.main_frame.child_frames[0]
    expect(frame.locator("html")).to_have_attribute("lang", lang)
    definition = json.loads(frame.locator("#quiz-data").text_content() or "")["definition"]
    # The learner is told what the LMS receives (not the iframe view's verdict and score).
    expect(frame.locator("#pk-embed-shares")).to_have_text(definition["ui"]["course_lms_shares"])
    expect(frame.locator("#pk-embed-shares")).to_be_visible()
    expect(frame.locator("#pk-embed-unrecorded")).to_have_count(0)

    vector = VECTORS["flagged-exhausted-part-ways"]
    run(frame, vector)
    page.wait_for_function("() => (cmi().status || cmi().completion) === 'completed'")
    expected = ok(Session(definition).assess(vector["answers"]))
    assert lms_state(page)[0] == expected_state(edition, expected)

    # Leaving the page ends the session, once, with the time the learner spent.
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function(f"() => window.calls.some(c => c.name === '{spec['terminate']}')")
    calls = page.evaluate("window.calls")
    assert all(c["value"] == "true" and c["error"] == "0" for c in calls), calls
    times = [c["args"][1] for c in calls if c["name"] == spec["set"] and c["args"][0] == spec["session_time"]]
    assert len(times) == 2, calls  # with the result, and on the way out
    spent = [seconds(SESSION_TIME[edition], time) for time in times]
    assert 0 < spent[0] <= spent[1], times  # the engine took a while to start, at least
    state, kept = lms_state(page)
    assert seconds(KEPT_TIME[edition], kept) > 0, kept
    names = [c["name"] for c in calls]
    assert names.count(spec["initialize"]) == 1 and names.count(spec["terminate"]) == 1
    assert names[0] == spec["initialize"] and names[-1] == spec["terminate"]
    written = {c["args"][0]: c["args"][1] for c in calls if c["name"] == spec["set"]}
    allowed = {
        "1.2": {
            "cmi.core.lesson_status",
            "cmi.core.score.raw",
            "cmi.core.score.min",
            "cmi.core.score.max",
            "cmi.core.session_time",
        },
        "2004": {
            "cmi.session_time",
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
    assert state == expected_state(edition, expected)


def test_the_engine_starts_whatever_types_the_lms_file_server_sends(page: Page, octet_lms):
    """An LMS whose file server labels .mjs (and the wasm, the standard library, the
    wheel, the lock file) application/octet-stream: the engine still starts and the
    result still reaches the LMS."""
    edition, url = octet_lms
    lang = SOURCE
    served: dict[str, str] = {}

    def record(response: Response) -> None:
        served.setdefault(response.url.rsplit("/", 1)[-1], response.headers.get("content-type", ""))

    page.context.on("response", record)
    page.goto(f"{url}/?launch={lang}/{launch_path(lang)}")
    page.wait_for_function(f"() => window.calls.some(c => c.name === '{EDITIONS[edition]['initialize']}')")
    frame = page.main_frame.child_frames[0]
    vector = VECTORS["flagged-exhausted-part-ways"]
    run(frame, vector)
    page.wait_for_function("() => (cmi().status || cmi().completion) === 'completed'")
    definition = json.loads(frame.locator("#quiz-data").text_content() or "")["definition"]
    expected = ok(Session(definition).assess(vector["answers"]))
    assert lms_state(page)[0] == expected_state(edition, expected)
    # The server did label them so: the runtime came in as downloads.
    runtime = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm.gz", "python_stdlib.zip.gz", "pyodide-lock.json"]
    wheels = [name for name in served if name.endswith(".whl")]
    assert len(wheels) == 1, served
    for name in [*runtime, *wheels]:
        assert served.get(name) == "application/octet-stream", (name, served)
    assert served["engine-worker.js"] == "text/javascript"


def test_what_the_course_page_and_the_readme_say_the_lms_receives_is_what_it_receives(page: Page, lms, built_site):
    """Each package's fields as the guide's course page (every language) and the README
    list them: exactly the fields the SCO writes, with the values they name, and none of
    the fields they say no package writes."""
    edition, url = lms
    spec = EDITIONS[edition]
    page.goto(f"{url}/?launch=en/{launch_path('en')}")
    page.wait_for_function(f"() => window.calls.some(c => c.name === '{spec['initialize']}')")
    run(page.main_frame.child_frames[0], VECTORS["flagged-exhausted-part-ways"])
    page.wait_for_function("() => (cmi().status || cmi().completion) === 'completed'")
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function(f"() => window.calls.some(c => c.name === '{spec['terminate']}')")
    written = {c["args"][0]: c["args"][1] for c in page.evaluate("window.calls") if c["name"] == spec["set"]}

    claims = {
        **{
            course_claims.course_page(lang): course_claims.page_package_fields(built_site, lang, edition)
            for lang in LANGS
        },
        "README.md": course_claims.readme_package_fields(edition),
    }
    for where, claimed in claims.items():
        assert set(claimed) == set(written), (where, sorted(claimed), sorted(written))
        for field, value in claimed.items():
            assert value is None or written[field] == value, (where, field, value, written[field])
    never = {
        **{course_claims.course_page(lang): course_claims.page_never_written(built_site, lang) for lang in LANGS},
        "README.md": course_claims.readme_never_written(),
    }
    for where, fields in never.items():
        assert {"cmi.suspend_data", "cmi.interactions"} <= fields, where
        assert not [f for f in written for n in fields if f == n or f.startswith(n + ".")], (where, written)


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
        expected = expected_state(edition, ok(Session(definition).assess(VECTORS[name]["answers"])))
        page.wait_for_function("raw => cmi().raw === raw", arg=expected["raw"])
    assert lms_state(page)[0] == expected


def test_a_reload_inside_the_player_tells_the_learner_the_result_cannot_reach_the_course(page: Page, lms):
    """The page ends its session when it goes (pagehide), so after a reload inside the
    same player the LMS refuses a second session (1.2: error 101, 2004: error 104): the
    learner is told, above the assessment, and the page still gives a result."""
    edition, url = lms
    spec = EDITIONS[edition]
    page.goto(f"{url}/?launch=en/{launch_path('en')}")
    sco = page.frame_locator("#sco")
    expect(sco.locator("#pk-embed-shares")).to_be_visible()
    expect(sco.locator("#pk-embed-unrecorded")).to_have_count(0)

    page.main_frame.child_frames[0].evaluate("location.reload()")
    page.wait_for_function(f"() => window.calls.filter(c => c.name === '{spec['initialize']}').length === 2")
    calls = page.evaluate("window.calls")
    starts = [c for c in calls if c["name"] == spec["initialize"]]
    assert [c["value"] for c in starts] == ["true", "false"]
    assert starts[1]["error"] == {"1.2": "101", "2004": "104"}[edition]
    assert [c["name"] for c in calls].count(spec["terminate"]) == 1
    frame = page.main_frame.child_frames[0]
    definition = json.loads(frame.locator("#quiz-data").text_content() or "")["definition"]
    notice = sco.locator("#pk-embed-unrecorded")
    expect(notice).to_have_text(definition["ui"]["course_not_recorded"])
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_be_visible()
    # Said above the assessment, and the note on what the course receives is not shown.
    assert notice.evaluate("n => !!(n.compareDocumentPosition(document.querySelector('.pk-quiz')) & 4)")
    expect(sco.locator("#pk-embed-shares")).to_be_hidden()

    # Still a plain self-assessment: a result on the page, and nothing more to the LMS
    # (the result's announcement runs before the verdict shows).
    before = lms_state(page)[0]
    run(frame, VECTORS["flagged-exhausted-part-ways"])
    assert page.evaluate("window.calls.length") == len(calls)
    assert lms_state(page)[0] == before


def test_without_an_lms_the_launch_page_is_a_plain_self_assessment(page: Page, lms):
    _, url = lms
    lang = SOURCE
    traffic = watch(page, url)
    page.goto(f"{url}/{lang}/{launch_path(lang)}")
    run(page.main_frame, VECTORS["all-clear"])
    expect(page.locator("#pk-embed-shares")).to_be_hidden()
    assert traffic.off_origin == []
    assert traffic.errors == []
