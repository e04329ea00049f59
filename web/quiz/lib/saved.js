/*
 * Parting Kit: saved answers, for a reassessment with nothing stored. The reader
 * can save the answers behind a result as a small file (made on the device, only
 * when asked: button[data-action=save-answers] in the result) and, next time, open
 * it (input[type=file][data-action=open-answers] under the form): the answers go
 * back into the form, and each new result then shows what changed since (#quiz-change).
 *
 * Python decides everything: the file's contents and name (quiz.api.save_answers),
 * whether a file is acceptable and the reader's message when it is not
 * (quiz.api.open_answers), and what changed (quiz.api.compare_answers). This module
 * only moves text between the file, the form and the engine. The opened answers
 * live in this module's memory until the form is reset or the page goes; nothing
 * is written to storage, cookies or the URL, and nothing is sent anywhere.
 */

import { saveFile } from "./downloads.js";
import { el, empty } from "./dom.js";
import { warn } from "./text.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./engine.js").Engine} Engine */

/**
 * Answers opened from a file, as quiz.api.open_answers returned them.
 * @typedef {object} SavedAnswers
 * @property {Record<string, string>} answers  question id -> option id
 * @property {string} saved_on  the day they were saved, YYYY-MM-DD
 */

/**
 * @typedef {object} Saved
 * @property {(answers: Record<string, string>, callback: (change: object | null) => void) => void} compare
 *   What changed since the opened file (quiz.api.compare_answers), or null when no file is open.
 * @property {(answers: Record<string, string>) => HTMLElement} saveControls
 *   The "save my answers" button and its notice, for the answers behind the result just shown.
 * @property {(change: any) => HTMLElement} changeSection  #quiz-change for compare()'s answer.
 * @property {() => void} forget  Forget the opened file (the form was reset).
 */

/** Today on the reader's calendar, YYYY-MM-DD (the file says when it was saved). */
function today() {
  const now = new Date();
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/**
 * Build the "open saved answers" panel after the form and return the module's hooks.
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {() => void} onOpened  called once a file's answers are in the form (the old result is stale)
 * @returns {Saved}
 */
export function createSaved(page, engine, onOpened) {
  const { form, t, link } = page;
  const limits = /** @type {{max_bytes?: number}} */ ((/** @type {any} */ (page.data)).saved || {});
  // Python refuses a file over its limit; reading one byte more lets it see that.
  const readBytes = (Number(limits.max_bytes) > 0 ? Number(limits.max_bytes) : 16384) + 1;
  /** @type {SavedAnswers | null} */
  let opened = null;
  let opening = 0; // the latest file chosen; an older one's answer is dropped

  // ---- Open: a section right after the form ----------------------------------
  const panel = el("section", "pk-saved");
  panel.id = "quiz-saved";
  panel.setAttribute("aria-labelledby", "quiz-saved-title");
  const heading = el("h2", "pk-saved__title", t("saved_heading"));
  heading.id = "quiz-saved-title";
  panel.appendChild(heading);
  const hint = el("p", "pk-saved__hint", t("saved_hint"));
  hint.id = "quiz-saved-hint";
  panel.appendChild(hint);
  const field = el("p", "pk-saved__field");
  const label = el("label", null, t("saved_open"));
  label.htmlFor = "quiz-saved-file";
  const input = /** @type {HTMLInputElement} */ (el("input", "pk-saved__file"));
  input.type = "file";
  input.id = "quiz-saved-file";
  input.accept = ".json,application/json";
  input.setAttribute("data-action", "open-answers");
  input.setAttribute("aria-describedby", "quiz-saved-hint");
  field.appendChild(label);
  field.appendChild(input);
  panel.appendChild(field);
  // What happened to the last file: a polite status when it opened, an alert when refused.
  const status = el("p", "pk-saved__status");
  status.id = "quiz-saved-status";
  status.setAttribute("role", "status");
  panel.appendChild(status);
  const problem = el("p", "pk-saved__error");
  problem.id = "quiz-saved-error";
  problem.setAttribute("role", "alert");
  panel.appendChild(problem);
  form.insertAdjacentElement("afterend", panel);

  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    if (!file) return;
    opening += 1;
    const mine = opening;
    status.textContent = "";
    problem.textContent = "";
    file.slice(0, readBytes).text().then(
      (text) => {
        engine.call("open_answers", { text, size: file.size }, (answer) => {
          if (mine === opening) opened_(answer);
        });
      },
      (error) => {
        warn("the file could not be read:", error);
        if (mine === opening) problem.textContent = t("saved_not_json") + " " + t("saved_form_unchanged");
      },
    );
    // The same file may be chosen again (e.g. after a reset).
    input.value = "";
  });

  /** @param {any} answer quiz.api.open_answers's answer */
  function opened_(answer) {
    if (!answer || answer.error || !answer.answers) {
      const error = (answer && answer.error) || {};
      warn("the saved answers were refused:", error.detail || error.message);
      problem.textContent = error.kind === "engine" ? t("engine_failed") : String(error.message || "");
      return;
    }
    fill(answer.answers);
    opened = { answers: answer.answers, saved_on: answer.saved_on };
    status.textContent = String(answer.message || "");
    onOpened();
  }

  /** Check exactly the file's options; Python has checked every id against the definition. */
  function fill(/** @type {Record<string, string>} */ answers) {
    for (const set of form.querySelectorAll("fieldset[data-question]")) {
      const id = set.getAttribute("data-question") || "";
      for (const radio of /** @type {NodeListOf<HTMLInputElement>} */ (set.querySelectorAll("input[type=radio]"))) {
        radio.checked = Object.prototype.hasOwnProperty.call(answers, id) && radio.value === answers[id];
      }
    }
  }

  // ---- Compare ------------------------------------------------------------------
  /** @type {Saved["compare"]} */
  function compare(answers, callback) {
    if (!opened) {
      callback(null);
      return;
    }
    engine.call("compare_answers", { saved: opened, answers }, (change) => {
      if (!change || change.error) {
        warn("no comparison with the saved answers:", change && change.error);
        callback(null);
      } else {
        callback(change);
      }
    });
  }

  /** @type {Saved["changeSection"]} */
  function changeSection(change) {
    const section = el("section", "pk-change");
    section.id = "quiz-change";
    section.setAttribute("aria-labelledby", "quiz-change-title");
    const title = el("h3", "pk-change__title", change.heading);
    title.id = "quiz-change-title";
    section.appendChild(title);
    section.appendChild(el("p", "pk-change__intro", change.intro));
    const facts = el("p", "pk-change__score", change.score && change.score.text);
    facts.setAttribute("data-then", String(change.score && change.score.then));
    facts.setAttribute("data-now", String(change.score && change.score.now));
    section.appendChild(facts);
    section.appendChild(el("p", "pk-change__verdict", change.verdict && change.verdict.text));
    for (const group of Array.isArray(change.groups) ? change.groups : []) {
      section.appendChild(el("h4", "pk-change__group", group.heading));
      const list = el("ul", "pk-change__signs");
      list.setAttribute("data-group", String(group.id));
      for (const sign of Array.isArray(group.signs) ? group.signs : []) {
        const item = el("li", "pk-change__sign");
        item.setAttribute("data-sign", String(sign.id));
        item.appendChild(link(sign.title || sign.text, sign.section));
        item.appendChild(document.createTextNode(" — "));
        item.appendChild(el("span", "pk-change__answers", sign.change));
        list.appendChild(item);
      }
      section.appendChild(list);
    }
    if (change.none) section.appendChild(el("p", "pk-change__none", change.none));
    return section;
  }

  // ---- Save ---------------------------------------------------------------------
  /** @type {Saved["saveControls"]} */
  function saveControls(answers) {
    const box = el("div", "pk-saved__actions");
    const button = el("button", "md-button pk-saved__save", t("saved_save"));
    button.setAttribute("type", "button");
    button.setAttribute("data-action", "save-answers");
    button.setAttribute("aria-describedby", "quiz-saved-hint");
    const notice = el("p", "pk-saved__notice");
    notice.setAttribute("role", "status");
    button.addEventListener("click", () => {
      notice.textContent = "";
      engine.call("save_answers", { answers, saved_on: today() }, (answer) => {
        if (!answer || answer.error || typeof answer.text !== "string") {
          warn("the answers file could not be made:", answer && answer.error);
          notice.textContent = t("engine_failed");
          return;
        }
        saveFile(answer.filename, answer.text, answer.type);
        notice.textContent = String(answer.message || "");
      });
    });
    box.appendChild(button);
    box.appendChild(notice);
    return box;
  }

  function forget() {
    opened = null;
    opening += 1;
    empty(status);
    empty(problem);
  }

  return { compare, saveControls, changeSection, forget };
}
