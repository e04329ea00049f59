"""Render our own HTML templates (``overrides/partials/quiz/``) with Jinja, as the theme
renders its partials: the markup lives in the template, the Python beside it only
prepares the data (scripts/assessment/markup.py for the quiz block,
scripts/publish/embed.py for the embed view).

Autoescaping is on (MkDocs leaves it off for the theme's templates, whose values
are its own; ours carry the translators' texts): every value is written as text
unless the Python marks it as markup it already is (``Markup``, e.g. a block
copied from a built page). Undefined names fail the build rather than print
nothing, and a template's one trailing newline is dropped (Jinja's default), so
an included partial adds no line of its own.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .errors import BuildError
from .paths import ROOT

#: The theme's custom_dir (mkdocs.yml): Material's overrides and our own partials.
OVERRIDES = ROOT / "overrides"


def render(name: str, /, **context: Any) -> str:
    """The template ``name`` (relative to overrides/) rendered with ``context``.

    Raises:
        BuildError: the template (or one it includes) is missing or not valid
            Jinja (the message names it, and the line), or it uses a name the
            context does not give.
    """
    path = OVERRIDES / name
    try:
        return _environment(OVERRIDES).get_template(name).render(**context)
    except jinja2.TemplateNotFound as e:  # this one, or one it includes
        raise BuildError(OVERRIDES / (e.name or name), "the template is missing", "restore it from git") from None
    except jinja2.TemplateSyntaxError as e:
        raise BuildError(
            Path(e.filename or path), f"line {e.lineno}: {e.message}", "fix the template at that line"
        ) from None
    except jinja2.UndefinedError as e:
        raise BuildError(
            path, f"{e.message} while rendering it", "give the template that value, or fix the name in it"
        ) from None


def script_json(value: Any) -> Markup:
    """``value`` as the text of a ``<script type="application/json">`` element.

    Compact UTF-8 JSON in which no text can end the element early: every "</" is
    written "<\\/" (so no "</script>" appears), and "<!--" as "\\u003C!--" (which
    would otherwise let a later "<script" keep the real end tag from ending it).
    Both are the same string to JSON.parse.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("</", "<\\/").replace("<!--", "\\u003C!--"))


@cache
def _environment(folder: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # as MkDocs: a template does not change during a build
    )
    environment.filters["script_json"] = script_json
    return environment
