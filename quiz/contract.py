"""What every quiz definition must hold and the rules rely on: one table, the lowest module.

CONTRACT.md fixes the verdicts, the option ids of the questions the rules test by
name, the guide sections a plan can link to and the deciding rules; the page and
the CLI need their [ui] strings, and the engine its [notices].  They are written
down here once: ``quiz.model`` checks a definition against them, ``quiz.engine``
applies the rules with them, ``quiz.saved`` and ``quiz.draft`` read the ids they
share.  This module imports nothing from the package, so nothing imports in a circle.

Data only, standard library only: it ships in the engine wheel and runs under Pyodide.
"""

from __future__ import annotations

from typing import Literal

#: The three verdicts of CONTRACT.md ("Decision rules").
Verdict = Literal["keep", "last-attempt", "part-ways"]
#: The guide pages a section lives on.
Page = Literal["recognize", "part-ways"]

VERDICTS: tuple[Verdict, ...] = ("keep", "last-attempt", "part-ways")
PAGES: tuple[Page, ...] = ("recognize", "part-ways")
#: The verdicts that call for a letter (quiz/phrases.toml's kinds).
LETTER_KINDS: tuple[Verdict, ...] = ("part-ways", "last-attempt")

# The contract fixes these option ids: the rules test for them by name.
SIGN_OPTIONS = ("never", "sometimes", "often")
CONTEXT_OPTIONS: dict[str, tuple[str, ...]] = {
    "self-check": ("done", "not-yet"),
    "exhausted": ("yes", "no"),
    "certainty": ("sure", "unsure"),
}

# Plan steps added on top of sign sections, per verdict, in plan order.  `keep`
# points at the list of warning signs to watch; `empty-cup` closes a part-ways plan
# because the article ends on it as the reason to let go.
SELF_CHECK_STEP = "self-check"
SECOND_OPINION_STEP = "second-opinion"
VERDICT_STEPS: dict[Verdict, tuple[str, ...]] = {
    "keep": ("warning-signs",),
    "last-attempt": ("professional", "last-attempt", "in-writing"),
    "part-ways": (
        "professional",
        "avoid-you",
        "leave-window-open",
        "refer-elsewhere",
        "positive-ending",
        "in-writing",
        "empty-cup",
    ),
}
# After `keep` with exhausted = yes: look at one's own part, get an outside view, and
# if the decision stands, the parting steps: the part-ways plan's, without the
# `empty-cup` that closes a parting. The keep plan's own step (warning-signs) stays,
# with the follow-up's note.
FOLLOWUP_STEPS = (
    SELF_CHECK_STEP,
    SECOND_OPINION_STEP,
    *(step for step in VERDICT_STEPS["part-ways"] if step != "empty-cup"),
)
# The letter each verdict calls for; `keep` gets one only behind the reader's choice
# (when they said continuing is impossible).
LETTER: dict[Verdict, Verdict | None] = {"keep": None, "last-attempt": "last-attempt", "part-ways": "part-ways"}
# The deciding rules, one of which gives each verdict (Result.rule).
RULES = ("clear", "hard-stop", "exhausted", "not-exhausted")
# Reason ids: one per deciding rule, and `accumulated`, which goes before the deciding one.
REASONS = (*RULES, "accumulated")
# Placeholders filled in verdict summaries, reasons, notices and notes.
PLACEHOLDERS = frozenset({"score", "max_score", "threshold", "flagged_count", "topics"})

# ---- The [ui] strings and [notices] ---------------------------------------------------
# A definition's [ui] table holds the chrome the page and the CLI render (buttons,
# headings, messages, the drafter, saving and reopening answers): every key of
# REQUIRED_UI present, each string using only the placeholders UI_PLACEHOLDERS gives
# its key (a key not listed there may use none). A translation that drops a key or
# renames a placeholder thus fails when the definition is checked (the build, the
# CLI), not while a reader's page is formatting it.

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
    # Scoring by hand, printed under the form (overrides/partials/quiz/manual.html).
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
    # The SCORM packages: their note on what the LMS gets (scripts/products/scorm.py) and
    # the message when the LMS refuses a session (web/quiz/scorm12.js, scorm2004.js).
    "course_lms_shares",
    "course_not_recorded",
)

# Saving, reopening and comparing answers (quiz/saved.py fills these strings).
_SAVED_UI_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "saved_too_big": frozenset({"max_kb"}),
    "saved_too_deep": frozenset({"max_depth"}),
    "saved_wrong_version": frozenset({"found", "expected"}),
    "saved_other_questions": frozenset({"found", "expected"}),
    "saved_extra_field": frozenset({"field"}),
    "saved_unknown_question": frozenset({"question"}),
    "saved_bad_value": frozenset({"question", "value"}),
    "saved_incomplete": frozenset({"count"}),
    "saved_opened": frozenset({"saved_on"}),
    "saved_done": frozenset({"filename"}),
    "change_intro": frozenset({"saved_on"}),
    "change_score": frozenset({"then", "now", "max_score"}),
    "change_verdict": frozenset({"then", "now"}),
    "change_answer": frozenset({"then", "now"}),
}
_SAVED_REQUIRED_UI = (
    "saved_heading",
    "saved_save",
    "saved_open",
    "saved_hint",
    "saved_done",
    "saved_opened",
    "saved_form_unchanged",
    "saved_too_big",
    "saved_too_deep",
    "saved_not_json",
    "saved_wrong_format",
    "saved_wrong_version",
    "saved_other_questions",
    "saved_extra_field",
    "saved_unknown_question",
    "saved_bad_value",
    "saved_incomplete",
    "change_heading",
    "change_intro",
    "change_score",
    "change_verdict",
    "change_answer",
    "change_appeared",
    "change_disappeared",
    "change_more_frequent",
    "change_less_frequent",
    "change_none",
)
REQUIRED_UI += _SAVED_REQUIRED_UI
UI_PLACEHOLDERS.update(_SAVED_UI_PLACEHOLDERS)
# Texts the engine adds to a verdict's summary in some cases (quiz.engine); they use
# PLACEHOLDERS, not UI_PLACEHOLDERS. provisional: before the summary while
# self-check = not-yet; provisional_hard_stop: the same after abuse or threats (no
# blame: they are reason enough on their own); keep_exhausted: instead of the keep
# summary when the reader said continuing is impossible.
NOTICES = ("provisional", "provisional_hard_stop", "keep_exhausted")
