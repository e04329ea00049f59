/*
 * Parting Kit: what the reader can take away from the draft message: copy it,
 * download it as .txt, download the whole result as Markdown (written by
 * quiz.draft.markdown_result in the worker), print the page. Files are made on
 * the device (a Blob behind a temporary object URL); nothing is sent or stored.
 */

import { resolve } from "./dom.js";
import { warn } from "./text.js";

/** @typedef {import("./types.js").QuizPage} QuizPage */
/** @typedef {import("./engine.js").Engine} Engine */
/** @typedef {import("./types.js").Assessment} Assessment */

const FILE_TXT = { ru: "pismo-chernovik.txt", en: "draft-message.txt" };
const FILE_MD = { ru: "rezultat-samoocenki.md", en: "self-assessment-result.md" };

/**
 * Copy `textarea`'s text to the clipboard; `notice` gets the ui key to announce.
 * Where the clipboard is refused, the text is selected for the reader to copy.
 * @param {HTMLTextAreaElement} textarea
 * @param {(key: string) => void} notice
 */
export function copyText(textarea, notice) {
  const text = textarea.value;
  function manual() {
    textarea.focus();
    textarea.select();
    notice("draft_copy_failed");
  }
  if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
    navigator.clipboard.writeText(text).then(() => notice("draft_copied"), manual);
  } else {
    manual();
  }
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
 * The draft message as a .txt file, named in the draft's language.
 * @param {QuizPage} page
 * @param {string} text
 */
export function downloadText(page, text) {
  const lang = /** @type {keyof typeof FILE_TXT} */ (page.draftLang());
  saveFile(FILE_TXT[lang] || FILE_TXT.en, text, "text/plain;charset=utf-8");
}

/**
 * The result and the draft as a Markdown document, written by Python.
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {Assessment} result
 * @param {string} text  the draft message as the reader left it
 * @param {() => boolean} current  false once this draft is gone (then nothing is saved)
 * @param {(key: string) => void} notice
 */
export function downloadMarkdown(page, engine, result, text, current, notice) {
  // Absolute links: the file is read away from the site.
  /** @type {Record<string, string>} */
  const absolute = {};
  for (const [section, href] of Object.entries(page.links)) {
    if (typeof href === "string") absolute[section] = resolve(href);
  }
  const request = {
    type: /** @type {const} */ ("markdown"),
    result,
    draft: { text, lang: page.draftLang() },
    lang: page.lang,
    links: absolute,
  };
  engine.call(request, (answer) => {
    if (!current()) return;
    if (typeof answer !== "string") {
      warn("the result document could not be made:", answer && answer.error);
      notice("draft_failed");
      return;
    }
    const lang = /** @type {keyof typeof FILE_MD} */ (page.lang);
    saveFile(FILE_MD[lang] || FILE_MD.en, answer, "text/markdown;charset=utf-8");
  });
}
