/*
 * Parting Kit: entry of the SCORM 1.2 reporting script for the self-assessment's
 * embed view, shipped as assets/quiz/scorm12.js inside the package `make scorm`
 * builds (scripts/publish/scorm.py adds this script to the package's copy of the
 * embed pages, after embed.js).
 *
 * Finds the LMS's API object the standard way (window.parent chain, at most 7
 * levels, then window.opener's chain), starts the session, and for each result
 * (the "parting-kit:result" event embed.js fires) records:
 *
 *   cmi.core.lesson_status = "completed"
 *   cmi.core.score.raw / .min / .max   (the engine's score, 0 and its maximum)
 *
 * then commits. The session ends on `pagehide`. Nothing else goes to the LMS:
 * no answers, no cmi.suspend_data, no cmi.interactions. With no API found the
 * page works as a plain page.
 *
 * Bundled by esbuild into one classic script (IIFE), loaded with `defer`.
 */

import { RESULT_EVENT, revealShares } from "./lib/course.js";
import { warn } from "./lib/text.js";

const MAX_TRIES = 7;

/**
 * The SCORM 1.2 runtime API an LMS puts on one of our ancestor windows.
 * @typedef {Record<string, (...args: string[]) => unknown>} Scorm12API
 */

/**
 * The API object on `win` or one of its ancestors, or null.
 * @param {Window | null} win
 * @returns {Scorm12API | null}
 */
function findAPI(win) {
  for (let tries = 0; win && tries <= MAX_TRIES; tries++) {
    try {
      const api = /** @type {Window & {API?: Scorm12API}} */ (win).API;
      if (api) return api;
    } catch (error) {
      // A window from another origin: its API is off limits, but its parent
      // (always reachable) may be the LMS's own window again.
    }
    if (!win.parent || win.parent === win) return null;
    win = win.parent;
  }
  return null;
}

/** @param {Scorm12API} api */
function report(api) {
  /**
   * @param {string} name
   * @param {string[]} [args]
   */
  function call(name, args) {
    let value;
    try {
      value = api[name].apply(api, args || [""]);
    } catch (error) {
      warn("SCORM " + name + " threw:", error);
      return "false";
    }
    if (String(value) !== "true" && name !== "LMSGetValue") {
      let code = "";
      try {
        code = String(api.LMSGetLastError());
      } catch (error) {
        /* keep the empty code */
      }
      warn("SCORM " + name + "(" + (args || []).join(", ") + ") failed, error " + code);
    }
    return String(value);
  }

  if (call("LMSInitialize") !== "true") return;
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
    call("LMSCommit");
  });

  window.addEventListener("pagehide", () => {
    if (!open) return;
    open = false;
    call("LMSFinish");
  });
}

const api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
if (api) report(api);
