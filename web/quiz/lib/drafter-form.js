/*
 * Parting Kit: the drafter's form, as quiz.draft.form listed it with the first
 * draft: the reader's details (a fieldset for the letter's own, then one per
 * topic, i.e. per sign a last attempt speaks of), the wording picker and the
 * optional parts. Nothing here decides which: Python did.
 */

import { el } from "./dom.js";
import { wordingPicker } from "./drafter-wording.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./drafter.js").Draft} Draft */

/**
 * The fields this letter asks for (a fieldset per group: the letter's own, then
 * each topic's), a picker per part with other wordings and a checkbox per
 * optional part, as Python listed them, added to `d.form`; typing, picking or
 * ticking rebuilds the draft (unless the reader has edited it: then the rebuild
 * button does).
 * @param {QuizPage} page
 * @param {Draft} d
 * @param {import("./types.js").DraftForm} form
 * @param {() => void} rebuild  ask for a new draft now
 * @param {number} debounceMs  how long typing in a field waits before asking
 */
export function showForm(page, d, form, rebuild, debounceMs) {
  const { t } = page;
  d.formShown = true;
  const later = () => {
    window.clearTimeout(d.fieldTimer);
    d.fieldTimer = window.setTimeout(rebuild, debounceMs);
  };
  for (const group of form.groups) {
    const set = el("fieldset", "pk-draft__fields");
    if (group.topic) set.setAttribute("data-topic", group.topic);
    set.appendChild(el("legend", null, group.label || t("draft_fields_legend")));
    for (const field of group.fields) set.appendChild(fieldInput(d, field, later));
    d.form.appendChild(set);
  }
  const wording = wordingPicker(page, d, form.wordings, () => {
    if (!d.edited) rebuild();
  });
  if (wording) d.form.appendChild(wording);
  if (!form.optional.length) return;
  const parts = el("fieldset", "pk-draft__fields pk-draft__optional");
  parts.appendChild(el("legend", null, page.data.phrases.texts.optional_legend));
  for (const part of form.optional) {
    const wrap = el("div", "pk-draft__field pk-draft__field--check");
    const box = el("input", "pk-draft__check");
    box.type = "checkbox";
    box.id = "quiz-draft-include-" + part.id;
    box.checked = part.on;
    box.setAttribute("data-block", part.id);
    box.addEventListener("change", () => {
      d.include[part.id] = box.checked;
      if (!d.edited) rebuild();
    });
    const label = el("label", null, part.label);
    label.htmlFor = box.id;
    wrap.appendChild(box);
    wrap.appendChild(label);
    parts.appendChild(wrap);
  }
  d.form.appendChild(parts);
}

/**
 * One labelled input for a field (a textarea for a list), its hint tied to it.
 * @param {Draft} d
 * @param {{name: string, label: string, hint: string, list: boolean}} field
 * @param {() => void} later  rebuild the draft soon
 * @returns {HTMLElement}
 */
function fieldInput(d, field, later) {
  const id = "quiz-draft-" + field.name.replace(/_/g, "-");
  const wrap = el("div", "pk-draft__field");
  const label = el("label", null, field.label);
  label.htmlFor = id;
  /** @type {HTMLInputElement | HTMLTextAreaElement} */
  let input;
  if (field.list) {
    input = el("textarea", "pk-draft__input");
    input.rows = 3;
  } else {
    input = el("input", "pk-draft__input");
    input.type = "text";
  }
  input.id = id;
  // Nothing the reader types is remembered by the browser either.
  input.setAttribute("autocomplete", "off");
  input.setAttribute("data-field", field.name);
  input.addEventListener("input", () => {
    if (!d.edited) later(); // the reader's own text wins; the rebuild button is there
  });
  d.inputs[field.name] = input;
  wrap.appendChild(label);
  if (field.hint) {
    const hint = el("span", "pk-draft__hint", field.hint);
    hint.id = id + "-hint";
    input.setAttribute("aria-describedby", hint.id);
    wrap.appendChild(hint);
  }
  wrap.appendChild(input);
  return wrap;
}
