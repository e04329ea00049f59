"""No language code or language folder is written in product code outside the
language layer (issue 21 §3): the languages and their addresses come from
content/translations/languages.toml through scripts/i18n/ (languages.py, sitemap.py),
so adding a language is data. Docstrings and comments may name examples; code may not.

Looked for: a string that is one of the site's language codes ("ru", "en", "uk"), or
starts with a translated language's folder ("en/", "/en/"). Where one is not about the
site's languages, it is listed below with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from scripts.paths import ROOT
from tests.site import LANGS, SITE, TRANSLATED

#: The language layer (and the catalogues under content/, which are data).
LANGUAGE_LAYER = ("scripts/i18n/",)
#: Literals that look like a language and are not one of the site's.
NOT_OURS = {
    ("scripts/publish/postbuild.py", "en"): "lunr's own pipeline is named 'en' (no language file loaded)",
}


def _ours(value: str) -> bool:
    folders = tuple(SITE.prefix(code) for code in TRANSLATED)
    return value in LANGS or value.startswith(folders) or value.startswith(tuple("/" + f for f in folders))


def _python_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


_JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\"'])//[^\n]*", re.S)
_JS_STRING = re.compile(r"\"([^\"\\\n]*)\"|'([^'\\\n]*)'|`([^`\\]*)`")


def _js_literals(path: Path) -> list[tuple[int, str]]:
    text = _JS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text("utf-8"))
    return [
        (text.count("\n", 0, m.start()) + 1, next(g for g in m.groups() if g is not None))
        for m in _JS_STRING.finditer(text)
    ]


def _product_files() -> list[Path]:
    files = [*ROOT.glob("quiz/**/*.py"), *ROOT.glob("scripts/**/*.py")]
    files += [p for p in ROOT.glob("web/**/*.js") if "vendor" not in p.parts]
    files += [*ROOT.glob("scripts/**/*.js"), *ROOT.glob("scripts/**/*.mjs")]
    return sorted(p for p in files if not p.relative_to(ROOT).as_posix().startswith(LANGUAGE_LAYER))


def test_product_code_names_no_language_outside_the_language_layer() -> None:
    found = []
    for path in _product_files():
        rel = path.relative_to(ROOT).as_posix()
        literals = _python_literals(path) if path.suffix == ".py" else _js_literals(path)
        found += [
            f"{rel}:{line}: {value!r}" for line, value in literals if _ours(value) and (rel, value) not in NOT_OURS
        ]
    assert found == [], "language codes or folders written in code; take them from the site map:\n" + "\n".join(found)


def test_the_check_sees_a_language_literal() -> None:
    """The search itself works: it finds the literals this module plants in a scratch copy."""
    assert _ours(LANGS[0]) and _ours(SITE.prefix(TRANSLATED[0]) + "quiz/")
    assert not _ours("quiz/") and not _ours("english")
