"""The data shapes quiz.api exchanges with the page's JavaScript, written down once.

Every call from the page's worker (web/quiz/engine-worker.js) arrives as JSON
and goes back as plain dicts, lists and strings; these are those dicts. The
JavaScript side of the same shapes is web/quiz/lib/types.js (JSDoc typedefs,
checked by ``make check-js``): when a shape changes, change both.

Types only: no I/O, no browser imports, nothing run at import beyond building
the classes (the engine wheel loads it in Pyodide with quiz.api).
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict, final

from quiz.contract import Verdict  # the three verdicts of CONTRACT.md ("Decision rules")

#: Which decision rule gave the verdict (quiz.engine's Result.rule).
Rule = str
#: The kinds of error a call returns instead of its result; "engine" is the page's
#: own (no engine to ask), never Python's.
ErrorKind = Literal["engine", "definition", "answers", "draft", "saved", "request"]


class FlaggedSign(TypedDict):
    id: str
    section: str
    page: str  # the guide page's slug
    answer: str
    answer_label: str
    hard_stop: bool
    text: str
    short: str  # the sign's name in a few words (the result's list of flagged signs)
    title: NotRequired[str]  # the section's heading, when the build gave one


class PlanStep(TypedDict):
    section: str
    page: str
    note: str
    title: NotRequired[str]


class Followup(TypedDict):
    """After keep, when the reader said continuing is impossible: what to do first, and how to part."""

    heading: str
    steps: list[PlanStep]


class Letter(TypedDict):
    """The letter a result calls for; the page's drafter offers it."""

    kind: Verdict  # "part-ways" | "last-attempt": a kind of quiz/phrases.toml
    topics: list[str]  # the signs a last attempt speaks of (flagged, or those that added up)
    opt_in: bool  # drafted only when the reader asks (keep, yet continuing is impossible)


class ChartSign(TypedDict):
    id: str
    label: str
    answer: str
    answer_label: str
    weight: int
    points: int
    max_points: int
    hard_stop: bool
    flagged: bool


class Chart(TypedDict):
    score: int
    max_score: int
    threshold: int
    signs: list[ChartSign]  # every sign, in definition order


# The call results are @final: no other keys, so `"error" in result` tells a result from
# an ErrorResult for mypy too (it narrows the union both ways).
@final
class Assessment(TypedDict):
    """``assess`` on success; the page renders it, embed.js forwards verdict and scores."""

    verdict: Verdict
    rule: Rule
    score: int
    max_score: int
    threshold: int
    accumulated: bool  # no sign flagged, but the score reached the threshold
    headline: str
    explanation: str
    reasons: list[str]
    provisional: bool  # self-check not done yet: the explanation says the verdict is provisional
    flagged: list[FlaggedSign]  # definition order
    plan: list[PlanStep]  # reading order
    followup: NotRequired[Followup]  # keep, yet continuing is impossible: the steps beside the plan
    letter: NotRequired[Letter]  # the letter this result calls for, if any
    chart: Chart


class ErrorDetail(TypedDict):
    kind: ErrorKind
    message: str
    questions: NotRequired[list[str]]  # kind "answers": the unanswered question ids
    key: NotRequired[str]  # kind "saved": the [ui] key of the reader's message
    detail: NotRequired[str]  # kind "saved": the same problem in English, for the console


@final
class ErrorResult(TypedDict):
    """What a call returns for a problem the reader or an author can fix."""

    error: ErrorDetail


@final
class Validation(TypedDict):
    ok: Literal[True]
    questions: list[str]
    max_score: int
    threshold: int


class YouMatch(TypedDict):
    """One form of "you" found in a letter: offsets in code points and in UTF-16 units."""

    start: int
    end: int
    start16: int  # as JavaScript counts, for marking it in the page's mirror
    end16: int
    word: str
    form: str
    line: int  # 1-based line of the letter it is on (the page says where each mark is)


class YouCheck(TypedDict):
    """quiz.you_check.check's answer, also in a draft's ``you``."""

    count: int  # every match
    matches: list[YouMatch]  # the first MARK_LIMIT
    section: str  # the guide section whose advice the check applies; the page links it
