# The PyScript side of `make bench`: install the engine wheel the way our worker
# does (unpacked into site-packages, no micropip), import quiz.api, say "ready",
# then make the same scoring call the quiz page makes.
import importlib
import io
import json
import sysconfig
import tomllib
import zipfile
import importlib.resources

from pyscript import document, fetch

WHEEL = "../assets/quiz/parting_kit_quiz-0.1.0-py3-none-any.whl"

response = await fetch(WHEEL)  # noqa: F704 - PyScript runs this at top level with await
wheel = await response.bytearray()  # noqa: F704
zipfile.ZipFile(io.BytesIO(bytes(wheel))).extractall(sysconfig.get_path("purelib"))
importlib.invalidate_caches()

from quiz import api  # noqa: E402

engine = document.getElementById("engine")
engine.setAttribute("data-state", "ready")

definition = tomllib.loads(importlib.resources.files("quiz").joinpath("definition.toml").read_text("utf-8"))
# One answer set of tests/quiz/vectors.json, written here by the benchmark.
answers = json.loads(await (await fetch("./answers.json")).text())  # noqa: F704
result = api.assess(definition, answers)
engine.setAttribute("data-verdict", result.get("verdict") or "error")
