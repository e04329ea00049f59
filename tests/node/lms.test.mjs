// The session time the SCORM packages report (web/quiz/lib/lms.js): each edition's
// format, as its standard writes it, accepted by scorm-again (the LMS-side runtime
// the browser tests use) with error 0, from a split second to beyond what SCORM 1.2
// can say. lms.js is bundled by esbuild as the build bundles it into scorm12.js and
// scorm2004.js, then imported from the bundle's text.
//
// Run: `node --test tests/node` (tests/test_node_engine.py does, under `make test`).

import { test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Scorm12API, Scorm2004API } from "scorm-again";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const bundled = await build({
  entryPoints: [join(ROOT, "web", "quiz", "lib", "lms.js")],
  bundle: true,
  format: "esm",
  write: false,
  logLevel: "silent",
});
const { duration2004, timespan12 } = await import(
  "data:text/javascript;base64," + Buffer.from(bundled.outputFiles[0].text).toString("base64")
);

// SCORM 1.2 RTE 3.4.2 CMITimespan; SCORM 2004 RTE 4.2 timeinterval (ISO 8601, to 0.01 s).
const CMI_TIMESPAN = /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const TIMEINTERVAL = /^PT\d+H[0-5]?\dM[0-5]?\d(\.\d{1,2})?S$/;

const HOUR = 3_600_000;
const CASES = [
  // [milliseconds, SCORM 1.2, SCORM 2004]
  [0, "00:00:00.00", "PT0H0M0S"],
  [4, "00:00:00.00", "PT0H0M0S"],
  [5, "00:00:00.01", "PT0H0M0.01S"],
  [1234, "00:00:01.23", "PT0H0M1.23S"],
  [61_500, "00:01:01.50", "PT0H1M1.5S"],
  [59_996, "00:01:00.00", "PT0H1M0S"], // rounds up across the minute
  [HOUR - 1, "01:00:00.00", "PT1H0M0S"],
  [25 * HOUR + 62_070, "25:01:02.07", "PT25H1M2.07S"],
  [123 * HOUR, "123:00:00.00", "PT123H0M0S"],
  [9999 * HOUR + 3_599_990, "9999:59:59.99", "PT9999H59M59.99S"],
  [12_000 * HOUR, "9999:59:59.99", "PT12000H0M0S"], // 1.2 says no more than 9999 hours
  [-5, "00:00:00.00", "PT0H0M0S"],
  [NaN, "00:00:00.00", "PT0H0M0S"],
];

for (const [ms, twelve, twentyFour] of CASES) {
  test(`${ms} ms is ${twelve} (1.2) and ${twentyFour} (2004), and scorm-again takes both`, () => {
    assert.equal(timespan12(ms), twelve);
    assert.equal(duration2004(ms), twentyFour);
    assert.match(twelve, CMI_TIMESPAN);
    assert.match(twentyFour, TIMEINTERVAL);

    const lms12 = new Scorm12API({ logLevel: 5 });
    assert.equal(lms12.LMSInitialize(""), "true");
    assert.equal(lms12.LMSSetValue("cmi.core.session_time", twelve), "true");
    assert.equal(lms12.LMSGetLastError(), "0");

    const lms2004 = new Scorm2004API({ logLevel: 5 });
    assert.equal(lms2004.Initialize(""), "true");
    assert.equal(lms2004.SetValue("cmi.session_time", twentyFour), "true");
    assert.equal(lms2004.GetLastError(), "0");
  });
}

test("the formats are checked for real: scorm-again refuses a malformed time", () => {
  const lms12 = new Scorm12API({ logLevel: 5 });
  lms12.LMSInitialize("");
  assert.equal(lms12.LMSSetValue("cmi.core.session_time", "0:0:1.234"), "false");
  const lms2004 = new Scorm2004API({ logLevel: 5 });
  lms2004.Initialize("");
  assert.equal(lms2004.SetValue("cmi.session_time", "PT1.234S"), "false");
});
