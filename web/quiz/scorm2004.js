/*
 * Parting Kit: entry of the SCORM 2004 (4th Edition) reporting script for the
 * self-assessment's embed view, shipped as assets/quiz/scorm2004.js inside
 * dist/parting-kit-scorm2004.zip (scripts/products/scorm.py adds this script to
 * the package's copy of the embed pages, after embed.js).
 *
 * Finds the LMS's API_1484_11 object the standard way (window.parent chain, then
 * window.opener's chain), starts the session, and for each result (the
 * "parting-kit:result" event embed.js fires) records:
 *
 *   cmi.completion_status = "completed"
 *   cmi.success_status    = "unknown"   (a self-assessment has no pass mark)
 *   cmi.score.raw / .min / .max         (the engine's score, 0 and its maximum)
 *   cmi.score.scaled                    (raw / max, 0..1)
 *   cmi.exit              = "normal"    (nothing to resume: no suspend data)
 *   cmi.session_time                    (since the session started, as PT<h>H<m>M<s>S)
 *
 * then commits. The session ends on `pagehide` (cmi.exit "normal", the session
 * time, Terminate). Nothing else goes to the LMS: no answers, no cmi.suspend_data,
 * no cmi.interactions, no objectives. With no API found the page works as a plain
 * page; with an API that refuses the session (error 104 after a reload inside the
 * LMS's player, whose session this page already terminated) it does too, and tells
 * the learner that the result will not reach the course.
 *
 * Bundled by esbuild into one classic script (IIFE), loaded with `defer`.
 */

import { RESULT_EVENT, revealNotRecorded, revealShares } from "./lib/course.js";
import { caller, duration2004, findAPI, sessionClock } from "./lib/lms.js";

// SCORM 2004's discovery climbs further than 1.2's: LMS frame sets can be deep.
const MAX_TRIES = 500;

const api = findAPI("API_1484_11", MAX_TRIES);
if (api) report(api);

/** @param {import("./lib/lms.js").ScormAPI} api */
function report(api) {
  const call = caller(api, "GetValue", "GetLastError");
  if (call("Initialize") !== "true") {
    // Nothing this page does can reach the LMS now (the error is logged by call()).
    revealNotRecorded();
    return;
  }
  const elapsed = sessionClock();
  let open = true;
  revealShares();

  // A first launch is "not attempted" (or "unknown"): mark it started.
  const status = call("GetValue", ["cmi.completion_status"]);
  if (status === "not attempted" || status === "unknown" || status === "") {
    call("SetValue", ["cmi.completion_status", "incomplete"]);
    call("Commit");
  }

  document.addEventListener(RESULT_EVENT, (event) => {
    if (!open) return;
    const result = /** @type {CustomEvent<import("./lib/types.js").CourseResult>} */ (event).detail || {};
    const score = Number(result.score);
    const max = Number(result.max_score);
    if (!isFinite(score) || !isFinite(max) || max <= 0 || score < 0 || score > max) return;
    // At most 7 significant digits, which every LMS stores as a real.
    const scaled = Math.round((score / max) * 1e4) / 1e4;
    call("SetValue", ["cmi.score.min", "0"]);
    call("SetValue", ["cmi.score.max", String(max)]);
    call("SetValue", ["cmi.score.raw", String(score)]);
    call("SetValue", ["cmi.score.scaled", String(scaled)]);
    call("SetValue", ["cmi.completion_status", "completed"]);
    call("SetValue", ["cmi.success_status", "unknown"]);
    call("SetValue", ["cmi.exit", "normal"]);
    call("SetValue", ["cmi.session_time", duration2004(elapsed())]);
    call("Commit");
  });

  window.addEventListener("pagehide", () => {
    if (!open) return;
    open = false;
    call("SetValue", ["cmi.exit", "normal"]);
    call("SetValue", ["cmi.session_time", duration2004(elapsed())]);
    call("Terminate");
  });
}
