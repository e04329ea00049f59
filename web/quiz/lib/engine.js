/*
 * Parting Kit: the engine client. Starts the engine worker at once (the runtime
 * downloads while the reader reads the questions), shows its progress and state
 * in #quiz-engine (data-state = loading | ready | failed), and sends the page's
 * calls into Python: one message each, answered once by its id.
 *
 * The worker's protocol is written down in types.js; the worker itself is
 * engine-worker.js. A stalled or failed start ends in "failed", and every call
 * then answers {error: {kind: "engine"}}, so the page never waits forever.
 */

import { el, resolve } from "./dom.js";
import { describe, warn } from "./text.js";

/** @typedef {import("./page.js").QuizPage} QuizPage */
/** @typedef {import("./types.js").RequestData} RequestData */
/** @typedef {import("./types.js").WorkerMessage} WorkerMessage */

/**
 * @typedef {object} Engine
 * @property {() => void} start  Start the worker (once).
 * @property {(listener: (state: string) => void) => void} onState
 *   Call `listener` with the state (loading | ready | failed) now and on every change.
 * @property {<K extends keyof RequestData>(request: K, data: RequestData[K], callback: (answer: any) => void) => void} call
 *   Send one request with only its own data (the session holds the rest); `callback`
 *   gets Python's answer, or {error: {kind: "engine"}} when there is no engine.
 * @property {() => boolean} failed  Whether the engine is known not to work.
 */

/**
 * @param {QuizPage} page
 * @returns {Engine}
 */
export function createEngine(page) {
  const { status, runtime, t } = page;
  const progress = status.querySelector("progress");
  let message = status.querySelector(".pk-quiz__engine-msg");
  if (!message) {
    message = el("span", "pk-quiz__engine-msg");
    status.appendChild(message);
  }
  const text = message;

  /** @type {Worker | null} */
  let worker = null;
  let state = "loading";
  /** @type {number | undefined} */
  let timer;
  let requestId = 0;
  /** @type {Record<number, (answer: any) => void>} id -> callback */
  let calls = {};
  /** @type {((state: string) => void)[]} */
  const listeners = [];

  /** @param {string} next @param {string} words */
  function setState(next, words) {
    state = next;
    status.setAttribute("data-state", next);
    text.textContent = words;
    if (next !== "loading") {
      window.clearTimeout(timer);
      if (progress) progress.hidden = true;
    }
    for (const listener of listeners) listener(next);
  }

  /** @param {number} percent */
  function setProgress(percent) {
    if (!progress) return;
    progress.value = Math.max(Number(progress.value) || 0, Math.min(100, Math.round(percent)));
  }

  // The timer restarts with every sign of life from the worker, so a slow but
  // moving download is not cut off; a stall (or a runtime that never starts)
  // ends in "failed" after timeout_ms.
  const timeoutMs = Number(runtime.timeout_ms) > 0 ? Number(runtime.timeout_ms) : 30000;
  function armTimer() {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => fail("no progress for " + timeoutMs + " ms"), timeoutMs);
  }

  /** @param {string} detail */
  function fail(detail) {
    if (state === "failed") return;
    warn("assessment engine failed:", detail);
    if (worker) worker.terminate();
    worker = null;
    setState("failed", t("engine_failed"));
    const waiting = calls;
    calls = {};
    for (const id of Object.keys(waiting)) {
      waiting[Number(id)]({ error: { kind: "engine", message: detail } });
    }
  }

  /** @param {MessageEvent<WorkerMessage>} event */
  function onMessage(event) {
    const msg = event.data || /** @type {WorkerMessage} */ ({});
    if (state === "failed") return;
    if (msg.type === "progress") {
      setProgress(msg.percent);
      armTimer();
    } else if (msg.type === "ready") {
      setProgress(100);
      setState("ready", t("engine_ready"));
      status.setAttribute("data-ms", String(msg.ms));
    } else if (msg.type === "failed") {
      fail(msg.message);
    } else if (msg.type === "result" && Object.prototype.hasOwnProperty.call(calls, msg.id)) {
      const callback = calls[msg.id];
      delete calls[msg.id];
      callback(msg.result === undefined || msg.result === null ? {} : msg.result);
    }
  }

  /** @type {Engine["call"]} */
  function call(request, data, callback) {
    if (!worker || state === "failed") {
      window.setTimeout(() => callback({ error: { kind: "engine", message: "the engine is not running" } }), 0);
      return;
    }
    // The requests Python answers are its list (quiz.api.REQUESTS, in #quiz-data by the
    // build); "start" is the worker's own (the init message's session), never a module's.
    const known = Array.isArray(runtime.requests) ? runtime.requests : [];
    if (!known.includes(request) || /** @type {string} */ (request) === "start") {
      throw new Error(`unknown request type ${request}: the types are quiz.api.REQUESTS`);
    }
    requestId += 1;
    calls[requestId] = callback;
    /** @type {import("./types.js").RequestMessage} */
    const message = { type: "request", id: requestId, request, data };
    worker.postMessage(message);
  }

  function start() {
    // The benchmark's timeline (lib/worker-timeline.js): when the page asks for the engine.
    performance.mark("parting-kit:engine-start");
    status.setAttribute("data-state", "loading");
    text.textContent = t("engine_loading");
    if (typeof Worker === "undefined" || !runtime.worker || !runtime.pyodide || !runtime.wheel) {
      fail("no Worker support or incomplete runtime settings in #quiz-data");
      return;
    }
    let started;
    try {
      // The offline bundle (scripts/products/bundle.py) supplies a Worker-like engine for file://.
      started = typeof window.PartingKitOfflineEngine === "function"
        ? window.PartingKitOfflineEngine(runtime)
        : new Worker(resolve(runtime.worker), { type: "module" });
    } catch (error) {
      fail(describe(error));
      return;
    }
    worker = started;
    started.addEventListener("message", onMessage);
    started.addEventListener("error", (event) => {
      event.preventDefault(); // reported by fail(), once, as a warning
      fail(event.message || "the engine worker could not start");
    });
    started.addEventListener("messageerror", () => fail("a message from the engine worker could not be read"));
    // The session Python keeps for this page: sent once, so no request carries it again.
    // Links go absolute: the "my result" document is read away from the site.
    /** @type {Record<string, string>} */
    const links = {};
    for (const [section, href] of Object.entries(page.links)) {
      if (typeof href === "string") links[section] = resolve(href);
    }
    /** @type {import("./types.js").InitMessage} */
    const init = {
      type: "init", pyodide: resolve(runtime.pyodide), wheel: resolve(runtime.wheel),
      session: { definition: page.definition, phrases: page.data.phrases || null, lang: page.draftLang(), links },
    };
    // A course package's pages: import the runtime's modules whatever type the LMS gives them.
    if (runtime.fetch_modules === true) init.fetch_modules = true;
    started.postMessage(init);
    armTimer();
  }

  /** @type {Engine["onState"]} */
  function onState(listener) {
    listeners.push(listener);
    listener(state);
  }

  return { start, call, onState, failed: () => state === "failed" };
}
