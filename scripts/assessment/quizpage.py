"""Compile the self-assessment into each language's quiz page.

Checks the definition (quiz.model), its English strings (same catalogue workflow
as the guide: missing or stale entries fail the build unless lenient), and every
section it links to against the guide's own anchors; then renders the questions
as plain HTML (answerable before any script runs) with the localized definition,
the links and the runtime locations embedded as JSON for the page's script.

The same JSON carries the drafter's phrase blocks in the page's language
("phrases": quiz/phrases.toml, for English localized with
content/translations/en/draft.po), which the page hands back to quiz.draft in
the worker after a part-ways or last-attempt result.
"""

from __future__ import annotations

import html
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quiz import QuizError, you_check
from quiz import draft as quiz_draft
from quiz import localize as quiz_localize
from quiz import model as quiz_model
from quiz import saved as quiz_saved

from ..errors import BuildError, BuildErrors
from ..guide.structure import Guide
from ..i18n import catalog, languages
from ..i18n.catalog import Catalogue
from ..i18n.languages import Language, Languages
from ..i18n.translate import Text
from ..paths import Paths
from . import runtime

ENGINE_TIMEOUT_MS = 30000


@dataclass
class QuizPages:
    html: dict[str, str] = field(default_factory=dict)  # lang -> HTML for the quiz page
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
                "wheel": _asset(lang, runtime.wheel_path()),
                "timeout_ms": ENGINE_TIMEOUT_MS,
            },
            "ui": definition["ui"],
            # The page reads at most this much of a saved-answers file (quiz/saved.py refuses more).
            "saved": {"max_bytes": quiz_saved.MAX_BYTES},
            "phrases": phrases_for(language, phrases, catalogues.get(lang), lenient),
        }
        pages.data[lang] = data
        pages.html[lang] = render(definition, data, lang)
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


def phrases_by_language(paths: Paths = Paths(), lenient: bool = False) -> dict[str, dict[str, Any]]:
    """The drafter's phrases as each quiz page carries them: Russian, and every other
    language from its draft.po (for tests and tools that call quiz.draft as the page does)."""
    phrases = read_phrases(paths.phrases)
    langs = languages.load(paths.languages)
    return {
        lang.code: phrases_for(lang, phrases, None if lang.is_source else catalog.load([lang.po("draft")]), lenient)
        for lang in langs
    }


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


def _manual(definition: dict[str, Any]) -> str:
    """Scoring by hand: the weights and the rules, so the questions work as a printed
    checklist or when the engine cannot start. The numbers come from the definition,
    so they always match what the engine computes."""
    ui = definition["ui"]
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(q['text'])}</td><td>{q['weight']}</td>"
        f"<td>{e(ui['manual_hard_stop']) if q['hard_stop'] else ''}</td></tr>"
        for q in definition["questions"]
        if q["kind"] == "sign"
    )
    return (
        f'<details class="pk-quiz__manual" data-search-exclude><summary>{e(ui["manual_heading"])}</summary>'
        f"<p>{e(ui['manual_intro'])}</p>"
        f'<table><thead><tr><th scope="col">{e(ui["manual_sign"])}</th><th scope="col">{e(ui["manual_weight"])}</th>'
        f'<th scope="col">{e(ui["manual_hard_stop"])}</th></tr></thead><tbody>{rows}</tbody></table>'
        f"<p>{e(ui['manual_rules'].format(threshold=definition['threshold']))}</p></details>"
    )


def render(definition: dict[str, Any], data: dict[str, Any], lang: str) -> str:
    """The form as plain HTML (contract: #assessment, fieldset[data-question], radios)."""
    ui = definition["ui"]
    e = html.escape
    scales = {name: scale["options"] for name, scale in definition.get("scales", {}).items()}
    # The quiz's stylesheet is linked here, not site-wide: guide pages stay lighter.
    # The questionnaire is left out of the search index (data-search-exclude): its
    # questions and scoring table repeat the guide, which search finds, and every
    # guide page loads the index. The attribute goes on each block rather than the
    # wrapper: Material's indexer matches elements by tag name, so an inner </div>
    # would end the exclusion of an outer <div>. No markdown="0" on the wrapper:
    # md_in_html leaves a block without the attribute as raw HTML anyway, and on
    # the raw path it copies the tag as written, so the attribute reached the page
    # (not valid HTML: the Nu HTML Checker, tests/audit/test_vnu.py).
    out = [
        f'<link rel="stylesheet" href="{_asset(lang, "quiz/quiz.css")}">',
        f'<div class="pk-quiz" data-lang="{lang}">',
    ]
    out.append(
        '<div id="quiz-engine" class="pk-quiz__engine" data-state="loading" role="status" aria-live="polite" '
        "data-search-exclude>"
        f'<progress max="100" value="0" aria-label="{e(ui["engine_loading"])}"></progress> '
        f'<span class="pk-quiz__engine-msg">{e(ui["engine_loading"])}</span></div>'
    )
    # The form can never send the answers anywhere, whatever runs or fails: method
    # "dialog" outside a <dialog> makes a submission do nothing at all (no request,
    # no URL change: HTML's form submission stops there), so with JavaScript off or
    # quiz.js blocked or broken the answers stay in the page; quiz.js handles the
    # submit event before that point. No action, and the CSP's form-action 'none'
    # (scripts/publish/csp.py) backs this up. autocomplete="off": the browser's
    # form-state memory must not refill the answers when the reader comes Back
    # (issue 16; on the form only: the HTML checker rejects it on radios, and
    # the form's value is what its radios follow). web/quiz/lib/form.js clears a
    # page that comes back from the back-forward cache.
    out.append(
        '<form id="assessment" class="pk-quiz__form" method="dialog" autocomplete="off" novalidate data-search-exclude>'
    )
    for n, q in enumerate(definition["questions"], start=1):
        qid = q["id"]
        options = scales[q["scale"]] if q["kind"] == "sign" else q["options"]
        hint_id = f"q-{qid}-hint"
        described = f' aria-describedby="{hint_id}"' if q.get("hint") else ""
        out.append(f'<fieldset data-question="{e(qid)}" class="pk-quiz__question"{described}>')
        out.append(f'<legend><span class="pk-quiz__number">{n}.</span> {e(q["text"])}</legend>')
        if q.get("hint"):
            out.append(f'<p class="pk-quiz__hint" id="{hint_id}">{e(q["hint"])}</p>')
        out.append('<div class="pk-quiz__options">')
        for opt in options:
            input_id = f"q-{qid}-{opt['id']}"
            out.append(
                f'<label for="{input_id}"><input type="radio" id="{input_id}" name="{e(qid)}" '
                f'value="{e(opt["id"])}"> {e(opt["label"])}</label>'
            )
        out.append("</div></fieldset>")
    # The submit button is disabled until quiz.js has the engine ready (nothing else
    # enables it), so it is never offered as working when it cannot work; a disabled
    # default button also keeps Enter in a radio from submitting. The note beside it
    # says why, and where the scoring by hand is; quiz.js hides it once ready.
    out.append(
        f'<div class="pk-quiz__actions"><button type="submit" class="md-button md-button--primary" '
        f'disabled aria-describedby="quiz-submit-note">{e(ui["submit"])}</button> '
        f'<button type="reset" class="md-button">{e(ui["reset"])}</button>'
        f'<p class="pk-quiz__submit-note" id="quiz-submit-note">'
        f"{e(ui['submit_waiting'].format(submit=ui['submit']))}</p></div>"
    )
    out.append("</form>")
    # No aria-labelledby here: the section is empty until a result is shown, and a
    # name pointing at a heading that does not exist yet is invalid (Nu HTML
    # Checker); web/quiz/lib/result.js sets it with the heading it adds.
    out.append('<section id="quiz-result" class="pk-quiz__result" tabindex="-1" hidden></section>')
    out.append(f'<noscript data-search-exclude><p class="pk-quiz__noscript">{e(ui["no_script"])}</p></noscript>')
    out.append(_manual(definition))
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    out.append(f'<script type="application/json" id="quiz-data">{payload}</script>')
    # async, not defer: the engine worker starts as soon as quiz.js arrives rather
    # than after the whole page (and Material's bundle) is parsed; everything the
    # script touches is above this tag, so it is already parsed.
    out.append(f'<script src="{_asset(lang, "quiz/quiz.js")}" async></script>')
    out.append("</div>")
    return "\n".join(out)
