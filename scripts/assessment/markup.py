"""The quiz block of each language's quiz page, from overrides/partials/quiz/block.html.

The questions are plain HTML, answerable before any script runs (CONTRACT.md's
"Self-assessment page": #assessment, fieldset[data-question], radios named by
the question with the option ids as values), followed by the scoring by hand and
the page's #quiz-data. The markup is the templates' (block.html, which includes
form.html and manual.html); this module only hands them the page's data as
scripts/assessment/quizdata.py prepared it. scripts/build.py appends the result
to the quiz page's Markdown as raw HTML; MkDocs and Material then render the page.
"""

from __future__ import annotations

from typing import Any

from ..templates import render as render_template
from .quizdata import _asset

TEMPLATE = "partials/quiz/block.html"


def render(data: dict[str, Any]) -> str:
    """The quiz block of the page whose #quiz-data is ``data`` (quizdata.prepare)."""
    definition = data["definition"]
    lang = data["lang"]
    ui = definition["ui"]
    scales = {name: scale["options"] for name, scale in definition.get("scales", {}).items()}
    questions = [
        {
            "id": q["id"],
            "text": q["text"],
            "hint": q.get("hint"),
            "options": scales[q["scale"]] if q["kind"] == "sign" else q["options"],
        }
        for q in definition["questions"]
    ]
    # Scoring by hand: the weights and the rules, so the questions work as a printed
    # checklist or when the engine cannot start. The numbers come from the definition,
    # so they always match what the engine computes.
    manual = {
        "signs": [q for q in definition["questions"] if q["kind"] == "sign"],
        "rules": ui["manual_rules"].format(threshold=definition["threshold"]),
    }
    return render_template(
        TEMPLATE,
        lang=lang,
        ui=ui,
        questions=questions,
        submit_note=ui["submit_waiting"].format(submit=ui["submit"]),
        manual=manual,
        data=data,
        stylesheet=_asset(lang, "quiz/quiz.css"),
        script=_asset(lang, "quiz/quiz.js"),
    )
