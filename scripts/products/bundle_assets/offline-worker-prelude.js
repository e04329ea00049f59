/*
 * Parting Kit offline bundle: the start of the engine worker's source.
 *
 * scripts/products/bundle.py puts this file in front of the hosted site's
 * engine-worker.js (whose `import(` calls become `__pkImport(`), and
 * offline-engine.js starts the result from a blob: URL, after a line defining
 * `__pkFiles`: {"<file name>": {data: "<base64>", gzip: true|false, type: "<MIME>"}}.
 *
 * From file:// nothing can be fetched or imported, so here:
 * - `fetch` answers any URL whose last path segment is an embedded file
 *   (pyodide.asm.wasm.gz, python_stdlib.zip.gz, the engine wheel and the site's
 *   pyodide-lock.json) with a Response streaming its bytes, with the file's own
 *   Content-Type; the engine worker inflates the .gz ones, as it does on the
 *   hosted site; a request's `integrity` (the wheel's sha256 from the lock) is
 *   checked here as the browser's fetch would, and a mismatch refused;
 * - `__pkImport` imports pyodide.mjs from a blob: URL, and passes Pyodide the
 *   Emscripten module (pyodide.asm.mjs, also from a blob: URL) as
 *   `createPyodideModule`, so the loader never imports a file:// URL itself.
 * Any other URL is refused: the bundle makes no request but to its own bytes.
 */

function __pkName(url) {
  const path = new URL(String(url), "file:///").pathname;
  const name = decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
  return Object.prototype.hasOwnProperty.call(__pkFiles, name) ? name : null;
}

function __pkDecode(base64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A stream of the file's original bytes (inflated when it is stored gzipped). */
function __pkStream(name) {
  const file = __pkFiles[name];
  const stream = new Blob([__pkDecode(file.data)]).stream();
  return file.gzip ? stream.pipeThrough(new DecompressionStream("gzip")) : stream;
}

function __pkResponse(name) {
  return new Response(__pkStream(name), { status: 200, headers: { "Content-Type": __pkFiles[name].type } });
}

const __pkBlobURLs = new Map();
async function __pkBlobURL(name) {
  if (!__pkBlobURLs.has(name)) {
    const blob = await __pkResponse(name).blob();
    __pkBlobURLs.set(name, URL.createObjectURL(new Blob([blob], { type: "text/javascript" })));
  }
  return __pkBlobURLs.get(name);
}

/** The response, once its bytes match `integrity` ("sha256-<base64>"), as fetch() checks it. */
async function __pkChecked(name, integrity) {
  const [algorithm, expected] = String(integrity).split("-", 2);
  if (algorithm !== "sha256" || !expected) throw new TypeError(`offline bundle: unsupported integrity ${integrity}`);
  const bytes = await __pkResponse(name).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  if (btoa(String.fromCharCode(...digest)) !== expected) {
    throw new TypeError(`offline bundle: ${name} does not match its integrity ${integrity}`);
  }
  return new Response(bytes, { status: 200, headers: { "Content-Type": __pkFiles[name].type } });
}

self.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const name = __pkName(url);
  if (name === null) {
    return Promise.reject(new TypeError(`offline bundle: ${url} is not part of the bundle`));
  }
  if (init && init.integrity) return __pkChecked(name, init.integrity);
  return Promise.resolve(__pkResponse(name));
};

async function __pkImport(url) {
  const name = __pkName(url);
  if (name === null) throw new TypeError(`offline bundle: cannot import ${url}`);
  const module = await import(await __pkBlobURL(name));
  if (name !== "pyodide.mjs") return module;
  const createPyodideModule = (await import(await __pkBlobURL("pyodide.asm.mjs"))).default;
  return {
    ...module,
    // The engine worker passes its own (the same module, imported through here): it wins.
    loadPyodide: (options) => module.loadPyodide({ createPyodideModule, ...options }),
  };
}

