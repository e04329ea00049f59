/*
 * Parting Kit: the self-assessment's embed view (/quiz/embed/, /en/quiz/embed/).
 *
 * The page is made for an <iframe> in a course page. This script:
 *  - follows the reader's light/dark system setting (Material's scheme attribute);
 *  - makes the result's links open the guide in a new tab, so the learner does
 *    not leave the course inside the frame;
 *  - when the embed URL names the course page's origin (`?parent=https://course.example`),
 *    tells that origin, and no other, the frame's height whenever it changes and,
 *    for each result, its verdict and score. Never the answers:
 *
 *      {type: "parting-kit:height", version: 1, height: <CSS pixels>}
 *      {type: "parting-kit:result", version: 1, verdict, score, max_score}
 *
 *    With no valid `parent` nothing is posted at all.
 *  - announces each result inside the page as a "parting-kit:result" DOM event on
 *    `document` (detail: {verdict, score, max_score}) for scorm12.js.
 *
 * The result is read from #quiz-result's data-verdict, data-score and
 * data-max-score, which quiz.js sets; quiz.js itself knows nothing of embedding.
 * Classic script, loaded with `defer`; quiz.js is `async` and may run first,
 * which is fine: everything here waits for a result, a resize or a link.
 */
(function () {
  "use strict";

  var VERSION = 1;
  var VERDICTS = { keep: true, "last-attempt": true, "part-ways": true };
  var output = document.getElementById("quiz-result");
  var article = document.querySelector("article") || document.body;

  // ---- Light or dark, as the system says --------------------------------------
  // Material switches palettes with an attribute its own bundle would set; the
  // embed view does not load that bundle (it is the site's chrome).
  if (window.matchMedia) {
    var dark = window.matchMedia("(prefers-color-scheme: dark)");
    var applyScheme = function () {
      document.body.setAttribute("data-md-color-scheme", dark.matches ? "slate" : "default");
    };
    applyScheme();
    if (dark.addEventListener) dark.addEventListener("change", applyScheme);
  }

  // ---- The course page's origin ------------------------------------------------

  /** The validated origin from ?parent=, or null (then nothing is posted). */
  function parentOrigin() {
    var raw = new URLSearchParams(window.location.search).get("parent");
    if (!raw || window.parent === window) return null;
    var url;
    try {
      url = new URL(raw);
    } catch (error) {
      console.warn("[parting-kit] ?parent= is not a URL; nothing will be posted:", raw);
      return null;
    }
    // Only an origin: a path, query, fragment or credentials mean a mistyped
    // snippet, better refused than guessed.
    var bare = (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol !== "https:" && url.protocol !== "http:") || !bare || url.origin === "null") {
      console.warn("[parting-kit] ?parent= must be an origin like https://course.example; nothing will be posted:", raw);
      return null;
    }
    // Where the browser says who frames us (not every browser does), a mismatch
    // is known now: post nothing rather than messages the browser would drop,
    // and do not tell the reader that a course receives anything.
    var ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length && ancestors[0] !== url.origin) {
      console.warn("[parting-kit] this page is framed by " + ancestors[0] + ", not ?parent= " + url.origin +
                   "; nothing will be posted");
      return null;
    }
    return url.origin;
  }

  var origin = parentOrigin();

  function post(message) {
    // The browser delivers it only if the parent's origin is `origin`.
    if (origin) window.parent.postMessage(message, origin);
  }

  if (origin) {
    var shares = document.getElementById("pk-embed-shares");
    if (shares) shares.hidden = false;
  }

  // ---- Height --------------------------------------------------------------------
  // Measured on the article, not the document: the document is at least as tall
  // as the frame, so it could never tell the parent to shrink it.
  var lastHeight = -1;
  function sendHeight() {
    var box = article.getBoundingClientRect();
    var margin = parseFloat(window.getComputedStyle(article).marginBottom) || 0;
    var height = Math.ceil(box.bottom + window.scrollY + margin);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ type: "parting-kit:height", version: VERSION, height: height });
  }
  if (origin && typeof ResizeObserver === "function") {
    new ResizeObserver(sendHeight).observe(article);
  }

  if (!output) return;

  // ---- Links open in a new tab ----------------------------------------------------
  var hint = document.getElementById("pk-embed-new-tab");
  function markLinks() {
    var anchors = output.querySelectorAll("a[href]:not([data-pk-new-tab])");
    for (var i = 0; i < anchors.length; i++) {
      var a = anchors[i];
      if (a.hasAttribute("download") || a.getAttribute("href").charAt(0) === "#") continue;
      a.setAttribute("data-pk-new-tab", "");
      a.target = "_blank";
      a.rel = "noopener";
      if (hint) a.setAttribute("aria-describedby", hint.id);
    }
  }
  new MutationObserver(markLinks).observe(output, { childList: true, subtree: true });

  // ---- Result ----------------------------------------------------------------------
  function readResult() {
    var verdict = output.getAttribute("data-verdict");
    var score = Number(output.getAttribute("data-score"));
    var maxScore = Number(output.getAttribute("data-max-score"));
    if (!Object.prototype.hasOwnProperty.call(VERDICTS, verdict)) return null;
    if (!isFinite(score) || !isFinite(maxScore) || output.getAttribute("data-score") === null) return null;
    return { verdict: verdict, score: score, max_score: maxScore };
  }

  // One announcement per result: quiz.js removes data-verdict before showing
  // anything else, so a result is the attribute appearing (old value null).
  new MutationObserver(function (records) {
    var appeared = records.some(function (record) {
      return record.oldValue === null;
    });
    if (!appeared) return;
    var result = readResult();
    if (!result) return;
    post({ type: "parting-kit:result", version: VERSION, verdict: result.verdict, score: result.score,
           max_score: result.max_score });
    document.dispatchEvent(new CustomEvent("parting-kit:result", { detail: result }));
  }).observe(output, { attributes: true, attributeFilter: ["data-verdict"], attributeOldValue: true });
})();
