"""The engine wheel as the site ships it (scripts/assessment/wheel.py, build_wheel and
compile_wheel): the modules Python imports before the page says "ready" are bytecode
for Pyodide's Python, the others (the drafter's, imported after "ready", and the command
line's) stay source, and the wheel's RECORD still lists
every file with its hash. That the engine runs from it: tests/test_node_engine.py,
tests/assessment/test_stdlib.py and the browser tests."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

from scripts.assessment import runtime
from scripts.assessment import wheel as engine_wheel


def test_the_modules_imported_before_ready_are_bytecode(built_site: Path) -> None:
    wheel = built_site / "assets" / engine_wheel.wheel_path()
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        # What `import quiz.api` (the worker's one import) brings in, as CPython sees it.
        imported = subprocess.run(
            [sys.executable, "-c", "import sys, quiz.api; print(*(m for m in sys.modules if m.startswith('quiz')))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        first = {m.replace(".", "/") + ("/__init__" if m in ("quiz", "quiz.draft") else "") for m in imported}
        assert "quiz/session" in first and "quiz/engine" in first
        assert {f"{m}.pyc" for m in first} == {n for n in names if n.endswith(".pyc")}
        assert not {f"{m}.py" for m in first} & set(names)
        # The drafter (imported when the session starts) and the command line's modules stay source.
        assert {"quiz/draft/message.py", "quiz/you_check.py", "quiz/cli.py", "quiz/__main__.py"} <= set(names)
        # Unchecked-hash bytecode (PEP 552) with the magic number of the Python the
        # site ships: the trimmed standard library's own bytecode.
        pyc = zf.read("quiz/api.pyc")
        assert pyc[4:8] == (0b01).to_bytes(4, "little")
        folder = built_site / "assets" / runtime.pyodide_dir()
        stdlib = zipfile.ZipFile(io.BytesIO(gzip.decompress((folder / "python_stdlib.zip.gz").read_bytes())))
        assert pyc[:4] == stdlib.read(next(n for n in stdlib.namelist() if n.endswith(".pyc")))[:4]
        # RECORD: every other file, with its sha256 and size.
        record = next(n for n in names if n.endswith(".dist-info/RECORD"))
        rows = dict(line.split(",", 1) for line in zf.read(record).decode().splitlines())
        assert set(rows) == set(names)
        for name in names:
            if name != record:
                data = zf.read(name)
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert rows[name] == f"sha256={digest},{len(data)}", name
