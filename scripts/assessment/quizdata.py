"""Compile the self-assessment into each language's quiz page data.

Checks the definition (quiz.model), its translated strings (same catalogue workflow
as the guide: missing or stale entries fail the build unless lenient), and every
section it links to against the guide's own anchors; then prepares, per language,
the data the page carries as its #quiz-data JSON: the localized definition, the
links and the runtime locations for the page's script. scripts/assessment/markup.py
renders the page's markup from it (overrides/partials/quiz/).

The same data carries the drafter's phrase blocks in the page's language
("phrases": quiz/phrases.toml, for other languages localized with their
draft.po), which the page hands back to quiz.draft in the worker after a
part-ways or last-attempt result.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quiz import QuizError, you_check
from quiz import api as quiz_api
from quiz import draft as quiz_draft
from quiz import localize as quiz_localize
from quiz import model as quiz_model
from quiz import saved as quiz_saved

from ..errors import BuildError, BuildErrors
from ..guide.structure import Guide
from ..i18n import languages
from ..i18n.catalog import Catalogue
from ..i18n.languages import Language, Languages
from ..i18n.translate import Text
from ..paths import Paths
from . import runtime
from . import wheel as engine_wheel

ENGINE_TIMEOUT_MS = 30000


@dataclass
class QuizPages:
    data: dict[str, dict[str, Any]] = field(default_factory=dict)  # lang -> embedded JSON
    sections: dict[str, str] = field(default_factory=dict)  # section id -> page slug


def read_definition(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise BuildError(path, "the quiz definition is missing", "restore quiz/definition.toml from git")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise BuildError(path, f"not valid TOML: {e}", "fix the syntax at the line shown") from None


def prepare(
    paths: Paths,
    guide: Guide,
    texts: dict[str, dict[str, Text]],
    catalogues: dict[str, Catalogue],
    lenient: bool,
    langs: Languages,
) -> QuizPages:
    source = read_definition(paths.quiz_definition)
    _validate(source, paths.quiz_definition)
    anchors = {(p.slug, a): s for p in guide.pages for s in p.body if (a := s.anchor)}
    errors = [
        BuildError(
            paths.quiz_definition,
            f"section '{sid}' (page '{spec.get('page')}') is not a section of the guide",
            "use a section id from CONTRACT.md that content/structure.yml places on that page",
        )
        for sid, spec in source.get("sections", {}).items()
        if (spec.get("page"), sid) not in anchors
    ]
    if errors:
        raise BuildErrors(errors) if len(errors) > 1 else errors[0]

    pages = QuizPages(sections={sid: spec["page"] for sid, spec in source["sections"].items()})
    phrases = read_phrases(paths.phrases)
    check_topics(source, phrases, paths.phrases)
    for language in langs:
        lang = language.code
        definition = (
            source if language.is_source else _translated(source, catalogues[lang], lenient, language.po("quiz"))
        )
        definition = _with_titles(definition, anchors, texts[lang])
        _validate(definition, paths.quiz_definition)
        data = {
            "lang": lang,
            "definition": definition,
            "links": {sid: f"../{page}/#{sid}" for sid, page in pages.sections.items()},
            "runtime": {
                "worker": _asset(lang, "quiz/engine-worker.js"),
                "pyodide": _asset(lang, runtime.pyodide_dir()),
                "wheel": _asset(lang, engine_wheel.wheel_path()),
                "timeout_ms": ENGINE_TIMEOUT_MS,
                # The requests the page may send into Python: quiz.api's one list.
                "requests": list(quiz_api.REQUESTS),
            },
            "ui": definition["ui"],
            # The page reads at most this much of a saved-answers file (quiz/saved.py refuses more).
            "saved": {"max_bytes": quiz_saved.MAX_BYTES},
            "phrases": phrases_for(language, phrases, catalogues.get(lang), lenient),
        }
        pages.data[lang] = data
    return pages


def read_phrases(path: Path) -> dict[str, Any]:
    """The drafter's Russian phrase blocks, checked (quiz.draft.parse_phrases)."""
    if not path.exists():
        raise BuildError(path, "the drafter's phrases are missing", "restore quiz/phrases.toml from git")
    try:
        return quiz_draft.parse_phrases(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as e:
        raise BuildError(path, f"not UTF-8 text: {e}", "save the file as UTF-8") from None
    except QuizError as e:
        raise BuildError(path, str(e), "fix the item named above (the format is at the top of the file)") from None


def check_topics(definition: dict[str, Any], phrases: dict[str, Any], path: Path) -> None:
    """A last attempt speaks of every sign it can be about, and of nothing else.

    Every sign that can lead to a last attempt (not a hard stop: those always part
    ways) has blocks with its ``topic`` in the last-attempt letter, every topic is a
    sign of the definition, and the topics follow the questions' order.
    """
    signs = [q for q in definition["questions"] if q.get("kind") == "sign"]
    order = [q["id"] for q in signs]
    table = phrases["blocks"]
    letter = [table[b]["topic"] for b in phrases["kinds"]["last-attempt"]["blocks"] if table[b].get("topic")]
    topics = list(dict.fromkeys(letter))
    for topic in topics:
        if topic not in order:
            raise BuildError(
                path, f"topic '{topic}' is not a sign of quiz/definition.toml", f"use one of {', '.join(order)}"
            )
    for q in signs:
        if not q.get("hard_stop") and q["id"] not in topics:
            raise BuildError(
                path,
                f'the last-attempt letter has no block with topic = "{q["id"]}"',
                "add its blocks (a last attempt must speak of every sign the reader may flag)",
            )
    if topics != sorted(topics, key=order.index):
        raise BuildError(
            path,
            f"the last-attempt letter's topics are in the order {', '.join(topics)}",
            f"order its blocks as the questions are: {', '.join(t for t in order if t in topics)}",
        )


def _translated_phrases(
    phrases: dict[str, Any], lang: str, catalogue: Catalogue, lenient: bool, po: Path, you: list[str]
) -> dict[str, Any]:
    """The phrase blocks in ``lang``; a missing or stale string fails like a guide segment.

    Only entries whose msgid is the current Russian text are passed on (the
    catalogue's ``lookup`` decides), so a stale one never slips into the draft.
    Lenient: such texts stay in Russian (``localize(strict=False)``).
    """
    translations = checked_translations(quiz_draft.strings(phrases), catalogue, lenient, po)
    try:
        return quiz_draft.localize(phrases, translations, lang, you, strict=not lenient)
    except QuizError as e:
        raise BuildError(po, str(e), "fix the translation named above") from None


def phrases_for(language: Language, phrases: dict[str, Any], catalogue: Catalogue | None, lenient: bool) -> dict:
    """The drafter's phrases as ``language``'s quiz page carries them: its texts (the
    Russian ones, or its draft.po's) and its forms of "you" (its you.txt)."""
    you = read_you(language.you_file)
    if language.is_source or catalogue is None:
        return {**phrases, "you": you}
    return _translated_phrases(phrases, language.code, catalogue, lenient, language.po("draft"), you)


def read_you(path: Path) -> list[str]:
    """A language's forms of "you", checked (quiz.you_check.read_forms)."""
    try:
        return you_check.read_forms(path.read_text(encoding="utf-8"), str(path))
    except OSError as e:
        fix = "list the forms of 'you' there, one per line"
        raise BuildError(path, f"cannot read the word list: {e.strerror}", fix) from None
    except QuizError as e:
        raise BuildError(path, str(e), "fix the line named above (one lower-case form per line)") from None


def checked_translations(
    strings: list[tuple[str, str]], catalogue: Catalogue, lenient: bool, po: Path
) -> dict[str, str]:
    """msgctxt -> English for every current entry; a missing, stale or fuzzy one fails
    the build naming it (strict), or is left out so the Russian stays (lenient)."""
    problems = []
    translations: dict[str, str] = {}
    for ctx, msgid in strings:
        value, problem = catalogue.lookup(ctx, msgid)
        if problem:
            problems.append(
                BuildError(
                    po,
                    problem.describe(),
                    f"run `make catalog`, translate the entry in {po.parent.parent.name}/"
                    f"{po.parent.name}/{po.name}; or build with LENIENT=1",
                )
            )
        else:
            translations[ctx] = value or ""
    if problems and not lenient:
        raise BuildErrors(problems) if len(problems) > 1 else problems[0]
    return translations


def _asset(lang: str, rel: str) -> str:
    # From <lang prefix>quiz/: the source language's pages are at the root, the others one folder down.
    return ("../" if lang == languages.SOURCE else "../../") + "assets/" + rel


def _validate(definition: dict[str, Any], path: Path) -> None:
    try:
        quiz_model.parse(definition)
    except QuizError as e:
        raise BuildError(path, f"invalid quiz definition: {e}", "fix the item named above") from None


def _translated(source: dict[str, Any], catalogue: Catalogue, lenient: bool, po: Path) -> dict[str, Any]:
    """The translated definition; a missing or stale string fails like a guide segment."""
    translations = checked_translations(quiz_localize.strings(source), catalogue, lenient, po)
    return quiz_localize.localize(source, translations)


def _with_titles(definition: dict[str, Any], anchors: dict, texts: dict[str, Text]) -> dict[str, Any]:
    """Section titles come from the guide's headings, so link labels match the pages.

    A sign's "heading" is its list item, which continues the list's lead-in in lower
    case; standing alone as a link label it starts with a capital."""

    def title(segment) -> str:
        value = texts[segment.id].value
        return value[:1].upper() + value[1:] if segment.role == "list-item" else value

    result = dict(definition)
    result["sections"] = {
        sid: {**spec, "title": title(anchors[(spec["page"], sid)])} for sid, spec in definition["sections"].items()
    }
    return result
