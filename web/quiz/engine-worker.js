/*
 * Parting Kit: the self-assessment engine, run off the page's main thread.
 *
 * Entry of the worker, shipped as assets/quiz/engine-worker.js (bundled by esbuild
 * into one script; the offline bundle runs the same file as a classic worker).
 * A module worker (Pyodide 314 refuses classic workers). quiz.js starts it with
 * `new Worker(url, {type: "module"})` and posts one "init" message with absolute
 * URLs and the page's session (its definition, phrases, language and links);
 * this worker then loads Pyodide from the site's own copy, puts the engine wheel
 * (the `quiz` package) on sys.path, imports quiz.api, says "ready" and starts the
 * session there, once. Every later message is one request, answered by
 * `quiz.api.call(type, its data as JSON)`: Python routes it (quiz.api.REQUESTS),
 * so nothing here knows one request type from another.
 *
 * The messages both ways, and what each call returns, are written down once in
 * lib/types.js (PageMessage, WorkerMessage; Python's side: quiz/api_types.py).
 *
 * Every argument crosses into Python as JSON (json.loads in quiz.api.call), so it
 * arrives exactly as CPython would read it (pyodide.toPy would turn a null into
 * jsnull, not None).
 * Nothing here scores, drafts or checks anything: the rules live in Python. Nothing is stored and
 * nothing is fetched but the four runtime files, the site's lock file and the wheel, all
 * same-origin (lib/worker-downloads.js serves and follows the runtime's downloads;
 * lib/engine-wheel.js fetches the lock file and the wheel, checked against it).
 */

import { describe } from "./lib/text.js";
import { STEP_PERCENT, watchDownloads } from "./lib/worker-downloads.js";
import { fetchLock, fetchWheel } from "./lib/engine-wheel.js";
import { importPyodide } from "./lib/worker-modules.js";
import { mark, timedModule } from "./lib/worker-timeline.js";

mark("worker-run");

/** @typedef {import("./lib/types.js").PageMessage} PageMessage */
/** @typedef {import("./lib/types.js").WorkerMessage} WorkerMessage */
/** @typedef {import("./lib/types.js").RequestMessage} RequestMessage */
/** @typedef {{call: (request: string, data: string) => any}} Engine */

/** @type {Promise<Engine> | null} set by "init" */
let engine = null;

// Where the engine wheel is written in Pyodide's file system (and put on sys.path).
const WHEEL_PATH = "/lib/parting_kit_quiz.whl";


self.addEventListener("message", (/** @type {MessageEvent<PageMessage>} */ event) => {
  const msg = event.data || /** @type {PageMessage} */ ({});
  if (msg.type === "init" && engine === null) {
    engine = start(msg);
    // A failure is reported once, here; "assess" messages waiting on the same
    // promise then answer with an error of kind "engine".
    engine.catch((error) => post({ type: "failed", message: describe(error) }));
  } else if (msg.type === "request") {
    answer(msg);
  }
});

/** @param {WorkerMessage} message */
function post(message) {
  self.postMessage(message);
}

/**
 * Load Pyodide, put the engine wheel on sys.path, import quiz.api, start the page's
 * session; resolve with {call}.
 * @param {import("./lib/types.js").InitMessage} init
 */
async function start({ pyodide: indexURL, wheel: wheelURL, fetch_modules: fetchModules = false, session }) {
  const t0 = performance.now();
  mark("init");
  const downloads = watchDownloads(indexURL, post);
  // The site's lock file (beside the wheel), then the wheel checked against it: both
  // start now, beside the runtime's download.
  const lock = fetchLock(wheelURL);
  const wheelBytes = lock.then((lockFile) => fetchWheel(wheelURL, lockFile));
  lock.catch(() => {}); // Both are reported when awaited below; avoid an unhandled rejection.
  wheelBytes.catch(() => {});

  // The loader and the Emscripten module (1.2 MB of JavaScript) are imported side by
  // side; Pyodide is handed the latter (createPyodideModule) instead of importing it
  // only after its own configuration step.
  const modules = importPyodide(indexURL, Boolean(fetchModules));
  const { loadPyodide } = await modules.loader;
  mark("loader-imported");
  const stderr = [];
  const pyodide = await Promise.race([
    loadPyodide({
      indexURL,
      createPyodideModule: timedModule(modules.emscripten),
      // Pyodide checks the lock's info (ABI, Python) against its runtime; the
      // build wrote it from the installed Pyodide's own lock, so it cannot go stale.
      lockFileContents: lock,
      // Python's own output is nobody's business on this page: keep stderr only
      // to explain a failure, and never print to the console.
      stdout: () => {},
      stderr: (line) => stderr.push(line),
    }),
    // Pyodide only logs a failed wasm or stdlib download and then waits forever:
    // fail as soon as one of them fails instead of at the page's timeout.
    downloads.failed,
  ]).catch((error) => {
    throw new Error(`${describe(error)}${stderr.length ? `\n${stderr.join("\n")}` : ""}`);
  });
  downloads.done();
  mark("pyodide-ready");
  const pythonMs = Math.round(performance.now() - t0);
  post({ type: "progress", step: "python", percent: STEP_PERCENT.python });

  // The engine is pure Python: its wheel is a zip Python imports from directly
  // (zipimport), with no unpacking and none of the installer's modules (Pyodide's
  // loadPackage would need importlib.metadata, email and tarfile in the trimmed
  // standard library, and took ~1.8x as long in Node here). Its bytes are the ones
  // the lock file names: fetchWheel refused any other.
  pyodide.FS.writeFile(WHEEL_PATH, new Uint8Array(await wheelBytes));
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(WHEEL_PATH)})`);
  mark("wheel-on-path");
  const api = pyodide.pyimport("quiz.api");
  // An attribute proxy is borrowed from its module proxy: copy it to outlive it.
  const call = api.call.copy();
  api.destroy();
  mark("engine-imported");
  post({ type: "progress", step: "engine", percent: STEP_PERCENT.engine });
  post({ type: "ready", ms: Math.round(performance.now() - t0), python_ms: pythonMs });
  // The page's session, once: Python parses the definition and checks the phrases
  // now, in this same task, so every request queued meanwhile finds it started.
  const started = toJs(call("start", JSON.stringify(session)));
  if (started && started.error) throw new Error(`the session did not start: ${started.error.message}`);
  return { call };
}

/**
 * Python's answer as plain JavaScript: a dict or list comes back as a proxy (copied
 * out and freed), a str (the Markdown) as a string.
 * @param {any} value
 */
function toJs(value) {
  if (!value || typeof value.toJs !== "function") return value;
  try {
    return value.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    value.destroy();
  }
}

/**
 * Run one request in Python; always answers, with its result or an {error}.
 * @param {RequestMessage} msg
 */
async function answer({ id, request, data }) {
  let result;
  try {
    if (engine === null) throw new Error("the engine was not started (no init message)");
    const { call } = await engine;
    result = toJs(call(request, JSON.stringify(data === undefined ? {} : data)));
  } catch (error) {
    result = { error: { kind: "engine", message: describe(error) } };
  }
  post({ type: "result", id, request, result });
}
