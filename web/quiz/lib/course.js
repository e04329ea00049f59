/*
 * Parting Kit: what embed.js (the iframe view) and scorm12.js / scorm2004.js
 * (the SCORM packages) share: the in-page event that announces a result, and the note
 * telling the reader that their course receives the verdict and score.
 */

/**
 * The DOM event embed.js fires on `document` for each result; its detail is
 * {verdict, score, max_score}, never the answers.
 */
export const RESULT_EVENT = "parting-kit:result";

/** Show the "your course receives the verdict and score" note (#pk-embed-shares). */
export function revealShares() {
  const shares = document.getElementById("pk-embed-shares");
  if (shares) shares.hidden = false;
}
