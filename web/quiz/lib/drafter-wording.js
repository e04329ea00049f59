/*
 * Parting Kit: the drafter's wording picker. For each part (block) of the letter
 * that has alternative phrasings, as quiz.draft.form listed them (the blocks this
 * letter holds, in message order), a labelled <select>; the chosen variant index
 * goes to quiz.draft with the fields. The first wording is preselected: Python puts
 * a wording only the reader can choose (such as a claim that the contract was not
 * kept) after it, never first.
 */

import { el } from "./dom.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./drafter.js").Draft} Draft */

/**
 * A <select> per listed block; `onChange` runs after the reader picks one (the
 * drafter rebuilds the message unless the reader has edited it). Null when no
 * block has a choice.
 * @param {QuizPage} page
 * @param {Draft} d
 * @param {import("./types.js").DraftForm["wordings"]} wordings
 * @param {() => void} onChange
 * @returns {HTMLElement | null}
 */
export function wordingPicker(page, d, wordings, onChange) {
  if (!Array.isArray(wordings) || !wordings.length) return null;
  const wording = el("fieldset", "pk-draft__fields pk-draft__wording");
  wording.appendChild(el("legend", null, page.t("draft_wording_legend")));
  for (const { block: blockId, label: text, variants } of wordings) {
    const id = "quiz-draft-variant-" + blockId;
    const wrap = el("div", "pk-draft__field");
    const label = el("label", null, text);
    label.htmlFor = id;
    const select = el("select", "pk-draft__input");
    select.id = id;
    select.setAttribute("data-block", blockId);
    variants.forEach((variant, i) => {
      const option = el("option", null, i + 1 + ". " + variantPreview(variant));
      option.value = String(i);
      select.appendChild(option);
    });
    select.value = String(d.choices[blockId] || 0);
    select.addEventListener("change", () => {
      d.choices[blockId] = Number(select.value);
      onChange();
    });
    wrap.appendChild(label);
    wrap.appendChild(select);
    wording.appendChild(wrap);
  }
  return wording;
}

/**
 * A variant as one short line: slots as "…", line breaks as " / ".
 * @param {string} text
 */
function variantPreview(text) {
  const line = String(text).replace(/\{[a-z_]+\}/g, "…").replace(/\s*\n\s*/g, " / ");
  return line.length > 90 ? line.slice(0, 89) + "…" : line;
}
