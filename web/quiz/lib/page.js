/*
 * Parting Kit: the self-assessment page's parts and its #quiz-data, found once
 * and shared by the page modules: the elements of the contract's markup, the
 * data the build wrote (scripts/assessment/quizdata.py), the reader-visible
 * strings (t, from the catalogues only) and the links to the guide's sections
 * (link, the build's URLs only).
 */

import { el } from "./dom.js";
import { warn } from "./text.js";

/**
 * The quiz page as the page modules see it.
 * @typedef {object} QuizPage
 * @property {HTMLElement} root  .pk-quiz
 * @property {HTMLFormElement} form  #assessment
 * @property {HTMLElement} status  #quiz-engine
 * @property {HTMLElement} output  #quiz-result
 * @property {import("./types.js").QuizData} data
 * @property {string} lang
 * @property {import("./types.js").Definition} definition
 * @property {Record<string, string>} links
 * @property {import("./types.js").RuntimeSettings} runtime
 * @property {(key: string) => string} t  the reader-visible string `key` ("" when none has it)
 * @property {(text: string, section: string, slug?: string) => HTMLElement} link  a link to a guide section
 * @property {() => string} draftLang  the drafter's language
 */

/**
 * The page's #quiz-data, or null when there is none or it is not valid JSON.
 * @returns {import("./types.js").QuizData | null}
 */
export function readQuizData() {
  const node = document.getElementById("quiz-data");
  if (!node) return null;
  try {
    return JSON.parse(node.textContent || "");
  } catch (error) {
    warn("#quiz-data is not valid JSON:", error);
    return null;
  }
}

/**
 * The page, or null when it is not a quiz page or its data cannot be read (then
 * the page stays what it is without scripts: a checklist).
 * @returns {QuizPage | null}
 */
export function readPage() {
  const root = /** @type {HTMLElement | null} */ (document.querySelector(".pk-quiz"));
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById("assessment"));
  const status = document.getElementById("quiz-engine");
  const output = document.getElementById("quiz-result");
  if (!root || !form || !status || !output) return null;
  const found = readQuizData();
  if (!found) return null;
  const data = found; // (a const the closures below see as non-null)

  // The build always writes data.lang; the others are for a page made by hand.
  const lang = data.lang || root.getAttribute("data-lang") || document.documentElement.lang;
  const definition = data.definition || {};
  const links = data.links || {};

  /**
   * The reader-visible string `key` in the page's language ("" when none has it).
   * @param {string} key
   * @returns {string}
   */
  function t(key) {
    // Every string comes from the catalogues through the build: #quiz-data.ui is
    // the definition's [ui] table in the page's language (a missing key fails the
    // build, quiz/contract.py REQUIRED_UI), so there is no fallback text here.
    for (const source of [data.ui, definition.ui]) {
      if (source && typeof (/** @type {Record<string, unknown>} */ (source))[key] === "string") {
        return /** @type {Record<string, string>} */ (source)[key];
      }
    }
    return "";
  }

  /**
   * A link to a guide section, or the text alone when the section is unknown.
   * The URLs are the build's (#quiz-data.links, every section the definition
   * names, checked against the guide's anchors): the page knows no URL layout.
   * @param {string} text
   * @param {string} section
   * @returns {HTMLElement}
   */
  function link(text, section) {
    const target = Object.hasOwn(links, section) ? links[section] : "";
    if (typeof target !== "string" || !target) return el("span", null, text);
    const a = el("a", null, text);
    a.href = target;
    return a;
  }

  return {
    root, form, status, output, data, lang, definition, links,
    runtime: data.runtime || {},
    t,
    link,
    draftLang: () => (data.phrases && data.phrases.lang) || lang,
  };
}
