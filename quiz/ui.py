"""The reader-facing UI keys a quiz definition must provide, and the placeholders each may use.

A definition's ``[ui]`` table holds the chrome the page and the CLI render (buttons,
headings, messages, the drafter, saving and reopening answers); ``[notices]`` holds the
texts the engine puts before a verdict's summary. ``quiz.model.parse()`` checks both
against the lists here: every key of REQUIRED_UI present, each UI string using only the
placeholders UI_PLACEHOLDERS gives its key (a key not listed there may use none), and
``[notices]`` exactly the keys of NOTICES. A translation that drops a key or renames a
placeholder thus fails when the definition is checked (the build, the CLI), not while a
reader's page is formatting it. ``quiz.saved`` owns its own keys and placeholders; they
are merged in here so that there is one list.

Data only, standard library only: it ships in the engine wheel and runs under Pyodide.
"""

from __future__ import annotations

from quiz.saved import REQUIRED_UI as SAVED_REQUIRED_UI
from quiz.saved import UI_PLACEHOLDERS as SAVED_UI_PLACEHOLDERS

# UI strings are filled by the page or the CLI; each may use only these placeholders.
UI_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "score_format": frozenset({"score", "max_score"}),
    "missing_answers": frozenset({"count"}),
    "cli_question": frozenset({"number", "total"}),
    "cli_prompt": frozenset({"count"}),
    "cli_invalid": frozenset({"count"}),
    "draft_you_count": frozenset({"count"}),
    "draft_you_where": frozenset({"line", "word"}),
    "manual_rules": frozenset({"threshold"}),
    "submit_waiting": frozenset({"submit"}),
}
# The page and the CLI render their chrome from these; a translation must keep them all.
REQUIRED_UI: tuple[str, ...] = (
    "intro",
    "privacy",
    "submit",
    "submit_waiting",
    "reset",
    "engine_loading",
    "engine_ready",
    "engine_failed",
    "no_script",
    "missing_answers",
    "computing",
    "error_heading",
    "result_heading",
    "verdict_label",
    "score_label",
    "score_format",
    "threshold_label",
    "flagged_heading",
    "flagged_none",
    "hard_stop_label",
    "answer_label",
    "plan_heading",
    "why_label",
    "read_section",
    "cli_question",
    "cli_prompt",
    "cli_invalid",
    "cli_aborted",
    # Scoring by hand, printed under the form (scripts/assessment/quizpage.py).
    "manual_heading",
    "manual_intro",
    "manual_sign",
    "manual_weight",
    "manual_hard_stop",
    "manual_rules",
    # The draft message under a part-ways or last-attempt result (quiz/draft.py).
    "draft_heading",
    "draft_intro",
    "draft_fields_legend",
    "draft_text_label",
    "draft_check_label",
    "draft_you_count",
    "draft_you_link",
    "draft_you_where",
    "draft_copy",
    "draft_copied",
    "draft_copy_failed",
    "draft_download_txt",
    "draft_download_md",
    "draft_print",
    "draft_failed",
    "draft_rebuild",
    "draft_offer",
    # The profile chart in the result (figure[data-chart="profile"]).
    "chart_caption",
    "chart_table_caption",
    "chart_sign",
    "chart_weight",
    "chart_points",
    "chart_total",
    # The SCORM packages: their note on what the LMS gets (scripts/publish/scorm.py) and
    # the message when the LMS refuses a session (web/quiz/scorm12.js, scorm2004.js).
    "course_lms_shares",
    "course_not_recorded",
)
# Saving, reopening and comparing answers (quiz/saved.py owns its keys and placeholders).
REQUIRED_UI += SAVED_REQUIRED_UI
UI_PLACEHOLDERS.update(SAVED_UI_PLACEHOLDERS)
# Texts the engine adds to a verdict's summary in some cases (see quiz.engine); they
# use the engine's placeholders (quiz.engine.PLACEHOLDERS), not UI_PLACEHOLDERS.
# provisional: before the summary while self-check = not-yet; provisional_hard_stop: the
# same after abuse or threats (no blame: they are reason enough on their own);
# keep_exhausted: instead of the keep summary when the reader said continuing is impossible.
NOTICES = ("provisional", "provisional_hard_stop", "keep_exhausted")
