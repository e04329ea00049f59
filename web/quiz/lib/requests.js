/*
 * Parting Kit: the requests the page may send into Python, by name. The list is
 * Python's (quiz.api.REQUESTS, from quiz/api_types.py RequestType); this copy is
 * checked against it by tests/quiz/test_api.py, which imports both. "start" is
 * the worker's own, once per page; the page's modules send the others through
 * lib/engine.js, each with only its own data.
 */

/** @typedef {import("./types.js").RequestType} RequestType */

/** @type {readonly RequestType[]} */
export const REQUESTS = Object.freeze([
  "start",
  "assess",
  "draft",
  "check",
  "take_away",
  "markdown",
  "save_answers",
  "open_answers",
  "compare_answers",
]);
