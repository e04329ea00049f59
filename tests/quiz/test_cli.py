"""quiz.cli: interactive and file-driven runs, fed through main(argv, stdin, stdout, stderr)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.saved import MAX_DEPTH
from scripts.paths import ROOT
from tests.alphabets import foreign_letters
from tests.site import LANGS, SITE, lang_of

# Menu numbers for: 8 signs (1 never, 2 sometimes, 3 often), then self-check (1 done,
# 2 not-yet), exhausted (1 yes, 2 no), certainty (1 sure, 2 unsure).
INVOICES_OFTEN_NOT_EXHAUSTED = ["1", "1", "1", "3", "1", "1", "1", "1", "1", "2", "1"]
AGGRESSION_ONCE = ["1", "1", "1", "1", "2", "1", "1", "1", "2", "2", "2"]


def cli(argv: list[str], lines: Sequence[str] | str = ()) -> tuple[int, str, str]:
    text = lines if isinstance(lines, str) else "".join(f"{line}\n" for line in lines)
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, io.StringIO(text), out, err)
    return code, out.getvalue(), err.getvalue()


def test_interactive_russian_run():
    code, out, err = cli([], INVOICES_OFTEN_NOT_EXHAUSTED)
    assert code == 0, err
    assert "Вопрос 1 из 11" in out and "Вопрос 11 из 11" in out
    assert "  3. Часто" in out
    assert "Вывод: Сделайте последнюю попытку" in out
    assert "Баллы: 8 из 52 (Порог: 8)" in out
    assert "/recognize/#sign-invoices" in out
    assert "/part-ways/#last-attempt" in out
    assert "/en/" not in out


def test_interactive_english_run_links_to_english_pages():
    code, out, err = cli(["--lang", "en"], AGGRESSION_ONCE)
    assert code == 0, err
    assert err == ""  # the catalogue is complete: no warning
    assert "Question 1 of 11" in out
    assert "Verdict: Time to part ways" in out
    assert "[Hard stop]" in out
    assert "/en/part-ways/#avoid-you" in out
    assert "/en/recognize/#self-check" in out
    assert "/en/part-ways/#last-attempt" not in out


@pytest.mark.parametrize("lang", LANGS)
def test_every_languages_run_links_to_that_languages_guide_only(lang):
    code, out, err = cli(["--lang", lang], AGGRESSION_ONCE)
    assert code == 0, err
    assert err == ""  # every catalogue is complete: no warning
    links = [line.strip() for line in out.splitlines() if line.strip().startswith("/")]
    assert links and all(lang_of(link.removeprefix("/")) == lang for link in links), links
    assert f"/{SITE.url(lang, 'part-ways')}#avoid-you" in links


def test_python_dash_m_quiz_lang_uk_asks_and_answers_in_ukrainian():
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "--lang", "uk"],
        input="".join(f"{line}\n" for line in AGGRESSION_ONCE),
        capture_output=True,
        text=True,
        cwd=ROOT,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = proc.stdout
    assert "Запитання 1 з 11" in out and "Запитання 11 з 11" in out
    assert "  3. Часто" in out
    assert "Висновок: Час розходитися" in out and "[Стоп-сигнал]" in out
    assert "/uk/part-ways/#avoid-you" in out and "/uk/recognize/#self-check" in out
    # Ukrainian throughout: no word with a letter only Russian has.
    assert foreign_letters("uk", out) == []


def test_bad_input_is_asked_again():
    lines = ["often", "0", "4", "", "3", *INVOICES_OFTEN_NOT_EXHAUSTED[1:]]
    code, out, _ = cli([], lines)
    assert code == 0
    # "often" is a valid option id; 0, 4 and the empty line are not.
    assert out.count("Такого варианта нет. Введите число от 1 до 3.") == 3
    assert "/recognize/#sign-schedule" in out


def test_end_of_input_exits_cleanly():
    code, out, err = cli([], ["1", "2"])
    assert code == 1
    assert "Вопрос 3 из 11" in out
    assert "Ввод прерван" in err
    assert "Traceback" not in err


def test_answers_file(tmp_path):
    path = tmp_path / "answers.json"
    vector = json.loads((Path(__file__).with_name("vectors.json")).read_text("utf-8"))[-1]
    path.write_text(json.dumps(vector["answers"]), encoding="utf-8")
    code, out, err = cli(["--answers", str(path)])
    assert code == 0, err
    assert "Вопрос" not in out
    assert "Вывод: Пора расставаться" in out
    assert out.index("/recognize/#self-check") < out.index("/part-ways/#empty-cup")


def test_answers_from_stdin_as_json():
    given = json.loads((Path(__file__).with_name("vectors.json")).read_text("utf-8"))[0]
    code, out, err = cli(["--answers", "-", "--json"], json.dumps(given["answers"]))
    assert code == 0, err
    result = json.loads(out)
    assert (result["verdict"], result["score"]) == ("keep", 0)
    assert [p["section"] for p in result["plan"]] == ["warning-signs"]


def test_json_keeps_questions_off_stdout():
    code, out, err = cli(["--json", "--lang", "en"], AGGRESSION_ONCE)
    assert code == 0
    assert json.loads(out)["verdict"] == "part-ways"
    assert "Question 1 of 11" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schedule": "always"}', "question 'schedule': option 'always' is not one of"),
        ("not json", "is not valid JSON"),
    ],
)
def test_bad_answers_file(tmp_path, content, message):
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = cli(["--answers", str(path)])
    assert code == 2 and out == ""
    assert message in err


@pytest.mark.parametrize("depth", [100, 1_000, 10_000, 100_000])
@pytest.mark.parametrize("kind", ["arrays", "objects", "mixed"])
def test_a_deeply_nested_answers_file_is_one_line_of_error(tmp_path, depth, kind):
    """No traceback: json.loads would recurse until it fails on such a file."""
    opening = {"arrays": ["["], "objects": ['{"a":'], "mixed": ["[", '{"a":']}[kind]
    levels = [opening[i % len(opening)] for i in range(depth)]
    path = tmp_path / "deep.json"
    path.write_text("".join(levels) + "1" + "".join("]" if o == "[" else "}" for o in reversed(levels)), "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "--answers", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: This is not a saved-answers file"), proc.stderr
    assert f"at most {MAX_DEPTH} levels" in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_files_are_reported(tmp_path):
    code, _, err = cli(["--definition", str(tmp_path / "nope.toml")])
    assert code == 2 and "cannot read the definition" in err
    code, _, err = cli(["--answers", str(tmp_path / "nope.json")])
    assert code == 2 and "cannot read the answers" in err
    code, _, err = cli(["--lang", "en", "--translations", str(tmp_path / "x.po")])
    assert code == 2 and "no translations at" in err


def test_broken_definition_is_reported(tmp_path):
    text = (ROOT / "quiz" / "definition.toml").read_text("utf-8").replace("threshold = 8", "threshold = -1")
    path = tmp_path / "definition.toml"
    path.write_text(text, encoding="utf-8")
    code, _, err = cli(["--definition", str(path)], INVOICES_OFTEN_NOT_EXHAUSTED)
    assert code == 2
    assert "threshold must be 1 or more" in err


def test_stale_translation_falls_back_to_russian_with_a_warning(tmp_path):
    po = (ROOT / "content" / "translations" / "en" / "quiz.po").read_text("utf-8")
    path = tmp_path / "quiz.po"
    path.write_text(po.replace('msgid "Получить результат"', 'msgid "Старый текст"'), "utf-8")
    code, out, err = cli(["--lang", "en", "--translations", str(path)], AGGRESSION_ONCE)
    assert code == 0
    assert "quiz.ui.submit" in err and "warning:" in err
    assert "Verdict: Time to part ways" in out


def test_python_dash_m_quiz():
    given = json.loads((Path(__file__).with_name("vectors.json")).read_text("utf-8"))[5]
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "--answers", "-", "--lang", "en"],
        input=json.dumps(given["answers"]),
        capture_output=True,
        text=True,
        cwd=ROOT,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "/en/recognize/#sign-scope-creep" in proc.stdout
