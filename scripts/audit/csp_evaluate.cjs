// Google's CSP Evaluator (npm csp_evaluator, pinned) on a set of policies, for
// scripts/audit/cspeval.py. Reads {"label": "policy text", ...} as JSON on stdin
// and writes {"label": {"default": [finding...], "strict": [finding...]}} on
// stdout: "default" are the evaluator's default checks (what it reports for a
// policy), "strict" its extra strict-CSP advice, run separately so Python can
// tell them apart. A finding is {severity, type, directive, value, description}
// with the evaluator's numeric severity (lower is more severe).
"use strict";

const { CspEvaluator, DEFAULT_CHECKS, STRICTCSP_CHECKS } = require("csp_evaluator/dist/evaluator.js");
const { CspParser } = require("csp_evaluator/dist/parser.js");

function plain(finding) {
  return {
    severity: finding.severity,
    type: finding.type,
    directive: finding.directive,
    value: finding.value === undefined ? null : finding.value,
    description: finding.description,
  };
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const out = {};
  for (const [label, policy] of Object.entries(JSON.parse(input))) {
    const csp = new CspParser(policy).csp;
    out[label] = {
      default: new CspEvaluator(csp).evaluate(undefined, DEFAULT_CHECKS).map(plain),
      strict: new CspEvaluator(csp).evaluate(undefined, STRICTCSP_CHECKS).map(plain),
    };
  }
  process.stdout.write(JSON.stringify(out));
});
