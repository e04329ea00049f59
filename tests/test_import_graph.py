"""No import circles in quiz/ and scripts/ (issue 21 §2): an idea two modules share lives
in a third, lower one. Every import counts, at module level and inside functions (an
import moved into a function to dodge a circle is still a circle), ``if TYPE_CHECKING``
blocks included."""

from __future__ import annotations

import ast
from pathlib import Path

from scripts.paths import ROOT

PACKAGES = ("quiz", "scripts")


def modules() -> dict[str, Path]:
    """Every module of the packages by dotted name (a package by its __init__)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The known modules ``name`` imports: ``import a.b``, ``from a import b`` (b a module
    or a name of a), relative imports resolved."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {t for t in targets if t in known and t != name}
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_quiz_and_scripts_import_in_no_circle() -> None:
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert len(graph) > 50 and graph["quiz.engine"], "the import graph came out empty"
    assert cycles(graph) == []


def test_an_import_inside_a_function_counts(tmp_path: Path) -> None:
    module = tmp_path / "b.py"
    module.write_text("def late():\n    from pkg import a\n    return a\n", encoding="utf-8")
    known = {"pkg.a": tmp_path / "a.py", "pkg.b": module}
    assert imports("pkg.b", module, known) == {"pkg.a"}


def test_the_walker_finds_every_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "e"}, "e": {"d"}}
    assert cycles(graph) == [["a", "b", "c"], ["d", "e"]]
