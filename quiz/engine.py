"""Apply the contract's decision rules to one reader's answers about one client.

Input: a checked ``model.Definition`` and a mapping of question id -> option id.
Output: a frozen ``Result`` (verdict, score, flagged signs, ordered plan, texts, and
the profile: every sign with the reader's answer and the points it scored, which the
page draws as a chart).
The rules live here and nowhere else; they follow CONTRACT.md "Decision rules":

* a sign is flagged when answered ``often``, or ``sometimes`` for a hard-stop sign;
* any hard stop flagged -> ``part-ways`` (never a last attempt after abuse or threats);
* nothing flagged and score < threshold -> ``keep`` (a difficult client, not a toxic one);
* nothing flagged but score >= threshold -> "accumulated", treated as flagged below;
* flagged or accumulated: ``exhausted = yes`` -> ``part-ways``, else ``last-attempt``.

While ``self-check = not-yet`` the verdict is provisional: the definition's
``[notices] provisional`` text goes before the summary, so the verdict itself says so
(after abuse or threats, ``provisional_hard_stop`` instead: they are reason enough on
their own, and looking at one's own part concerns the rest of the collaboration).

Plan order: [self-check if not-yet] + [sign sections] + [second-opinion if unsure]
+ the verdict's steps (``VERDICT_STEPS``), without duplicates.  The sign
sections are those of the flagged signs; when the score merely accumulated, they
are the signs that contributed to it, so the reader sees what added up.  Those
signs are also the result's *topics*: what a last attempt (its plan note and its
letter) speaks of, and nothing else.

Every text in the reader's name follows from the reader's own answers:

* a step's title and note may differ per verdict (``[verdicts.<v>.titles]``,
  ``.notes``) and per deciding rule (``[rule_notes.<rule>]``): a last attempt puts
  the *proposal* in writing, not a refusal;
* ``keep`` while the reader answered that continuing is impossible
  (``exhausted = yes``): the verdict stays (the article's signs are not there), the
  summary is ``[notices] keep_exhausted`` (the answer was heard), and a follow-up
  list (``FOLLOWUP_STEPS``, ``[followup]``) says what to do first and, if it comes to
  that, how to part; the parting letter is offered behind the reader's own choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from quiz import QuizError
from quiz.contract import (
    FOLLOWUP_STEPS,
    LETTER,
    SECOND_OPINION_STEP,
    SELF_CHECK_STEP,
    VERDICT_STEPS,
    Verdict,
)
from quiz.model import Definition, Option, Question, Section

# How a list of topics is joined inside a sentence (each topic is a phrase with
# its own commas and conjunctions, so neither would separate them clearly).
TOPIC_SEPARATOR = "; "


class AnswerError(QuizError):
    """The answers do not fit the definition; ``questions`` lists the ids involved."""

    def __init__(self, message: str, questions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.questions = tuple(questions)


@dataclass(frozen=True)
class Flag:
    """A flagged sign: the question and the answer that flagged it."""

    question: Question
    answer: Option
    section: Section

    def __repr__(self) -> str:
        return f"Flag({self.question.id!r}, {self.answer.id!r})"


@dataclass(frozen=True)
class Step:
    """One plan step: a guide section, its title in this plan and why it is in this reader's plan."""

    section: Section
    note: str
    title: str | None = None  # the plan's own title, else the section's (the guide heading)

    def __repr__(self) -> str:
        return f"Step({self.section.id!r})"


@dataclass(frozen=True)
class Bar:
    """One sign in the profile chart: the reader's answer and the points it scored."""

    question: Question
    answer: Option
    points: int  # weight x the answer's value
    max_points: int  # weight x the scale's top value
    flagged: bool

    def __repr__(self) -> str:
        return f"Bar({self.question.id!r}, {self.answer.id!r}, {self.points}/{self.max_points})"


@dataclass(frozen=True)
class Result:
    """The outcome for one set of answers; texts are in the definition's language."""

    verdict: Verdict
    rule: str  # id of the deciding rule, one of RULES
    score: int
    max_score: int
    threshold: int
    accumulated: bool
    flagged: tuple[Flag, ...]
    plan: tuple[Step, ...]
    headline: str
    explanation: str = field(repr=False)
    reasons: tuple[str, ...] = field(repr=False)
    provisional: bool = False  # self-check not-yet: the explanation starts by saying so
    profile: tuple[Bar, ...] = field(default=(), repr=False)  # every sign, definition order
    # The signs a last attempt speaks of (flagged, or those that added up), definition order.
    topics: tuple[Question, ...] = field(default=(), repr=False)
    # keep + exhausted: what to do first and, if the decision stands, how to part.
    followup: tuple[Step, ...] = field(default=(), repr=False)
    followup_heading: str = field(default="", repr=False)
    # The letter the result calls for (a verdict id) or None; opt-in: only on the reader's choice.
    letter: Verdict | None = field(default=None, repr=False)
    letter_opt_in: bool = field(default=False, repr=False)

    @property
    def topic_ids(self) -> list[str]:
        return [q.id for q in self.topics]

    @property
    def plan_ids(self) -> list[str]:
        return [s.section.id for s in self.plan]

    @property
    def flagged_ids(self) -> list[str]:
        return [f.question.id for f in self.flagged]


def is_flagged(question: Question, option_id: str) -> bool:
    """The contract's flag rule; a hard stop counts even when it happened only sometimes."""
    return option_id == "often" or (question.hard_stop and option_id == "sometimes")


def check_answers(definition: Definition, answers: object) -> dict[str, Option]:
    """Map every question id to the chosen option, or raise ``AnswerError``."""
    if not isinstance(answers, Mapping):
        raise AnswerError(f"answers: expected a mapping of question id to option id, found {type(answers).__name__}")
    chosen: dict[str, Option] = {}
    for qid, value in answers.items():
        question = definition.question(qid) if isinstance(qid, str) else None
        if question is None:
            known = ", ".join(q.id for q in definition.questions)
            raise AnswerError(f"unknown question {qid!r}: remove it or use one of {known}", (str(qid),))
        options = ", ".join(o.id for o in question.options)
        if not isinstance(value, str):
            raise AnswerError(
                f"question '{qid}': the answer must be an option id (a string), found {value!r}; use one of {options}",
                (qid,),
            )
        option = question.option(value)
        if option is None:
            raise AnswerError(f"question '{qid}': option '{value}' is not one of {options}", (qid,))
        chosen[qid] = option
    missing = tuple(q.id for q in definition.questions if q.id not in chosen)
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        raise AnswerError(
            f"no answer for question{'s' if len(missing) > 1 else ''} {names}: choose one option for each", missing
        )
    return chosen


def assess(definition: Definition, answers: Mapping[str, Any]) -> Result:
    """Score the answers and decide verdict and plan (see the module docstring)."""
    chosen = check_answers(definition, answers)
    signs = definition.signs
    score = sum(q.weight * chosen[q.id].value for q in signs)
    flagged = tuple(
        Flag(q, chosen[q.id], definition.sections[q.section]) for q in signs if is_flagged(q, chosen[q.id].id)
    )
    accumulated = not flagged and score >= definition.threshold

    verdict: Verdict
    if any(f.question.hard_stop for f in flagged):
        verdict, rule = "part-ways", "hard-stop"
    elif not flagged and not accumulated:
        verdict, rule = "keep", "clear"
    elif chosen["exhausted"].id == "yes":
        verdict, rule = "part-ways", "exhausted"
    else:
        verdict, rule = "last-attempt", "not-exhausted"

    exhausted = chosen["exhausted"].id == "yes"
    provisional = chosen["self-check"].id == "not-yet"
    # What a last attempt speaks of: the flagged signs, or those that added up.
    if flagged:
        topics = tuple(f.question for f in flagged)
    elif accumulated:
        topics = tuple(q for q in signs if chosen[q.id].value > 0)
    else:
        topics = ()
    values = {
        "score": score,
        "max_score": definition.max_score,
        "threshold": definition.threshold,
        "flagged_count": len(flagged),
        "topics": TOPIC_SEPARATOR.join(q.topic or q.short or q.text for q in topics),
    }

    plan_ids: list[str] = []
    if provisional:
        plan_ids.append(SELF_CHECK_STEP)
    plan_ids += [q.section for q in topics]
    if chosen["certainty"].id == "unsure":
        plan_ids.append(SECOND_OPINION_STEP)
    plan_ids += VERDICT_STEPS[verdict]
    # Two signs may share a section; a plan lists each section once, first place wins.
    keep_exhausted = verdict == "keep" and exhausted
    plan = tuple(_step(definition, verdict, rule, sid, values, keep_exhausted) for sid in dict.fromkeys(plan_ids))

    texts = definition.verdicts[verdict]
    reason_ids = (["accumulated"] if accumulated else []) + [rule]
    summary = definition.notices["keep_exhausted"] if keep_exhausted else texts.summary
    explanation = summary.format_map(values)
    if provisional:
        notice = "provisional_hard_stop" if rule == "hard-stop" else "provisional"
        explanation = definition.notices[notice].format_map(values) + " " + explanation
    followup: tuple[Step, ...] = ()
    if keep_exhausted:
        followup = tuple(
            _followup_step(definition, sid, values) for sid in FOLLOWUP_STEPS if sid not in dict.fromkeys(plan_ids)
        )
    flagged_ids = {f.question.id for f in flagged}
    profile = tuple(
        Bar(q, chosen[q.id], q.weight * chosen[q.id].value, q.weight * q.max_value, q.id in flagged_ids) for q in signs
    )
    return Result(
        verdict=verdict,
        rule=rule,
        score=score,
        max_score=definition.max_score,
        threshold=definition.threshold,
        accumulated=accumulated,
        flagged=flagged,
        plan=plan,
        headline=texts.title,
        explanation=explanation,
        reasons=tuple(definition.reasons[r].format_map(values) for r in reason_ids),
        provisional=provisional,
        profile=profile,
        topics=topics,
        followup=followup,
        followup_heading=definition.followup.heading if followup else "",
        letter="part-ways" if keep_exhausted else LETTER[verdict],
        letter_opt_in=keep_exhausted,
    )


def _step(
    definition: Definition, verdict: Verdict, rule: str, sid: str, values: Mapping[str, Any], keep_exhausted: bool
) -> Step:
    """A plan step with the note and title for this verdict and deciding rule (and, after
    keep with exhausted = yes, the follow-up's note: "keep working" would contradict the reader)."""
    note = (keep_exhausted and definition.followup.notes.get(sid)) or definition.note(verdict, sid, rule)
    note = note.format_map(values)
    return Step(definition.sections[sid], note, definition.verdicts[verdict].titles.get(sid))


def _followup_step(definition: Definition, sid: str, values: Mapping[str, Any]) -> Step:
    """A step of the keep + exhausted follow-up list: its own note and title where it has one."""
    note = (definition.followup.notes.get(sid) or definition.notes[sid]).format_map(values)
    return Step(definition.sections[sid], note, definition.followup.titles.get(sid))
