/*
 * Parting Kit: the drafter UI (#quiz-draft), shown under a part-ways or
 * last-attempt result.
 *
 * The letter the result calls for (result.letter: its kind and, for a last
 * attempt, its topics, the signs the reader flagged) and the reader's details go
 * to quiz.draft.draft(); the message comes back as text for an editable textarea,
 * with the form to show (which fields, grouped by topic; which parts have other
 * wordings; which parts are optional): Python decides all of it. Every edit is checked by quiz.you_check.check()
 * (debounced); its offsets (UTF-16, as JavaScript counts) mark each "you" in a
 * mirror of the text built from text nodes and <mark> elements. Once the reader
 * has edited the text by hand, the fields no longer overwrite it: a button
 * rebuilds it from the fields on request. The wording picker is
 * drafter-wording.js, the "you" check drafter-check.js, copy/download/print
 * downloads.js.
 */

import { el } from "./dom.js";
import { requestCheck, showCheck } from "./drafter-check.js";
import { showForm } from "./drafter-form.js";
import { copyText, downloadMarkdown, downloadText } from "./downloads.js";
import { warn } from "./text.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./types.js").Assessment} Assessment */
/** @typedef {import("./engine.js").Engine} Engine */

const DRAFT_DEBOUNCE_MS = 150;

/**
 * The draft on show.
 * @typedef {object} Draft
 * @property {string} kind  the kind of letter (result.letter.kind)
 * @property {string[]} topics  the signs it speaks of (result.letter.topics)
 * @property {Assessment} result
 * @property {Record<string, HTMLInputElement | HTMLTextAreaElement>} inputs  field name -> its input
 * @property {Record<string, number>} choices  block id -> the variant chosen (the first when absent)
 * @property {Record<string, boolean>} include  optional block id -> in the message (Python's default when absent)
 * @property {boolean} formShown  the fields and optional parts are on the page
 * @property {HTMLElement} form  holds the reader's details, the wordings and the optional parts
 * @property {boolean} edited  the reader has typed into the message itself
 * @property {number} draftSeq  the latest draft request (older answers are dropped)
 * @property {number} checkSeq  the latest check request
 * @property {number | undefined} fieldTimer
 * @property {number | undefined} checkTimer
 * @property {HTMLElement} section
 * @property {HTMLTextAreaElement} text
 * @property {HTMLButtonElement} rebuild
 * @property {HTMLElement} count
 * @property {HTMLElement} advice  holds the link to the guide section the check names
 * @property {HTMLElement} where  the list of where each "you" is (line and word)
 * @property {HTMLElement} mirror
 * @property {HTMLElement} notice
 */

/**
 * @param {QuizPage} page
 * @param {Engine} engine
 * @returns {import("./result.js").Drafter}
 */
export function createDrafter(page, engine) {
  const { data, t } = page;
  /** @type {Draft | null} */
  let drafter = null;

  function close() {
    if (!drafter) return;
    window.clearTimeout(drafter.fieldTimer);
    window.clearTimeout(drafter.checkTimer);
    drafter = null;
  }

  /** @param {Assessment} result */
  function offers(result) {
    // Python says which letter a result calls for (result.letter), and whether only on request.
    return Boolean(result.letter && data.phrases);
  }

  /** @param {Assessment} result */
  function open(result) {
    close();
    const letter = /** @type {import("./types.js").Letter} */ (result.letter);
    const kind = letter.kind;
    const section = el("section", "pk-draft");
    /** @type {Draft} */
    const d = /** @type {Draft} */ ({
      kind, topics: letter.topics || [], result, inputs: {}, choices: {}, include: {}, formShown: false,
      edited: false, draftSeq: 0, checkSeq: 0, fieldTimer: undefined, checkTimer: undefined, section,
    });
    drafter = d;

    section.id = "quiz-draft";
    section.setAttribute("aria-labelledby", "quiz-draft-title");
    section.setAttribute("data-kind", kind);
    section.setAttribute("aria-busy", "true");
    const heading = el("h3", "pk-draft__title", t("draft_heading"));
    heading.id = "quiz-draft-title";
    section.appendChild(heading);
    section.appendChild(el("p", "pk-draft__intro", t("draft_intro")));

    // The reader's details, the wordings and the optional parts: which ones, Python
    // says with the first draft (answer.form), so they are added then (showForm).
    d.form = el("div", "pk-draft__form");
    section.appendChild(d.form);

    // The message itself, editable.
    const textWrap = el("div", "pk-draft__field pk-draft__field--text");
    const textLabel = el("label", null, t("draft_text_label"));
    textLabel.htmlFor = "quiz-draft-text";
    d.text = el("textarea", "pk-draft__text");
    d.text.id = "quiz-draft-text";
    d.text.rows = 14;
    d.text.setAttribute("autocomplete", "off");
    d.text.setAttribute("aria-describedby", "quiz-draft-you");
    d.text.addEventListener("input", () => {
      if (!d.edited) {
        d.edited = true;
        window.clearTimeout(d.fieldTimer);
        d.rebuild.hidden = false;
      }
      window.clearTimeout(d.checkTimer);
      d.checkTimer = window.setTimeout(() => requestCheck(page, engine, d, () => drafter === d), DRAFT_DEBOUNCE_MS);
    });
    textWrap.appendChild(textLabel);
    textWrap.appendChild(d.text);
    section.appendChild(textWrap);

    d.rebuild = el("button", "md-button pk-draft__rebuild", t("draft_rebuild"));
    d.rebuild.type = "button";
    d.rebuild.hidden = true;
    d.rebuild.addEventListener("click", () => {
      d.edited = false;
      d.rebuild.hidden = true;
      d.text.focus();
      requestDraft(d);
    });
    section.appendChild(d.rebuild);

    // The "you" check: the count (announced), the guide's advice, the marked text.
    const you = el("p", "pk-draft__you");
    d.count = el("span", "pk-draft__count");
    d.count.id = "quiz-draft-you";
    d.count.setAttribute("role", "status");
    d.count.setAttribute("aria-live", "polite");
    you.appendChild(d.count);
    you.appendChild(document.createTextNode(" "));
    // The link to the guide's advice: the section the check names (Python's), on its first answer.
    d.advice = el("span", "pk-draft__advice");
    you.appendChild(d.advice);
    section.appendChild(you);

    // Where each "you" is: a list (line and word) for everyone, and the marked copy
    // of the letter for the eye only (a screen reader already has the letter).
    const check = el("div", "pk-draft__check");
    check.setAttribute("role", "group");
    check.setAttribute("aria-labelledby", "quiz-draft-check-label");
    const checkLabel = el("p", "pk-draft__check-label", t("draft_check_label"));
    checkLabel.id = "quiz-draft-check-label";
    d.where = el("ul", "pk-draft__where");
    d.where.id = "quiz-draft-where";
    d.where.hidden = true;
    d.mirror = el("div", "pk-draft__mirror");
    d.mirror.id = "quiz-draft-mirror";
    d.mirror.setAttribute("aria-hidden", "true");
    check.appendChild(checkLabel);
    check.appendChild(d.where);
    check.appendChild(d.mirror);
    section.appendChild(check);

    // What to do with it.
    /** @param {string} text */
    const say = (text) => setNotice(d, text);
    const current = () => drafter === d;
    const actions = el("div", "pk-draft__actions");
    /** @type {[string, string, () => void][]} */
    const specs = [
      ["copy", t("draft_copy"), () => copyText(page, engine, d.text, current, say)],
      ["txt", t("draft_download_txt"), () => downloadText(page, engine, d.text.value, current, say)],
      ["md", t("draft_download_md"), () => downloadMarkdown(page, engine, d.result, d.text.value, current, say)],
      ["print", t("draft_print"), () => window.print()],
    ];
    for (const [action, label, onClick] of specs) {
      const button = el("button", "md-button pk-draft__action", label);
      button.type = "button";
      button.setAttribute("data-action", action);
      button.addEventListener("click", onClick);
      actions.appendChild(button);
    }
    section.appendChild(actions);
    d.notice = el("p", "pk-draft__notice");
    d.notice.setAttribute("role", "status");
    d.notice.setAttribute("aria-live", "polite");
    section.appendChild(d.notice);

    requestDraft(d);
    return section;
  }

  /** @param {Draft} d */
  function requestDraft(d) {
    d.draftSeq += 1;
    const seq = d.draftSeq;
    /** @type {Record<string, string>} */
    const fields = {};
    for (const [name, input] of Object.entries(d.inputs)) fields[name] = input.value;
    // The result's rule goes as it is: Python decides what it changes (the window
    // left open starts unchecked after a hard stop).
    const request = { kind: d.kind, fields, choices: d.choices, include: d.include, rule: d.result.rule,
                      topics: d.topics };
    engine.call("draft", request, (answer) => {
      if (drafter !== d || seq !== d.draftSeq) return; // gone, or a newer one is coming
      // How many of Python's drafts the page has taken in (used or not): a signal a
      // test can wait for before it checks that the reader's own text stayed.
      d.section.setAttribute("data-drafts", String(Number(d.section.getAttribute("data-drafts") || 0) + 1));
      d.section.removeAttribute("aria-busy");
      if (answer.error || typeof answer.text !== "string") {
        warn("the draft could not be made:", answer.error);
        setNotice(d, t("draft_failed"));
        return;
      }
      if (!d.formShown && answer.form) showForm(page, d, answer.form, () => requestDraft(d), DRAFT_DEBOUNCE_MS);
      if (d.edited) return; // typed into meanwhile: the reader's text stays
      d.text.value = answer.text;
      d.section.setAttribute("data-state", "ready");
      d.checkSeq += 1; // an older check of other text must not overwrite this one
      showCheck(page, d, answer.you, answer.text);
    });
  }

  return { offers, open, close };
}

/**
 * Announce `text` in the draft's status line; cleared first, so the same
 * message twice is announced twice.
 * @param {Draft} d
 * @param {string} text
 */
function setNotice(d, text) {
  d.notice.textContent = "";
  window.setTimeout(() => {
    d.notice.textContent = text;
  }, 50);
}
