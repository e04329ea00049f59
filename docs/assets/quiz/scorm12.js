/*
 * Parting Kit: SCORM 1.2 reporting for the self-assessment's embed view, inside
 * the package `make scorm` builds (scripts/publish/scorm.py adds this script to the
 * package's copy of the embed pages, after embed.js).
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
 * Classic script, loaded with `defer`.
 */
(function () {
  "use strict";

  var MAX_TRIES = 7;

  /** The API object on `win` or one of its ancestors, or null. */
  function findAPI(win) {
    for (var tries = 0; win && tries <= MAX_TRIES; tries++) {
      try {
        if (win.API) return win.API;
      } catch (error) {
        // A window from another origin: its API is off limits, but its parent
        // (always reachable) may be the LMS's own window again.
      }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  var api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  if (!api) return;

  function call(name, args) {
    var value;
    try {
      value = api[name].apply(api, args || [""]);
    } catch (error) {
      console.warn("[parting-kit] SCORM " + name + " threw:", error);
      return "false";
    }
    if (String(value) !== "true" && name !== "LMSGetValue") {
      var code = "";
      try {
        code = api.LMSGetLastError();
      } catch (error) {
        /* keep the empty code */
      }
      console.warn("[parting-kit] SCORM " + name + "(" + (args || []).join(", ") + ") failed, error " + code);
    }
    return String(value);
  }

  if (call("LMSInitialize") !== "true") return;
  var open = true;

  var shares = document.getElementById("pk-embed-shares");
  if (shares) shares.hidden = false;

  // A first visit is "not attempted": mark it started, as LMSs expect.
  var status = call("LMSGetValue", ["cmi.core.lesson_status"]);
  if (status === "not attempted" || status === "") {
    call("LMSSetValue", ["cmi.core.lesson_status", "incomplete"]);
    call("LMSCommit");
  }

  document.addEventListener("parting-kit:result", function (event) {
    if (!open) return;
    var result = event.detail || {};
    var score = Number(result.score);
    var max = Number(result.max_score);
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

  window.addEventListener("pagehide", function () {
    if (!open) return;
    open = false;
    call("LMSFinish");
  });
})();
