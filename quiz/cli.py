"""Terminal front end of the self-assessment.

    python -m quiz [--lang <a language of the site>] [--definition PATH] [--answers FILE.json] [--json]

Asks each question (numbered options, re-asks on bad input, EOF or Ctrl-C ends
cleanly), then prints the verdict, score, flagged signs and the plan with guide
paths such as ``/part-ways/#avoid-you`` (``/en/part-ways/#avoid-you`` in English).
The languages and their guide paths are the site's (the site map of
scripts/i18n/sitemap.py). The CLI, unlike the engine modules, may read files;
polib is imported only here and only when a translated language is asked for.

Exit status: 0 result shown, 1 input ended before the last answer, 2 bad file or data.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any, TextIO

from quiz import QuizError, api, localize, saved
from quiz.api_types import Assessment
from quiz.model import Definition, Question, parse
from scripts.i18n import sitemap

PACKAGE = Path(__file__).resolve().parent
DEFAULT_DEFINITION = PACKAGE / "definition.toml"
# The site's languages and addresses: the language layer's one site map (the CLI runs
# from the project, beside content/ and scripts/).
SITE = sitemap.load()


class CliError(Exception):
    """A problem with the command line or a file; printed without a traceback."""


def main(
    argv: list[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    args = _parser().parse_args(argv)
    try:
        definition = _read_definition(Path(args.definition))
        if not SITE.languages[args.lang].is_source:
            po_path = Path(args.translations) if args.translations else SITE.languages[args.lang].po("quiz")
            definition = _translate(definition, po_path, stderr)
        model = parse(definition)
        if args.answers:
            answers = _read_answers(args.answers, stdin, model)
        else:
            # With --json, stdout carries only the JSON, so the questions go to stderr.
            answers = _ask(model, stdin, stderr if args.json else stdout)
            if answers is None:
                print("\n" + model.ui["cli_aborted"], file=stderr)
                return 1
    except KeyboardInterrupt:
        print("\n" + "Interrupted.", file=stderr)
        return 1
    except (CliError, QuizError) as exc:
        print(f"error: {exc}", file=stderr)
        return 2

    # The same session the page's worker starts, without the drafter's phrases.
    started = api.start(definition, lang=args.lang)
    if "error" in started:
        print(f"error: {started['error']['message']}", file=stderr)
        return 2
    result = api.session().assess(answers)
    if "error" in result:
        print(f"error: {result['error']['message']}", file=stderr)
        return 2
    if args.json:
        json.dump(result, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(report(model, result, args.lang))
    return 0


def report(model: Definition, result: Assessment, lang: str | None = None) -> str:
    """The result as plain text, every link a guide path in ``lang`` (the source language's by default)."""
    ui = model.ui
    lang = lang or SITE.source.code
    score = ui["score_format"].format(score=result["score"], max_score=result["max_score"])
    lines = [
        "",
        f"{ui['verdict_label']}: {result['headline']}",
        f"{ui['score_label']}: {score} ({ui['threshold_label']}: {result['threshold']})",
        "",
        result["explanation"],
        *result["reasons"],
        "",
        f"{ui['flagged_heading']}:",
    ]
    for flag in result["flagged"]:
        stop = f" [{ui['hard_stop_label']}]" if flag["hard_stop"] else ""
        lines.append(f"  - {flag['text']} ({ui['answer_label']}: {flag['answer_label']}){stop}")
        lines.append(f"    /{SITE.url(lang, flag['page'])}#{flag['section']}")
    if not result["flagged"]:
        lines.append(f"  {ui['flagged_none']}")
    lines += ["", f"{ui['plan_heading']}:"]
    for number, step in enumerate(result["plan"], 1):
        title = f"{step['title']}: " if "title" in step else ""
        lines.append(f"  {number}. {title}{step['note']}")
        lines.append(f"     /{SITE.url(lang, step['page'])}#{step['section']}")
    return "\n".join(lines) + "\n"


def _ask(model: Definition, stdin: TextIO, out: TextIO) -> dict[str, str] | None:
    """Ask every question in order; ``None`` when input ends first."""
    answers: dict[str, str] = {}
    total = len(model.questions)
    print(model.ui["intro"], file=out)
    for number, question in enumerate(model.questions, 1):
        print("\n" + model.ui["cli_question"].format(number=number, total=total), file=out)
        print(question.text, file=out)
        if question.hint:
            print(f"  ({question.hint})", file=out)
        for i, option in enumerate(question.options, 1):
            print(f"  {i}. {option.label}", file=out)
        choice = _choose(model, question, stdin, out)
        if choice is None:
            return None
        answers[question.id] = choice
    return answers


def _choose(model: Definition, question: Question, stdin: TextIO, out: TextIO) -> str | None:
    count = len(question.options)
    while True:
        out.write(model.ui["cli_prompt"].format(count=count))
        out.flush()
        line = stdin.readline()
        if not line:  # EOF (Ctrl-D or the end of piped input)
            return None
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= count:
            return question.options[int(text) - 1].id
        # Option ids work too, which makes scripted input readable.
        if question.option(text) is not None:
            return text
        print(model.ui["cli_invalid"].format(count=count), file=out)


def _read_definition(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise CliError(f"cannot read the definition {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CliError(f"{path} is not valid TOML: {exc}") from None


def _read_answers(name: str, stdin: TextIO, model: Definition) -> Any:
    """A plain {question: option} object, or a file the page saved ("Save my answers")."""
    try:
        if name == "-":
            text = stdin.read()
        else:
            with open(name, encoding="utf-8") as fh:
                text = fh.read()
        # Both kinds of file are shallow: saved.loads refuses one nested so deep
        # that the parser would recurse until it fails.
        data = saved.loads(text)
    except OSError as exc:
        raise CliError(f"cannot read the answers {name}: {exc.strerror}") from None
    except saved.SavedError as exc:
        raise CliError(f"{name}: {saved.reason(model, exc)} ({exc})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CliError(
            f"{name} is not valid JSON ({exc}); expected an object like "
            f'{{"schedule": "often", ...}} or a file saved with "Save my answers"'
        ) from None
    if isinstance(data, dict) and data.get("format") == saved.FORMAT:
        try:
            return dict(saved.load(model, text).answers)
        except saved.SavedError as exc:
            raise CliError(f"{name}: {saved.reason(model, exc)} ({exc})") from None
    return data


def _translate(definition: dict[str, Any], po_path: Path, stderr: TextIO) -> dict[str, Any]:
    """Apply a PO catalogue; stale, fuzzy or empty entries leave the Russian text."""
    import polib  # only the CLI needs it; the engine stays stdlib-only for Pyodide

    if not po_path.is_file():
        raise CliError(f"no translations at {po_path}; pass --translations PATH")
    source = dict(localize.strings(definition))
    translations = {
        e.msgctxt: e.msgstr
        for e in polib.pofile(str(po_path))
        if e.msgstr and not e.obsolete and "fuzzy" not in e.flags and source.get(e.msgctxt) == e.msgid
    }
    lacking = localize.missing(definition, translations)
    if lacking:
        print(
            f"warning: {len(lacking)} string(s) have no current translation in {po_path}; "
            f"showing the Russian text for: {', '.join(lacking)}",
            file=stderr,
        )
    return localize.localize(definition, translations)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m quiz", description="Private self-assessment: should you part ways with a client?"
    )
    parser.add_argument(
        "--lang",
        choices=SITE.codes,
        default=SITE.source.code,
        help=f"language of questions, results and guide links (default: {SITE.source.code})",
    )
    parser.add_argument(
        "--definition", default=str(DEFAULT_DEFINITION), help="quiz definition TOML (default: the packaged one)"
    )
    parser.add_argument(
        "--translations",
        metavar="PO",
        help=f"PO catalogue for a --lang other than {SITE.source.code} (default: the project's)",
    )
    parser.add_argument(
        "--answers",
        metavar="FILE.json",
        help='answers as a JSON object {"question id": "option id"}, or a file '
        'saved on the page with "Save my answers"; - for stdin',
    )
    parser.add_argument(
        "--json", action="store_true", help="print the result as JSON (questions, if asked, go to stderr)"
    )
    return parser
