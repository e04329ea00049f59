/*
 * Parting Kit: the self-assessment engine, run off the page's main thread.
 *
 * A module worker (Pyodide 314 refuses classic workers). quiz.js starts it with
 * `new Worker(url, {type: "module"})` and posts one "init" message with absolute
 * URLs; this worker then loads Pyodide from the site's own copy, puts the
 * engine wheel (the `quiz` package) on sys.path, imports quiz.api and says
 * "ready"; it answers "assess" messages by calling
 * `quiz.api.assess(definition, answers)`; after a result, the page's draft
 * message is assembled, checked and written up by quiz.draft / quiz.you_check
 * (imported right after "ready", while the reader answers).
 *
 * Messages, page -> worker:
 *   {type: "init", pyodide: "<abs URL of the pyodide folder, trailing slash>",
 *                  wheel: "<abs URL of the engine .whl>"}
 *   {type: "assess", id: <number>, definition: {...}, answers: {question: option}}
 *   {type: "draft", id, request: {phrases, kind, fields, choices}}   -> quiz.draft.draft(request)
 *   {type: "check", id, text: "<the draft as edited>", lang: "ru" | "en"}
 *                                                   -> quiz.you_check.check(text, lang)
 *   {type: "markdown", id, result: {...}, draft: {text, lang} | null, lang, links: {section: URL}}
 *                                      -> quiz.draft.markdown_result(result, draft, lang, links)
 * Messages, worker -> page:
 *   {type: "progress", step: "download" | "runtime" | "python" | "engine", percent: 0..100}
 *   {type: "ready", ms: <time from init to ready>, python_ms: <... to Python started>}
 *   {type: "failed", message: "<technical detail, for the console only>"}
 *   {type: "result", id: <same id>, request: "<the request's type>",
 *    result: <what Python returned: {verdict, ...}, {text, you, ...}, {count, matches},
 *             a Markdown string> | {error: {kind, message}}}
 *
 * Every argument crosses into Python as JSON (json.loads), so it arrives exactly
 * as CPython would read it (pyodide.toPy would turn a null into jsnull, not None).
 * Nothing here scores, drafts or checks anything: the rules live in Python. Nothing is stored and
 * nothing is fetched but the four runtime files and the wheel, all same-origin.
 */

// Pyodide checks the lock file's ABI against the runtime and would otherwise
// fetch pyodide-lock.json (120 KB) only to learn this; the engine needs no
// packages from it. tests/node/engine.test.mjs checks this against
// node_modules/pyodide/pyodide-lock.json, so a Pyodide upgrade cannot leave it stale.
const LOCK_FILE = {
  info: { abi_version: "2026_0", arch: "wasm32", platform: "emscripten_5_0_3", python: "3.14.2" },
  packages: {},
};

// The two large files Pyodide fetches, which the site ships gzipped (scripts/
// precompress.py): the worker downloads `file` instead and inflates it, so they
// are small on any host, compressing or not. They are also what the progress bar
// follows (pyodide.asm.mjs comes in by import() beside them); `weight` is their
// share of the bar until a response states its own length.
const PACKED = {
  "pyodide.asm.wasm": { file: "pyodide.asm.wasm.gz", type: "application/wasm", weight: 3_400_000 },
  "python_stdlib.zip": { file: "python_stdlib.zip.gz", type: "application/zip", weight: 550_000 },
};
// Percent of the bar reached at each later step.
const STEP_PERCENT = { runtime: 70, python: 95, engine: 100 };

let engine = null; // Promise of {load, call}, set by "init".

// Where the engine wheel is written in Pyodide's file system (and put on sys.path).
const WHEEL_PATH = "/lib/parting_kit_quiz.whl";

// Request type -> [Python module, function, the message's argument names in order].
const CALLS = {
  assess: ["quiz.api", "assess", ["definition", "answers"]],
  draft: ["quiz.draft", "draft", ["request"]],
  check: ["quiz.you_check", "check", ["text", "lang"]],
  markdown: ["quiz.draft", "markdown_result", ["result", "draft", "lang", "links"]],
};

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === "init" && engine === null) {
    engine = start(msg);
    // A failure is reported once, here; "assess" messages waiting on the same
    // promise then answer with an error of kind "engine".
    engine.catch((error) => post({ type: "failed", message: describe(error) }));
  } else if (Object.prototype.hasOwnProperty.call(CALLS, msg.type)) {
    answer(msg);
  }
});

function post(message) {
  self.postMessage(message);
}

function describe(error) {
  return error && error.message ? error.message : String(error);
}

/** Load Pyodide, put the engine wheel on sys.path, import the scoring module; resolve with {load, call}. */
async function start({ pyodide: indexURL, wheel: wheelURL }) {
  const t0 = performance.now();
  const downloads = watchDownloads(indexURL);
  // Start the wheel download now, beside the runtime's.
  const wheelBytes = fetch(wheelURL).then((response) => {
    if (!response.ok) throw new Error(`engine wheel: HTTP ${response.status} for ${wheelURL}`);
    return response.arrayBuffer();
  });
  wheelBytes.catch(() => {}); // Reported when awaited below; avoid an unhandled rejection.

  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const stderr = [];
  const pyodide = await Promise.race([
    loadPyodide({
      indexURL,
      lockFileContents: LOCK_FILE,
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
  // (zipimport), with no unpacking and none of the installer's modules.
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

/**
 * Serve Pyodide's fetches of the PACKED files from their gzipped copies, follow
 * those downloads for the progress bar, and notice a failed one (Pyodide itself
 * would hang on it).
 *
 * Wraps this worker's own `fetch`: a PACKED file comes back as a Response
 * streaming its inflated bytes with its own Content-Type, as it downloads (the
 * wasm still compiles while it streams in). Everything else goes through untouched.
 */
function watchDownloads(indexURL) {
  const nativeFetch = self.fetch.bind(self);
  const files = new Map(); // name -> {loaded, total, complete}
  let lastPercent = -1;
  let reject;
  const failed = new Promise((_, no) => {
    reject = no;
  });
  failed.catch(() => {});

  function report() {
    let loaded = 0;
    let total = 0;
    for (const [name, { weight }] of Object.entries(PACKED)) {
      const file = files.get(name);
      const size = file && file.total ? file.total : weight;
      total += size;
      loaded += file ? Math.min(file.loaded, size) : 0;
    }
    const complete = [...files.values()].filter((f) => f.complete).length;
    if (complete === Object.keys(PACKED).length) {
      post({ type: "progress", step: "runtime", percent: STEP_PERCENT.runtime });
      return;
    }
    const percent = Math.floor((STEP_PERCENT.runtime * loaded) / total);
    if (percent > lastPercent) {
      lastPercent = percent;
      post({ type: "progress", step: "download", percent });
    }
  }

  /** The response's body, counted into the progress bar as it arrives. */
  function counted(name, response) {
    // A response the host compressed on top states that length: use the weight then.
    const length = response.headers.get("Content-Encoding")
      ? 0
      : Number(response.headers.get("Content-Length")) || 0;
    const file = { loaded: 0, total: length, complete: false };
    files.set(name, file);
    const reader = response.body.getReader();
    return new ReadableStream({
      async pull(controller) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (error) {
          // Cut off halfway: Pyodide would wait forever on this one too.
          reject(new Error(`${name}: download interrupted: ${describe(error)}`));
          controller.error(error);
          return;
        }
        if (chunk.done) {
          file.complete = true;
          file.total = file.loaded;
          report();
          controller.close();
        } else {
          file.loaded += chunk.value.byteLength;
          report();
          controller.enqueue(chunk.value);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
  }

  /**
   * The file's own bytes from its gzipped stream: inflated here, unless the host
   * already did (a server that sends .gz files with Content-Encoding: gzip); a
   * stream that cannot be inflated fails the start-up instead of hanging it.
   */
  async function inflated(name, stream) {
    const reader = stream.getReader();
    const head = [];
    let size = 0;
    while (size < 2) {
      const { done, value } = await reader.read();
      if (done) break;
      head.push(value);
      size += value.byteLength;
    }
    const first = new Uint8Array(size);
    head.reduce((at, chunk) => (first.set(chunk, at), at + chunk.byteLength), 0);
    const whole = new ReadableStream({
      start(controller) {
        if (size) controller.enqueue(first);
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    const gzip = first[0] === 0x1f && first[1] === 0x8b;
    if (!gzip) return whole;
    const out = whole.pipeThrough(new DecompressionStream("gzip")).getReader();
    return new ReadableStream({
      async pull(controller) {
        try {
          const { done, value } = await out.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          reject(new Error(`${name}: the gzipped copy cannot be inflated: ${describe(error)}`));
          controller.error(error);
        }
      },
      cancel(reason) {
        return out.cancel(reason);
      },
    });
  }

  self.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), indexURL);
    const name = url.href.startsWith(indexURL) ? url.href.slice(indexURL.length) : "";
    if (!(name in PACKED)) return nativeFetch(input, init);
    const packed = new URL(PACKED[name].file, indexURL).href;
    return nativeFetch(packed, init).then(
      async (response) => {
        if (!response.ok) {
          const error = new Error(`${PACKED[name].file}: HTTP ${response.status} for ${packed}`);
          reject(error);
          throw error;
        }
        const body = await inflated(name, counted(name, response));
        return new Response(body, { status: 200, headers: { "Content-Type": PACKED[name].type } });
      },
      (error) => {
        reject(new Error(`${PACKED[name].file}: ${describe(error)} (${packed})`));
        throw error;
      },
    );
  };

  return {
    failed,
    // Once Pyodide is up, later fetches need no watching.
    done() {
      self.fetch = nativeFetch;
    },
  };
}
