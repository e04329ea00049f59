# The PyScript side of `make bench`. The protocol (scripts/bench/bench.py says it
# in full): before "ready" this does exactly what our engine worker does — put the
# engine wheel on sys.path (Python imports from the zip directly, no micropip) and
# import quiz.api — and nothing more. Everything else (json, the definition, the
# answers, the scoring calls) comes after "ready", outside the timed window.
import sys

import js
from pyscript import document, fetch, window

# The start-up timeline (scripts/bench/timeline.py): marks in the global scope this
# runs in (the worker's, in worker mode), as our engine worker sets its own.
js.performance.mark("parting-kit:python-running")

# The page's folder as an absolute URL: in worker mode, fetch() runs in a worker,
# where a relative URL has no base to resolve against.
HERE = window.location.href.rsplit("/", 1)[0] + "/"
WHEEL = HERE + "engine.whl"  # the site's own engine wheel, copied here by the benchmark
WHEEL_PATH = "/lib/parting_kit_quiz.whl"

response = await fetch(WHEEL)  # noqa: F704 - PyScript runs this at top level with await
with open(WHEEL_PATH, "wb") as fh:
    fh.write(bytes(await response.bytearray()))  # noqa: F704 - top-level await, as above
sys.path.insert(0, WHEEL_PATH)
js.performance.mark("parting-kit:wheel-fetched")

from quiz import api  # noqa: E402 - importable only once the wheel is on sys.path

js.performance.mark("parting-kit:engine-imported")

engine = document.getElementById("engine")
engine.setAttribute("data-state", "ready")

# After "ready": the same scoring calls the quiz page makes, with the definition the
# quiz page carries (its #quiz-data, written here by the benchmark) and every answer
# set of tests/quiz/vectors.json. The benchmark compares each result with ours.
import json  # noqa: E402 - imported where the part that needs it starts

definition = json.loads(await (await fetch(HERE + "definition.json")).text())  # noqa: F704 - top-level await
answer_sets = json.loads(await (await fetch(HERE + "answers.json")).text())  # noqa: F704 - top-level await
api.start(definition)  # the session, as our worker starts it: the definition parsed once
results = []
for answers in answer_sets:
    result = api.session().assess(answers)
    results.append({"verdict": result.get("verdict"), "score": result.get("score"),
                    "max_score": result.get("max_score")})
engine.setAttribute("data-results", json.dumps(results))
engine.setAttribute("data-verdict", results[0]["verdict"] or "error")
