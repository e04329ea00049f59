# Runs inside Pyodide under Node (scripts/assessment/stdlib_measure.py, run_engine): every call the page makes.
import json
import sys

data = json.loads(INPUT)
from quiz import api


def request(request_type, /, **args):  # as the page's worker sends it: the request's data as JSON text
    return api.call(request_type, json.dumps(args))


def js(value):  # what crossing from JavaScript as JSON does to a value
    return json.loads(json.dumps(value))


# The page starts its session with the definition and the phrases as JSON, compiled
# at build time (tomllib, PO files): so does this.
definition = data["definition"]
first_lang = next(iter(data["phrases"]))
request("start", definition=definition, phrases=data["phrases"][first_lang], lang=first_lang, links={})
out = {"assess": {}, "draft": {}, "extra": {}}
last = None
for vector in data["vectors"]:
    result = request("assess", answers=vector["answers"])
    out["assess"][vector["name"]] = {
        "verdict": result.get("verdict"),
        "score": result.get("score"),
        "flagged": [s["id"] for s in result.get("flagged", [])],
        "plan": [s["section"] for s in result.get("plan", [])],
        "error": result.get("error"),
    }
    if result.get("verdict") == "part-ways":
        last = result
out["extra"]["unanswered"] = request("assess", answers={}).get("error", {}).get("kind")
# An error raised in stdlib bytecode (re is among the first imports) still makes
# a readable traceback (file, function and its def line; no column ranges).
import re
import traceback

try:
    re.compile("(")
except re.error:
    out["extra"]["traceback"] = traceback.format_exc()
for vector in data["draft_vectors"]:
    if vector["fn"] == "check":
        request("start", definition=definition, phrases=data["phrases"][vector["lang"]], lang=vector["lang"])
        got = request("check", text=vector["input"]["text"])
    else:
        request("start", definition=definition, phrases=data["phrases"][vector["lang"]], lang=vector["lang"])
        got = request("draft", **vector["input"])
        got.pop("form", None)
    out["draft"][vector["name"]] = js(got)
# The page's other calls: the letter, its take-away and the Markdown report, in every language.
for lang in data["phrases"]:  # every language the quiz pages carry
    links = {"professional": "../part-ways/#professional"}
    request("start", definition=definition, phrases=data["phrases"][lang], lang=lang, links=links)
    made = request("draft", kind="part-ways", fields={}, choices={})
    out["extra"][f"draft-{lang}"] = "error" not in made
    letter = request("take_away", text=made.get("text", "") + "\u202e\x00")
    out["extra"][f"take-away-{lang}"] = letter.get("removed") == 2
    md = request("markdown", result=js(last), draft={"text": letter["text"], "lang": lang})
    out["extra"][f"markdown-{lang}"] = isinstance(md, str) and len(md) > 0
# Saved answers: the file written, read back (and refused when bad), compared.
saved_file = request("save_answers", answers=data["vectors"][0]["answers"], saved_on="2026-11-01")
opened = request("open_answers", text=saved_file.get("text"), size=400)
refused = [
    request("open_answers", text=text, size=size).get("error", {}).get("key")
    for text, size in (("not json", 8), ("{}", 10**9), ('{"format": "parting-kit-answers", "version": 2}', 48))
]
change = request("compare_answers", saved=opened, answers=data["vectors"][-1]["answers"])
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
