# Runs inside Pyodide under Node (scripts/assessment/stdlib.py, run_engine): every call the page makes.
import json
import sys

data = json.loads(INPUT)
from quiz import api, draft, you_check


def js(value):  # what crossing from JavaScript as JSON does to a value
    return json.loads(json.dumps(value))


# The page hands the engine the definition and the phrases as JSON, compiled at
# build time (tomllib, PO files): so does this.
definition = data["definition"]
out = {"assess": {}, "draft": {}, "extra": {}}
last = None
for vector in data["vectors"]:
    result = api.assess(definition, js(vector["answers"]))
    out["assess"][vector["name"]] = {
        "verdict": result.get("verdict"),
        "score": result.get("score"),
        "flagged": [s["id"] for s in result.get("flagged", [])],
        "plan": [s["section"] for s in result.get("plan", [])],
        "error": result.get("error"),
    }
    if result.get("verdict") == "part-ways":
        last = result
out["extra"]["unanswered"] = api.assess(definition, {}).get("error", {}).get("kind")
# An error raised in stdlib bytecode (re is among the first imports) still makes
# a readable traceback, with line numbers though without column ranges.
import re
import traceback

try:
    re.compile("(")
except re.error:
    out["extra"]["traceback"] = traceback.format_exc()
for vector in data["draft_vectors"]:
    if vector["fn"] == "check":
        got = you_check.check(vector["input"]["text"], vector["lang"])
    else:
        i = vector["input"]
        got = draft.assemble(
            data["phrases"][vector["lang"]],
            i["kind"],
            js(i.get("fields")),
            js(i.get("choices")),
            js(i.get("include")),
            i.get("rule"),
            js(i.get("topics")),
        )
    out["draft"][vector["name"]] = js(got)
# The page's other calls: draft(request) and the Markdown report, in every language.
for lang in data["phrases"]:  # every language the quiz pages carry
    made = draft.draft({"phrases": data["phrases"][lang], "kind": "part-ways", "fields": {}, "choices": {}}, lang)
    out["extra"][f"draft-{lang}"] = "error" not in made
    letter = draft.take_away(made.get("text", "") + "\u202e\x00", data["phrases"][lang])
    out["extra"][f"take-away-{lang}"] = letter.get("removed") == 2
    md = draft.markdown_result(
        js(last),
        js({"text": letter["text"], "lang": lang}),
        data["phrases"][lang],
        {"professional": "../part-ways/#professional"},
    )
    out["extra"][f"markdown-{lang}"] = isinstance(md, str) and len(md) > 0
# Saved answers: the file written, read back (and refused when bad), compared.
saved_file = api.save_answers(definition, js(data["vectors"][0]["answers"]), "2026-11-01")
opened = api.open_answers(definition, saved_file.get("text"), 400)
refused = [
    api.open_answers(definition, text, size).get("error", {}).get("key")
    for text, size in (("not json", 8), ("{}", 10**9), ('{"format": "parting-kit-answers", "version": 2}', 48))
]
change = api.compare_answers(definition, js(opened), js(data["vectors"][-1]["answers"]))
out["extra"]["saved"] = (
    opened.get("answers") == data["vectors"][0]["answers"]
    and "groups" in change
    and refused == ["saved_not_json", "saved_too_big", "saved_wrong_version"]
)
# The modules Python read from the stdlib zip, named by their file there (so that
# every name has a file of its own). Frozen modules (os, site, codecs, importlib's
# bootstrap…) have a file name in the zip too, but their spec says "frozen".
# Listed in the order Python first imported them (sys.modules keeps that order).
out["modules"] = []
for m in list(sys.modules.values()):
    f = getattr(getattr(m, "__spec__", None), "origin", None) or ""
    if f.startswith("/lib/python3") and ".zip/" in f:
        name = f.split(".zip/", 1)[1].removesuffix(".pyc").removesuffix(".py")
        name = name.removesuffix("/__init__").replace("/", ".")
        if name not in out["modules"]:
            out["modules"].append(name)
json.dumps(out, ensure_ascii=False)
