"""The benchmark's verdict: every budget checked, a missed one named and failing the
run, and a measurement that is missing counted as missed, never as "n/a"."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scripts.bench.report import BUDGETS, KB, MB, check_budgets, exit_code

MET: dict[str, Any] = {
    "plain": {
        "ours": {"ready_cold_ms": 1200.0, "longest_task_ms": 90.0},
        "pyscript": {"ready_cold_ms": 2100.0},
    },
    "nginx": {
        "ours": {"ready_cold_ms": 1250.0, "ready_warm_ms": 700.0},
        "pyscript": {"ready_cold_ms": 2200.0},
    },
    "transfer": {"ours": {"gzip": 4.4 * MB, "br": 3.6 * MB}},
    "guide_pages": {
        "/": {"raw": 300 * KB, "pyodide_files": []},
        "/en/recognize/": {"raw": 340 * KB, "pyodide_files": []},
    },
    "submit": {"median_ms": 3.0},
    "build": {"bundle_bytes": 4.6 * MB},
    "answer_sets": 13,
    "differences": [],
    "lighthouse": {"/": {"score": 99}, "/en/quiz/": {"score": 96}},
    "paste": {"longest_task": 120.0},
    "failed_download_ms": 900.0,
}


def test_all_budgets_met_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    results = copy.deepcopy(MET)
    lines = check_budgets(results)
    assert len(lines) == len(results["budgets"]) == 15
    assert all(line.startswith("OK") for line in lines), lines
    assert exit_code(results) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("path", "value", "budget"),
    [
        (("plain", "ours", "ready_cold_ms"), 1300.0, "plain: engine ready cold ≤ 0.6"),
        (("nginx", "pyscript", "ready_cold_ms"), 2000.0, "nginx: engine ready cold ≤ 0.6"),
        (("transfer", "ours", "gzip"), BUDGETS["quiz_gzip_bytes"] + 1, "transfer through nginx, gzip"),
        (("transfer", "ours", "br"), BUDGETS["quiz_br_bytes"] + 1, "transfer through nginx, br"),
        (("plain", "ours", "longest_task_ms"), 272.0, "no main-thread task > 200 ms"),
        (("submit", "median_ms"), 51.0, "submit-to-result"),
        (("build", "bundle_bytes"), 11 * MB, "offline zip"),
        (("differences",), ["/bench-pyscript/, answer set 3: ours {...}, PyScript {...}"], "same results as PyScript"),
        (("nginx", "ours", "ready_warm_ms"), 800.0, "warm ≤ 0.6 × cold"),
        (("plain", "ours", "ready_cold_ms"), 1000.0, "cold no slower"),
        (("paste", "longest_task"), 480.0, "100,000-character paste"),
        (("failed_download_ms",), 12_000.0, "refused runtime download"),
    ],
)
def test_a_missed_budget_is_named_and_fails(
    path: tuple[str, ...], value: object, budget: str, capsys: pytest.CaptureFixture[str]
) -> None:
    results = copy.deepcopy(MET)
    target: Any = results
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    lines = check_budgets(results)
    missed = [line for line in lines if line.startswith("MISSED")]
    assert len(missed) == 1 and budget in missed[0], lines
    assert exit_code(results) == 1
    assert budget in capsys.readouterr().err


def test_a_page_under_the_lighthouse_floor_misses() -> None:
    results = copy.deepcopy(MET)
    results["lighthouse"]["/en/quiz/"]["score"] = 94
    missed = [line for line in check_budgets(results) if line.startswith("MISSED")]
    assert len(missed) == 1 and "Lighthouse" in missed[0] and "/en/quiz/ 94" in missed[0]


def test_a_guide_page_with_pyodide_bytes_misses() -> None:
    results = copy.deepcopy(MET)
    results["guide_pages"]["/"]["pyodide_files"] = ["/assets/quiz/pyodide/pyodide.asm.wasm"]
    assert any(line.startswith("MISSED guide pages load no Pyodide byte") for line in check_budgets(results))


@pytest.mark.parametrize(
    "path",
    [
        ("plain", "ours", "ready_cold_ms"),
        ("nginx", "pyscript", "ready_cold_ms"),
        ("transfer", "ours", "br"),
        ("submit", "median_ms"),
        ("build", "bundle_bytes"),
        ("differences",),
        ("guide_pages",),
        ("nginx",),
        ("lighthouse",),
        ("paste",),
        ("failed_download_ms",),
    ],
)
def test_a_missing_measurement_is_a_failure_not_na(path: tuple[str, ...]) -> None:
    results = copy.deepcopy(MET)
    target: Any = results
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = None
    lines = check_budgets(results)
    assert not any("n/a" in line for line in lines)
    assert any(line.startswith("MISSED") and "not measured" in line for line in lines), lines
    assert exit_code(results) == 1
