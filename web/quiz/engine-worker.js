/*
 * Parting Kit: the self-assessment engine, run off the page's main thread.
 *
 * Entry of the worker, shipped as assets/quiz/engine-worker.js (bundled by esbuild
 * into one script; the offline bundle runs the same file as a classic worker).
 * A module worker (Pyodide 314 refuses classic workers). quiz.js starts it with
 * `new Worker(url, {type: "module"})` and posts one "init" message with absolute
 * URLs; this worker then loads Pyodide from the site's own copy, puts the
 * engine wheel (the `quiz` package) on sys.path, imports quiz.api and says
 * "ready"; it answers "assess" messages by calling
 * `quiz.api.assess(definition, answers)`; after a result, the page's draft
 * message is assembled, checked and written up by quiz.draft / quiz.you_check
 * (imported right after "ready", while the reader answers).
 *
 * The messages both ways, and what each call returns, are written down once in
 * lib/types.js (PageMessage, WorkerMessage; Python's side: quiz/api_types.py);
 * CALLS below routes each request type to its Python function.
 *
 * Every argument crosses into Python as JSON (json.loads), so it arrives exactly
 * as CPython would read it (pyodide.toPy would turn a null into jsnull, not None).
 * Nothing here scores, drafts or checks anything: the rules live in Python. Nothing is stored and
 * nothing is fetched but the four runtime files, the site's lock file and the wheel, all
 * same-origin (lib/worker-downloads.js serves and follows the runtime's downloads;
 * lib/engine-wheel.js fetches the lock file and the wheel, checked against it).
 */

import { describe } from "./lib/text.js";
import { STEP_PERCENT, watchDownloads } from "./lib/worker-downloads.js";
import { fetchLock, fetchWheel } from "./lib/engine-wheel.js";
import { importPyodide } from "./lib/worker-modules.js";

/** @typedef {import("./lib/types.js").PageMessage} PageMessage */
/** @typedef {import("./lib/types.js").WorkerMessage} WorkerMessage */
/** @typedef {import("./lib/types.js").EngineRequest} EngineRequest */
/** @typedef {{load: (type: EngineRequest["type"]) => any, call: (...args: any[]) => any}} Engine */

/** @type {Promise<Engine> | null} set by "init" */
let engine = null;

// Where the engine wheel is written in Pyodide's file system (and put on sys.path).
const WHEEL_PATH = "/lib/parting_kit_quiz.whl";

// Request type -> [Python module, function, the message's argument names in order].
/** @type {Record<EngineRequest["type"], [string, string, string[]]>} */
const CALLS = {
  assess: ["quiz.api", "assess", ["definition", "answers"]],
  draft: ["quiz.draft", "draft", ["request"]],
  check: ["quiz.you_check", "check", ["text", "lang"]],
  take_away: ["quiz.draft", "take_away", ["text", "phrases"]],
  markdown: ["quiz.draft", "markdown_result", ["result", "draft", "phrases", "links"]],
  save_answers: ["quiz.api", "save_answers", ["definition", "answers", "saved_on"]],
  open_answers: ["quiz.api", "open_answers", ["definition", "text", "size"]],
  compare_answers: ["quiz.api", "compare_answers", ["definition", "saved", "answers"]],
};

self.addEventListener("message", (/** @type {MessageEvent<PageMessage>} */ event) => {
  const msg = event.data || /** @type {PageMessage} */ ({});
  if (msg.type === "init" && engine === null) {
    engine = start(msg);
    // A failure is reported once, here; "assess" messages waiting on the same
    // promise then answer with an error of kind "engine".
    engine.catch((error) => post({ type: "failed", message: describe(error) }));
  } else if (Object.prototype.hasOwnProperty.call(CALLS, msg.type)) {
    answer(msg);
  }
});

/** @param {WorkerMessage} message */
function post(message) {
  self.postMessage(message);
}

/** Load Pyodide, put the engine wheel on sys.path, import the scoring module; resolve with {load, call}. */
async function start({ pyodide: indexURL, wheel: wheelURL, fetch_modules: fetchModules = false }) {
  const t0 = performance.now();
  const downloads = watchDownloads(indexURL, post);
  // The site's lock file (beside the wheel), then the wheel checked against it: both
  // start now, beside the runtime's download.
  const lock = fetchLock(wheelURL);
  const wheelBytes = lock.then((lockFile) => fetchWheel(wheelURL, lockFile));
  lock.catch(() => {}); // Both are reported when awaited below; avoid an unhandled rejection.
  wheelBytes.catch(() => {});

  const { loadPyodide } = await importPyodide(indexURL, Boolean(fetchModules));
  const stderr = [];
  const pyodide = await Promise.race([
    loadPyodide({
      indexURL,
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
  const pythonMs = Math.round(performance.now() - t0);
  post({ type: "progress", step: "python", percent: STEP_PERCENT.python });

  // The engine is pure Python: its wheel is a zip Python imports from directly
  // (zipimport), with no unpacking and none of the installer's modules (Pyodide's
  // loadPackage would need importlib.metadata, email and tarfile in the trimmed
  // standard library, and took ~1.8x as long in Node here). Its bytes are the ones
  // the lock file names: fetchWheel refused any other.
  pyodide.FS.writeFile(WHEEL_PATH, new Uint8Array(await wheelBytes));
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(WHEEL_PATH)})`);
  const functions = {};
  /** The Python function behind a request type, imported on first use. */
  function load(type) {
    if (!functions[type]) {
      const [moduleName, name] = CALLS[type];
      const module = pyodide.pyimport(moduleName);
      // An attribute proxy is borrowed from its module proxy: copy it to outlive it.
      functions[type] = module[name].copy();
      module.destroy();
    }
    return functions[type];
  }
  load("assess");
  // Data crosses into Python as JSON text and is decoded there, so it arrives
  // exactly as CPython would read it (pyodide.toPy would turn a null into jsnull
  // rather than None) and no decoded value crosses back before the call.
  const call = pyodide.runPython(
    "import json\n" +
      "def call(fn, *args):\n" +
      "    return fn(*(json.loads(arg) for arg in args))\n" +
      "call",
  );
  post({ type: "progress", step: "engine", percent: STEP_PERCENT.engine });
  post({ type: "ready", ms: Math.round(performance.now() - t0), python_ms: pythonMs });
  // Scoring is ready; the drafter's modules load now, while the reader answers.
  setTimeout(() => {
    for (const type of Object.keys(CALLS)) {
      try {
        load(type);
      } catch (error) {
        // Reported by the request that needs it (answer() loads it again).
      }
    }
  }, 0);
  return { load, call };
}

/** Run one call into Python; always answers, with its result or an {error}. */
async function answer(msg) {
  const { id, type } = msg;
  let result;
  try {
    if (engine === null) throw new Error("the engine was not started (no init message)");
    const { load, call } = await engine;
    // A missing argument is None in Python, as null is.
    const args = CALLS[type][2].map((name) => JSON.stringify(msg[name] === undefined ? null : msg[name]));
    const pyResult = call(load(type), ...args);
    // A dict or list comes back as a proxy; a str (the Markdown) as a JS string.
    if (pyResult && typeof pyResult.toJs === "function") {
      try {
        result = pyResult.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
      } finally {
        pyResult.destroy();
      }
    } else {
      result = pyResult;
    }
  } catch (error) {
    result = { error: { kind: "engine", message: describe(error) } };
  }
  post({ type: "result", id, request: type, result });
}
