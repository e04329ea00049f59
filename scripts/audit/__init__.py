"""The web field's own auditors, run over the built site (issue 15).

- `vnu.py`: the Nu HTML Checker (the jar of the npm package vnu-jar, pinned, on
  a Java runtime) over every built page; errors that are Material's or the
  checker's own are listed, each with its reason, in `allowlist.toml`.
- `lighthouse.py`: Lighthouse (npm, pinned) in the system Chromium, mobile
  profile; `performance()` is the call the benchmark makes for the timed score.
- `cspeval.py` (+ `csp_evaluate.cjs`): Google's CSP Evaluator (npm, pinned) on
  every policy the site ships: each page's <meta> and the deploy header forms.
- `__main__.py`: `make audit` — build, serve, run all three, print a short table
  and write audit/results.json.

The deterministic parts run in `make test` (tests/audit/); the performance score
is a timing and belongs to `make bench`.
"""
