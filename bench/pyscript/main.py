# The PyScript side of `make bench`: put the engine wheel on sys.path the way our
# worker does (Python imports from the zip directly, no micropip), import quiz.api,
# say "ready", then make the same scoring call the quiz page makes.
import importlib.resources
import json
import sys
import tomllib

from pyscript import document, fetch

WHEEL = "../assets/quiz/parting_kit_quiz-0.1.0-py3-none-any.whl"
WHEEL_PATH = "/lib/parting_kit_quiz.whl"

response = await fetch(WHEEL)  # noqa: F704 - PyScript runs this at top level with await
with open(WHEEL_PATH, "wb") as fh:
    fh.write(bytes(await response.bytearray()))  # noqa: F704
sys.path.insert(0, WHEEL_PATH)

from quiz import api  # noqa: E402

engine = document.getElementById("engine")
engine.setAttribute("data-state", "ready")

definition = tomllib.loads(importlib.resources.files("quiz").joinpath("definition.toml").read_text("utf-8"))
# One answer set of tests/quiz/vectors.json, written here by the benchmark.
answers = json.loads(await (await fetch("./answers.json")).text())  # noqa: F704
result = api.assess(definition, answers)
engine.setAttribute("data-verdict", result.get("verdict") or "error")
