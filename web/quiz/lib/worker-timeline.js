/*
 * Parting Kit: the engine's start-up timeline, as User Timing marks named
 * "parting-kit:<step>". `make bench` reads them (scripts/bench/measure.py) and
 * shows where the time to "ready" goes; nothing else reads them, and a mark costs
 * microseconds. The page marks when quiz.js starts the engine (lib/engine.js);
 * the worker marks its own steps, and around Pyodide's start-up the points only
 * Emscripten's settings can see (the wasm instantiated, Python's main() done).
 */

/** @param {string} step */
export function mark(step) {
  performance.mark(`parting-kit:${step}`);
}

/**
 * Pyodide's `createPyodideModule` (the default export of pyodide.asm.mjs), with
 * marks when the wasm is compiled and instantiated and when the interpreter has
 * started (Emscripten's postRun: Python's main() returned). Passed to
 * loadPyodide as its `createPyodideModule` option.
 * @param {Promise<{default: (settings: any) => Promise<any>}>} module  import() of pyodide.asm.mjs
 * @returns {(settings: any) => Promise<any>}
 */
export function timedModule(module) {
  return async (settings) => {
    const instantiate = settings.instantiateWasm;
    if (typeof instantiate === "function") {
      settings.instantiateWasm = (/** @type {any} */ imports, /** @type {Function} */ done) =>
        instantiate(imports, (/** @type {any} */ instance, /** @type {any} */ wasm) => {
          mark("compiled");
          done(instance, wasm);
        });
    }
    settings.postRun = [...(settings.postRun || []), () => mark("interpreter-started")];
    const create = (await module).default;
    return create(settings);
  };
}
