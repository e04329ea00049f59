/*
 * Parting Kit: entry of the SCORM 1.2 reporting script for the self-assessment's
 * embed view, shipped as assets/quiz/scorm12.js inside the package `make scorm`
 * builds (scripts/products/scorm.py adds this script to the package's copy of the
 * embed pages, after embed.js).
 *
 * Finds the LMS's API object the standard way (window.parent chain, at most 7
 * levels, then window.opener's chain), starts the session, and for each result
 * (the "parting-kit:result" event embed.js fires) records:
 *
 *   cmi.core.lesson_status = "completed"
 *   cmi.core.score.raw / .min / .max   (the engine's score, 0 and its maximum)
 *   cmi.core.session_time              (since the session started, HHHH:MM:SS.SS)
 *
 * then commits. The session ends on `pagehide`, with the session time. Nothing
 * else goes to the LMS: no answers, no cmi.suspend_data, no cmi.interactions.
 * With no API found the page works as a plain page; with an API that refuses
 * the session (error 101 after a reload inside the LMS's player, whose session
 * this page already finished) it does too, and tells the learner that the result
 * will not reach the course.
 *
 * Bundled by esbuild into one classic script (IIFE), loaded with `defer`.
 */

import { RESULT_EVENT, revealNotRecorded, revealShares } from "./lib/course.js";
import { caller, findAPI, sessionClock, timespan12 } from "./lib/lms.js";

// SCORM 1.2's discovery: the LMS's window is at most a few frames up.
const MAX_TRIES = 7;

const api = findAPI("API", MAX_TRIES);
if (api) report(api);

/** @param {import("./lib/lms.js").ScormAPI} api */
function report(api) {
  const call = caller(api, "LMSGetValue", "LMSGetLastError");
  if (call("LMSInitialize") !== "true") {
    // Nothing this page does can reach the LMS now (the error is logged by call()).
    revealNotRecorded();
    return;
  }
  const elapsed = sessionClock();
  let open = true;
  revealShares();

  // A first visit is "not attempted": mark it started, as LMSs expect.
  const status = call("LMSGetValue", ["cmi.core.lesson_status"]);
  if (status === "not attempted" || status === "") {
    call("LMSSetValue", ["cmi.core.lesson_status", "incomplete"]);
    call("LMSCommit");
  }

  document.addEventListener(RESULT_EVENT, (event) => {
    if (!open) return;
    const result = /** @type {CustomEvent<import("./lib/types.js").CourseResult>} */ (event).detail || {};
    let score = Number(result.score);
    let max = Number(result.max_score);
    if (!isFinite(score) || !isFinite(max) || max <= 0) return;
    // SCORM 1.2 scores are numbers from 0 to 100: a larger scale becomes a percentage.
    if (max > 100) {
      score = Math.round((score * 100) / max);
      max = 100;
    }
    call("LMSSetValue", ["cmi.core.score.min", "0"]);
    call("LMSSetValue", ["cmi.core.score.max", String(max)]);
    call("LMSSetValue", ["cmi.core.score.raw", String(score)]);
    call("LMSSetValue", ["cmi.core.lesson_status", "completed"]);
    call("LMSSetValue", ["cmi.core.session_time", timespan12(elapsed())]);
    call("LMSCommit");
  });

  window.addEventListener("pagehide", () => {
    if (!open) return;
    open = false;
    call("LMSSetValue", ["cmi.core.session_time", timespan12(elapsed())]);
    call("LMSFinish");
  });
}
