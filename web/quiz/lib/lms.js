/*
 * Parting Kit: finding the LMS's SCORM runtime API from a SCO (scorm12.js,
 * scorm2004.js), and calling it so that a failing call is logged, never thrown.
 */

import { warn } from "./text.js";

/**
 * A SCORM runtime API object: methods taking and returning strings.
 * @typedef {Record<string, (...args: string[]) => unknown>} ScormAPI
 */

/**
 * The API object called `name` on `win` or one of its ancestors, then on the
 * opener's chain (the standard discovery: the LMS puts it on a window above the SCO).
 * @param {string} name "API" (SCORM 1.2) or "API_1484_11" (SCORM 2004)
 * @param {number} maxTries how many ancestors to climb
 * @returns {ScormAPI | null}
 */
export function findAPI(name, maxTries) {
  /** @param {Window | null} win */
  function climb(win) {
    for (let tries = 0; win && tries <= maxTries; tries++) {
      try {
        const api = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (win))[name];
        if (api) return /** @type {ScormAPI} */ (api);
      } catch (error) {
        // A window from another origin: its API is off limits, but its parent
        // (always reachable) may be the LMS's own window again.
      }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }
  return climb(window) || (window.opener ? climb(window.opener) : null);
}

/**
 * A caller for `api`: `call(method, args)` returns the method's answer as a
 * string ("false" when it threw) and logs a call that did not return "true"
 * (getters excepted) with the LMS's error code.
 * @param {ScormAPI} api
 * @param {string} getter the getter's name ("LMSGetValue" or "GetValue"), whose answers are values
 * @param {string} lastError the error method's name ("LMSGetLastError" or "GetLastError")
 * @returns {(name: string, args?: string[]) => string}
 */
export function caller(api, getter, lastError) {
  return (name, args) => {
    let value;
    try {
      value = api[name].apply(api, args || [""]);
    } catch (error) {
      warn("SCORM " + name + " threw:", error);
      return "false";
    }
    if (String(value) !== "true" && name !== getter) {
      let code = "";
      try {
        code = String(api[lastError]());
      } catch (error) {
        /* keep the empty code */
      }
      warn("SCORM " + name + "(" + (args || []).join(", ") + ") failed, error " + code);
    }
    return String(value);
  };
}

/**
 * A clock started now: the milliseconds since, for the session time a SCO reports.
 * @returns {() => number}
 */
export function sessionClock() {
  const start = performance.now();
  return () => Math.max(0, performance.now() - start);
}

/** Hours, minutes, seconds and hundredths of `ms`, rounded to the hundredth. */
function clockParts(/** @type {number} */ ms) {
  const hundredths = Math.round(Math.max(0, Number(ms) || 0) / 10);
  return {
    hours: Math.floor(hundredths / 360000),
    minutes: Math.floor(hundredths / 6000) % 60,
    seconds: Math.floor(hundredths / 100) % 60,
    hundredths: hundredths % 100,
  };
}

/**
 * `ms` as SCORM 1.2's CMITimespan, HHHH:MM:SS.SS (two to four digits of hours;
 * longer than 9999 hours is written as the most it can say).
 * @param {number} ms
 * @returns {string}
 */
export function timespan12(ms) {
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  const { hours, minutes, seconds, hundredths } = clockParts(ms);
  if (hours > 9999) return "9999:59:59.99";
  return `${two(hours)}:${two(minutes)}:${two(seconds)}.${two(hundredths)}`;
}

/**
 * `ms` as SCORM 2004's timeinterval, an ISO 8601 duration: PT<h>H<m>M<s>S, the
 * seconds to the hundredth (the most the standard keeps).
 * @param {number} ms
 * @returns {string}
 */
export function duration2004(ms) {
  const { hours, minutes, seconds, hundredths } = clockParts(ms);
  const fraction = hundredths ? "." + String(hundredths).padStart(2, "0").replace(/0$/, "") : "";
  return `PT${hours}H${minutes}M${seconds}${fraction}S`;
}
