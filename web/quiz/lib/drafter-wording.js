/*
 * Parting Kit: the drafter's wording picker. For each part (block) of the
 * message that has alternative phrasings in #quiz-data.phrases, a labelled
 * <select>; the chosen variant index goes to quiz.draft with the fields.
 */

import { el } from "./dom.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./drafter.js").Draft} Draft */

/**
 * A <select> per block of this kind of message that has more than one variant,
 * in message order; `onChange` runs after the reader picks one (the drafter
 * rebuilds the message unless the reader has edited it). Null when no block has
 * a choice.
 * @param {QuizPage} page
 * @param {Draft} d
 * @param {() => void} onChange
 * @returns {HTMLElement | null}
 */
export function wordingPicker(page, d, onChange) {
  const phrases = page.data.phrases;
  const kind = phrases && (phrases.kinds || {})[d.kind];
  const blocks = (phrases && phrases.blocks) || {};
  if (!kind || !Array.isArray(kind.blocks)) return null;
  const wording = el("fieldset", "pk-draft__fields pk-draft__wording");
  wording.appendChild(el("legend", null, page.t("draft_wording_legend")));
  let count = 0;
  for (const blockId of kind.blocks) {
    const block = blocks[blockId];
    if (!block || !Array.isArray(block.variants) || block.variants.length < 2) continue;
    const id = "quiz-draft-variant-" + blockId;
    const wrap = el("div", "pk-draft__field");
    const label = el("label", null, block.label);
    label.htmlFor = id;
    const select = el("select", "pk-draft__input");
    select.id = id;
    select.setAttribute("data-block", blockId);
    block.variants.forEach((text, i) => {
      const option = el("option", null, i + 1 + ". " + variantPreview(text));
      option.value = String(i);
      select.appendChild(option);
    });
    select.addEventListener("change", () => {
      d.choices[blockId] = Number(select.value);
      onChange();
    });
    wrap.appendChild(label);
    wrap.appendChild(select);
    wording.appendChild(wrap);
    count += 1;
  }
  return count ? wording : null;
}

/**
 * A variant as one short line: slots as "…", line breaks as " / ".
 * @param {string} text
 */
function variantPreview(text) {
  const line = String(text).replace(/\{[a-z_]+\}/g, "…").replace(/\s*\n\s*/g, " / ");
  return line.length > 90 ? line.slice(0, 89) + "…" : line;
}
