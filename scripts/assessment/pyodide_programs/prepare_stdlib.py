# Runs inside Pyodide (scripts/assessment/stdlib.py, _prepare): see the comment there.
import ast
import importlib.util
import json
import marshal
import sys
import zipfile
import zlib

job = json.loads(open("/job.json").read())
# Where zipimport finds the stdlib (/lib/python314.zip): tracebacks name files there.
ZIP_PATH = next(p for p in sys.path if p.endswith(".zip"))
UNCHECKED_HASH = (0b01).to_bytes(4, "little")
#: One entry of a code object's location table (PEP 626's format, Objects/
#: locations.md): "no column info" (code 13) for up to 8 code units, line delta 0.
_NO_COLUMNS = 13


def _def_lines(code):
    """``code`` (and the code objects in its constants) with a location table that puts
    every instruction on the first line of its function: a traceback still names a
    valid line (the def line) and every frame a line number, for about a seventh of
    the bytes the real table costs."""
    table = bytearray()
    units = len(code.co_code) // 2  # instructions and their inline caches
    while units > 0:
        run = min(8, units)
        units -= run
        table += bytes((0x80 | (_NO_COLUMNS << 3) | (run - 1), 0))
    consts = tuple(_def_lines(c) if hasattr(c, "co_code") else c for c in code.co_consts)
    return code.replace(co_linetable=bytes(table), co_consts=consts)


class _NoDocstrings(ast.NodeTransformer):
    def _strip(self, node):
        self.generic_visit(node)
        body = node.body
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
        return node

    visit_Module = visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _strip


files = {}
with zipfile.ZipFile("/in.zip") as source:
    for name in source.namelist():
        data = source.read(name)
        if name.endswith(".py"):
            tree = _NoDocstrings().visit(ast.parse(data, name))
            text = ast.unparse(tree) + "\n"
            if ast.dump(ast.parse(text)) == ast.dump(tree):
                data = text.encode("utf-8")
        files[name] = data
spent, bytecode = 0, []
for name in job["order"]:
    if not name.endswith(".py"):
        continue
    source = files[name]
    code = _def_lines(compile(source, f"{ZIP_PATH}/{name}", "exec", dont_inherit=True))
    pyc = importlib.util.MAGIC_NUMBER + UNCHECKED_HASH + importlib.util.source_hash(source) + marshal.dumps(code)
    cost = len(zlib.compress(pyc, 9)) - len(zlib.compress(source, 9))
    if spent + cost <= job["allowance"]:
        spent += cost
        bytecode.append(name)
        del files[name]
        files[name[:-3] + ".pyc"] = pyc
with zipfile.ZipFile("/out.zip", "w") as out:
    for name, data in files.items():
        out.writestr(name, data)
json.dumps({"bytecode": bytecode, "extra": spent})
