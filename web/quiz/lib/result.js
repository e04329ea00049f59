/*
 * Parting Kit: the result in #quiz-result. Renders what quiz.api.assess
 * returned (verdict, score, the profile chart of lib/chart.js, reasons, flagged
 * signs, the linked plan), the "computing" and error states, and the list of
 * unanswered questions (marked aria-invalid, focus on the first). After a verdict that has a draft message,
 * the drafter's section goes below the plan.
 *
 * embed.js reads data-score, data-max-score and data-verdict, in that order of
 * setting: data-verdict appearing means "a new result is complete".
 */

import { profileChart } from "./chart.js";
import { el, empty } from "./dom.js";
import { format, warn } from "./text.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./types.js").AssessAnswer} AssessAnswer */
/** @typedef {import("./types.js").Assessment} Assessment */

/**
 * @typedef {object} Drafter
 * @property {(result: Assessment) => boolean} offers  Whether this result calls for a letter.
 * @property {(result: Assessment) => HTMLElement} open  The drafter's section for this result.
 * @property {() => void} close  Forget the draft on show, if any.
 */

/**
 * Parts of a result other modules make (lib/saved.js, through form.js).
 * @typedef {object} ResultExtras
 * @property {HTMLElement | null} [change]  #quiz-change, shown next to the score
 * @property {HTMLElement | null} [save]  the "save my answers" button, after the plan
 */

/**
 * @typedef {object} ResultView
 * @property {(result: AssessAnswer, extras?: ResultExtras) => void} render
 * @property {() => void} showComputing
 * @property {(text: string) => void} showFailure  An error, focused (the engine could not answer).
 * @property {() => void} reset  Empty and hide the result (the form was reset).
 */

/**
 * @param {QuizPage} page
 * @param {Drafter} drafter
 * @returns {ResultView}
 */
export function createResult(page, drafter) {
  const { root, form, output, status, t, link } = page;

  // "Working out your result…" is said through the page's polite status region
  // (#quiz-engine, which already announces the engine) while a result is on its
  // way: #quiz-result is not a live region and has no focus yet then (issue 16).
  // Emptied when the result is there, which screen readers do not announce; the
  // result itself is announced as it takes focus.
  const activity = el("span", "pk-quiz__engine-activity");
  status.appendChild(activity);

  function clearOutput() {
    activity.textContent = "";
    drafter.close();
    root.classList.remove("pk-quiz--result");
    empty(output);
    output.removeAttribute("data-verdict");
    output.removeAttribute("data-error");
    output.removeAttribute("aria-busy");
    output.removeAttribute("aria-labelledby");
  }

  /** @param {string} text */
  function title(text) {
    const heading = el("h2", "pk-quiz__result-title", text);
    heading.id = "quiz-result-title";
    // The section is named by its heading only while the heading exists (every
    // shown state starts with one; clearOutput drops both), so the name never
    // points at nothing (the Nu HTML Checker's error on the static markup).
    output.setAttribute("aria-labelledby", heading.id);
    return heading;
  }

  function showComputing() {
    clearOutput();
    activity.textContent = t("computing");
    output.setAttribute("aria-busy", "true");
    output.appendChild(title(t("computing")));
    // Shown, not focused: focus moves when the result itself is there.
    output.hidden = false;
  }

  /**
   * @param {string} text
   * @param {HTMLElement | null} [items]
   */
  function showError(text, items) {
    clearOutput();
    output.setAttribute("data-error", "true");
    output.appendChild(title(t("error_heading") || text));
    const paragraph = el("p", "pk-quiz__error", text);
    output.appendChild(paragraph);
    if (items) output.appendChild(items);
    output.hidden = false;
    return paragraph;
  }

  /** @param {string} text */
  function showFailure(text) {
    showError(text);
    output.focus();
  }

  /** @param {import("./types.js").AnswersError} error */
  function showMissing(error) {
    const ids = Array.isArray(error.questions) ? error.questions : [];
    const list = el("ul", "pk-quiz__missing");
    /** @type {HTMLElement | null} */
    let first = null;
    for (const id of ids) {
      const set = /** @type {HTMLElement | null} */ (form.querySelector('fieldset[data-question="' + CSS.escape(id) + '"]'));
      if (!set) continue;
      set.setAttribute("aria-invalid", "true");
      if (!first) first = set;
      const legend = set.querySelector("legend");
      const item = el("li");
      item.appendChild(el("span", null, legend ? (legend.textContent || "").trim() : id));
      list.appendChild(item);
    }
    const text = format(t("missing_answers"), { count: ids.length }) || error.message;
    const paragraph = showError(text, list.childNodes.length ? list : null);
    if (first) {
      // Focus goes to the question to answer; the message is announced as an alert.
      paragraph.setAttribute("role", "alert");
      focusFieldset(first);
    } else {
      output.focus();
    }
  }

  /** @param {HTMLElement} set */
  function focusFieldset(set) {
    // A fieldset is not focusable by itself: focus its first option, which also
    // brings the question into view and lets the reader answer at once.
    const input = /** @type {HTMLInputElement | null} */ (set.querySelector("input:not([disabled])"));
    set.scrollIntoView({ block: "center" });
    if (input) input.focus({ preventScroll: true });
  }

  function clearInvalid() {
    for (const set of form.querySelectorAll('fieldset[aria-invalid="true"]')) set.removeAttribute("aria-invalid");
  }

  /**
   * @param {HTMLElement} list
   * @param {string} label
   * @param {unknown} value
   */
  function addFact(list, label, value) {
    if (!label) return;
    list.appendChild(el("dt", null, label));
    list.appendChild(el("dd", null, value));
  }

  /**
   * @param {AssessAnswer} answer
   * @param {ResultExtras} [extras]
   */
  function render(answer, extras) {
    clearInvalid();
    output.removeAttribute("data-error");
    if ("error" in answer && answer.error) {
      const error = answer.error;
      if (error.kind === "answers" && Array.isArray(error.questions)) {
        showMissing(error);
      } else {
        warn("the engine refused:", error);
        showFailure(error.kind === "engine" ? t("engine_failed") : error.message);
      }
      return;
    }
    const result = /** @type {Assessment} */ (answer);
    clearOutput();
    // Score before verdict: embed.js reads all three when data-verdict appears.
    output.setAttribute("data-score", String(result.score));
    output.setAttribute("data-max-score", String(result.max_score));
    output.setAttribute("data-verdict", result.verdict);
    output.appendChild(el("p", "pk-quiz__eyebrow", t("result_heading")));
    output.appendChild(title(result.headline));

    const facts = el("dl", "pk-quiz__facts");
    addFact(facts, t("score_label"), format(t("score_format"), result));
    addFact(facts, t("threshold_label"), result.threshold);
    output.appendChild(facts);
    // The result at a glance: every sign's points and the score against the threshold.
    const chart = profileChart(result.chart, t);
    if (chart) output.appendChild(chart);
    // What changed since the saved answers (lib/saved.js), next to the score.
    if (extras && extras.change) output.appendChild(extras.change);

    output.appendChild(el("p", "pk-quiz__explanation", result.explanation));
    if (Array.isArray(result.reasons) && result.reasons.length) {
      output.appendChild(el("h3", null, t("why_label")));
      const reasons = el("ul", "pk-quiz__reasons");
      for (const reason of result.reasons) reasons.appendChild(el("li", null, reason));
      output.appendChild(reasons);
    }

    output.appendChild(el("h3", null, t("flagged_heading")));
    const flagged = result.flagged || [];
    if (!flagged.length) {
      output.appendChild(el("p", "pk-quiz__none", t("flagged_none")));
    } else {
      // Named, not linked: the plan below links each of these signs to its section,
      // and one link per section keeps a screen reader's list of links free of twins.
      const signs = el("ul", "pk-quiz__flagged");
      for (const sign of flagged) {
        const item = el("li", sign.hard_stop ? "pk-quiz__sign pk-quiz__sign--hard-stop" : "pk-quiz__sign");
        item.setAttribute("data-sign", sign.id);
        item.appendChild(el("span", "pk-quiz__sign-name", sign.short || sign.title || sign.text));
        if (sign.hard_stop) item.appendChild(el("strong", "pk-quiz__badge", t("hard_stop_label")));
        if (sign.answer_label) {
          item.appendChild(el("span", "pk-quiz__answer", t("answer_label") + ": " + sign.answer_label));
        }
        signs.appendChild(item);
      }
      output.appendChild(signs);
    }

    output.appendChild(el("h3", null, t("plan_heading")));
    output.appendChild(steps(result.plan || [], "pk-quiz__plan"));
    // Keep, yet the reader said continuing is impossible: what to do first and, if
    // the decision stands, how to part (Python's list and heading).
    if (result.followup && Array.isArray(result.followup.steps)) {
      output.appendChild(el("h3", "pk-quiz__followup-title", result.followup.heading));
      output.appendChild(steps(result.followup.steps, "pk-quiz__followup"));
    }
    if (extras && extras.save) output.appendChild(extras.save);
    root.classList.add("pk-quiz--result");
    if (drafter.offers(result)) {
      if (result.letter && result.letter.opt_in) {
        output.appendChild(offer(result));
      } else {
        output.appendChild(drafter.open(result));
      }
    }
    output.hidden = false;
    output.focus();
  }

  /**
   * An ordered list of steps: each title links to its guide section, its note below.
   * @param {import("./types.js").PlanStep[]} list
   * @param {string} className
   */
  function steps(list, className) {
    const ol = el("ol", className);
    for (const step of list) {
      const item = el("li", "pk-quiz__step");
      const head = el("p", "pk-quiz__step-title");
      head.appendChild(link(step.title || t("read_section"), step.section));
      item.appendChild(head);
      item.appendChild(el("p", "pk-quiz__note", step.note));
      ol.appendChild(item);
    }
    return ol;
  }

  /**
   * The letter a result offers only on the reader's own choice: a button that opens
   * the drafter in its place (and moves focus to it).
   * @param {Assessment} result
   */
  function offer(result) {
    const button = el("button", "md-button pk-quiz__offer", t("draft_offer"));
    button.type = "button";
    button.setAttribute("data-action", "offer-draft");
    button.addEventListener("click", () => {
      const section = drafter.open(result);
      button.replaceWith(section);
      const heading = /** @type {HTMLElement | null} */ (section.querySelector("h3"));
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    });
    return button;
  }

  function reset() {
    clearInvalid();
    clearOutput();
    output.hidden = true;
  }

  return { render, showComputing, showFailure, reset };
}
