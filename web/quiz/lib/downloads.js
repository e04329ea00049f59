/*
 * Parting Kit: what the reader can take away from the draft message: copy it,
 * download it as .txt, download the whole result as Markdown (written by
 * quiz.draft.markdown_result in the worker), print the page. Files are made on
 * the device (a Blob behind a temporary object URL); nothing is sent or stored.
 */

import { warn } from "./text.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./engine.js").Engine} Engine */
/** @typedef {import("./types.js").Assessment} Assessment */

/**
 * The letter as it leaves the page, cleaned by Python (quiz.draft.take_away: hidden
 * and bidi control characters removed), then `use`d; when something was removed
 * the reader is told (`say` gets the notice, in the page's language).
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {string} text  the draft message as the reader left it
 * @param {() => boolean} current  false once this draft is gone (then nothing happens)
 * @param {(text: string) => void} say
 * @param {(text: string) => void} use
 */
function takeAway(page, engine, text, current, say, use) {
  engine.call("take_away", { text }, (answer) => {
    if (!current()) return;
    if (!answer || typeof answer.text !== "string") {
      warn("the letter could not be prepared:", answer && answer.error);
      say(page.t("draft_failed"));
      return;
    }
    use(answer.text);
    if (answer.notice) say(answer.notice);
  });
}

/**
 * Copy the letter to the clipboard; `say` gets the text to announce. Where the
 * clipboard is refused, the text is selected for the reader to copy.
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {HTMLTextAreaElement} textarea
 * @param {() => boolean} current
 * @param {(text: string) => void} say
 */
export function copyText(page, engine, textarea, current, say) {
  function manual() {
    textarea.focus();
    textarea.select();
    say(page.t("draft_copy_failed"));
  }
  if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
    manual();
    return;
  }
  takeAway(page, engine, textarea.value, current, say, (text) => {
    navigator.clipboard.writeText(text).then(() => {
      if (text === textarea.value) say(page.t("draft_copied"));
    }, manual);
  });
}

/**
 * Save `text` as a file: a Blob behind a temporary object URL, revoked afterwards.
 * @param {string} name
 * @param {string} text
 * @param {string} type
 */
export function saveFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  anchor.hidden = true;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The letter as a .txt file, named in the page's language (phrases' texts.file_txt).
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {string} text
 * @param {() => boolean} current
 * @param {(text: string) => void} say
 */
export function downloadText(page, engine, text, current, say) {
  takeAway(page, engine, text, current, say, (letter) => {
    saveFile(page.data.phrases.texts.file_txt, letter, "text/plain;charset=utf-8");
  });
}

/**
 * The result and the letter as a Markdown document, written by Python.
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {Assessment} result
 * @param {string} text  the draft message as the reader left it
 * @param {() => boolean} current  false once this draft is gone (then nothing is saved)
 * @param {(text: string) => void} say
 */
export function downloadMarkdown(page, engine, result, text, current, say) {
  // The session has the phrases and the (absolute) links: only this result and letter go.
  takeAway(page, engine, text, current, say, (letter) => {
    engine.call("markdown", { result, draft: { text: letter, lang: page.draftLang() } }, (answer) => {
      if (!current()) return;
      if (typeof answer !== "string") {
        warn("the result document could not be made:", answer && answer.error);
        say(page.t("draft_failed"));
        return;
      }
      saveFile(page.data.phrases.texts.file_md, answer, "text/markdown;charset=utf-8");
    });
  });
}
