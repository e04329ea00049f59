/*
 * Parting Kit: the drafter UI (#quiz-draft), shown under a part-ways or
 * last-attempt result.
 *
 * The reader's details go to quiz.draft.draft() and the message comes back as
 * text for an editable textarea. Every edit is checked by quiz.you_check.check()
 * (debounced); its offsets (UTF-16, as JavaScript counts) mark each "you" in a
 * mirror of the text built from text nodes and <mark> elements. Once the reader
 * has edited the text by hand, the fields no longer overwrite it: a button
 * rebuilds it from the fields on request. The wording picker is
 * drafter-wording.js, the "you" check drafter-check.js, copy/download/print
 * downloads.js.
 */

import { el } from "./dom.js";
import { requestCheck, showCheck } from "./drafter-check.js";
import { wordingPicker } from "./drafter-wording.js";
import { copyText, downloadMarkdown, downloadText } from "./downloads.js";
import { warn } from "./text.js";

/** @typedef {import("./types.js").QuizPage} QuizPage */
/** @typedef {import("./types.js").Assessment} Assessment */
/** @typedef {import("./engine.js").Engine} Engine */

// The kinds of message, by verdict, and the list field each one asks for.
const DRAFT_LIST_FIELD = { "part-ways": "referrals", "last-attempt": "extra_requests" };
const DRAFT_DEBOUNCE_MS = 150;

/**
 * The draft on show.
 * @typedef {object} Draft
 * @property {string} kind  the verdict it answers
 * @property {Assessment} result
 * @property {Record<string, HTMLInputElement | HTMLTextAreaElement>} inputs  field name -> its input
 * @property {Record<string, number>} choices  block id -> the variant chosen (the first when absent)
 * @property {boolean} edited  the reader has typed into the message itself
 * @property {number} draftSeq  the latest draft request (older answers are dropped)
 * @property {number} checkSeq  the latest check request
 * @property {number | undefined} fieldTimer
 * @property {number | undefined} checkTimer
 * @property {HTMLElement} section
 * @property {HTMLTextAreaElement} text
 * @property {HTMLButtonElement} rebuild
 * @property {HTMLElement} count
 * @property {HTMLElement} mirror
 * @property {HTMLElement} notice
 */

/**
 * @param {QuizPage} page
 * @param {Engine} engine
 * @returns {import("./result.js").Drafter}
 */
export function createDrafter(page, engine) {
  const { data, t, link } = page;
  /** @type {Draft | null} */
  let drafter = null;

  function close() {
    if (!drafter) return;
    window.clearTimeout(drafter.fieldTimer);
    window.clearTimeout(drafter.checkTimer);
    drafter = null;
  }

  /** @param {string} verdict */
  function offers(verdict) {
    return Object.prototype.hasOwnProperty.call(DRAFT_LIST_FIELD, verdict) && Boolean(data.phrases);
  }

  /** @param {Assessment} result */
  function open(result) {
    close();
    const kind = result.verdict;
    const listField = DRAFT_LIST_FIELD[/** @type {keyof typeof DRAFT_LIST_FIELD} */ (kind)];
    const section = el("section", "pk-draft");
    /** @type {Draft} */
    const d = /** @type {Draft} */ ({
      kind, result, inputs: {}, choices: {}, edited: false, draftSeq: 0, checkSeq: 0,
      fieldTimer: undefined, checkTimer: undefined, section,
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

    // The reader's details.
    const fields = el("fieldset", "pk-draft__fields");
    fields.appendChild(el("legend", null, t("draft_fields_legend")));
    for (const name of ["client_name", "project", "sender_name", listField]) {
      const multi = name === listField;
      const id = "quiz-draft-" + name.replace(/_/g, "-");
      const wrap = el("div", "pk-draft__field");
      const label = el("label", null, t("draft_" + name));
      label.htmlFor = id;
      /** @type {HTMLInputElement | HTMLTextAreaElement} */
      let input;
      if (multi) {
        input = el("textarea", "pk-draft__input");
        input.rows = 3;
      } else {
        input = el("input", "pk-draft__input");
        input.type = "text";
      }
      input.id = id;
      // Nothing the reader types is remembered by the browser either.
      input.setAttribute("autocomplete", "off");
      input.setAttribute("data-field", name);
      input.addEventListener("input", () => {
        if (d.edited) return; // the reader's own text wins; the rebuild button is there
        window.clearTimeout(d.fieldTimer);
        d.fieldTimer = window.setTimeout(() => requestDraft(d), DRAFT_DEBOUNCE_MS);
      });
      d.inputs[name] = input;
      wrap.appendChild(label);
      wrap.appendChild(input);
      fields.appendChild(wrap);
    }
    section.appendChild(fields);

    // The wording: for each part of the message that has alternatives, which one.
    const wording = wordingPicker(page, d, () => {
      if (!d.edited) requestDraft(d);
    });
    if (wording) section.appendChild(wording);

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
    you.appendChild(link(t("draft_you_link"), "avoid-you", "part-ways"));
    section.appendChild(you);

    const check = el("div", "pk-draft__check");
    check.setAttribute("role", "group");
    check.setAttribute("aria-labelledby", "quiz-draft-check-label");
    const checkLabel = el("p", "pk-draft__check-label", t("draft_check_label"));
    checkLabel.id = "quiz-draft-check-label";
    d.mirror = el("div", "pk-draft__mirror");
    d.mirror.id = "quiz-draft-mirror";
    check.appendChild(checkLabel);
    check.appendChild(d.mirror);
    section.appendChild(check);

    // What to do with it.
    /** @param {string} key */
    const notice = (key) => setNotice(d, t(key));
    const actions = el("div", "pk-draft__actions");
    /** @type {[string, string, () => void][]} */
    const specs = [
      ["copy", t("draft_copy"), () => copyText(d.text, notice)],
      ["txt", t("draft_download_txt"), () => downloadText(page, d.text.value)],
      ["md", t("draft_download_md"), () => downloadMarkdown(page, engine, d.result, d.text.value,
                                                            () => drafter === d, notice)],
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
    const request = { phrases: data.phrases, kind: d.kind, fields, choices: d.choices };
    engine.call({ type: "draft", request }, (answer) => {
      if (drafter !== d || seq !== d.draftSeq) return; // gone, or a newer one is coming
      d.section.removeAttribute("aria-busy");
      if (answer.error || typeof answer.text !== "string") {
        warn("the draft could not be made:", answer.error);
        setNotice(d, t("draft_failed"));
        return;
      }
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
