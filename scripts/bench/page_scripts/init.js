// Run in a measured page by scripts/bench/measure.py (page_script("init.js")).
// Installed before any page script: records when the questions are first
// visible (checked every frame, just before paint), when an engine element gets
// data-state="ready", and every long main-thread task.
(() => {
  const bench = (window.__bench = {
    longtasks: [],
    questions: null,
    ready: null,
    failed: null,
    worker: null,
    workers: [],
  });
  // Every worker the page creates, and when (the start-up timeline, scripts/bench/
  // timeline.py). Our engine worker reports {type: "ready", ms, python_ms}: keep it,
  // and when the worker was started, to split time-to-ready into its parts.
  if (window.Worker) {
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        const created = performance.now();
        super(...args);
        const started = performance.now();
        bench.workers.push({ url: String(args[0]), at: created });
        this.addEventListener("message", (e) => {
          if (e.data && e.data.type === "ready" && bench.worker === null) {
            bench.worker = { started, ms: e.data.ms, python_ms: e.data.python_ms };
          }
        });
      }
    };
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  const frame = () => {
    const q = document.querySelector("#assessment fieldset");
    if (q && q.getBoundingClientRect().height > 0) bench.questions = performance.now();
    // A page without the questions (PyScript's) stops looking once it is parsed:
    // asking for every frame would keep its main thread and compositor busy.
    else if (q || document.readyState === "loading") requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new MutationObserver(() => {
    const el = document.querySelector("#quiz-engine, #engine");
    if (!el) return;
    const state = el.getAttribute("data-state");
    if (state === "ready" && bench.ready === null) bench.ready = performance.now();
    if (state === "failed" && bench.failed === null) bench.failed = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"], childList: true });
})();
