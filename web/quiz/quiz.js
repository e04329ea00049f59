/*
 * Parting Kit: entry of the self-assessment page's script (/quiz/, /en/quiz/),
 * shipped as assets/quiz/quiz.js.
 *
 * Reads the page's #quiz-data, starts the engine worker at once (the runtime
 * downloads while the reader reads the questions), and wires the form, the
 * result and the drafter together. Each concern is a module of lib/:
 *
 *   page.js      the page's elements, #quiz-data, strings (t) and section links
 *   engine.js    the engine client: worker start, progress, calls into Python
 *   form.js      answers in: submit and reset
 *   result.js    the result out: verdict, plan, errors, unanswered questions
 *   drafter*.js  the draft message, its wording picker and its "you" check
 *   downloads.js copy, .txt and .md downloads, print
 *
 * No scoring, drafting or checking happens here: weights, rules and texts all
 * come from the Python engine (quiz/) and the page's data. Everything the reader
 * types is handled as text (textContent, never markup). Nothing is stored: no
 * cookies, no storage, no change to the URL.
 *
 * Bundled by esbuild into one classic script (IIFE), loaded `async`: the markup
 * it touches is above its tag, so it is already parsed.
 */

import { createDrafter } from "./lib/drafter.js";
import { createEngine } from "./lib/engine.js";
import { wireForm } from "./lib/form.js";
import { readPage } from "./lib/page.js";
import { createResult } from "./lib/result.js";
import { createSaved } from "./lib/saved.js";

const page = readPage();
if (page) {
  const engine = createEngine(page);
  const result = createResult(page, createDrafter(page, engine));
  // Opening saved answers changes the form: the result shown is no longer theirs.
  const saved = createSaved(page, engine, () => result.reset());
  wireForm(page, engine, result, saved);
  engine.start();
}
