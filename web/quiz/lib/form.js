/*
 * Parting Kit: the questionnaire form. On submit the chosen options go to
 * quiz.api.assess in the worker (never anywhere else: the submit never
 * navigates), and the answer to the result view; the reset button starts over.
 * With saved answers open (lib/saved.js), each result comes with what changed
 * since then, and every result with the button that saves its answers.
 */

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./engine.js").Engine} Engine */
/** @typedef {import("./result.js").ResultView} ResultView */
/** @typedef {import("./saved.js").Saved} Saved */

/**
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {ResultView} view
 * @param {Saved} [saved]
 */
export function wireForm(page, engine, view, saved) {
  const { form, t } = page;
  let submitted = 0; // the latest submit; an older one's answer is dropped

  /** The question ids, in page order. */
  function questionIds() {
    return Array.from(form.querySelectorAll("fieldset[data-question]"), (set) => set.getAttribute("data-question") || "");
  }

  /** The chosen option per answered question; unanswered ones are left out. */
  function collectAnswers() {
    const values = new FormData(form);
    /** @type {Record<string, string>} */
    const answers = {};
    for (const id of questionIds()) {
      const value = values.get(id);
      if (typeof value === "string") answers[id] = value;
    }
    return answers;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (engine.failed()) {
      view.showFailure(t("engine_failed"));
      return;
    }
    submitted += 1;
    const mine = submitted;
    view.showComputing();
    const answers = collectAnswers();
    engine.call("assess", { answers }, (answer) => {
      if (mine !== submitted) return;
      if (!saved || !answer || "error" in answer) {
        view.render(answer || {});
        return;
      }
      saved.compare(answers, (change) => {
        if (mine !== submitted) return;
        // The result document (Markdown) reports the change too.
        if (change) /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (answer)).change = change;
        view.render(answer, { change: change ? saved.changeSection(change) : null, save: saved.saveControls(answers) });
      });
    });
  });

  // The submit button comes disabled from the build (overrides/partials/quiz/form.html)
  // and works only while the engine is ready: never offered as working when it
  // cannot work, and never enabled again once the engine has failed. Its note
  // (why it waits; how to score by hand) goes while it works.
  const submit = form.querySelector('button[type="submit"]');
  const note = document.getElementById(submit?.getAttribute("aria-describedby") || "");
  engine.onState((state) => {
    if (submit instanceof HTMLButtonElement) submit.disabled = state !== "ready";
    if (note) note.hidden = state === "ready";
  });

  // The form's reset button starts over: the old result goes with the answers.
  form.addEventListener("reset", () => {
    submitted += 1;
    if (saved) saved.forget();
    view.reset();
  });

  // Back (or Forward) to this page shows a clean form and no result: the page
  // promises the answers are kept nowhere, the browser's history included. The
  // build opts the form out of form-state restoration (autocomplete="off"); a page
  // the back-forward cache kept whole (answers, result, draft) is reset as it is
  // shown again, and so, for browsers that restore the form anyway, is a page
  // reloaded from history.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) form.reset();
  });
  const navigation = performance.getEntriesByType("navigation")[0];
  if (navigation instanceof PerformanceNavigationTiming && navigation.type === "back_forward") form.reset();
}
