// Run in a measured page by scripts/bench/measure.py (page_script("paste.js")).
// Pastes a long letter into the drafter's message box (as a paste does: one input
// event) and waits for the "you" count; returns the main-thread tasks meanwhile.
async ({ chars, unit, word }) => {
  const box = document.querySelector("#quiz-draft textarea.pk-draft__text");
  const section = document.getElementById("quiz-draft");
  // A "you" of the page's language every few words (measure.py picks it from the
  // language's you.txt); the last unit may be cut, so count what was pasted.
  const text = unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  const expected = String(text.split(`${word} `).length - 1);
  const t0 = performance.now();
  box.value = text;
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  const deadline = t0 + 60000;
  await new Promise((resolve, reject) => {
    const check = () => {
      if (section.getAttribute("data-you") === expected) resolve();
      else if (performance.now() > deadline) {
        reject(new Error(`the drafter counted ${section.getAttribute("data-you")} "you", not ${expected}`));
      } else setTimeout(check, 20);
    };
    check();
  });
  await new Promise((r) => setTimeout(r, 300));  // let the mirror and the count settle
  // One more keystroke after the paste: the check runs again on the long text.
  box.value += ` ${word}`;
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: ` ${word}` }));
  await new Promise((r) => setTimeout(r, 500));
  const tasks = window.__bench.longtasks.filter((t) => t.start >= t0);
  return { ms: performance.now() - t0, count: Number(expected),
           longest_task: Math.max(0, ...tasks.map((t) => t.duration)), tasks: tasks.length };
}
