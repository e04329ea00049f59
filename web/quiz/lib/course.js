/*
 * Parting Kit: what embed.js (the iframe view) and scorm12.js / scorm2004.js
 * (the SCORM packages) share: the in-page event that announces a result, the note
 * telling the reader what their course receives, and the message a SCORM package
 * shows when the LMS will not record its result.
 */

import { readQuizData } from "./page.js";

/**
 * The DOM event embed.js fires on `document` for each result; its detail is
 * {verdict, score, max_score}, never the answers.
 */
export const RESULT_EVENT = "parting-kit:result";

/** Show the note on what the course receives (#pk-embed-shares). */
export function revealShares() {
  const shares = document.getElementById("pk-embed-shares");
  if (shares) shares.hidden = false;
}

/**
 * Tell the learner, above the assessment, that this result will not reach the
 * course and how to reopen the activity so that one does ([ui] course_not_recorded):
 * an alert, so that it is announced as well as shown. The page goes on working.
 */
export function revealNotRecorded() {
  const data = readQuizData();
  const ui = /** @type {Record<string, unknown>} */ ((data && (data.ui || data.definition?.ui)) || {});
  const text = ui.course_not_recorded;
  const quiz = document.querySelector(".pk-quiz");
  if (typeof text !== "string" || !text || !quiz || !quiz.parentNode || document.getElementById("pk-embed-unrecorded")) {
    return;
  }
  const note = document.createElement("p");
  note.id = "pk-embed-unrecorded";
  note.className = "pk-embed__unrecorded";
  note.setAttribute("role", "alert");
  note.textContent = text;
  quiz.parentNode.insertBefore(note, quiz);
}
