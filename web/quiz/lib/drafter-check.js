/*
 * Parting Kit: the drafter's "you" check. The message as edited goes to
 * quiz.you_check.check() in the worker; its matches (UTF-16 offsets, as
 * JavaScript counts) come back and are shown as a count (announced when it
 * changes), a list saying where each one is (line and word: what a screen reader
 * hears) and, for the eye only, a mirror of the text with each match in a <mark>,
 * built from text nodes only (hidden from assistive technology: the letter is
 * already read out in its textarea).
 */

import { el, empty } from "./dom.js";
import { format, warn } from "./text.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./types.js").YouCheck} YouCheck */
/** @typedef {import("./engine.js").Engine} Engine */
/** @typedef {import("./drafter.js").Draft} Draft */

/**
 * Check the text as it is now; an older check's answer is dropped.
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {Draft} d
 * @param {() => boolean} current  false once this draft is gone
 */
export function requestCheck(page, engine, d, current) {
  d.checkSeq += 1;
  const seq = d.checkSeq;
  const text = d.text.value;
  engine.call("check", { text }, (answer) => {
    if (!current() || seq !== d.checkSeq) return;
    if (answer.error) {
      warn("the text could not be checked:", answer.error);
      return;
    }
    showCheck(page, d, answer, text);
  });
}

/**
 * The count and the mirror of `text` with each match in a <mark>; all as text nodes.
 * @param {QuizPage} page
 * @param {Draft} d
 * @param {YouCheck | undefined} you
 * @param {string} text
 */
export function showCheck(page, d, you, text) {
  const matches = you && Array.isArray(you.matches) ? you.matches : [];
  const count = you && typeof you.count === "number" ? you.count : matches.length;
  // Python returns the first matches only (a pasted 100,000-character letter could
  // hold 10,000, and so many <mark>s would freeze the page); the count is exact.
  let label = format(page.t("draft_you_count"), { count });
  if (count > matches.length) {
    label += " " + format(page.data.phrases.texts.marks_capped, { shown: matches.length, count });
  }
  // Announced only when it changes, not on every keystroke.
  if (d.count.textContent !== label) {
    d.count.setAttribute("data-count", String(count));
    d.count.textContent = label;
  }
  d.section.setAttribute("data-you", String(count));
  // How many checks are shown so far: a signal that this text has been checked.
  d.section.setAttribute("data-checks", String(Number(d.section.getAttribute("data-checks") || 0) + 1));
  if (you && you.section && !d.advice.firstChild) {
    d.advice.appendChild(page.link(page.t("draft_you_link"), you.section));
  }
  empty(d.where);
  for (const match of matches) {
    if (typeof match.line !== "number" || typeof match.word !== "string") continue;
    d.where.appendChild(el("li", null, format(page.t("draft_you_where"), { line: match.line, word: match.word })));
  }
  d.where.hidden = !d.where.firstChild;
  empty(d.mirror);
  let at = 0;
  for (const { start16: start, end16: end } of matches) {
    if (typeof start !== "number" || typeof end !== "number" || start < at || end <= start || end > text.length) {
      continue;
    }
    if (start > at) d.mirror.appendChild(document.createTextNode(text.slice(at, start)));
    d.mirror.appendChild(el("mark", "pk-draft__mark", text.slice(start, end)));
    at = end;
  }
  if (at < text.length) d.mirror.appendChild(document.createTextNode(text.slice(at)));
}
