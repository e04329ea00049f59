/*
 * Parting Kit: entry of the self-assessment's embed view script (/quiz/embed/,
 * /en/quiz/embed/), shipped as assets/quiz/embed.js.
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
 *    With no valid `parent` nothing is posted at all. The same heights also go
 *    out in the two conventions platforms listen for by themselves, Canvas's
 *    lti.frameResize and H5P's resizer protocol (lib/frame-resize.js), to the
 *    same origin only.
 *  - announces each result inside the page as a "parting-kit:result" DOM event on
 *    `document` (detail: {verdict, score, max_score}) for scorm12.js.
 *
 * The result is read from #quiz-result's data-verdict, data-score and
 * data-max-score, which quiz.js sets; quiz.js itself knows nothing of embedding.
 * Bundled by esbuild into one classic script (IIFE), loaded with `defer`;
 * quiz.js is `async` and may run first, which is fine: everything here waits
 * for a result, a resize or a link.
 */

import { RESULT_EVENT, revealShares } from "./lib/course.js";
import { readQuizData } from "./lib/page.js";
import { resizeConventions } from "./lib/frame-resize.js";
import { warn } from "./lib/text.js";

const VERSION = 1;
// The verdicts a result can carry are the definition's (#quiz-data), not a list of our own.
const VERDICTS = new Set(Object.keys(readQuizData()?.definition?.verdicts || {}));
const output = document.getElementById("quiz-result");
const article = document.querySelector("article") || document.body;

// ---- Light or dark, as the system says --------------------------------------
// Material switches palettes with an attribute its own bundle would set; the
// embed view does not load that bundle (it is the site's chrome).
if (window.matchMedia) {
  const dark = window.matchMedia("(prefers-color-scheme: dark)");
  const applyScheme = () => {
    document.body.setAttribute("data-md-color-scheme", dark.matches ? "slate" : "default");
  };
  applyScheme();
  if (dark.addEventListener) dark.addEventListener("change", applyScheme);
}

// ---- The course page's origin ------------------------------------------------

/**
 * The validated origin from ?parent=, or null (then nothing is posted).
 * @returns {string | null}
 */
function parentOrigin() {
  const raw = new URLSearchParams(window.location.search).get("parent");
  if (!raw || window.parent === window) return null;
  let url;
  try {
    url = new URL(raw);
  } catch (error) {
    warn("?parent= is not a URL; nothing will be posted:", raw);
    return null;
  }
  // Only an origin: a path, query, fragment or credentials mean a mistyped
  // snippet, better refused than guessed.
  const bare = (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !bare || url.origin === "null") {
    warn("?parent= must be an origin like https://course.example; nothing will be posted:", raw);
    return null;
  }
  // Where the browser says who frames us (not every browser does), a mismatch
  // is known now: post nothing rather than messages the browser would drop,
  // and do not tell the reader that a course receives anything.
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length && ancestors[0] !== url.origin) {
    warn("this page is framed by " + ancestors[0] + ", not ?parent= " + url.origin + "; nothing will be posted");
    return null;
  }
  return url.origin;
}

const origin = parentOrigin();

/** @param {import("./lib/types.js").CourseMessage} message */
function post(message) {
  // The browser delivers it only if the parent's origin is `origin`.
  if (origin) window.parent.postMessage(message, origin);
}

if (origin) revealShares();
const platforms = origin ? resizeConventions(origin, post) : null;

// ---- Height --------------------------------------------------------------------
// Measured on the article, not the document: the document is at least as tall
// as the frame, so it could never tell the parent to shrink it.
let lastHeight = -1;
function sendHeight() {
  const box = article.getBoundingClientRect();
  const margin = parseFloat(window.getComputedStyle(article).marginBottom) || 0;
  const height = Math.ceil(box.bottom + window.scrollY + margin);
  if (height === lastHeight) return;
  lastHeight = height;
  post({ type: "parting-kit:height", version: VERSION, height });
  if (platforms) platforms(height);
}
if (origin && typeof ResizeObserver === "function") {
  new ResizeObserver(sendHeight).observe(article);
}

if (output) watchResult(output);

/**
 * Open the result's links in a new tab, and announce each new result.
 * @param {HTMLElement} output
 */
function watchResult(output) {
  // ---- Links open in a new tab ----------------------------------------------------
  const hint = document.getElementById("pk-embed-new-tab");
  function markLinks() {
    for (const a of output.querySelectorAll("a[href]:not([data-pk-new-tab])")) {
      if (a.hasAttribute("download") || (a.getAttribute("href") || "").charAt(0) === "#") continue;
      a.setAttribute("data-pk-new-tab", "");
      /** @type {HTMLAnchorElement} */ (a).target = "_blank";
      /** @type {HTMLAnchorElement} */ (a).rel = "noopener";
      if (hint) a.setAttribute("aria-describedby", hint.id);
    }
  }
  new MutationObserver(markLinks).observe(output, { childList: true, subtree: true });

  // ---- Result ----------------------------------------------------------------------
  /** @returns {import("./lib/types.js").CourseResult | null} */
  function readResult() {
    const verdict = output.getAttribute("data-verdict");
    const score = Number(output.getAttribute("data-score"));
    const maxScore = Number(output.getAttribute("data-max-score"));
    if (verdict === null || !VERDICTS.has(verdict)) return null;
    if (!isFinite(score) || !isFinite(maxScore) || output.getAttribute("data-score") === null) return null;
    return { verdict, score, max_score: maxScore };
  }

  // One announcement per result: quiz.js removes data-verdict before showing
  // anything else, so a result is the attribute appearing (old value null).
  new MutationObserver((records) => {
    if (!records.some((record) => record.oldValue === null)) return;
    const result = readResult();
    if (!result) return;
    post({ type: "parting-kit:result", version: VERSION, verdict: result.verdict, score: result.score,
           max_score: result.max_score });
    document.dispatchEvent(new CustomEvent(RESULT_EVENT, { detail: result }));
  }).observe(output, { attributes: true, attributeFilter: ["data-verdict"], attributeOldValue: true });
}
