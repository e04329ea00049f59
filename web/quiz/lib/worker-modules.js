/*
 * Parting Kit: how the engine worker imports Pyodide's ES modules (pyodide.mjs,
 * the loader, and pyodide.asm.mjs, its Emscripten module).
 *
 * The hosted site imports them by URL: its server labels .mjs as JavaScript
 * (scripts/deploy/), and the browser keeps their compiled code.
 * A course package is served by an LMS, whose file server labels files from
 * its own table: one that sends .mjs as application/octet-stream or text/plain
 * makes import() fail at once ("Failed to fetch dynamically imported module").
 * When #quiz-data says so (runtime.fetch_modules, which scripts/products/scorm.py
 * sets in the packages' pages), their text is fetched instead - fetch() reads a
 * file whatever its type - and imported from a blob: URL typed as JavaScript; the
 * loader is always handed its Emscripten module (the createPyodideModule option),
 * so that it imports no file by URL itself. The other runtime files are
 * fetched already (lib/worker-downloads.js, lib/engine-wheel.js), and read
 * whatever their type.
 *
 * The blob: imports happen in this worker, which, started from a same-origin URL,
 * runs under the policy its own response brings (none from a plain file server),
 * not the page's <meta> Content-Security-Policy: the pages' policy allows no blob:
 * and needs none (tests/browser/test_scorm.py runs the packages under it).
 */

/**
 * Pyodide's loader module (whose loadPyodide() starts the runtime) and its
 * Emscripten module, both requested now, side by side: the worker hands the latter
 * to loadPyodide (its createPyodideModule option) instead of letting the loader
 * import it only after its own configuration step.
 * @param {string} indexURL  the Pyodide folder's absolute URL (trailing slash)
 * @param {boolean} fetchModules  import the modules from their fetched text, not by URL
 * @returns {{loader: Promise<{loadPyodide: (options: Record<string, unknown>) => Promise<any>}>,
 *   emscripten: Promise<{default: (settings: any) => Promise<any>}>}}
 */
export function importPyodide(indexURL, fetchModules) {
  const importer = fetchModules ? importFetched : (/** @type {string} */ url) => import(url);
  const emscripten = importer(new URL("pyodide.asm.mjs", indexURL).href);
  emscripten.catch(() => {}); // reported by loadPyodide, which awaits it
  return { loader: importer(new URL("pyodide.mjs", indexURL).href), emscripten };
}

/**
 * The module at `url`, imported from its fetched bytes, whatever type the server gave them.
 * @param {string} url
 */
async function importFetched(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  const source = URL.createObjectURL(new Blob([await response.blob()], { type: "text/javascript" }));
  try {
    return await import(source);
  } finally {
    // Imported once and for all: the URL is not needed again.
    URL.revokeObjectURL(source);
  }
}
