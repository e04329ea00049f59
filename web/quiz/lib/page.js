/*
 * Parting Kit: the self-assessment page's parts and its #quiz-data, found once
 * and shared by the page modules: the elements of the contract's markup, the
 * data the build wrote (scripts/assessment/quizpage.py), the reader-visible
 * strings (t) and the links to the guide's sections (link).
 */

import { el } from "./dom.js";
import { warn } from "./text.js";

// Strings the page needs that the build might not supply (the definition's
// [ui] table holds the rest): used only when both #quiz-data.ui and
// definition.ui lack the key.
const FALLBACK = {
  ru: {
    computing: "Считаем результат…",
    engine_loading: "Загружаем модуль оценки…",
    engine_ready: "Модуль оценки готов.",
    engine_failed: "Не удалось загрузить модуль оценки. Вопросы остаются доступны как список для самопроверки.",
  },
  en: {
    computing: "Working out your result…",
    engine_loading: "Loading the assessment engine…",
    engine_ready: "The assessment engine is ready.",
    engine_failed: "The assessment engine could not be loaded. The questions still work as a printable checklist.",
  },
};

/**
 * The page, or null when it is not a quiz page or its data cannot be read (then
 * the page stays what it is without scripts: a checklist).
 * @returns {import("./types.js").QuizPage | null}
 */
export function readPage() {
  const root = /** @type {HTMLElement | null} */ (document.querySelector(".pk-quiz"));
  const dataNode = document.getElementById("quiz-data");
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById("assessment"));
  const status = document.getElementById("quiz-engine");
  const output = document.getElementById("quiz-result");
  if (!root || !dataNode || !form || !status || !output) return null;

  /** @type {import("./types.js").QuizData} */
  let data;
  try {
    data = JSON.parse(dataNode.textContent || "");
  } catch (error) {
    warn("#quiz-data is not valid JSON:", error);
    return null;
  }

  const lang = data.lang || root.getAttribute("data-lang") || document.documentElement.lang || "ru";
  const definition = data.definition || {};
  const links = data.links || {};

  /**
   * The reader-visible string `key` in the page's language ("" when none has it).
   * @param {string} key
   * @returns {string}
   */
  function t(key) {
    const sources = [data.ui, definition.ui, FALLBACK[/** @type {"ru" | "en"} */ (lang)] || FALLBACK.en];
    for (const source of sources) {
      if (source && typeof (/** @type {Record<string, unknown>} */ (source))[key] === "string") {
        return /** @type {Record<string, string>} */ (source)[key];
      }
    }
    return "";
  }

  /**
   * Where a guide section is, relative to this page ("" when unknown).
   * @param {string} section
   * @param {string} [slug] the guide page holding it
   */
  function href(section, slug) {
    // The build gives every linkable section; the fallback follows the URL
    // layout (quiz/ is a sibling of recognize/ and part-ways/ in both languages).
    if (typeof links[section] === "string") return links[section];
    return slug ? "../" + slug + "/#" + section : "";
  }

  /**
   * A link to a guide section, or the text alone when the section is unknown.
   * @param {string} text
   * @param {string} section
   * @param {string} [slug]
   * @returns {HTMLElement}
   */
  function link(text, section, slug) {
    const target = href(section, slug);
    if (!target) return el("span", null, text);
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
