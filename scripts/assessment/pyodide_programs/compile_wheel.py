# Runs inside Pyodide (scripts/assessment/wheel.py, compile_wheel): the engine's
# modules Python imports before the page says "ready" (import quiz.api, as the engine
# worker does), as bytecode in place of their source; the rest (the drafter, which
# the session imports after "ready", and the command line's modules) stays source.
# Line numbers are kept, column ranges not (the Node side starts Python with PYTHONNODEBUGRANGES). The .pyc is PEP 552's
# unchecked-hash form, which zipimport loads without looking for a source file.
import base64
import hashlib
import importlib.util
import json
import marshal
import sys
import zipfile

job = json.loads(open("/job.json").read())
sys.path.insert(0, "/in.zip")
import quiz.api  # noqa: F401 - what the worker imports before "ready"

first = sorted(name for name in sys.modules if name.split(".")[0] == "quiz")
with zipfile.ZipFile("/in.zip") as wheel:
    entries = {info.filename: wheel.read(info) for info in wheel.infolist()}
compiled = []
for module in first:
    stem = module.replace(".", "/")
    path = f"{stem}/__init__.py" if f"{stem}/__init__.py" in entries else f"{stem}.py"
    source = entries[path]
    code = compile(source, f"{job['mount']}/{path}", "exec", dont_inherit=True)
    header = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little") + importlib.util.source_hash(source)
    # In the source's place, so the wheel keeps its order (RECORD last).
    entries = {
        (n[:-3] + ".pyc" if n == path else n): (header + marshal.dumps(code) if n == path else d)
        for n, d in entries.items()
    }
    compiled.append(path)
# The wheel's RECORD lists every file with its hash and size (PEP 376): rewritten.
record = next(name for name in entries if name.endswith(".dist-info/RECORD"))
lines = []
for name, data in entries.items():
    if name != record:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(data)}")
lines.append(f"{record},,")
entries[record] = ("\n".join(lines) + "\n").encode()
with zipfile.ZipFile("/out.zip", "w") as out:
    for name, data in entries.items():
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        out.writestr(info, data, compresslevel=9)
json.dumps({"bytecode": compiled})
