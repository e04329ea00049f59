/*
 * Parting Kit: the questionnaire form. On submit the chosen options go to
 * quiz.api.assess in the worker (never anywhere else: the submit never
 * navigates), and the answer to the result view; the reset button starts over.
 */

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./engine.js").Engine} Engine */
/** @typedef {import("./result.js").ResultView} ResultView */

/**
 * @param {QuizPage} page
 * @param {Engine} engine
 * @param {ResultView} view
 */
export function wireForm(page, engine, view) {
  const { form, definition, t } = page;
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
    engine.call({ type: "assess", definition, answers: collectAnswers() }, (answer) => {
      if (mine === submitted) view.render(answer || {});
    });
  });

  // The submit button comes disabled from the build (scripts/assessment/quizpage.py)
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
    view.reset();
  });
}
