// Run in a measured page by scripts/bench/measure.py (page_script("submit.js")).
// Submits the filled form `count` times, timing each submit → data-verdict in the page.
async (count) => {
  const form = document.getElementById("assessment");
  const out = document.getElementById("quiz-result");
  const times = [];
  for (let i = 0; i < count; i++) {
    const done = new Promise((resolve, reject) => {
      const obs = new MutationObserver(() => {
        if (out.hasAttribute("data-verdict")) { obs.disconnect(); resolve(performance.now()); }
      });
      obs.observe(out, { attributes: true, attributeFilter: ["data-verdict"] });
      setTimeout(() => reject(new Error("no result within 60 s of a submit")), 60000);
    });
    const t0 = performance.now();
    form.requestSubmit();
    times.push((await done) - t0);
    await new Promise((r) => setTimeout(r, 50));  // let the page settle between submits
  }
  return { times, verdict: out.getAttribute("data-verdict") };
}
